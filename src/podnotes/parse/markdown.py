"""Markdown exports of episode notes: Snipd to Obsidian/Notion/Logseq, Readwise, web clippers,
and podnotes' own export.

Sections are found by their label, whatever marks it: a heading of any level, a bold line, a
Logseq bullet or a callout. Content lines are un-escaped (backslash escapes, HTML entities) only
after their structure is read, so escaped text never turns into structure.

A podnotes export (front matter `schema: podnotes/…`) is read strictly: its content lines are
never dropped as app chrome, promos or rules, and never taken for bare labels or chapters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from podnotes.model import Chapter, DeepDive, clean_line, clean_text
from podnotes.parse.chapters import TIMESTAMP, parse_timestamp, split_chapters
from podnotes.parse.common import (
    SECTION_LABELS,
    SNIP_PARTS,
    as_list,
    is_bullet,
    is_chrome,
    is_image,
    is_paragraph_like,
    is_promo,
    is_rule,
    is_title_like,
    label_key,
    metadata_from,
    strip_bullet,
    strip_symbols,
)
from podnotes.parse.mdtext import (
    dequote,
    is_quoted,
    split_front_matter,
    strip_emphasis,
    unescape,
)
from podnotes.parse.notes import Draft, notes_and_chapters
from podnotes.parse.snips import Snip, new_snip, set_part, snip_text

__all__ = ["parse_markdown", "split_front_matter", "unescape"]

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_ESCAPED_HEADING = re.compile(r"^((?:\\#){1,6})[ \t]+(.*)$")
_BOLD_LINE = re.compile(r"^(?:\*\*|__)([^*_].*?)(?:\*\*|__)[ \t]*:?[ \t]*$")
_BOLD_LEAD = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)[ \t]*[:.]?[ \t]*(?:[-–—:][ \t]*)?(\S.*)$")
_CALLOUT = re.compile(r"^>[ \t]*\[!([\w-]+)\][+-]?[ \t]*(.*)$")
_PROPERTY = re.compile(r"^([A-Za-z][\w -]{0,40})::[ \t]*(.*)$")
_LOGSEQ_BULLET = re.compile(r"^([ \t]*)-(?:[ \t]+|$)")
# 'Podcast: Show', '**Podcast:** Show', '- URL: <https://…>' in a preamble or metadata list.
_META_LINE = re.compile(
    r"^(?:\*\*|__)?([A-Za-z][\w /&-]{0,30}?)(?::(?:\*\*|__)|(?:\*\*|__)?:)[ \t]*(\S.*)$"
)
# podnotes' own chapter line: '- 00:12:34 Title', the title escaped like any content.
_EXPORT_CHAPTER = re.compile(rf"^[-*+][ \t]+({TIMESTAMP})[ \t]+(\S.*)$")

LABEL_LEVEL = 7  # a bold label or callout sits below every heading
_CONTINUATION = 99  # the depth given to a Logseq line that continues the block above
_AI_SECTIONS = {"summary", "ai_notes", "takeaways", "deep_dives"}


@dataclass
class _State:
    draft: Draft
    logseq: bool
    strict: bool
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
    callout: bool = False
    after_blank: bool = True

    def sink(self, name: str) -> list[str]:
        return self.lines.setdefault(name, [])


def parse_markdown(text: str) -> Draft:
    front, body = split_front_matter(text)
    raw_lines = body.split("\n")
    strict = str(front.get("schema", "")).startswith("podnotes/")
    logseq = not strict and _is_logseq(raw_lines)
    draft = Draft(format="markdown", complete=strict)
    state = _State(draft=draft, logseq=logseq, strict=strict)
    for raw in raw_lines:
        _feed(state, raw)
    _close_section(state)
    return _finish(state, front)


def _is_logseq(lines: list[str]) -> bool:
    """Logseq pages are outlines: page properties on top, or nearly every line a bullet and
    every heading inside one."""
    content = [line for line in lines if line.strip()]
    if content and _PROPERTY.match(content[0].strip()):
        return True
    bullets = sum(bool(_LOGSEQ_BULLET.match(line)) for line in content)
    bare_heading = any(_HEADING.match(line) for line in content)
    return bool(content) and bullets > 0.8 * len(content) and not bare_heading


def _feed(state: _State, raw: str) -> None:
    line, depth = _outline(state, raw.rstrip(" \t\r"))
    if state.callout:
        state.callout = is_quoted(line)
        if state.callout:
            line = dequote(line)
    stripped = line.strip(" \t")
    blank_before, state.after_blank = state.after_blank, not stripped
    if not stripped:
        _on_text(state, "", depth, blank_before)
        return
    if not state.strict and _is_noise(state, stripped):
        return

    prop = _PROPERTY.match(stripped)
    if prop and (state.logseq or state.section in {"preamble", "metadata"}):
        key, value = prop.group(1), unescape(prop.group(2))
        if state.snip is not None and label_key(key) in {"tags", "tag"}:
            state.snip.tags.extend(as_list(value))
        else:
            state.props.setdefault(key, value)
        return

    heading = _classify(stripped, state)
    if heading is not None:
        level, label = heading
        state.callout = bool(_CALLOUT.match(stripped))
        _on_heading(state, level, label, depth)
        return
    _on_text(state, line, depth, blank_before)


def _is_noise(state: _State, stripped: str) -> bool:
    """Images, app footers, thematic breaks (which end a snip) and web-page promos."""
    if is_image(stripped) or is_chrome(stripped, page=False):
        return True
    if is_rule(stripped):
        if state.section == "highlights":
            _close_snip(state)
        return True
    return is_promo(stripped) and state.snip is None and state.section not in _AI_SECTIONS


def _outline(state: _State, line: str) -> tuple[str, int]:
    """Logseq: the block's text and its depth; a line without a bullet continues a block."""
    if not state.logseq:
        return line, 0
    bullet = _LOGSEQ_BULLET.match(line)
    if bullet is None:
        return ("  " + line.strip(), _CONTINUATION) if line.strip() else ("", 0)
    indent = bullet.group(1)
    return line[bullet.end() :], indent.count("\t") + len(indent.replace("\t", "")) // 2


