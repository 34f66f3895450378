"""Queries -> ranked hits over the library's text units. Returns data; prints nothing.

A unit is what a hit points at: a takeaway, one deep dive (title and body), a chapter, a
highlight, or a paragraph of the summary or notes. Fuzzy mode scores each query word against
the unit (rapidfuzz partial alignment), so typos and word order do not hide a hit; an exact
phrase always outranks a fuzzy match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple, Protocol, runtime_checkable

from podnotes.errors import PodnotesError
from podnotes.fields import FIELDS as EPISODE_FIELDS
from podnotes.fields import SEARCHABLE, Kind, Record, Search
from podnotes.model import WORD, Episode
from podnotes.store import Entry

if TYPE_CHECKING:
    from podnotes.index import Index

MAX_QUERY = 10_000  # characters of any query (a regular expression: see pattern.MAX_PATTERN)
MAX_FUZZY_WORDS = 64  # each word of a fuzzy query is scored against every candidate
CANDIDATES = 400  # units the index hands to rapidfuzz for a fuzzy query
ALL = 2**62
TYPO_SCORE = 75.0  # rapidfuzz ratio at which an indexed word stands in for a query word

FIELDS = SEARCHABLE


FIELD_ORDER = {name: i for i, name in enumerate(FIELDS)}  # ties go to library order


class Mode(StrEnum):
    FUZZY = "fuzzy"
    EXACT = "exact"
    REGEX = "regex"


# The query, its units and its hits are NamedTuples (as ranking.Ranked): every reading command
# defines them at start-up, where a frozen dataclass costs 0.5-1 ms each, and a search builds
# units and hits by the hundred.
class Query(NamedTuple):
    text: str
    mode: Mode = Mode.FUZZY
    ignore_case: bool = False
    fields: frozenset[str] = frozenset(FIELDS)
    min_score: float = 80.0
    limit: int | None = 20
    word: bool = False  # --exact and --regex: only matches that are whole words, like grep -w
    episodes: frozenset[str] | None = None  # only hits in these episodes (slugs): --podcast ...


class Unit(NamedTuple):
    episode: str
    title: str
    field: str
    text: str
    heading_end: int  # text[:heading_end] is a title (of the dive, chapter...): hits there rank up


class Hit(NamedTuple):
    episode: str
    title: str
    field: str
    text: str
    score: float
    span: tuple[int, int]

    def to_json(self) -> dict[str, object]:
        return {
            "episode": self.episode,
            "title": self.title,
            "field": self.field,
            "text": self.text,
            "score": round(self.score, 1),
            "span": list(self.span),
        }


class BadQueryError(PodnotesError):
    """A query that cannot run, such as an invalid regular expression."""


def units_of(slug: str, episode: Episode) -> Iterator[Unit]:
    """Every searchable unit of one episode, in reading order (see `fields.Search`)."""
    title = episode.title
    for spec in EPISODE_FIELDS:
        if spec.search is Search.NO or spec.section is None:
            continue
        value = getattr(episode, spec.key)
        if spec.search is Search.RECORDS and spec.record is not None:
            for record in value:
                heading, text = record_text(spec.record, record)
                yield Unit(slug, title, spec.section, text, len(heading))
        else:
            for text in _pieces(spec.search, value):
                heading_end = len(text) if spec.search is Search.WHOLE else 0
                yield Unit(slug, title, spec.section, text, heading_end)


def record_text(spec: Record, record: object) -> tuple[str, str]:
    """(heading, unit text) of one record: its heading line, then its searchable parts."""
    heading = str(getattr(record, spec.heading))
    parts = [heading]
    for sub in spec.fields:
        if sub.key != spec.heading and sub.search is not Search.NO:
            parts.extend(
                _pieces(
                    Search.ITEMS if sub.kind is Kind.LINES else Search.WHOLE,
                    getattr(record, sub.key),
                )
            )
    return heading, "\n".join(p for p in parts if p)


def _pieces(how: Search, value: str | tuple[str, ...]) -> list[str]:
    if how is Search.ITEMS:
        return list(value)
    assert isinstance(value, str)
    if how is Search.PARAGRAPHS:
        return [p for p in value.split("\n\n") if p.strip()]
    if how is Search.LINES:
        return [line for line in value.split("\n") if line.strip()]
    return [value]


@runtime_checkable
class UnitSource(Protocol):
    """Where units come from: the index (podnotes.indexunits), or episodes in memory. A unit
    has a key in its source, so a ranking can keep keys and scores and fetch texts back."""

    def units(
        self,
        fields: frozenset[str] | None = None,
        contains: str | None = None,
        ignore_case: bool = False,
        episodes: frozenset[str] | None = None,
    ) -> Iterable[Unit]:
        """Units in library order; `contains` lets a source skip units that cannot match."""
        ...

    def best(
        self,
        expression: str,
        fields: frozenset[str] | None,
        limit: int,
        episodes: frozenset[str] | None = None,
    ) -> list[int]:
        """The keys of the units worth scoring for an FTS5 expression, at least `limit` of them
        when there are that many (an in-memory source returns them all)."""
        ...

    def every(
        self,
        expression: str | None,
        fields: frozenset[str] | None,
        episodes: frozenset[str] | None = None,
    ) -> Iterable[tuple[int, Unit]]:
        """Every unit an FTS5 expression matches (every unit for None), keyed, in any order."""
        ...

    def fetch(self, keys: Sequence[int]) -> list[tuple[int, Unit]]:
        """The units of these keys that still exist, keyed, in any order."""
        ...

    def vocabulary(self) -> list[str]: ...


class Episodes:
    """A UnitSource over loaded episodes: every unit is a candidate; its key is its place."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        self._all: list[Unit] | None = None

    def units(
        self,
        fields: frozenset[str] | None = None,
        contains: str | None = None,
        ignore_case: bool = False,
        episodes: frozenset[str] | None = None,
    ) -> Iterator[Unit]:
        for _, unit in self._keyed(fields, episodes):
            yield unit

    def _keyed(
        self, fields: frozenset[str] | None, episodes: frozenset[str] | None
    ) -> Iterator[tuple[int, Unit]]:
        for key, unit in enumerate(self._units()):
            if episodes is not None and unit.episode not in episodes:
                continue
            if fields is None or unit.field in fields:
                yield key, unit

    def _units(self) -> list[Unit]:
        if self._all is None:
            self._all = [u for e in self.entries for u in units_of(e.slug, e.episode)]
        return self._all

    def best(
        self,
        expression: str,
        fields: frozenset[str] | None,
        limit: int,
        episodes: frozenset[str] | None = None,
    ) -> list[int]:
        return [key for key, _ in self._keyed(fields, episodes)]

    def every(
        self,
        expression: str | None,
        fields: frozenset[str] | None,
        episodes: frozenset[str] | None = None,
    ) -> Iterator[tuple[int, Unit]]:
        return self._keyed(fields, episodes)

    def fetch(self, keys: Sequence[int]) -> list[tuple[int, Unit]]:
        units = self._units()
        return [(key, units[key]) for key in keys]

    def vocabulary(self) -> list[str]:
        return []


