"""Numbered lines of plain text ("1  first item", "2  second item" ...), made once when a note
is indexed and printed as they are: `takeaways` in a pipe writes 650,000 of them in well under a
second because no line is made one at a time in Python.

The index and the plain-text printer meet here, so that what one makes the other reads.
"""

from __future__ import annotations

from collections.abc import Sequence

GAP = "  "  # between the columns of plain text


def tidy(text: str) -> bool:
    """Printable text on one line with single spaces, nothing around it: already what plain
    text shows (no control character to make visible, no space to squeeze)."""
    return text.isprintable() and "  " not in text and text == text.strip(" ") and text != ""


def numbered(items: Sequence[str]) -> str | None:
    """The items numbered from 1, numbers padded to the widest, one a line; None unless every
    item is tidy (those are printed the slow way, each made visible)."""
    if not items or not all(tidy(item) for item in items):
        return None
    width = len(str(len(items)))
    return "\n".join(f"{n:<{width}}{GAP}{item}" for n, item in enumerate(items, 1))


def count(lines: str) -> int:
    return lines.count("\n") + 1


def number_width(lines: str) -> int:
    """How wide the numbers of `numbered` lines are."""
    return len(str(count(lines)))


def items(lines: str) -> list[str]:
    """The items of `numbered` lines."""
    cut = number_width(lines) + len(GAP)
    return [line[cut:] for line in lines.split("\n")]
