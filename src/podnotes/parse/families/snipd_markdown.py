"""Snipd's earlier Markdown / Obsidian export (2022-2025).

A snip's heading starts with its time, `### [02:56] Title`; a `[🎧 Play snip - 1min️ (02:49 -
04:42)](url)` link gives the range, which wins over the heading's time. The snip's AI notes may
open with its title in bold over bullets, or carry outline headings of their own
('### 1. Main theme'), which are no new snip.
"""

from __future__ import annotations

import re

from podnotes.model import clean_line
from podnotes.parse.chapters import TIMESTAMP, parse_timestamp
from podnotes.parse.common import label_key, strip_symbols
from podnotes.parse.families.base import Recognizer
from podnotes.parse.mdtext import strip_emphasis, unescape
from podnotes.parse.metadata import link_text
from podnotes.parse.snip import Snip

_LEADING_TIME = re.compile(rf"^[\[(]?({TIMESTAMP})[\])]?[ \t]*(?:[-–—:|][ \t]*)?(.*)$")
# A heading that is a snip's: it links to a snip or starts with a time.
SNIP_HEADING = re.compile(r"/snip/|^\W*[\[(]?\d{1,2}:\d{2}|^\W*Time \d", re.IGNORECASE)
# A line under a heading that makes it a snip's: the '🎧' line or the 'Play snip' link.
TIMING = re.compile(r"^(?:🎧|\[🎧|\[?Play snip)")


class SnipdMarkdown(Recognizer):
    name = "snipd-markdown"
    description = "Snipd's Markdown / Obsidian export (2022-2024)"
    sign = re.compile(r"Play snip|^#{1,6} Episode (?:metadata|AI notes)", re.MULTILINE)
    markers = ("Play snip", "# Episode metadata", "# Episode AI notes")

    def snip_heading(self, text: str, *, bullet: bool) -> Snip | None:
        match = _LEADING_TIME.match(text)
        if match is None:
            return None
        # '### [12:10]' alone: a snip with no title, named by its text when it is frozen.
        title = clean_line(unescape(link_text(strip_symbols(match.group(2)))))
        return Snip(title=title, start=parse_timestamp(match[1]), bullet=bullet)

    def snip_line(self, snip: Snip, stripped: str, line: str) -> tuple[str, str] | None:
        if repeats_title(snip, stripped):
            return None  # the snip's AI summary opens with the snip's title in bold
        return stripped, line


def repeats_title(snip: Snip, stripped: str) -> bool:
    if snip.part or snip.verbatim or snip.note or snip.takeaways:
        return False
    if not stripped.startswith(("**", "__")) or not snip.title:
        return False
    return label_key(strip_emphasis(stripped)) == label_key(snip.title)
