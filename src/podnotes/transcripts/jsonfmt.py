"""JSON transcripts: Whisper / WhisperX, whisper.cpp, and the Podcasting 2.0 transcript format."""

from __future__ import annotations

import json
import math
from typing import Any, TypeGuard

from podnotes.errors import ParseError
from podnotes.model import Segment, clean_line

# Podcasting 2.0 files often hold one word per segment: words join until a sentence ends.
_SENTENCE_END = (".", "?", "!", "…")
_MAX_JOINED_WORDS = 40


def load_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ParseError(f"{name}: line {err.lineno}: invalid JSON: {err.msg}") from None
    except RecursionError:
        raise ParseError(f"{name}: the JSON is nested too deeply to read") from None


def json_kind(data: Any) -> str | None:
    """'whisper', 'whisper.cpp', 'podcasting20', or None for JSON that holds no transcript."""
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("transcription"), list):
        return "whisper.cpp"
    segments = data.get("segments")
    if not isinstance(segments, list):
        return None
    first = next((s for s in segments if isinstance(s, dict)), {})
    if "startTime" in first or "body" in first:
        return "podcasting20"
    if "start" in first or "text" in data:
        return "whisper"
    return None


def read_json(text: str, name: str) -> tuple[Segment, ...]:
    data = load_json(text, name)
    kind = json_kind(data)
    if kind == "whisper.cpp":
        return _whisper_cpp(data["transcription"], name)
    if kind == "podcasting20":
        return _join_words(_items(data["segments"], name, ("startTime", "endTime", "body")))
    if kind == "whisper":
        return tuple(_items(data["segments"], name, ("start", "end", "text")))
    raise ParseError(
        f"{name}: no transcript in this JSON: expected Whisper's 'segments' "
        "[{start, end, text}] or a Podcasting 2.0 transcript"
    )


def _items(items: list[Any], name: str, keys: tuple[str, str, str]) -> list[Segment]:
    start_key, end_key, text_key = keys
    out = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ParseError(f"{name}: segment {n} is not an object")
        start, end = item.get(start_key), item.get(end_key, item.get(start_key))
        if not _is_seconds(start) or not _is_seconds(end):
            raise ParseError(f"{name}: segment {n} has no valid '{start_key}'/'{end_key}' seconds")
        if end < start:
            raise ParseError(f"{name}: segment {n} ends before it starts")
        words = item.get(text_key, "")
        if not isinstance(words, str):
            raise ParseError(f"{name}: segment {n} has a '{text_key}' that is not text")
        speaker = item.get("speaker", "")
        speaker = clean_line(str(speaker)) if isinstance(speaker, str | int) else ""
        if clean_line(words):
            out.append(Segment(_ms(start), _ms(end), speaker, clean_line(words)))
    return out


def _whisper_cpp(items: list[Any], name: str) -> tuple[Segment, ...]:
    """whisper.cpp's --output-json: 'offsets' in milliseconds beside the formatted times."""
    flat = []
    for n, item in enumerate(items, 1):
        offsets = item.get("offsets") if isinstance(item, dict) else None
        if not isinstance(offsets, dict):
            raise ParseError(f"{name}: transcription item {n} has no 'offsets'")
        start, end = offsets.get("from"), offsets.get("to")
        if _is_seconds(start) and _is_seconds(end):
            start, end = start / 1000, end / 1000
        flat.append({"start": start, "end": end, "text": item.get("text", "")})
    return tuple(_items(flat, name, ("start", "end", "text")))


def _join_words(segments: list[Segment]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    words = 0
    for seg in segments:
        last = out[-1] if out else None
        single = " " not in seg.text
        if (
            last is not None
            and single
            and words
            and last.speaker == seg.speaker
            and not last.text.endswith(_SENTENCE_END)
            and words < _MAX_JOINED_WORDS
        ):
            text = f"{last.text} {seg.text}"
            out[-1] = Segment(last.start, max(last.end, seg.end), seg.speaker, text)
            words += 1
        else:
            out.append(seg)
            words = 1 if single else 0
    return tuple(out)


def _is_seconds(value: object) -> TypeGuard[int | float]:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and value >= 0


def _ms(value: float) -> float:
    return round(value * 1000) / 1000
