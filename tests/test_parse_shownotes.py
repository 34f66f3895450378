"""Show notes and descriptions: plain text, Jekyll posts, front matter chapter lists."""

from __future__ import annotations

import pytest

from podnotes.model import Chapter
from podnotes.parse import parse_text
from tests.families import FAMILIES, assert_family, document, explain, explain_part, parse


def test_lone_timestamps_with_milliseconds() -> None:
    episode = assert_family("shownotes_lone_stamps.txt", "show-notes")
    assert episode.chapters == (
        Chapter(0, "Cold open"),
        Chapter(195, "Meeting the Okonkwo family"),
        Chapter(1300, "How the ferry survived the bridge"),
    )
    assert episode.summary.startswith("Our producer rides the last wooden ferry")
    # The description paragraph is the summary, and is not repeated in the notes.
    assert episode.episode_notes == (
        "The Ferry Podcast, episode 31\n\nMusic by Tide Lines. Thanks for listening."
    )


def test_jekyll_post_with_chapters_in_its_description() -> None:
    episode = assert_family("shownotes_jekyll.md", "show-notes")
    assert episode.title == "Episode 14: Saving Seeds"
    assert episode.published == "2023-11-14"  # epoch milliseconds
    assert episode.summary == "A seed librarian explains how a community keeps rare beans alive."
    assert [c.title for c in episode.chapters] == [
        "Welcome",
        "What a seed library lends",
        "Keeping varieties true",
    ]
    # Liquid, <audio> and HTML comments are dropped; timed speaker turns are a transcript.
    assert episode.episode_notes == (
        "Thanks to everyone who sent in questions about saving tomato seeds."
    )
    assert [s.speaker for s in episode.transcript] == ["Host", "June"]


def test_chapter_lists_of_two_episodes_are_not_merged() -> None:
    episode = assert_family("shownotes_nested.md", "show-notes")
    assert episode.title == "Two Episodes of Chapters"  # nested front matter
    assert episode.published == "2024-11-05"  # MM/DD/YYYY
    assert [c.title for c in episode.chapters] == ["Opening bell", "Bonds", "Close"]
    assert "00:00 Opening bell again" in episode.episode_notes


def test_a_timed_transcript_is_not_a_chapter_list() -> None:
    text = (
        "[00:00:01] **Ann:** Hello and welcome to the show, today we talk about rivers.\n"
        "[00:00:09] **Bo:** Thanks, glad to be here, I have a lot to say about rivers.\n"
        "[00:00:15] **Ann:** Let us start with the delta.\n"
    )
    episode = parse_text(f"# Rivers\n\n## Episode notes\n\n{text}")
    assert episode.chapters == ()
    # Timed turns with bold speakers are the transcript, even without its heading.
    assert [s.speaker for s in episode.transcript] == ["Ann", "Bo", "Ann"]
    assert episode.episode_notes == ""


def test_front_matter_chapters_in_quoted_strings_with_backslash_line_ends() -> None:
    text = (
        '---\ntitle: T\ndescription: "About rivers.\\\\\n\n  00:00 Start\\\\\n\n'
        '  03:30 Deltas"\n---\nBody text.\n'
    )
    episode = parse_text(text)
    assert [c.title for c in episode.chapters] == ["Start", "Deltas"]
    assert episode.summary == "About rivers."


def test_front_matter_description_with_escaped_line_ends_and_a_short_transcript() -> None:
    episode = assert_family("shownotes_front_description.md", "show-notes")
    assert episode.published == "2024-05-01"  # epoch milliseconds
    assert [c.start for c in episode.chapters] == [0, 192, 1180]
    # The description is the notes' whole opening paragraph: the summary, not a clipped copy.
    assert episode.summary == "We talk about light pollution and how towns dim their streets."
    # Short speaker turns are no chapters: they are the transcript, not the notes.
    assert [(s.start, s.speaker, s.text) for s in episode.transcript] == [
        (5.0, "Mara", "Hi."),
        (7.0, "Joel", "Hello, hello."),
        (9.0, "Mara", "Let's start."),
    ]
    assert episode.episode_notes == ""


