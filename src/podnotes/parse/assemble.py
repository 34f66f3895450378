"""The gathered sections of a Markdown document -> the draft's fields."""

from __future__ import annotations

from typing import Any

from podnotes.model import clean_line, clean_text
from podnotes.parse.chapters import split_chapters
from podnotes.parse.common import is_bullet, metadata_from, strip_bullet
from podnotes.parse.mdtext import unescape
from podnotes.parse.notes import Draft, notes_and_chapters
from podnotes.parse.sections import Sections


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
    draft.metadata = _metadata(s, front)
    takeaways = list(s.lines.get("takeaways", []))
    ai_text: list[str] = []
    for line in s.lines.get("ai_notes", []):
        if is_bullet(line) or (line[:1].isspace() and takeaways and line.strip()):
            list_text(takeaways, line)
        else:
            ai_text.append(line)
    summary = s.lines.get("summary", [])
    summary_lines = summary + ([""] if summary and ai_text else []) + ai_text
    preamble = s.lines.get("preamble", [])
    has_ai_notes = takeaways or draft.deep_dives or s.lines.get("ai_notes")
    if not clean_text("\n".join(summary_lines)) and has_ai_notes:
        # Text before the first section of an AI-notes export is its summary.
        summary_lines, preamble = preamble, []
    draft.summary = clean_text("\n".join(summary_lines))
    draft.takeaways = [t for t in takeaways if t]

    rest, chapters = split_chapters(s.lines.get("chapters", []), min_count=1)
    notes_lines = [
        *preamble,
        "",
        *s.lines.get("notes", []),
        "",
        *s.lines.get("my_notes", []),
        "",
        *rest,
    ]
    draft.episode_notes, more = notes_and_chapters(notes_lines, page=False, strict=s.strict)
    draft.chapters = [*draft.chapters, *chapters, *more]
    return draft


def _metadata(s: Sections, front: dict[str, Any]) -> dict[str, Any]:
    metadata = metadata_from(front, verbatim=s.strict)
    found = metadata_from(s.props)
    for key, value in found.items():
        metadata.setdefault(key, value)
    if s.title and "title" not in metadata:
        metadata["title"] = s.title
    # Tags gather from everywhere: front matter, properties and each snip's tags line.
    tags = [*metadata.get("tags", []), *found.get("tags", []), *s.tags]
    if tags:
        metadata["tags"] = list(dict.fromkeys(tags))
    return metadata
