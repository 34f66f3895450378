"""Markdown escaping: note text in, Markdown that renders (and parses back) as that text.

CommonMark lets a backslash escape any ASCII punctuation, so inline syntax is escaped with one.
What a line could *start* as (a heading, a list item, a label, a chapter, a property) is
neutralised on its first character. podnotes' Markdown parser undoes exactly these escapes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from podnotes.model import format_timestamp
from podnotes.parse.common import is_decoration
from podnotes.parse.vocabulary import (
    SECTION_LABELS,
    SNIP_PARTS,
    TRANSPARENT_HEADINGS,
    is_chrome,
    label_key,
)

# Inline syntax of CommonMark and of Obsidian (#tags, $math$, ~~strike~~, ==highlight==).
_INLINE = re.compile(r"([\\`*_\[\]<>|~#$=])")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_PROPERTY = re.compile(r"(?<=[\w ])::")
_LIST_START = re.compile(r"^([-+]|\d{1,9}[.)])(?=\s|$)")
_TIME_START = re.compile(r"^[(\[]?\d{1,3}:")
_SETEXT = re.compile(r"^[-=]+\s*$")
_SEPARATORS = set("-–—:|")
# In paragraphs, only what changes structure is escaped everywhere: raw HTML and the backslash.
_STRUCTURAL = re.compile(r"([\\<>])")
_COMMENT = re.compile(r"%(?=%)|(?<=%)%")  # Obsidian hides %%text%%
# The parser drops Liquid/Jinja tags ('{% include %}', '{{ x }}') as web chrome: note text that
# has one keeps its brace as an entity, which the parser decodes after that step.
_TEMPLATE_TAG = re.compile(r"\{(?=[{%])")
_BLOCK_STARTS = (
    re.compile(r"#{1,6}(?=[ \t]|$)"),  # an ATX heading ('#tag' is not one)
    re.compile(r"([-+*]|\d{1,9}[.)])(?=\s|$)"),  # a list item
    re.compile(r"`{3,}|~{3,}|\${2}"),  # a code fence or a math block
    re.compile(r"([-*_=])(?:[ \t]*\1){2,}[ \t]*$"),  # a rule or a setext underline
    re.compile(r"[-=]+[ \t]*$"),
    re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t|:-]*)?$"),  # a table's delimiter row (':-' too)
    re.compile(r"\[[^\]]*\]:"),  # a link definition or footnote
    re.compile(r"[*_]+\S"),  # a line opening in emphasis can read as a label or title
)


def inline(text: str) -> str:
    """Escape one line of note text for use inside a Markdown line (after '- ', in a heading)."""
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _TEMPLATE_TAG.sub("&#123;", text)
    text = _PROPERTY.sub(r"\\::", text)
    return _line_start(text)


def heading(text: str) -> str:
    """A heading's text in the Logseq and CommonMark profiles. Their headings are read back
    like other apps' notes, whose leading icons and emoji decorate a title ('🎙️ Intro'): a
    leading symbol of the title's own ('® Music', '´Twas') is written as an entity, so it stays."""
    text = inline(text)
    return _entity_first(text) if text[:1] and is_decoration(text[0]) else text


def list_item(text: str) -> str:
    """One item of a list the Logseq and CommonMark profiles join with ', ' (guests, tags,
    books): a comma of its own is escaped, so the item comes back whole."""
    return inline(text).replace(",", "\\,")


def chapter_title(text: str) -> str:
    """A chapter title after its timestamp: a leading dash, colon or bar would read as the
    separator between time and title, so it becomes an entity."""
    text = inline(text)
    return _entity_first(text) if text[:1] in _SEPARATORS else text


def segment(data: Mapping[str, Any]) -> str:
    """One transcript segment as a line of the `## Transcript` section, exact to the
    millisecond: '[01:02:10.000–01:02:14.480] **Dana Whitfield:** text' (no speaker: no bold
    part). The speaker and the text are escaped as one-line text, so neither can close the
    bold or read as the times; podnotes' Markdown parser reads the line back as it was."""
    start, end = (format_timestamp(data[key], millis=".") for key in ("start", "end"))
    times = f"[{start}–{end}]"
    who = f" **{inline(data['speaker'])}:**" if data["speaker"] else ""
    return f"{times}{who} {inline(data['text'])}"


def block(text: str) -> str:
    """Escape a paragraph field (summary, body, notes) line by line; blank lines stay blank.

    Paragraphs are the user's notes: their inline Markdown and Obsidian syntax (#tags,
    **bold**, [links](...), [[wiki links]], `code`, $math$) is kept as written. Only what would
    change the document's structure is neutralised (headings, lists, quotes, fences, rules,
    table rows, link definitions, HTML, Obsidian's %% comments), plus the backslash and
    entities, so the text still parses back exactly."""
    return "\n".join(
        _paragraph_line(line) if line.strip(" \t") else "" for line in text.split("\n")
    )


def _paragraph_line(line: str) -> str:
    # A Unicode space at the end ('\x0b', U+00A0) is text too; Logseq's reader would strip it.
    body = line.rstrip()
    tail = _entities(line[len(body) :])
    body = _STRUCTURAL.sub(r"\\\1", body)
    body = _COMMENT.sub(r"\\%", body)
    body = _ENTITY.sub(r"\\&", body)
    body = _TEMPLATE_TAG.sub("&#123;", body)
    body = _PROPERTY.sub(r"\\::", body)
    return _line_start(body, paragraph=True) + tail


def _line_start(line: str, *, paragraph: bool = False) -> str:
    """Neutralise what the start of a line would mean to a Markdown reader or to our parser."""
    stripped = line.lstrip()
    indent = line[: len(line) - len(stripped)]
    if indent:
        # Leading blanks would indent into code or a nested list, and a reader strips any
        # Unicode space ('\x1c', U+00A0) off a Logseq block's line: keep them as entities.
        return _entities(indent) + _line_start(stripped, paragraph=paragraph)
    if paragraph and any(p.match(line) for p in _BLOCK_STARTS):
        return _entity_first(line)
    if line.startswith(("\\#", "\\* ", "\\*\t")):
        # '\# ' and '\* ' at a line start read as an escaped heading or bullet in some
        # exporters' Markdown (a Logseq block's text has no bullet of its own before it).
        return _entity_first(line)
    if _LIST_START.match(line) or _SETEXT.match(line):
        return _entity_first(line)
    if _TIME_START.match(line):
        return line.replace(":", "\\:", 1)
    key = label_key(line)
    # A section's or a snip part's name, or a wrapper heading ('Content') a reader looks through.
    named = key in SECTION_LABELS or key in SNIP_PARTS or key in TRANSPARENT_HEADINGS
    if named or is_chrome(line, page=False):
        return _entity_first(line)
    return line


def _entity_first(line: str) -> str:
    """The line's first character as a numeric entity; an escaped one ('\\*') as a whole."""
    if line.startswith("\\") and len(line) > 1:
        return _entities(line[1]) + line[2:]
    return _entities(line[0]) + line[1:]


def _entities(text: str) -> str:
    """Every character as a numeric entity: text that must stay text where it stands."""
    return "".join(f"&#{ord(char)};" for char in text)
