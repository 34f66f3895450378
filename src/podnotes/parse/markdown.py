"""Markdown exports of episode notes: the sectioned-notes walker every Markdown family shares.

Sections are found by their label, whatever marks it: a heading of any level, a bold line, a
Logseq bullet or a callout. Content lines are un-escaped (backslash escapes, HTML entities) only
after their structure is read, so escaped text never turns into structure.

A podnotes export (front matter `schema: podnotes/…`) is read strictly: its content lines are
never dropped as app chrome, promos or rules, and never taken for bare labels or chapters.
"""

from __future__ import annotations

import re

from podnotes.model import clean_line
from podnotes.parse import assemble
from podnotes.parse.blocks import CONTINUATION, LABEL_LEVEL, Block, Document, read
from podnotes.parse.common import (
    SECTION_LABELS,
    SNIP_PARTS,
    as_list,
    is_chrome,
    label_key,
    strip_bullet,
)
from podnotes.parse.families import key_fields, markdown_family, recognizers
from podnotes.parse.families.snipd_markdown import SNIP_HEADING, TIMING
from podnotes.parse.mdtext import dequote, is_quoted, split_front_matter, unescape
from podnotes.parse.metadata import link_text
from podnotes.parse.notes import Draft
from podnotes.parse.sections import Sections, dive_title
from podnotes.parse.snips import set_part
from podnotes.parse.vocabulary import TRANSPARENT_HEADINGS

__all__ = ["parse_markdown", "split_front_matter", "unescape", "walk"]

# podnotes' Logseq and CommonMark profiles name the schema in a property or a metadata line.
_OWN_SCHEMA = re.compile(r"^(?:[-*][ \t]+)?schema::?[ \t]*podnotes/([0-9]{1,4})", re.IGNORECASE)
_AI_SECTIONS = {"summary", "ai_notes", "takeaways", "deep_dives"}
_PROPERTY_SECTIONS = {"preamble", "metadata"}
# A line of a snip in a customised template: the '🎧' line, a labelled time range or snip
# link ('- Time: 04:10 - 05:02', '- Link: https://share.snipd.com/snip/…').
_SNIP_MARK = re.compile(
    rf"{TIMING.pattern}|^(?:[-*+][ \t]+)?(?:\*\*|__)?(?:(?:time|timestamp)s?\b.{{0,12}}"
    r"\d:\d\d[ \t]*[-–—]|(?:snip )?(?:link|url)\b.{0,8}https?://\S*/snip/)",
    re.IGNORECASE,
)
_PAGE_LINK = re.compile(r"^\[\[[^\[\]]+\]\]$")


def parse_markdown(text: str) -> Draft:
    return walk(read(text), markdown_family(text))


def walk(doc: Document, family: str = "markdown") -> Draft:
    """Walk the blocks of a sectioned Markdown document into a draft, with the recognizers
    of its family."""
    strict = str(doc.front.get("schema", "")).startswith("podnotes/")
    draft = Draft(format="markdown")
    sections = Sections(draft, doc.logseq, strict, recognizers(family))
    sections.key_fields = key_fields(family)
    sections.family = family
    walker = _Walker(sections)
    walker.s.own_export = _own_version(doc, strict)
    draft.complete = strict or walker.s.own_export > 0  # the Logseq and CommonMark exports too
    walker.blocks = doc.blocks
    for i, block in enumerate(doc.blocks):
        walker.at = i
        walker.feed(block)
    walker.s.close_section()
    draft = assemble.finish(walker.s, doc.front)
    draft.front_lines = doc.front_lines
    return draft


def _own_version(doc: Document, strict: bool) -> int:
    """The schema version of a podnotes export (its front matter, or the Logseq property /
    CommonMark line of the other profiles); 0 for anything else."""
    if strict:
        version = str(doc.front["schema"]).removeprefix("podnotes/")
        return int(version) if version.isdigit() else 1
    for block in doc.blocks[:60]:
        match = _OWN_SCHEMA.match(block.stripped)
        if match:
            return int(match.group(1))
    return 0


