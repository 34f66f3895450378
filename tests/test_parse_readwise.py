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


def test_an_ai_prompt_answer_keeps_its_rules_bold_titles_and_code_inside_the_highlight() -> None:
    """A custom AI prompt's answer ('Certainly! Here are atomic notes…') is written inside the
    highlight's list item: its '---' rules, bold titles, headings, '**Summary**' and code
    fences are the answer's, not new highlights, sections or a document pasted again."""
    episode = assert_family("readwise_ai_answer.md", "readwise")
    notes, steps = episode.highlights
    assert notes.title == "Atomic notes based on the concepts discussed in the episode"
    assert notes.takeaways[:3] == (
        "What is a pipe?",
        "A pipe joins the output of one process to the input of another.",
        "Pipe vs file",
    )
    assert "Buffers" in notes.takeaways
    assert notes.takeaways[-1] == "Pipes are the glue of the shell."
    # A speaker's handle in lower case names the speaker; the answer is nobody's note.
    assert notes.transcript[0].startswith("pipeguy: When you type a vertical bar")
    assert (notes.note, episode.summary, episode.episode_notes) == ("", "", "")
    assert steps.title == "Step-by-step: build a pipeline"
    assert "ls | wc -l" in steps.takeaways
    assert not any("```" in t for t in steps.takeaways)
    assert steps.note == "try it with `sort -u` too"


def test_document_tags_summary_and_note_view_links_and_odd_whitespace() -> None:
    """Newer metadata lines ('Document Tags:', 'Summary:', 'Document Note:'), '- Tags:' and
    '- Note:' without bold, a '([View Highlight](url))' link, and CRLF, tabs, no-break
    spaces and trailing blanks."""
    episode = assert_family("readwise_document_fields.md", "readwise")
    assert episode.tags == ("wetlands", "carbon", "birds", "grazing")
    assert episode.summary.startswith("Two ecologists walk a grazed marsh")
    assert episode.episode_notes.startswith("Listened on the ferry; follow up on the *carbon*")
    marsh, grazing = episode.highlights
    assert marsh.transcript == ("Speaker 1: The mud never dries, so nothing rots.",)
    assert marsh.note == "check the figure\nagainst the 2019 survey"
    assert grazing.title == "Grazing_pressure and the birds"
    assert (grazing.start, grazing.url[-4:]) == (None, "0002")
    assert grazing.tags == ("birds", "grazing")
    assert grazing.note == "the birds are redshanks, not lapwings.\nCheck the ringing records."


def test_default_template_twice_with_summaries_and_a_section_added_later() -> None:
    episode = assert_family("readwise_default_twice.md", "readwise")
    assert episode.podcast == "Slow Water"
    assert episode.takeaways == (
        "Canals carried coal at a tenth of the road price.",
        "Railways won on speed, not on cost.",
    )
    # One set of highlights, in time order; a 'Summary:' is the snip's, never the episode's.
    assert [h.start for h in episode.highlights] == [465, 1100, 2402]
    locks = episode.highlights[1]
    assert locks.takeaways == (
        "Host: Every lock was a staircase for boats, and the Pennines needed hundreds of steps.",
    )
    assert (locks.note, episode.summary) == ("Rochdale canal", "")


def test_block_ids_comments_and_a_time_without_its_link() -> None:
    """Obsidian's block IDs ('… ^rw512345', one a highlight) and '%% comments %%' are
    hidden markup, not words; '(Time 0:22:30)' without a link still gives the time."""
    episode = assert_family("readwise_block_ids.md", "readwise")
    lens, clockwork = episode.highlights
    assert lens.transcript == ("Speaker 1: The lens was a beehive of glass rings.",)
    assert (lens.start, lens.note) == (310, "see the Skerryvore lens")
    assert clockwork.transcript == ("Speaker 2: The keeper wound it every four hours.",)
    assert (clockwork.start, clockwork.url) == (1350, "")


def test_an_ai_answer_in_readwise_logseq_export() -> None:
    """Logseq: the answer's '---' rules and bold titles are lines that continue the
    highlight's block, not breaks or new highlights."""
    episode = assert_family("readwise_logseq_answer.md", "readwise")
    answer, buffers = episode.highlights
    assert answer.title == "Atomic notes based on the episode"
    assert answer.takeaways == ("What is a pipe?", "A pipe joins two processes.", "Pipes are glue.")
    assert (answer.note, episode.summary) == ("try it", "")
    assert (buffers.start, buffers.takeaways) == (220, ("The kernel holds 64 KiB",))


def test_a_template_that_writes_each_highlight_as_a_paragraph() -> None:
    """No list items: each highlight is a paragraph at the margin, with a rule or only a
    blank line before the next; its own bullets are its takeaways, and a note that follows
    its location link (inline or under 'Note:', over two paragraphs) stays its note."""
    episode = assert_family("readwise_paragraphs.md", "readwise")
    assert [(h.title, h.start) for h in episode.highlights] == [
        ("Salt paid for the first roads", 400),
        ("Why salt was taxed", 1145),
        ("Smugglers on the salt marsh", 2030),
        ("Salt in the ration", 2460),
    ]
    roads, tax = episode.highlights[:2]
    assert roads.takeaways == ("Tolls on salt built the bridges", "Carters paid by the sack")
    assert roads.note == "check the Lüneburg records"
    assert tax.note == "The gabelle lasted until 1790.\n\nIt was hated more than any other tax."
    assert tax.tags == ("tax", "salt")
    assert (episode.takeaways, episode.transcript, episode.episode_notes) == ((), (), "")
