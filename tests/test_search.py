from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from podnotes.search import BadQueryError, Mode, Query, search
from podnotes.store import Library


def entries(folder: Path):  # type: ignore[no-untyped-def]
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
