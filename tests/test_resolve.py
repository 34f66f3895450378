from __future__ import annotations

from pathlib import Path

import pytest

from podnotes.errors import EpisodeNotFoundError
from podnotes.model import Summary
from podnotes.resolve import complete, matches, resolve
from podnotes.store import Library

DEMO = "sholto-douglas-trenton-bricken-how-to-build-understand-gpt-7s-mind"


def test_exact_slug_prefix_and_title_words(small_library: Path) -> None:
    library = Library(small_library)
    assert resolve(library, DEMO).slug == DEMO
    assert resolve(library, "sholto").slug == DEMO
    assert resolve(library, "GPT-7").slug == DEMO
    assert resolve(library, "slep scince").slug == "sleep-science-with-ada-moreno"


def test_ambiguous_and_unknown_list_candidates(small_library: Path) -> None:
    library = Library(small_library)
    with pytest.raises(EpisodeNotFoundError, match="ambiguous; did you mean"):
        resolve(library, "s")  # the prefix of two slugs
    with pytest.raises(EpisodeNotFoundError, match="matches no episode; did you mean"):
        resolve(library, "qqqqqq")


def test_empty_library(notes_dir: Path) -> None:
    with pytest.raises(EpisodeNotFoundError, match="empty"):
        resolve(Library(notes_dir), "x")


def test_completion_uses_slugs(small_library: Path) -> None:
    assert complete(Library(small_library), "sl") == ["sleep-science-with-ada-moreno"]


def test_matches_by_podcast_and_tag(small_library: Path) -> None:
    entries = [Summary.of(e.slug, e.episode) for e in Library(small_library).load_all()[0]]

    def chosen(podcast: str | None, tag: str | None) -> list[str]:
        return [e.slug for e in entries if matches(e, podcast=podcast, tag=tag)]

    assert chosen("huberman", None) == ["sleep-science-with-ada-moreno"]
    assert chosen(None, "#SLEEP") == ["sleep-science-with-ada-moreno"]
    assert chosen("nobody", None) == []
    assert len(chosen(None, None)) == 3
