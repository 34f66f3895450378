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


def _library(folder: Path, *episodes: tuple[str, str]) -> Library:
    from podnotes.model import Episode

    library = Library(folder)
    for title, podcast in episodes:
        library.save(Episode(title=title, podcast=podcast))
    return library


def test_podcast_name_after_titles_and_never_a_weak_fuzzy_guess(tmp_path: Path) -> None:
    library = _library(
        tmp_path,
        ("Let's build GPT: from scratch, in code, spelled out", "Andrej Karpathy"),
        ("Sam Altman: OpenAI, GPT-5, Sora and AGI", "Lex Fridman Podcast"),
    )
    assert resolve(library, "lex").slug == "sam-altman-openai-gpt-5-sora-and-agi"
    assert resolve(library, "karpathy").slug.startswith("lets-build-gpt")
    with pytest.raises(EpisodeNotFoundError, match="ambiguous"):
        resolve(library, "gpt")  # a word of both titles: the two candidates, no pick


def test_whole_title_words_come_before_word_prefixes(tmp_path: Path) -> None:
    library = _library(
        tmp_path,
        ("Sleep and memory", "A"),
        ("Sleeping pills explained", "B"),
    )
    assert resolve(library, "sleep").slug == "sleep-and-memory"  # slug prefix
    assert resolve(library, "memory sleep").slug == "sleep-and-memory"
    assert resolve(library, "pills").slug == "sleeping-pills-explained"
    assert resolve(library, "pill").slug == "sleeping-pills-explained"  # a word's prefix


def test_a_short_name_is_never_fuzzily_guessed(tmp_path: Path) -> None:
    library = _library(tmp_path, ("Deep work", "Cal"), ("Zen habits", "Leo"))
    with pytest.raises(EpisodeNotFoundError):
        resolve(library, "wrk")


def test_did_you_mean_is_ranked_by_similarity(tmp_path: Path) -> None:
    library = _library(
        tmp_path,
        ("Sleep apnea and snoring in older adults", "A"),
        ("Sleep", "B"),
        ("Sleep tracking", "C"),
    )
    with pytest.raises(EpisodeNotFoundError) as caught:
        resolve(library, "sl")
    assert "did you mean: sleep, sleep-tracking, sleep-apnea" in str(caught.value)
