"""Habits people bring from git, ripgrep and gh: suggestions, global options anywhere, help that
ends with examples."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.main
from typer.core import TyperGroup

from podnotes.cli import COMMANDS, app
from podnotes.commands.examples import EXAMPLES

SLEEP = "Matt Walker on why we sleep.\n(00:00:00) - Intro\n(00:05:00) - Adenosine and caffeine\n"


def test_a_mistyped_command_gets_a_suggestion(cli) -> None:
    result = cli("serach", "sleep")
    assert result.exit_code == 2
    assert "No such command 'serach'. Did you mean 'search'?" in result.stderr
    assert "Did you mean" not in cli("zzzzzz").stderr  # nothing near: no guess


def test_global_options_work_after_the_command(cli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    added = cli("add", "-", "--title", "Why We Sleep", "--notes-dir", str(elsewhere), input=SLEEP)
    assert added.exit_code == 0, added.stderr
    assert (elsewhere / "why-we-sleep.yaml").is_file()
    listed = cli("list", "--notes-dir", str(elsewhere), "--json")
    assert listed.exit_code == 0, listed.stderr
    assert '"why-we-sleep"' in listed.stdout
    assert cli("list", "--json").stdout.strip() == "[]"  # $PODNOTES_DIR is still the default
    before = cli("--notes-dir", str(elsewhere), "list", "--json")
    assert before.stdout == listed.stdout


def test_color_after_a_command_that_has_no_color_option_of_its_own(cli) -> None:
    result = cli("index", "--status", "--color", "never")
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout


def test_every_command_help_ends_with_examples(cli) -> None:
    for name in COMMANDS:
        result = cli(name, "--help")
        assert result.exit_code == 0, name
        tail = result.stdout.rstrip().splitlines()
        examples = EXAMPLES[name]
        assert 2 <= len(examples) <= 3, name
        assert [line.strip() for line in tail[-len(examples) :]] == list(examples), name
        assert tail[-len(examples) - 1].strip() == "Examples:", name
        usage = result.stdout.splitlines()[0]
        assert "{" not in usage, usage


def test_usage_lines_show_plain_metavars(cli) -> None:
    assert cli("search", "--help").stdout.startswith("Usage: root search [OPTIONS] QUERY")
    assert cli("add", "--help").stdout.startswith("Usage: root add [OPTIONS] SOURCE...")


def test_the_command_list_shows_whole_descriptions(cli) -> None:
    listing = cli("--help").stdout
    assert "...\n" not in listing.split("Commands:")[1]
    flat = " ".join(listing.split())
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    context = typer.Context(group)
    for name in COMMANDS:
        command = group.get_command(context, name)
        assert command is not None
        assert command.help is not None
        first = " ".join(command.help.split("\n\n")[0].split()).split(". ")[0]
        assert first in flat, name


def _plain(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_search_on_a_terminal_names_the_deep_dive_or_highlight(cli, small_library) -> None:
    result = cli("search", "temperature", "--color", "always")
    assert result.exit_code == 0, result.stderr
    assert "deep-dives › Circadian Rhythm Basics" in _plain(result.stdout)
    piped = cli("search", "temperature")  # plain output keeps its columns
    assert "›" not in piped.stdout


def test_show_shows_tags(cli, small_library) -> None:
    result = cli("show", "sleep", "--section", "takeaways")
    assert result.exit_code == 0, result.stderr
    assert "tags: health, sleep" in result.stdout


# What search, list and topics never need for a plain answer: the transcript readers and writer,
# the YAML layer, a partial date's calendar, and the pager when stdout is no terminal.
NOT_FOR_READING = {
    "podnotes.transcripts.write",
    "podnotes.transcripts.cues",
    "podnotes.transcripts.plaintext",
    "podnotes.yamlio",
    "calendar",
    "podnotes.render.pager",
}
_MODULES = """
import sys
from podnotes.cli import main
try:
    main()
except SystemExit:
    pass
print("MODULES", *sorted(sys.modules), file=sys.stderr)
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("argv", "also_not"),
    [(["search", "sleep"], {"rich"}), (["list"], set()), (["topics"], set())],
)
def test_reading_commands_import_only_what_they_use(
    cli, small_library: Path, argv: list[str], also_not: set[str]
) -> None:
    """Start-up is a feature (STYLE.md): a reading command's imports are most of its time.
    A search's plain hits do not import Rich: their text, the one column that is not ASCII,
    is the last, never measured."""
    assert cli(*argv).exit_code == 0  # the index is built (reading and writing notes) first
    run = subprocess.run(
        [sys.executable, "-c", _MODULES, *argv], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip()
    imported = set(run.stderr.rpartition("MODULES ")[2].split())
    assert "podnotes.app" in imported
    assert imported & (NOT_FOR_READING | also_not) == set()
