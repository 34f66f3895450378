"""WebVTT and SubRip: blocks of a timing line and cue text, separated by blank lines."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from podnotes.errors import ParseError
from podnotes.model import Segment, clean_line
from podnotes.transcripts.timecode import CLOCK, TimeError, parse_clock

_TIMING = re.compile(rf"^[ \t]*(?P<start>{CLOCK})[ \t]*-->[ \t]*(?P<end>{CLOCK})(?:[ \t]+.*)?$")
_VTT_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_VTT_META_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+(?P<name>[^>]*))?>|</v>")
# Inline timestamps and class spans are what YouTube's rolling captions are made of.
_ROLLING = re.compile(r"<\d+:\d{2}:\d{2}\.\d{3}>|<c[.>]")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")
# SubRip has no escapes: only its few tags and ASS overrides ('{\an8}') are markup.
_SRT_TAG = re.compile(r"</?(?:[ibu]|font)(?:[ \t][^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)
_TIME_LIKE = re.compile(r"^[ \t]*\d+:\d")
# 'Dana Whitfield: text', 'SPEAKER_01: text': one to four words, the first capitalised.
NAME = r"[^\W\d_][\w.'’\-]*(?:[ \t]+[\w.'’\-]+){0,3}"
_PREFIX = re.compile(rf"^(?P<name>{NAME}):[ \t]+(?P<text>\S.*)$")


@dataclass(slots=True)
class _Cue:
    line: int  # of the timing line, for messages
    start: float
    end: float
    lines: list[str]


def read_vtt(text: str, name: str) -> tuple[Segment, ...]:
    lines = text.split("\n")
    if not lines or not _VTT_HEADER.match(lines[0].removeprefix("\ufeff")):
        raise ParseError(f"{name}: line 1: a WebVTT file starts with 'WEBVTT'")
    cues = []
    for first, block in _blocks(lines, spaces_separate=False):
        if first == 0 or _VTT_META_BLOCK.match(block[0]):
            continue  # the header block (Kind:, Language:), comments, styles, regions
        timing_at = 0 if "-->" in block[0] else 1  # an optional cue identifier comes first
        cues.append(_cue(block, first, timing_at, name))
    rolling = _ROLLING.search(text) is not None
    return _segments(cues, voices=True, rolling=rolling)


def read_srt(text: str, name: str) -> tuple[Segment, ...]:
    cues = []
    for first, block in _blocks(text.removeprefix("\ufeff").split("\n"), spaces_separate=True):
        timing_at = 1 if block[0].strip().isdigit() else 0
        cues.append(_cue(block, first, timing_at, name))
    return _segments(cues, voices=False, rolling=False)


def _blocks(lines: list[str], *, spaces_separate: bool) -> list[tuple[int, list[str]]]:
    """(index of the first line, its lines) for each run of lines up to an empty one.

    In WebVTT only an empty line ends a cue: YouTube puts a line of one space inside its cues.
    """
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        if line.strip():
            if not current:
                blocks.append((i, current))
            current.append(line.rstrip())
        elif spaces_separate or not line:
            current = []
    return [piece for first, block in blocks for piece in _split_at_timings(first, block)]


def _split_at_timings(first: int, block: list[str]) -> list[tuple[int, list[str]]]:
    """A timing line inside cue text starts the next cue (a separator line held a space)."""
    cuts = [i for i, line in enumerate(block) if i > 1 and "-->" in line]
    if not cuts:
        return [(first, block)]
    starts = [0] + [i - 1 if block[i - 1].strip().isdigit() else i for i in cuts]
    ends = [*starts[1:], len(block)]
    return [(first + a, block[a:b]) for a, b in zip(starts, ends, strict=True) if b > a]


def _cue(block: list[str], first: int, timing_at: int, name: str) -> _Cue:
    number = first + timing_at + 1
    if "-->" not in block[0] and _TIME_LIKE.match(block[0]):
        raise ParseError(f"{name}: line {first + 1}: malformed cue timing {_shown(block[0])}")
    if timing_at >= len(block) or "-->" not in block[timing_at]:
        seen = block[min(timing_at, len(block) - 1)]
        raise ParseError(
            f"{name}: line {number}: expected a cue timing "
            f"'00:01:02.000 --> 00:01:05.000', found {_shown(seen)}"
        )
    match = _TIMING.match(block[timing_at])
    if not match:
        raise ParseError(f"{name}: line {number}: malformed cue timing {_shown(block[timing_at])}")
    try:
        start, end = parse_clock(match["start"]), parse_clock(match["end"])
    except TimeError as err:
        raise ParseError(f"{name}: line {number}: {err}") from None
    if end < start:
        raise ParseError(f"{name}: line {number}: the cue ends before it starts")
    return _Cue(number, start, end, block[timing_at + 1 :])


def _shown(line: str) -> str:
    return repr(line[:60] + ("…" if len(line) > 60 else ""))


def _segments(cues: list[_Cue], *, voices: bool, rolling: bool) -> tuple[Segment, ...]:
    if rolling:
        _drop_rolled_lines(cues)
    pieces = [(cue, _voices(cue.lines) if voices else _plain(cue.lines)) for cue in cues]
    # 'Name: text' prefixes name the speakers only in files that do not use voice tags.
    voiced = any(who for _, parts in pieces for who, _ in parts)
    unvoiced = [text for _, parts in pieces for who, text in parts if not who]
    speakers = frozenset() if voiced else accepted_prefixes(unvoiced)
    out: list[Segment] = []
    for cue, parts in pieces:
        for who, text in parts:
            if not who and speakers:
                who, text = split_prefix(text, speakers)
            if text:
                out.append(Segment(cue.start, cue.end, who, text))
    return tuple(out)


def _drop_rolled_lines(cues: list[_Cue]) -> None:
    """YouTube repeats the previous cue's last line at the top of the next one: keep it once."""
    previous = ""
    for cue in cues:
        kept = [line for line in cue.lines if _strip_tags(line) != previous or not previous]
        if cue.lines:
            previous = _strip_tags(cue.lines[-1])
        cue.lines = kept


