"""Warnings about the input: one plain line each on stderr, never a traceback.

The parser returns a document even when a value in it was unreadable (an impossible date): the
user is told which value was left out, and the rest of the notes are kept."""

from __future__ import annotations

import sys
from collections.abc import Callable

_sink: Callable[[str], None] | None = None


def warn(message: str) -> None:
    if _sink is not None:
        _sink(message)
        return
    try:
        sys.stderr.write(f"warning: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # a closed stderr loses the warning, not the notes


def capture(sink: Callable[[str], None] | None) -> Callable[[str], None] | None:
    """Send warnings to `sink` instead of stderr (None restores stderr); returns the old one."""
    global _sink
    old, _sink = _sink, sink
    return old