class _Walker:
    """Dispatches each block: noise, a property, a label that opens a section or item, or text."""

    def __init__(self, sections: Sections) -> None:
        self.s = sections
        self.section_starts = dict(pair for r in sections.marks for pair in r.section_starts)
        self.starts = tuple(self.section_starts)
        self.blocks: tuple[Block, ...] = ()
        self.at = 0  # the index of the block being fed
        self.text_before = False  # the block fed before was text

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

    def feed(self, block: Block) -> None:
        s = self.s
        after_text, self.text_before = self.text_before, False
        s.line, s.last = block.number, block.last
        kind = block.kind
        if kind == "html":
            s.mark("chrome:html")
            return
        if block.stripped.strip("> \t") == "" and kind != "blank":
            s.mark("structure")  # an empty quote line
        if kind == "blank":
            self.on_text("", block.depth, block.blank_before)
            return
        if kind in {"front", "end", "summary"}:
            s.repeated = s.repeated or kind == "front"
            s.mark("chrome:front matter again" if kind == "front" else "structure")
            self.on_details(kind, block.label)
            return
        if not s.strict and block.noise and self.on_noise(block.noise, block):
            s.mark(f"chrome:{block.noise}")
            return
        if self.on_marker(block):
            return
        heading = self.heading_of(block)
        if heading is not None:
            self.on_heading(*heading, block.depth)
            return
        if after_text and s.logseq and s.own_export and block.depth != CONTINUATION:
            # podnotes' Logseq export writes each paragraph as a block of its own.
            self.on_text("", block.depth, True)
        self.on_text(block.line, block.depth, block.blank_before)
        self.text_before = bool(block.line.strip())

    def on_marker(self, block: Block) -> bool:
        """A property line, a callout's own title or a heading that only wraps the content:
        read here, True when it was one."""
        s = self.s
        # A Dataview field is metadata anywhere but in the notes, where it may be the text.
        free = not s.strict and s.section not in {"notes", "my_notes"}
        if block.kind == "property" and (free or s.logseq or s.section in _PROPERTY_SECTIONS):
            self.on_property(block.label, s.property_value(block.label, block.value))
            return True
        callout_title = block.kind == "callout" and not self.names_part(block.label)
        wrapper = block.kind == "heading" and label_key(block.label) in TRANSPARENT_HEADINGS
        if callout_title or wrapper:
            # A callout's own title ('Meta', 'Podcast info'): its lines are read. One nested
            # in a snip's callout ('>> [!info]-' in the transcript's) is the user's aside.
            s.mark("structure")
            if block.nested and s.snip is not None and s.snip.part in {"transcript", "quote"}:
                set_part(s.snip, "note")
            return True
        return False

    def on_noise(self, noise: str, block: Block) -> bool:
        """Images, app footers, thematic breaks (which end a snip, unless indented inside a
        highlight's list item) and web-page promos; True when the line is dropped."""
        s = self.s
        if noise == "rule" and s.section == "highlights" and not self.in_item(block):
            s.close_snip()
        return noise != "promo" or (s.snip is None and s.section not in _AI_SECTIONS)

    def names_part(self, label: str) -> bool:
        key = label_key(label)
        return self.section_of(key) is not None or (self.s.snip is not None and key in SNIP_PARTS)

    def on_details(self, kind: str, label: str) -> None:
        """<details>: its <summary> names a section or a snip's part ('Show notes',
        '📚 Transcript') or is chrome ('Click to expand'); </details> goes back to the section
        it interrupted."""
        s = self.s
        if kind == "summary":
            if s.snip is not None and set_part(s.snip, label):
                return
            section = self.section_of(label_key(label))
            if section is not None and s.details_return is None:
                s.details_return = (s.section, s.level, s.depth)
                s.open_section(section, LABEL_LEVEL, s.depth)
        elif kind == "end" and s.snip is not None and s.details_return is None:
            s.snip.part = ""  # a part in <details> ends with it ('- Audio link: …' follows)
        elif kind == "end" and s.details_return is not None:
            s.close_section()
            (s.section, s.level, s.depth), s.details_return = s.details_return, None

    def on_property(self, key: str, value: str | list[str]) -> None:
        s = self.s
        if s.snip is not None and label_key(key) in {"tags", "tag"}:
            s.snip.tags.extend(as_list(value))
            s.mark("highlights")
        else:
            s.props.setdefault(key, value)
            s.mark(f"metadata:{key}")

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

    def on_heading(self, level: int, text: str, depth: int) -> None:
        s = self.s
        # A snip's part may sit at its title's level ('### ✨ Key takeaways' under '### [02:56]').
        below = level >= s.snip_level or level == LABEL_LEVEL
        s.mark("structure")
        if s.snip is not None and below and set_part(s.snip, text):
            return
        if self.snip_out_of_place(level, text):
            s.open_section("highlights", level - 1, depth)  # snips not under a 'Snips' heading
        nested = (
            level > s.level or (level == LABEL_LEVEL == s.level) or (s.logseq and depth > s.depth)
        )
        section = self.section_of(label_key(text))
        in_snips = section == "notes" and s.section == "highlights" and nested
        if section is not None and not in_snips:
            s.open_section(section, level, depth)
            return
        self.on_title(level, text, depth, nested=nested)

    def on_title(self, level: int, text: str, depth: int, *, nested: bool) -> None:
        """A heading that names no section: the episode's title, a deep dive's or a snip's
        title, a chrome heading whose section is skipped, or a heading kept as notes."""
        s = self.s
        title = clean_line(unescape(text)) if s.strict else dive_title(text)
        if self.page_title(level, text, depth, title):
            return
        if s.section == "deep_dives" and nested:
            s.close_dive()
            s.dive = (title, [])
            s.mark("deep_dives", again=True)
        elif s.section == "highlights" and nested and not self.starts_snip(level, text):
            s.snip_text_line(unescape(text))
        elif s.section == "highlights" and nested:
            s.open_highlight(text, level)
        elif self.chrome_heading(text):
            s.close_section()
            s.section, s.level = "skip", level
            s.mark("chrome:chrome heading", again=True)
        else:
            if not nested or s.section in {"takeaways", "chapters", "metadata", "deep_dives"}:
                section = "preamble" if s.section == "preamble" else "notes"
                s.open_section(section, level, depth)
            s.add(s.free_sink(), unescape(text), again=True)

    def page_title(self, level: int, text: str, depth: int, title: str) -> bool:
        """The episode's title: a level-1 heading, or a Logseq page's top block heading that
        links to the page ('- ## [[Title]]', Snipd's Logseq export). The same title again
        starts the document pasted twice. True when the heading was one of these."""
        s = self.s
        page = s.logseq and depth == 0 and bool(_PAGE_LINK.match(text))
        if s.title is None and (level == 1 or (page and s.section == "preamble")):
            s.title = clean_line(link_text(title))
            s.mark("title", again=True)
        elif (level == 1 or page) and clean_line(link_text(title)) == s.title and not s.strict:
            s.repeated = True  # the document again, from its title on
            s.close_section()
            s.section, s.level = "preamble", 0
            s.mark("chrome:the document again", again=True)
        else:
            return False
        return True

    def chrome_heading(self, text: str) -> bool:
        return is_chrome(text, page=False) or any(
            r.chrome_heading(label_key(text)) for r in self.s.marks
        )

    def on_text(self, line: str, depth: int, blank_before: bool) -> None:
        s = self.s
        section = s.section
        if section in _AI_SECTIONS and is_quoted(line):
            line = dequote(line)
        elif s.details_return is not None and is_quoted(line):
            line = dequote(line).strip(" \t")
        if section == "skip":
            s.mark("chrome:skipped section")
            return
        if section == "preamble" and not s.strict and (s.meta_line(line) or s.link_title(line)):
            return
        self.section_text(section, line, depth, blank_before)

    def section_text(self, section: str, line: str, depth: int, blank_before: bool) -> None:
        """A content line, read as its section reads them."""
        s = self.s
        if section == "deep_dives":
            # A Logseq continuation is indented only to join the block's lines.
            s.dive_text(line.strip(" ") if depth == CONTINUATION else line, depth, blank_before)
            s.mark("deep_dives")
        elif section == "highlights":
            s.highlight_text(line, depth)
        elif section == "metadata":
            if not s.meta_line(strip_bullet(line.strip()), any_key=True) and line.strip():
                s.add("notes", unescape(line.strip()))
        elif section == "takeaways":
            assemble.list_text(s.sink("takeaways"), line)
            s.mark("takeaways")
        elif section == "chapters" and (s.strict or s.own_export):
            s.export_chapter(line)
        elif section == "transcript" and (s.strict or s.own_export):
            s.add(section, line)  # podnotes' own lines: read whole (assemble.own_segments)
        else:
            # A Logseq continuation is indented only to join list items; in prose it is text.
            text = line.strip(" ") if depth == CONTINUATION else line
            s.add(section, unescape(text))
