"""The families of input podnotes recognises, and which one a text is.

The Markdown families share one walker (parse/markdown.py) whose parts know each family's
marks: Snipd's plugin headings ('⭐ [Title](url) #tag', '🎧 12:04 - 14:31'), the earlier export's
'Play snip' links, <details> show notes and HTML transcripts, Readwise's highlight bullets and
'([Time …](url))' stamps, a clipped share page's chrome. Detection here names the family for
`parse --explain`; it looks for marks only that family writes.
"""

from __future__ import annotations

import re

from podnotes.parse.notes import Draft

FAMILIES: dict[str, str] = {
    "podnotes": "podnotes' own Markdown export",
    "snipd-plugin": "Snipd's Obsidian plugin (2025-)",
    "snipd-markdown": "Snipd's Markdown / Obsidian export (2022-2024)",
    "readwise": "Snipd highlights synced through Readwise",
    "clipped-page": "a Snipd share page clipped by a read-later app (Omnivore, Web Clipper)",
    "snipd-page": "a Snipd episode page copied as text",
    "show-notes": "show notes or an episode description (text, Jekyll, front matter)",
    "chapter-json": "a chapter file (JSON) given as the notes",
    "markdown": "Markdown notes (Obsidian, Notion, Logseq)",
}

_SIGNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "readwise",
        re.compile(
            r"\(\[Time \d|^#{1,6} Time \d|^- Full Title:|rw-book-cover|"
            r"^#{1,6} New highlights added",
            re.MULTILINE,
        ),
    ),
    (
        "clipped-page",
        re.compile(
            r"site:: \[Snipd\]|^\s*(?:- )?Snipd AI\s*$|date-saved::|Podcast summary created with",
            re.MULTILINE | re.IGNORECASE,
        ),
    ),
    (
        "snipd-plugin",
        re.compile(
            r"^🎧 \d|^#{1,6} ⭐|^- Episode AI description:|^- Mentioned books:|obsidian-player",
            re.MULTILINE,
        ),
    ),
    (
        "snipd-markdown",
        re.compile(r"Play snip|^#{1,6} Episode (?:metadata|AI notes)", re.MULTILINE),
    ),
)


def detect_family(text: str, draft: Draft) -> str:
    if draft.complete:
        return "podnotes"
    if draft.family:
        return draft.family
    if draft.format == "snipd-page":
        return "snipd-page"
    for family, sign in _SIGNS:
        if sign.search(text):
            return family
    loose = not (draft.highlights or draft.takeaways or draft.deep_dives)
    if loose and (draft.chapters or draft.summary):
        return "show-notes"
    return "markdown"
