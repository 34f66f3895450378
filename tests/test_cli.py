"""The CLI through CliRunner: stdout, stderr and exit codes apart."""

from __future__ import annotations

import json
from pathlib import Path

from typer.core import TyperGroup

from podnotes.cli import app
from tests.conftest import DEMO_TITLE, SEED


def test_help_lists_every_command(cli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    for name in ("parse", "add", "list", "validate"):
        assert name in result.stdout


def test_every_command_has_help_and_is_in_the_readme(cli) -> None:
    import typer.main

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    context = typer.Context(group)
    names = group.list_commands(context)
    assert len(names) == 17
    for name in names:
        command = group.get_command(context, name)
        assert command is not None
        assert command.help, name
        assert f"podnotes {name}" in readme, name
        assert cli(name, "--help").exit_code == 0


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("podnotes ")


def test_parse_prints_yaml_without_import_time(cli) -> None:
    result = cli("parse", str(SEED))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("schema: podnotes/2\n")
    assert "imported" not in result.stdout
    assert cli("parse", str(SEED)).stdout == result.stdout  # same input, same bytes


def test_parse_reads_stdin(cli) -> None:
    result = cli("parse", "-", input=SEED.read_bytes())
    assert result.exit_code == 0
    assert "file: '-'" in result.stdout


def test_parse_writes_a_file_and_does_not_overwrite(cli, tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    assert cli("parse", str(SEED), "-o", str(target)).exit_code == 0
    assert target.read_text().startswith("schema:")
    again = cli("parse", str(SEED), "-o", str(target))
    assert again.exit_code == 2
    assert "--force" in again.stderr


def test_parse_errors_are_one_line_and_exit_2(cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    prose = tmp_path / "prose.txt"
    prose.write_text("just a sentence with nothing in it\n")
    for path, words in [
        (tmp_path / "missing.txt", "no such file"),
        (empty, "empty"),
        (binary, "binary"),
        (prose, "no episode notes recognised"),
    ]:
        result = cli("parse", str(path))
        assert result.exit_code == 2, path
        assert words in result.stderr
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
        assert result.stdout == ""


def test_parse_with_chapters_file(cli, tmp_path: Path) -> None:
    chapters = tmp_path / "chapters.json"
    chapters.write_text(
        json.dumps({"version": "1.2.0", "chapters": [{"startTime": 65, "title": "Intro"}]})
    )
    result = cli("parse", str(SEED), "--chapters", str(chapters))
    assert "chapters:\n- start: 65\n  title: Intro\n" in result.stdout
    chapters.write_text("{not json")
    bad = cli("parse", str(SEED), "--chapters", str(chapters))
    assert bad.exit_code == 2
    assert "invalid JSON" in bad.stderr


def test_parse_unknown_format_is_usage_error(cli) -> None:
    result = cli("parse", str(SEED), "--format", "docx")
    assert result.exit_code == 2
    assert "snipd-page" in result.stderr


def test_add_stores_with_metadata_and_says_so(cli, demo_library: Path) -> None:
    [path] = demo_library.glob("*.yaml")
    assert path.name == "sholto-douglas-trenton-bricken-how-to-build-understand-gpt-7s-mind.yaml"
    text = path.read_text()
    assert f"title: {DEMO_TITLE}\n" in text
    assert "guests:\n- Sholto Douglas\n- Trenton Bricken\n" in text


def test_add_same_input_again_changes_nothing(cli, demo_library: Path) -> None:
    [path] = demo_library.glob("*.yaml")
    before = path.read_bytes()
    result = cli("add", str(SEED))
    assert result.exit_code == 0
    assert "already in the library" in result.stderr
    assert path.read_bytes() == before


def test_add_never_overwrites_a_different_note(cli, demo_library: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(SEED.read_text() + "\nOne more line of notes.\n")
    result = cli("add", str(other), "--title", DEMO_TITLE)
    assert result.exit_code == 0
    assert "holds a different episode, which is kept" in result.stderr
    first = demo_library / "sholto-douglas-trenton-bricken-how-to-build-understand-gpt-7s-mind.yaml"
    second = first.with_name(first.stem + "-2.yaml")
    assert second.exists()
    assert "One more line of notes." not in first.read_text()
    other.write_text(SEED.read_text() + "\nYet another line.\n")
    forced = cli("add", str(other), "--title", DEMO_TITLE, "--force")
    assert forced.exit_code == 0
    assert "Yet another line." not in first.read_text()  # a different input: kept apart
    assert "Yet another line." in first.with_name(first.stem + "-3.yaml").read_text()


def test_add_folder_reports_bad_files_and_keeps_going(cli, notes_dir: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_bytes(SEED.read_bytes())
    (inbox / "bad.md").write_text("")
    (inbox / "ignored.pdf").write_text("x")
    result = cli("add", str(inbox))
    assert result.exit_code == 4  # ExitCode.PARTIAL: one stored, one failed
    assert "bad.md" in result.stderr
    assert "added" in result.stderr
    assert len(list(notes_dir.glob("*.yaml"))) == 1


def test_add_per_episode_options_need_one_input(cli, tmp_path: Path) -> None:
    result = cli("add", str(SEED), str(SEED), "--title", "T")
    assert result.exit_code == 2
    assert "--title" in result.stderr


def test_add_bad_date(cli) -> None:
    result = cli("add", str(SEED), "--date", "someday")
    assert result.exit_code == 2
    assert "--date" in result.stderr


def test_list_plain_and_json(cli, demo_library: Path) -> None:
    plain = cli("list")
    assert plain.exit_code == 0
    lines = plain.stdout.splitlines()
    assert lines[0].split()[:3] == ["SLUG", "TITLE", "PODCAST"]
    assert "Dwarkesh Podcast" in lines[1]
    assert "\x1b" not in plain.stdout
    data = json.loads(cli("list", "--json").stdout)
    assert data[0]["title"] == DEMO_TITLE
    assert data[0]["counts"] == {"takeaways": 6, "deep_dives": 11, "highlights": 0, "chapters": 0}


def test_list_empty_library_says_how_to_start(cli) -> None:
    result = cli("list")
    assert result.exit_code == 0
    assert "podnotes add" in result.stderr


def test_validate(cli, demo_library: Path) -> None:
    ok = cli("validate")
    assert ok.exit_code == 0
    assert "1 of 1 files valid" in ok.stderr
    (demo_library / "bad.yaml").write_text("schema: podnotes/1\ntitle: 12:34\n")
    bad = cli("validate")
    assert bad.exit_code == 3
    assert "bad.yaml: line 2: title: expected text" in bad.stdout
    one = cli("validate", str(demo_library / "bad.yaml"), "--json")
    assert json.loads(one.stdout)["valid"] == 0


def test_list_skips_a_broken_file_with_a_warning(cli, demo_library: Path) -> None:
    (demo_library / "broken.yaml").write_text("{{{{")
    result = cli("list")
    assert result.exit_code == 0
    assert "broken.yaml" in result.stderr
    assert "Dwarkesh Podcast" in result.stdout
