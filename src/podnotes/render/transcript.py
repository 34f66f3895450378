"""Transcripts on screen: search hits that name the time and speaker, and the transcript read
from a point on, with chapters as headings where they fall."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from podnotes.render import Output, views
from podnotes.render.hits import record_title, snippet
from podnotes.render.views import Document, Hits, Line, Report, Subheading
from podnotes.search import Hit

if TYPE_CHECKING:
    from podnotes.model import Segment
    from podnotes.store import Entry
    from podnotes.transcripts.search import SegmentHit


def _clock(seconds: float) -> str:
    from podnotes.transcripts.timecode import format_short

    return format_short(seconds)


def hits(
    out: Output,
    notes: Sequence[Hit],
    spoken: Sequence[SegmentHit],
    *,
    files_only: bool,
    count: bool,
    limit: int | None,
) -> None:
    """Notes hits and transcript hits in one list: best score first, notes before transcripts
    on a tie (and in --exact / --regex, where every hit scores the same)."""
    both: list[Hit | SegmentHit] = [*notes, *spoken]
    both.sort(key=lambda h: -h.score)
    if limit is not None:
        both = both[:limit]
    if files_only or count:
        per_episode = Counter(h.episode for h in both)
        lines = [f"{episode}:{n}" if count else episode for episode, n in per_episode.items()]
        data = [{"episode": e, "hits": n} for e, n in per_episode.items()]
        out.emit(Report(lines=lines, data=data))
        return
    shown = [_shown(h) for h in both]
    out.emit(Hits(shown, data=[h.to_json() for h in both], empty="No matches."))


def _shown(hit: Hit | SegmentHit) -> views.Hit:
    if isinstance(hit, Hit):
        shown = views.Hit(hit.episode, hit.title, hit.field, f"{hit.score:.0f}", *snippet(hit))
        return replace(shown, where=record_title(hit))
    as_hit = Hit(hit.episode, hit.title, "transcript", hit.text, hit.score, hit.span)
    before, match, after = snippet(as_hit)
    who = f" {hit.speaker}:" if hit.speaker else ""
    before = f"[{_clock(hit.start)}]{who} {before}"
    return views.Hit(hit.episode, hit.title, "transcript", f"{hit.score:.0f}", before, match, after)


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
