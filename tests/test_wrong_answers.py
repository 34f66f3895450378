"""Answers that were wrong without any error: each one checked through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from podnotes.yamlio import load

HEAD = "schema: podnotes/1\n"


def test_a_hand_named_note_is_found_by_the_name_it_is_listed_under(
    cli, notes_dir: Path, tmp_path: Path
) -> None:
    notes_dir.mkdir()
    (notes_dir / "Sleep-Notes.yaml").write_text(HEAD + "title: Sleep notes\nsummary: Rest.\n")
    listed = cli("list")
    assert "Sleep-Notes" in listed.stdout
    for args in (
        ["show", "Sleep-Notes"],
        ["export", "Sleep-Notes"],
        ["chapters", "Sleep-Notes", "--json"],
    ):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
    assert "Rest." in cli("show", "Sleep-Notes").stdout
    # A name can never reach outside the folder.
    (tmp_path / "outside.yaml").write_text(HEAD + "title: Outside\n")
    assert cli("show", "../outside").exit_code == 2


def test_a_datetime_in_published_is_valid_and_exports_valid_yaml(
    cli, notes_dir: Path, tmp_path: Path
) -> None:
    notes_dir.mkdir()
    (notes_dir / "dated.yaml").write_text(HEAD + "title: Dated\npublished: 2024-03-01 10:00:00\n")
    assert cli("validate").exit_code == 0
    exported = cli("export", "dated", "-f", "yaml")
    assert exported.exit_code == 0, exported.stderr
    assert load(exported.stdout, "export.yaml").published == "2024-03-01"


def test_unsorted_chapters_never_get_negative_lengths(cli, notes_dir: Path) -> None:
    notes_dir.mkdir()
    (notes_dir / "ep.yaml").write_text(
        HEAD + "title: Ep\nchapters:\n- start: 300\n  title: B\n- start: 0\n  title: A\n"
    )
    rows = json.loads(cli("chapters", "ep", "--json").stdout)
    rows = rows["chapters"] if isinstance(rows, dict) else rows
    assert [r["title"] for r in rows] == ["A", "B"]
    assert all(r["duration"] is None or r["duration"] >= 0 for r in rows)
    plain = cli("chapters", "ep").stdout
    assert "-" not in plain.replace("--", "")
    assert cli("export", "ep", "-f", "youtube").stdout == "00:00 A\n05:00 B\n"


def test_add_refuses_a_note_it_could_not_read_back(cli, notes_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "huge.md"
    lines = "".join(f"- takeaway {n}\n" for n in range(60_000))
    source.write_text("# Huge\n\n## Key takeaways\n\n" + lines)
    result = cli("add", str(source))
    assert result.exit_code == 2
    assert "too large to store" in result.stderr
    assert not list(notes_dir.glob("*.yaml"))
