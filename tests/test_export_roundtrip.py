"""podnotes' own Markdown export parses back to the same document."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podnotes.export.machine import document
from podnotes.export.markdown import builtin_template, render_markdown
from podnotes.model import Chapter, DeepDive, Episode, Highlight, clean_line
from podnotes.parse import parse_text
from podnotes.schema import from_data
from tests.strategies import episodes, line, nonempty_line


def content(episode: Episode) -> Episode:
    """Everything but where the document came from."""
    return dataclasses.replace(episode, source=None)


def round_trip(episode: Episode, profile: str = "obsidian") -> Episode:
    template = (builtin_template(profile), profile)
    markdown = render_markdown(episode, slug="x", template=template)
    return parse_text(markdown, fmt="markdown", name="x.md")


PROFILES = ("obsidian", "logseq", "commonmark")


@pytest.mark.slow
@pytest.mark.parametrize("profile", PROFILES)
@given(episodes())  # the profile's examples (tests/conftest.py)
def test_markdown_round_trip(profile: str, episode: Episode) -> None:
    assert content(round_trip(episode, profile)) == content(episode)


@pytest.mark.slow
@given(episodes())  # the profile's examples (tests/conftest.py)
def test_json_round_trip(episode: Episode) -> None:
    data = json.loads(json.dumps(document(episode)))
    assert content(from_data(data, "x.json")) == content(episode)


# Every field of schema podnotes/2, in values the list lines of the Logseq and CommonMark
# profiles carry (they join guests, tags and books with commas).
FULL = Episode(
    title="Attention, again",
    podcast="The Long Run",
    host="Ann Lee",
    guests=("Bo Chen",),
    published="2024-03-06",
    duration=4325,
    url="https://example.com/ep?x=1&y=2",
    tags=("ai", "long context"),
    books=("The Idea Factory", "Range"),
    summary="What attention costs.",
    takeaways=("Context is memory",),
    highlights=(
        Highlight(
            title="Why *windows* grow",
            start=724,
            end=871,
            takeaways=("Longer is dearer",),
            quote="It is quadratic.\nStill.",
            transcript=("Ann Lee: So why grow it?", "Bo Chen: Note: because we can.", "Mm."),
            note="Check the paper.",
            tags=("scaling laws", "#2"),
            url="https://share.snipd.com/snip/a1?t=1&u=2",
        ),
        Highlight(title="Only a transcript", transcript=("Speaker 1: Quote: hi",)),
    ),
    chapters=(Chapter(0, "Intro"),),
)


@pytest.mark.parametrize("profile", ["obsidian", "logseq", "commonmark"])
def test_every_profile_carries_the_podnotes_2_fields(profile: str) -> None:
    assert content(round_trip(FULL, profile)) == FULL


@pytest.mark.parametrize(
    ("profile", "duration"),
    [
        ("obsidian", "duration: 4325\n"),
        ("logseq", "duration:: 01:12:05\n"),
        ("commonmark", "- Duration: 01:12:05\n"),
    ],
)
def test_quote_and_transcript_are_labelled_apart(profile: str, duration: str) -> None:
    """podnotes/1 wrote the quote under 'Transcript'; /2 writes each under its own label."""
    template = (builtin_template(profile), profile)
    markdown = render_markdown(FULL, slug="x", template=template)
    assert "#### Quote" in markdown
    assert "- Bo Chen: Note: because we can." in markdown
    assert duration in markdown


def test_a_nul_never_enters_a_document() -> None:
    """Markdown can only write U+0000 as '&#0;', which reads back as U+FFFD: the canonical
    text has no NUL, so the round trip holds (hypothesis found '\\x00QUOTE')."""
    episode = Episode(title="0", takeaways=(clean_line("\x00QUOTE"),))
    assert episode.takeaways == ("QUOTE",)
    assert content(round_trip(episode)) == content(episode)


def test_a_deep_dive_named_like_a_readwise_section_stays_a_deep_dive() -> None:
    """Hypothesis found 'NEW:HIGHLIGHTS:ADDED': Readwise's section words are no structure in
    podnotes' own export."""
    episode = Episode(title="0", deep_dives=(DeepDive("NEW:HIGHLIGHTS:ADDED", ""),))
    for profile in ("obsidian", "logseq", "commonmark"):
        assert content(round_trip(episode, profile)) == content(episode)


