"""Paragraph text keeps the user's inline Markdown and Obsidian syntax; only what would change
the document's structure is neutralised, and the export still parses back exactly."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from podnotes.export import ExportOptions, export_text
from podnotes.export.escape import block
from podnotes.model import DeepDive, Episode, Highlight
from podnotes.parse import parse_text
from podnotes.store import Entry

MINE = (
    "Try #sleep and #health/rest, **really**, _this_, [a link](https://x.org) "
    "[[Page|alias]] `code` $e^x$ ==key== ~~old~~"
)

STRUCTURE = {
    "heading_open",
    "bullet_list_open",
    "ordered_list_open",
    "blockquote_open",
    "fence",
    "code_block",
    "hr",
    "html_block",
    "table_open",
}


def test_tags_and_inline_markdown_are_kept_as_written() -> None:
    episode = Episode(
        title="Sleep",
        summary=MINE,
        deep_dives=(DeepDive("Rest", MINE),),
        highlights=(Highlight("Snip", note=MINE),),
        episode_notes=MINE,
    )
    markdown = export_text(Entry("sleep", Path("sleep.yaml"), episode), ExportOptions())
    assert markdown.count(MINE) == 4
    html = MarkdownIt("commonmark").render(markdown.split("---\n", 2)[2])
    assert "<strong>really</strong>" in html
    assert '<a href="https://x.org">a link</a>' in html
    assert "<code>code</code>" in html
    back = parse_text(markdown, fmt="markdown", name="x.md")
    assert dataclasses.replace(back, source=None) == episode


MARKDOWNISH = st.text(
    st.sampled_from(list("ab #*_-+=>|<`~[]():!%$&;\\.1 \t")), min_size=1, max_size=40
)


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWNISH, min_size=1, max_size=6))
def test_paragraph_text_never_changes_the_structure(lines: list[str]) -> None:
    text = "\n".join(line for line in lines if line.strip(" \t")) or "x"
    tokens = MarkdownIt("commonmark").enable("table").parse(block(text) + "\n")
    assert not [t.type for t in tokens if t.type in STRUCTURE], block(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(MARKDOWNISH, min_size=1, max_size=6))
def test_paragraph_text_parses_back_exactly(lines: list[str]) -> None:
    text = "\n".join(" ".join(line.split()) for line in lines if line.strip()) or "x"
    episode = Episode(title="T", deep_dives=(DeepDive("D", text),), episode_notes=text)
    markdown = export_text(Entry("t", Path("t.yaml"), episode), ExportOptions())
    back = parse_text(markdown, fmt="markdown", name="x.md")
    assert back.deep_dives == episode.deep_dives
    assert back.episode_notes == episode.episode_notes
