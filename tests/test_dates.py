"""Impossible dates: a library note that holds one is one line (file, line, key) and skipped
by every command; imported front matter leaves the date empty with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from podnotes.errors import ExitCode

IMPOSSIBLE = ["2024-02-30", "2024-13-45", "0000-01-01", "2024-01-01T00:00:00+99:00"]
COMMANDS = [
    ["list"],
    ["takeaways"],
    ["search", "context"],
    ["topics"],
    ["export", "--all", "--out-dir", "{out}", "--format", "json"],
    ["index", "--rebuild"],
]


@pytest.mark.parametrize("date", IMPOSSIBLE)
def test_every_command_skips_the_note_in_one_line(
    cli, demo_library: Path, tmp_path: Path, date: str
) -> None:
    bad = demo_library / "bad-date.yaml"
    bad.write_text(f"schema: podnotes/2\ntitle: Bad\npublished: {date}\n")
    checked = cli("validate")
    assert checked.exit_code == ExitCode.INVALID
    assert checked.stdout == (
        f"{bad}: line 3: published: {date!r} is not a date on the calendar (expected YYYY-MM-DD)\n"
    )
    for command in COMMANDS:
        args = [a.format(out=tmp_path / "out") for a in command]
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
        lines = [line for line in result.stderr.splitlines() if "bad-date.yaml" in line]
        if command[0] != "index":
            assert lines == [f"warning: skipped {checked.stdout.strip()}"], args


def test_an_impossible_front_matter_date_is_left_empty_with_a_warning(
    cli, notes_dir: Path, tmp_path: Path
) -> None:
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: Dated\ndate: 2024-02-30\n---\n\n# Dated\n\nSome notes.\n")
    parsed = cli("parse", str(page))
    assert parsed.exit_code == 0
    assert "published: null\n" in parsed.stdout
    assert parsed.stderr == f"warning: {page}: date: '2024-02-30' is not a date; left empty\n"
    added = cli("add", str(page))
    assert added.exit_code == 0
    assert f"warning: {page}: date: '2024-02-30' is not a date; left empty" in added.stderr
    assert "published: null\n" in (notes_dir / "dated.yaml").read_text()
