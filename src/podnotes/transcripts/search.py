"""Search over transcript segments in the index: fuzzy, --exact and --regex, as for the notes.

Each hit is one segment: the episode, when (start, end), who spoke, what was said. The full-text
index narrows the segments to check; every hit is then confirmed on the segment's own text, so
the index never decides alone what matches.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import NamedTuple

from podnotes.model import WORD
from podnotes.search import (
    ALL,
    CANDIDATES,
    BadQueryError,
    Mode,
    Query,
    fold,
    fts_expressions,
    match_span,
    matcher,
    word_score,
)
from podnotes.transcripts import index
from podnotes.transcripts.index import Row

_MAX_TERMS = 300  # vocabulary words standing in for a partial first word before a full scan
COUNT_CAP = 1000


class SegmentHit(NamedTuple):
    episode: str
    title: str
    start: float
    end: float
    speaker: str
    text: str
    score: float
    span: tuple[int, int]

    def to_json(self) -> dict[str, object]:
        return {
            "episode": self.episode,
            "title": self.title,
            "field": "transcript",
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "text": self.text,
            "score": round(self.score, 1),
            "span": list(self.span),
        }


def search_transcripts(conn: sqlite3.Connection, query: Query) -> list[SegmentHit]:
    """Hits best first (fuzzy) or in library order (--exact, --regex), cut to query.limit."""
    if not query.text.strip():
        raise BadQueryError("the query is empty")
    if query.mode is Mode.FUZZY:
        hits = _fuzzy(_candidates(conn, query), query)
        return hits[: query.limit] if query.limit is not None else hits
    return list(_literal(conn, query, query.limit))


def count_transcript_hits(conn: sqlite3.Connection, query: Query) -> tuple[int, bool]:
    """How many hits the same search `--in transcript` has (before --limit cuts them), and
    whether there may be more: fuzzy search scores a few hundred candidates, not every match."""
    if query.mode is Mode.FUZZY:
        wanted = _wanted(query) if query.limit is not None else CANDIDATES
        rows = _candidates(conn, query, wanted)
        return len(_fuzzy(rows, query)), len(rows) >= wanted
    found = sum(1 for _ in _literal(conn, query, COUNT_CAP + 1))
    return min(found, COUNT_CAP), found > COUNT_CAP


# --- fuzzy ---------------------------------------------------------------------------------------


def _candidates(conn: sqlite3.Connection, query: Query, wanted: int | None = None) -> list[Row]:
    """The segments holding the phrase, then those with every word (or a near spelling), then,
    when these are fewer than the hits wanted, those with any of them."""
    words = WORD.findall(query.text.lower())
    if not words:
        return list(index.containing(conn, None))
    wanted = wanted or _wanted(query)
    found: dict[int, Row] = {}
    phrase = '"' + " ".join(words) + '"'
    every, some = fts_expressions(query.text, index.vocabulary(conn))
    for expression in (phrase, every, some):
        if len(found) >= wanted:
            break
        for row in index.matching(conn, expression, wanted):
            found.setdefault(row.id, row)
    return list(found.values())


def _wanted(query: Query) -> int:
    """Candidates to score: every match when all hits are wanted (-l, -c), else a few hundred."""
    return ALL if query.limit is None else max(CANDIDATES, 4 * query.limit)


def _fuzzy(rows: list[Row], query: Query) -> list[SegmentHit]:
    phrase = " ".join(fold(query.text).split())
    words = [w for w in phrase.split() if len(w) >= 3] or phrase.split()
    hits = []
    for row in sorted(rows, key=lambda r: r.id):  # ties stay in the order they were said
        text = fold(row.text)
        start = text.find(phrase)
        if start >= 0:
            score, span = 100.0, (start, start + len(phrase))
        else:
            score = min(sum(word_score(w, text) for w in words) / len(words), 99.0)
            if score < query.min_score:
                continue
            span = match_span(words, text)
        hits.append(_hit(row, score, span))
    hits.sort(key=lambda h: (-h.score, h.episode, h.start))
    return hits


# --- exact and regex -----------------------------------------------------------------------------


def _literal(conn: sqlite3.Connection, query: Query, limit: int | None) -> Iterator[SegmentHit]:
    """grep semantics (the notes' own matchers: RE2 for --regex, -w, -i), in library order;
    stops after `limit` hits."""
    find = matcher(query)
    expression = _exact_expression(conn, query.text) if query.mode is Mode.EXACT else None
    found = 0
    for row in index.containing(conn, expression):
        span = find(row.text)
        if span is not None and span[1] > span[0]:
            yield _hit(row, 100.0, span)
            found += 1
            if limit is not None and found >= limit:
                return


def _exact_expression(conn: sqlite3.Connection, needle: str) -> str | None:
    """An FTS5 expression every segment containing the needle satisfies (a superset), or None
    when none is narrow enough to be worth it: then every segment is checked.

    Inner words are whole words; the last may be the start of a longer word; the first may be
    the end of one, so it stands for the indexed words that contain it.
    """
    words: list[str] = WORD.findall(needle.lower())
    if not words or not needle.isascii():
        return None  # the index folds accents and case its own way: check every segment
    groups = []
    for i, word in enumerate(words):
        first, last = i == 0, i == len(words) - 1
        if first and WORD.match(needle[0]):
            terms: list[str] = [
                str(t)
                for (t,) in conn.execute(
                    "SELECT term FROM segment_vocab WHERE instr(term, ?) > 0 LIMIT ?",
                    (word, _MAX_TERMS + 1),
                )
            ]
            if len(terms) > _MAX_TERMS:
                if len(words) == 1:
                    return None
                continue  # the other words narrow it enough
            if not terms:
                return '"' + word + '"'  # no such word anywhere: nothing can match
            groups.append("(" + " OR ".join(f'"{t}"' for t in terms) + ")")
        elif last and WORD.match(needle[-1]):
            groups.append(f'"{word}"*')
        else:
            groups.append(f'"{word}"')
    return " AND ".join(groups) if groups else None


def _hit(row: Row, score: float, span: tuple[int, int]) -> SegmentHit:
    slug = row.episode.rsplit(".", 1)[0]
    return SegmentHit(slug, row.title, row.start, row.end, row.speaker, row.text, score, span)
