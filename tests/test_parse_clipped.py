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
