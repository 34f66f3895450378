"""Episode filters (--podcast, --tag, --guest, --since, --until) and `list --sort`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podnotes.errors import PodnotesError
from podnotes.filters import Filter, Sort, day, sort_summaries
from podnotes.model import Summary

SLEEP = "sleep-science-with-ada-moreno"
DEMO = "sholto-douglas-trenton-bricken-how-to-build-understand-gpt-7s-mind"
HOSTILE = "hostile-bold-markup-bold-episode"

EPISODES = [
    Summary("b", "Beta", "Huberman Lab", "2024-05-01", ("Ada Moreno",), ("Sleep", "#health")),
    Summary("a", "alpha", "Dwarkesh Podcast", None, ("Sholto Douglas",), ("ai",)),
    Summary("c", "Gamma", "", "2023-12-31", (), ()),
]


def test_partial_dates_open_and_close_a_range() -> None:
    assert day("2024", "--since", last=False) == "2024-01-01"
    assert day("2024", "--until", last=True) == "2024-12-31"
    assert day("2024-02", "--until", last=True) == "2024-02-29"
    assert day("2024-03-28", "--since", last=False) == "2024-03-28"
    for bad in ("2024-02-30", "yesterday", "2024-13", "0000-01-01", ""):
        with pytest.raises(PodnotesError, match="--since"):
            day(bad, "--since", last=False)


def test_every_condition_must_hold() -> None:
    def slugs(**kw: object) -> list[str]:
        return [e.slug for e in Filter.of(**kw).select(EPISODES)]  # type: ignore[arg-type]

    assert slugs() == ["b", "a", "c"]
    assert not Filter.of()
    assert slugs(podcast="HUBERMAN") == ["b"]
    assert slugs(tags=["#sleep", "health"]) == ["b"]
    assert slugs(tags=["sleep", "ai"]) == []
    assert slugs(guest="sholto") == ["a"]
    assert slugs(since="2024") == ["b"]  # an undated episode is in no range
    assert slugs(until="2023") == ["c"]
    assert slugs(since="2023-12-31", until="2024-05-01") == ["b", "c"]


def test_sorting_keeps_unknown_values_last_both_ways() -> None:
    order = [e.slug for e in sort_summaries(EPISODES, Sort.DATE)]
    assert order == ["c", "b", "a"]
    assert [e.slug for e in sort_summaries(EPISODES, Sort.DATE, reverse=True)] == ["b", "c", "a"]
    assert [e.slug for e in sort_summaries(EPISODES, Sort.TITLE)] == ["a", "b", "c"]
    assert [e.slug for e in sort_summaries(EPISODES, Sort.PODCAST)] == ["a", "b", "c"]
    assert [e.slug for e in sort_summaries(EPISODES, None, reverse=True)] == ["c", "b", "a"]


def _slugs(output: str) -> list[str]:
    return [item["slug"] for item in json.loads(output)]


def test_list_filters_and_sorts(cli, small_library: Path) -> None:
    result = cli("list", "--podcast", "huberman", "--json")
    assert result.exit_code == 0, result.stderr
    assert _slugs(result.stdout) == [SLEEP]
    assert _slugs(cli("list", "--guest", "trenton", "--json").stdout) == [DEMO]
    assert _slugs(cli("list", "--tag", "SLEEP", "--since", "2024-05", "--json").stdout) == [SLEEP]
    assert _slugs(cli("list", "--until", "2024-04-30", "--json").stdout) == []
    by_title = _slugs(cli("list", "--sort", "title", "--json").stdout)
    assert by_title == [HOSTILE, DEMO, SLEEP]
    assert _slugs(cli("list", "--sort", "title", "--reverse", "--json").stdout) == by_title[::-1]
    note = small_library / f"{SLEEP}.yaml"
    text = note.read_text()
    stamp = text[text.rindex("imported: ") :].split("\n")[0]
    swap = note.with_name(f".{note.name}.swp")  # replaced by rename: seen by the next command
    swap.write_text(text.replace(stamp, "imported: '2001-01-01T00:00:00Z'"))
    swap.replace(note)
    assert _slugs(cli("list", "--sort", "added", "--json").stdout)[0] == SLEEP
    assert _slugs(cli("list", "--sort", "added", "-r", "--json").stdout)[-1] == SLEEP
    bad = cli("list", "--since", "2024-02-30")
    assert bad.exit_code == 2
    assert "--since" in bad.stderr
    assert "not a date" in bad.stderr


def test_takeaways_topics_and_export_take_the_filters(cli, small_library: Path, tmp_path) -> None:
    result = cli("takeaways", "--guest", "ada", "--json")
    assert result.exit_code == 0, result.stderr
    assert [g["episode"] for g in json.loads(result.stdout)] == [SLEEP]
    topics = json.loads(cli("topics", "--podcast", "huberman", "--json").stdout)
    assert {t["topic"] for t in topics} == {
        "Dictionary Learning for Sleep Stages",
        "Circadian Rhythm Basics",
    }
    assert len(json.loads(cli("topics", "--json").stdout)) > len(topics)
    out = tmp_path / "out"
    exported = cli("export", "--all", "--tag", "health", "--out-dir", str(out))
    assert exported.exit_code == 0, exported.stderr
    assert [p.name for p in out.iterdir()] == [f"{SLEEP}.md"]
    mixed = cli("export", "gpt-7", "--tag", "health")
    assert mixed.exit_code == 2
    assert "--all" in mixed.stderr


def test_search_words_are_one_phrase_and_filters_apply(cli, small_library: Path) -> None:
    phrase = cli("search", "circadian", "rhythm", "--exact", "-l")
    assert phrase.exit_code == 0, phrase.stderr
    assert phrase.stdout.split() == [SLEEP]
    assert cli("search", "rhythm", "circadian", "-F", "-l").exit_code == 1  # order matters
    assert sorted(cli("search", "interpretability", "-l").stdout.split()) == [HOSTILE, DEMO]
    only = cli("search", "interpretability", "-l", "--podcast", "dwarkesh")
    assert only.stdout.split() == [DEMO]


def test_word_regexp(cli, small_library: Path) -> None:
    assert cli("search", "-F", "aden", "-l").stdout.split() == [SLEEP]
    assert cli("search", "-w", "aden", "-l").exit_code == 1  # only part of 'adenosine'
    assert cli("search", "-w", "adenosine", "-l").stdout.split() == [SLEEP]
    assert cli("search", "-w", "-E", "aden(osine)?", "-l").stdout.split() == [SLEEP]
    assert cli("search", "-w", "-E", "aden", "-l").exit_code == 1


def test_added_times_come_from_the_index(cli, small_library: Path) -> None:
    """`list --sort added` reads no note: the import time each note records is in the index,
    and a note without one (written by hand) is as old as its file."""
    import datetime as dt
    import os

    from podnotes import listing
    from podnotes.index import Index
    from podnotes.store import Library

    note = small_library / "hand-written.yaml"
    text = (small_library / f"{SLEEP}.yaml").read_text()
    note.write_text(text[: text.index("\nsource:")].replace("title: ", "title: Hand ", 1) + "\n")
    os.utime(note, (1_000_000_000, 1_000_000_000))
    index = Index.open(Library(small_library))
    added = listing.added_times(index)
    assert added["hand-written"] == "2001-09-09T01:46:40Z"
    assert dt.datetime.fromisoformat(added[SLEEP]).year >= 2024
    assert set(added) == {SLEEP, DEMO, HOSTILE, "hand-written"}
