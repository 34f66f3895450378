"""The Snipd episode page copied as text (parse/snipd_page.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from podnotes.model import Episode
from podnotes.parse import parse_bytes, parse_text
from podnotes.parse.common import CHROME

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
SEED = INPUTS / "snipd_page_seed.txt"

TAKEAWAYS = (
    "Training models on specific tasks enhances reasoning abilities beyond text prediction.",
    "Leveraging context improves model intelligence without massive increases in scale.",
    "Scaling research teams with diverse skills accelerates research progress.",
    "Synthetic data and increased compute power drive advancements in AI solutions.",
    "Active problem-solving and collaboration yield significant research progress.",
    "Complex feature learning in models challenges interpretability efforts.",
)
DIVE_TITLES = [
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
NOTES = (
    "Had so much fun chatting with my good friends Trenton Bricken and Sholto Douglas on the "
    "podcast.\n"
    "No way to summarize it, except:\n"
    "This is the best context dump out there on how LLMs are trained, what capabilities they're "
    "likely to soon have, and what exactly is going on inside them.\n"
    "You would be shocked how much of what I know about this field, I've learned just from "
    "talking with them.\n"
    "To the extent that you've enjoyed my other AI interviews, now you know why.\n"
    "So excited to put this out. Enjoy! I certainly did :)"
)


@pytest.fixture(scope="module")
def seed() -> Episode:
    # The seed's real name: a hash, which says nothing, so the title comes from the summary.
    return parse_bytes(SEED.read_bytes(), name="000_e2639c7352df123f.txt")


def test_seed_is_read_as_a_snipd_page(seed: Episode) -> None:
    assert seed.source is not None
    assert seed.source.format == "snipd-page"
    assert seed.source.file == "000_e2639c7352df123f.txt"
    assert len(seed.source.sha256) == 64


def test_seed_takeaways(seed: Episode) -> None:
    assert seed.takeaways == TAKEAWAYS


def test_seed_deep_dives(seed: Episode) -> None:
    assert [d.title for d in seed.deep_dives] == DIVE_TITLES
    assert seed.deep_dives[0].body == (
        "Using context links significantly enhances model intelligence as demonstrated by "
        "improvements in prediction accuracy. The capability to provide a vast amount of context "
        "about a codebase allows models to make substantial advancements without the need for "
        "extensive increases in model scale. By leveraging context, models can potentially "
        "outperform human experts in certain tasks over limited training periods."
    )
    assert seed.deep_dives[6].body == (
        "Models paired with high enthusiasm individuals and effective mentorship can lead to "
        "impactful contributions in the areas of systems understanding, algorithms, and chip "
        "design."
    )
    assert seed.deep_dives[-1].body.endswith(
        "enabling tailored feature discovery and model evaluation."
    )


def test_seed_summary(seed: Episode) -> None:
    assert seed.summary.startswith(
        "Sholto Douglas and Trenton Bricken dive deep into AI training, superhuman models,"
    )
    assert seed.summary.endswith("responsible scaling policies in GPT-7 training.")
    assert "\n" not in seed.summary


def test_seed_episode_notes(seed: Episode) -> None:
    assert seed.episode_notes == NOTES
    assert seed.chapters == ()
    assert seed.highlights == ()


def test_seed_title_comes_from_the_summary(seed: Episode) -> None:
    assert seed.title == "Sholto Douglas and Trenton Bricken dive deep into AI training"


def test_a_meaningful_file_name_gives_the_title() -> None:
    episode = parse_bytes(SEED.read_bytes(), name="notes/dwarkesh-sholto_trenton.txt")
    assert episode.title == "dwarkesh sholto trenton"


def _strings(episode: Episode) -> list[str]:
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.extend(line.strip() for line in value.split("\n"))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(dataclasses.asdict(episode))
    return found


@pytest.mark.parametrize(
    "chrome",
    [
        "Read more",
        "AI Summary",
        "Highlights",
        "AI Chapters",
        "Episode notes",
        "auto_awesome",
        "Podcast summary created with Snipd AI",
    ],
)
def test_no_chrome_in_any_field(seed: Episode, chrome: str) -> None:
    strings = _strings(seed)
    assert chrome not in strings
    assert not any(chrome in text for text in strings if text != chrome)


def test_chrome_vocabulary_covers_the_page_labels() -> None:
    assert {"read more", "auto awesome", "podcast summary created with snipd ai"} <= CHROME


PAGE = """\
A short summary of the episode.
Read more
auto_awesome
Quick takeaways
• First takeaway about hiring.

• Second takeaway about culture.
Deep dives
Hiring for Slope

Early engineers grow with the company, so learning speed matters more.

The Reference Call
A twenty minute call with a former manager reveals more than interviews do.
Thanks to our sponsor Linear, the issue tracker we actually use.
Timestamps
(00:00:00) - Intro
(00:12:30) - Reference calls
Show less
"""


def test_page_with_bullets_blank_lines_and_chapters() -> None:
    episode = parse_text(PAGE)
    assert episode.summary == "A short summary of the episode."
    assert episode.takeaways == ("First takeaway about hiring.", "Second takeaway about culture.")
    assert [(d.title, d.body) for d in episode.deep_dives] == [
        (
            "Hiring for Slope",
            "Early engineers grow with the company, so learning speed matters more.",
        ),
        (
            "The Reference Call",
            "A twenty minute call with a former manager reveals more than interviews do.",
        ),
    ]
    assert (
        episode.episode_notes == "Thanks to our sponsor Linear, the issue tracker we actually use."
    )
    assert [(c.start, c.title) for c in episode.chapters] == [
        (0, "Intro"),
        (750, "Reference calls"),
    ]


def test_deep_dives_end_where_lines_stop_pairing() -> None:
    text = (
        "Summary here.\nDeep dives\nOne Title\nA body sentence that is long enough to count.\n"
        "Two lines of host notes follow.\nThey are sentences, not a title and a paragraph.\n"
    )
    episode = parse_text(text)
    assert [d.title for d in episode.deep_dives] == ["One Title"]
    assert episode.episode_notes == (
        "Two lines of host notes follow.\nThey are sentences, not a title and a paragraph."
    )


def test_forced_page_format_on_a_summary_only_page() -> None:
    episode = parse_text("Just a summary paragraph.\nRead more\n", fmt="snipd-page")
    assert episode.summary == "Just a summary paragraph."
    assert episode.source is not None
    assert episode.source.format == "snipd-page"
