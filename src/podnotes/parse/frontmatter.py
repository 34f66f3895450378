"""Front matter: a YAML (or one-line JSON) mapping between `---` fences at the top of a file,
after blank lines too."""

from __future__ import annotations

import re
from typing import Any

_OPEN = re.compile(r"^(?:[ \t]*\n)*---[ \t]*\n")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_LIST = re.compile(r"^([A-Za-z_][\w -]{0,40}):[ \t]*\n((?:[ \t]*-[ \t]+.*(?:\n|$))+)", re.MULTILINE)
_ITEM = re.compile(r"^[ \t]*-[ \t]+(.*)$", re.MULTILINE)
_TOP_LEVEL = re.compile(r"^([A-Za-z_][\w -]{0,40}):[ \t]+([^\s#|>&*!\[{].*)$", re.MULTILINE)


def read_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, body, the input line number of the body's first line).

    The body starts with the rest of the closing fence's line, so it keeps that line's number
    and every later line keeps its own. Front matter that is not a valid mapping reads as {}."""
    opening = _OPEN.match(text)
    if opening is None:
        return {}, text, 1
    end = _FRONT_END.search(text, opening.end())
    if end is None:
        return {}, text, 1
    from podnotes.yamlio import load_front_matter

    first = text.count("\n", 0, end.end()) + 1
    raw = text[opening.end() : end.start()]
    front = load_front_matter(raw)
    if front or not raw.lstrip().startswith(("{", "[")):
        # A value YAML could not read ('date: 2024-02-30') is left out by the loader: keep
        # its text, so the parser can say which value it could not use.
        for match in _TOP_LEVEL.finditer(raw):
            front.setdefault(match.group(1), match.group(2).strip().strip("\"'"))
        for key, items in _lists(raw):
            front.setdefault(key, items)
    return front, text[end.end() :], first


def _lists(raw: str) -> list[tuple[str, list[str]]]:
    """'key:' over '  - item' lines, for front matter YAML could not read as a whole (an
    unquoted '@handle' or '#tag' elsewhere in it)."""
    found: list[tuple[str, list[str]]] = []
    for match in _LIST.finditer(raw):
        items = [item.strip().strip("\"'") for item in _ITEM.findall(match.group(2))]
        found.append((match.group(1), [item for item in items if item]))
    return found
