"""The gathered sections of a Markdown document -> the draft's fields."""

from __future__ import annotations

import re
from typing import Any

from podnotes.model import Highlight, Segment, clean_line, clean_text
from podnotes.parse.chapters import split_chapters
from podnotes.parse.common import is_bullet, metadata_from, strip_bullet
from podnotes.parse.mdtext import dequote, is_quoted, unescape
from podnotes.parse.metadata import flatten
from podnotes.parse.notes import (
    Draft,
    notes_and_chapters,
    segments,
    split_turns,
    without_paragraph,
)
from podnotes.parse.sections import Sections
from podnotes.parse.shownotes import description


def list_text(items: list[str], line: str) -> None:
    """One list item a bullet; indented lines continue the item above."""
    if not line.strip():
        return
    if is_bullet(line) or not items or not line[:1].isspace():
        text = clean_line(unescape(strip_bullet(line)))
        if text:
            items.append(text)
    else:
        items[-1] = clean_line(items[-1] + " " + unescape(line))


def finish(s: Sections, front: dict[str, Any]) -> Draft:
    draft = s.draft
    draft.trace = s.trace
    draft.metadata = _metadata(s, front)
    takeaways, ai_text = _ai_notes(s)
    summary = s.lines.get("summary", [])
    summary_lines = summary + ([""] if summary and ai_text else []) + ai_text
    preamble = s.lines.get("preamble", [])
    has_ai_notes = takeaways or draft.deep_dives or s.lines.get("ai_notes")
    if not clean_text("\n".join(summary_lines)) and has_ai_notes:
        # Text before the first section of an AI-notes export is its summary.
        summary_lines, preamble = preamble, []
        draft.preamble_is_summary = True
    draft.summary = clean_text("\n".join(summary_lines))
    if not draft.summary and not s.strict:
        # The plugin's 'Episode AI description'.
        draft.summary = clean_text(str(draft.metadata.get("summary") or ""))
    draft.takeaways = [t for t in takeaways if t]
    if not (s.strict or s.own_export):
        # The same document twice (Readwise appends a copy) gives one set of items.
        draft.takeaways = list(dict.fromkeys(draft.takeaways))
        draft.highlights = in_time_order(unique_highlights(draft.highlights))
    turns = _notes(s, draft, preamble)
    _document_note(draft)
    draft.transcript = _transcript(s) or segments(turns)
    if not s.strict:
        _show_notes(draft, front)
    return draft


def _show_notes(draft: Draft, front: dict[str, Any]) -> None:
    """Show notes in Markdown (a Jekyll post): the front matter's description, or the
    description paragraph, is the summary."""
    _front_description(draft, front)
    loose = not (draft.takeaways or draft.highlights or draft.deep_dives)
    if loose and draft.chapters and not draft.summary:
        draft.summary = description(draft.episode_notes.split("\n"))
        draft.episode_notes = without_paragraph(draft.episode_notes, draft.summary)


def _document_note(draft: Draft) -> None:
    """Readwise's 'Document Note:', the user's note on the whole episode, opens the notes."""
    noted = draft.metadata.get("episode_notes")
    if isinstance(noted, str) and noted:
        draft.episode_notes = clean_text(f"{noted}\n\n{draft.episode_notes}")


def _ai_notes(s: Sections) -> tuple[list[str], list[str]]:
    """The takeaways (a labelled list, and the list items of the AI notes) and the AI notes'
    other text, which goes to the summary."""
    takeaways = list(s.lines.get("takeaways", []))
    ai_text: list[str] = []
    for line in s.lines.get("ai_notes", []):
        if is_bullet(line) or (line[:1].isspace() and takeaways and line.strip()):
            list_text(takeaways, line)
        else:
            ai_text.append(line)
    return takeaways, ai_text


def _notes(s: Sections, draft: Draft, preamble: list[str]) -> list[str]:
    """The episode's notes (the preamble, notes and 'my notes' sections) and the chapters
    found in them and under a chapters heading; the timed speaker turns found in them when
    there is no transcript section (they are returned, the transcript's lines)."""
    rest, chapters = split_chapters(s.lines.get("chapters", []), min_count=1)
    notes = s.lines.get("notes", [])
    own = s.strict or bool(s.own_export)  # podnotes' notes hold no chrome, chapters or quotes
    notes_lines = [
        *preamble,
        "",
        *(notes if own else _unquoted(notes)),
        "",
        *s.lines.get("my_notes", []),
        "",
        *rest,
    ]
    turns: list[str] = []
    if not (own or s.lines.get("transcript")):
        notes_lines, turns = split_turns(notes_lines)
    draft.episode_notes, more = notes_and_chapters(notes_lines, page=False, strict=own)
    draft.chapters = [*draft.chapters, *chapters, *more]
    return turns


def _unquoted(lines: list[str]) -> list[str]:
    """Show notes Snipd quotes as a whole ('> ' on every line) lose the quote; a quote among
    the host's other lines stays one."""
    if not any(line.strip() for line in lines):
        return lines
    if all(is_quoted(line) for line in lines if line.strip()):
        return [dequote(line) for line in lines]
    return lines


