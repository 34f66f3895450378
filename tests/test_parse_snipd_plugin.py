"""Snipd's official Obsidian plugin (2025-): default and customised templates."""

from __future__ import annotations

import pytest

from podnotes.parse import parse_text
from tests.families import assert_family, document, parse


def test_default_template() -> None:
    episode = assert_family("plugin_default.md", "snipd-plugin")
    assert episode.host == "Northwind Audio"
    assert episode.duration == 72 * 60
    assert episode.books == ("The Powerhouse by Steve LeVine", "Volts and Vision")
    # The summary is the episode's AI description, entities decoded; snips stay out of it.
    assert episode.summary.startswith("Two materials scientists explain")
    assert "&amp;" not in episode.summary
    first, second = episode.highlights
    assert first.title == "Sodium is cheap, but density is the catch"  # no star, link or tags
    assert (first.start, first.end) == (12 * 60 + 4, 14 * 60 + 31)
    assert first.tags == ("batteries", "cost")
    assert first.url.endswith("000000000001")
    assert first.note == "Worth comparing with the LFP numbers from last week."
    assert first.quote == "Sodium will never win on density, and it does not have to."
    assert second.start == 3600 + 2 * 60 + 10  # H:MM:SS past an hour
    assert episode.takeaways == ()


def test_customised_template_reorders_parts_and_appends_snips() -> None:
    episode = assert_family("plugin_custom.md", "snipd-plugin")
    assert episode.podcast == "Harbor Talk"  # a wikilink reduced to its text
    assert episode.published == "2024-11-11"  # 'Nov 11, 2024'
    assert episode.duration == 58 * 60 + 20
    titles = [h.title for h in episode.highlights]
    assert titles == [
        "Rerouting adds ten days",
        "Ports are the new bottleneck",
        "Added after I edited this file",
    ]
    rerouting, ports, later = episode.highlights
    assert rerouting.transcript == (
        "Mei Lin: How much longer is the trip around the Cape?",
        "Captain Ruiz: About ten days each way, and the fuel bill follows.",
    )
    assert rerouting.tags == ("logistics",)
    # A transcript folded in <details> is still the transcript, never the note.
    assert ports.transcript == (
        "Captain Ruiz: The ships arrive in waves now, and the cranes cannot keep up.",
    )
    assert ports.note == ""
    assert later.note == "Appended by the plugin below my own edits."
    assert episode.episode_notes == ""


def test_transcripts_never_land_in_summary_notes_or_takeaways() -> None:
    for name in ("plugin_default.md", "plugin_custom.md"):
        episode = parse(name)
        spoken = [line.split(": ", 1)[1] for h in episode.highlights for line in h.transcript]
        for text in spoken:
            assert text not in episode.summary
            assert text not in episode.episode_notes
            assert all(text not in t for t in episode.takeaways)
            assert all(text not in h.note for h in episode.highlights)


def test_an_outline_heading_inside_a_snip_does_not_start_a_new_one() -> None:
    from podnotes.parse import parse_text

    text = (
        "# E\n\n## Snips\n\n### [Big idea](https://share.snipd.com/snip/1) #x\n\n"
        "🎧 01:00 - 02:00 (1min)\n\n### 1. Main theme, host and guest\n\n"
        "#### 📚 Transcript\n**A**: Hi.\n\n---\n\n"
        "### [Next](https://share.snipd.com/snip/2)\n\n🎧 03:00 - 04:00 (1min)\n"
    )
    big, nxt = parse_text(text).highlights
    assert big.takeaways == ("Main theme, host and guest",)
    assert big.transcript == ("A: Hi.",)
    assert nxt.title == "Next"


def test_the_show_comes_from_the_plugin_folder_when_the_notes_name_none() -> None:
    from podnotes.parse import parse_text

    text = "# Episode\n\n## Snips\n\n### [A](https://share.snipd.com/snip/1)\n🎧 01:00 - 02:00\n"
    episode = parse_text(text, name="vault/Snipd/Data/Harbor Talk/Episode.md")
    assert episode.podcast == "Harbor Talk"
    assert parse_text(text, name="vault/Other/Harbor Talk/Episode.md").podcast == ""


