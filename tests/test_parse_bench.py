"""Files from the shared bench generator parse completely, in both of its shapes."""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from podnotes.parse import parse_bytes
from tests.conftest import ROOT

# shared/ sits beside the checkout, for developers and CI alike.
GENERATOR = ROOT.parent / "shared" / "bench" / "make_library.py"
EPISODES = 4

pytestmark = pytest.mark.skipif(not GENERATOR.exists(), reason="bench generator not present")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_library", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _expected(seed: int) -> list[dict[str, Any]]:
    """The episodes the generator writes, rebuilt the way its main() builds them."""
    gen = _generator()
    rng = random.Random(seed)
    episodes = []
    for n in range(1, EPISODES + 1):
        needles = [phrase for phrase, share in gen.NEEDLES.items() if rng.random() < share]
        episodes.append(gen.episode(rng, n, needles))
    return episodes


@pytest.mark.parametrize(("shape", "suffix", "seed"), [("page", ".txt", 7), ("md", ".md", 11)])
def test_generated_files_parse_fully(tmp_path: Path, shape: str, suffix: str, seed: int) -> None:
    out = tmp_path / shape
    subprocess.run(
        [
            sys.executable,
            str(GENERATOR),
            str(out),
            "--episodes",
            str(EPISODES),
            "--shape",
            shape,
            "--seed",
            str(seed),
        ],
        check=True,
        capture_output=True,
    )
    for n, expected in enumerate(_expected(seed), 1):
        path = out / f"episode-{n:06d}{suffix}"
        episode = parse_bytes(path.read_bytes(), name=path.name)
        assert episode.summary == expected["summary"]
        assert list(episode.takeaways) == expected["takeaways"]
        assert [[d.title, d.body] for d in episode.deep_dives] == expected["dives"]
        assert [(c.start, c.title) for c in episode.chapters] == expected["chapters"]
        # A page keeps one paragraph a line; Markdown separates paragraphs by a blank line.
        joiner = "\n" if shape == "page" else "\n\n"
        assert episode.episode_notes == joiner.join(expected["notes"])
        if shape == "md":
            assert episode.title == expected["title"]