_CLOCK = r"(\d{1,7}):([0-5]\d):([0-5]\d)\.(\d{3})"
# The line podnotes' Markdown export writes a segment as (export.escape.segment).
_OWN_TURN = re.compile(
    rf"(?:[-*+][ \t]+)?\[{_CLOCK}–{_CLOCK}\](?: \*\*((?:[^\\*\n]|\\.)+?):\*\*)? (\S.*)"
)


def _transcript(s: Sections) -> list[Segment]:
    lines = s.lines.get("transcript", [])
    if not (s.strict or s.own_export):
        return segments(lines)
    own = own_segments(lines)
    return segments([unescape(line) for line in lines]) if own is None else own


def own_segments(lines: list[str]) -> list[Segment] | None:
    """The `## Transcript` section of podnotes' own export, exact to the millisecond; None
    when a line is not in that form (a section the user wrote: read as any transcript)."""
    out = []
    for raw in lines:
        line = raw.strip(" \t")
        if not line:
            continue
        match = _OWN_TURN.fullmatch(line)
        if match is None:
            return None
        start, end = _millis(*match.groups()[0:4]), _millis(*match.groups()[4:8])
        if end < start:
            return None
        who, words = match[9] or "", clean_line(unescape(match[10]))
        if words:
            out.append(Segment(start / 1000, end / 1000, clean_line(unescape(who)), words))
    return out


def _millis(hours: str, minutes: str, seconds: str, millis: str) -> int:
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)


def _front_description(draft: Draft, front: dict[str, Any]) -> None:
    """A description in the front matter: its chapter list (a block scalar, a quoted string,
    lines ending in a backslash) and, when no section gave one, the summary. A description
    that only repeats the start of the notes' opening paragraph (web clippers copy it) is no
    summary; one that is that whole paragraph is the episode's description."""
    flat = flatten(front)
    listed = flat.get("chapters")
    if isinstance(listed, list) and not draft.chapters:
        # jekyll-octopod's 'chapters:' list of '00:00:00.000 Intro.' strings.
        _, draft.chapters = split_chapters([str(c) for c in listed], min_count=1)
    text = next((flat[k] for k in _DESCRIPTION_KEYS if isinstance(flat.get(k), str)), "")
    if not text:
        return
    lines = [line.rstrip().removesuffix("\\").strip() for line in text.split("\n")]
    rest, chapters = split_chapters(lines)
    if chapters and not draft.chapters:
        draft.chapters = chapters
    described = clean_text("\n".join(rest))
    flat_described = " ".join(described.split())
    opening = " ".join(draft.episode_notes.split("\n\n", 1)[0].split())
    copied = opening.startswith(flat_described[:80]) and opening != flat_described
    if described and not draft.summary and not copied:
        draft.summary = described
        draft.episode_notes = without_paragraph(draft.episode_notes, described)


_DESCRIPTION_KEYS = ("description", "summary", "excerpt", "subtitle")


def unique_highlights(highlights: list[Highlight]) -> list[Highlight]:
    """The same document pasted twice (Readwise appends) gives one set of highlights."""
    seen: set[tuple[str, int | None, str]] = set()
    out: list[Highlight] = []
    for highlight in highlights:
        key = (highlight.title.casefold(), highlight.start, highlight.url)
        if key not in seen:
            seen.add(key)
            out.append(highlight)
    return out


def in_time_order(highlights: list[Highlight]) -> list[Highlight]:
    """Readwise appends 'New highlights added' sections and Snipd's plugin appends new snips
    to an edited file: when every highlight has a time, they are put back in time order."""
    if all(h.start is not None for h in highlights):
        return sorted(highlights, key=lambda h: h.start or 0)
    return highlights


def _metadata(s: Sections, front: dict[str, Any]) -> dict[str, Any]:
    warnings = s.draft.warnings
    fields = None if s.strict else s.own.key_fields
    metadata = metadata_from(
        front if s.strict else flatten(front), verbatim=s.strict, warnings=warnings, fields=fields
    )
    # podnotes' own Logseq and CommonMark exports: their values are the note's, as written.
    verbatim = bool(s.own_export)
    found = metadata_from(s.props, verbatim=verbatim, warnings=warnings, fields=fields)
    for key, value in found.items():
        metadata.setdefault(key, value)
    whole, exact = metadata.get("duration"), found.get("duration")
    if isinstance(whole, int) and isinstance(exact, int) and 0 < abs(whole - exact) < 60:
        # The plugin's front matter has whole minutes, its metadata list the seconds too.
        metadata["duration"] = exact
    if s.title and "title" not in metadata:
        metadata["title"] = s.title
    # Tags gather from everywhere: front matter, properties and each snip's tags line.
    tags = [*metadata.get("tags", []), *found.get("tags", []), *s.tags]
    if tags:
        metadata["tags"] = list(dict.fromkeys(tags))
    return metadata
