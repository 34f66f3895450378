"""The document described once: every field's YAML key, type, CLI/section name, export heading,
how it is searched, and its JSON name.

Schema validation (`schema.py`), YAML order and JSON shapes (`yamlio.py`), search units
(`search.units_of`), the `--in`/`--section` choices and the export templates' context are all
read from here, so a new field is one entry below plus its attribute in `model.py`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from podnotes.model import SCHEMA_VERSION, Chapter, DeepDive, Episode, Highlight, Segment, Source


class Kind(StrEnum):
    """The type of a field, as YAML holds it and the model types it."""

    SCHEMA = "schema"  # the `podnotes/N` line
    LINE = "line"  # one line of text: str
    TEXT = "text"  # paragraphs: str, written as a YAML literal block
    LINES = "lines"  # a list of one-line texts: tuple[str, ...]
    DATE = "date"  # YYYY-MM-DD or nothing: str | None
    SECONDS = "seconds"  # whole seconds or nothing: int | None
    TIME = "time"  # seconds with millisecond precision: float
    STAMP = "stamp"  # an ISO time stamp kept as written: str | None
    RECORDS = "records"  # a list of records: tuple[Record, ...]
    RECORD = "record"  # one record or nothing


class Search(StrEnum):
    """How a field becomes search units (one unit is what one hit points at)."""

    NO = "no"
    WHOLE = "whole"  # the field is one unit, all heading (the title)
    PARAGRAPHS = "paragraphs"  # each paragraph a unit
    LINES = "lines"  # each non-empty line a unit
    ITEMS = "items"  # each list item a unit
    RECORDS = "records"  # each record one unit: its heading line, then its searchable parts


class Field(NamedTuple):
    key: str  # the YAML key, the JSON name and the model attribute
    kind: Kind
    section: str | None = None  # the CLI name (`--in`, `--section`); None: not a section
    heading: str = ""  # the heading in exports and `show`
    search: Search = Search.NO
    record: Record | None = None  # the shape of each item of a RECORDS / RECORD field
    required: bool = False
    nonempty: bool = False
    since: int = 1  # the schema version that introduced the field
    front_matter: bool = False  # a property in a Markdown export's front matter
    counted: bool = False  # listings show how many items the episode has
    listed: bool = False  # a column of the index: listings show it without reading the note

    @property
    def json(self) -> str:
        """The name in `--json` output (the YAML key: one document, two notations)."""
        return self.key


class Record(NamedTuple):
    """The fields of one list item (a deep dive, a highlight ...) and the model type it builds."""

    model: type
    fields: tuple[Field, ...]
    heading: str = "title"  # the sub-field that heads its search unit
    ordered: tuple[str, str] | None = None  # (start, end): end never before start


DEEP_DIVE = Record(
    DeepDive,
    (
        Field("title", Kind.LINE, required=True, search=Search.WHOLE),
        Field("body", Kind.TEXT, search=Search.PARAGRAPHS),
    ),
)
HIGHLIGHT = Record(
    Highlight,
    (
        Field("title", Kind.LINE, required=True, search=Search.WHOLE),
        Field("start", Kind.SECONDS),
        Field("end", Kind.SECONDS),
        Field("takeaways", Kind.LINES, heading="Key takeaways", search=Search.ITEMS),
        Field("quote", Kind.TEXT, heading="Quote", search=Search.PARAGRAPHS),
        Field("transcript", Kind.LINES, heading="Transcript", since=2),
        Field("note", Kind.TEXT, heading="Note", search=Search.PARAGRAPHS),
        Field("tags", Kind.LINES, heading="Tags", since=2),
        Field("url", Kind.LINE, heading="URL", since=2),
    ),
    ordered=("start", "end"),
)
CHAPTER = Record(
    Chapter,
    (
        Field("start", Kind.SECONDS, required=True),
        Field("title", Kind.LINE, required=True, search=Search.WHOLE),
    ),
)
SEGMENT = Record(
    Segment,
    (
        Field("start", Kind.TIME, required=True),
        Field("end", Kind.TIME, required=True),
        Field("speaker", Kind.LINE),
        Field("text", Kind.LINE, required=True),
    ),
    heading="speaker",
    ordered=("start", "end"),
)
SOURCE = Record(
    Source,
    (
        Field("format", Kind.LINE),
        Field("file", Kind.LINE),
        Field("sha256", Kind.LINE),
        Field("imported", Kind.STAMP),
    ),
)

# The episode, in YAML order.
EPISODE = Record(
    Episode,
    (
        Field("schema", Kind.SCHEMA, required=True, front_matter=True),
        Field(
            "title",
            Kind.LINE,
            "title",
            required=True,
            nonempty=True,
            search=Search.WHOLE,
            front_matter=True,
            listed=True,
        ),
        Field("podcast", Kind.LINE, front_matter=True, listed=True),
        Field("host", Kind.LINE, since=2, front_matter=True),
        Field("guests", Kind.LINES, front_matter=True, listed=True),
        Field("published", Kind.DATE, front_matter=True, listed=True),
        Field("duration", Kind.SECONDS, since=2, front_matter=True),
        Field("url", Kind.LINE, front_matter=True),
        Field("tags", Kind.LINES, front_matter=True, listed=True),
        Field("books", Kind.LINES, since=2, front_matter=True),
        Field("summary", Kind.TEXT, "summary", "Summary", Search.PARAGRAPHS),
        Field("takeaways", Kind.LINES, "takeaways", "Key takeaways", Search.ITEMS, counted=True),
        Field(
            "deep_dives",
            Kind.RECORDS,
            "deep-dives",
            "Deep dives",
            Search.RECORDS,
            DEEP_DIVE,
            counted=True,
        ),
        Field(
            "highlights",
            Kind.RECORDS,
            "highlights",
            "Highlights",
            Search.RECORDS,
            HIGHLIGHT,
            counted=True,
        ),
        Field(
            "chapters",
            Kind.RECORDS,
            "chapters",
            "Chapters",
            Search.RECORDS,
            CHAPTER,
            counted=True,
        ),
        Field("episode_notes", Kind.TEXT, "notes", "Episode notes", Search.LINES),
        Field("transcript", Kind.RECORDS, heading="Transcript", record=SEGMENT, since=2),
        Field("source", Kind.RECORD, record=SOURCE),
    ),
)

FIELDS: tuple[Field, ...] = EPISODE.fields
BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS)
# Sections a user names (`show --section`), in reading order, and those search can look in.
SECTIONS: tuple[Field, ...] = tuple(f for f in FIELDS if f.section and f.key != "title")
SEARCHABLE: tuple[str, ...] = tuple(
    f.section for f in FIELDS if f.section and f.search is not Search.NO
)
BY_SECTION: dict[str, Field] = {f.section: f for f in FIELDS if f.section}
FRONT_MATTER_KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS if f.front_matter)
COUNTED: tuple[str, ...] = tuple(f.key for f in FIELDS if f.counted)
LISTED: tuple[Field, ...] = tuple(f for f in FIELDS if f.listed)
HEADINGS: dict[str, str] = {f.key: f.heading for f in FIELDS if f.heading}
HIGHLIGHT_HEADINGS: dict[str, str] = {f.key: f.heading for f in HIGHLIGHT.fields if f.heading}


def keys_in(record: Record, version: int = SCHEMA_VERSION) -> set[str]:
    """The keys a record may hold in a document of this schema version."""
    return {f.key for f in record.fields if f.since <= version}
