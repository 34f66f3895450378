"""rm / restore / rm --purge, tag, set and edit through the CLI: atomic, validated, the index in
step, and never a broken note left in the library."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

SLEEP = "sleep-science-with-ada-moreno"
DEMO = "sholto-douglas-trenton-bricken-how-to-build-understand-gpt-7s-mind"


def _slugs(cli, *args: str) -> list[str]:
    result = cli("list", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return [item["slug"] for item in json.loads(result.stdout)]


def test_rm_moves_to_the_trash_and_restore_brings_it_back(cli, small_library: Path) -> None:
    assert SLEEP in _slugs(cli)  # the index exists and knows the note
    removed = cli("rm", "sleep")
    assert removed.exit_code == 0, removed.stderr
    trashed = small_library / ".trash" / f"{SLEEP}.yaml"
    assert trashed.is_file()
    assert not (small_library / f"{SLEEP}.yaml").exists()
    assert str(trashed) in removed.stderr  # the message says where it went
    assert f"podnotes restore {SLEEP}" in removed.stderr
    assert SLEEP not in _slugs(cli)
    assert cli("search", "adenosine", "-l").exit_code == 1  # out of the index
    assert cli("validate").exit_code == 0  # the trash is not notes
    assert cli("restore", "--list").stdout.split() == [SLEEP]

    restored = cli("restore", SLEEP)
    assert restored.exit_code == 0, restored.stderr
    assert (small_library / f"{SLEEP}.yaml").is_file()
    assert SLEEP in _slugs(cli)
    assert cli("search", "adenosine", "-l").stdout.split() == [SLEEP]


def test_the_same_slug_removed_twice_keeps_both_copies(cli, small_library: Path) -> None:
    note = small_library / f"{SLEEP}.yaml"
    first = note.read_bytes()
    assert cli("rm", SLEEP).exit_code == 0
    note.write_bytes(first.replace(b"Sleep Science", b"Sleep Science II"))
    assert cli("rm", SLEEP).exit_code == 0
    names = sorted(p.name for p in (small_library / ".trash").iterdir())
    assert names == [f"{SLEEP}.yaml", f"{SLEEP}~2.yaml"]
    assert cli("restore", SLEEP).exit_code == 0  # the newest of that slug
    assert b"Sleep Science II" in note.read_bytes()
    again = cli("restore", SLEEP)  # the older copy cannot take its place
    assert again.exit_code == 2
    assert "exists" in again.stderr
    assert (small_library / ".trash" / f"{SLEEP}.yaml").read_bytes() == first


def test_rm_goes_on_past_a_bad_name_and_purge_empties_the_trash(cli, small_library) -> None:
    result = cli("rm", "sleep", "no-such-episode-at-all")
    assert result.exit_code == 4  # partial: one removed, one failed
    assert "no-such-episode-at-all" in result.stderr
    assert (small_library / ".trash" / f"{SLEEP}.yaml").is_file()
    purged = cli("rm", "--purge")
    assert purged.exit_code == 0
    assert "deleted 1 note" in purged.stderr
    assert not (small_library / ".trash").exists()
    assert cli("restore", SLEEP).exit_code == 2
    assert cli("rm").exit_code == 2


def test_tag_adds_and_removes(cli, small_library: Path) -> None:
    result = cli("tag", "sleep", "gpt-7", "+focus", "-health", "+#Deep Work")
    assert result.exit_code == 0, result.stderr
    rows = {i["slug"]: i for i in json.loads(cli("list", "--json").stdout)}
    assert rows[SLEEP]["tags"] == ["sleep", "focus", "Deep Work"]
    assert rows[DEMO]["tags"] == ["focus", "Deep Work"]
    assert _slugs(cli, "--tag", "focus") == [DEMO, SLEEP]
    assert cli("tag", "sleep").exit_code == 2  # no change given
    assert cli("tag", "+x").exit_code == 2  # no episode given
    mistyped = cli("tag", "sleep", "+x", "--podcst", "y")
    assert mistyped.exit_code == 2
    assert "no such option: --podcst" in mistyped.stderr
    assert cli("validate").exit_code == 0


def test_set_changes_fields_validated(cli, small_library: Path) -> None:
    note = small_library / f"{SLEEP}.yaml"
    result = cli("set", "sleep", "--title", "Sleep, Revisited", "--published", "2024-06-02")
    assert result.exit_code == 0, result.stderr
    row = next(i for i in json.loads(cli("list", "--json").stdout) if i["slug"] == SLEEP)
    assert row["title"] == "Sleep, Revisited"
    assert row["published"] == "2024-06-02"
    before = note.read_bytes()
    for bad in (["--published", "2024-02-30"], ["--title", " "], ["--url", "javascript:x"], []):
        refused = cli("set", "sleep", *bad)
        assert refused.exit_code == 2, bad
        assert refused.stderr.count("\n") <= 4, refused.stderr
    assert note.read_bytes() == before
    assert cli("set", "sleep", "--guest", "A", "--guest", "B", "--url", "").exit_code == 0
    assert "guests:\n- A\n- B\n" in note.read_text()


def _fake_editor(tmp_path: Path, script: str) -> str:
    """An $EDITOR: a Python script given the file to edit as its last argument."""
    path = tmp_path / "editor.py"
    path.write_text(f"import sys, pathlib\nfile = pathlib.Path(sys.argv[-1])\n{script}\n")
    return f"{sys.executable} {path}"


def test_edit_saves_a_valid_note(cli, small_library: Path, tmp_path, monkeypatch) -> None:
    script = "file.write_text(file.read_text().replace('podcast: Huberman Lab', 'podcast: HL'))"
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, script))
    monkeypatch.delenv("VISUAL", raising=False)
    result = cli("edit", "sleep")
    assert result.exit_code == 0, result.stderr
    assert "saved" in result.stderr
    assert _slugs(cli, "--podcast", "HL") == [SLEEP]


def test_edit_reopens_an_invalid_note_then_gives_up(cli, small_library, tmp_path, monkeypatch):
    note = small_library / f"{SLEEP}.yaml"
    before = note.read_bytes()
    log = tmp_path / "opened.txt"
    # First save breaks the date; when reopened (with the problem on top) the person quits.
    script = (
        f"log = pathlib.Path({str(log)!r})\n"
        "text = file.read_text()\n"
        "log.write_text(log.read_text() + '---\\n' + text if log.exists() else text)\n"
        "if not text.startswith('# podnotes'):\n"
        "    file.write_text(text.replace('2024-05-01', '2024-02-30'))\n"
    )
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, script))
    monkeypatch.delenv("VISUAL", raising=False)
    result = cli("edit", "sleep")
    assert result.exit_code == 2
    assert note.read_bytes() == before  # never a broken file in the library
    reopened = log.read_text().split("---\n")[1]
    assert reopened.startswith("# podnotes: this note was NOT saved")
    assert "2024-02-30" in reopened.splitlines()[1]
    assert "left as it was" in result.stderr
    draft = Path(result.stderr.rsplit("your edit is in ", 1)[1].strip())
    assert "2024-02-30" in draft.read_text()  # the person's work is not lost
    draft.unlink()


def test_edit_fixed_on_the_second_try_is_saved_without_the_header(
    cli, small_library, tmp_path, monkeypatch
) -> None:
    note = small_library / f"{SLEEP}.yaml"
    script = (
        "text = file.read_text()\n"
        "if text.startswith('# podnotes'):\n"
        "    file.write_text(text.replace('2024-02-30', '2024-02-28'))\n"
        "else:\n"
        "    file.write_text(text.replace('2024-05-01', '2024-02-30'))\n"
    )
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, script))
    monkeypatch.delenv("VISUAL", raising=False)
    result = cli("edit", "sleep")
    assert result.exit_code == 0, result.stderr
    text = note.read_text()
    assert "published: '2024-02-28'" in text or "published: 2024-02-28" in text
    assert "# podnotes" not in text


def test_edit_unchanged_and_editor_failure(cli, small_library, tmp_path, monkeypatch) -> None:
    note = small_library / f"{SLEEP}.yaml"
    before = note.read_bytes()
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, "pass"))
    unchanged = cli("edit", "sleep")
    assert unchanged.exit_code == 0
    assert "unchanged" in unchanged.stderr
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, "file.write_text('x'); sys.exit(3)"))
    failed = cli("edit", "sleep")
    assert failed.exit_code == 2
    assert "status 3" in failed.stderr
    monkeypatch.setenv("EDITOR", "/no/such/editor")
    missing = cli("edit", "sleep")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("error: cannot run the editor")
    assert note.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_rm_in_a_read_only_library_is_one_line(cli, small_library: Path) -> None:
    small_library.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = cli("rm", "sleep")
    finally:
        small_library.chmod(0o755)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1


def test_adding_again_with_new_options_says_how_and_update_applies_them(cli, tmp_path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Matt Walker on sleep.\n(00:00:00) - Intro\n(00:05:00) - Caffeine\n")
    assert cli("add", str(page), "--title", "Why We Sleep").exit_code == 0
    again = cli("add", str(page), "--tag", "health", "--podcast", "Huberman Lab")
    assert again.exit_code == 0, again.stderr
    assert "unchanged" in again.stderr
    assert "--podcast, --tag differ from the stored note; add --update to apply them" in (
        again.stderr
    )
    assert json.loads(cli("list", "--json").stdout)[0]["tags"] == []
    updated = cli("add", str(page), "--tag", "health", "--podcast", "Huberman Lab", "--update")
    assert updated.exit_code == 0, updated.stderr
    assert "updated: why-we-sleep (--podcast, --tag)" in updated.stderr
    item = json.loads(cli("list", "--json").stdout)[0]
    assert (item["tags"], item["podcast"]) == (["health"], "Huberman Lab")
    same = cli("add", str(page), "--tag", "health", "--update")
    assert "differ" not in same.stderr
    assert "updated" not in same.stderr


def test_rm_never_removes_a_fuzzy_guess(cli, small_library: Path) -> None:
    result = cli("rm", "slep scince")  # show would take it; rm only suggests it
    assert result.exit_code == 2
    assert SLEEP in result.stderr
    assert (small_library / f"{SLEEP}.yaml").is_file()
