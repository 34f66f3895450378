"""Snipd highlights synced through Readwise: the default export and a custom template."""

from __future__ import annotations

from tests.families import assert_family


def test_default_export() -> None:
    episode = assert_family("readwise_default.md", "readwise")
    assert episode.podcast == "Coastal Histories"
    # The first highlight, 'Episode AI notes', holds the episode's takeaways, not a snip.
    assert episode.takeaways == (
        "Keepers' libraries were shipped in rotating wooden cases.",
        "Reading lists were chosen by a charity, not by the keepers.",
    )
    cases, picked = episode.highlights
    assert cases.title == "The rotating library cases"
    assert cases.start == 14 * 60 + 5
    assert cases.url.endswith("000000000001")
    assert cases.takeaways == (
        "Each case held about fifty books",
        "Cases moved between stations every few months",
    )
    assert cases.transcript[1] == "Speaker 2: Like a very slow book club."
    assert cases.tags == ("libraries", "isolation")
    # A multi-line note keeps the user's words only.
    assert cases.note == (
        "Compare with the ship libraries of the same period.\nThe charity records may still exist."
    )
    assert picked.start == 3600 + 60 + 50


def test_custom_template_twice_with_appended_sections() -> None:
    episode = assert_family("readwise_custom_twice.md", "readwise")
    assert episode.published == "2024-05-20"
    # The same document twice gives one set of highlights; the sections Readwise appended
    # ('New highlights added …') are put back in time order.
    assert [h.title for h in episode.highlights] == [
        "Why big bakeries avoid sourdough",
        "Starter needs a schedule",
        "Ask the AI",
    ]
    assert episode.takeaways == (
        "Sourdough at scale is a scheduling problem more than a recipe problem.",
        "Floor space, not flour, is the expensive ingredient.",
    )
    starter = episode.highlights[1]
    assert starter.start == 21 * 60 + 40
    assert starter.takeaways == (
        "A large bakery feeds its starter on a fixed clock, whatever the weather.",
    )
    assert starter.transcript == (
        "Speaker 2: We feed it at five and at five, every day of the year.",
    )
    # An AI prompt's chatter ('Certainly! Here are…') is not content.
    ask = episode.highlights[2]
    assert ask.takeaways == (
        "Bakers rotate proofing rooms to keep them busy.",
        "Night shifts exist mostly for the dough.",
    )
    assert "Certainly" not in ask.note


def test_older_highlights_open_with_a_summary_or_with_the_transcript() -> None:
    episode = assert_family("readwise_older.md", "readwise")
    bores, surfers = episode.highlights
    # The opening paragraph is the snip's summary, not a quote; its first words are the title.
    assert bores.takeaways[0].startswith("Tidal bores push seawater")
    assert bores.quote == ""
    assert bores.title.endswith("…")
    # No title line at all: 'Transcript:' first, the title from the words spoken.
    assert surfers.title == "Surfers ride the bore for miles on a good day."
    assert surfers.transcript == ("Speaker 2: Surfers ride the bore for miles on a good day.",)


def test_new_highlights_sections_and_an_ai_prompt_answer() -> None:
    episode = assert_family("readwise_new_highlights.md", "readwise")
    # 'Episode AI notes' in an appended section are still the episode's takeaways.
    assert episode.takeaways == (
        "Ferry lines survive on freight, not passengers.",
        "Winter storms cancel about one sailing in ten.",
    )
    assert [h.start for h in episode.highlights] == [340, 1205, 2470]
    answer = episode.highlights[2]
    assert answer.title == "The three biggest risks mentioned in the episode"
    assert answer.takeaways == ("Storms", "Fuel prices", "Crew shortages")  # the last one too
    assert answer.quote == ""
    assert episode.highlights[1].note == "tags: the timetable pdf is on the harbour site."


def test_readwise_logseq_export() -> None:
    """Readwise's Logseq export: page properties, 'Highlights first synced by [[Readwise]]'
    and 'New highlights added [[date]]' blocks, one child block per highlight with its lines
    continued below it, and **Note** / **Tags** as grandchild blocks."""
    episode = assert_family("readwise_logseq.md", "readwise")
    assert episode.title == "Lighthouses of the North"  # the property's quotes taken off
    assert episode.takeaways == (
        "Keepers rotated every six weeks.",
        "Fog signals were louder than the lamps were bright.",
    )
    assert [h.title for h in episode.highlights] == [
        "Six weeks on, two weeks off",
        "Fog horns before lamps",
    ]
    fog = episode.highlights[1]
    assert fog.transcript == ("Speaker 1: In fog, the horn was the lighthouse.",)
    assert (fog.note, fog.tags) == ("Ask about the horn at Skerries.", ("fog",))
    assert episode.transcript == ()
    assert episode.episode_notes == ""


def test_blank_lines_inside_highlights_and_one_word_turns() -> None:
    episode = assert_family("readwise_blank_lines.md", "readwise")
    mills, short = episode.highlights
    assert mills.transcript == (
        "Speaker 1: They filled the pond twice a day.",
        "Speaker 2: And milled on the ebb.",
    )
    # 'Exactly.' is what Speaker 1 said, not the next speaker's name; nor is 'Yes' after a name.
    assert short.transcript == ("Speaker 1: Exactly.", "Speaker 2: Yes", "Speaker 1: Right?")
