"""Snipd highlights synced through Readwise.

`## Highlights` lists one highlight per top-level bullet (or, in custom templates, one per
`### Time 0:12:59` heading with a block-quoted body): a title line, `Key takeaways:`,
`Transcript:` and speaker lines, ending `([Time 1:01:50](url))`; `**Tags:**` and `**Note:**`
sub-items; `[[2024-03-06]] 11:16` lines say when the highlight was made. The first highlight,
`Episode AI notes`, holds the episode's takeaways. A custom AI prompt's answer opens with an
assistant's chatter ("Certainly! Here are…").
"""

from __future__ import annotations

import re

from podnotes.model import clean_line
from podnotes.parse.chapters import TIMESTAMP, parse_timestamp
from podnotes.parse.common import is_bullet, is_title_like, label_key
from podnotes.parse.families.base import Recognizer
from podnotes.parse.snip import Snip, labelled, opening, set_part
from podnotes.parse.vocabulary import SECTION_LABELS, SNIP_PARTS

_TIME_HEADING = re.compile(rf"^Time[ \t]+({TIMESTAMP})$", re.IGNORECASE)
# A highlight's location link: '([Time 1:01:50](url))', one without a time,
# '([View Highlight](url))' (Readwise Reader), '([Location 120](url))', or a time without
# a link, '(Time 0:22:30)'.
_LOCATION_LINK = re.compile(
    rf"(?<![ \t])[ \t]*\((?:\[(?:Time[ \t]+({TIMESTAMP})|View Highlight|Location \d+|Page \d+)\]"
    rf"\(([^)\s]*)\)|Time[ \t]+({TIMESTAMP}))\)"
)
# '[[2024-03-06]] 11:16': the day and time a Readwise highlight was made, not content.
_HIGHLIGHTED_AT = re.compile(r"^\[\[\d{4}-\d{2}-\d{2}\]\][ \t]+\d{1,2}:\d{2}$")
# An assistant's preamble before the answer of a custom AI prompt.
CHATTER = re.compile(
    r"^(?:certainly|sure|of course|absolutely|great question)\b.{0,120}$|"
    r"^here (?:are|is) (?:the |some |a )?.{0,80}:$",
    re.IGNORECASE,
)
_CHATTER_LEAD = re.compile(
    r"^(?:(?:certainly|sure|of course|absolutely|great question)\b[!,.]*[ \t]*)?"
    r"(?:here(?:'s| (?:are|is))[ \t]+)?(.*)$",
    re.IGNORECASE,
)
_EPISODE_AI = {"ai_notes", "takeaways"}


def asked(chatter: str) -> str:
    """'Certainly! Here are the three biggest risks:' -> 'The three biggest risks'."""
    match = _CHATTER_LEAD.match(chatter)
    rest = clean_line(match.group(1) if match else chatter).rstrip(":.")
    return rest[:1].upper() + rest[1:]


class Readwise(Recognizer):
    name = "readwise"
    description = "Snipd highlights synced through Readwise"
    sign = re.compile(
        r"\(\[Time \d|^#{1,6} Time \d|^- Full Title:|rw-book-cover|^#{1,6} New highlights added|"
        r"\(\[View Highlight\]",
        re.MULTILINE,
    )
    # 'Highlights first synced by [[Readwise]] [[date]]' (Logseq), and the sections appended
    # later: 'New highlights added <date>'.
    section_starts = (
        ("new highlights added", "highlights"),
        ("highlights first synced by", "highlights"),
    )
    markers = (
        "[Time ",
        "# Time ",
        "Full Title:",
        "rw-book-cover",
        "# New highlights added",
        "[View Highlight]",
    )
    # '- Author: [[Show]]'; the document's own tags, summary and note (newer templates).
    key_fields = {  # noqa: RUF012 (read only)
        "author": "podcast",
        "document tags": "tags",
        "summary": "summary",
        "document note": "episode_notes",
    }
    app_text = True  # the user's note is '**Note:**'; the rest is Snipd's

    def snip_heading(self, text: str, *, bullet: bool) -> Snip | None:
        stamp = _TIME_HEADING.match(text)
        if stamp is None:
            return None
        # '### Time 0:12:59': the title is the first line of the body.
        return Snip(title="", start=parse_timestamp(stamp.group(1)), bullet=bullet)

    def bullet_snip(self, title: str) -> Snip | None:
        if title.endswith(":") and SNIP_PARTS.get(label_key(title)):
            # A highlight with no title line: 'Transcript:' first.
            snip = Snip(title="", bullet=True)
            set_part(snip, title)
            return snip
        if CHATTER.match(title):
            # A custom AI prompt's answer: 'Certainly! Here are the three risks…:' names it.
            return Snip(title=asked(title), bullet=True)
        if not is_title_like(title):
            # A highlight of plain text: the text is the quote, its opening the title.
            return Snip(title=opening([title]), quote=[title], bullet=True, summary_first=title)
        return None

    def snip_line(self, snip: Snip, stripped: str, line: str) -> tuple[str, str] | None:
        if _HIGHLIGHTED_AT.match(stripped):
            return None
        linked = "([" in stripped or "(Time" in stripped
        stamp = _LOCATION_LINK.search(stripped) if linked else None
        if stamp is None:
            return stripped, line
        if stamp.group(1) or stamp.group(3):
            snip.start = parse_timestamp(stamp.group(1) or stamp.group(3))
        snip.url = snip.url or stamp.group(2) or ""
        snip.located = True  # the link ends the highlight's text: a note or tags may follow
        stripped = (stripped[: stamp.start()] + stripped[stamp.end() :]).strip(" \t")
        return stripped, line.replace(stamp.group(0), "", 1).rstrip(" \t")  # keeps a bullet

    def opens_highlight(self, snip: Snip | None, *, top_item: bool) -> bool:
        # Readwise lists each highlight as a top-level bullet (a block, in Logseq).
        return top_item and (snip is None or snip.bullet)

    def opens_paragraph(self, snip: Snip | None, line: str) -> bool:
        # A custom template's highlight as a paragraph: a line at the margin with no highlight
        # open, or after the location link that ended the last one; not its note or tags (a
        # title-like line after a blank line ends a note).
        if snip is None:
            return True
        if not snip.located or snip.bullet or is_bullet(line) or labelled(line):
            return False
        noted = snip.part in {"note", "tags"}
        return not noted or (snip.note[-1:] == [""] and is_title_like(line))

    def episode_takeaways(self, snip: Snip) -> bool:
        return not snip.verbatim and SECTION_LABELS.get(label_key(snip.title)) in _EPISODE_AI
