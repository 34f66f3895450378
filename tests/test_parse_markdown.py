"""Markdown exports (parse/markdown.py, parse/snips.py, parse/mdtext.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from podnotes.model import Chapter, DeepDive, Episode, Highlight
from podnotes.parse import parse_bytes, parse_text
from podnotes.parse.families import Recognizer
from podnotes.parse.markdown import split_front_matter, unescape

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
GPT7 = "Sholto Douglas & Trenton Bricken - How to Build & Understand GPT-7's Mind"
SNIPD_EPISODE = "https://share.snipd.com/episode/6b4cd0a1-8f0c-4f59-9a1e-2f4e8d3c9b10"
LONG_CONTEXT = "Long context as a path to superhuman performance"
SNIP_1 = "https://share.snipd.com/snip/1f7e9b52-44c7-4cbb-8b41-0d5a7a2ffc1e"
SNIP_2 = "https://share.snipd.com/snip/7d0a3e11-5b9d-4d6e-8f22-0c1b2a3d4e5f"


def parse(name: str) -> Episode:
    episode = parse_bytes((INPUTS / name).read_bytes(), name=name)
    assert episode.source is not None
    assert episode.source.format == "markdown"
    return episode


def test_snipd_obsidian_export() -> None:
    episode = parse("snipd_obsidian.md")
    assert episode.title == GPT7
    assert episode.podcast == "Dwarkesh Podcast"
    assert episode.published == "2024-03-28"
    assert episode.url == SNIPD_EPISODE
    assert episode.tags == ("podcast", "snipd", "AI", "interpretability", "long-context", "agents")
    assert episode.summary == ""  # the cover image is not a summary
    assert episode.takeaways == (
        "Training models on specific tasks enhances reasoning abilities beyond text prediction.",
        "Leveraging context improves model intelligence without massive increases in scale.",
        "Scaling research teams with diverse skills accelerates research progress.",
        "Complex feature learning in models challenges interpretability efforts.",
    )
    assert episode.highlights == (
        Highlight(
            title=LONG_CONTEXT,
            start=4 * 60 + 7,
            end=5 * 60 + 37,
            takeaways=(
                "Long context windows let a model read an entire codebase before answering.",
                "In-context learning can beat weeks of fine-tuning on narrow tasks.",
            ),
            transcript=(
                "Speaker 1: If you can give it a million tokens of context about your codebase, "
                "it is going to be so much better than anyone who has just joined the team.",
            ),
            note="This is the argument for long context over more pre-training.",
            tags=("long-context", "agents"),
            url=SNIP_1,
        ),
        Highlight(
            title="Dictionary learning finds features",
            start=3600 + 40,
            end=3600 + 2 * 60 + 58,
            takeaways=(
                "Sparse autoencoders pull interpretable features out of dense activations.",
            ),
            transcript=("Trenton Bricken: We find a feature for base64 & one for DNA sequences.",),
            url=SNIP_2,
        ),
    )
    # The 'Created with Snipd' footer after the rule is dropped, not kept as a quote or note.
    assert episode.episode_notes == ""
    assert episode.deep_dives == ()


def test_logseq_page() -> None:
    episode = parse("logseq_page.md")
    assert episode.title == "Sholto Douglas & Trenton Bricken (Dwarkesh Podcast)"
    assert episode.podcast == "Dwarkesh Podcast"
    assert episode.published == "2024-03-28"  # from the journal link [[Mar 28th, 2024]]
    assert episode.url == SNIPD_EPISODE
    assert episode.tags == ("podcast", "AI", "interpretability", "long-context")
    assert episode.summary == (
        "Sholto and Trenton explain how frontier models are trained and what happens inside them."
    )
    assert episode.takeaways == (
        "Training models on specific tasks enhances reasoning abilities beyond text prediction.",
        "Leveraging context improves model intelligence without massive increases in scale.",
    )
    assert episode.deep_dives == (
        DeepDive(
            title="Accelerating Model Intelligence with Long Context Links",
            body="Using context links significantly enhances model intelligence.",
        ),
        DeepDive(
            title="Optimism in Model Interpretability",
            body="The method of dictionary learning uncovers distinct features in models.",
        ),
    )
    assert episode.highlights == (
        Highlight(
            title=LONG_CONTEXT,
            start=247,
            end=337,
            takeaways=(
                "Long context windows let a model read an entire codebase before answering.",
            ),
            transcript=(
                "If you can give it a million tokens of context about your codebase, "
                "it is going to be so much better.",
            ),
            note="Argument for long context over pre-training.",
            tags=("long-context",),
            url=SNIP_1,
        ),
    )
    assert episode.episode_notes == (
        "Had so much fun chatting with my good friends Trenton Bricken and Sholto Douglas on the "
        "podcast.\nSo excited to put this out. Enjoy! I certainly did :)"
    )


def test_readwise_export() -> None:
    episode = parse("readwise_export.md")
    assert episode.title == GPT7
    assert episode.podcast == "Dwarkesh Podcast"
    assert episode.url == SNIPD_EPISODE
    assert episode.tags == ("long-context", "agents")
    assert episode.summary == ""
    assert episode.episode_notes == ""
    assert episode.highlights == (
        Highlight(
            title=LONG_CONTEXT,
            start=247,
            takeaways=(
                "Long context windows let a model read an entire codebase before answering.",
                "In-context learning can beat weeks of fine-tuning on narrow tasks.",
            ),
            transcript=(
                "Speaker 1: If you can give it a million tokens of context about your codebase, "
                "it is going to be so much better than anyone who has just joined the team.",
            ),
            note="This is the argument for long context over more pre-training.",
            tags=("long-context", "agents"),
            url=SNIP_1,
        ),
        Highlight(
            title="Dictionary learning finds features",
            start=3640,
            takeaways=(
                "Sparse autoencoders pull interpretable features out of dense activations.",
            ),
            transcript=(
                "Trenton Bricken: We find a feature for base64 and one for DNA sequences.",
            ),
            url=SNIP_2,
        ),
    )


def test_web_clipper_page_with_promo_footer() -> None:
    episode = parse("web_clipper.md")
    assert episode.title == GPT7
    assert episode.podcast == ""  # the author is the host, given as a list of links
    assert episode.published == "2024-03-28"
    assert episode.url == "https://www.dwarkeshpatel.com/p/sholto-douglas-trenton-bricken"
    assert episode.tags == ("clippings", "podcast")
    # Show notes with chapters and no AI notes: the description paragraph is the summary
    # (#10), the whole paragraph, not the front matter's clipped copy of its start.
    assert episode.summary == (
        "Had so much fun chatting with my good friends Trenton Bricken and Sholto Douglas "
        "on the podcast."
    )
    assert episode.chapters == (
        Chapter(0, "Long contexts"),
        Chapter(972, "Intelligence is just associations"),
        Chapter(1955, "Intelligence explosion & great researchers"),
        Chapter(4012, "Superposition & secret communication"),
        Chapter(4954, "Agents & true reasoning"),
    )
    notes = episode.episode_notes
    # The summary is not repeated in the notes.
    assert notes.startswith("No way to summarize it, except: this is the best context dump")
    assert "Had so much fun chatting" not in notes
    assert "\n\nSponsors\n\n- Apple Podcasts - https://podcasts.apple.com/" in notes
    assert notes.endswith("We recorded this at 10:30 in the morning, after three coffees.")
    for promo in ("Subscribe", "Share", "Restack", "Thanks for reading", "Timestamps", "---"):
        assert promo not in notes


def test_notion_export_with_backslash_escapes() -> None:
    episode = parse("notion_escaped.md")
    assert episode.title == GPT7
    assert episode.podcast == "Dwarkesh Podcast"
    assert episode.published == "2024-03-28"
    assert episode.url == SNIPD_EPISODE
    assert episode.summary == (
        "Sholto Douglas and Trenton Bricken dive deep into AI training, superhuman models "
        "(and their limits) & true reasoning."
    )
    assert episode.takeaways == (
        "Training models on specific tasks enhances reasoning abilities beyond text prediction.",
        "Scaling research teams with diverse skills accelerates research progress.",
        "Complex feature learning in models challenges interpretability efforts.",
    )
    assert episode.deep_dives == (
        DeepDive(
            title="Accelerating Model Intelligence with Long Context Links",
            body="Using context links significantly enhances model intelligence "
            "(see the *needle* results).",
        ),
        DeepDive(
            title="Optimism in Model Interpretability",
            body="The method of dictionary learning uncovers distinct features in models.",
        ),
    )
    assert episode.episode_notes == (
        "Had so much fun chatting with my good friends Trenton Bricken & Sholto Douglas on the "
        "podcast.\n\n# not a heading, just a hash in the notes"
    )


def test_notion_export_with_bold_labels_and_emoji() -> None:
    episode = parse("notion_bold_labels.md")
    assert episode.title == "The Founder Playbook: Hiring Your First Ten Engineers"
    assert episode.podcast == "Startup Field Notes"
    assert episode.guests == ("Priya Raman", "Tomás Ortega")
    assert episode.published == "2024-01-05"
    assert episode.url == "https://example.fm/episodes/first-ten-engineers"
    assert episode.summary == (
        "Priya and Tomás explain how early hiring decisions shape a startup's culture for years."
    )
    assert episode.takeaways == (
        "Hire for slope, not intercept, in the first ten engineers.",
        "Write the job description after the first three interviews, not before.",
        "Founders should run every reference call themselves.",
    )
    assert episode.deep_dives == (
        DeepDive(
            "Hiring for slope",
            "Early engineers grow with the company, so learning speed matters more than current "
            "skill.",
        ),
        DeepDive(
            "The reference call",
            "A twenty minute call with a former manager reveals more than five rounds of "
            "interviews.",
        ),
    )
    assert episode.episode_notes == "Thanks to our sponsor Linear."  # footer dropped


def test_callouts_and_blockquotes() -> None:
    episode = parse("callouts.md")
    assert episode.title == "How Batteries Actually Work"
    assert episode.podcast == "Energy Explained"
    assert episode.published == "2023-11-14"
    assert episode.url == "https://example.org/episodes/batteries"
    assert episode.tags == ("energy", "chemistry")
    assert episode.summary == (
        "A chemist walks through lithium-ion cells, from the anode to the thermal runaway "
        "problem.\nThe episode ends with solid-state batteries."
    )
    assert episode.takeaways == (
        "Energy density and cycle life trade against each other.",
        "Thermal runaway starts at the separator.",
    )
    assert episode.deep_dives == (
        DeepDive(
            "Anodes and cathodes",
            "Lithium ions shuttle between graphite and a metal oxide; the oxide sets the voltage.",
        ),
        DeepDive(
            "Solid-state cells",
            "A ceramic electrolyte removes the flammable liquid but cracks under pressure.",
        ),
    )
    # A quote in the host's notes stays a quote.
    assert episode.episode_notes == (
        "> Recorded live at the Battery Show.\n\nMusic by Lee Rosevere."
    )


def test_crlf_and_bom() -> None:
    data = (INPUTS / "crlf_bom.md").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\n")
    episode = parse("crlf_bom.md")
    assert episode.title == "Why Sleep Matters"
    assert episode.podcast == "Huberman Lab"
    assert episode.published == "2023-02-06"
    assert episode.tags == ("health", "sleep")
    assert episode.summary == "Matthew Walker explains what happens in the brain during deep sleep."
    assert episode.takeaways == (
        "Consistency of wake time matters more than bedtime.",
        "Alcohol fragments REM sleep.",
    )
    assert episode.chapters == (
        Chapter(0, "Introduction"),
        Chapter(760, "Deep sleep and memory"),
        Chapter(3910, "Caffeine half-life"),
    )
    assert episode.episode_notes == "Thanks to our sponsors."
    lf = parse_bytes(data.replace(b"\r\n", b"\n")[3:], name="crlf_bom.md")
    assert lf.with_changes(source=None) == episode.with_changes(source=None)


def test_podnotes_own_export_grammar() -> None:
    episode = parse("podnotes_export.md")
    assert episode.title == GPT7
    assert episode.podcast == "Dwarkesh Podcast"
    assert episode.guests == ("Sholto Douglas", "Trenton Bricken")
    assert episode.published == "2024-03-28"
    assert episode.url == "https://www.dwarkeshpatel.com/p/sholto-douglas-trenton-bricken"
    assert episode.tags == ("ai", "interpretability")
    assert episode.summary == (
        "Sholto Douglas and Trenton Bricken dive deep into AI training & interpretability."
        "\n\n## is how a Markdown heading starts."
    )
    assert episode.takeaways == (
        "Training models on specific tasks enhances reasoning abilities beyond text prediction.",
        "Use *args sparingly & name __init__ arguments.",
    )
    assert episode.deep_dives == (
        DeepDive(
            "#1 Priority: Long Context Links",
            "Using context links significantly enhances model intelligence."
            "\n\n- This line starts with a dash but is prose.",
        ),
        DeepDive(
            "Optimism in Model Interpretability",
            "The method of dictionary learning uncovers distinct features in models.",
        ),
    )
    assert episode.highlights == (
        Highlight(
            title=LONG_CONTEXT,
            start=247,
            end=337,
            takeaways=(
                "Long context windows let a model read an entire codebase before answering.",
            ),
            quote="If you can give it a million tokens of context about your codebase,\n"
            "it is going to be so much better.",
            note="This is the argument for long context.",
        ),
        Highlight(title="A moment without an end time", start=3640, note="Come back to this one."),
    )
    assert episode.chapters == (
        Chapter(0, "Long contexts"),
        Chapter(972, "Intelligence is just associations"),
        Chapter(4012, "Superposition & secret communication"),
    )
    assert episode.episode_notes == (
        "Had so much fun chatting with my good friends Trenton Bricken and Sholto Douglas on the "
        "podcast.\n\n# not a heading\n\n> not a quote\n\n"
        "So excited to put this out. Enjoy! I certainly did :)"
    )


@pytest.mark.parametrize("level", ["#", "##", "###", "####", "#####", "######"])
def test_section_headings_of_any_level(level: str) -> None:
    text = f"{level} Key takeaways\n\n1. One.\n2. Two.\n\n{level} Episode notes\n\nNotes.\n"
    episode = parse_text(text)
    assert episode.takeaways == ("One.", "Two.")
    assert episode.episode_notes == "Notes."


@pytest.mark.parametrize(
    "label",
    ["## 🎧 Quick takeaways", "**Key takeaways:**", "__Key Takeaways__", "Key takeaways:"],
)
def test_takeaway_labels(label: str) -> None:
    episode = parse_text(f"# T\n\n{label}\n- One.\n* Two.\n+ Three.\n", fmt="markdown")
    assert episode.takeaways == ("One.", "Two.", "Three.")


def test_bold_dive_titles_under_a_bold_label() -> None:
    text = "**Deep dives**\n\n**First Dive**\nBody one.\n\n**Second Dive**\nBody two.\n"
    episode = parse_text(text, fmt="markdown")
    assert episode.deep_dives == (
        DeepDive("First Dive", "Body one."),
        DeepDive("Second Dive", "Body two."),
    )


def test_html_entities_and_escapes_are_undone_after_structure() -> None:
    text = (
        "## Key takeaways\n\n- R&amp;D costs &#8364;5\n- \\*not emphasis\\*\n\n"
        "## Episode notes\n\n\\## not a section\n\\- not a bullet\n"
    )
    episode = parse_text(text)
    assert episode.takeaways == ("R&D costs €5", "*not emphasis*")
    assert episode.episode_notes == "## not a section\n- not a bullet"


def test_escaped_heading_that_is_no_section_stays_text() -> None:
    episode = parse_text("## Episode notes\n\n\\#\\#\\# Shopping list\n", fmt="markdown")
    assert episode.episode_notes == "### Shopping list"


def test_preamble_is_the_summary_of_ai_notes() -> None:
    episode = parse_text("# T\n\nWhat the episode is about.\n\n## Key takeaways\n- One.\n")
    assert episode.summary == "What the episode is about."
    assert episode.episode_notes == ""


def test_snip_tags_lines_and_logseq_tags_property() -> None:
    text = "## Snips\n\n### 12:00 A snip\n\nTags: #one, #two\n\n### Another\n\ntags:: three\n"
    episode = parse_text(text)
    assert [h.title for h in episode.highlights] == ["A snip", "Another"]
    assert episode.highlights[0].start == 720
    assert episode.tags == ("one", "two", "three")


def test_unescape() -> None:
    assert unescape(r"\#\#\# Quick \*takeaways\* \\ \a") == r"### Quick *takeaways* \ \a"
    assert unescape("&amp;lt; &#39; &#x41; &nosuch; &") == "&lt; ' A &nosuch; &"


def test_numeric_references_decode_as_commonmark_says() -> None:
    assert unescape("&#27;&#128;&#x9;") == "\x1b\x80\t"
    assert unescape("&#0;&#xD800;&#1114112;") == "\ufffd" * 3


def test_front_matter() -> None:
    assert split_front_matter("---\ntitle: x\n---\nbody") == ({"title": "x"}, "\nbody")
    assert split_front_matter("---\ntitle: [unclosed\n---\nbody") == ({}, "\nbody")
    assert split_front_matter("---\nno end") == ({}, "---\nno end")
    assert split_front_matter("no front matter") == ({}, "no front matter")


def test_podnotes_export_without_schema_reads_the_same() -> None:
    text = (INPUTS / "podnotes_export.md").read_text(encoding="utf-8")
    assert "schema: podnotes/1\n" in text
    loose = parse_text(text.replace("schema: podnotes/1\n", ""), name="podnotes_export.md")
    strict = parse("podnotes_export.md")
    # podnotes/1 wrote a highlight's quote under 'Transcript': only its own exports read it so.
    assert [" ".join(h.transcript) for h in loose.highlights] == [
        " ".join(h.quote.split()) for h in strict.highlights
    ]
    as_quote = tuple(
        replace(h, quote=s.quote, transcript=())
        for h, s in zip(loose.highlights, strict.highlights, strict=True)
    )
    assert loose.with_changes(source=None, highlights=as_quote) == strict.with_changes(source=None)


STRICT = """\
---
title: Strict
schema: podnotes/1
---