def test_stamps_with_milliseconds_on_their_own_lines_and_in_brackets() -> None:
    episode = assert_family("shownotes_ms_stamps.txt", "show-notes")
    assert [(c.start, c.title) for c in episode.chapters] == [
        (0, "Welcome"),
        (135, "The last manual light"),
        (842, "Learning the lamp"),
        (3750, "Automation day"),
    ]


def test_jekyll_octopod_post_with_a_front_matter_chapter_list() -> None:
    episode = assert_family("shownotes_octopod.md", "show-notes")
    assert [(c.start, c.title) for c in episode.chapters] == [
        (0, "Intro."),
        (150, "Why rooftops"),
        (1905, "Outro."),
    ]
    assert episode.summary == "Two beekeepers explain how rooftop hives survive a city summer."
    assert episode.duration == 43 * 60 + 13
    assert episode.published == "2016-03-22"  # 'datum: March 22nd 2016'
    assert "web_player" not in episode.episode_notes  # Liquid, {% raw %} too
    assert episode.host == "Ana and Ben"  # octopod's 'author' is who made it, not the show
    assert episode.podcast == ""


def test_jekyll_feed_post_description_paragraph_is_the_summary() -> None:
    episode = assert_family("shownotes_feed_post.md", "show-notes")
    assert episode.summary.startswith("We walk through three night markets")
    assert episode.duration == 14 * 60 + 2  # 'podcast_duration'
    assert [c.start for c in episode.chapters] == [0, 190, 585]


def test_a_hugo_theme_episode_reads_its_people_and_ignores_its_audio_keys() -> None:
    """Hugo podcast themes: 'hosts'/'guests' as lists of mappings, 'publishDate',
    'podcast_duration' with milliseconds; the audio file's keys are no episode data."""
    episode = assert_family("shownotes_hugo.md", "show-notes")
    assert episode.host == "Priya Shah"
    assert episode.guests == ("Tom Reyes",)
    assert episode.published == "2023-05-04"
    assert episode.duration == 34 * 60 + 32
    assert episode.url == ""  # the host's own page is not the episode's
    assert [c.title for c in episode.chapters] == ["Welcome", "Permits for tiny houses"]


PERSON_DETAIL = "a person's link or detail: podnotes keeps their name"


def test_a_hosts_own_link_is_not_the_episodes() -> None:
    """A host or guest given with a link ('hosts: [{name, url}]', 'host: {name, url}') gives
    their name; their link is no episode URL (podnotes keeps no link for a person), and
    --explain says so rather than 'a value podnotes could not use'."""
    leftover = explain("shownotes_hugo.md").leftover
    assert (9, "url: https://example.org/priya", PERSON_DETAIL) in leftover
    text = (
        "---\ntitle: Tiny Houses\nhost:\n  name: Priya Shah\n  url: https://example.org/priya\n"
        "guest:\n  name: Tom Reyes\n  url: https://example.org/tom\n---\n"
        "Two planners explain why a small house needs the same permits as a big one.\n\n"
        "00:00 Welcome\n04:10 Permits\n"
    )
    episode = parse_text(text)
    assert (episode.host, episode.guests, episode.url) == ("Priya Shah", ("Tom Reyes",), "")
    explanation = explain_part(text, "x.md")
    assert [(n, why) for n, _, why in explanation.leftover] == [
        (5, PERSON_DETAIL),
        (8, PERSON_DETAIL),
    ]
    assert explanation.fields["host"] == [3, 4]
    with_url = text.replace("title: Tiny Houses\n", "title: Tiny Houses\nurl: https://e.org/31\n")
    assert parse_text(with_url).url == "https://e.org/31"


