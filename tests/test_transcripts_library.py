"""A generated library with transcripts (../shared/bench/make_library.py): every planted phrase
is found in the right episode at the right time, and nothing else is found."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from podnotes.store import Library

GENERATOR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "make_library.py"


@pytest.mark.slow
@pytest.mark.skipif(not GENERATOR.exists(), reason="the shared bench generator is not here")
def test_exact_search_finds_every_planted_phrase_at_its_time(
    cli, tmp_path: Path, notes_dir
) -> None:
    pages = tmp_path / "pages"
    subprocess.run(
        [
            sys.executable,
            str(GENERATOR),
            str(pages),
            "--episodes",
            "70",
            "--seed",
            "7",
            "--transcripts",
            "mixed",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    planted = json.loads((pages / "manifest.json").read_text())["transcript_needles"]
    assert sum(len(where) for where in planted.values()) >= 4  # the test has something to find
    added = cli("add", str(pages))
    assert added.exit_code == 0, added.stderr
    assert "skipped" not in added.stderr
    by_file = {
        Path(entry.episode.source.file).stem: entry.slug
        for entry in Library(notes_dir).load_all()[0]
        if entry.episode.source is not None
    }
    assert len(by_file) == 70
    for phrase, where in planted.items():
        for mode in ("--exact", "--regex"):
            result = cli("search", mode, phrase, "--in", "transcript", "--json", "-n", "100")
            hits = json.loads(result.stdout) if result.exit_code == 0 else []
            found = {(h["episode"], round(h["start"])) for h in hits}
            assert found == {(by_file[base], round(start)) for base, start in where.items()}
        fuzzy = json.loads(cli("search", phrase, "--in", "transcript", "--json").stdout)
        best = {(h["episode"], round(h["start"])) for h in fuzzy if h["score"] == 100}
        assert best == {(by_file[base], round(start)) for base, start in where.items()}
