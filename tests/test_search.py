from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from podnotes.search import BadQueryError, Mode, Query, search
from podnotes.store import Library


def entries(folder: Path):
    return Library(folder).load_all()[0]


def test_typo_still_ranks_the_intended_deep_dive_first(demo_library: Path) -> None:
    hits = search(entries(demo_library), Query("interpretibility"))
    assert hits[0].field == "deep-dives"
    assert hits[0].text.startswith("Optimism in Model Interpretability")
    start, end = hits[0].span
    assert hits[0].text[start:end] == "Interpretability"


def test_word_order_does_not_hide_a_hit(demo_library: Path) -> None:
    hits = search(entries(demo_library), Query("learning dictionary"))
    assert hits
    assert all("dictionary learning" in h.text for h in hits[:2])


def test_exact_phrase_outranks_fuzzy(demo_library: Path) -> None:
    hits = search(entries(demo_library), Query("dictionary learning", limit=None))
    assert hits[0].score == 100.0
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))
    assert any(h.score < 100 for h in search(entries(demo_library), Query("dictionry lerning")))


def test_nonsense_finds_nothing(demo_library: Path) -> None:
    assert search(entries(demo_library), Query("zyzzogeton quasar")) == []


def test_exact_is_case_sensitive_unless_asked(demo_library: Path) -> None:
    found = entries(demo_library)
    assert search(found, Query("SYNTHETIC DATA", mode=Mode.EXACT)) == []
    hits = search(found, Query("SYNTHETIC DATA", mode=Mode.EXACT, ignore_case=True))
    assert {h.field for h in hits} == {"takeaways", "deep-dives"}
    for hit in hits:
        assert hit.text[hit.span[0] : hit.span[1]].lower() == "synthetic data"


def test_regex_mode_and_bad_regex(demo_library: Path) -> None:
    hits = search(entries(demo_library), Query(r"base \d+", mode=Mode.REGEX))
    assert [h.text[h.span[0] : h.span[1]] for h in hits] == ["base 64"]
    with pytest.raises(BadQueryError, match="invalid regular expression"):
        search(entries(demo_library), Query("(", mode=Mode.REGEX))


def test_fields_limit_where_to_look(small_library: Path) -> None:
    found = entries(small_library)
    hits = search(found, Query("adenosine", fields=frozenset({"chapters"})))
    assert [(h.field, h.text) for h in hits] == [("chapters", "Adenosine")]
    assert {h.field for h in search(found, Query("adenosine", limit=None))} >= {
        "takeaways",
        "highlights",
        "chapters",
    }


def test_limit_and_min_score(demo_library: Path) -> None:
    found = entries(demo_library)
    assert len(search(found, Query("model", limit=3))) == 3
    loose = search(found, Query("modle traning", min_score=60, limit=None))
    strict = search(found, Query("modle traning", min_score=95, limit=None))
    assert len(loose) > len(strict)


def test_empty_query_is_an_error(demo_library: Path) -> None:
    with pytest.raises(BadQueryError):
        search(entries(demo_library), Query("  "))


@pytest.mark.parametrize("mode", [Mode.FUZZY, Mode.EXACT])
def test_episodes_keep_hits_to_them_and_the_limit_holds_among_them(
    small_library: Path, mode: Mode
) -> None:
    """A filtered search (--podcast ...) asks only the episodes it keeps, from the index as
    from notes in memory: its first hits are the first of all hits that are in them."""
    from podnotes.index import Index

    index = Index.open(Library(small_library))
    text = "dictionary learning" if mode is Mode.FUZZY else "the"
    every = search(index, Query(text, mode, ignore_case=True, limit=None))
    kept = frozenset({h.episode for h in every[1:]} - {every[0].episode})  # not the best one
    assert kept
    expected = [h for h in every if h.episode in kept][:2]
    for source in (index, entries(small_library)):
        found = search(source, Query(text, mode, ignore_case=True, limit=2, episodes=kept))
        assert [(h.episode, h.text, h.score) for h in found] == [
            (h.episode, h.text, h.score) for h in expected
        ]
    assert search(index, Query(text, mode, ignore_case=True, episodes=frozenset())) == []