def test_author_is_the_host_except_in_readwise() -> None:
    from podnotes.parse import parse_text

    post = parse_text("---\ntitle: T\nauthor: Dana Cole\n---\nA talk about tides.\n")
    assert (post.podcast, post.host) == ("", "Dana Cole")
    synced = parse_text(
        "# T\n\n## Metadata\n- Author: [[Tide Talk]]\n- Full Title: T\n\n## Highlights\n"
        "- Tides are slow. ([Time 0:01:00](https://share.snipd.com/snip/1))\n"
    )
    assert (synced.podcast, synced.host) == ("Tide Talk", "")


def test_timed_speaker_turns_without_a_heading_are_the_transcript() -> None:
    """Plain-text show notes with a transcript excerpt ('[00:00:05] **Ana Ruiz:** …', bold or
    underscored names, brackets or parentheses): the turns are the transcript, never the notes
    or chapters; the description paragraph is the summary."""
    episode = assert_family("shownotes_turns.txt", "show-notes")
    assert [(c.start, c.title) for c in episode.chapters] == [
        (0, "Intro"),
        (190, "Stone arches"),
        (1065, "The town that moved"),
    ]
    assert [(s.start, s.end, s.speaker) for s in episode.transcript] == [
        (5.0, 9.0, "Ana Ruiz"),
        (9.0, 14.0, "Ben Cole"),
        (14.0, 14.0, "Ana Ruiz"),
    ]
    assert episode.transcript[2].text == "Of course you did."
    assert "**" not in episode.episode_notes
    assert episode.summary.startswith("We talk about stone bridges")


def test_a_feeds_html_description() -> None:
    """Show notes copied from a feed: paragraphs, a list of chapters, links, entities, a
    comment and a player are read as text; each </p> ends a paragraph."""
    episode = assert_family("shownotes_html.txt", "show-notes")
    assert episode.summary.startswith("We talk about canal locks")
    assert [(c.start, c.title) for c in episode.chapters] == [
        (0, "Intro"),
        (310, "The lock keeper's day"),
        (1360, "Floods & repairs"),
    ]
    # A link keeps its URL, as a Markdown link.
    assert episode.episode_notes == (
        "Guest: [Ines Moreau](https://example.org/ines), canal historian.\n"
        "Music by Tide Lines & friends."
    )
    assert "<" not in episode.episode_notes
    assert "&amp;" not in episode.episode_notes


def test_html_show_notes_are_converted_to_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Detection converts a feed's HTML to look for chapters; the parser reads those lines
    instead of converting the HTML again (beyond 2,000 lines detection converts only the
    first 2,000, and the parser the whole text)."""
    from podnotes.parse import shownotes

    calls: list[int] = []
    convert = shownotes.plain_lines

    def counted(text: str) -> list[str]:
        calls.append(text.count("\n"))
        return convert(text)

    monkeypatch.setattr(shownotes, "plain_lines", counted)
    text = (FAMILIES / "shownotes_html.txt").read_text(encoding="utf-8")
    expected = document(parse("shownotes_html.txt"))
    calls.clear()
    assert document(parse_text(text, name="shownotes_html.txt")) == expected
    assert calls == [text.count("\n")]
    calls.clear()
    long = text + "\n" * 2500
    parse_text(long)
    assert calls == [1999, long.count("\n")]


def test_a_feeds_details_block_gives_its_words_not_its_markers() -> None:
    """A <details><summary> block in a feed's description: its label and text are notes; the
    block reader's markers for it ('summary', '/details') never reach the document."""
    text = (
        "<p>Intro to the episode about housing.</p>\n"
        "<details><summary>Credits</summary>Music by X</details>\n"
        "00:00 Start\n01:00 End\n"
    )
    episode = parse_text(text)
    assert episode.summary == "Intro to the episode about housing."
    assert episode.episode_notes == "Credits\nMusic by X"
    assert [c.title for c in episode.chapters] == ["Start", "End"]
