"""Neutral views: what a command shows, built once, before anyone decides how to print it.

A renderer builds one of these; `Output.emit` hands it to the printer for JSON, plain text or
Rich, chosen once. Rows and groups may be iterators: printers consume them as they come, so a
view over the whole library never holds the library in memory.

Views are NamedTuples, immutable as frozen dataclasses would be: every reading command defines
all of them at start-up, and a NamedTuple costs a fifth to a tenth of a frozen dataclass to
define (0.1 ms against 0.4-1.1 ms each). Table is a dataclass: a tuple has its own `count`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, NamedTuple


class Fit(Enum):
    """How a column gives way when the terminal is narrow; listed in the order they give way."""

    PODCAST = 1  # shrinks, then drops first
    DATE = 2  # drops second
    COUNT = 3  # drops third, the rightmost first
    BAR = 4  # a chapter bar: shrinks with the width, drops last
    KEEP = 5  # never dropped, not cut (short cells: numbers, times)
    TITLE = 6  # never dropped: keeps at least TITLE_MIN cells, cut with … beyond


class Column(NamedTuple):
    """One column: `name` heads it in plain text (None: not shown there), `heading` in Rich."""

    name: str | None
    heading: str | None = None
    style: str = ""
    right: bool = False  # right-justified (numbers)
    fit: Fit = Fit.KEEP
    wide: bool = False  # free text that takes the space left (titles, takeaways)


@dataclass
class Table:
    """Rows of cells (strings, one cell per column), one row a line."""

    columns: Sequence[Column]
    rows: Iterable[Sequence[str]]
    data: Any = None  # the JSON form (an iterable of items streams as a JSON list)
    title: str = ""  # Rich only: a line above the table
    title_style: str = ""
    empty: str = ""  # the note when there is no row
    count: int | None = None  # how many rows, when known before they are read
    plain_header: bool = True  # false inside a plain document, where the heading says it


class Group(NamedTuple):
    """A titled list of numbered items: one episode's takeaways."""

    key: str  # what names it in plain text (the slug)
    title: str
    caption: str
    items: Sequence[str]


class Groups(NamedTuple):
    groups: Iterable[Group]
    data: Any = None
    columns: tuple[str, str, str] = ("episode", "#", "takeaway")  # the plain-text headers
    empty: str = ""
    # Plain text's lean source when the command has one: (key, items) of each group, the same
    # rows as `groups` without the titles and captions that only a terminal shows; items may
    # come as one string of numbered lines ready to print (podnotes.numbered).
    keyed: Iterable[tuple[str, Sequence[str] | str]] | None = None


# --- documents -----------------------------------------------------------------------------------


class Line(NamedTuple):
    """A line of text; `plain` false for what only a terminal reader needs (a link)."""

    text: str
    style: str = ""
    plain: bool = True


class Heading(NamedTuple):
    """A section heading: upper case in plain text, a rule in Rich."""

    text: str


class Subheading(NamedTuple):
    text: str
    aside: str = ""  # dim after the heading (a time range)


class Paragraph(NamedTuple):
    text: str
    style: str = ""
    indent: int = 0  # Rich only: cells of left margin


class Item(NamedTuple):
    """A bullet point."""

    text: str


class Quote(NamedTuple):
    text: str


class Gap(NamedTuple):
    """An empty line; `plain` false for a gap only the Rich layout wants."""

    plain: bool = True


Block = Line | Heading | Subheading | Paragraph | Item | Quote | Gap | Table


class Document(NamedTuple):
    blocks: Sequence[Block]
    data: Any = None


# --- search hits and reports ---------------------------------------------------------------------


class Hit(NamedTuple):
    """A search hit as shown: the match between its context, each already cut to one line."""

    episode: str
    title: str
    field: str
    score: str
    before: str
    match: str
    after: str
    where: str = ""  # the deep dive, highlight or chapter the match is in (its title)


class Hits(NamedTuple):
    hits: Iterable[Hit]  # may be an iterator: printed as they come
    data: Any = None
    empty: str = ""


class Note(NamedTuple):
    """A message for the person on stderr."""

    text: str
    style: str = ""


class Report(NamedTuple):
    """Lines of data on stdout and notes on stderr; JSON shows only `data`."""

    lines: Sequence[str] = ()
    notes: Sequence[Note] = ()
    data: Any = None
    notes_first: bool = False


View = Table | Groups | Document | Hits | Report
