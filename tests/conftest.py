"""Shared fixtures: no test ever touches the real notes folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from podnotes.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "notes" / "raw" / "000_e2639c7352df123f.txt"
DEMO_TITLE = "Sholto Douglas & Trenton Bricken - How to Build & Understand GPT-7's Mind"


@pytest.fixture(autouse=True)
def notes_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point podnotes at an empty notes folder of the test's own."""
    folder = tmp_path / "notes"
    monkeypatch.setenv("PODNOTES_DIR", str(folder))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return folder


class Cli:
    """Runs podnotes in-process and keeps stdout, stderr and the exit code apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None):
        return self.runner.invoke(app, list(args), input=input)


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def demo_library(notes_dir: Path, cli: Cli) -> Path:
    """The shipped demo episode, added the way the README adds it."""
    result = cli(
        "add",
        str(SEED),
        "--title",
        DEMO_TITLE,
        "--podcast",
        "Dwarkesh Podcast",
        "--guest",
        "Sholto Douglas",
        "--guest",
        "Trenton Bricken",
    )
    assert result.exit_code == 0, result.stderr
    return notes_dir


@pytest.fixture
def small_library(demo_library: Path) -> Path:
    """The demo episode plus two made-up ones with chapters, highlights, tags and hostile text."""
    from podnotes.model import Chapter, DeepDive, Episode, Highlight, Source
    from podnotes.store import Library

    library = Library(demo_library)
    library.save(
        Episode(
            title="Sleep Science with Ada Moreno",
            podcast="Huberman Lab",
            guests=("Ada Moreno",),
            published="2024-05-01",
            tags=("health", "sleep"),
            summary="Ada Moreno explains sleep pressure and circadian rhythm.",
            takeaways=("Morning light anchors the circadian rhythm.", "Caffeine blocks adenosine."),
            deep_dives=(
                DeepDive("Dictionary Learning for Sleep Stages", "Sparse codes describe stages."),
                DeepDive("Circadian Rhythm Basics", "Light and temperature set the clock."),
            ),
            highlights=(
                Highlight("Adenosine", 245, 337, ("Caffeine blocks it.",), quote="Quote."),
            ),
            chapters=(Chapter(0, "Intro"), Chapter(300, "Adenosine"), Chapter(1200, "Light")),
            episode_notes="Sponsors: none.",
            source=Source("markdown", "sleep.md", "1" * 64),
        )
    )
    library.save(
        Episode(
            title="Hostile [bold]Markup[/bold] Episode",
            podcast="Evil \x1b[31mRed",
            summary="Text with \x1b]0;pwned\x07 title change and [link=file:///etc/passwd]x[/link].",
            takeaways=("A \x1b[2J clear screen takeaway [red]red[/red].",),
            deep_dives=(DeepDive("Interpretability Circuits", "Circuits explain features."),),
            source=Source("markdown", "evil.md", "2" * 64),
        )
    )
    return demo_library


# Hypothesis profiles. A property that names no example count (the slow round trips) runs
# "gate"'s 100 on `make test`; CI runs the same examples every time (a red build is always
# reproducible) while local runs explore anew; HYPOTHESIS_PROFILE=deep runs ten times as many.
settings.register_profile("gate", max_examples=100, deadline=None)
settings.register_profile("ci", settings.get_profile("gate"), derandomize=True)
settings.register_profile("deep", settings.get_profile("gate"), max_examples=1000)
_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "gate")
settings.load_profile(_PROFILE)
