"""Line shapes and metadata values shared by the parsers; the words themselves are in vocabulary."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from podnotes.parse.metadata import as_date, as_list, as_tags, as_url, metadata_from
from podnotes.parse.vocabulary import (
    CHROME,
    LABEL_MAX,
    SECTION_LABELS,
    SNIP_DATE_LABELS,
    SNIP_FLAG_LABELS,
    SNIP_LINK_LABELS,
    SNIP_PARTS,
    SNIP_TIME_LABELS,
    is_chrome,
    is_chrome_key,
    is_promo,
    label_key,
)

__all__ = [
    "CHROME",
    "LABEL_MAX",
    "SECTION_LABELS",
    "SNIP_LINK_LINE",
    "SNIP_PARTS",
    "SNIP_PROPERTY_LINE",
    "SNIP_TIME_LINE",
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
    "label_line",
    "metadata_from",
    "one_of",
    "strip_bullet",
    "strip_symbols",
]

_BOLD = r"(?:\*\*|__)?"


def label_line(labels: str, rest: str) -> re.Pattern[str]:
    """A line that opens with a label and its colon, bold or not ('**Note:**', '**Note**:',
    'Note:', 'Note::'), then `rest`; `labels` is an alternation, matched in any case."""
    return re.compile(rf"^{_BOLD}(?:{labels}){_BOLD}[ \t]*::?{_BOLD}[ \t]*{rest}", re.IGNORECASE)


def one_of(words: Iterable[str]) -> str:
    """A regex alternation of the words, the longest first (so 'time range' wins over 'time')."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# A snip's time line in a customised template, 'Time: 04:10 - 05:02' (a time, a '🎧' or a
# 'Play snip' link follows its label), and its link line, 'Link: https://…/snip/…'.
SNIP_TIME_LINE = label_line(one_of(SNIP_TIME_LABELS), r"(?=\d|\[?🎧|\[?Play snip)")
SNIP_LINK_LINE = label_line(one_of(SNIP_LINK_LABELS), r"(\S.*)$")
# A snip's property podnotes keeps nowhere: (its label, its value).
SNIP_PROPERTY_LINE = label_line(f"({one_of(SNIP_DATE_LABELS + SNIP_FLAG_LABELS)})", r"(.*)$")

# A list item marker; `\-` and `1\.` are the escaped markers of Notion-style exports.
_BULLET = re.compile(r"^[ \t]*(?:\\?[-*+]|[•◦▪‣]|\d{1,3}\\?[.)])[ \t]+")
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


# An image, with Logseq's size attributes too: '![Image](url){:height 200, :width 200}'.
_IMAGE_LINE = re.compile(r"^!\[[^\]\n]*\]\([^)\n]*\)(?:\{[^{}\n]*\})?$")
_RULE = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$")


def is_image(line: str) -> bool:
    return bool(_IMAGE_LINE.match(line.strip()))


def is_rule(line: str) -> bool:
    """A thematic break (`---`, `***`, `___`)."""
    return bool(_RULE.match(line))


def is_decoration(char: str) -> bool:
    """A character that decorates a title's start (a space, an emoji or icon and its marks);
    the Markdown export writes a title's own first one as an entity, so that it stays."""
    return char.isspace() or unicodedata.category(char) in {"So", "Sk", "Cf", "Mn", "Cs"}


def strip_symbols(text: str) -> str:
    """'🎙️ The Founder Playbook' -> 'The Founder Playbook': emoji and icons before a title."""
    i = 0
    while i < len(text) and is_decoration(text[i]):
        i += 1
    return text[i:] if i < len(text) else text