def _voices(lines: list[str]) -> list[tuple[str, str]]:
    """(speaker, text) runs of a cue: '<v Dana>Hi</v> <v Sam>Hello' gives two runs."""
    runs: list[tuple[str, list[str]]] = []
    speaker = ""
    for line in lines:
        position = 0
        for match in _VOICE.finditer(line):
            _add(runs, speaker, line[position : match.start()])
            speaker = clean_line(html.unescape(match["name"] or "")) if match[0] != "</v>" else ""
            position = match.end()
        _add(runs, speaker, line[position:])
    return [(who, text) for who, words in runs if (text := _vtt_text(" ".join(words)))]


def _add(runs: list[tuple[str, list[str]]], speaker: str, text: str) -> None:
    if not text.strip():
        return
    if runs and runs[-1][0] == speaker:
        runs[-1][1].append(text)
    else:
        runs.append((speaker, [text]))


def _plain(lines: list[str]) -> list[tuple[str, str]]:
    """SubRip cue lines: one run, or one per line when lines start with different speakers."""
    texts = [_srt_text(line) for line in lines]
    if len(texts) > 1 and sum(bool(_PREFIX.match(t)) for t in texts) > 1:
        return [("", t) for t in texts if t]
    joined = _srt_text(" ".join(lines))
    return [("", joined)] if joined else []


def _strip_tags(text: str) -> str:
    return _TAG.sub("", text)


def _vtt_text(text: str) -> str:
    if "<" in text or "&" in text:
        text = html.unescape(_strip_tags(text))
    return clean_line(text)


def _srt_text(text: str) -> str:
    if "<" in text or "{" in text:
        text = _SRT_TAG.sub("", text)
    return clean_line(text)


def accepted_prefixes(texts: list[str]) -> frozenset[str]:
    """'Name:' prefixes that name speakers: each looks like a name and opens no remark or
    heading ('Note:', 'Warning:', 'Chapter 2:', however often they come), and it recurs, or
    most cues carry such a prefix (then one said once is a speaker too)."""
    matches = (_PREFIX.match(t) for t in texts)
    names = Counter(m["name"] for m in matches if m and is_speaker_name(m["name"]))
    if sum(names.values()) * 2 >= len(texts):
        return frozenset(names)
    return frozenset(n for n, count in names.items() if count >= 2)


# The first words of a label that opens a remark, a caption's sound or a heading, not a turn:
# 'Note: the market fell', 'MUSIC: upbeat', 'Chapter 2: The crash'.
_REMARK_WORDS = (
    "note notes nb ps update edit warning caution correction disclaimer source sources caption "
    "captions credit credits example important reminder tip hint summary translation transcript "
    "music sound sfx applause laughter chapter part step section episode season scene act topic"
)
_REMARKS = frozenset(_REMARK_WORDS.split())
# Lower-case words inside a name: 'Ana de la Cruz', 'Jan van der Berg'.
_PARTICLES = frozenset(("de", "da", "di", "del", "der", "den", "van", "von", "la", "le", "du"))


def is_speaker_name(name: str) -> bool:
    """'Dana Whitfield', 'Speaker 2', 'SPEAKER_01', 'Ana de la Cruz'; not 'So here's the thing',
    nor a remark's or heading's label ('Note', 'Chapter 2')."""
    words = name.split()
    if not words or not words[0][0].isupper() or words[0].casefold() in _REMARKS:
        return False
    return all(w[0].isupper() or w.isdigit() or w in _PARTICLES for w in words[1:])


def split_prefix(text: str, speakers: frozenset[str]) -> tuple[str, str]:
    match = _PREFIX.match(text)
    if match and match["name"] in speakers:
        return clean_line(match["name"]), match["text"].strip()
    return "", text
