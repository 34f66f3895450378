"""Helpers for the safety tests: real subprocesses, a pseudo-terminal and hostile notes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from podnotes.model import Chapter, DeepDive, Episode, Highlight, Source
from podnotes.store import Library

# Everything a copied web page or a hostile note can carry that a terminal would obey.
HOSTILE = (
    "[bold]b[/bold] [link=file:///etc/passwd]passwd[/link] "
    "\x1b[38;5;201mpink\x1b[0m \x1b[2J\x1b[H \x1b]0;pwned-title\x07 "
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ bell\x07 back\x08\x08 cr\rover "
    "csi8\x9b31m del\x7f \u202eoverride"
)
# Byte sequences that must never reach the terminal from note content.
FORBIDDEN = (
    b"\x1b[38;5;201m",
    b"\x1b[2J",
    b"\x1b[H",
    b"\x1b]",
    b"\x07",
    b"\x08",
    b"\x7f",
    b"\xc2\x9b",
    "\u202e".encode(),
)


def hostile_episode(title: str = "Hostile episode", sha: str = "e" * 64) -> Episode:
    """An episode with terminal-hostile text in every field a command prints."""
    return Episode(
        title=f"{title} {HOSTILE}",
        podcast=f"Podcast {HOSTILE}",
        guests=(f"Guest {HOSTILE}",),
        published="2024-01-02",
        url=f"https://example.com/{HOSTILE}",
        tags=("hostile",),
        summary=f"Summary circuits {HOSTILE}\nsecond line {HOSTILE}",
        takeaways=(f"Takeaway circuits {HOSTILE}",),
        deep_dives=(DeepDive(f"Dive circuits {HOSTILE}", f"Body circuits {HOSTILE}"),),
        highlights=(
            Highlight(f"Snip {HOSTILE}", 5, 9, (f"Point {HOSTILE}",), quote=HOSTILE, note=HOSTILE),
        ),
        chapters=(Chapter(0, f"Intro {HOSTILE}"), Chapter(60, f"Next {HOSTILE}")),
        episode_notes=f"Notes circuits {HOSTILE}",
        source=Source("markdown", "hostile.md", sha),
    )


def plain_episode(n: int, body: str = "Some text.") -> Episode:
    return Episode(
        title=f"Episode number {n}",
        podcast="Safety Cast",
        summary=f"Summary of episode {n}. {body}",
        takeaways=(f"Takeaway {n} about circuits.",),
        deep_dives=(DeepDive(f"Dive {n}", "Body."),),
        chapters=(Chapter(0, "Intro"), Chapter(30, "Main")),
        source=Source("markdown", f"ep{n}.md", f"{n:064x}"),
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below folder (the derived index excepted) and its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".podnotes" not in p.relative_to(folder).parts
    }


def podnotes(
    *args: str, env: dict[str, str] | None = None, input: bytes | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """Run podnotes as a user would: a real process, stdout and stderr kept apart."""
    return subprocess.run(
        [sys.executable, "-m", "podnotes", *args],
        env=env if env is not None else dict(os.environ),
        input=input,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def write_inputs(folder: Path, count: int, tag: str = "") -> list[Path]:
    """count small Markdown inputs: 'Episode {tag}{n}', whose takeaways are 'Otters {tag}{n}.'
    and 'Another {tag}{n}.' (so each is one search hit for 'otters')."""
    folder.mkdir(exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"{tag}{n:02d}.md"
        text = (
            f"# Episode {tag}{n}\n\n## Key takeaways\n\n- Otters {tag}{n}.\n- Another {tag}{n}.\n"
        )
        path.write_text(text)
        paths.append(path)
    return paths


def add_inputs(folder: Path, count: int, env: dict[str, str]) -> None:
    """Write count inputs into folder and add them with a real `podnotes add`."""
    write_inputs(folder, count)
    result = podnotes("add", str(folder), env=env)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def env(notes_dir: Path) -> dict[str, str]:
    """The environment of a podnotes process on the test's notes folder, without colour."""
    return {**os.environ, "PODNOTES_DIR": str(notes_dir), "NO_COLOR": "1"}


@pytest.fixture
def library(notes_dir: Path) -> Library:
    return Library(notes_dir)
