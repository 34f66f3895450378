"""Segments -> WebVTT, SubRip or a text transcript; what the readers read back unchanged."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from podnotes.model import Segment
from podnotes.transcripts.plaintext import SEPARATORS
from podnotes.transcripts.timecode import format_clock, format_short

WRITE_FORMATS = ("vtt", "srt", "txt")


def write_transcript(segments: Iterable[Segment], fmt: str) -> str:
    """The whole file; `fmt` is one of WRITE_FORMATS."""
    if fmt == "vtt":
        return "".join(_vtt(segments))
    if fmt == "srt":
        return "".join(_srt(segments))
    if fmt == "txt":
        return "".join(f"{_txt_line(s)}\n" for s in segments)
    raise ValueError(f"unknown transcript format {fmt!r}")


def text_line(segment: Segment) -> str:
    """'[01:02:10] Dana Whitfield: text', the line of a text transcript."""
    who = f" {segment.speaker}:" if segment.speaker else ""
    return f"[{format_short(segment.start)}]{who} {segment.text}"


def _txt_line(segment: Segment) -> str:
    """text_line, but a text of no speaker that starts with a dash or bar gets a dash before
    it: a reader takes one after the time as the separator ('[00:01:02] - text')."""
    line = text_line(segment)
    if not segment.speaker and segment.text.startswith(tuple(SEPARATORS)):
        stamp, text = line.split(" ", 1)
        return f"{stamp} - {text}"
    return line


def _cues(segments: Iterable[Segment]) -> Iterator[list[Segment]]:
    """Segments that share their times were one cue with several voices: write them as one.

    Only different named voices share a cue: the same voice twice, or unnamed lines, would
    read back as one segment.
    """
    group: list[Segment] = []
    for seg in segments:
        same_time = group and (group[0].start, group[0].end) == (seg.start, seg.end)
        other_voice = seg.speaker and group and group[-1].speaker not in ("", seg.speaker)
        if group and not (same_time and other_voice):
            yield group
            group = []
        group.append(seg)
    if group:
        yield group


def _vtt(segments: Iterable[Segment]) -> Iterator[str]:
    yield "WEBVTT\n"
    for cue in _cues(segments):
        yield f"\n{format_clock(cue[0].start)} --> {format_clock(cue[0].end)}\n"
        for seg in cue:
            voice = f"<v {_escape(seg.speaker)}>" if seg.speaker else ""
            yield f"{voice}{_escape(seg.text)}\n"


def _srt(segments: Iterable[Segment]) -> Iterator[str]:
    for number, cue in enumerate(_cues(segments), 1):
        times = f"{format_clock(cue[0].start, ',')} --> {format_clock(cue[0].end, ',')}"
        lines = "".join(
            f"{s.speaker}: {_no_arrow(s.text)}\n" if s.speaker else f"{_no_arrow(s.text)}\n"
            for s in cue
        )
        yield f"{'' if number == 1 else chr(10)}{number}\n{times}\n{lines}"


def _no_arrow(text: str) -> str:
    """SubRip has no escapes: an arrow in the text would read as the next cue's timing."""
    return text.replace("-->", "->")


def _escape(text: str) -> str:
    # '>' too: cue text must never hold '-->', and a voice name ends at '>'.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
