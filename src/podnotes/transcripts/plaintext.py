"""Text transcripts: a time (and usually a speaker) opens each turn, its words follow.

[00:01:02] Dana Whitfield: text              (Descript, Riverside, our own export)
Dana Whitfield (00:01:02): text              (Rev; the text may start on the next line)
Speaker 1  00:01:02                          (Otter: two spaces, the text on the next lines)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from podnotes.errors import ParseError
from podnotes.model import Segment, clean_line
from podnotes.transcripts.cues import NAME, is_speaker_name
from podnotes.transcripts.timecode import CLOCK, TimeError, parse_clock

_NAME = NAME
SEPARATORS = "-–—|"  # may stand between a line's time and its text (the writer knows it too)
_TIME_FIRST = re.compile(
    rf"^(?:\[(?P<bts>{CLOCK})\]|\((?P<pts>{CLOCK})\)|(?P<ts>{CLOCK})(?=[ \t]|$))"
    rf"[ \t]*(?:[{SEPARATORS}][ \t]*)?(?:(?P<name>{_NAME}):(?:[ \t]+|$))?(?P<text>.*)$"
)
_NAME_FIRST = re.compile(
    rf"^(?P<name>{_NAME})[ \t]*[\(\[](?P<ts>{CLOCK})[\)\]][ \t]*:?(?:[ \t]+(?P<text>.*))?$"
)
_OTTER = re.compile(rf"^(?P<name>{_NAME})(?:[ \t]{{2,}}|\t)(?P<ts>{CLOCK})[ \t]*$")
# A title, a date, a line of who is speaking: more before the first turn is a document.
_MAX_PREAMBLE = 6


@dataclass(slots=True)
class _Turn:
    line: int
    start: float
    speaker: str
    words: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Scan:
    turns: list[_Turn] = field(default_factory=list)
    preamble: int = 0  # non-blank lines before the first turn
    bad: tuple[int, str] | None = None  # the first turn line with an impossible time


def _scan(text: str) -> _Scan:
    scan = _Scan()
    for number, raw in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        match = _turn_line(line)
        if match is None:
            if scan.turns:
                scan.turns[-1].words.append(line)
            else:
                scan.preamble += 1
            continue
        stamp = next(v for k in ("bts", "pts", "ts") if (v := match.groupdict().get(k)))
        try:
            start = parse_clock(stamp)
        except TimeError as err:
            scan.bad = scan.bad or (number, str(err))
            continue
        speaker, words = clean_line(match["name"] or ""), match.groupdict().get("text") or ""
        if speaker and not is_speaker_name(speaker):
            speaker, words = "", line[match.start("name") :]  # '[00:12] So the thing is: ...'
        turn = _Turn(number, start, speaker)
        if words:
            turn.words.append(words)
        scan.turns.append(turn)
    return scan


def _turn_line(line: str) -> re.Match[str] | None:
    for pattern in (_NAME_FIRST, _OTTER):
        match = pattern.match(line)
        if match and is_speaker_name(match["name"]):
            return match  # 'We met at (10:30): ...' is a line of text, not a turn
    return _TIME_FIRST.match(line)


def looks_like_text_transcript(text: str) -> bool:
    """Timed turns, most with a speaker, the same few speakers again and again.

    A chapter list ('00:12:34 Scaling laws: why') has times too, but every title differs.
    """
    scan = _scan(text)
    turns = scan.turns
    if len(turns) < 2 or scan.preamble > _MAX_PREAMBLE:
        return False
    named = [t.speaker for t in turns if t.speaker]
    if len(named) < 0.8 * len(turns):
        return False
    return len(set(named)) <= max(2, len(turns) // 2)


def read_text_transcript(text: str, name: str) -> tuple[Segment, ...]:
    scan = _scan(text)
    if scan.bad:
        line, problem = scan.bad
        raise ParseError(f"{name}: line {line}: {problem}")
    if not scan.turns:
        raise ParseError(
            f"{name}: no timed lines found (expected lines like "
            "'[00:01:02] Speaker: text' or 'Speaker (00:01:02): text')"
        )
    out: list[Segment] = []
    turns = scan.turns
    for i, turn in enumerate(turns):
        after = turns[i + 1].start if i + 1 < len(turns) else turn.start
        words = clean_line(" ".join(turn.words))
        if words:
            out.append(Segment(turn.start, max(turn.start, after), turn.speaker, words))
    return tuple(out)
