"""Snipd's earlier Markdown / Obsidian export (2022-2024)."""

from __future__ import annotations

import pytest

from podnotes.parse import parse_text
from tests.families import assert_family, explain, explain_part


def test_html_show_notes_and_transcripts() -> None:
    episode = assert_family("legacy_html.md", "snipd-markdown")
    assert episode.title == "Compilers Are Just Translators"  # from the Dataview field
    assert episode.podcast == "Bytes & Bridges"
    assert episode.host == "Priya Natarajan - Software Stories"
    # Show notes from <details>, '<br/>' as line breaks; the metadata list goes on after it.
    assert episode.episode_notes.startswith("This week Priya talks to a retired compiler")
    assert episode.tags == ("podcasts", "snipd")
    first, second = episode.highlights
    assert (first.start, first.end) == (2 * 60 + 55, 4 * 60 + 20)  # the play range wins
    assert first.url.endswith("000000000001")
    assert first.transcript == (
        "Speaker 1: We had four kilobytes for the whole pass, so constant folding went in first.",
        "Speaker 2: And it paid for itself on the very first program & every one after.",
    )
    # '### ✨ Key takeaways' under a snip are the snip's, never the episode's.
    assert first.takeaways[0] == "Early optimisers worked under tight memory limits."
    assert episode.takeaways == ()
    assert second.title == "Testing by hand"


def test_callouts_json_front_matter_and_aliased_wikilinks() -> None:
    episode = assert_family("legacy_callouts.md", "snipd-markdown")
    assert episode.title == "Soil Carbon, Measured Honestly - #42"
    assert episode.podcast == "Field Notes on Farming"
    assert episode.host == "Hana Kowalski"
    assert episode.url == "https://share.snipd.com/episode/44444444-dddd-4eee-8fff-000000000000"
    assert episode.summary == ""  # callout titles are not a summary
    (snip,) = episode.highlights
    assert snip.transcript[1] == "Speaker 2: So the depth is a choice that decides the result."


def test_episode_ai_notes_and_an_impossible_date(capsys: pytest.CaptureFixture[str]) -> None:
    episode = assert_family("legacy_ai_notes.md", "snipd-markdown")
    assert episode.summary == (
        "Operators are bringing back sleeper services as short flights get harder to justify."
    )
    assert episode.takeaways == (
        "Sleeper trains compete with flights under about 1,200 km.",
        "Rolling stock, not demand, limits new routes.",
    )
    assert episode.highlights[0].takeaways == ("Only a handful of factories build sleeper cars.",)
    assert episode.published is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "date: '2024-02-30' is not a date; left empty" in err


@pytest.mark.parametrize("date", ["2024-13-01", "2023-02-29", "02/30/2024", '"[[2024-04-31]]"'])
def test_impossible_dates_leave_the_field_empty(
    date: str, capsys: pytest.CaptureFixture[str]
) -> None:
    episode = parse_text(f"---\ndate: {date}\n---\n# T\n\n## Episode notes\nText.\n")
    assert episode.published is None
    assert "is not a date; left empty" in capsys.readouterr().err


def test_click_to_expand_blockquotes_and_bold_snip_summaries() -> None:
    """The 2024-25 export: a snip's AI summary opens with its title in bold, its transcript is
    'Click to expand' then one <blockquote> a turn, over several lines."""
    episode = assert_family("legacy_click_to_expand.md", "snipd-markdown")
    assert episode.podcast == "The Harbour Hour"  # 'show' beats 'author'
    assert episode.url.startswith("https://share.snipd.com/episode/")  # beats 'source'
    assert episode.episode_notes.startswith("Two pilots explain")  # Snipd's quote taken off
    first, second = episode.highlights
    assert first.takeaways == (
        "The ebb sets the pace of every berthing.",
        "Crews time approaches to slack water.",
    )
    assert first.transcript[1].startswith("Tom Berg: At night it is the same tide")
    assert first.transcript[1].endswith("and you trust the numbers.")
    assert second.title == "Radios over eyes"
    assert episode.transcript == ()


