"""What the Markdown walker has read so far: the open section, the open deep dive or snip, the
lines gathered per section, and the properties found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from podnotes.model import Chapter, DeepDive, clean_line, clean_text
from podnotes.parse.chapters import TIMESTAMP, parse_timestamp
from podnotes.parse.common import (
    is_bullet,
    is_paragraph_like,
    is_title_like,
    label_key,
    metadata_from,
    strip_bullet,
    strip_symbols,
)
from podnotes.parse.families import Recognizer
from podnotes.parse.families.clipped import ORIGINAL_LINK
from podnotes.parse.mdtext import dequote, is_quoted, split_escaped, strip_emphasis, unescape
from podnotes.parse.notes import Draft
from podnotes.parse.snip import opening
from podnotes.parse.snips import Snip, app_line, new_snip, snip_text
from podnotes.parse.vocabulary import METADATA_KEYS

_BOLD_LEAD = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)[ \t]*[:.]?[ \t]*(?:[-–—:][ \t]*)?(\S.*)$")
# 'Podcast: Show', '**Podcast:** Show', '- URL: <https://…>' in a preamble or metadata list.
_META_LINE = re.compile(
    r"^(?:\*\*|__)?([A-Za-z][\w /&-]{0,30}?)(?::(?:\*\*|__)|(?:\*\*|__)?:)[ \t]*(\S.*)$"
)
_EMPTY_FIELD = re.compile(r"^(?:\*\*|__)?([A-Za-z][\w /&-]{0,30}?)(?:\*\*|__)?:(?:\*\*|__)?$")
# podnotes' own chapter line: '- 00:12:34 Title', the title escaped like any content (a Logseq
# block's line comes without its bullet).
_EXPORT_CHAPTER = re.compile(rf"^(?:[-*+][ \t]+)?({TIMESTAMP})[ \t]+(\S.*)$")


def dive_title(text: str) -> str:
    """A title without the emphasis and emoji that decorate it."""
    return clean_line(unescape(strip_symbols(strip_emphasis(text.strip()))))


_LISTS = frozenset({"guests", "tags", "books"})


@dataclass
class Sections:
    """The open section (its name, heading level and outline depth) and what was gathered."""

    draft: Draft
    logseq: bool
    strict: bool
    marks: tuple[Recognizer, ...]  # the recognizers of the family detected
    own: Recognizer  # the family's own recognizer: asked what only its family needs
    section: str = "preamble"
    level: int = 0
    depth: int = 0
    title: str | None = None
    lines: dict[str, list[str]] = field(default_factory=dict)
    dive: tuple[str, list[str]] | None = None
    loose_dive_lines: list[str] = field(default_factory=list)
    snip: Snip | None = None
    snip_level: int = 0  # the heading level of the open snip's title (0 for a bullet)
    props: dict[str, Any] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    # The section a <details> element interrupted, restored at </details>.
    details_return: tuple[str, int, int] | None = None
    own_export: int = 0  # a podnotes export's schema version, strict or not (Logseq, CommonMark)
    line: int = 0  # the input line being read
    last: int = 0  # the last input line of the block being read
    # Input line -> where it landed: a field, 'sink:<section>', 'metadata:<key>',
    # 'structure' or 'chrome:<what>' (for `parse --explain`).
    trace: dict[int, str] = field(default_factory=dict)
    snips_from: dict[int, int] = field(default_factory=dict)  # id(snip) -> its first line
    repeated: bool = False  # in the second copy of a document pasted twice
    snip_seen_link: bool = False  # a snip heading linked to its snip: the plugin's headings

    def sink(self, name: str) -> list[str]:
        return self.lines.setdefault(name, [])

    def add(self, name: str, text: str, *, again: bool = False) -> None:
        """Append a line to a section's text, noting where the input line landed; in the
        second copy of a document pasted twice, a line the first copy gave is left out."""
        if self.repeated and text.strip() and text in self.sink(name):
            self.mark("chrome:the document again")
            return
        self.sink(name).append(text)
        if text.strip():
            self.mark(f"sink:{name}", again=again)

    def retrace(self, old: str, new: str, *, since: int) -> None:
        """Lines noted as `old` from line `since` on landed in `new` after all."""
        for number, where in self.trace.items():
            if number >= since and where == old:
                self.trace[number] = new

    def mark(self, where: str, *, again: bool = False) -> None:
        """Note where the current input line landed; `again` overrides an earlier note."""
        for number in range(self.line, max(self.line, self.last) + 1):
            if again or number not in self.trace:
                self.trace[number] = where

    def free_sink(self) -> str:
        if self.section in {"notes", "my_notes", "preamble"}:
            return self.section
        return "notes" if self.section == "highlights" else self.section

    def open_section(self, section: str, level: int, depth: int) -> None:
        self.close_section()
        self.section, self.level, self.depth = section, level, depth

    def meta_line(self, line: str, *, any_key: bool = False) -> bool:
        """Read 'Key: value' into the properties; only known keys unless `any_key`."""
        match = _META_LINE.match(line.strip())
        if match is None or len(line) > 300:
            return self._empty_field(line)
        key = unescape(match.group(1)).strip()
        value = self.property_value(key, match.group(2).strip())
        if not any_key and not metadata_from({key: value}):
            return False
        self.props.setdefault(key, value)
        self.mark(f"metadata:{key}", again=True)
        return True

    def property_value(self, key: str, raw: str) -> str | list[str]:
        """A property's value, unescaped; in podnotes' own export a list (guests, tags,
        books) is split at its unescaped commas first, so an item's own comma stays."""
        if self.own_export and METADATA_KEYS.get(label_key(key)) in _LISTS:
            return [unescape(part) for part in split_escaped(raw)]
        return unescape(raw)

    def _empty_field(self, line: str) -> bool:
        """'- Guests:' with nothing after it: a template's field this episode leaves empty."""
        match = _EMPTY_FIELD.match(line.strip())
        if match is None or label_key(match.group(1)) not in METADATA_KEYS:
            return False
        self.mark(f"metadata:{match.group(1)}", again=True)
        return True

    def link_title(self, line: str) -> bool:
        """A clipped page opens with a link to itself, '- [Title](url)': the episode's title;
        Omnivore's '[Read Original](url)' is the episode's URL."""
        original = ORIGINAL_LINK.match(line.strip()) if "[Read" in line else None
        if original:
            self.props.setdefault("url", original.group(1))
            self.mark("metadata:url", again=True)
            return True
        if self.title is not None or self.lines.get("preamble"):
            return False
        title = next((t for r in self.marks if (t := r.page_title(line)) is not None), None)
        if title is None:
            return False
        self.title = title
        self.mark("title", again=True)
        return bool(self.title)

    def export_chapter(self, line: str) -> None:
        match = _EXPORT_CHAPTER.match(line.strip())
        if match:
            title = clean_line(unescape(match.group(2)))
            self.draft.chapters.append(Chapter(start=parse_timestamp(match.group(1)), title=title))
            self.mark("chapters")
        elif line.strip():
            self.add("notes", unescape(line))

    def highlight_text(self, line: str, depth: int) -> None:
        if self.logseq:
            top = depth == self.depth + 1 and bool(line.strip())
        else:
            top = is_bullet(line) and not line[:1].isspace()
        if any(r.opens_highlight(self.snip, top_item=top) for r in self.marks):
            self.open_highlight(strip_bullet(line))
        elif self.quoted_highlight(line):
            return  # read as the family's quoted highlight
        elif self.paragraph_opens(line):
            # A custom template writes each highlight as a paragraph, a rule or a blank line
            # between two: the highlight's own bullets then are its content, not highlights.
            self.open_highlight(line)
            if self.snip is not None:
                self.snip.bullet = False
        elif self.snip is not None:
            where = snip_text(self.snip, line, self.marks)
            if line.strip():
                self.mark(where)
        elif line.strip():
            self.add("notes", unescape(line))

    def quoted_highlight(self, line: str) -> bool:
        """A quote the family reads as a highlight's (Omnivore's '> text [⤴️](url) ^id', your
        note below it); a quote opens the next highlight once the one before has a note. True
        when the line was one."""
        if self.logseq or not is_quoted(line.strip()):
            return False
        read = self.own.quoted_highlight(app_line(dequote(line.strip()).strip(" \t")))
        if read is None:
            return False
        text, url = read
        snip = self.snip
        if snip is None or snip.note or snip.part == "note":
            self.open_highlight("")
            if self.snip is not None:
                self.snip.title, self.snip.url = opening([text]), url
                self.snip.quote.append(unescape(text))
            return True
        snip.quote.append(unescape(text))
        snip.url = snip.url or url
        self.mark("highlights")
        return True

    def paragraph_opens(self, line: str) -> bool:
        """A highlight written as a paragraph, in a family that writes them so (Readwise's
        custom templates): a line at the margin that the family says opens one."""
        if self.logseq or line[:1] in ("", " ", "\t"):
            return False
        return self.own.opens_paragraph(self.snip, line)

    def open_highlight(self, text: str, level: int = 0) -> None:
        """A highlight a snip heading of `level` opens, or (level 0) a list item or a Readwise
        paragraph; titled by its text."""
        self.close_snip()
        heading = level > 0
        self.snip = new_snip(text, self.marks, bullet=not heading, verbatim=heading and self.strict)
        self.snip.own_export = self.own_export
        self.snip.snipd_text = self.own.app_text
        self.snip_level = level
        self.snips_from[id(self.snip)] = self.line
        self.mark("highlights", again=heading)

    def dive_text(self, line: str, depth: int, blank_before: bool) -> None:
        if self.logseq and depth <= self.depth + 1 and line.strip():
            self.close_dive()
            lead = _BOLD_LEAD.match(line)
            if lead:
                self.dive = (dive_title(lead.group(1)), [unescape(lead.group(2))])
            else:
                self.dive = (dive_title(line), [])
            return
        lead = _BOLD_LEAD.match(strip_bullet(line.strip()))
        if lead and (is_bullet(line) or blank_before or self.dive is None or not self.dive[1]):
            self.close_dive()
            self.dive = (dive_title(lead.group(1)), [unescape(lead.group(2))])
            return
        if self.dive is not None:
            self.dive[1].append(unescape(line))
        else:
            self.loose_dive_lines.append(unescape(line.strip()))

    def close_dive(self) -> None:
        if self.dive is not None:
            title, body = self.dive
            self.draft.deep_dives.append(DeepDive(title=title, body=clean_text("\n".join(body))))
            self.dive = None

    def snip_text_line(self, text: str) -> None:
        """A line of the open snip's own text (an outline heading of its AI notes)."""
        if self.snip is not None:
            self.mark(snip_text(self.snip, text, self.marks), again=True)

    def close_snip(self) -> None:
        snip, self.snip = self.snip, None
        if snip is None:
            return
        if any(r.episode_takeaways(snip) for r in self.marks):
            # Readwise's first highlight, 'Episode AI notes', holds the episode's takeaways.
            self.sink("takeaways").extend([*snip.takeaways, *snip.note])
            self.retrace("highlights", "takeaways", since=self.snips_from.get(id(snip), self.line))
            return
        highlight = snip.freeze()
        self.snip_seen_link = self.snip_seen_link or "/snip/" in highlight.url
        if highlight.title or highlight.quote or highlight.transcript or highlight.note:
            self.draft.highlights.append(highlight)
            if not self.own_export:  # podnotes' own export lists the episode's tags itself
                self.tags.extend(snip.tags)

    def close_section(self) -> None:
        self.close_dive()
        self.close_snip()
        if self.loose_dive_lines:
            # Unmarked deep dives: title-line / paragraph-line pairs, as on the Snipd page.
            lines = [line for line in self.loose_dive_lines if line]
            i = 0
            while (
                i + 1 < len(lines) and is_title_like(lines[i]) and is_paragraph_like(lines[i + 1])
            ):
                # Loose lines are un-escaped already: only their decoration comes off.
                title = clean_line(strip_symbols(strip_emphasis(lines[i].lstrip("#"))))
                self.draft.deep_dives.append(DeepDive(title=title, body=clean_text(lines[i + 1])))
                i += 2
            self.sink("notes").extend(lines[i:])
            self.loose_dive_lines = []
