"""The episode document: plain typed data, no I/O.

Every text field is kept in one canonical form (see `clean_text`) so that a document survives
YAML and Markdown round trips unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

SCHEMA_VERSION = 2
SCHEMA = f"podnotes/{SCHEMA_VERSION}"
READABLE_SCHEMAS = {f"podnotes/{n}": n for n in range(1, SCHEMA_VERSION + 1)}

# CRLF, CR and the Unicode line separators YAML also reads as line breaks.
_LINE_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")
_TRAILING_SPACE = re.compile(r"(?<![ \t])[ \t]+\n")
_MANY_BLANKS = re.compile(r"\n{3,}")
# A word, as the index, search and transcript search split text (letters and digits, no _).
WORD = re.compile(r"[^\W_]+")


def clean_text(text: str) -> str:
    """Canonical paragraph text: LF line ends, no trailing spaces, at most one blank line, no
    NUL (no input file keeps one, and Markdown can only write it as U+FFFD)."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    # Each substitution only where its mark is: most texts have none (the parser calls this
    # for every paragraph, and a regex scan per space is a third of its time).
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = _LINE_BREAKS.sub("\n", text)
    if " \n" in text or "\t\n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    if "\n\n\n" in text:
        text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()


def clean_line(text: str) -> str:
    """Canonical one-line text (titles, takeaways, names): runs of whitespace become one space;
    no NUL, as in clean_text."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class DeepDive:
    title: str
    body: str


@dataclass(frozen=True, slots=True)
class Chapter:
    start: int
    title: str


@dataclass(frozen=True, slots=True)
class Highlight:
    """A Snipd "snip": a moment of the episode the listener saved."""

    title: str
    start: int | None = None
    end: int | None = None
    takeaways: tuple[str, ...] = ()
    quote: str = ""
    transcript: tuple[str, ...] = ()  # speaker-labelled lines: "Speaker 1: text"
    note: str = ""
    tags: tuple[str, ...] = ()
    url: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """One stretch of an episode's transcript; times in seconds, to the millisecond."""

    start: float
    end: float
    speaker: str
    text: str


@dataclass(frozen=True, slots=True)
class Source:
    format: str
    file: str
    sha256: str
    imported: str | None = None


@dataclass(frozen=True, slots=True)
class Episode:
    title: str
    podcast: str = ""
    host: str = ""
    guests: tuple[str, ...] = ()
    published: str | None = None
    duration: int | None = None  # seconds
    url: str = ""
    tags: tuple[str, ...] = ()
    books: tuple[str, ...] = ()
    summary: str = ""
    takeaways: tuple[str, ...] = ()
    deep_dives: tuple[DeepDive, ...] = ()
    highlights: tuple[Highlight, ...] = ()
    chapters: tuple[Chapter, ...] = ()
    episode_notes: str = ""
    transcript: tuple[Segment, ...] = ()
    source: Source | None = None
    schema: str = field(default=SCHEMA)

    def with_changes(self, **changes: Any) -> Episode:
        return replace(self, **changes)

    @property
    def counts(self) -> dict[str, int]:
        from podnotes.fields import COUNTED

        return {key: len(getattr(self, key)) for key in COUNTED}


def normalize_chapters(chapters: list[Chapter] | tuple[Chapter, ...]) -> tuple[Chapter, ...]:
    """Sort by start time and drop repeats of the same start and title."""
    seen: set[tuple[int, str]] = set()
    out: list[Chapter] = []
    for chapter in sorted(chapters, key=lambda c: c.start):
        key = (chapter.start, chapter.title.casefold())
        if key not in seen:
            seen.add(key)
            out.append(chapter)
    return tuple(out)


def unique(items: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Drop empty and repeated items, keeping the first occurrence's order."""
    return tuple(dict.fromkeys(item for item in items if item))


def format_timestamp(
    seconds: float, *, hours: bool | None = True, width: int = 2, millis: str = ""
) -> str:
    """The one clock for every time podnotes writes or shows.

    hours=True: always an hours field ('00:05:07', exports); None: only past an hour ('5:07',
    '1:02:03', for reading); False: never. `width` is the digits of the first field (2: '05:07',
    1: '5:07'). `millis` ('.' or ',') adds milliseconds ('00:00:01.250': WebVTT, SubRip);
    without it a fraction of a second is cut, as people write times."""
    whole = round(max(seconds, 0) * 1000) if millis else int(max(seconds, 0)) * 1000
    hour, rest = divmod(whole, 3_600_000)
    minute, rest = divmod(rest, 60_000)
    second, milli = divmod(rest, 1000)
    if hours or (hours is None and hour):
        text = f"{hour:0{width}d}:{minute:02d}:{second:02d}"
    else:
        text = f"{hour * 60 + minute:0{width}d}:{second:02d}"
    return f"{text}{millis}{milli:03d}" if millis else text


@dataclass(frozen=True, slots=True)
class Summary:
    """What a listing shows of an episode; the index answers with these without any YAML."""

    slug: str
    title: str
    podcast: str = ""
    published: str | None = None
    guests: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, slug: str, episode: Episode) -> Summary:
        return cls(
            slug,
            episode.title,
            episode.podcast,
            episode.published,
            episode.guests,
            episode.tags,
            episode.counts,
        )