def _heading_text(rest: str) -> str:
    """A heading's text without its optional closing run of '#' (CommonMark), found without a
    regex: a lazy group before optional blanks backtracks quadratically over long blank runs."""
    text = rest.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare[-1:] in (" ", "\t"):
        return bare.rstrip(" \t")
    return text


def _classify(line: str, state: _State) -> tuple[int, str] | None:
    """(level, text) when the line marks a section or an item title; None for content."""
    bullet_heading = _HEADING.match(strip_bullet(line)) if is_bullet(line) else None
    match = _HEADING.match(line) or bullet_heading
    if match:
        return len(match.group(1)), _heading_text(match.group(2))
    escaped = _ESCAPED_HEADING.match(line)
    if escaped and label_key(unescape(escaped.group(2))) in SECTION_LABELS:
        # Notion-style '\#\#\# Quick takeaways'; other escaped hashes are literal text.
        return len(escaped.group(1)) // 2, unescape(escaped.group(2))
    callout = _CALLOUT.match(line)
    if callout:
        return LABEL_LEVEL, callout.group(2) or callout.group(1)
    bold = _BOLD_LINE.match(strip_bullet(line))
    if bold:
        key = label_key(bold.group(1))
        if (
            key in SECTION_LABELS
            or (state.snip is not None and key in SNIP_PARTS)
            or state.section in {"deep_dives", "highlights"}
        ):
            return LABEL_LEVEL, bold.group(1)
        return None
    key = label_key(line)
    sentence = line.endswith((".", "!", "?"))
    if state.strict or sentence or len(line) > 40 or line.startswith(("\\", "&")):
        return None
    if key in SECTION_LABELS and (state.snip is None or key not in SNIP_PARTS):
        return LABEL_LEVEL, line.rstrip(":")
    if state.snip is not None and key in SNIP_PARTS:
        return LABEL_LEVEL, line.rstrip(":")
    return None


