"""A Snipd episode page copied as text.

The page reads: summary, UI chrome (tab labels, `Read more`), `Quick takeaways` one per line,
`Deep dives` as title-line / paragraph-line pairs, then the host's episode notes with no heading.
The deep dives end where the lines stop pairing as title + paragraph.
"""

from __future__ import annotations

from podnotes.model import DeepDive, clean_line, clean_text
from podnotes.parse.common import (
    LABEL_MAX,
    SECTION_LABELS,
    is_chrome_key,
    is_paragraph_like,
    is_title_like,
    label_key,
    strip_bullet,
)
from podnotes.parse.notes import Draft, notes_and_chapters


def parse_page(text: str) -> Draft:
    lines = [line.strip() for line in text.split("\n")]
    keys = [label_key(line[:LABEL_MAX]) for line in lines]
    sections = [
        section if (section := SECTION_LABELS.get(key)) in {"takeaways", "deep_dives"} else None
        for key in keys
    ]
    draft = Draft(format="snipd-page")
    summary: list[str] = []
    i = 0
    # Summary: everything before the first section label, less the chrome.
    while i < len(lines) and sections[i] is None:
        if lines[i] and not is_chrome_key(keys[i]):
            summary.append(lines[i])
        i += 1
    draft.summary = clean_text("\n\n".join(summary))

    if i < len(lines) and sections[i] == "takeaways":
        i += 1
        while i < len(lines) and sections[i] is None:
            line = clean_line(strip_bullet(lines[i]))
            if line and not is_chrome_key(keys[i]):
                draft.takeaways.append(line)
            i += 1

    if i < len(lines) and sections[i] == "deep_dives":
        i += 1
        i = _deep_dives(lines, i, draft)

    draft.episode_notes, draft.chapters = notes_and_chapters(lines[i:])
    return draft


def _deep_dives(lines: list[str], i: int, draft: Draft) -> int:
    """Read title/paragraph pairs from line i; return the index of the first line after them."""
    while True:
        while i < len(lines) and not lines[i]:
            i += 1
        j = i + 1
        while j < len(lines) and not lines[j]:
            j += 1
        if j >= len(lines) or not (is_title_like(lines[i]) and is_paragraph_like(lines[j])):
            return i
        draft.deep_dives.append(DeepDive(title=clean_line(lines[i]), body=clean_text(lines[j])))
        i = j + 1
