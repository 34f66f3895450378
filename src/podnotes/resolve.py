"""EPISODE arguments -> one library entry. Tried in order, the first step that finds anything
decides: the exact slug, a slug prefix (whole words of the slug first), the title's whole
words, the title's words as prefixes, the podcast's name, then a fuzzy match on the title that
must be clearly best. More than one episode at a step stops with the candidates ranked by
similarity, never a guess."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from podnotes.errors import EpisodeNotFoundError
from podnotes.model import Summary
from podnotes.store import Entry, Library

FUZZY_MIN = 75.0
CLEAR_LEAD = 8.0  # a fuzzy winner must beat the runner-up by this much
FUZZY_MIN_LENGTH = 4  # shorter names are too easily "close" to anything: never guessed
SHOWN = 5
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def resolve(
    library: Library,
    name: str,
    summaries: Callable[[], list[Summary]] | None = None,
    *,
    fuzzy: bool = True,
) -> Entry:
    """The entry the user means, or EpisodeNotFoundError listing the best candidates.

    Titles come from `summaries` (the index) when given, else from loading every note.
    Without `fuzzy` a near spelling is only suggested, never taken (for `rm`)."""
    slugs = [path.stem for path in library.paths()]
    if not slugs:
        raise EpisodeNotFoundError(f"the library in {library.root} is empty")
    if name in slugs:
        return library.get(name)
    found = _by_slug(name, slugs)
    if not found:
        known = (
            summaries()
            if summaries
            else [Summary.of(e.slug, e.episode) for e in library.load_all()[0]]
        )
        found = _by_words(name, known)
        if not found:
            return _fuzzy(library, name, {s.slug: s.title for s in known}, take=fuzzy)
    if len(found) == 1:
        return library.get(found[0])
    raise _not_found(name, found, "is ambiguous")


def _by_slug(name: str, slugs: list[str]) -> list[str]:
    """Slugs the name starts, ranked; those where it ends at a word of the slug first."""
    wanted = name.strip().lower()
    if not wanted:
        return []
    whole = [s for s in slugs if s.startswith(f"{wanted}-")]
    prefixed = whole or [s for s in slugs if s.startswith(wanted)]
    return _ranked(name, {s: s for s in prefixed})


def _by_words(name: str, known: list[Summary]) -> list[str]:
    """Episodes by the title's whole words, else the title's word prefixes, else the podcast."""
    words = _words(name)
    if not words:
        return []
    steps: list[tuple[Callable[[Summary], str], bool]] = [
        (lambda s: s.title, True),
        (lambda s: s.title, False),
        (lambda s: s.podcast, False),
    ]
    for text_of, whole in steps:
        found = {s.slug: text_of(s) for s in known if _has_words(text_of(s), words, whole=whole)}
        if found:
            return _ranked(name, found)
    return []


def _fuzzy(library: Library, name: str, titles: dict[str, str], *, take: bool) -> Entry:
    """Every word of the name must be a near spelling of a word of the title (typos forgiven,
    one shared word among many is not enough); the best title must lead clearly."""
    from rapidfuzz import fuzz, process

    words = _words(name)
    scored: list[tuple[float, str]] = []
    for slug, title in titles.items():
        have = _words(title)
        if not have or not words:
            continue
        best = [process.extractOne(w, have, scorer=fuzz.ratio)[1] for w in words]
        scored.append((min(best) if min(best) >= FUZZY_MIN else sum(best) / len(best) / 2, slug))
    scored.sort(key=lambda item: (-item[0], item[1]))
    good = [(slug, score) for score, slug in scored[:SHOWN] if score >= FUZZY_MIN]
    clear = len(good) == 1 or (len(good) > 1 and good[0][1] - good[1][1] >= CLEAR_LEAD)
    if good and clear and take and len(name.strip()) >= FUZZY_MIN_LENGTH:
        return library.get(good[0][0])
    if good and not take:
        raise _not_found(name, [slug for slug, _ in good], "matches no episode exactly")
    if good:
        raise _not_found(name, [slug for slug, _ in good], "is ambiguous")
    raise _not_found(name, [slug for _, slug in scored[:3]], "matches no episode")


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _has_words(text: str, words: list[str], *, whole: bool) -> bool:
    """Every word of the name is a word of text (or starts one, when not `whole`)."""
    if not text:
        return False
    have = _words(text)
    if whole:
        return all(w in have for w in words)
    return all(any(h.startswith(w) for h in have) for w in words)


def _ranked(name: str, choices: dict[str, str]) -> list[str]:
    """Slugs, most similar to `name` first (by what they were found by: slug, title, podcast)."""
    from rapidfuzz import fuzz, utils

    def score(slug: str) -> tuple[float, int, str]:
        text = choices[slug]
        return (-fuzz.WRatio(name, text, processor=utils.default_process), len(text), slug)

    return sorted(choices, key=score)


def _not_found(name: str, candidates: Sequence[str], problem: str) -> EpisodeNotFoundError:
    shown = ", ".join(candidates[:SHOWN])
    more = f" (and {len(candidates) - SHOWN} more)" if len(candidates) > SHOWN else ""
    return EpisodeNotFoundError(f"{name!r} {problem}; did you mean: {shown}{more}")


def complete(library: Library, incomplete: str) -> list[str]:
    """Slugs for shell completion: cheap, from file names only."""
    return [p.stem for p in library.paths() if p.stem.startswith(incomplete.lower())]


def matches(episode: Summary, *, podcast: str | None, tag: str | None) -> bool:
    """Whether the podcast name contains `podcast` and the episode carries `tag` (ignoring case)."""
    if podcast and podcast.casefold() not in episode.podcast.casefold():
        return False
    return not tag or tag.lstrip("#").casefold() in (t.casefold() for t in episode.tags)