# Strict

## Episode notes

Summary
---
Subscribe
Created with Snipd
![cover](cover.png)
00:01 looks like a chapter
00:02 and so does this
key:: value

## Chapters

- 00:00:10 Real chapter
"""


def test_podnotes_export_is_read_strictly() -> None:
    episode = parse_text(STRICT)
    assert episode.episode_notes == (
        "Summary\n---\nSubscribe\nCreated with Snipd\n![cover](cover.png)\n"
        "00:01 looks like a chapter\n00:02 and so does this\nkey:: value"
    )
    assert episode.chapters == (Chapter(10, "Real chapter"),)
    assert episode.summary == ""


def test_the_same_lines_are_noise_in_other_exports() -> None:
    text = STRICT.replace("schema: podnotes/1\n", "").replace("Summary\n", "")
    episode = parse_text(text)
    assert episode.episode_notes == "key:: value"
    assert episode.chapters == (
        Chapter(1, "looks like a chapter"),
        Chapter(2, "and so does this"),
        Chapter(10, "Real chapter"),
    )


def test_a_bare_label_starts_a_section_outside_strict_exports() -> None:
    episode = parse_text("# T\n\nSummary\nWhat it was about.\n\nNotes\nHost notes.\n")
    assert episode.summary == "What it was about."
    assert episode.episode_notes == "Host notes."


def test_logseq_outline_without_page_properties() -> None:
    text = (
        "- ## Key takeaways\n\t- First.\n\t- Second\n\t  continued.\n"
        "- ## Episode notes\n\t- Host notes.\n"
    )
    episode = parse_text(text)
    assert episode.takeaways == ("First.", "Second continued.")
    assert episode.episode_notes == "Host notes."


EXPORT_EDGES = """\
---
schema: podnotes/1
title: Edges
podcast: '[[Not a link]]'
tags:
- "'"
- '[x]'
---

