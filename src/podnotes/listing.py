"""Listings read from the index as a stream: rows come as SQLite yields them, so `list` and
`takeaways` over 100,000 episodes hold one row at a time, not the library."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

from podnotes.model import Summary

if TYPE_CHECKING:
    from podnotes.index import Index

SUFFIX_LEN = len(".yaml")
_SUMMARY = (
    "f.name, f.title, f.podcast, f.published, f.guests, f.tags,"
    " f.takeaways, f.deep_dives, f.highlights, f.chapters"
)


def _summary(row: tuple[object, ...]) -> Summary:
    name, title, podcast, published, guests, tags, t, d, h, c = row
    return Summary(
        slug=str(name)[:-SUFFIX_LEN],
        title=str(title),
        podcast=str(podcast),
        published=published if isinstance(published, str) else None,
        guests=tuple(json.loads(str(guests))),
        tags=tuple(json.loads(str(tags))),
        counts={"takeaways": t, "deep_dives": d, "highlights": h, "chapters": c},  # type: ignore[dict-item]
    )


def _rows(index: Index, sql: str) -> Iterator[tuple[object, ...]]:
    """The rows of a query as they come. A damaged index found on the way is rebuilt (one
    notice) and the query runs again from the row it had reached: the order is by name, so
    the rebuilt index gives the same rows in the same order."""
    from podnotes.index import IndexDamagedError

    done = 0
    for _ in range(3):
        try:
            for n, row in enumerate(index.execute(sql)):
                if n >= done:
                    done += 1
                    yield row
            return
        except sqlite3.DatabaseError as err:
            index._recover(err)
    raise IndexDamagedError("the search index keeps being damaged; run `podnotes index --rebuild`")


def count(index: Index) -> int:
    """How many episodes load: the number of rows `summaries` will yield."""
    row = index.execute("SELECT count(*) FROM files WHERE error IS NULL").fetchone()
    return int(row[0])


def summaries(index: Index) -> Iterator[Summary]:
    """Every episode that loads, in library order, one at a time."""
    rows = _rows(index, f"SELECT {_SUMMARY} FROM files f WHERE f.error IS NULL ORDER BY f.name")
    for row in rows:
        yield _summary(row)


def takeaway_groups(index: Index) -> Iterator[tuple[Summary, list[str]]]:
    """Each episode that has takeaways, with them, in library order; one episode at a time.
    A damaged index found on the way is rebuilt (one notice) and the walk resumes after the
    last episode given."""
    from podnotes.index import IndexDamagedError

    last = ""  # the file name of the last episode given: names are the order
    for _ in range(3):
        conn = index.conn
        try:
            for summary, items in _takeaway_walk(index, after=last):
                last = summary.slug + ".yaml"
                yield summary, items
            return
        except sqlite3.DatabaseError as err:
            if index.conn is conn:  # else the second query found the damage and rebuilt
                index._recover(err)
    raise IndexDamagedError("the search index keeps being damaged; run `podnotes index --rebuild`")


def _takeaway_walk(index: Index, after: str) -> Iterator[tuple[Summary, list[str]]]:
    """Two cursors walk the files in name order: one reads each episode's summary, the other its
    takeaways, found by unit number (first_unit..last_unit) so SQLite neither sorts nor builds
    a temporary table, and the summary columns are read once per episode, not once per row."""
    where = "f.error IS NULL AND f.takeaways > 0 AND f.name > ?"
    episodes = index.execute(
        f"SELECT f.id, {_SUMMARY} FROM files f WHERE {where} ORDER BY f.name", (after,)
    )
    rows = index.execute(
        "SELECT f.id, u.text FROM files f"
        # CROSS JOIN keeps this order of tables; +u.field keeps SQLite from indexing the field
        " CROSS JOIN units u ON u.id BETWEEN f.first_unit AND f.last_unit"
        f" WHERE {where} AND +u.field = 'takeaways' ORDER BY f.name, u.id",
        (after,),
    )
    summary: Summary | None = None
    current, items = None, list[str]()  # the file whose takeaways are being gathered, and them
    for file, text in rows:
        if file != current:
            if summary is not None:
                yield summary, items
            for row in episodes:  # both in name order: the episode is at or after the cursor
                if row[0] == file:
                    break
            current, summary, items = file, _summary(row[1:]), []
        items.append(text)
    if summary is not None:
        yield summary, items
