"""The library's map of topics: deep-dive titles, near-identical ones merged, counted by episode.

Grouping is near-linear: each new title is compared only with the topics that share one of its
rarer words (or a word's first or last letters, for typos), never with every topic so far. The
result is stored in the index and worked out again only when the index changes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from podnotes.index import Index

MERGE_SCORE = 88.0  # token_sort_ratio at which two titles name the same topic
CANDIDATES = 256  # at most this many earlier topics are compared with a new title
AFFIX = 4  # letters of a word's start and end that also make a block, so typos meet


@dataclass
class Topic:
    title: str  # the most common spelling
    titles: dict[str, int] = field(default_factory=dict)  # spelling -> times seen
    episodes: dict[str, None] = field(default_factory=dict)  # slugs, an ordered set

    def to_json(self) -> dict[str, object]:
        return {
            "topic": self.title,
            "episodes": len(self.episodes),
            "slugs": list(self.episodes),
            "titles": self.spellings(),
        }

    def spellings(self) -> list[str]:
        """Every spelling, the most common first."""
        return sorted(self.titles, key=lambda t: (-self.titles[t], t))


def _block_keys(key: str) -> set[str]:
    words = set(key.split())
    affixes = {f"{w[:AFFIX]}<" for w in words if len(w) > AFFIX}
    return words | affixes | {f">{w[-AFFIX:]}" for w in words if len(w) > AFFIX}


def _candidates(keys: set[str], blocks: dict[str, list[int]]) -> list[int]:
    """Earlier topics sharing a block with a new title, rarest blocks first, at most CANDIDATES."""
    found: set[int] = set()
    for block in sorted((blocks[k] for k in keys if k in blocks), key=len):
        if len(found) + len(block) > CANDIDATES:
            found.update(block[: max(0, CANDIDATES - len(found))])
            break
        found.update(block)
    return sorted(found)  # ascending: on a tie the earliest topic wins, as in a full scan


def topics(dives: Iterable[tuple[str, str]], *, min_episodes: int = 1) -> list[Topic]:
    """(slug, deep-dive title) pairs grouped by similar title, most episodes first."""
    from rapidfuzz import fuzz, process, utils

    found: list[Topic] = []
    keys: list[str] = []  # processed title of each topic, for matching
    seen: dict[str, Topic] = {}  # processed title -> its topic, so repeats skip the fuzzy pass
    blocks: dict[str, list[int]] = {}  # word or affix -> topics whose first title has it
    for slug, title in dives:
        key = utils.default_process(title)
        if not key:
            continue
        topic = seen.get(key)
        if topic is None:
            words = _block_keys(key)
            near = _candidates(words, blocks)
            best = process.extractOne(
                key, [keys[i] for i in near], scorer=fuzz.token_sort_ratio, score_cutoff=MERGE_SCORE
            )
            if best is None:
                for word in words:
                    blocks.setdefault(word, []).append(len(found))
                found.append(Topic(title))
                keys.append(key)
            topic = seen[key] = found[-1] if best is None else found[near[best[2]]]
        topic.titles[title] = topic.titles.get(title, 0) + 1
        topic.episodes[slug] = None
    for topic in found:
        topic.title = max(topic.titles, key=lambda t: (topic.titles[t], -len(t)))
    kept = [t for t in found if len(t.episodes) >= min_episodes]
    return sorted(kept, key=lambda t: (-len(t.episodes), t.title.casefold()))


# --- stored in the index -------------------------------------------------------------------------
# Kept in tables of their own, beside (not inside) the index's schema: derived from derived data.

_TABLES = (
    "CREATE TABLE IF NOT EXISTS topics(rank INTEGER PRIMARY KEY, title TEXT NOT NULL,"
    " episodes INTEGER NOT NULL, slugs TEXT NOT NULL, titles TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS topics_stamp(stamp TEXT NOT NULL)",
)


def _stamp(index: Index) -> str:
    """Changes whenever a note is added, changed, re-read or dropped from the index."""
    row = index.execute(
        "SELECT count(*), total(size), total(mtime_ns), coalesce(max(last_unit), 0),"
        " coalesce(max(id), 0) FROM files"
    ).fetchone()
    return json.dumps(list(row))


def _stored_stamp(index: Index) -> str | None:
    try:
        row = index.conn.execute("SELECT stamp FROM topics_stamp").fetchone()
    except sqlite3.OperationalError:
        return None  # no table yet
    return str(row[0]) if row else None


def _store(index: Index, found: list[Topic], stamp: str) -> bool:
    """Save the topics; False when the index cannot be written (read-only, busy)."""
    conn = index.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return False
    try:
        for statement in _TABLES:
            conn.execute(statement)
        conn.execute("DELETE FROM topics")
        conn.execute("DELETE FROM topics_stamp")
        conn.executemany(
            "INSERT INTO topics VALUES (?, ?, ?, ?, ?)",
            (
                (n, t.title, len(t.episodes), json.dumps(list(t.episodes)), json.dumps(t.titles))
                for n, t in enumerate(found)
            ),
        )
        conn.execute("INSERT INTO topics_stamp VALUES (?)", (stamp,))
    except sqlite3.Error:
        conn.execute("ROLLBACK")
        return False
    conn.execute("COMMIT")
    return True


def stored_topics(index: Index, *, min_episodes: int = 1) -> tuple[int, Iterator[Topic]]:
    """How many topics have at least `min_episodes` episodes, and those topics, most episodes
    first, read from the index (worked out first when the index changed since)."""
    stamp = _stamp(index)
    if _stored_stamp(index) != stamp:
        found = topics(index.dive_titles())
        if not _store(index, found, stamp):  # a read-only library: answer without storing
            kept = [t for t in found if len(t.episodes) >= min_episodes]
            return len(kept), iter(kept)
    (total,) = index.conn.execute(
        "SELECT count(*) FROM topics WHERE episodes >= ?", (min_episodes,)
    ).fetchone()
    rows = index.conn.execute(
        "SELECT title, slugs, titles FROM topics WHERE episodes >= ? ORDER BY rank",
        (min_episodes,),
    )
    return total, (
        Topic(title, json.loads(titles), dict.fromkeys(json.loads(slugs)))
        for title, slugs, titles in rows
    )
