"""What a block of a Markdown export is, before the walker (parse/markdown.py) acts on it: a
label that names a section or a snip's part, an item's title, or content; and whether a heading
inside the highlights section starts the next snip or belongs to the open one.

Sections are found by their label, whatever marks it: a heading of any level, a bold line, a
Logseq bullet or a callout.
"""

from __future__ import annotations

import re

from podnotes.parse.blocks import CONTINUATION, LABEL_LEVEL, Block
from podnotes.parse.common import SECTION_LABELS, SNIP_PARTS, is_chrome, label_key, one_of
from podnotes.parse.families.snipd_markdown import SNIP_HEADING, TIMING
from podnotes.parse.sections import Sections
from podnotes.parse.vocabulary import SNIP_LINK_LABELS, SNIP_TIME_LABELS

# A line of a snip in a customised template: the '🎧' line, a labelled time range or snip
# link ('- Time: 04:10 - 05:02', '- Link: https://share.snipd.com/snip/…').
_SNIP_MARK = re.compile(
    rf"{TIMING.pattern}|^(?:[-*+][ \t]+)?(?:\*\*|__)?(?:(?:{one_of(SNIP_TIME_LABELS)})\b.{{0,12}}"
    rf"\d:\d\d[ \t]*[-–—]|(?:{one_of(SNIP_LINK_LABELS)})\b.{{0,8}}https?://\S*/snip/)",
    re.IGNORECASE,
)


class Labels:
    """Reads what a block marks, given the open section and snip (`s`) and the blocks around it."""

    def __init__(self, sections: Sections) -> None:
        self.s = sections
        self.section_starts = dict(pair for r in sections.marks for pair in r.section_starts)
        self.starts = tuple(self.section_starts)
        self.blocks: tuple[Block, ...] = ()
        self.at = 0  # the index of the block being fed

    def section_of(self, key: str) -> str | None:
        """The section a label names, in the vocabulary or in the family's own words."""
        section = SECTION_LABELS.get(key)
        own = self.s.strict or self.s.own_export  # podnotes writes only the vocabulary's labels
        if section is None and not own and key.startswith(self.starts):
            section = next(v for k, v in self.section_starts.items() if key.startswith(k))
        return section

    def starts_snip(self, level: int, text: str) -> bool:
        """Whether a heading inside an open snip starts the next one: it links to a snip, starts
        with a time, or a '🎧' / 'Play snip' line follows it. Otherwise it is an outline heading
        of the snip's own AI notes ('### 1. Main theme')."""
        s = self.s
        if s.snip is None or s.strict or s.own_export or level > s.snip_level:
            return True
        if SNIP_HEADING.search(text) or self.timing_follows(level, marks=_SNIP_MARK):
            return True
        return not (s.snip_seen_link or "/snip/" in s.snip.url)

    def snip_out_of_place(self, level: int, text: str) -> bool:
        """A customised template's snip heading at the level of its 'Snips' heading, or with
        none above it: it links to a snip and a '🎧' line follows; without its link, in a
        'Snips' section, a line below links to a snip or gives its time ('- Time: 04:10 -
        05:02')."""
        s = self.s
        if s.strict or level <= 1 or (s.section == "highlights" and level > s.level):
            return False
        if "/snip/" in text:
            return self.timing_follows(level)
        return s.section == "highlights" and self.timing_follows(7, marks=_SNIP_MARK)

    def timing_follows(self, level: int, marks: re.Pattern[str] = TIMING) -> bool:
        """A snip's time line or mark within the next lines, before a heading at `level` or
        above (7: before any heading)."""
        for block in self.blocks[self.at + 1 : self.at + 9]:
            if block.kind == "heading" and block.level <= level:
                break
            if marks.search(block.stripped):
                return True
        return False

    def names_part(self, label: str) -> bool:
        key = label_key(label)
        return self.section_of(key) is not None or (self.s.snip is not None and key in SNIP_PARTS)

    def in_item(self, block: Block) -> bool:
        """An indented line of a highlight a list item (a Logseq block) opened, Readwise's:
        the highlight's own text, whatever it looks like (an AI answer's rules, bold titles
        and headings)."""
        s = self.s
        if s.snip is None or not s.snip.bullet or s.section != "highlights":
            return False
        if s.logseq:
            return block.depth == CONTINUATION or block.depth > s.depth + 1
        return block.line[:1] in (" ", "\t")

    def heading_of(self, block: Block) -> tuple[int, str] | None:
        """(level, text) when the block marks a section or an item title; None for content."""
        s = self.s
        if block.kind in {"heading", "bold"} and self.in_item(block):
            # Only a snip's part ('**Key takeaways**') is a label inside a highlight's item.
            return (LABEL_LEVEL, block.label) if block.key in SNIP_PARTS else None
        if block.kind in {"heading", "callout"}:
            return block.level, block.label
        if block.kind == "bold":
            return self.bold_label(block.label)
        if block.kind == "item" and s.section == "highlights":
            return None  # a Readwise highlight, whatever its first words
        if s.logseq and s.section == "highlights" and block.depth == s.depth + 1:
            return None  # a Readwise highlight as a Logseq block
        if len(block.stripped) > 40 and block.key.startswith(self.starts) and not s.own_export:
            return LABEL_LEVEL, block.stripped  # a long label: 'New highlights added …'
        return self.bare_label(block.stripped, block.key)

    def bold_label(self, label: str) -> tuple[int, str] | None:
        """A bold line that names a section or a snip's part, or a deep dive's or a snip's
        title; None for a speaker's name or a snip's AI summary title."""
        s = self.s
        key = label_key(label)
        if s.snip is not None and s.snip.part == "transcript" and key not in SNIP_PARTS:
            return None  # a speaker's name
        named = key in SECTION_LABELS or (s.snip is not None and key in SNIP_PARTS)
        if not named and s.snip is not None and s.snip_level:
            return None  # the bold title of a snip's AI summary, under the snip's heading
        if named or s.section in {"deep_dives", "highlights"}:
            return LABEL_LEVEL, label
        return None

    def bare_label(self, line: str, key: str) -> tuple[int, str] | None:
        """A short line that only names a section ('Key takeaways:') or a snip's part."""
        s = self.s
        sentence = line.endswith((".", "!", "?"))
        if s.strict or sentence or len(line) > 40 or line.startswith(("\\", "&")):
            return None
        in_snip = s.snip is not None and key in SNIP_PARTS
        if s.snip is not None and not s.snip.title and not in_snip:
            return None  # the first line of a Readwise highlight is its title
        if in_snip or key in SECTION_LABELS:
            return LABEL_LEVEL, line.rstrip(":")
        return None

    def chrome_heading(self, text: str) -> bool:
        return is_chrome(text, page=False) or any(
            r.chrome_heading(label_key(text)) for r in self.s.marks
        )
