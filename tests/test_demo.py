"""The shipped library: the demo note is exactly what `podnotes add` makes of the seed."""

from __future__ import annotations

from podnotes.parse import parse_bytes
from podnotes.store import Library
from podnotes.yamlio import dump
from tests.conftest import DEMO_TITLE, ROOT, SEED


def test_shipped_note_matches_a_fresh_parse_of_its_raw_text() -> None:
    [entry] = Library(ROOT / "notes").load_all()[0]
    fresh = parse_bytes(
        SEED.read_bytes(),
        name=str(SEED),
        overrides={
            "title": DEMO_TITLE,
            "podcast": "Dwarkesh Podcast",
            "guests": ("Sholto Douglas", "Trenton Bricken"),
        },
    )
    assert dump(entry.episode, include_imported=False) == dump(fresh, include_imported=False)


def test_seed_content() -> None:
    episode = parse_bytes(SEED.read_bytes(), name=SEED.name)
    assert len(episode.takeaways) == 6
    assert episode.takeaways[0].startswith("Training models on specific tasks")
    assert [d.title for d in episode.deep_dives] == [
        "Accelerating Model Intelligence with Long Context Links",
        "In-Context Learning and its Implications",
        "Effect of Scale, Compute, and Talent on Research Progress",
        "AI Acceleration and Algorithmic Progress",
        "Model Efficiency and Reasoning Enhancements",
        "Impactful Problem Solving and Collaborative Efforts",
        "Understanding Model Impact",
        "Exploring Feature Learning in Models",
        "Optimism in Model Interpretability",
        "Understanding the Importance of Features and Weights in Model Learning",
        "Cost Analysis and Strategy for Training Models",
    ]
    assert episode.summary.startswith("Sholto Douglas and Trenton Bricken dive deep")
    assert episode.summary.endswith("responsible scaling policies in GPT-7 training.")
    assert episode.episode_notes.startswith("Had so much fun")
    assert episode.episode_notes.endswith("I certainly did :)")
    chrome = ("Read more", "AI Summary", "auto_awesome", "Snipd AI", "AI Chapters")
    for field_text in (episode.summary, episode.episode_notes, *episode.takeaways):
        assert not any(word in field_text for word in chrome)
