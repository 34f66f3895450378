"""Snipd "snips" inside a Markdown export -> Highlights.

One snip reads: a title (a heading, or a bullet in Readwise), a time or a time range (on a
`Play snip` link, an `*00:04:07 – 00:05:37*` line or Readwise's `([Time 0:04:07](url))`), then
parts marked by labels: key takeaways as a list, the transcript as a blockquote, the user's note,
and a tags line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from podnotes.model import Highlight, clean_line, clean_text
from podnotes.parse.chapters import TIMESTAMP, parse_timestamp
from podnotes.parse.common import (
    SNIP_PARTS,
    as_tags,
    is_bullet,
    is_title_like,
    label_key,
    strip_bullet,
    strip_symbols,
)
from podnotes.parse.mdtext import dequote, strip_emphasis, unescape

_RANGE = re.compile(rf"({TIMESTAMP})[ \t]*[-–—][ \t]*({TIMESTAMP})")
_LEADING_TIME = re.compile(rf"^[\[(]?({TIMESTAMP})[\])]?[ \t]*(?:[-–—:|][ \t]*)?(.*)$")
_TIME_LINE = re.compile(rf"^[*_\[(]*({TIMESTAMP})[*_\])]*$")
_READWISE_TIME = re.compile(rf"(?<![ \t])[ \t]*\(\[Time[ \t]+({TIMESTAMP})\]\([^)\s]*\)\)")
_TAGS_LINE = re.compile(r"^(?:\*\*|__)?tags?(?:\*\*|__)?[ \t]*::?(?:\*\*|__)?[ \t]*(.*)$", re.I)
_INLINE_PART = re.compile(
    r"^(?:\*\*|__)?(note|notes|my note|transcript|quote|key takeaways|takeaways)"
    r"(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]+(\S.*)$",
    re.IGNORECASE,
)
_BOLD_SPEAKER = re.compile(r"^(?:\*\*|__)([^*_:]{1,60}?)(?:\*\*|__)[ \t]*:?[ \t]*")
# A transcript line that only names who speaks: 'Speaker 1', 'Trenton Bricken'.
_SPEAKER_LINE = re.compile(
    r"^(?:Speaker \d{1,2}|[A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30}){0,3}):?$"
)


@dataclass
class Snip:
    """A snip being read; `bullet` when a Readwise list item opened it."""

    title: str
    start: int | None = None
    end: int | None = None
    takeaways: list[str] = field(default_factory=list)
    quote: list[str] = field(default_factory=list)
    note: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    part: str = ""
    speaker: str = ""
    bullet: bool = False

    def freeze(self) -> Highlight:
        return Highlight(
            title=self.title,
            start=self.start,
            end=self.end,
            takeaways=tuple(self.takeaways),
            quote=clean_text("\n".join(self.quote)),
            note=clean_text("\n".join(self.note)),
        )


def new_snip(text: str, *, bullet: bool = False, verbatim: bool = False) -> Snip:
    """A snip from its heading, '[04:58] Title' giving the start when no range follows;
    `verbatim` (podnotes' own export) only un-escapes the title."""
    if verbatim:
        return Snip(title=clean_line(unescape(text)))
    text = strip_symbols(text.strip())
    match = _LEADING_TIME.match(text)
    if match and match.group(2):
        title = clean_line(unescape(strip_symbols(match.group(2))))
        return Snip(title=title, start=parse_timestamp(match[1]), bullet=bullet)
    title = clean_line(unescape(strip_emphasis(text)))
    if bullet and not is_title_like(title):
        # A Readwise highlight of plain text: the text is the quote, its opening the title.
        words = title.split()
        short = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
        return Snip(title=short, quote=[title], bullet=bullet)
    return Snip(title=title, bullet=bullet)


def set_part(snip: Snip, label: str) -> bool:
    """Switch to the part a label names; False when the label names no part."""
    part = SNIP_PARTS.get(label_key(label))
    if part is None:
        return False
    snip.part = part
    return True


def snip_text(snip: Snip, line: str) -> None:
    """One content line inside a snip."""
    # Only spaces and tabs are layout: any other character is the text's own.
    stripped = line.strip(" \t")
    stripped = strip_bullet(stripped) if is_bullet(stripped) else stripped
    tags = _TAGS_LINE.match(stripped)
    if tags:
        snip.tags.extend(as_tags(unescape(tags.group(1))))
        return
    inline = _INLINE_PART.match(stripped)
    if inline and set_part(snip, inline.group(1)):
        line = stripped = inline.group(2)
    readwise = _READWISE_TIME.search(stripped)
    if readwise:
        snip.start = parse_timestamp(readwise.group(1))
        line = stripped = (stripped[: readwise.start()] + stripped[readwise.end() :]).strip(" \t")
    if not stripped:
        # A blank line separates paragraphs of a quote or a note.
        if snip.part == "quote":
            snip.quote.append("")
        elif snip.part == "note" or (not snip.part and snip.note):
            snip.note.append("")
        return
    if _timing(snip, stripped):
        return
    if not snip.part:
        if stripped.startswith(">"):
            _quote_line(snip, stripped)
        elif is_bullet(line):
            _list_item(snip.takeaways, line)
        else:
            snip.note.append(unescape(line))
    elif snip.part == "takeaways":
        _list_item(snip.takeaways, line)
    elif snip.part == "quote":
        _quote_line(snip, stripped)
    else:
        snip.note.append(unescape(stripped))


def _timing(snip: Snip, stripped: str) -> bool:
    """Read a Play-snip link or a time line; True when the line was one."""
    time_range = _RANGE.search(stripped)
    if time_range and (len(stripped) < 160 and stripped.startswith(("[", "*", "_", "("))):
        snip.start = parse_timestamp(time_range.group(1))
        snip.end = parse_timestamp(time_range.group(2))
        return True
    lone = _TIME_LINE.match(stripped)
    if lone:
        snip.start = parse_timestamp(lone.group(1))
        return True
    return False


def _quote_line(snip: Snip, stripped: str) -> None:
    text = dequote(stripped).strip(" \t")
    bold = _BOLD_SPEAKER.match(text)
    if bold:
        text = f"{bold.group(1).strip()}: {text[bold.end() :]}"
    elif not snip.quote and not snip.speaker and _SPEAKER_LINE.match(text):
        snip.speaker = text.rstrip(":")
        return
    if snip.speaker:
        text, snip.speaker = f"{snip.speaker}: {text}", ""
    snip.quote.append(unescape(text))


def _list_item(items: list[str], line: str) -> None:
    """A bullet starts an item; an indented line without one continues it."""
    if is_bullet(line) or not items or not line[:1].isspace():
        text = clean_line(unescape(strip_bullet(line.strip())))
        if text:
            items.append(text)
    else:
        items[-1] = clean_line(items[-1] + " " + unescape(line))
