"""The index as a keyed unit source: the same units as the index's own listing, in library
order, the first of them before SQLite has read the rest."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from podnotes.index import Index
from podnotes.indexunits import IndexUnits
from podnotes.store import Library


@pytest.mark.parametrize(
    ("fields", "contains", "ignore_case", "episodes"),
    [
        (None, None, False, None),
        (frozenset({"takeaways", "chapters"}), "sleep", True, None),
        (None, "Adenosine", False, frozenset({"sleep-science-with-ada-moreno"})),
        (frozenset({"deep-dives"}), "ünïcode", True, None),  # not ASCII: every unit checked
    ],
)
def test_units_in_library_order_as_the_index_lists_them(
    small_library: Path,
    fields: frozenset[str] | None,
    contains: str | None,
    ignore_case: bool,
    episodes: frozenset[str] | None,
) -> None:
    index = Index.open(Library(small_library))
    units = list(IndexUnits(index).units(fields, contains, ignore_case, episodes))
    assert units == list(index.units(fields, contains, ignore_case, episodes))
    assert contains != "Adenosine" or units


def test_units_stream_without_sorting(small_library: Path) -> None:
    """Files in name order, each file's units by their id range: no temporary b-tree, so a
    grep-like search prints its first hit before SQLite has looked at every unit."""
    index = Index.open(Library(small_library))
    plans: list[str] = []
    source = IndexUnits(index)
    execute = index.execute

    def explained(sql: str, args: Sequence[object] = ()) -> sqlite3.Cursor:
        if sql.startswith("SELECT"):
            plans.extend(row[3] for row in execute(f"EXPLAIN QUERY PLAN {sql}", args))
        return execute(sql, args)

    index.execute = explained  # type: ignore[method-assign]
    list(source.units(frozenset({"takeaways"}), "the", True, frozenset({"x"})))
    assert plans
    assert not any("TEMP B-TREE" in plan for plan in plans), plans


def test_fetch_gives_back_what_every_listed(small_library: Path) -> None:
    source = IndexUnits(Index.open(Library(small_library)))
    every = dict(source.every(None, None))
    keys = sorted(every)[::3]
    assert dict(source.fetch(keys)) == {key: every[key] for key in keys}
    assert source.fetch([max(every) + 1]) == []  # gone: not an error


def test_best_gives_the_first_matches_in_index_order_without_ranking_them(
    small_library: Path,
) -> None:
    """Every match when there are at most `limit`, else the first `limit` by row id; no
    ranking (bm25 sorted every match first: 1.4 s for a common word at 100,000 episodes)."""
    index = Index.open(Library(small_library))
    source = IndexUnits(index)
    matching = [key for key, _ in source.every('"the"', None)]
    assert len(matching) > 3
    assert source.best('"the"', None, len(matching) + 5) == matching
    assert source.best('"the"', None, 3) == matching[:3]
    plans: list[str] = []
    execute = index.execute

    def explained(sql: str, args: Sequence[object] = ()) -> sqlite3.Cursor:
        plans.extend(row[3] for row in execute(f"EXPLAIN QUERY PLAN {sql}", args))
        return execute(sql, args)

    index.execute = explained  # type: ignore[method-assign]
    source.best('"the"', frozenset({"takeaways"}), 3)
    assert not any("TEMP B-TREE" in plan for plan in plans), plans
