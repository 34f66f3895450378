"""Fuzzy ranking that keeps scores, not texts: each candidate unit is scored as it is read and
only its key, score and span are kept; the texts of the hits are fetched back, a batch at a
time, as the hits are taken. A query matching most of a large library holds a few numbers a
hit (or, for -l and -c, one entry an episode) instead of every hit's text."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple

from podnotes.search import (
    ALL,
    CANDIDATES,
    FIELD_ORDER,
    Hit,
    Mode,
    Query,
    Unit,
    UnitSource,
    as_source,
    check_query,
    fold,
    fts_expressions,
    match_span,
    stream,
    word_score,
)

if TYPE_CHECKING:
    from podnotes.index import Index
    from podnotes.store import Entry

SCORE_BATCH = 1024  # candidates folded and scored together (rapidfuzz is called per batch)
FETCH_BATCH = 64  # hits whose texts are fetched together as they are taken


class Ranked(NamedTuple):
    """A scored candidate, ordered as hits are: best score first, then a match in the heading
    (a deep dive's title...), then library order (episode, section, place in the note)."""

    neg_score: float
    not_in_heading: bool
    episode: str
    field_order: int
    key: int
    start: int
    end: int
    length: int  # of the unit's text: a unit rewritten since it was scored is left out


def ranked(source: UnitSource, query: Query) -> list[Ranked]:
    """The best query.limit candidates (every one without a limit), best first."""
    records = scored(source, query, every=query.limit is None)
    if query.limit is None:
        return sorted(records)
    return heapq.nsmallest(query.limit, records)  # holds at most `limit` records


def scored(source: UnitSource, query: Query, *, every: bool) -> Iterator[Ranked]:
    """Every candidate that reaches query.min_score, in no order. With `every`, candidates are
    all the units the query's words (or near spellings) find; else the few hundred best."""
    phrase = " ".join(fold(query.text).split())
    words = [w for w in phrase.split() if len(w) >= 3] or phrase.split()
    # The lowest score a word may have while the mean over all words can still reach min_score.
    cutoff = max(0.0, len(words) * query.min_score - 100.0 * (len(words) - 1))
    slugs: dict[str, str] = {}  # one string an episode, however many of its units are kept
    units = _candidates(source, query, every)
    while batch := list(islice(units, SCORE_BATCH)):
        for index, score, span in _scores(batch, phrase, words, cutoff, query.min_score):
            key, unit = batch[index]
            episode = slugs.setdefault(unit.episode, unit.episode)
            in_heading = span[0] < unit.heading_end
            yield Ranked(
                -score, not in_heading, episode, FIELD_ORDER[unit.field], key, *span, len(unit.text)
            )


def _scores(
    batch: list[tuple[int, Unit]], phrase: str, words: list[str], cutoff: float, least: float
) -> Iterator[tuple[int, float, tuple[int, int]]]:
    """(place in the batch, score, span) of each unit that scores at least `least`: an exact
    phrase 100, else the mean of its words' scores (at most 99)."""
    from rapidfuzz import fuzz, process

    folded = [fold(unit.text) for _, unit in batch]
    candidates: set[int] = set()
    for word in words:
        matches = process.extract(
            word, folded, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None
        )
        candidates.update(index for _, _, index in matches)
    for index in sorted(candidates):
        text = folded[index]
        start = text.find(phrase)
        if start >= 0:
            yield index, 100.0, (start, start + len(phrase))
            continue
        score = min(sum(word_score(word, text) for word in words) / len(words), 99.0)
        if score >= least:
            yield index, score, match_span(words, text)


def _candidates(source: UnitSource, query: Query, every: bool) -> Iterator[tuple[int, Unit]]:
    """Units worth scoring: those with every query word (or a near spelling) first; when they
    are too few, those with any of them. Without query words, every unit."""
    fields, episodes = query.fields, query.episodes
    all_words, any_word = fts_expressions(query.text, source.vocabulary())
    if not all_words:
        return iter(source.every(None, fields, episodes))
    if every:  # every unit with any word holds every unit with all of them
        return iter(source.every(any_word, fields, episodes))
    wanted = min(ALL, max(CANDIDATES, 4 * (query.limit or 0)))
    keys = source.best(all_words, fields, wanted, episodes)
    if len(keys) < wanted and any_word != all_words:
        keys = list(dict.fromkeys([*keys, *source.best(any_word, fields, wanted, episodes)]))
    return _fetch_all(source, keys)


def _fetch_all(source: UnitSource, keys: list[int]) -> Iterator[tuple[int, Unit]]:
    for start in range(0, len(keys), SCORE_BATCH):
        yield from source.fetch(keys[start : start + SCORE_BATCH])


def fetched(source: UnitSource, records: Iterable[Ranked]) -> Iterator[Hit]:
    """The hits of ranked records, in their order, texts fetched a batch at a time; a unit
    gone or rewritten since it was scored (another process changed its note) is left out."""
    records = iter(records)
    while batch := list(islice(records, FETCH_BATCH)):
        units = dict(source.fetch([r.key for r in batch]))
        for record in batch:
            unit = units.get(record.key)
            if unit is None or unit.episode != record.episode or len(unit.text) != record.length:
                continue
            span = (record.start, record.end)
            yield Hit(unit.episode, unit.title, unit.field, unit.text, -record.neg_score, span)


def tally(
    source: UnitSource | Index | Iterable[Entry], query: Query
) -> list[tuple[str, int, float]]:
    """(episode, hits, best score) of each episode with a hit, in the order of its first hit
    among all the hits `search.stream` gives: what -l and -c print, holding one entry an
    episode, not one a hit."""
    check_query(query)
    whole = query._replace(limit=None)
    if query.mode is not Mode.FUZZY:  # hits come in library order, as they are found
        counts = Counter(hit.episode for hit in stream(source, whole))
        return [(episode, n, 100.0) for episode, n in counts.items()]
    per_episode: dict[str, int] = {}
    first: dict[str, Ranked] = {}
    for record in scored(as_source(source), whole, every=True):
        episode = record.episode
        per_episode[episode] = per_episode.get(episode, 0) + 1
        if episode not in first or record < first[episode]:
            first[episode] = record
    ordered = sorted(first.values())
    return [(r.episode, per_episode[r.episode], -r.neg_score) for r in ordered]
