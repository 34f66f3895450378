"""A Snipd share page clipped by a read-later app into Logseq or Obsidian."""

from __future__ import annotations

from tests.families import assert_family, explain


def test_omnivore_page_in_logseq() -> None:
    episode = assert_family("clipped_logseq.md", "clipped-page")
    assert episode.title == "The Economics of Lighthouses, Revisited"  # the clipping's own link
    assert episode.published == "2024-02-27"  # date-published:: [[02/27/2024]]
    assert episode.url.startswith("https://share.snipd.com/episode/88888888")
    assert episode.summary.startswith("An economist revisits")
    assert len(episode.takeaways) == 2
    assert [d.title for d in episode.deep_dives] == ["Harbour Fees as a Toll"]
    assert episode.episode_notes == ""  # the app promos are chrome


def test_web_clipper_page_in_obsidian() -> None:
    episode = assert_family("clipped_obsidian.md", "clipped-page")
    assert episode.title == "Why Cities Plant the Wrong Trees"
    assert episode.published == "2024-11-11"  # epoch milliseconds
    assert episode.summary.startswith("Urban foresters explain")
    assert episode.episode_notes == ""


def test_chrome_is_shown_as_chrome() -> None:
    leftover = explain("clipped_logseq.md").leftover
    assert any("Get the Snipd" in text and why for _, text, why in leftover)


def test_omnivore_clipping_with_its_highlights() -> None:
    """Omnivore's Obsidian export: its '#Omnivore' tag line and '[Read on Omnivore](…)' are
    chrome, '[Read Original](url)' is the episode's URL, 'author: Snipd' is the site (no
    host), and each quote under '## Highlights' ('> text [⤴️](url) ^id', over one or more
    lines) is a highlight with your note below it."""
    episode = assert_family("clipped_omnivore.md", "clipped-page")
    assert episode.url == "https://share.snipd.com/episode/5b0e0000-aaaa-4bbb-8ccc-000000000000"
    assert (episode.host, episode.podcast) == ("", "")
    assert episode.summary == (
        "Two economists revisit Coase's famous lighthouse paper and what it got right."
    )
    fees, coase = episode.highlights
    assert fees.quote == "Private lighthouses were common and charged ships through port fees."
    assert (fees.note, fees.url[-5:]) == ("Check the Trinity House archive.", "#aaaa")
    assert coase.quote == (
        "Coase never visited a lighthouse.\nHe read the parliamentary papers instead."
    )
    assert (coase.title, coase.note) == ("Coase never visited a lighthouse.", "")
    assert episode.episode_notes == ""
