"""Shared fixtures: no test ever touches the real notes folder."""

from __future__ import annotations

from pathlib import Path

import pytest
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
