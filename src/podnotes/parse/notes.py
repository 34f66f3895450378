"""The parsers' working document, and the episode-notes tail every shape shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from podnotes.model import Chapter, DeepDive, Highlight, Segment, clean_text
from podnotes.parse.chapters import split_chapters
from podnotes.parse.common import SECTION_LABELS, is_chrome, label_key


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
