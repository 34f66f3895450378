"""The Markdown export's `## Transcript` section (export --transcript) and its round trip."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given

from podnotes.export.markdown import builtin_template, render_markdown
from podnotes.model import Episode, Segment
from podnotes.parse import parse_text
from tests.conftest import SEED
from tests.strategies import episodes, nonempty_line, transcript_segments

PROFILES = ("obsidian", "logseq", "commonmark")


def export(episode: Episode, profile: str = "obsidian", *, transcript: bool = True) -> str:
    template = (builtin_template(profile), profile)
    return render_markdown(episode, slug="x", template=template, transcript=transcript)


def round_trip(episode: Episode, profile: str) -> Episode:
    parsed = parse_text(export(episode, profile), fmt="markdown", name="x.md")
    return dataclasses.replace(parsed, source=None)


@pytest.mark.slow
@given(episodes(), transcript_segments())  # the profile's examples (tests/conftest.py)
def test_every_segment_comes_back_from_markdown(
    episode: Episode, transcript: tuple[Segment, ...]
) -> None:
    episode = dataclasses.replace(episode, transcript=transcript, source=None)
    assert round_trip(episode, "obsidian") == episode


@pytest.mark.slow
@given(nonempty_line, transcript_segments().filter(bool))
def test_every_segment_comes_back_from_logseq_and_commonmark(
    title: str, transcript: tuple[Segment, ...]
) -> None:
    episode = Episode(title=title, summary="S.", transcript=transcript)
    for profile in ("logseq", "commonmark"):
        assert round_trip(episode, profile).transcript == transcript, profile


# Through the CLI -------------------------------------------------------------------------------

SLUG = "sholto-douglas-and-trenton-bricken-dive-deep-into-ai-training"
FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"


def load_note(notes_dir: Path) -> Episode:
    from podnotes.yamlio import load

    return load((notes_dir / f"{SLUG}.yaml").read_text(), "x.yaml")


@pytest.fixture
def transcribed(cli) -> None:
    assert cli("add", str(SEED), "--transcript", str(FIXTURES / "interview.vtt")).exit_code == 0


def test_without_the_option_the_export_is_what_it_was(
    cli, transcribed: None, notes_dir: Path
) -> None:
    plain = cli("export", SLUG).stdout
    assert "## Transcript" not in plain
    assert plain == export(load_note(notes_dir), transcript=False)
    with_it = cli("export", SLUG, "--transcript").stdout
    head, section = with_it.split("\n## Transcript\n\n")
    assert head == plain  # the section is added at the end, nothing else moves
    assert section.splitlines()[0] == (
        "- [00:00:00.000–00:00:04.250] **Dana Whitfield:** Welcome back to Harbour Lights. "
        "I'm Dana."
    )
    assert "**Tomás Ibáñez:** Thanks for having me & my terrible microphone." in section
    assert "\\<first\\>" in section  # '<first>' stays text, never HTML


def test_the_exported_file_reads_back_with_its_segments(
    cli, transcribed: None, tmp_path: Path, notes_dir: Path
) -> None:
    out = tmp_path / "ep.md"
    assert cli("export", SLUG, "--transcript", "-o", str(out)).exit_code == 0
    parsed = cli("parse", str(out))
    assert parsed.exit_code == 0, parsed.stderr
    assert (
        '- {start: 12.0, end: 15.5, speaker: "Dana Whitfield", text: "Wait, really?"}'
        in parsed.stdout
    )
    assert parsed.stdout.count("\n- {start: ") == len(load_note(notes_dir).transcript)


def test_update_keeps_the_users_text_and_follows_the_option(
    cli, transcribed: None, tmp_path: Path
) -> None:
    out = tmp_path / "ep.md"
    cli("export", SLUG, "-o", str(out))
    mine = "\n## My notes\n\nListen again at 12:00.\n"
    out.write_text(out.read_text() + mine)
    assert cli("export", SLUG, "--transcript", "--update", "-o", str(out)).exit_code == 0
    text = out.read_text()
    assert "\n## Transcript\n\n- [00:00:00.000–" in text
    assert text.count("Listen again at 12:00.") == 1
    assert cli("export", SLUG, "--update", "-o", str(out)).exit_code == 0
    again = out.read_text()
    assert "## Transcript" not in again
    assert again.endswith(mine)


def test_hostile_speakers_and_text_stay_text(cli, tmp_path: Path) -> None:
    vtt = tmp_path / "t.vtt"
    vtt.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v [bold]X[/bold]:**>## not a heading\n\n"
        "00:00:02.000 --> 00:00:03.000\n---\n"
    )
    cli("add", str(SEED), "--transcript", str(vtt))
    section = cli("export", SLUG, "--transcript").stdout.split("## Transcript\n\n")[1]
    assert section == (
        "- [00:00:01.000–00:00:02.000] **\\[bold\\]X\\[/bold\\]:\\*\\*:** &#35;\\# not a heading\n"
        "- [00:00:02.000–00:00:03.000] &#45;--\n"
    )
    out = tmp_path / "ep.md"
    out.write_text(cli("export", SLUG, "--transcript").stdout)
    assert '"[bold]X[/bold]:**"' in cli("parse", str(out)).stdout


def test_the_option_goes_with_markdown_only(cli, transcribed: None) -> None:
    result = cli("export", SLUG, "--format", "srt", "--transcript")
    assert result.exit_code == 2
    assert "--transcript goes with --format markdown" in result.stderr