@pytest.mark.parametrize("text", ["{%%}", "a {% include x %} b", "{{ var }}", "x{%"])
def test_text_shaped_like_a_template_tag_survives_every_profile(text: str) -> None:
    """Hypothesis found host '{%%}' lost in the Logseq export: the parser drops Liquid tags as
    web chrome, so the export writes such a brace as an entity."""
    episode = Episode(
        title=f"T {text}",
        summary=f"S {text}.",
        host=text,
        podcast=text,
        takeaways=(text,),
        deep_dives=(DeepDive(text, f"body {text}"),),
        episode_notes=f"n {text}",
    )
    for profile in ("obsidian", "logseq", "commonmark"):
        assert content(round_trip(episode, profile)) == content(episode), profile


_lists = st.lists(nonempty_line, max_size=3, unique=True).map(tuple)


@pytest.mark.slow
@given(_lists, _lists, _lists, line, line)
def test_logseq_and_commonmark_keep_every_list_item_whole(
    guests: tuple[str, ...], tags: tuple[str, ...], books: tuple[str, ...], podcast: str, host: str
) -> None:
    """Both join guests, tags and books with ', ': an item's own comma is escaped ('Doe\\,
    Jane'), and their values are read as podnotes wrote them ('null' is a name, '[x]' a tag)."""
    episode = Episode(
        title="T", summary="S.", guests=guests, tags=tags, books=books, podcast=podcast, host=host
    )
    for profile in ("logseq", "commonmark"):
        assert content(round_trip(episode, profile)) == episode, profile


PARAGRAPHS = Episode(
    title="T",
    guests=("Doe, Jane", "Bo"),
    tags=("[bold]x[/bold]", "a, b"),
    books=("Sapiens, A Brief History",),
    podcast="null",
    summary="First, paragraph.\n\nSecond one\nwith a second line.",
    takeaways=("Same, twice", "Same, twice"),
    deep_dives=(DeepDive("D", "a, b\nc\n\nd"),),
    highlights=(Highlight(title="H", quote="q1, q2\n\nq3", note="n1\n\nn2, n3"),),
    episode_notes="n1\n\nn2",
)


@pytest.mark.parametrize("profile", ["obsidian", "logseq", "commonmark"])
def test_commas_paragraphs_and_repeats_come_back(profile: str) -> None:
    """Logseq writes each paragraph as a block of its own: they come back as paragraphs, and a
    block's second line comes back without the indent that joined it."""
    assert content(round_trip(PARAGRAPHS, profile)) == PARAGRAPHS


def test_a_comma_in_a_list_item_is_escaped_only_there() -> None:
    for profile, line_ in (
        ("logseq", "guests:: Doe\\, Jane, Bo\n"),
        ("commonmark", "- Guests: Doe\\, Jane, Bo\n"),
    ):
        template = (builtin_template(profile), profile)
        assert line_ in render_markdown(PARAGRAPHS, slug="x", template=template)