def search(source: UnitSource | Index | Iterable[Entry], query: Query) -> list[Hit]:
    """All hits for the query, best first, cut to query.limit."""
    return list(stream(source, query))


def stream(source: UnitSource | Index | Iterable[Entry], query: Query) -> Iterator[Hit]:
    """The hits for the query, best first, cut to query.limit, made as they are taken: a fuzzy
    query ranks every candidate by its score alone (no text kept), then fetches, in batches,
    the texts of the hits it hands out; a literal query reads units until the limit."""
    check_query(query)
    units = as_source(source)
    if query.mode is Mode.FUZZY:
        from podnotes.ranking import fetched, ranked

        return fetched(units, ranked(units, query))
    find = matcher(query)  # a bad pattern is refused before anything is printed
    needle = query.text if query.mode is Mode.EXACT else None
    found = units.units(query.fields, needle, query.ignore_case, episodes=query.episodes)
    return islice(_literal(found, find), query.limit)  # stops reading at the limit


def as_source(source: UnitSource | Index | Iterable[Entry]) -> UnitSource:
    """The unit source for what a caller has: the index, loaded entries, or a source."""
    if isinstance(source, UnitSource):
        return source
    from podnotes.index import Index

    if isinstance(source, Index):
        from podnotes.indexunits import IndexUnits

        return IndexUnits(source)
    return Episodes(source)