def test_entities_variation_selectors_and_an_open_callout() -> None:
    """HTML entities in front matter and headings, '✨️' / '📚️' with U+FE0F, a transcript
    callout that opens expanded ('[!quote]+')."""
    episode = assert_family("legacy_entities.md", "snipd-markdown")
    assert episode.title == "Q&A: Canals & Locks"
    locks, keepers = episode.highlights
    assert locks.title == 'Locks "lift" boats uphill'  # &nbsp; too
    assert locks.takeaways == ("A lock is a water elevator.",)
    assert locks.transcript == ("Speaker 1: It's a box of water.",)
    assert keepers.takeaways == ("Every lock had a keeper.",)
    assert episode.takeaways == ()


def test_an_export_all_file_read_as_one_document_is_refused_with_a_hint() -> None:
    """From Python, parse_text reads one episode: Snipd's 'Export all' file (every episode in
    one file) is refused with one line naming parse_episodes, which splits it."""
    from podnotes.errors import ParseError
    from podnotes.parse import parse_bytes
    from tests.families import FAMILIES

    data = (FAMILIES / "legacy_export_all.md").read_bytes()
    with pytest.raises(ParseError, match=r"x\.md: holds 2 episodes .*parse_episodes"):
        parse_bytes(data, name="x.md")


def test_a_callout_nested_in_the_transcripts_is_no_transcript() -> None:
    """'>> [!metadata]-' and '>> [!note]' inside '> [!quote]- Transcript': their properties
    are properties, their text the user's note; the transcript resumes after them."""
    episode = assert_family("legacy_callouts_nested.md", "snipd-markdown")
    first, second = episode.highlights
    assert first.transcript == (
        "Speaker 1: The fire goes underground in October and it is still there when the snow "
        "melts.",
        "Speaker 2: So nobody sees it all winter?",
        "Speaker 1: Nobody, unless you fly over with a heat camera.",
    )
    assert first.note == "Ask the fire service for the spring numbers."
    assert second.transcript == (
        "Speaker 2: You cannot dig it out, you have to drown it.",
        "Speaker 1: Blocking the drains raises the water table within a season.",
    )
    assert second.note == "On the night bus, twice."


def test_a_plain_quote_inside_a_callout_stays_in_it() -> None:
    """Quoted twice without a callout of its own ('>> text'), a line is the callout's."""
    text = (
        "# T\n\n## Snips\n\n### [01:00] A snip\n"
        "[🎧 Play snip - 1min️ (00:30 - 01:00)](https://share.snipd.com/snip/1)\n\n"
        "> [!quote]- Transcript\n> **Speaker 1**\n> First words\n>> and more of them\n"
    )
    (snip,) = parse_text(text).highlights
    assert snip.transcript == ("Speaker 1: First words and more of them",)
    assert snip.note == ""


def test_snipds_logseq_export() -> None:
    """'- ## [[Title]]' as the page's top block with its properties, org-mode quotes
    ('#+BEGIN_QUOTE') around show notes and transcripts, images with Logseq's size."""
    episode = assert_family("logseq_snipd.md", "snipd-markdown")
    assert episode.title == "Harbour Lights at Dusk"
    assert episode.podcast == "The Harbour Hour"
    assert episode.host == "Ana Ruiz"
    assert episode.published == "2024-11-02"
    assert episode.summary.startswith("Two lighthouse keepers")
    assert episode.episode_notes == "A conversation about lamps, fog signals and long nights."
    first, second = episode.highlights
    assert first.takeaways == (
        "Keepers sounded horns every thirty seconds in fog.",
        "Ships counted the gaps to know the station.",
    )
    assert first.transcript == (
        "Ana Ruiz: How did a ship know which horn it heard?",
        "Tom Berg: Every station had its own rhythm of blasts.",
    )
    assert (second.start, second.end) == (40 * 60 + 5, 41 * 60 + 20)


