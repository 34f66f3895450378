"""The block reader (parse/blocks.py) and front matter (parse/frontmatter.py)."""

from __future__ import annotations

from podnotes.parse.blocks import LABEL_LEVEL, read
from podnotes.parse.frontmatter import read_front_matter


def kinds(text: str) -> list[tuple[int, str, str]]:
    return [(b.number, b.kind, b.label or b.stripped) for b in read(text).blocks]


def test_blocks_keep_their_input_line_numbers_after_front_matter() -> None:
    doc = read("---\ntitle: T\n---\n# Title\n\n- item\n> quoted\n**Bold label**\ntext\n")
    assert doc.front == {"title": "T"}
    assert doc.front_lines == (1, 2, 3)
    assert kinds("---\ntitle: T\n---\n# Title\n\n- item\n> quoted\n**Bold label**\ntext") == [
        (3, "blank", ""),
        (4, "heading", "Title"),
        (5, "blank", ""),
        (6, "item", "- item"),
        (7, "quote", "> quoted"),
        (8, "bold", "Bold label"),
        (9, "paragraph", "text"),
    ]


def test_callout_lines_lose_their_quote_marker_until_the_quote_ends() -> None:
    blocks = read("> [!quote]- Transcript\n> **Speaker 1**\n> Hello.\nAfter.\n").blocks
    assert [(b.kind, b.level, b.stripped) for b in blocks[:4]] == [
        ("callout", LABEL_LEVEL, "> [!quote]- Transcript"),
        ("bold", LABEL_LEVEL, "**Speaker 1**"),
        ("paragraph", 0, "Hello."),
        ("paragraph", 0, "After."),
    ]
    assert blocks[0].label == "Transcript"


def test_logseq_outline_depth_and_properties() -> None:
    doc = read("title:: Episode\n- ## Snips\n\t- ### [04:58] Title\n\t\t- tags:: #a\n")
    assert doc.logseq
    assert [(b.kind, b.depth, b.label) for b in doc.blocks] == [
        ("property", 99, "title"),  # a page property: no bullet, as a continuation
        ("heading", 0, "Snips"),
        ("heading", 1, "[04:58] Title"),
        ("property", 2, "tags"),
        ("blank", 0, ""),
    ]


def test_noise_is_named_not_dropped() -> None:
    blocks = read("![cover](https://x/y.jpg)\n---\nCreated with Snipd\nSubscribe\n").blocks
    assert [b.noise for b in blocks] == ["image", "rule", "chrome", "promo", ""]


def test_escaped_heading_is_a_heading_only_when_it_names_a_section() -> None:
    assert kinds("\\#\\#\\# Quick takeaways\n\\#\\# Shopping") == [
        (1, "heading", "Quick takeaways"),
        (2, "paragraph", "\\#\\# Shopping"),
    ]


def test_front_matter_after_blank_lines_and_as_json() -> None:
    assert read_front_matter("\n\n---\ntitle: T\n---\nbody") == ({"title": "T"}, "\nbody", 5)
    front, body, first = read_front_matter('---\n{"dg-publish":true,"title":"T"}\n---\n# H')
    assert (front, body, first) == ({"dg-publish": True, "title": "T"}, "\n# H", 3)
    assert read_front_matter("text\n---\ntitle: T\n---\n") == (
        {},
        "text\n---\ntitle: T\n---\n",
        1,
    )
