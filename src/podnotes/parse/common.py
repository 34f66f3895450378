"""Line shapes and metadata values shared by the parsers; the words themselves are in vocabulary."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from podnotes.model import clean_line
from podnotes.parse.vocabulary import (
    CHROME,
    LABEL_MAX,
    METADATA_KEYS,
    SECTION_LABELS,
    SNIP_PARTS,
    is_chrome,
    is_chrome_key,
    is_promo,
    label_key,
)

__all__ = [
    "CHROME",
    "LABEL_MAX",
    "SECTION_LABELS",
    "SNIP_PARTS",
    "as_date",
    "as_list",
    "as_tags",
    "as_url",
    "is_bullet",
    "is_chrome",
    "is_chrome_key",
    "is_image",
    "is_paragraph_like",
    "is_promo",
    "is_rule",
    "is_title_like",
    "label_key",
    "metadata_from",
    "strip_bullet",
    "strip_symbols",
]

# A list item marker; `\-` and `1\.` are the escaped markers of Notion-style exports.
_BULLET = re.compile(r"^[ \t]*(?:\\?[-*+]|[•◦▪‣]|\d{1,3}\\?[.)])[ \t]+")
_URL_IN_LINK = re.compile(r"\((https?://[^)\s]+)\)")
_URL = re.compile(r"https?://[^\s<>]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def strip_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1)


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def is_title_like(line: str) -> bool:
    """A deep-dive title: short, one line, no sentence punctuation at the end."""
    words = line.split()
    return (
        0 < len(words) <= 20
        and len(line) <= 160
        and not line.rstrip().endswith((".", "!", "?", ":", ";", ",", "…"))
        and not line[:1].islower()
    )


def is_paragraph_like(line: str) -> bool:
    """A deep-dive body: sentences, not a label."""
    sentences = len(line.split()) >= 6 and bool(_SENTENCE_END.search(line.rstrip()))
    return sentences or len(line) >= 200


_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


def as_date(value: Any) -> str | None:
    """A publish date in any common spelling -> 'YYYY-MM-DD', or None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    # Logseq writes journal links: '[[Mar 28th, 2024]]'.
    text = _ORDINAL.sub(r"\1", clean_line(str(value)).strip("[]\"' "))
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        text = match.group(0)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def as_url(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    match = _URL_IN_LINK.search(value) or _URL.search(value)
    return match.group(1 if match.re is _URL_IN_LINK else 0) if match else ""


_TAG = re.compile(r"\[\[([^\[\]]+)\]\]|#?([^\s,#\[\]]+)")


def as_tags(text: str) -> list[str]:
    """'#ai #long-context', '[[ai]] [[agents]]' or 'ai, agents' -> tags."""
    return [clean_line(m.group(1) or m.group(2)) for m in _TAG.finditer(text)]


def as_list(value: Any) -> list[str]:
    """Tags or guests given as a list, a comma list, or '#a #b'."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        items = [str(v) for v in value if v is not None and not isinstance(v, dict | list)]
    else:
        text = str(value)
        items = text.split() if "#" in text and "," not in text else text.split(",")
    return [clean_line(item).lstrip("#").strip("[]\"' ") for item in items if clean_line(item)]


def metadata_from(mapping: dict[str, Any], *, verbatim: bool = False) -> dict[str, Any]:
    """Front matter, Logseq page properties or an 'Episode metadata' list -> Episode fields.

    `verbatim` (podnotes' own front matter) takes values as they are: no link text, no
    splitting or trimming of list items."""
    out: dict[str, Any] = {}

    def text(value: str) -> str:
        return clean_line(value if verbatim else _link_text(value))

    for raw_key, value in mapping.items():
        name = METADATA_KEYS.get(label_key(str(raw_key)))
        if name in {"title", "podcast"} and isinstance(value, str | int) and clean_line(str(value)):
            if name == "title" or isinstance(value, str):
                out.setdefault(name, text(str(value)))
        elif name in {"guests", "tags"}:
            items = _verbatim_list(value) if verbatim else as_list(value)
            if items:
                out.setdefault(name, items)
        elif name == "published" and as_date(value):
            out.setdefault("published", as_date(value))
        elif name == "url" and as_url(value):
            out.setdefault("url", as_url(value))
    return out


def _verbatim_list(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        return as_list(value)
    return [clean_line(str(v)) for v in value if v is not None and not isinstance(v, dict | list)]


def _link_text(value: str) -> str:
    """'[[Dwarkesh Podcast]]' or '[Show](url)' -> the visible text."""
    match = re.match(r"^\[\[([^\]]+)\]\]$|^\[([^\]]+)\]\([^)]*\)$", value.strip())
    if match:
        return match.group(1) or match.group(2)
    return value


_IMAGE_LINE = re.compile(r"^!\[[^\]\n]*\]\([^)\n]*\)$")
_RULE = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$")


def is_image(line: str) -> bool:
    return bool(_IMAGE_LINE.match(line.strip()))


def is_rule(line: str) -> bool:
    """A thematic break (`---`, `***`, `___`)."""
    return bool(_RULE.match(line))


def strip_symbols(text: str) -> str:
    """'🎙️ The Founder Playbook' -> 'The Founder Playbook': emoji and icons before a title."""
    i = 0
    while i < len(text) and (
        text[i].isspace() or unicodedata.category(text[i]) in {"So", "Sk", "Cf", "Mn", "Cs"}
    ):
        i += 1
    return text[i:] if i < len(text) else text