def test_audio_link_lines_after_a_details_transcript_and_a_heading_with_only_a_time() -> None:
    """'- Audio link: 🎧 [Play snip](url)' below a transcript in <details> is the snip's URL,
    not the transcript's last words (the part ends with </details>); '### [12:10]' with no
    title is a snip at 12:10, titled by what was said."""
    episode = assert_family("legacy_audio_link.md", "snipd-markdown")
    sleeper, vienna = episode.highlights
    assert sleeper.transcript == (
        "Speaker 1: A sleeper car carries a third of the people. And it needs staff all night.",
    )
    assert sleeper.url.endswith("000000000001")
    assert (vienna.start, vienna.url[-4:]) == (730, "0002")
    assert vienna.title == "Vienna kept its night trains when others gave up."
    assert episode.episode_notes == "Night trains are back in Europe.\nWe ask why they vanished."


def test_blockquote_turns_over_several_lines_and_an_untitled_snip() -> None:
    """A later export: 'Click to expand' without <details>, one <blockquote> a turn whose
    words follow a blank line (and may hold two paragraphs), a bold title over the snip's
    bullets, a snip Snipd left 'Untitled' with nothing but its play link."""
    episode = assert_family("legacy_blockquote_turns.md", "snipd-markdown")
    assert episode.url.endswith("abcd0000-1111-4222-8333-000000000000")  # 'snipd' over 'source'
    buoys, untitled = episode.highlights
    assert buoys.takeaways == (
        "Smart buoys send the water level every minute.",
        "Pilots read them before they enter the port.",
    )
    assert buoys.transcript[:2] == (
        "Ben Lake: Or by radio?",
        "Ana Ruiz: By mobile network, mostly. Radio is the fallback.",
    )
    assert (untitled.title, untitled.start, untitled.end) == ("Untitled", 1314, 1394)
    assert episode.episode_notes.startswith("Two engineers explain how smart buoys")


SNIP_PROPERTY = "a snip's property podnotes keeps nowhere"


def test_a_snips_date_and_star_are_its_own_and_kept_nowhere() -> None:
    """'Snip date::' and 'Favourite::' in a snip's callout belong to the snip, which has no
    field for them: --explain says so, and they never become the episode's metadata."""
    lines = explain("legacy_callouts_nested.md").leftover
    assert [(n, why) for n, _, why in lines if n in {39, 40}] == [
        (39, SNIP_PROPERTY),
        (40, SNIP_PROPERTY),
    ]


@pytest.mark.parametrize(
    "properties",
    [
        "> [!info]- Snip\n> Snip date: 2023-11-20\n> Favourite: yes",
        "> [!metadata]- Snip\n> **Created**:: 2023-11-20T21:03\n> **Favorite**:: ⭐",
        "- Snip date: Nov 20, 2023\n- **Starred**: no",
    ],
)
def test_a_snips_date_and_star_never_reach_its_text(properties: str) -> None:
    text = (
        "# Peat Fires\n\n## Snips\n\n### [04:10] Zombie fires come back in spring\n\n"
        "[🎧 Play snip - 1min (03:05 - 04:12)](https://share.snipd.com/snip/5555)\n\n"
        f"{properties}\n\nThe fire goes underground.\n"
    )
    (snip,) = parse_text(text).highlights
    assert (snip.note, snip.takeaways, snip.start) == ("The fire goes underground.", (), 185)
    explanation = explain_part(text, "x.md")
    assert explanation.unexplained() == []
    dropped = [n for n, _, why in explanation.leftover if why == SNIP_PROPERTY]
    assert len(dropped) == 2


def test_a_note_that_only_starts_like_a_snip_property_stays() -> None:
    text = (
        "# Peat Fires\n\n## Snips\n\n### [04:10] Zombie fires\n\n"
        "Favourite: the part about snow.\nCreated: by accident, says the guest.\n"
        "#### Note\nSnip date: 2023-11-20\n"
    )
    (snip,) = parse_text(text).highlights
    assert snip.note == (
        "Favourite: the part about snow.\nCreated: by accident, says the guest.\n"
        "Snip date: 2023-11-20"
    )
