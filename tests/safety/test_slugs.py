"""Issue 14 item 5: slug collisions never cost a note. Titles in any script keep their letters
(or a stable hash of the title when none are left), and `--force` replaces only the note made
from the same input, never a different episode that shares the name."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli


def note(folder: Path, name: str, title: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"# {title}\n\n## Key takeaways\n\n- {body}\n", encoding="utf-8")
    return path


def stored(notes_dir: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in notes_dir.glob("*.yaml")}


def test_titles_in_other_scripts_never_replace_each_other(
    cli: Cli, notes_dir: Path, tmp_path: Path
) -> None:
    titles = {
        "ar.md": ("حلقة عن النوم", "Arabic body."),
        "ja.md": ("睡眠についてのエピソード", "Japanese body."),
        "emoji.md": ("🎧🎙️", "Emoji body."),
        "emoji2.md": ("😴💤", "Other emoji body."),
    }
    for name, (title, body) in titles.items():
        result = cli("add", str(note(tmp_path, name, title, body)), "--force")
        assert result.exit_code == 0, result.stderr
    notes = stored(notes_dir)
    assert len(notes) == 4
    for _title, body in titles.values():
        assert sum(body in text for text in notes.values()) == 1
    assert "حلقة-عن-النوم" in notes
    assert "睡眠についてのエピソード" in notes


def test_force_on_a_folder_of_same_titled_inputs_keeps_them_all(
    cli: Cli, notes_dir: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(3):
        note(inbox, f"{n}.md", "Same title", f"Body number {n}.")
    for _ in range(2):  # and again: each replaces only its own note
        result = cli("add", "--force", str(inbox))
        assert result.exit_code == 0, result.stderr
        notes = stored(notes_dir)
        assert sorted(notes) == ["same-title", "same-title-2", "same-title-3"]
        for n in range(3):
            assert sum(f"Body number {n}." in text for text in notes.values()) == 1


def test_force_replaces_the_note_of_the_same_input_only(
    cli: Cli, notes_dir: Path, tmp_path: Path
) -> None:
    first = note(tmp_path, "a.md", "Shared", "First episode.")
    second = note(tmp_path, "b.md", "Shared", "Second episode.")
    assert cli("add", str(first)).exit_code == 0
    assert cli("add", str(second)).exit_code == 0
    again = cli("add", str(second), "--force", "--title", "Shared")
    assert again.exit_code == 0, again.stderr
    assert "replaced" in again.stderr
    notes = stored(notes_dir)
    assert "First episode." in notes["shared"]
    assert "Second episode." in notes["shared-2"]
    assert len(notes) == 2
