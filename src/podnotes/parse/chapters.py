"""Timestamped chapter lines in show notes, and chapter files (Podcasting 2.0 JSON or a list)."""

from __future__ import annotations

import json
import math
import re
from typing import TypeGuard

from podnotes.errors import ParseError
from podnotes.model import Chapter, clean_line, normalize_chapters

# HH:MM:SS or M:SS / MM:SS (minutes may run past 59 in long episodes).
TIMESTAMP = r"(?:\d{1,2}:[0-5]\d:[0-5]\d|\d{1,3}:[0-5]\d)(?:\.\d{1,3}(?![\d.,]))?(?![\d.,]|:\d)"

_CHAPTER_LINE = re.compile(
    rf"""^[ \t]*(?:[-*+•][ \t]+)?(?:\*\*)?
    (?P<open>[\(\[])?(?P<ts>{TIMESTAMP})(?(open)[\)\]](?:\(<?https?://[^)\s]*\))?)
    (?:\*\*)?[ \t]*(?:[-–—:|][ \t]*)?
    (?P<title>\S.*)$""",
    re.VERBOSE,
)
# A stamp alone on its line; the chapter's title is on the next non-blank line.
_LONE_STAMP = re.compile(rf"^[ \t]*(?:[-*+•][ \t]+)?[*_]*[\[(]?({TIMESTAMP})[\])]?[*_]*[ \t]*$")
# '**Alice:** text': a speaker's turn in a transcript, not a chapter.
_SPEAKER_TURN = re.compile(r"^(?:\*\*|__)[^*_]{1,40}?:?(?:\*\*|__):?[ \t]")
_URL_ONLY = re.compile(r"^<?https?://\S+>?$")
_CUE = re.compile(r"^-?->|-->")
# '7:30 pm ET - live Q&A' tells the time of day, not a place in the episode.
_CLOCK = re.compile(r"^(?:(?i:[ap]\.?m)\b|(?i:o'clock)|(?:UTC|GMT|ET|PT|CT|[ECMP][SD]T)\b)")


def parse_timestamp(stamp: str) -> int:
    """'1:02:03' -> 3723, '12:34' -> 754, '00:01:05.500' -> 65 (milliseconds dropped)."""
    seconds = 0
    for part in stamp.split(".")[0].split(":"):
        seconds = seconds * 60 + int(part)
    return seconds


def chapter_from_line(line: str) -> Chapter | None:
    """The chapter a line announces, or None when it is not a chapter line."""
    if len(line) > 500:
        return None
    match = _CHAPTER_LINE.match(line)
    if not match:
        return None
    if _SPEAKER_TURN.match(match["title"]):
        return None
    title = clean_line(match["title"].strip("*_ "))
    if not title or _CUE.search(title) or _URL_ONLY.match(title) or _CLOCK.match(title):
        return None
    return Chapter(start=parse_timestamp(match["ts"]), title=title)


def split_chapters(lines: list[str], *, min_count: int = 2) -> tuple[list[str], list[Chapter]]:
    """Take the chapter lines out of a block of text lines.

    A lone timestamped line is only a chapter when the caller says so (`min_count=1`, as
    under a "Chapters" heading): elsewhere one time at the start of a line is too weak a sign.
    Chapters are a run of short titles: a run of long lines is a transcript, and a second
    list that starts over (the notes of another episode) is left as text.
    """
    lines = _join_lone_stamps(lines)
    found = [chapter_from_line(line) for line in lines]
    found = _first_list(found)
    chapters = [c for c in found if c is not None]
    if len(chapters) < min_count or _speech(chapters):
        return lines, []
    rest = [line for c, line in zip(found, lines, strict=True) if c is None]
    return rest, chapters


def _join_lone_stamps(lines: list[str]) -> list[str]:
    """'00:12:30' alone, then 'The topic' on the next non-blank line -> one chapter line."""
    if not any(_LONE_STAMP.match(line) for line in lines):
        return lines
    out: list[str] = []
    i = 0
    while i < len(lines):
        stamp = _LONE_STAMP.match(lines[i])
        j = i + 1
        while stamp and j < len(lines) and not lines[j].strip():
            j += 1
        nxt = lines[j].strip() if stamp and j < len(lines) else ""
        if stamp and nxt and len(nxt) <= 120 and not _LONE_STAMP.match(nxt):
            out.append(f"{stamp.group(1)} {nxt}")
            i = j + 1
        else:
            out.append(lines[i])
            i += 1
    return out


def _first_list(found: list[Chapter | None]) -> list[Chapter | None]:
    """Keep the chapters up to where a list separated by text starts over at or before the
    first list's start."""
    first: int | None = None
    gap = False
    for i, chapter in enumerate(found):
        if chapter is None:
            gap = gap or first is not None
            continue
        if first is None:
            first = chapter.start
        elif gap and chapter.start <= first:
            return found[:i] + [None] * (len(found) - i)
        gap = False
    return found


def _speech(chapters: list[Chapter]) -> bool:
    """Mostly long titles: speaker turns of a timed transcript, not chapter names."""
    long = sum(len(c.title) > 100 for c in chapters)
    return long * 2 > len(chapters)


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
    items = _chapter_list(data)
    if not isinstance(items, list) or not items:
        raise ParseError(f"{name}: expected a 'chapters' list of {{startTime, title}} objects")
    chapters = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ParseError(f"{name}: chapter {n} is not an object")
        start, title = _start(item), item.get("title", item.get("name"))
        if not _is_seconds(start):
            raise ParseError(f"{name}: chapter {n} has no valid 'startTime' (seconds)")
        if not isinstance(title, str) or not clean_line(title):
            raise ParseError(f"{name}: chapter {n} has no 'title'")
        chapters.append(Chapter(start=int(start), title=clean_line(title)))
    return normalize_chapters(chapters)


def _chapter_list(data: object) -> object:
    """The list of chapter objects: the whole document, its 'chapters', or the one list of
    objects it holds under another key."""
    if not isinstance(data, dict):
        return data
    if "chapters" in data:
        return data["chapters"]
    lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    return lists[0] if len(lists) == 1 else None


def _start(item: dict[str, object]) -> object:
    """'startTime' (Podcasting 2.0) or, when unambiguous, 'start' / 'start_time' in seconds or
    as a timestamp."""
    if "startTime" in item:
        return item["startTime"]
    found = [item[key] for key in ("start", "start_time", "time") if key in item]
    if len(found) != 1:
        return None
    value = found[0]
    if isinstance(value, str) and re.fullmatch(TIMESTAMP, value.strip()):
        return parse_timestamp(value.strip())
    return value


def _is_seconds(value: object) -> TypeGuard[int | float]:
    """A JSON number of seconds: finite, not negative, not a boolean."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and value >= 0
