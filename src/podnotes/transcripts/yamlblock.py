"""The `transcript:` block of a note, written and read without a YAML parser.

A transcript is hundreds of segments: through the YAML emitter and loader it costs tens of
milliseconds a note, more than the rest of the note many times over. So it is written as one
flow mapping per line, in a strict subset of YAML that any YAML tool reads the same way:

    transcript:
    - {start: 3730.0, end: 3734.48, speaker: "Dana Whitfield", text: "An hour in."}

and read back with one regular expression and one `json.loads`. Strings are JSON strings, which
are YAML double-quoted scalars, with the characters YAML reads differently (line separators,
non-printables) escaped. Anything else (a hand-edited block, another layout) makes `split_block`
answer None, and the caller loads the note with the YAML parser as usual.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from podnotes.model import Segment

EMPTY = "transcript: []\n"
_HEADER = re.compile(r"^transcript:[ \t]*\n", re.MULTILINE)
_AGAIN = re.compile(r"^transcript[ \t]*:", re.MULTILINE)
_STRING = r'"(?:[^"\\\n]|\\.)*"'
_NUMBER = r"\d{1,9}(?:\.\d{1,3})?"
_LINE = re.compile(
    rf"- \{{start: ({_NUMBER}), end: ({_NUMBER}), speaker: ({_STRING}), text: ({_STRING})\}}"
)
# Read by YAML as line breaks or refused as non-printable: written as \u escapes.
_YAML_SPECIAL = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# JSON reads '\ud83d\ude00' as one emoji, YAML refuses it: such text takes the YAML path.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB]", re.IGNORECASE)


def dump_block(segments: Iterable[Segment]) -> str:
    lines = [
        f"- {{start: {_seconds(s.start)}, end: {_seconds(s.end)}, "
        f"speaker: {_quoted(s.speaker)}, text: {_quoted(s.text)}}}\n"
        for s in segments
    ]
    return "transcript:\n" + "".join(lines) if lines else EMPTY


def join_block(rest: str, block: str) -> str:
    """The whole note: `rest` (with `transcript: []`) with the block in its place."""
    return rest.replace(f"\n{EMPTY}", f"\n{block}", 1) if block else rest


def reads_apart(segments: Iterable[Segment], block: str) -> bool:
    """Whether `split_block` reads the block `dump_block` wrote for these segments (so that
    loading the note never puts them through the YAML parser)."""
    in_range = all(0 <= s.start <= s.end < 1e9 for s in segments)
    return in_range and _SURROGATE_ESCAPE.search(block) is None


def _seconds(value: float) -> str:
    """Milliseconds, always with a point, so that YAML reads a float: 3730 -> '3730.0'."""
    whole, millis = divmod(round(value * 1000), 1000)
    return f"{whole}.{f'{millis:03d}'.rstrip('0') or '0'}"


_PLAIN = re.compile(r'[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]*')


def _quoted(text: str) -> str:
    if _PLAIN.fullmatch(text):
        return f'"{text}"'  # nothing to escape: most text
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_SPECIAL.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)


def split_block(text: str) -> tuple[str, tuple[Segment, ...]] | None:
    """(the note with `transcript: []` in place of its block, the segments), or None when the
    block is not in the layout `dump_block` writes."""
    header = _HEADER.search(text)
    if header is None:
        return None
    position = header.end()
    rows: list[str] = []
    while position < len(text) and text.startswith("- ", position):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        match = _LINE.fullmatch(text, position, end)
        if match is None:
            return None
        rows.append(f"[{match[1]},{match[2]},{match[3]},{match[4]}]")
        position = end + 1
    if not rows or _AGAIN.search(text, position):
        return None
    if _SURROGATE_ESCAPE.search(text, header.end(), position):
        return None
    try:
        values = json.loads(f"[{','.join(rows)}]")
    except ValueError:
        return None
    segments = []
    for start, end_time, speaker, words in values:
        if end_time < start:
            return None  # the YAML path names the line and the problem
        segments.append(Segment(round(float(start), 3), round(float(end_time), 3), speaker, words))
    rest = text[: header.start()] + EMPTY + text[position:]
    return rest, tuple(segments)
