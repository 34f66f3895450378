"""What a family's recognizer can tell the shared Markdown reader.

The reader (parse/markdown.py over parse/blocks.py) knows sections, headings, lists and quotes;
a recognizer knows the marks only its family writes: how a snip's heading or a highlight's
bullet reads, which lines inside a snip are marks rather than content, which headings are its
chrome. Each hook answers "not mine" by default, so a recognizer implements only its marks.
"""

from __future__ import annotations

import re

from podnotes.parse.snip import Snip


class Recognizer:
    name = "markdown"
    description = "Markdown notes (Obsidian, Notion, Logseq)"
    # Marks only this family writes, searched in the text to choose the recognizer; the
    # search runs only when one of `markers` (plain substrings, cheap to look for) is there.
    sign: re.Pattern[str] | None = None
    markers: tuple[str, ...] = ()
    # Lines (their label_key) that open a section in this family's own words, by how they
    # start: the dated headings a sync appends ('New highlights added March 16, 2024').
    section_starts: tuple[tuple[str, str], ...] = ()  # (how the line starts, section)
    # Metadata keys (their label_key) that mean another field in this family's exports.
    key_fields: dict[str, str] = {}  # noqa: RUF012 (read only)
    # A highlight's unlabelled text is the app's (its summary, an AI prompt's answer) and the
    # user's note is always labelled ('**Note:**'); otherwise unlabelled text is the user's.
    app_text = False

    def snip_heading(self, text: str, *, bullet: bool) -> Snip | None:
        """A snip from its heading's text (symbols taken off), when it has this family's form."""
        return None

    def bullet_snip(self, title: str) -> Snip | None:
        """A snip from the text of a list item that opens a highlight."""
        return None

    def snip_line(self, snip: Snip, stripped: str, line: str) -> tuple[str, str] | None:
        """A content line of a snip with this family's marks read and taken off; None when
        the line was all mark."""
        return stripped, line

    def opens_highlight(self, snip: Snip | None, *, top_item: bool) -> bool:
        """Whether a top-level item of the highlights section (a bullet at the margin, or a
        Logseq block one level below the section's) starts the next highlight."""
        return False

    def opens_paragraph(self, snip: Snip | None, line: str) -> bool:
        """Whether a line at the margin of the highlights section (outside Logseq) opens the
        next highlight, in a family that writes highlights as paragraphs."""
        return False

    def quoted_highlight(self, text: str) -> tuple[str, str] | None:
        """A block-quoted line of the highlights section (its text, unquoted) that is a
        highlight's quote in this family: (its text, its link); None when quotes are not."""
        return None

    def episode_takeaways(self, snip: Snip) -> bool:
        """A highlight that holds the episode's takeaways, not a snip's."""
        return False

    def page_title(self, line: str) -> str | None:
        """The episode's title from a line before any section, when this family writes one."""
        return None

    def chrome_heading(self, key: str) -> bool:
        """A heading (its label_key) that opens chrome: the section under it is skipped."""
        return False
