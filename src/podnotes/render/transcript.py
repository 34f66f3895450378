"""Transcripts on screen: the transcript read from a point on, with chapters as headings where
they fall (search hits that name the time and speaker are in render.hits)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from podnotes.render import Output
from podnotes.render.views import Document, Line, Subheading

if TYPE_CHECKING:
    from podnotes.model import Segment
    from podnotes.store import Entry


def _clock(seconds: float) -> str:
    from podnotes.transcripts.timecode import format_short

    return format_short(seconds)


def transcript_view(out: Output, entry: Entry, start: float, *, pager: bool) -> None:
    """One segment a line from `start` on: '[01:02:10] Dana Whitfield: text'."""
    from podnotes.transcripts import text_line

    episode = entry.episode
    segments = [s for s in episode.transcript if s.end >= start or s.start >= start]
    chapters = [c for c in episode.chapters if c.start >= start]
    blocks: list[Any] = [Line(episode.title, "bold magenta")]
    # The chapter the reading starts in heads it, then each chapter where it begins.
    current = [c for c in episode.chapters if c.start <= start]
    if current:
        blocks.append(Subheading(current[-1].title, _clock(current[-1].start)))
    position = 0
    for segment in segments:
        while position < len(chapters) and chapters[position].start <= segment.start:
            chapter = chapters[position]
            if not current or chapter is not current[-1]:
                blocks.append(Subheading(chapter.title, _clock(chapter.start)))
            position += 1
        blocks.append(Line(text_line(segment)))
    data = {"slug": entry.slug, "title": episode.title, "transcript": _data(segments)}
    out.pager = out.pager and pager
    out.emit(Document(blocks, data=data))


def _data(segments: Sequence[Segment]) -> list[dict[str, object]]:
    return [
        {"start": s.start, "end": s.end, "speaker": s.speaker, "text": s.text} for s in segments
    ]
