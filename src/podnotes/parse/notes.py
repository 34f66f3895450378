"""The parsers' working document, and the episode-notes tail every shape shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from podnotes.model import Chapter, DeepDive, Highlight, Segment, clean_line, clean_text
from podnotes.parse.chapters import TIMESTAMP, parse_timestamp, split_chapters
from podnotes.parse.common import SECTION_LABELS, is_chrome, label_key
from podnotes.parse.mdtext import unescape


@dataclass
class Draft:
    """What a parser found, before titles are derived and the document is frozen."""

    format: str
    metadata: dict[str, Any] = field(default_factory=dict)
    summary: str = ""
    takeaways: list[str] = field(default_factory=list)
    deep_dives: list[DeepDive] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    episode_notes: str = ""
    transcript: list[Segment] = field(default_factory=list)
    # A podnotes export is a whole document even when it holds only a title.
    complete: bool = False
    family: str = ""  # which family of input the recognizer saw, for `parse --explain`
    # Input line -> where it landed (see Sections.trace); filled by the Markdown walker.
    trace: dict[int, str] = field(default_factory=dict)
    preamble_is_summary: bool = False
    front_lines: tuple[int, ...] = ()  # the input lines of the front matter
    warnings: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (
            self.complete
            or self.summary
            or self.takeaways
            or self.deep_dives
            or self.highlights
            or self.chapters
            or self.episode_notes
            or self.transcript
        )


def notes_and_chapters(
    lines: list[str], *, page: bool = True, min_chapters: int = 2, strict: bool = False
) -> tuple[str, list[Chapter]]:
    """Free-form notes lines -> (notes text, chapters), dropping chrome and chapter headings.

    `strict` keeps every line and finds no chapters: the notes of a podnotes export."""
    if strict:
        return clean_text("\n".join(lines)), []
    rest, chapters = split_chapters(lines, min_count=min_chapters)
    kept = [
        line
        for line in rest
        if not is_chrome(line, page=page)
        and not (chapters and SECTION_LABELS.get(label_key(line)) == "chapters")
    ]
    return clean_text("\n".join(kept)), chapters


def without_paragraph(notes: str, paragraph: str) -> str:
    """The notes without the paragraph that became the summary (a description paragraph is
    the episode's summary, and is not repeated as its notes)."""
    wanted = " ".join(paragraph.split())
    if not wanted:
        return notes
    parts = notes.split("\n\n")
    for i, part in enumerate(parts):
        if " ".join(part.split()) == wanted:
            return clean_text("\n\n".join(parts[:i] + parts[i + 1 :]))
    return notes


_TURN = re.compile(
    rf"^[\[(]?(?P<ts>{TIMESTAMP})?[\])]?[ \t]*(?:(?:\*\*|__)(?P<bold>[^*_]{{1,60}}?):?(?:\*\*|__):?"
    r"|(?P<plain>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}):)?[ \t]*(?P<text>.*)$"
)
# A timed turn with a bold speaker, '[00:00:05] **Mara:** Hi.': a transcript's line, which
# show notes may hold without a heading.
_TIMED_TURN = re.compile(
    rf"^[\[(]?{TIMESTAMP}[\])]?[ \t]*(?:\*\*|__)[^*_:]{{1,60}}(?::(?:\*\*|__)|(?:\*\*|__):)[ \t]+\S"
)


def is_timed_turn(line: str) -> bool:
    return line[:1] in "[(0123456789" and _TIMED_TURN.match(line) is not None


def split_turns(lines: list[str]) -> tuple[list[str], list[str]]:
    """(the other lines, the transcript's): two or more timed turns with a bold speaker are a
    transcript, never the notes."""
    turns: list[str] = []
    rest: list[str] = []
    for line in lines:
        (turns if is_timed_turn(line) else rest).append(line)
    return (rest, turns) if len(turns) >= 2 else (lines, [])


def segments(lines: list[str]) -> list[Segment]:
    """An episode's transcript section: '[00:00:05] **Host:** text' turns, or 'Name: text';
    a turn ends where the next begins."""
    turns: list[tuple[float, str, str]] = []
    speaker = ""
    for raw in lines:
        line = unescape(raw.strip())
        match = _TURN.match(line)
        if not line or match is None:
            continue
        speaker = match["bold"] or match["plain"] or speaker
        text = clean_line(match["text"])
        start = (
            float(parse_timestamp(match["ts"])) if match["ts"] else (turns[-1][0] if turns else 0.0)
        )
        if text:
            turns.append((start, speaker.strip(), text))
    if not turns:
        return []
    ends = [t[0] for t in turns[1:]] + [turns[-1][0]]
    return [
        Segment(start, max(start, end), who, text)
        for (start, who, text), end in zip(turns, ends, strict=True)
    ]
