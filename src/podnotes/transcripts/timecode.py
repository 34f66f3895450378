"""Cue times: 'HH:MM:SS.mmm' / 'MM:SS,mmm' / '[1:02:03]' <-> seconds with millisecond precision."""

from __future__ import annotations

import re

from podnotes.model import format_timestamp

# Hours run past 99 in nothing we read, but a long live stream can pass 24; fractions of 1-3 digits.
CLOCK = r"(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_PARTS = re.compile(r"^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$")


class TimeError(ValueError):
    """A time that is not a clock reading (minutes or seconds past 59)."""


def parse_clock(stamp: str) -> float:
    """'01:02:03.450' -> 3723.45; '2:03,5' -> 123.5. Raises TimeError for '00:61:00'."""
    if len(stamp) == 12 and stamp[2] == stamp[5] == ":" and stamp[8] in ".,":
        # The common 'HH:MM:SS.mmm' of every subtitle writer, without a regular expression.
        digits = stamp[:2] + stamp[3:5] + stamp[6:8] + stamp[9:]
        if digits.isascii() and digits.isdigit() and stamp[3] < "6" and stamp[6] < "6":
            whole = (int(stamp[:2]) * 60 + int(stamp[3:5])) * 60 + int(stamp[6:8])
            return (whole * 1000 + int(stamp[9:])) / 1000
    match = _PARTS.match(stamp.strip())
    if not match:
        raise TimeError(f"{stamp!r} is not a time")
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) > 59 or (hours is not None and int(minutes) > 59):
        raise TimeError(f"{stamp!r} has more than 59 minutes or seconds")
    millis = int((fraction or "0").ljust(3, "0"))
    total = (int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)) * 1000 + millis
    return total / 1000


def to_millis(seconds: float) -> int:
    return round(seconds * 1000)


def format_clock(seconds: float, sep: str = ".") -> str:
    """3723.45 -> '01:02:03.450' (VTT) or, with sep=',', '01:02:03,450' (SubRip)."""
    return format_timestamp(seconds, millis=sep)


def format_short(seconds: float) -> str:
    """3723.45 -> '01:02:03': the whole second, as people write it in a text transcript."""
    return format_timestamp(seconds)


def parse_at(value: str) -> float:
    """A user's '--at' value: '12:34', '1:02:03', '754' or '754.5' seconds."""
    text = value.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    return parse_clock(text)
