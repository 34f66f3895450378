"""Transcript files <-> segments: WebVTT, SubRip, Whisper JSON and timed text transcripts.

Pure functions over text: no file I/O here. Formats are told apart by content; the file's
suffix only decides for a file whose content is ambiguous (a plain text transcript).
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from podnotes.errors import ParseError

if TYPE_CHECKING:
    from podnotes.model import Segment
    from podnotes.transcripts.write import WRITE_FORMATS, text_line, write_transcript

__all__ = [
    "READ_FORMATS",
    "SUFFIXES",
    "WRITE_FORMATS",
    "detect_transcript",
    "read_transcript",
    "text_line",
    "write_transcript",
]

READ_FORMATS = ("vtt", "srt", "json", "txt")
SUFFIXES = {".vtt": "vtt", ".srt": "srt", ".json": "json", ".txt": "txt"}
_SRT_START = re.compile(r"^\s*(?:\d+[ \t]*\n)?[ \t]*[\d:.,]+[ \t]*-->")


def __getattr__(name: str) -> Any:
    # Lazy: the index and search import this package for transcripts.index, and should not
    # pay for the writer and the readers it imports (their regexes and classes).
    if name in {"WRITE_FORMATS", "text_line", "write_transcript"}:
        from podnotes.transcripts import write

        return getattr(write, name)
    raise AttributeError(name)


def detect_transcript(text: str) -> str | None:
    """'vtt', 'srt', 'json' or 'txt' when the text is a transcript, else None (notes, chapters)."""
    head = text.removeprefix("\ufeff").lstrip()
    if head.startswith("WEBVTT"):
        return "vtt"
    if _SRT_START.match(head[:200]):
        return "srt"
    if head.startswith("{"):
        from podnotes.transcripts.jsonfmt import json_kind, load_json

        try:
            return "json" if json_kind(load_json(head, "-")) else None
        except ParseError:
            return None
    from podnotes.transcripts.plaintext import looks_like_text_transcript

    return "txt" if looks_like_text_transcript(head) else None


def read_transcript(text: str, name: str, fmt: str | None = None) -> tuple[Segment, ...]:
    """Segments of a transcript file's text; `fmt` forces a format, else content decides.

    Raises ParseError naming the file and line of the first malformed cue.
    """
    fmt = fmt or detect_transcript(text) or SUFFIXES.get(PurePath(name).suffix.lower())
    if fmt is None:
        raise ParseError(
            f"{name}: not a transcript: expected WebVTT, SubRip, Whisper JSON or timed text lines"
        )
    if fmt == "vtt":
        from podnotes.transcripts.cues import read_vtt

        segments = read_vtt(text, name)
    elif fmt == "srt":
        from podnotes.transcripts.cues import read_srt

        segments = read_srt(text, name)
    elif fmt == "json":
        from podnotes.transcripts.jsonfmt import read_json

        segments = read_json(text, name)
    else:
        from podnotes.transcripts.plaintext import read_text_transcript

        segments = read_text_transcript(text, name)
    if not segments:
        raise ParseError(f"{name}: the transcript holds no spoken text")
    return segments
