"""Transcripts through the CLI: add with pairing, attach, search, show and export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEED

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
CHAPTERS = Path(__file__).parent / "fixtures" / "inputs" / "chapters_list.txt"
SLUG = "sholto-douglas-and-trenton-bricken-dive-deep-into-ai-training"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Notes beside a transcript of the same base name, a transcript alone, a stray JSON."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "ep-12.txt")
    shutil.copy(FIXTURES / "interview.vtt", inputs / "ep-12.vtt")
    shutil.copy(FIXTURES / "otter.txt", inputs / "lonely.txt")
    (inputs / "manifest.json").write_text('{"episodes": 2}')
    return inputs


def test_add_folder_pairs_by_base_name_and_skips_a_lonely_transcript(cli, folder: Path) -> None:
    result = cli("add", str(folder))
    assert result.exit_code == 0, result.stderr
    assert "lonely.txt: skipped: a transcript without a notes file" in result.stderr
    assert "manifest.json" not in result.stderr
    listed = cli("list", "--json")
    assert [e["slug"] for e in json.loads(listed.stdout)] == [SLUG]
    shown = cli("show", SLUG, "--transcript", "--no-pager")
    assert "[01:02:10] Dana Whitfield: An hour in and we are still on the ledger." in shown.stdout


def test_transcripts_alone_become_episodes_when_asked(cli, folder: Path) -> None:
    assert cli("add", str(folder), "--transcripts-alone").exit_code == 0
    slugs = [e["slug"] for e in json.loads(cli("list", "--json").stdout)]
    assert slugs == ["lonely", SLUG]
    shown = cli("show", "lonely", "--transcript")
    assert "[00:00:04] Speaker 2: Thanks for having me. The microphone is terrible." in shown.stdout


def test_add_with_transcript_and_its_broken_cue(cli, tmp_path: Path) -> None:
    bad = cli("add", str(SEED), "--transcript", str(FIXTURES / "broken.vtt"))
    assert bad.exit_code == 2
    assert "broken.vtt: line 6: malformed cue timing" in bad.stderr
    assert "Traceback" not in bad.stderr
    good = cli("add", str(SEED), "--transcript", str(FIXTURES / "bom_crlf.srt"))
    assert good.exit_code == 0, good.stderr
    hit = cli("search", "almost an hour", "--in", "transcript", "--json")
    assert json.loads(hit.stdout)[0]["start"] == 3730.0


def test_adding_notes_again_with_a_transcript_attaches_it(cli) -> None:
    assert cli("add", str(SEED)).exit_code == 0
    again = cli("add", str(SEED), "--transcript", str(FIXTURES / "interview.vtt"))
    assert again.exit_code == 0, again.stderr
    assert cli("search", "ledger", "--in", "transcript").exit_code == 0


def test_attach_transcript_and_chapters_and_refuse_to_replace(cli) -> None:
    cli("add", str(SEED))
    first = cli("attach", SLUG, "--transcript", str(FIXTURES / "rev.txt"))
    assert first.exit_code == 0, first.stderr
    again = cli("attach", SLUG, "--transcript", str(FIXTURES / "otter.txt"))
    assert again.exit_code == 2
    assert "has a transcript already (4 segments); --force replaces it" in again.stderr
    forced = cli(
        "attach",
        SLUG,
        "--transcript",
        str(FIXTURES / "otter.txt"),
        "--chapters",
        str(CHAPTERS),
        "--force",
    )
    assert forced.exit_code == 0, forced.stderr
    hits = json.loads(cli("search", "long ledger", "--in", "transcript", "--json").stdout)
    assert (hits[0]["speaker"], hits[0]["start"]) == ("Speaker 2", 3735.0)
    assert cli("search", "10:30 that morning", "--in", "transcript").exit_code == 1
    assert cli("attach", SLUG).exit_code == 2


def test_search_lines_name_time_and_speaker(cli) -> None:
    cli("add", str(SEED), "--transcript", str(FIXTURES / "interview.vtt"))
    result = cli("search", "still on the ledger", "--in", "transcript")
    assert result.exit_code == 0
    assert "[01:02:10] Dana Whitfield: An hour in and we are still on the ledger." in result.stdout


def test_phrase_ranks_above_scattered_words(cli, tmp_path: Path) -> None:
    vtt = tmp_path / "t.vtt"
    vtt.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>The ledger of every tide was kept.\n\n"
        "00:00:05.000 --> 00:00:06.000\n<v B>We kept the tide ledger.\n"
    )
    cli("add", str(SEED), "--transcript", str(vtt))
    hits = json.loads(cli("search", "tide ledger", "--in", "transcript", "--json").stdout)
    assert [h["speaker"] for h in hits] == ["B", "A"]
    assert hits[0]["score"] > hits[1]["score"]


def test_default_search_counts_transcript_hits_in_its_last_line(cli) -> None:
    cli("add", str(SEED), "--transcript", str(FIXTURES / "interview.vtt"))
    result = cli("search", "ledger")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == "+ 2 hits in transcripts: --in transcript"
    both = json.loads(cli("search", "ledger", "--in", "all", "--json").stdout)
    assert {h["field"] for h in both} == {"transcript"}
    notes_only = cli("search", "interpretability", "--json")
    assert all(h["field"] != "transcript" for h in json.loads(notes_only.stdout))


def test_exact_and_regex_in_transcripts(cli) -> None:
    cli("add", str(SEED), "--transcript", str(FIXTURES / "interview.vtt"))
    exact = json.loads(
        cli("search", "--exact", "edger goes", "--in", "transcript", "--json").stdout
    )
    assert [(h["start"], h["speaker"]) for h in exact] == [(13.2, "Tomás Ibáñez")]
    assert cli("search", "--exact", "LEDGER", "--in", "transcript").exit_code == 1
    assert cli("search", "--exact", "-i", "LEDGER", "--in", "transcript").exit_code == 0
    regex = json.loads(cli("search", "-E", r"\d{4}", "--in", "transcript", "--json").stdout)
    assert [h["text"] for h in regex] == ["Really, the ledger goes back to 1871."]


def test_show_from_a_time_and_a_chapter(cli) -> None:
    cli(
        "add",
        str(SEED),
        "--transcript",
        str(FIXTURES / "interview.vtt"),
        "--chapters",
        str(CHAPTERS),
    )
    at = cli("show", SLUG, "--transcript", "--at", "1:00:00").stdout.splitlines()
    assert at[-2:] == [
        "[01:02:10] Dana Whitfield: An hour in and we are still on the ledger.",
        "[01:59:58] Tomás Ibáñez: One last story before the two-hour mark.",
    ]
    chapter = cli("show", SLUG, "--transcript", "--chapter", "4").stdout
    assert "## The money question 01:02:03" in chapter
    assert "Welcome back" not in chapter
    assert cli("show", SLUG, "--transcript", "--chapter", "9").exit_code == 2
    assert cli("show", SLUG, "--at", "12:00").exit_code == 2
    data = json.loads(cli("show", SLUG, "--transcript", "--at", "7198", "--json").stdout)
    assert data["transcript"] == [
        {
            "start": 7198.2,
            "end": 7203.9,
            "speaker": "Tomás Ibáñez",
            "text": "One last story before the two-hour mark.",
        }
    ]
    assert "transcript" not in json.loads(cli("show", SLUG, "--json").stdout)


@pytest.mark.parametrize("name", ["interview.vtt", "bom_crlf.vtt", "whisperx.json"])
def test_vtt_to_yaml_to_vtt_keeps_every_cue(cli, name: str) -> None:
    from podnotes.parse.decode import decode
    from podnotes.transcripts import read_transcript

    source = FIXTURES / name
    cli("add", str(SEED), "--transcript", str(source))
    exported = cli("export", SLUG, "--format", "vtt")
    assert exported.exit_code == 0
    original = read_transcript(decode(source.read_bytes(), name), name)
    assert read_transcript(exported.stdout, "back.vtt") == original
    cues = exported.stdout.count("-->")
    assert cues == len({(s.start, s.end) for s in original})
    if name.endswith(".vtt"):
        assert cues == source.read_text(encoding="utf-8-sig").count(" --> ")


def test_export_transcript_formats_and_an_episode_without_one(cli, tmp_path: Path) -> None:
    cli("add", str(SEED))
    missing = cli("export", SLUG, "--format", "srt")
    assert missing.exit_code == 2
    assert "has no transcript to export" in missing.stderr
    cli("attach", SLUG, "--transcript", str(FIXTURES / "descript.txt"))
    text = cli("export", SLUG, "--format", "txt").stdout
    assert text.splitlines()[0] == "[00:00:00] Dana Whitfield: Welcome back to Harbour Lights."
    out = tmp_path / "out"
    assert cli("export", "--all", "--format", "srt", "--out-dir", str(out)).exit_code == 0
    assert (out / f"{SLUG}.srt").read_text().startswith("1\n00:00:00,000 --> 00:00:04,000\n")