def test_windows_line_ends_no_star_and_snips_appended_after_the_footer() -> None:
    """CRLF, a template without the favourite star ('###  [Title](url) '), Bases properties,
    empty template fields, a note whose line starts 'tags:', and a snip the plugin appended
    after the footer of an edited file (put back in time order)."""
    episode = assert_family("plugin_crlf_appended.md", "snipd-plugin")
    assert episode.published == "2024-11-11"  # epoch milliseconds in the front matter
    assert episode.guests == ()
    assert episode.episode_notes == ""
    assert [h.start for h in episode.highlights] == [185, 2400, 3670]
    guilds = episode.highlights[2]
    assert guilds.tags == ("guilds", "power")
    assert guilds.note.startswith("tags: are what I want to look up later")
    assert guilds.transcript[0].startswith("Guest Speaker: ")  # a no-break space in the name


def test_a_template_that_lists_snips_as_bullets() -> None:
    """The plugin's recognizer reads the '⭐ [Title](url) #tag' form; Readwise's stands behind
    it for a template that makes each snip a list item."""
    episode = assert_family("plugin_bullets.md", "snipd-plugin")
    toll, iron = episode.highlights
    assert (toll.title, toll.start, toll.end, toll.tags) == (
        "The toll bridges",
        300,
        370,
        ("money",),
    )
    assert toll.note == "Tolls paid for most early bridges."
    assert iron.url.endswith("000000000002")


def test_a_created_line_of_a_customised_template_is_no_note() -> None:
    from podnotes.parse import parse_text

    text = (
        "## Snips\n### [A snip](https://share.snipd.com/snip/1)\n🎧 03:12 - 05:18 (02:05)\n"
        "Created: 2025-03-01\nMy own words.\n"
    )
    (snip,) = parse_text(text).highlights
    assert (snip.start, snip.end, snip.note) == (192, 318, "My own words.")


def test_front_matter_yaml_cannot_read_keeps_its_values_and_lists() -> None:
    """An unquoted '#tag' or '@handle' makes the whole front matter invalid YAML: its simple
    values and lists are still read, and the body's metadata list fills the rest."""
    episode = assert_family("plugin_bad_yaml.md", "snipd-plugin")
    assert (episode.title, episode.podcast, episode.host) == (
        "Ferry Finance",
        "Harbour Talk",
        "@harbour_pod",
    )
    assert (episode.guests, episode.tags) == (("Ana Ruiz",), ("snipd",))
    assert episode.published == "2025-04-02"
    # 'Duration: 51:20' in the list is more exact than the front matter's 51 minutes.
    assert episode.duration == 51 * 60 + 20


@pytest.mark.parametrize(
    ("twice", "once", "family"),
    [
        ("plugin_twice.md", "plugin_default.md", "snipd-plugin"),
        ("legacy_html_twice.md", "legacy_html.md", "snipd-markdown"),
    ],
)
def test_the_same_document_twice_is_read_once(twice: str, once: str, family: str) -> None:
    """A file holding the document twice (pasted again, synced twice): its front matter (a
    list in it too) and its title start the second copy, whose lines add nothing new."""
    episode = assert_family(twice, family)
    assert document(episode) == document(parse(once))


def test_snip_headings_at_the_level_of_their_section_or_without_one() -> None:
    """A customised template writing snips as '## [Title](snip url)' beside '## Snips' (or
    with no 'Snips' heading at all) keeps every snip, its parts and note."""
    from tests.families import FAMILIES

    episode = assert_family("plugin_custom_levels.md", "snipd-plugin")
    first, second = episode.highlights
    assert first.title == "The 2 a.m. route map"
    assert first.transcript[1] == "Marta Silva: No, it is for the bakers and the nurses."
    assert first.quote == "It is for the bakers and the nurses."
    assert first.note == "Compare with Porto's night lines."
    assert second.note == "Driver knowledge beats the timetable."
    assert episode.transcript == ()
    assert episode.episode_notes == ""
    text = (FAMILIES / "plugin_custom_levels.md").read_text(encoding="utf-8")
    bare = parse_text(text.replace("## Snips\n", ""))
    assert [h.title for h in bare.highlights] == [first.title, second.title]