def _on_heading(state: _State, level: int, text: str, depth: int) -> None:
    key = label_key(text)
    below = level > state.snip_level or level == LABEL_LEVEL
    if state.snip is not None and below and set_part(state.snip, text):
        return
    nested = (
        level > state.level
        or (level == LABEL_LEVEL == state.level)
        or (state.logseq and depth > state.depth)
    )
    section = SECTION_LABELS.get(key)
    in_snips = section == "notes" and state.section == "highlights" and nested
    if section is not None and not in_snips:
        _close_section(state)
        state.section, state.level, state.depth = section, level, depth
        return
    title = clean_line(unescape(text)) if state.strict else _dive_title(text)
    if level == 1 and state.title is None:
        state.title = title
        return
    if state.section == "deep_dives" and nested:
        _close_dive(state)
        state.dive = (title, [])
        return
    if state.section == "highlights" and nested:
        _close_snip(state)
        state.snip = new_snip(text, verbatim=state.strict)
        state.snip_level = level
        return
    if is_chrome(text, page=False):
        _close_section(state)
        state.section, state.level = "skip", level
        return
    if not nested or state.section in {"takeaways", "chapters", "metadata", "deep_dives"}:
        _close_section(state)
        section = "preamble" if state.section == "preamble" else "notes"
        state.section, state.level, state.depth = section, level, depth
    state.sink(_free_sink(state)).append(unescape(text))


def _free_sink(state: _State) -> str:
    if state.section in {"notes", "my_notes", "preamble"}:
        return state.section
    return "notes" if state.section == "highlights" else state.section


def _on_text(state: _State, line: str, depth: int, blank_before: bool) -> None:
    section = state.section
    if section in _AI_SECTIONS and is_quoted(line):
        line = dequote(line)
    if section == "skip":
        return
    if section == "preamble" and not state.strict and _meta_line(state, line):
        return
    if section == "deep_dives":
        _dive_text(state, line, depth, blank_before)
    elif section == "highlights":
        _highlight_text(state, line)
    elif section == "metadata":
        _meta_line(state, strip_bullet(line.strip()), any_key=True)
    elif section == "takeaways":
        _list_text(state.sink("takeaways"), line)
    elif section == "chapters" and state.strict:
        _export_chapter(state, line)
    else:
        # A Logseq continuation is indented only to join list items; in prose it is plain text.
        text = line.strip(" ") if depth == _CONTINUATION else line
        state.sink(section).append(unescape(text))


def _export_chapter(state: _State, line: str) -> None:
    match = _EXPORT_CHAPTER.match(line.strip())
    if match:
        title = clean_line(unescape(match.group(2)))
        state.draft.chapters.append(Chapter(start=parse_timestamp(match.group(1)), title=title))
    elif line.strip():
        state.sink("notes").append(unescape(line))


def _meta_line(state: _State, line: str, *, any_key: bool = False) -> bool:
    """Read 'Key: value' into the properties; only known keys unless `any_key`."""
    match = _META_LINE.match(line.strip())
    if match is None or len(line) > 300:
        return False
    key, value = unescape(match.group(1)).strip(), unescape(match.group(2)).strip()
    if not any_key and not metadata_from({key: value}):
        return False
    state.props.setdefault(key, value)
    return True


def _highlight_text(state: _State, line: str) -> None:
    top_bullet = is_bullet(line) and not line[:1].isspace() and not state.logseq
    if top_bullet and (state.snip is None or state.snip.bullet):
        # Readwise lists each highlight as a top-level bullet.
        _close_snip(state)
        state.snip = new_snip(strip_bullet(line), bullet=True)
        state.snip_level = 0
    elif state.snip is not None:
        snip_text(state.snip, line)
    elif line.strip():
        state.sink("notes").append(unescape(line))


def _list_text(items: list[str], line: str) -> None:
    """One list item a bullet; indented lines continue the item above."""
    if not line.strip():
        return
    if is_bullet(line) or not items or not line[:1].isspace():
        text = clean_line(unescape(strip_bullet(line)))
        if text:
            items.append(text)
    else:
        items[-1] = clean_line(items[-1] + " " + unescape(line))


