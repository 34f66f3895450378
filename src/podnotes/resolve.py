"""EPISODE arguments -> one library entry: an exact slug, a unique slug prefix, words of the
title, or a fuzzy match on the title."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from podnotes.errors import EpisodeNotFoundError
from podnotes.model import Summary
from podnotes.store import Entry, Library

FUZZY_MIN = 75.0
CLEAR_LEAD = 8.0  # a fuzzy winner must beat the runner-up by this much


def resolve(
    library: Library, name: str, summaries: Callable[[], list[Summary]] | None = None
) -> Entry:
    """The entry the user means, or EpisodeNotFoundError listing the best candidates.

    Titles come from `summaries` (the index) when given, else from loading every note."""
    slugs = [path.stem for path in library.paths()]
    if not slugs:
        raise EpisodeNotFoundError(f"the library in {library.root} is empty")
    if name in slugs:
        return library.get(name)
    prefixed = [s for s in slugs if s.startswith(name.lower())]
    if len(prefixed) == 1:
        return library.get(prefixed[0])
    if len(prefixed) > 1:
        raise _not_found(name, prefixed, "is ambiguous")

    known = (
        summaries() if summaries else [Summary.of(e.slug, e.episode) for e in library.load_all()[0]]
    )
    words = name.casefold()
    containing = [s.slug for s in known if words in s.title.casefold()]
    if len(containing) == 1:
        return library.get(containing[0])
    if len(containing) > 1:
        raise _not_found(name, containing, "is ambiguous")

    from rapidfuzz import fuzz, process, utils

    titles = {s.slug: s.title for s in known}
    scored = process.extract(
        name, titles, scorer=fuzz.partial_ratio, processor=utils.default_process, limit=5
    )
    good = [(slug, score) for _, score, slug in scored if score >= FUZZY_MIN]
    if good and (len(good) == 1 or good[0][1] - good[1][1] >= CLEAR_LEAD):
        return library.get(good[0][0])
    if good:
        raise _not_found(name, [slug for slug, _ in good], "is ambiguous")
    raise _not_found(name, [slug for _, _, slug in scored[:3]], "matches no episode")


def _not_found(name: str, candidates: Sequence[str], problem: str) -> EpisodeNotFoundError:
    shown = ", ".join(candidates[:5])
    return EpisodeNotFoundError(f"{name!r} {problem}; did you mean: {shown}")


def complete(library: Library, incomplete: str) -> list[str]:
    """Slugs for shell completion: cheap, from file names only."""
    return [p.stem for p in library.paths() if p.stem.startswith(incomplete.lower())]


def matches(episode: Summary, *, podcast: str | None, tag: str | None) -> bool:
    """Whether the podcast name contains `podcast` and the episode carries `tag` (ignoring case)."""
    if podcast and podcast.casefold() not in episode.podcast.casefold():
        return False
    return not tag or tag.lstrip("#").casefold() in (t.casefold() for t in episode.tags)
