"""Markdown exports of episode notes: the sectioned-notes walker every Markdown family shares.

Sections are found by their label (parse/labels.py reads what a block marks). Content lines
are un-escaped (backslash escapes, HTML entities) only after their structure is read, so
escaped text never turns into structure.

A podnotes export (front matter `schema: podnotes/…`) is read strictly: its content lines are
never dropped as app chrome, promos or rules, and never taken for bare labels or chapters.
"""

from __future__ import annotations

import re

from podnotes.model import clean_line
from podnotes.parse import assemble
from podnotes.parse.blocks import CONTINUATION, LABEL_LEVEL, Block, Document, read
from podnotes.parse.common import (
    as_list,
    label_key,
    strip_bullet,
)
from podnotes.parse.families import markdown_family, recognizer, recognizers
from podnotes.parse.labels import Labels
from podnotes.parse.mdtext import dequote, is_quoted, split_front_matter, unescape
from podnotes.parse.metadata import link_text
from podnotes.parse.notes import Draft
from podnotes.parse.sections import Sections, dive_title
from podnotes.parse.snips import KEPT_NOWHERE, set_part
from podnotes.parse.vocabulary import SNIP_DATE_LABELS, SNIP_FLAG_LABELS, TRANSPARENT_HEADINGS

__all__ = ["parse_markdown", "split_front_matter", "unescape", "walk"]

# podnotes' Logseq and CommonMark profiles name the schema in a property or a metadata line.
_OWN_SCHEMA = re.compile(r"^(?:[-*][ \t]+)?schema::?[ \t]*podnotes/([0-9]{1,4})", re.IGNORECASE)
_AI_SECTIONS = {"summary", "ai_notes", "takeaways", "deep_dives"}
_PROPERTY_SECTIONS = {"preamble", "metadata"}
_SNIP_PROPERTIES = frozenset(SNIP_DATE_LABELS + SNIP_FLAG_LABELS)
_PAGE_LINK = re.compile(r"^\[\[[^\[\]]+\]\]$")


def parse_markdown(text: str) -> Draft:
    return walk(read(text), markdown_family(text))


def walk(doc: Document, family: str = "markdown") -> Draft:
    """Walk the blocks of a sectioned Markdown document into a draft, with the recognizers
    of its family."""
    strict = str(doc.front.get("schema", "")).startswith("podnotes/")
    draft = Draft(format="markdown")
    sections = Sections(draft, doc.logseq, strict, recognizers(family), recognizer(family))
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


class _Walker(Labels):
    """Dispatches each block: noise, a property, a label that opens a section or item, or text
    (what a block marks is read by labels.Labels)."""

    def __init__(self, sections: Sections) -> None:
        super().__init__(sections)
        self.text_before = False  # the block fed before was text

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
        elif s.snip is not None and label_key(key) in _SNIP_PROPERTIES:
            s.mark(KEPT_NOWHERE)  # 'Snip date:: 2023-11-20', 'Favourite:: yes': not the episode's
        else:
            s.props.setdefault(key, value)
            s.mark(f"metadata:{key}")

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
