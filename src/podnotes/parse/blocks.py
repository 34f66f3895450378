"""The block reader: Markdown-ish text -> front matter and one typed block per line.

A block says what a line *is* (a heading, a list item, a quote, a callout, a property line, a
bold label, a paragraph line), never what it means: the recognizers decide that, since a bold
line is a section label in one family and a speaker's name in another. Each block keeps its
input line number, so `parse --explain` can say where every field came from.

Lines, not a CommonMark tree: the families nest content in ways CommonMark reads differently
(Logseq outlines indented with tabs, Readwise items continued without indentation, callouts
whose quote marker ends the callout), and the line reader costs a tenth of markdown-it's time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podnotes.parse.common import is_bullet, is_image, is_rule, strip_bullet
from podnotes.parse.frontmatter import read_front_matter
from podnotes.parse.html import END_DETAILS, SUMMARY, HtmlState, convert, has_markup
from podnotes.parse.mdtext import dequote, is_quoted, unescape
from podnotes.parse.vocabulary import (
    LABEL_MAX,
    SECTION_LABELS,
    is_chrome_key,
    is_promo,
    label_key,
)

LABEL_LEVEL = 7  # a bold label or callout sits below every heading
CONTINUATION = 99  # the depth given to a Logseq line that continues the block above

HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_ESCAPED_HEADING = re.compile(r"^((?:\\#){1,6})[ \t]+(.*)$")
_BOLD_LINE = re.compile(r"^(?:\*\*|__)([^*_].*?)(?:\*\*|__)[ \t]*:?[ \t]*$")
CALLOUT = re.compile(r"^>[ \t]*\[!([\w-]+)\][+-]?[ \t]*(.*)$")
PROPERTY = re.compile(r"^([A-Za-z][\w -]{0,40})::[ \t]*(.*)$")
# A Dataview field anywhere: '- Show:: [[Name]]', '>> **URL**:: "https://…"'.
_FIELD = re.compile(
    r"^(?:>[ \t]?)*(?:[-*+][ \t]+)?(?:\*\*|__)?([A-Za-z][\w /-]{0,40}?)(?:\*\*|__)?::[ \t]*(.*)$"
)
# A repeated front matter block further down ('---', 'key: value' lines, '---'): the same
# document pasted twice.
_FRONT_KEY = re.compile(r"^[A-Za-z][\w -]{0,40}:(?:[ \t].*)?$")
_ORG_BLOCK = re.compile(r"^#\+(?:BEGIN|END)_[A-Z]+[ \t]*$", re.IGNORECASE)
_LOGSEQ_BULLET = re.compile(r"^([ \t]*)-(?:[ \t]+|$)")


# Not frozen: a frozen dataclass costs a setattr call per field, and a document has many lines.
@dataclass(slots=True)
class Block:
    """One input line, typed.

    kind: blank | heading | callout | bold | property | item | quote | paragraph, or
    summary (an HTML <summary> label) | end (a closing </details>) | html (a line of markup
    only, such as a player) | front (a repeated front matter block's line).
    `line` is the text as recognizers see it (a Logseq bullet and a callout's quote marker
    taken off); `noise` names what the line is when it is never content (image, chrome, rule,
    promo); `label` is a heading's, callout's or bold line's text, or a property's key; `key`
    is the line's label_key, for the vocabulary look-ups."""

    kind: str
    line: str
    number: int
    depth: int = 0
    level: int = 0
    label: str = ""
    value: str = ""
    noise: str = ""
    blank_before: bool = False
    key: str = ""  # label_key of the line's start
    last: int = 0  # the last input line the block spans (a heading joined with its next line)
    nested: bool = False  # a callout inside another callout

    @property
    def stripped(self) -> str:
        return self.line.strip(" \t")


@dataclass(frozen=True, slots=True)
class Document:
    """Front matter (its lines numbered `front_lines`), then the blocks of the body."""

    front: dict[str, Any]
    front_lines: tuple[int, ...]
    blocks: tuple[Block, ...]
    logseq: bool


def read(text: str, *, strict: bool | None = None) -> Document:
    """`strict` (a podnotes export, found from its front matter when not given) converts no
    HTML: podnotes escapes every '<' it writes, so none is markup."""
    front, body, first = read_front_matter(text)
    if strict is None:
        strict = str(front.get("schema", "")).startswith("podnotes/")
    raw_lines = body.split("\n")
    logseq = not strict and is_logseq(raw_lines)
    blocks: list[Block] = []
    callout = _Callout()
    after_blank = True
    html = HtmlState()
    for n, line, depth, converted, last in _lines(
        raw_lines, first, logseq=logseq, strict=strict, html=html
    ):
        if converted and line == "":
            blocks.append(Block("html", "", n, depth, noise="html", blank_before=after_blank))
            continue
        if callout.outer is not None:  # a method call per line only inside a callout
            line, resumed = callout.inside(line, n)
            if resumed is not None:
                blocks.append(resumed)
        block = _typed(line, n, depth, blank_before=after_blank, converted=converted)
        block.last = last
        after_blank = block.kind == "blank"
        if block.kind in {"heading", "callout"}:
            callout.opened(block)
        blocks.append(block)
    if not strict:
        _mark_repeated_front_matter(blocks)
    front_lines = tuple(range(1, first + 1)) if first > 1 else ()  # with the closing fence
    return Document(front, front_lines, tuple(blocks), logseq)


class _Callout:
    """The callout the lines are in, whose quote marker they lose. A callout nested in it
    ('>> [!metadata]-' inside '> [!quote]- Transcript') holds the lines quoted twice; the
    first line quoted once again resumes the outer callout, as Obsidian shows it."""

    __slots__ = ("nested", "outer")

    def __init__(self) -> None:
        self.outer: Block | None = None
        self.nested = False

    def inside(self, line: str, number: int) -> tuple[str, Block | None]:
        """The line without the callout's marker, and the outer callout again when a nested
        one ended just before it."""
        outer = self.outer
        if outer is None or not is_quoted(line):
            self.outer, self.nested = None, False
            return line, None
        line = dequote(line)
        if not self.nested:
            return line, None
        if is_quoted(line):
            return (line if CALLOUT.match(line.lstrip(" \t")) else dequote(line)), None
        self.nested = False
        return line, Block("callout", outer.line, number, outer.depth, outer.level, outer.label)

    def opened(self, block: Block) -> None:
        if block.kind == "callout":
            if self.outer is None:
                self.outer = block
            else:
                self.nested = block.nested = True
        elif self.outer is not None and not self.nested:  # a heading
            self.outer = None


def _lines(
    raw_lines: list[str], first: int, *, logseq: bool, strict: bool, html: HtmlState
) -> Iterator[tuple[int, str, int, bool, int]]:
    """(input line number, line, outline depth): HTML converted, a Logseq bullet taken off, an
    escaped heading broken with two trailing spaces joined with its next line."""
    pending: tuple[int, str, int, bool] | None = None
    for n, raw in enumerate(raw_lines, first):
        line, depth = _outline(raw.rstrip("\r"), logseq=logseq)
        # A <blockquote> or comment opened above goes on over lines that hold no markup.
        markup = not strict and (html.open or has_markup(line))
        parts = convert(line, html) if markup else [line]
        if not parts:
            yield n, "", depth, True, n  # a line of markup only
        for part in parts:
            if pending is not None:
                joined = pending[1].rstrip() + " " + part.strip()
                yield pending[0], joined, pending[2], markup, n
                pending = None
            elif part.endswith("  ") and part.lstrip(" \t").startswith("\\#"):
                pending = (n, part, depth, markup)
            else:
                yield n, part.rstrip(" \t"), depth, markup, n
    if pending is not None:
        yield pending[0], pending[1].rstrip(" \t"), pending[2], pending[3], pending[0]


def _mark_repeated_front_matter(blocks: list[Block]) -> None:
    i = 0
    while i < len(blocks):
        # At the margin only: a rule indented inside a list item is the item's own.
        if blocks[i].noise == "rule" and i > 0 and _at_margin(blocks[i]):
            j = i + 1
            while j < len(blocks) and (
                _FRONT_KEY.match(blocks[j].stripped) or (j > i + 1 and _indented_value(blocks[j]))
            ):
                j += 1  # 'key: value' lines, and the indented lines of a list or mapping
            if j > i + 1 and j < len(blocks) and blocks[j].noise == "rule":
                for k in range(i, j + 1):
                    blocks[k].kind, blocks[k].noise = "front", "front matter"
                i = j
        i += 1


def _at_margin(block: Block) -> bool:
    """Not indented, but for the indent a Logseq reading gives a line without a bullet."""
    return block.depth == CONTINUATION or block.line[:1] not in (" ", "\t")


def _indented_value(block: Block) -> bool:
    """A line of a front matter list or mapping ('  - snipd'); a Logseq continuation's indent
    is the reader's own."""
    indented = block.line[:1] in (" ", "\t") and block.depth != CONTINUATION
    return indented and bool(block.stripped) and block.noise != "rule"


def is_logseq(lines: list[str]) -> bool:
    """Logseq pages are outlines: page properties on top, or nearly every line a bullet and
    every heading inside one."""
    content = [line for line in lines if line.strip()]
    if content and PROPERTY.match(content[0].strip()):
        return True
    bullets = sum(bool(_LOGSEQ_BULLET.match(line)) for line in content)
    # A block's properties and further lines are indented under its bullet (Snipd's Logseq
    # export writes many): they count with the bullets, as long as bullets are a third.
    indented = sum(line[0] in " \t" for line in content)
    outline = max(bullets, indented)
    bare_heading = any(HEADING.match(line) for line in content)
    return (
        bool(content)
        and bullets >= len(content) / 3
        and outline > 0.8 * len(content)
        and not bare_heading
    )


def _outline(line: str, *, logseq: bool) -> tuple[str, int]:
    """Logseq: the block's text and its depth; a line without a bullet continues a block."""
    if not logseq:
        return line, 0
    bullet = _LOGSEQ_BULLET.match(line)
    if bullet is None:
        return ("  " + line.strip(), CONTINUATION) if line.strip() else ("", 0)
    indent = bullet.group(1)
    return line[bullet.end() :], indent.count("\t") + len(indent.replace("\t", "")) // 2


def _noise(stripped: str, key: str) -> str:
    if stripped[0] == "!" and is_image(stripped):
        return "image"
    if stripped[0] == "#" and _ORG_BLOCK.match(stripped):
        return "markup"  # Logseq's org-mode quote: '#+BEGIN_QUOTE' … '#+END_QUOTE'

    if is_chrome_key(key, page=False):
        return "chrome"
    if stripped[0] in "-*_ " and is_rule(stripped):
        return "rule"
    return "promo" if is_promo(stripped) else ""


def _typed(
    line: str, number: int, depth: int, *, blank_before: bool, converted: bool = False
) -> Block:
    stripped = line.strip(" \t")
    if not stripped:
        return Block("blank", "", number, depth, blank_before=blank_before)
    if converted and stripped.startswith("\x00"):
        if stripped == END_DETAILS:
            return Block("end", "", number, depth, blank_before=blank_before)
        label = stripped.removeprefix(SUMMARY).strip()
        return Block("summary", label, number, depth, LABEL_LEVEL, label, "", "", blank_before)
    key = label_key(stripped[:LABEL_MAX])  # a footer shows at the line's start
    noise = _noise(stripped, key)

    def block(kind: str, level: int = 0, label: str = "", value: str = "") -> Block:
        return Block(kind, line, number, depth, level, label, value, noise, blank_before, key)

    prop = _FIELD.match(stripped) if "::" in stripped else None
    if prop:
        return block("property", label=prop.group(1), value=prop.group(2))
    heading = _heading(stripped)
    if heading is not None:
        return block("heading", *heading)
    callout = CALLOUT.match(stripped)
    if callout:
        return block("callout", LABEL_LEVEL, callout.group(2) or callout.group(1))
    bold = _BOLD_LINE.match(strip_bullet(stripped))
    if bold:
        return block("bold", LABEL_LEVEL, bold.group(1))
    if is_bullet(stripped):
        return block("item")
    if is_quoted(stripped):
        return block("quote")
    return block("paragraph")


def _heading(stripped: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading, one inside a list item, or a Notion-style escaped
    heading ('\\#\\#\\# Quick takeaways') that names a section."""
    bullet_heading = HEADING.match(strip_bullet(stripped)) if is_bullet(stripped) else None
    match = HEADING.match(stripped) or bullet_heading
    if match:
        return len(match.group(1)), heading_text(match.group(2))
    escaped = _ESCAPED_HEADING.match(stripped)
    if escaped and label_key(unescape(escaped.group(2))) in SECTION_LABELS:
        return len(escaped.group(1)) // 2, unescape(escaped.group(2))
    return None


def heading_text(rest: str) -> str:
    """A heading's text without its optional closing run of '#' (CommonMark), found without a
    regex: a lazy group before optional blanks backtracks quadratically over long blank runs."""
    text = rest.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare[-1:] in (" ", "\t"):
        return bare.rstrip(" \t")
    return text
