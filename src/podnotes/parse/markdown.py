"""Markdown exports of episode notes: the sectioned-notes walker every Markdown family shares.

Sections are found by their label, whatever marks it: a heading of any level, a bold line, a
Logseq bullet or a callout. Content lines are un-escaped (backslash escapes, HTML entities) only
after their structure is read, so escaped text never turns into structure.

A podnotes export (front matter `schema: podnotes/…`) is read strictly: its content lines are
never dropped as app chrome, promos or rules, and never taken for bare labels or chapters.
"""

from __future__ import annotations

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
from podnotes.parse.mdtext import dequote, is_quoted, split_front_matter, unescape
from podnotes.parse.notes import Draft
from podnotes.parse.sections import Sections, dive_title
from podnotes.parse.snips import new_snip, set_part

__all__ = ["parse_markdown", "split_front_matter", "unescape", "walk"]

_AI_SECTIONS = {"summary", "ai_notes", "takeaways", "deep_dives"}
_PROPERTY_SECTIONS = {"preamble", "metadata"}


def parse_markdown(text: str) -> Draft:
    return walk(read(text))


def walk(doc: Document) -> Draft:
    """Walk the blocks of a sectioned Markdown document into a draft."""
    strict = str(doc.front.get("schema", "")).startswith("podnotes/")
    walker = _Walker(Sections(Draft(format="markdown", complete=strict), doc.logseq, strict))
    for block in doc.blocks:
        walker.feed(block)
    walker.s.close_section()
    return assemble.finish(walker.s, doc.front)


class _Walker:
    """Dispatches each block: noise, a property, a label that opens a section or item, or text."""

    def __init__(self, sections: Sections) -> None:
        self.s = sections

    def feed(self, block: Block) -> None:
        s = self.s
        if block.kind == "blank":
            self.on_text("", block.depth, block.blank_before)
            return
        if not s.strict and block.noise and self.on_noise(block.noise):
            return
        if block.kind == "property" and (s.logseq or s.section in _PROPERTY_SECTIONS):
            self.on_property(block.label, unescape(block.value))
            return
        heading = self.heading_of(block)
        if heading is not None:
            self.on_heading(*heading, block.depth)
            return
        self.on_text(block.line, block.depth, block.blank_before)

    def on_noise(self, noise: str) -> bool:
        """Images, app footers, thematic breaks (which end a snip) and web-page promos; True
        when the line is dropped."""
        s = self.s
        if noise == "rule" and s.section == "highlights":
            s.close_snip()
        return noise != "promo" or (s.snip is None and s.section not in _AI_SECTIONS)

    def on_property(self, key: str, value: str) -> None:
        s = self.s
        if s.snip is not None and label_key(key) in {"tags", "tag"}:
            s.snip.tags.extend(as_list(value))
        else:
            s.props.setdefault(key, value)

    def heading_of(self, block: Block) -> tuple[int, str] | None:
        """(level, text) when the block marks a section or an item title; None for content."""
        s = self.s
        if block.kind in {"heading", "callout"}:
            return block.level, block.label
        if block.kind == "bold":
            key = label_key(block.label)
            label = key in SECTION_LABELS or (s.snip is not None and key in SNIP_PARTS)
            if label or s.section in {"deep_dives", "highlights"}:
                return LABEL_LEVEL, block.label
            return None
        return self.bare_label(block.stripped, block.key)

    def bare_label(self, line: str, key: str) -> tuple[int, str] | None:
        """A short line that only names a section ('Key takeaways:') or a snip's part."""
        s = self.s
        sentence = line.endswith((".", "!", "?"))
        if s.strict or sentence or len(line) > 40 or line.startswith(("\\", "&")):
            return None
        in_snip = s.snip is not None and key in SNIP_PARTS
        if in_snip or key in SECTION_LABELS:
            return LABEL_LEVEL, line.rstrip(":")
        return None

    def on_heading(self, level: int, text: str, depth: int) -> None:
        s = self.s
        below = level > s.snip_level or level == LABEL_LEVEL
        if s.snip is not None and below and set_part(s.snip, text):
            return
        nested = (
            level > s.level or (level == LABEL_LEVEL == s.level) or (s.logseq and depth > s.depth)
        )
        section = SECTION_LABELS.get(label_key(text))
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
        if level == 1 and s.title is None:
            s.title = title
        elif s.section == "deep_dives" and nested:
            s.close_dive()
            s.dive = (title, [])
        elif s.section == "highlights" and nested:
            s.close_snip()
            s.snip = new_snip(text, verbatim=s.strict)
            s.snip_level = level
        elif is_chrome(text, page=False):
            s.close_section()
            s.section, s.level = "skip", level
        else:
            if not nested or s.section in {"takeaways", "chapters", "metadata", "deep_dives"}:
                section = "preamble" if s.section == "preamble" else "notes"
                s.open_section(section, level, depth)
            s.sink(s.free_sink()).append(unescape(text))

    def on_text(self, line: str, depth: int, blank_before: bool) -> None:
        s = self.s
        section = s.section
        if section in _AI_SECTIONS and is_quoted(line):
            line = dequote(line)
        if section == "skip":
            return
        if section == "preamble" and not s.strict and s.meta_line(line):
            return
        if section == "deep_dives":
            s.dive_text(line, depth, blank_before)
        elif section == "highlights":
            s.highlight_text(line)
        elif section == "metadata":
            s.meta_line(strip_bullet(line.strip()), any_key=True)
        elif section == "takeaways":
            assemble.list_text(s.sink("takeaways"), line)
        elif section == "chapters" and s.strict:
            s.export_chapter(line)
        else:
            # A Logseq continuation is indented only to join list items; in prose it is text.
            text = line.strip(" ") if depth == CONTINUATION else line
            s.sink(section).append(unescape(text))
