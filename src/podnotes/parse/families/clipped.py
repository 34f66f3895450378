"""A Snipd share page clipped by a read-later app (Omnivore, Obsidian Web Clipper) into
Logseq or Obsidian.

The clipping opens with a link to itself, `- [Title](url)` (the episode's title), then block
properties (`site:: [Snipd](share url)`, `date-saved::`); the page's content follows under
escaped headings (`\\#\\#\\# Quick takeaways`), inside the web page's chrome: 'Snipd AI',
'Read more', and app promos as headings ('Get the Snipd / podcast app') whose sections are
skipped. The chrome words themselves are in the vocabulary, which every family shares.
"""

from __future__ import annotations

import re

from podnotes.model import clean_line
from podnotes.parse.common import strip_bullet
from podnotes.parse.families.base import Recognizer
from podnotes.parse.mdtext import unescape
from podnotes.parse.vocabulary import CHROME_HEADINGS

_LINK_ONLY = re.compile(r"^\[([^\[\]]+)\]\([^()\s]+\)$")
# Omnivore's link from a highlight back to its place in the clipping: '[⤴️](url)'.
_BACK_LINK = re.compile(r"[ \t]*\[⤴️?\]\((https?://[^()\s]+)\)")
# Omnivore's link to the page it clipped: the episode's URL.
ORIGINAL_LINK = re.compile(r"^\[Read Original\]\((https?://[^()\s]+)\)$", re.IGNORECASE)


class ClippedPage(Recognizer):
    name = "clipped-page"
    description = "a Snipd share page clipped by a read-later app (Omnivore, Web Clipper)"
    sign = re.compile(
        r"site:: \[Snipd\]|^\s*(?:- )?Snipd AI\s*$|date-saved::|Podcast summary created with",
        re.MULTILINE | re.IGNORECASE,
    )
    # The sign ignores case: these cover the spellings seen ('Snipd AI', 'site:: [Snipd]').
    markers = ("ite:: [", "date-saved::", "Snipd AI", "snipd ai", "SNIPD AI", "ummary created")

    def page_title(self, line: str) -> str | None:
        match = _LINK_ONLY.match(strip_bullet(line.strip()))
        return clean_line(unescape(match.group(1))) if match else None

    def quoted_highlight(self, text: str) -> tuple[str, str] | None:
        # Omnivore's highlights: each a quote with a link back to its place, '> text [⤴️](url)'.
        return back_link(text)

    def chrome_heading(self, key: str) -> bool:
        return key in CHROME_HEADINGS


def back_link(text: str) -> tuple[str, str]:
    """An Omnivore highlight's text without its '[⤴️](url)' link, and the link's URL."""
    match = _BACK_LINK.search(text)
    if match is None:
        return text, ""
    return (text[: match.start()] + text[match.end() :]).rstrip(" \t"), match.group(1)
