"""Front matter: a YAML (or one-line JSON) mapping between `---` fences at the top of a file,
after blank lines too."""

from __future__ import annotations

import re
from typing import Any

_OPEN = re.compile(r"^(?:[ \t]*\n)*---[ \t]*\n")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


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
    return load_front_matter(text[opening.end() : end.start()]), text[end.end() :], first