# What HYPOTHESIS_PROFILE=deep found in the Logseq and CommonMark exports, one example each.
FOUND = {
    "a title alone": Episode(title="0"),
    "a date before the year 1000": Episode(title="T", summary="S.", published="0999-01-01"),
    "chapters titled like a separator or emphasis": Episode(
        title="T",
        chapters=(
            Chapter(0, "- item"),
            Chapter(60, ":a"),
            Chapter(120, "|a"),
            Chapter(180, "*"),
            Chapter(240, "_"),
        ),
    ),
    "two chapters at one time": Episode(title="T", chapters=(Chapter(5, "a"), Chapter(5, "\\"))),
    "titles led by a symbol of their own": Episode(
        title="\u00b4Twas",
        deep_dives=(DeepDive("\u00ae Music", ""), DeepDive("\U0001f3d6 Beach", "b")),
        highlights=(Highlight("^a"), Highlight("\xadsoft", quote="q")),
    ),
    "control characters and Unicode spaces at a line's ends": Episode(
        title="T",
        summary="a\n\x1ce\n\xa0b\nc\x0b\nd",
        deep_dives=(DeepDive("D", "a\n\x0cb\x1f\nc"),),
        highlights=(Highlight("H", quote="a\n\x1e\x04", note="n\n\x0bm"),),
        episode_notes="f\n\x1de\u3000\ng",
    ),
    "notes that look like a quote or a chapter": Episode(
        title="T", episode_notes="> quote\n>\n2:34\nt"
    ),
    "a snip's lines led by a bullet of their own": Episode(
        title="T",
        highlights=(Highlight("H", takeaways=("* e",), transcript=("* g",), tags=("* t",)),),
    ),
    "titles that name a wrapper heading": Episode(
        title="T",
        deep_dives=(DeepDive("Content", "c"),),
        highlights=(Highlight("content", quote="q"), Highlight("Page content", note="n")),
    ),
}


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("case", FOUND)
def test_what_hypothesis_found_comes_back(case: str, profile: str) -> None:
    episode = FOUND[case]
    assert content(round_trip(episode, profile)) == episode


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    "text",
    [
        "Time: 04:10 - 05:02",
        "🎧 01:00 - 02:00",
        "[🎧 Play snip - 1min (02:49 - 04:42)](https://example.org/s)",
        "(01:00 - 02:00) we discussed",
    ],
)
def test_a_snip_note_or_quote_shaped_like_a_snip_time_stays_text(profile: str, text: str) -> None:
    """podnotes writes a snip's time under its title: a line of its note or quote that reads
    like another app's time line is the text's own, not the snip's time (it was lost)."""
    for highlight in (Highlight("H", start=5, note=text), Highlight("H", start=5, quote=text)):
        episode = Episode(title="T", highlights=(highlight,))
        assert content(round_trip(episode, profile)) == episode


@pytest.mark.parametrize("profile", PROFILES)
def test_a_snips_takeaways_and_transcript_keep_their_links_and_emphasis(profile: str) -> None:
    """A snip's list items go through the reader's link reduction (an app's takeaways lose
    their link markup): podnotes' escaped brackets are no link ('[Watch](url)' came back as
    '\\Watch\\' before 3cf828f)."""
    items = ("[Watch](https://example.org/w) from 01:00", "**bold** and [[Page]]")
    highlight = Highlight("H", takeaways=items, transcript=items)
    episode = Episode(title="T", takeaways=items, highlights=(highlight,))
    assert content(round_trip(episode, profile)) == episode


def test_the_obsidian_export_of_plain_titles_and_paragraphs_is_unchanged() -> None:
    """The entities these fixes write go only where a line starts or ends in what a reader
    would drop: ordinary text is written as it was."""
    episode = Episode(
        title="T",
        summary="First line\n  indented",
        deep_dives=(DeepDive("\U0001f3d6 Beach", "b"),),
        takeaways=("*really* good",),
    )
    markdown = render_markdown(
        episode, slug="x", template=(builtin_template("obsidian"), "obsidian")
    )
    assert "### \U0001f3d6 Beach\n" in markdown
    assert "First line\n&#32;&#32;indented\n" in markdown
    assert "- \\*really\\* good\n" in markdown


@pytest.mark.parametrize("profile", ["logseq", "commonmark"])
def test_a_leading_symbol_of_a_heading_is_an_entity(profile: str) -> None:
    template = (builtin_template(profile), profile)
    markdown = render_markdown(
        FOUND["titles led by a symbol of their own"], slug="x", template=template
    )
    assert "### &#174; Music" in markdown
    assert "### &#127958; Beach" in markdown


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("text", ["[]()", "x[]()", "[a](b)", "[a](<b c>)"])
def test_text_shaped_like_a_link_round_trips(profile: str, text: str) -> None:
    """Escaped brackets are text: '\\[\\]()' was read as an empty link (found by hypothesis)."""
    episode = Episode(
        title="0",
        takeaways=(text,),
        highlights=(Highlight(title="0", tags=(text,), note=text),),
    )
    assert content(round_trip(episode, profile)) == content(episode)
