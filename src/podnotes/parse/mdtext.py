"""Markdown text helpers: front matter, un-escaping, blockquote and emphasis markers."""

from __future__ import annotations

import html
import re
from typing import Any

_UNESCAPE = re.compile(
    r"\\([!-/:-@\[-`{-~])|&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_QUOTE_MARK = re.compile(r"^[ \t]*>[ \t]?")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(\S(?:.*\S)?)\1$")


def unescape(text: str) -> str:
    """Undo CommonMark backslash escapes and HTML entities, in one left-to-right pass."""

    def one(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        ref = match.group(2)
        if ref.startswith("#"):
            # CommonMark decodes a numeric reference to its code point as is (HTML5 would
            # drop controls and remap 0x80-0x9F); only NUL, surrogates and the out-of-range
            # become U+FFFD.
            code = int(ref[2:], 16) if ref[1:2] in "xX" and len(ref) > 1 else int(ref[1:])
            valid = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
            return chr(code) if valid else "\ufffd"
        return html.unescape(match.group(0))

    return _UNESCAPE.sub(one, text)


def split_escaped(text: str, sep: str = ",") -> list[str]:
    """'a\\, b, c' -> ['a\\, b', ' c']: split at each `sep` no backslash escapes (the parts
    still escaped)."""
    parts, start, i = [], 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == sep:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    """HTML entities only ('Q&amp;A' -> 'Q&A'), for values that are not Markdown (front
    matter): their backslashes are the text's own."""
    return _ENTITY.sub(lambda m: unescape(m.group(0)), text) if "&" in text else text


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter (a mapping, or {} when it is not valid YAML) and the body after it."""
    from podnotes.parse.frontmatter import read_front_matter

    front, body, _ = read_front_matter(text)
    return front, body


def dequote(line: str) -> str:
    """'> text' -> 'text': one level of blockquote marker."""
    return _QUOTE_MARK.sub("", line, count=1)


def is_quoted(line: str) -> bool:
    return bool(_QUOTE_MARK.match(line))


def strip_emphasis(text: str) -> str:
    """'**Title**' -> 'Title' when the emphasis wraps the whole text."""
    match = _EMPHASIS.match(text.strip())
    return match.group(2) if match else text.strip()