# Edges

## Highlights

### Quote

#### Note

A note.

### \\[04:58\\] 🎧 Not a time

## Chapters

- 00:00:00 -0
- 00:00:05 \\| pipe
"""


def test_podnotes_export_takes_titles_and_metadata_verbatim() -> None:
    episode = parse_text(EXPORT_EDGES)
    assert episode.podcast == "[[Not a link]]"
    assert episode.tags == ("'", "[x]")
    assert episode.highlights == (
        Highlight(title="Quote", note="A note."),
        Highlight(title="[04:58] 🎧 Not a time"),
    )
    assert episode.chapters == (Chapter(0, "-0"), Chapter(5, "| pipe"))


def test_podnotes_export_with_only_a_title_is_a_document() -> None:
    episode = parse_text("---\nschema: podnotes/1\ntitle: Bare\n---\n\n# Bare\n")
    assert episode.title == "Bare"
    assert episode.counts == {"takeaways": 0, "deep_dives": 0, "highlights": 0, "chapters": 0}


def test_a_takeaway_or_note_that_starts_with_tags_is_text() -> None:
    text = (
        "## Snips\n\n### [01:00] Labels\n#### ✨ Key takeaways\n"
        "- Tags: customers remember labels, not product names\n- Pricing follows the label\n\n"
        "#### 📝 Note\ntags: are what I look up later.\n\nTags: #branding\n"
        "\n### [02:00] Plain\n\nTags: one, two\n"
    )
    first, second = parse_text(text).highlights
    assert first.takeaways == (
        "Tags: customers remember labels, not product names",
        "Pricing follows the label",
    )
    assert first.note == "tags: are what I look up later."
    assert first.tags == ("branding",)
    assert second.tags == ("one", "two")


FAMILIES = Path(__file__).parent / "fixtures" / "families"


def _walk_as(text: str, family: str) -> tuple[Highlight, ...]:
    from podnotes.parse.blocks import read
    from podnotes.parse.markdown import walk

    return tuple(walk(read(text), family).highlights)


def _register(monkeypatch: pytest.MonkeyPatch, recognizer: Recognizer) -> None:
    from podnotes.parse import families

    monkeypatch.setitem(families._BY_NAME, recognizer.name, recognizer)


def test_the_reader_asks_the_family_not_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a family needs (quotes as highlights, highlights as paragraphs, unlabelled text as
    the app's) is its recognizer's answer: the same recognizer under another name reads alike."""
    from podnotes.parse.families.clipped import ClippedPage
    from podnotes.parse.families.readwise import Readwise

    class Mirror(Readwise):
        name = "readwise-mirror"

    class Clipping(ClippedPage):
        name = "web-clipping"

    _register(monkeypatch, Mirror())
    _register(monkeypatch, Clipping())
    for fixture, family, renamed in (
        ("readwise_paragraphs.md", "readwise", "readwise-mirror"),
        ("clipped_omnivore.md", "clipped-page", "web-clipping"),
    ):
        text = (FAMILIES / fixture).read_text(encoding="utf-8")
        expected = _walk_as(text, family)
        assert len(expected) >= 2
        assert _walk_as(text, renamed) == expected


def test_a_family_says_quotes_are_its_highlights(monkeypatch: pytest.MonkeyPatch) -> None:
    class Quoted(Recognizer):
        name = "quoted"

        def quoted_highlight(self, text: str) -> tuple[str, str] | None:
            return text.removesuffix(" [link]"), "https://example.org/q"

    _register(monkeypatch, Quoted())
    text = "# T\n\n## Highlights\n\n> First quote [link]\n\nMy note.\n\n> Second quote\n"
    assert _walk_as(text, "markdown") == ()  # plain Markdown: the quotes are notes
    assert _walk_as(text, "quoted") == (
        Highlight(
            title="First quote", quote="First quote", note="My note.", url="https://example.org/q"
        ),
        Highlight(title="Second quote", quote="Second quote", url="https://example.org/q"),
    )
