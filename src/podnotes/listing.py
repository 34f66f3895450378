"""Listings read from the index as a stream: rows come as SQLite yields them, so `list` and
`takeaways` over 100,000 episodes hold one row at a time, not the library."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from podnotes import numbered
from podnotes.fields import COUNTED, LISTED, Kind
from podnotes.model import Episode, Summary

if TYPE_CHECKING:
    from podnotes.index import Index

SUFFIX_LEN = len(".yaml")
# The listed fields are columns of the index's files table (a list as JSON text); a Summary
# is made of them and the counted fields.
_LISTED_KEYS = tuple(f.key for f in LISTED)
_AS_JSON = frozenset(f.key for f in LISTED if f.kind is Kind.LINES)
_SUMMARY = "f.name, " + ", ".join(f"f.{key}" for key in (*_LISTED_KEYS, *COUNTED))
_COUNTS_AT = 1 + len(LISTED)


def listed_cells(episode: Episode) -> list[object]:
    """An episode's listed fields as the index's columns hold them."""
    cells: list[object] = []
    for key in _LISTED_KEYS:
        value = getattr(episode, key)
        cells.append(json.dumps(value) if key in _AS_JSON else value)
    return cells


# Where each of a Summary's listed attributes is in a row, and whether it is JSON text.
_FROM_ROW = tuple(
    (1 + _LISTED_KEYS.index(f.name), f.name in _AS_JSON)
    for f in dataclasses.fields(Summary)
    if f.name in _LISTED_KEYS
)


def _summary(row: tuple[Any, ...]) -> Summary:
    listed: list[Any] = [
        tuple(json.loads(row[i])) if as_json else row[i] for i, as_json in _FROM_ROW
    ]
    counts = dict(zip(COUNTED, row[_COUNTS_AT:], strict=True))
    # mypy cannot tell that *listed stops before `counts` (_FROM_ROW and a test make sure)
    return Summary(str(row[0])[:-SUFFIX_LEN], *listed, counts=counts)  # type: ignore[misc]


def added_times(index: Index) -> dict[str, str]:
    """slug -> when it was added: the import time its note records, else its file's mtime
    (as the index saw it), for every episode that loads; no note is read."""
    import datetime as dt

    out: dict[str, str] = {}
    sql = "SELECT name, imported, mtime_ns FROM files WHERE error IS NULL"
    for name, imported, mtime_ns in index.execute(sql):
        if imported is None:
            stamp = dt.datetime.fromtimestamp(mtime_ns / 1e9, dt.UTC).replace(microsecond=0)
            imported = stamp.isoformat().replace("+00:00", "Z")
        out[name[:-SUFFIX_LEN]] = imported
    return out


def count(index: Index) -> int:
    """How many episodes load: the number of rows `summaries` will yield."""
    row = index.execute("SELECT count(*) FROM files WHERE error IS NULL").fetchone()
    return int(row[0])


def summaries(index: Index) -> Iterator[Summary]:
    """Every episode that loads, in library order, one at a time."""
    sql = f"SELECT {_SUMMARY} FROM files f WHERE f.error IS NULL AND f.name > ? ORDER BY f.name"
    for row in _resumed(index, sql):
        yield _summary(row)


def list_cells(index: Index) -> Iterator[tuple[str, ...]]:
    """The cells `list` shows for every episode that loads (render.library.list_row's, made
    by SQLite): the lean form for a table, with no summary to build."""
    counts = ", ".join(f"CAST({key} AS TEXT)" for key in COUNTED)
    sql = (
        f"SELECT name, substr(name, 1, length(name) - {SUFFIX_LEN}), title, podcast,"
        f" coalesce(published, ''), {counts} FROM files"
        " WHERE error IS NULL AND name > ? ORDER BY name"
    )
    for row in _resumed(index, sql):
        yield row[1:]


def takeaway_groups(index: Index) -> Iterator[tuple[Summary, list[str]]]:
    """Each episode that has takeaways, with them, in library order; one episode at a time."""
    sql = (
        f"SELECT {_SUMMARY}, t.lines FROM takeaway_lines t"
        " JOIN files f ON f.name = t.name WHERE f.error IS NULL AND t.name > ? ORDER BY t.name"
    )
    for row in _resumed(index, sql):
        lines = row[-1]
        found = numbered.items(lines) if lines is not None else _units(index, row[0])
        yield _summary(row[:-1]), found


def takeaway_items(index: Index) -> Iterator[tuple[str, str | list[str]]]:
    """(slug, takeaways) of each episode that has takeaways, in library order: the takeaways
    as numbered lines ready to print (podnotes.numbered), or, when one of them needs making
    visible, as a list. The lean form for plain text: no summary to build."""
    sql = "SELECT name, lines FROM takeaway_lines WHERE name > ? ORDER BY name"
    for name, lines in _resumed(index, sql):
        yield name[:-SUFFIX_LEN], lines if lines is not None else _units(index, name)


def _units(index: Index, name: str) -> list[str]:
    """One episode's takeaways, read from its units."""
    sql = (
        "SELECT u.text FROM files f JOIN units u ON u.id BETWEEN f.first_unit AND f.last_unit"
        " WHERE f.name = ? AND u.field = 'takeaways' ORDER BY u.id"
    )
    return [text for (text,) in index.execute(sql, (name,))]


def _resumed(index: Index, sql: str) -> Iterator[tuple[Any, ...]]:
    """The rows of a query in name order (its one parameter: the name to start after). A
    damaged index found on the way is rebuilt (one notice) and the query resumes after the
    last row given."""
    from podnotes.index import IndexDamagedError

    last = ""  # the file name of the last row given: names are the order
    for _ in range(3):
        conn = index.conn
        try:
            for row in index.execute(sql, (last,)):
                last = row[0]
                yield row
            return
        except sqlite3.DatabaseError as err:
            if index.conn is conn:  # else a query on the way found the damage and rebuilt
                index._recover(err)
    raise IndexDamagedError("the search index keeps being damaged; run `podnotes index --rebuild`")
