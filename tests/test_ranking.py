"""Fuzzy ranking that keeps keys and scores: the same hits as holding every text would give,
texts fetched only as hits are taken, -l/-c counted one entry an episode."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import islice
from pathlib import Path

import pytest

from podnotes.index import Index
from podnotes.model import Episode, Source
from podnotes.ranking import FETCH_BATCH, fetched, ranked, tally
from podnotes.search import Episodes, Mode, Query, Unit, search, stream
from podnotes.store import Library


class Counting(Episodes):
    """An in-memory source that counts the texts fetched back after ranking."""

    fetched = 0

    def fetch(self, keys: Sequence[int]) -> list[tuple[int, Unit]]:
        self.fetched += len(keys)
        return super().fetch(keys)


@pytest.fixture
def many(notes_dir: Path) -> Path:
    library = Library(notes_dir)
    for n in range(60):
        library.save(
            Episode(
                title=f"Episode {n:03d}",
                podcast="Show",
                takeaways=tuple(f"Takeaway {k} on sleep pressure, night {n}" for k in range(5)),
                summary="Adenosine builds up while awake." if n % 3 else "Nothing here.",
                source=Source("markdown", f"{n}.md", f"{n:064d}"),
            )
        )
    return notes_dir


QUERIES = [
    Query("sleep pressure"),
    Query("slep presure", limit=7),
    Query("adenosine night", limit=None, min_score=60),
    Query("takeaway", limit=None),
    Query(",", limit=None),  # no word: every unit is a candidate
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.text}/{q.limit}")
def test_the_index_and_notes_in_memory_rank_alike(many: Path, query: Query) -> None:
    from_index = search(Index.open(Library(many)), query)
    in_memory = search(Library(many).load_all()[0], query)
    assert from_index
    assert [(h.episode, h.field, h.text, h.score, h.span) for h in from_index] == [
        (h.episode, h.field, h.text, h.score, h.span) for h in in_memory
    ]
    scores = [h.score for h in from_index]
    assert scores == sorted(scores, reverse=True)


def test_texts_are_fetched_only_as_hits_are_taken(many: Path) -> None:
    source = Counting(Library(many).load_all()[0])
    query = Query("takeaway", limit=None)
    records = ranked(source, query)
    assert len(records) == 300
    source.fetched = 0
    hits = fetched(source, records)
    assert len(list(islice(hits, 3))) == 3
    assert source.fetched == FETCH_BATCH  # one batch for the first hits, not 300 texts


def test_a_unit_rewritten_after_it_was_ranked_is_left_out(many: Path) -> None:
    source = Episodes(Library(many).load_all()[0])
    records = ranked(source, Query("takeaway", limit=5))
    changed = records[1].key
    units = source._units()
    units[changed] = units[changed]._replace(text=units[changed].text + " and more")
    kept = list(fetched(source, records))
    assert [h.text for h in kept] == [units[r.key].text for r in records if r.key != changed]


@pytest.mark.parametrize(
    "query",
    [*QUERIES, Query("sleep", Mode.EXACT), Query(r"night \d", Mode.REGEX, limit=3)],
    ids=lambda q: f"{q.text}/{q.mode}",
)
def test_counts_come_in_the_order_of_each_episode_first_hit(many: Path, query: Query) -> None:
    """-l and -c: the episodes of every hit, in the order of their first hit, with how many."""
    for source in (Index.open(Library(many)), Library(many).load_all()[0]):
        every = list(stream(source, query._replace(limit=None)))
        expected = Counter(h.episode for h in every)
        assert [(e, n) for e, n, _ in tally(source, query)] == list(expected.items())
        best = {h.episode: h.score for h in reversed(every)}
        assert {e: s for e, _, s in tally(source, query)} == best
