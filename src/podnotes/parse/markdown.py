"""Markdown exports of episode notes: Snipd to Obsidian/Notion/Logseq, Readwise, web clippers,
and podnotes' own export.

Sections are found by their label, whatever marks it: a heading of any level, a bold line, a
Logseq bullet or a callout. Content lines are un-escaped (backslash escapes, HTML entities) only
after their structure is read, so escaped text never turns into structure.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from podnotes.model import DeepDive, Highlight, clean_line, clean_text
from podnotes.parse.chapters import TIMESTAMP, parse_timestamp, split_chapters
from podnotes.parse.common import (
    SECTION_LABELS,
    SNIP_PARTS,
    as_list,
    is_bullet,
    is_chrome,
    is_paragraph_like,
    is_title_like,
    label_key,
    metadata_from,
    strip_bullet,
)
from podnotes.parse.notes import Draft, notes_and_chapters

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ESCAPED_HEADING = re.compile(r"^((?:\\#){1,6})[ \t]+(.*)$")
_BOLD_LINE = re.compile(r"^(?:\*\*|__)([^*_].*?)(?:\*\*|__)[ \t]*:?[ \t]*$")
_BOLD_LEAD = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)[ \t]*[:.]?[ \t]*(?:[-–—:][ \t]*)?(\S.*)$")
_CALLOUT = re.compile(r"^>[ \t]*\[!([\w-]+)\][+-]?[ \t]*(.*)$")
_PROPERTY = re.compile(r"^([A-Za-z][\w -]{0,40})::[ \t]*(.*)$")
_LOGSEQ_BULLET = re.compile(r"^([ \t]*)-(?:[ \t]+|$)")
_UNESCAPE = re.compile(
    r"\\([!-/:-@\[-`{-~])|&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_RANGE = re.compile(rf"({TIMESTAMP})[ \t]*[-–—][ \t]*({TIMESTAMP})")
_LEADING_TIME = re.compile(rf"^[\[(]?({TIMESTAMP})[\])]?[ \t]*(?:[-–—:|][ \t]*)?(.*)$")
_TIME_LINE = re.compile(rf"^[*_\[(]*({TIMESTAMP})[*_\])]*$")
_TAGS_LINE = re.compile(r"^tags?[ \t]*::?[ \t]*(.*)$", re.IGNORECASE)

LABEL_LEVEL = 7  # a bold label or callout sits below every heading


def unescape(text: str) -> str:
    """Undo CommonMark backslash escapes and HTML entities, in one left-to-right pass."""

    def one(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        return html.unescape(match.group(0))

    return _UNESCAPE.sub(one, text)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    if end is None:
        return {}, text
    from podnotes.yamlio import load_front_matter

    return load_front_matter(text[4 : 4 + end.start()]), text[4 + end.end() :]


@dataclass
class _Snip:
    title: str
    start: int | None = None
    end: int | None = None
    takeaways: list[str] = field(default_factory=list)
    quote: list[str] = field(default_factory=list)
    note: list[str] = field(default_factory=list)
    part: str = ""

    def freeze(self) -> Highlight:
        return Highlight(
            title=self.title,
            start=self.start,
            end=self.end,
            takeaways=tuple(self.takeaways),
            quote=clean_text("\n".join(self.quote)),
            note=clean_text("\n".join(self.note)),
        )


@dataclass
class _State:
    draft: Draft
    logseq: bool
    section: str = "preamble"
    level: int = 0
    depth: int = 0
    title: str | None = None
    lines: dict[str, list[str]] = field(default_factory=dict)
    dive: tuple[str, list[str]] | None = None
    loose_dive_lines: list[str] = field(default_factory=list)
    snip: _Snip | None = None
    props: dict[str, Any] = field(default_factory=dict)

    def sink(self, name: str) -> list[str]:
        return self.lines.setdefault(name, [])


def parse_markdown(text: str) -> Draft:
    front, body = split_front_matter(text)
    raw_lines = body.split("\n")
    logseq = any(_PROPERTY.match(_LOGSEQ_BULLET.sub("", line, 1).strip()) for line in raw_lines)
    logseq = logseq or sum(bool(_LOGSEQ_BULLET.match(line)) for line in raw_lines) > 0.8 * sum(
        bool(line.strip()) for line in raw_lines
    )
    state = _State(draft=Draft(format="markdown"), logseq=logseq)
    for raw in raw_lines:
        _feed(state, raw)
    _close_section(state)
    return _finish(state, front)


def _feed(state: _State, raw: str) -> None:
    depth = 0
    line = raw.rstrip()
    if state.logseq:
        bullet = _LOGSEQ_BULLET.match(line)
        indent = bullet.group(1) if bullet else line[: len(line) - len(line.lstrip())]
        depth = indent.count("\t") + (len(indent.replace("\t", "")) // 2)
        line = line[bullet.end() :] if bullet else line.strip()
    stripped = line.strip()

    prop = _PROPERTY.match(stripped)
    if prop and (state.logseq or state.section in {"preamble", "metadata"}):
        key, value = prop.group(1), prop.group(2)
        if state.snip is not None and label_key(key) in {"tags", "tag"}:
            state.props.setdefault("tags", value)
        else:
            state.props.setdefault(key, value)
        return

    heading = _classify(stripped, state)
    if heading is not None:
        level, label = heading
        _on_heading(state, level, label, depth)
        return
    _on_text(state, line if not state.logseq else stripped, depth)


def _classify(line: str, state: _State) -> tuple[int, str] | None:
    """(level, text) when the line marks a section or an item title; None for content."""
    bullet_heading = _HEADING.match(strip_bullet(line)) if is_bullet(line) else None
    match = _HEADING.match(line) or bullet_heading
    if match:
        return len(match.group(1)), match.group(2)
    escaped = _ESCAPED_HEADING.match(line)
    if escaped:
        return len(escaped.group(1)) // 2, escaped.group(2)
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
    if key in SECTION_LABELS and len(line) <= 40 and not line.startswith(("\\", "&")):
        known = state.snip is None or key not in SNIP_PARTS
        if known:
            return LABEL_LEVEL, line.rstrip(":")
    if state.snip is not None and key in SNIP_PARTS and len(line) <= 40:
        return LABEL_LEVEL, line.rstrip(":")
    return None


def _on_heading(state: _State, level: int, text: str, depth: int) -> None:
    key = label_key(text)
    if state.snip is not None and key in SNIP_PARTS and level > state.level:
        state.snip.part = SNIP_PARTS[key]
        return
    section = SECTION_LABELS.get(key)
    if section is not None and not (section == "notes" and state.section == "highlights"):
        _close_section(state)
        state.section, state.level, state.depth = section, level, depth
        return
    if level == 1 and state.title is None:
        state.title = clean_line(unescape(text))
        return
    nested = level > state.level or (state.logseq and depth > state.depth)
    if state.section == "deep_dives" and nested:
        _close_dive(state)
        state.dive = (clean_line(unescape(text)), [])
        return
    if state.section == "highlights" and nested:
        _close_snip(state)
        state.snip = _new_snip(text)
        return
    if is_chrome(text, page=False):
        _close_section(state)
        state.section, state.level = "skip", level
        return
    if not nested or state.section in {"takeaways", "chapters", "metadata", "deep_dives"}:
        _close_section(state)
        state.section, state.level, state.depth = "notes", level, depth
    state.sink(_free_sink(state)).append(unescape(text))


def _free_sink(state: _State) -> str:
    return "notes" if state.section in {"notes", "preamble", "my_notes"} else state.section


def _on_text(state: _State, line: str, depth: int) -> None:
    section = state.section
    if section == "skip":
        return
    if section == "deep_dives":
        _dive_text(state, line, depth)
    elif section == "highlights":
        tags = _TAGS_LINE.match(line.strip())
        if state.snip is not None and tags:
            found = [t.lstrip("#") for t in re.split(r"[,\s]+", tags[1]) if t.strip("#")]
            state.props["tags"] = [*as_list(state.props.get("tags")), *found]
        elif state.snip is not None:
            _snip_text(state.snip, line)
        elif line.strip():
            state.sink("notes").append(unescape(line))
    elif section == "metadata":
        item = strip_bullet(line)
        if ":" in item:
            key, _, value = item.partition(":")
            state.props.setdefault(unescape(key).strip(), unescape(value).strip())
    elif section == "takeaways":
        _list_text(state.sink("takeaways"), line)
    else:
        state.sink(section).append(unescape(line))


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


def _dive_text(state: _State, line: str, depth: int) -> None:
    if state.logseq and depth <= state.depth + 1 and line.strip():
        _close_dive(state)
        lead = _BOLD_LEAD.match(line)
        if lead:
            state.dive = (clean_line(unescape(lead.group(1))), [unescape(lead.group(2))])
        else:
            state.dive = (clean_line(unescape(line.strip("*_ "))), [])
        return
    lead = _BOLD_LEAD.match(strip_bullet(line.strip()))
    if lead and (is_bullet(line) or state.dive is None or not state.dive[1]):
        _close_dive(state)
        state.dive = (clean_line(unescape(lead.group(1))), [unescape(lead.group(2))])
        return
    if state.dive is not None:
        state.dive[1].append(unescape(line))
    else:
        state.loose_dive_lines.append(unescape(line.strip()))


def _snip_text(snip: _Snip, line: str) -> None:
    stripped = line.strip()
    if not snip.part:
        if not stripped:
            return
        time_range = _RANGE.search(stripped)
        if time_range and (len(stripped) < 120 or stripped.startswith(("[", "*", "_", "("))):
            snip.start = parse_timestamp(time_range.group(1))
            snip.end = parse_timestamp(time_range.group(2))
            return
        lone = _TIME_LINE.match(stripped)
        if lone:
            snip.start = parse_timestamp(lone.group(1))
            return
        if stripped.startswith(">"):
            snip.quote.append(unescape(stripped.lstrip(">").strip()))
        elif is_bullet(line):
            _list_text(snip.takeaways, line)
        else:
            snip.note.append(unescape(line))
        return
    if snip.part == "takeaways":
        _list_text(snip.takeaways, line)
    elif snip.part == "quote":
        text = stripped[1:] if stripped.startswith(">") else line
        snip.quote.append(unescape(text.strip() if stripped.startswith(">") else text))
    else:
        snip.note.append(unescape(line))


def _new_snip(text: str) -> _Snip:
    match = _LEADING_TIME.match(text.strip())
    if match and match.group(2):
        return _Snip(title=clean_line(unescape(match.group(2))), start=parse_timestamp(match[1]))
    return _Snip(title=clean_line(unescape(text)))


def _close_dive(state: _State) -> None:
    if state.dive is not None:
        title, body = state.dive
        state.draft.deep_dives.append(DeepDive(title=title, body=clean_text("\n".join(body))))
        state.dive = None


def _close_snip(state: _State) -> None:
    if state.snip is not None:
        state.draft.highlights.append(state.snip.freeze())
        state.snip = None


def _close_section(state: _State) -> None:
    _close_dive(state)
    _close_snip(state)
    if state.loose_dive_lines:
        # Unmarked deep dives: title-line / paragraph-line pairs, as on the Snipd page.
        lines = [line for line in state.loose_dive_lines if line]
        i = 0
        while i + 1 < len(lines) and is_title_like(lines[i]) and is_paragraph_like(lines[i + 1]):
            state.draft.deep_dives.append(
                DeepDive(title=clean_line(lines[i]), body=clean_text(lines[i + 1]))
            )
            i += 2
        state.sink("notes").extend(lines[i:])
        state.loose_dive_lines = []


def _finish(state: _State, front: dict[str, Any]) -> Draft:
    draft = state.draft
    metadata = metadata_from(front)
    for key, value in metadata_from(state.props).items():
        metadata.setdefault(key, value)
    if state.title and "title" not in metadata:
        metadata["title"] = state.title
    draft.metadata = metadata

    summary = state.lines.get("summary", [])
    ai_notes = state.lines.get("ai_notes", [])
    takeaways = list(state.lines.get("takeaways", []))
    ai_text: list[str] = []
    for line in ai_notes:
        if is_bullet(line) or (line[:1].isspace() and takeaways and line.strip()):
            _list_text(takeaways, line)
        else:
            ai_text.append(line)
    preamble = state.lines.get("preamble", [])
    summary_lines = summary + ([""] if summary and ai_text else []) + ai_text
    if not clean_text("\n".join(summary_lines)):
        summary_lines, preamble = preamble, []
    draft.summary = clean_text("\n".join(summary_lines))
    draft.takeaways = [t for t in takeaways if t]

    chapter_lines = state.lines.get("chapters", [])
    rest, chapters = split_chapters(chapter_lines, min_count=1)
    notes_lines = (
        preamble
        + state.lines.get("notes", [])
        + [""]
        + state.lines.get("my_notes", [])
        + [""]
        + rest
    )
    draft.episode_notes, found = notes_and_chapters(notes_lines, page=False)
    draft.chapters = chapters + found
    return draft