def _dive_text(state: _State, line: str, depth: int, blank_before: bool) -> None:
    if state.logseq and depth <= state.depth + 1 and line.strip():
        _close_dive(state)
        lead = _BOLD_LEAD.match(line)
        if lead:
            state.dive = (_dive_title(lead.group(1)), [unescape(lead.group(2))])
        else:
            state.dive = (_dive_title(line), [])
        return
    lead = _BOLD_LEAD.match(strip_bullet(line.strip()))
    if lead and (is_bullet(line) or blank_before or state.dive is None or not state.dive[1]):
        _close_dive(state)
        state.dive = (_dive_title(lead.group(1)), [unescape(lead.group(2))])
        return
    if state.dive is not None:
        state.dive[1].append(unescape(line))
    else:
        state.loose_dive_lines.append(unescape(line.strip()))


def _dive_title(text: str) -> str:
    """A title without the emphasis and emoji that decorate it."""
    return clean_line(unescape(strip_symbols(strip_emphasis(text.strip()))))


def _close_dive(state: _State) -> None:
    if state.dive is not None:
        title, body = state.dive
        state.draft.deep_dives.append(DeepDive(title=title, body=clean_text("\n".join(body))))
        state.dive = None


def _close_snip(state: _State) -> None:
    if state.snip is not None:
        state.draft.highlights.append(state.snip.freeze())
        state.tags.extend(state.snip.tags)
        state.snip = None


def _close_section(state: _State) -> None:
    _close_dive(state)
    _close_snip(state)
    if state.loose_dive_lines:
        # Unmarked deep dives: title-line / paragraph-line pairs, as on the Snipd page.
        lines = [line for line in state.loose_dive_lines if line]
        i = 0
        while i + 1 < len(lines) and is_title_like(lines[i]) and is_paragraph_like(lines[i + 1]):
            # Loose lines are un-escaped already: only their decoration comes off.
            title = clean_line(strip_symbols(strip_emphasis(lines[i].lstrip("#"))))
            state.draft.deep_dives.append(DeepDive(title=title, body=clean_text(lines[i + 1])))
            i += 2
        state.sink("notes").extend(lines[i:])
        state.loose_dive_lines = []


def _finish(state: _State, front: dict[str, Any]) -> Draft:
    draft = state.draft
    metadata = metadata_from(front, verbatim=state.strict)
    found = metadata_from(state.props)
    for key, value in found.items():
        metadata.setdefault(key, value)
    if state.title and "title" not in metadata:
        metadata["title"] = state.title
    # Tags gather from everywhere: front matter, properties and each snip's tags line.
    tags = [*metadata.get("tags", []), *found.get("tags", []), *state.tags]
    if tags:
        metadata["tags"] = list(dict.fromkeys(tags))
    draft.metadata = metadata

    takeaways = list(state.lines.get("takeaways", []))
    ai_text: list[str] = []
    for line in state.lines.get("ai_notes", []):
        if is_bullet(line) or (line[:1].isspace() and takeaways and line.strip()):
            _list_text(takeaways, line)
        else:
            ai_text.append(line)
    summary = state.lines.get("summary", [])
    summary_lines = summary + ([""] if summary and ai_text else []) + ai_text
    preamble = state.lines.get("preamble", [])
    has_ai_notes = takeaways or draft.deep_dives or state.lines.get("ai_notes")
    if not clean_text("\n".join(summary_lines)) and has_ai_notes:
        # Text before the first section of an AI-notes export is its summary.
        summary_lines, preamble = preamble, []
    draft.summary = clean_text("\n".join(summary_lines))
    draft.takeaways = [t for t in takeaways if t]

    rest, chapters = split_chapters(state.lines.get("chapters", []), min_count=1)
    notes_lines = [
        *preamble,
        "",
        *state.lines.get("notes", []),
        "",
        *state.lines.get("my_notes", []),
        "",
        *rest,
    ]
    draft.episode_notes, more = notes_and_chapters(notes_lines, page=False, strict=state.strict)
    draft.chapters = [*draft.chapters, *chapters, *more]
    return draft
