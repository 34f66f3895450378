"""Timestamped chapter lines in show notes, and chapter files (Podcasting 2.0 JSON or a list)."""

from __future__ import annotations

import json
import math
import re
from typing import TypeGuard

from podnotes.errors import ParseError
from podnotes.model import Chapter, clean_line, normalize_chapters

# HH:MM:SS or M:SS / MM:SS (minutes may run past 59 in long episodes).
TIMESTAMP = r"(?:\d{1,2}:[0-5]\d:[0-5]\d|\d{1,3}:[0-5]\d)(?![\d.,]|:\d)"

_CHAPTER_LINE = re.compile(
    rf"""^[ \t]*(?:[-*+•][ \t]+)?(?:\*\*)?
    (?P<open>[\(\[])?(?P<ts>{TIMESTAMP})(?(open)[\)\]](?:\(<?https?://[^)\s]*\))?)
    (?:\*\*)?[ \t]*(?:[-–—:|][ \t]*)?
    (?P<title>\S.*)$""",
    re.VERBOSE,
)
_URL_ONLY = re.compile(r"^<?https?://\S+>?$")
_CUE = re.compile(r"^-?->|-->")
# '7:30 pm ET - live Q&A' tells the time of day, not a place in the episode.
_CLOCK = re.compile(r"^(?:(?i:[ap]\.?m)\b|(?i:o'clock)|(?:UTC|GMT|ET|PT|CT|[ECMP][SD]T)\b)")


def parse_timestamp(stamp: str) -> int:
    """'1:02:03' -> 3723, '12:34' -> 754."""
    seconds = 0
    for part in stamp.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds


def chapter_from_line(line: str) -> Chapter | None:
    """The chapter a line announces, or None when it is not a chapter line."""
    if len(line) > 500:
        return None
    match = _CHAPTER_LINE.match(line)
    if not match:
        return None
    title = clean_line(match["title"].strip("*_ "))
    if not title or _CUE.search(title) or _URL_ONLY.match(title) or _CLOCK.match(title):
        return None
    return Chapter(start=parse_timestamp(match["ts"]), title=title)


def split_chapters(lines: list[str], *, min_count: int = 2) -> tuple[list[str], list[Chapter]]:
    """Take the chapter lines out of a block of text lines.

    A lone timestamped line is only a chapter when the caller says so (`min_count=1`, as
    under a "Chapters" heading): elsewhere one time at the start of a line is too weak a sign.
    """
    found = [(i, chapter_from_line(line)) for i, line in enumerate(lines)]
    chapters = [c for _, c in found if c is not None]
    if len(chapters) < min_count:
        return lines, []
    rest = [line for (_, c), line in zip(found, lines, strict=True) if c is None]
    return rest, chapters


def read_chapter_file(text: str, name: str) -> tuple[Chapter, ...]:
    """Podcasting 2.0 JSON chapters (`startTime`/`title`) or a plain list of timestamp lines."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return _json_chapters(stripped, name)
    _, chapters = split_chapters(text.splitlines(), min_count=1)
    if not chapters:
        raise ParseError(f"{name}: no chapters found (expected lines like '00:12:34 Title')")
    return normalize_chapters(chapters)


def _json_chapters(text: str, name: str) -> tuple[Chapter, ...]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ParseError(f"{name}: invalid JSON at line {err.lineno}: {err.msg}") from None
    except ValueError:  # json raises it for an integer of more than 4,300 digits
        raise ParseError(f"{name}: a number in the JSON is too long to read") from None
    except RecursionError:
        raise ParseError(f"{name}: the JSON is nested too deeply to read") from None
    items = data.get("chapters") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise ParseError(f"{name}: expected a 'chapters' list of {{startTime, title}} objects")
    chapters = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ParseError(f"{name}: chapter {n} is not an object")
        start, title = item.get("startTime"), item.get("title")
        if not _is_seconds(start):
            raise ParseError(f"{name}: chapter {n} has no valid 'startTime' (seconds)")
        if not isinstance(title, str) or not clean_line(title):
            raise ParseError(f"{name}: chapter {n} has no 'title'")
        chapters.append(Chapter(start=int(start), title=clean_line(title)))
    return normalize_chapters(chapters)


def _is_seconds(value: object) -> TypeGuard[int | float]:
    """A JSON number of seconds: finite, not negative, not a boolean."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and value >= 0
