"""Untrusted YAML and JSON: every value a tag cannot build is one line with its place, and a note
built to exhaust the loader is refused by counting, in bounded time and memory."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from podnotes.errors import PodnotesError, SchemaError
from podnotes.model import Episode
from podnotes.parse import parse_text
from podnotes.store import Library, prepare
from podnotes.yamlguard import MAX_NODES, too_large
from podnotes.yamlio import load, load_front_matter

HEAD = "schema: podnotes/1\ntitle: Tags\n"
BAD_VALUES = [
    ("!!int abc", "cannot read 'abc' as !!int"),
    ("!!bool maybe", "cannot read 'maybe' as !!bool"),
    ("!!int ''", "cannot read '' as !!int"),
    ("!!timestamp yesterday", "cannot read 'yesterday' as !!timestamp"),
    ("!!float x", "cannot read 'x' as !!float"),
    ("1" * 5000, "a number of 5,000 digits is too long to read (4,300 at most)"),
]


@pytest.mark.parametrize(("value", "message"), BAD_VALUES)
def test_a_value_its_tag_cannot_build_is_one_problem_with_its_line(
    value: str, message: str
) -> None:
    with pytest.raises(SchemaError) as caught:
        load(f"{HEAD}podcast: fine\nsummary: {value}\n", "bad.yaml")
    assert str(caught.value) == f"bad.yaml: line 4: {message}"


@pytest.mark.parametrize(("value", "message"), BAD_VALUES)
def test_every_command_reports_the_note_and_goes_on(
    value: str, message: str, cli, notes_dir: Path
) -> None:
    library = Library(notes_dir)
    library.save(Episode(title="Good one", summary="circuits"))
    (notes_dir / "bad.yaml").write_text(f"{HEAD}chapters:\n- start: {value}\n  title: x\n")
    for args in (
        ["list"],
        ["validate"],
        ["search", "circuits"],
        ["export", "--all", "-f", "json", "--out-dir", str(notes_dir.parent / "out")],
    ):
        result = cli(*args)
        assert "Traceback" not in result.stderr + result.stdout, args
        assert message in result.stderr + result.stdout, args
    assert cli("validate").exit_code == 3  # ExitCode.INVALID


@pytest.mark.parametrize(("value", "_message"), BAD_VALUES)
def test_imported_front_matter_drops_only_the_unreadable_value(value: str, _message: str) -> None:
    front = load_front_matter(f"title: Kept\nrating: {value}\npodcast: Also kept\n")
    assert front == {"title": "Kept", "podcast": "Also kept"}
    episode = parse_text(f"---\ntitle: Kept\ndate: {value}\n---\n## Summary\nFine.\n", name="x.md")
    assert episode.title == "Kept"


def test_chapters_json_with_a_huge_integer_is_one_line(cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Episode\n\n## Summary\n\nFine.\n")
    chapters = tmp_path / "chapters.json"
    chapters.write_text('{"chapters": [{"startTime": ' + "1" * 5000 + ', "title": "x"}]}')
    result = cli("parse", str(notes), "--chapters", str(chapters))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "chapters.json" in result.stderr


def test_problems_of_one_file_are_capped() -> None:
    text = HEAD + "takeaways:\n" + "- []\n" * 5000
    with pytest.raises(SchemaError) as caught:
        load(text, "many.yaml")
    assert len(caught.value.problems) == 21
    assert caught.value.problems[-1] == "and 4,980 more problems"
    assert len(str(caught.value)) < 2000


def test_size_is_counted_on_events_before_anything_is_built() -> None:
    assert too_large("a: 1\n") is None
    assert (
        too_large("x: [" + "[]," * (MAX_NODES + 1) + "]") == f"more than {MAX_NODES:,} YAML values"
    )
    assert too_large("- " * 100 + "x") is None  # short: libyaml's own depth limit applies
    deep = "a: " + "[" * 70 + "]" * 70 + "\n" + "# padding\n" * 20_000
    assert too_large(deep) == "line 1: nested more than 64 deep"


@pytest.mark.slow
def test_add_refuses_a_note_it_could_not_read_back() -> None:
    episode = Episode(title="Huge", takeaways=tuple(f"t{n}" for n in range(MAX_NODES)))
    with pytest.raises(PodnotesError, match="too large to store"):
        prepare(episode)


EXHAUST = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1024 * 1024 * 1024,) * 2)
folder = Path(sys.argv[1])
folder.mkdir()
head = "schema: podnotes/1\\ntitle: Bomb\\n"
(folder / "flat.yaml").write_text(head + "takeaways: [" + "[]," * 2_700_000 + "]\\n")
(folder / "lines.yaml").write_text(head + "takeaways:\\n" + "- []\\n" * 400_000)
(folder / "deep.yaml").write_text(head + "takeaways:\\n" + "- " * 300_000 + "x\\n")
from podnotes.cli import app
sys.argv = ["podnotes", "--notes-dir", str(folder), "validate"]
app()
"""


def test_a_note_of_nested_empty_lists_costs_a_count(tmp_path: Path) -> None:
    """8 MB of `[],` took 60 s and 2.1 GB, and printed a 33 MB line; bounded by a generous
    limit (1 GB of address space, 60 s), run as its own process."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(EXHAUST), str(tmp_path / "lib")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 3, result.stderr[-2000:]
    output = result.stdout + result.stderr
    assert len(output) < 5000
    assert output.count("more than 50,000 YAML values") >= 2
    assert "Traceback" not in output
    assert json.dumps(output)  # one report, printable
