"""Input rules: a podnotes note as input is read as itself, --chapters makes plain text notes,
every bulk error names its file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT

DEMO_NOTE = next((ROOT / "notes").glob("*.yaml"))


def test_a_podnotes_note_is_read_as_itself(cli, tmp_path: Path) -> None:
    parsed = cli("parse", str(DEMO_NOTE))
    assert parsed.exit_code == 0, parsed.stderr
    assert parsed.stdout.splitlines()[1] == DEMO_NOTE.read_text().splitlines()[1]  # the title
    assert "schema: podnotes/2\ntitle:" not in parsed.stdout.split("summary:", 1)[1]
    added = cli("add", str(DEMO_NOTE), "--tag", "kept")
    assert added.exit_code == 0, added.stderr
    item = json.loads(cli("list", "--json").stdout)[0]
    assert item["title"] == json.loads(cli("show", item["slug"], "--json").stdout)["title"]
    assert item["tags"] == ["kept"]
    assert "unchanged" in cli("add", str(DEMO_NOTE)).stderr


def test_an_invalid_note_as_input_is_one_line_naming_it(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(DEMO_NOTE.read_text().replace("schema: podnotes/2", "schema: podnotes/2\n- x"))
    result = cli("add", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}")
    assert result.stderr.count("\n") == 1


def test_chapters_make_a_short_plain_text_acceptable(cli, tmp_path: Path) -> None:
    notes = tmp_path / "chat.txt"
    notes.write_text("A short chat about sleep and light.\n")
    chapters = tmp_path / "chapters.txt"
    chapters.write_text("00:00 Intro\n05:00 Light\n")
    assert cli("add", str(notes)).exit_code == 2
    result = cli("add", str(notes), "--chapters", str(chapters), "--title", "Chat")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(cli("show", "chat", "--json").stdout)
    assert [c["title"] for c in shown["chapters"]] == ["Intro", "Light"]
    # The text's one paragraph is its summary, not repeated in the notes.
    assert shown["summary"] == "A short chat about sleep and light."
    assert shown["episode_notes"] == ""


def test_every_error_of_a_bulk_add_names_its_file(cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "plain.txt").write_text("nothing to see\n")
    (folder / "broken.md").write_text(DEMO_NOTE.read_text().replace("title: ", "title: [", 1))
    result = cli("add", str(folder))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, lines
    for line, name in zip(lines, ("broken.md", "empty.txt", "plain.txt"), strict=True):
        assert line.startswith(f"error: {folder / name}:"), line