def test_front_matter_of_the_default_template_and_a_snip_appended_after_the_footer() -> None:
    """The plugin's front matter (episode_title, show_author, episode_duration_minutes,
    snips_count, from_snipd), a snip heading with no star ('###  [Title](url)'), a '🎧' line
    whose length is 'MM:SS', your text between two snips, and a snip appended after the footer
    once you edited the file."""
    episode = assert_family("plugin_front_matter.md", "snipd-plugin")
    assert (episode.host, episode.duration) == ("Northwind Audio", 71 * 60)
    assert episode.guests == ("Ines Moreau", "Tom Okafor")
    assert episode.summary.startswith("A harbour master and an economist")
    assert [h.start for h in episode.highlights] == [192, 2400, 3760]
    freight = episode.highlights[0]
    assert (freight.end, freight.tags) == (318, ("economics", "freight"))
    assert freight.takeaways == (
        "Lorries pay most of the fare income.",
        "Passengers fill the gaps in winter.",
    )
    assert freight.note == ""  # the AI summary's bullets are no note
    assert episode.episode_notes == "I should compare this with the Baltic lines."


def test_a_customised_template_that_writes_the_time_and_link_as_lines() -> None:
    """Snip headings at the level of '## Snips' without a link: '- Time: 04:10 - 05:02' and
    '- Link: …/snip/…' below them make them snips; 'from_snipd: true' names the family and
    'episode_duration' counts minutes."""
    episode = assert_family("plugin_custom_lines.md", "snipd-plugin")
    assert episode.duration == 48 * 60
    shade, pollen = episode.highlights
    assert (shade.title, shade.start, shade.end) == ("Shade is the first reason", 250, 302)
    assert shade.url.endswith("000000000001")
    assert shade.quote == "A linden's crown is a roof for the pavement."
    assert shade.note == "check which districts prune in winter"
    assert shade.tags == ("trees", "shade")
    assert (pollen.start, pollen.url[-4:], pollen.tags) == (1290, "0002", ())
    assert pollen.transcript == ("Speaker 2: The sticky cars are the aphids, not the tree.",)
    assert (episode.episode_notes, episode.transcript) == ("", ())


@pytest.mark.parametrize(
    "time_line",
    [
        "- Time: 04:10 - 05:02",
        "- Timestamps: 04:10 - 05:02",
        "- **Time range**: 04:10 - 05:02",
        "- Audio: 04:10 - 05:02",
    ],
)
def test_every_time_label_that_makes_a_heading_a_snip_gives_its_time(time_line: str) -> None:
    """The labels of a snip's time line are one list (vocabulary.SNIP_TIME_LABELS): the line
    that makes a heading a snip's also gives that snip's time, never lands in its note."""
    text = (
        "---\nfrom_snipd: true\n---\n# Lindens\n\n## Snips\n\n"
        f"## Shade is the first reason\n{time_line}\n\n**My note**: prune in winter\n"
    )
    (shade,) = parse_text(text).highlights
    assert (shade.title, shade.start, shade.end) == ("Shade is the first reason", 250, 302)
    assert shade.note == "prune in winter"


def test_your_own_section_between_snips_stays_your_notes() -> None:
    """After you edit the file, the plugin appends new snips at its end: your '## My
    thoughts' section and its '### Follow-up' between two snips are your notes, not snips
    (a snip mark further down, under the next snip's heading, or a link to a snip in your
    list, does not make them one)."""
    episode = assert_family("plugin_user_sections.md", "snipd-plugin")
    assert [h.title for h in episode.highlights] == ["Vortex shedding", "Dampers fix the hum"]
    assert episode.episode_notes.startswith("My thoughts\n\nThis explains the Tacoma film.")
    assert episode.episode_notes.endswith(
        "Follow-up\n- find the 1940 report\n"
        "- compare with [the older snip](https://share.snipd.com/snip/cdcd0000-1111-4222-8333-000000000009)"
    )
    assert episode.highlights[1].takeaways == ("Tuned mass dampers cancel the swing.",)
