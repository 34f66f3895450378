"""Show notes and descriptions as plain text, and a chapter file given as the notes.

Show notes read: a description paragraph (the episode's summary, when nothing is labelled
so, and then not repeated in the notes), then anything else the host wrote, with chapters as
a run of short timestamped titles (a timestamp alone on its line takes the next line as its
title).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from podnotes.errors import ParseError
from podnotes.model import clean_text
from podnotes.parse.chapters import read_chapter_file, split_chapters
from podnotes.parse.common import is_paragraph_like
from podnotes.parse.html import END_DETAILS, SUMMARY, HtmlState, convert, has_markup
from podnotes.parse.mdtext import decode_entities
from podnotes.parse.notes import (
    Draft,
    notes_and_chapters,
    segments,
    split_turns,
    without_paragraph,
)

CHAPTERS_HINT = "attach chapters to their notes with: podnotes add NOTES --chapters FILE"


def parse_show_notes(text: str) -> Draft:
    return read_show_notes(plain_lines(text))


def read_show_notes(plain: list[str]) -> Draft:
    """Show notes from their lines as text (`plain_lines`)."""
    lines, turns = split_turns([line.strip() for line in plain])
    draft = Draft(format="show-notes", family="show-notes", transcript=segments(turns))
    notes, draft.chapters = notes_and_chapters(lines, page=False, min_chapters=1)
    draft.summary = description(lines)
    draft.episode_notes = without_paragraph(notes, draft.summary)
    return draft


def plain_lines(text: str) -> list[str]:
    """The lines of show notes as text: HTML (a feed's description) converted, a link kept as
    a Markdown link, each paragraph followed by a blank line, entities decoded ('&nbsp;' as a
    space)."""
    if "<" not in text and "&" not in text:
        return text.split("\n")
    state = HtmlState()
    out: list[str] = []
    text = _ANCHOR.sub(_link, text) if "<a" in text or "<A" in text else text
    for raw in _PARAGRAPH_END.sub("</p>\n\n", text).split("\n"):
        parts = convert(raw, state) if state.open or has_markup(raw) else [raw]
        out.extend(_readable(parts))
    return out


def _readable(parts: list[str]) -> Iterator[str]:
    """`convert`'s parts as text: a <summary> label as its words, the end of a <details> as
    nothing (the block reader's markers, which show notes have no use for)."""
    for part in parts:
        if part.strip() != END_DETAILS:
            yield _text(part.replace(SUMMARY, ""))


def _text(part: str) -> str:
    return decode_entities(part).replace("\u00a0", " ") if "&" in part else part


def plain_line(line: str) -> str:
    """One line of show notes as `plain_lines` reads it ('' for a line of markup only)."""
    if not has_markup(line):
        return _text(line)
    line = _ANCHOR.sub(_link, line)
    return " ".join(part.strip() for part in _readable(convert(line, HtmlState())))


def _link(match: re.Match[str]) -> str:
    url, shown = match.group(1), match.group(2).strip()
    return url if shown in {"", url} else f"[{shown}]({url})"


_PARAGRAPH_END = re.compile(r"</p[ \t]*>", re.IGNORECASE)
# '<a href="https://…">Ines</a>' on one line, its text without tags of its own.
_ANCHOR = re.compile(
    r"<a[ \t][^<>]*?href=[\"'](https?://[^\"'<>\s]+)[\"'][^<>]*>([^<>]*)</a>", re.IGNORECASE
)


def description(lines: list[str]) -> str:
    """The first prose paragraph before any chapter: what the episode is about."""
    rest, _ = split_chapters(lines)
    paragraph: list[str] = []
    for line in [*rest, ""]:
        if line.strip():
            paragraph.append(line.strip())
            continue
        text = " ".join(paragraph)
        if text and is_paragraph_like(text) and len(paragraph) <= 12:
            return clean_text(text)
        paragraph = []
    return ""


def chapter_json(text: str, name: str) -> Draft | None:
    """JSON given as the notes: its chapters when it is a chapter file (with a warning that
    --chapters attaches them to notes); a one-line refusal for any other JSON; None when the
    text is not JSON at all."""
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")):
        return None
    try:
        json.loads(stripped)
    except (ValueError, RecursionError):
        return None
    try:
        chapters = read_chapter_file(stripped, name)
    except ParseError as err:
        raise ParseError(f"{err}; JSON is never read as episode notes ({CHAPTERS_HINT})") from None
    draft = Draft(format="show-notes", family="chapter-json", chapters=list(chapters))
    draft.warnings.append(f"read as a chapter file, not notes ({CHAPTERS_HINT})")
    return draft