def check_query(query: Query) -> None:
    """Refuse what cannot run in reasonable time or makes no sense, in the user's words."""
    if not query.text.strip():
        raise BadQueryError("the query is empty")
    if not 0 <= query.min_score <= 100:  # also refuses nan, which compares false
        raise BadQueryError(f"--min-score must be between 0 and 100, not {query.min_score}")
    if query.limit is not None and query.limit < 1:
        raise BadQueryError(f"--limit must be at least 1, not {query.limit}")
    words = len(query.text.split()) if query.mode is Mode.FUZZY else 0
    if words > MAX_FUZZY_WORDS:
        raise BadQueryError(
            f"a fuzzy query of {words:,} words is too long (at most {MAX_FUZZY_WORDS}); "
            "use --exact to look for a long phrase"
        )
    if len(query.text) > MAX_QUERY:
        raise BadQueryError(f"the query has {len(query.text):,} characters; at most {MAX_QUERY:,}")


def fts_expressions(text: str, vocabulary: list[str]) -> tuple[str, str]:
    """FTS5 queries for a fuzzy query's candidates: (every word, any word). A word stands for
    itself, its prefix and the indexed words within a typo of it."""
    from rapidfuzz import fuzz, process

    known = set(vocabulary)
    groups: list[str] = []
    for word in dict.fromkeys(WORD.findall(text.lower())):
        terms = {f'"{word}"'}
        if len(word) >= 3 and word not in known:
            terms.add(f'"{word}"*')  # a word being typed; a whole indexed word needs no prefix
        for near, _, _ in process.extract(
            word, vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE, limit=5
        ):
            terms.add(f'"{near}"')
        groups.append("(" + " OR ".join(sorted(terms)) + ")")
    return " AND ".join(groups), " OR ".join(groups)


def _literal(units: Iterable[Unit], find: Callable[[str], tuple[int, int] | None]) -> Iterator[Hit]:
    """grep semantics: a unit matches or not; hits come in library order, as they are found."""
    for unit in units:
        span = find(unit.text)
        if span is not None and span[1] > span[0]:
            yield _hit(unit, 100.0, span)


def matcher(query: Query) -> Callable[[str], tuple[int, int] | None]:
    """The span of the first match in a text (None when none) for --exact or --regex: the one
    matcher of notes and transcripts alike."""
    return regex_matcher(query) if query.mode is Mode.REGEX else exact_matcher(query)


def regex_matcher(query: Query) -> Callable[[str], tuple[int, int] | None]:
    """--regex runs on RE2: linear time whatever the pattern."""
    from podnotes.pattern import PatternError, compile_pattern

    try:
        return compile_pattern(query.text, ignore_case=query.ignore_case, word=query.word).search
    except PatternError as err:
        shown = query.text if len(query.text) <= 60 else query.text[:60] + "…"
        raise BadQueryError(f"invalid regular expression {shown!r}: {err}") from None


def exact_matcher(query: Query) -> Callable[[str], tuple[int, int] | None]:
    source = re.escape(query.text)
    if query.word:
        source = rf"(?<!\w)(?:{source})(?!\w)"
    pattern = re.compile(source, re.IGNORECASE if query.ignore_case else 0)

    def find(text: str) -> tuple[int, int] | None:
        match = pattern.search(text)
        return match.span() if match else None

    return find


def fold(text: str) -> str:
    """Lower case without moving any character, so spans stay valid in the original: a
    character whose lower case is longer ('İ' -> 'i̇') keeps the first character of it."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(low[0] if (low := char.lower()) else char for char in text)


def word_score(word: str, text: str) -> float:
    """How well one query word appears in the text: a typo costs a little, a short text that
    merely sits inside the word (a chapter called 'Intro' for 'interpretability') a lot."""
    from rapidfuzz import fuzz

    if word in text:
        return 100.0
    scorer = fuzz.partial_ratio if len(text) >= len(word) else fuzz.ratio
    return float(scorer(word, text))


def match_span(words: list[str], text: str) -> tuple[int, int]:
    """From the first to the last matched word, when they sit close together; else the first."""
    from rapidfuzz import fuzz

    spans = []
    for word in words:
        start = text.find(word)
        if start >= 0:
            spans.append((start, start + len(word)))
        else:
            found = fuzz.partial_ratio_alignment(word, text)
            if found is not None:
                spans.append((found.dest_start, found.dest_end))
    if not spans:
        return (0, 0)
    spans.sort()
    start, end = spans[0][0], max(e for _, e in spans)
    return (start, end) if end - start <= 120 else spans[0]


def _hit(unit: Unit, score: float, span: tuple[int, int]) -> Hit:
    return Hit(unit.episode, unit.title, unit.field, unit.text, score, span)
