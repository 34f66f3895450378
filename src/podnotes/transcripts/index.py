"""Transcript segments in the library index: tables of their own beside the notes' units.

Kept apart so that searching the notes never walks transcript rows (a library of transcribed
episodes holds a hundred times more transcript text than notes), and so that `index.py` only
calls in at four points: create, insert, drop, and the end of a bulk load.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from podnotes.index.db import text_index
from podnotes.model import WORD, Segment

SCHEMA = (
    # Segments of one note have consecutive ids: (first, last) deletes them as a range.
    "CREATE TABLE transcripts(file INTEGER PRIMARY KEY, first INTEGER, last INTEGER)",
    """CREATE TABLE segments(
        id INTEGER PRIMARY KEY,
        file INTEGER NOT NULL,
        start REAL NOT NULL,
        end REAL NOT NULL,
        speaker TEXT NOT NULL,
        text TEXT NOT NULL)""",
    # No triggers: one INSERT ... SELECT per note keeps the full-text index six times faster
    # than a trigger firing for each of its hundreds of segments.
    *text_index("segments", "segment_vocab"),
)


class Row(NamedTuple):
    """A segment as the index answers it: where it is and what was said."""

    id: int
    episode: str  # the note's file name
    title: str
    start: float
    end: float
    speaker: str
    text: str


def create(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA:
        conn.execute(statement)


def insert(
    conn: sqlite3.Connection, file_id: int, segments: Sequence[Segment], *, vocab: bool = True
) -> None:
    if not segments:
        return
    row = conn.execute("SELECT max(id) FROM segments").fetchone()
    first = (row[0] or 0) + 1
    conn.executemany(
        "INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?)",
        ((first + i, file_id, s.start, s.end, s.speaker, s.text) for i, s in enumerate(segments)),
    )
    last = first + len(segments) - 1
    conn.execute("INSERT OR REPLACE INTO transcripts VALUES (?, ?, ?)", (file_id, first, last))
    if _bulk(conn):
        return  # finish_bulk builds the full-text index and the vocabulary in one pass
    conn.execute(
        "INSERT INTO segments_fts(rowid, text) SELECT id, text FROM segments"
        " WHERE id BETWEEN ? AND ?",
        (first, last),
    )
    if vocab:
        terms = set(WORD.findall("\n".join(s.text for s in segments).lower()))
        conn.executemany("INSERT OR IGNORE INTO segment_vocab VALUES (?)", ((t,) for t in terms))


def _bulk(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM meta WHERE key = 'bulk'").fetchone() is not None


def drop(conn: sqlite3.Connection, file_id: int) -> None:
    row = conn.execute("SELECT first, last FROM transcripts WHERE file = ?", (file_id,)).fetchone()
    if row is None:
        return
    if not _bulk(conn):
        conn.execute(
            "INSERT INTO segments_fts(segments_fts, rowid, text)"
            " SELECT 'delete', id, text FROM segments WHERE id BETWEEN ? AND ?",
            row,
        )
    conn.execute("DELETE FROM segments WHERE id BETWEEN ? AND ?", row)
    conn.execute("DELETE FROM transcripts WHERE file = ?", (file_id,))


def finish_bulk(conn: sqlite3.Connection) -> None:
    """After a bulk load with the triggers off: the full-text index and vocabulary in one pass."""
    conn.execute("INSERT INTO segments_fts(segments_fts) VALUES ('rebuild')")
    conn.execute("INSERT OR IGNORE INTO segment_vocab SELECT term FROM segments_terms")


# --- reading -------------------------------------------------------------------------------------

_ROW_SQL = (
    "SELECT s.id, f.name, f.title, s.start, s.end, s.speaker, s.text FROM segments s"
    " JOIN files f ON f.id = s.file"
)


def _rows(cursor: sqlite3.Cursor) -> Iterator[Row]:
    for values in cursor:
        yield Row(*values)


def matching(conn: sqlite3.Connection, expression: str, limit: int) -> list[Row]:
    """Up to `limit` segments for an FTS5 expression, in the order they were indexed.

    Not by bm25: ranking every match of a common word costs more than the whole search, and
    the caller scores what it gets; it asks for the phrase first, so exact phrases come first.
    """
    cursor = conn.execute(
        f"{_ROW_SQL} WHERE s.id IN"
        " (SELECT rowid FROM segments_fts WHERE segments_fts MATCH ? LIMIT ?)",
        (expression, limit),
    )
    return list(_rows(cursor))


def containing(conn: sqlite3.Connection, expression: str | None) -> Iterator[Row]:
    """Segments that hold every word of the expression (all segments for None), library order."""
    if expression is None:
        yield from _rows(conn.execute(f"{_ROW_SQL} ORDER BY f.name, s.id"))
        return
    cursor = conn.execute(
        f"{_ROW_SQL} WHERE s.id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?)"
        " ORDER BY f.name, s.id",
        (expression,),
    )
    yield from _rows(cursor)


def count(conn: sqlite3.Connection, expression: str, cap: int) -> int:
    row = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM segments_fts WHERE segments_fts MATCH ? LIMIT ?)",
        (expression, cap),
    ).fetchone()
    return int(row[0])


def vocabulary(conn: sqlite3.Connection) -> list[str]:
    return [term for (term,) in conn.execute("SELECT term FROM segment_vocab")]


def has_transcript(conn: sqlite3.Connection, name: str) -> bool:
    """Whether the note of this file name has transcript segments in the index."""
    row = conn.execute(
        "SELECT 1 FROM transcripts t JOIN files f ON f.id = t.file WHERE f.name = ?", (name,)
    ).fetchone()
    return row is not None
