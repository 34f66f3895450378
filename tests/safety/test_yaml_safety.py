"""Item 5: YAML safety. Python tags, other tags, billion-laughs anchors, duplicate keys and huge
scalars are refused or loaded as plain data, in bounded memory and time, and reported by
validate; nothing in a notes file is ever executed."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from podnotes.errors import SchemaError
from podnotes.parse import parse_text
from podnotes.store import Library
from podnotes.yamlio import load

HEAD = "schema: podnotes/1\ntitle: Safe\n"


def laughs(levels: int = 9) -> str:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, levels):
        lines.append(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def executed_marker(tmp_path: Path) -> tuple[str, Path]:
    marker = tmp_path / "pwned"
    return f"touch {marker}", marker


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!!python/module:os",
        "!<tag:yaml.org,2002:python/object/apply:os.system>",
        "!custom",
    ],
)
def test_code_tags_are_refused_never_run(tmp_path: Path, tag: str) -> None:
    command, marker = executed_marker(tmp_path)
    text = f"{HEAD}summary: {tag} ['{command}']\n"
    with pytest.raises(SchemaError, match="not valid YAML"):
        load(text, "evil.yaml")
    front = f"---\ntitle: {tag} ['{command}']\n---\n## Summary\nFine.\n"
    assert parse_text(front).title != ""
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("!!binary aGVsbG8=", "found bytes"),
        ("!!set {a, b}", "found set"),
        ("!!float 1", "a number"),
    ],
)
def test_other_tags_load_as_data_and_fail_the_schema(value: str, problem: str) -> None:
    with pytest.raises(SchemaError, match=problem):
        load(f"{HEAD}summary: {value}\n", "tags.yaml")


def test_billion_laughs_is_refused_in_bounded_memory() -> None:
    for text in (HEAD + laughs(), HEAD + laughs() + "takeaways: *l8\n", laughs() + HEAD):
        tracemalloc.start()
        with pytest.raises(SchemaError, match="aliases are not allowed"):
            load(text, "laughs.yaml")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < 20_000_000


def test_billion_laughs_in_markdown_front_matter_is_ignored() -> None:
    text = "---\n" + laughs() + "tags: *l8\ntitle: *l8\n---\n## Summary\nFine.\n"
    tracemalloc.start()
    episode = parse_text(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20_000_000
    assert episode.tags == ()
    assert episode.summary == "Fine."


def test_duplicate_keys_are_reported_with_their_line() -> None:
    text = HEAD + "summary: a\nsummary: b\ndeep_dives:\n- title: x\n  title: y\n"
    with pytest.raises(SchemaError) as caught:
        load(text, "dup.yaml")
    assert caught.value.problems == [
        "line 4: duplicate key 'summary'",
        "line 7: duplicate key 'title'",
    ]


def test_large_scalar_loads_as_data(tmp_path: Path) -> None:
    body = "word " * 1_000_000  # 5 MB in one scalar
    episode = load(f"{HEAD}summary: {body}\n", "big.yaml")
    assert episode.summary == body.strip()


def test_a_scalar_over_the_limit_is_refused_unread(notes_dir: Path) -> None:
    notes_dir.mkdir()
    huge = notes_dir / "huge.yaml"
    with huge.open("wb") as handle:
        handle.write(HEAD.encode() + b"summary: ")
        handle.truncate(50 * 1024 * 1024 + 10)  # sparse: cheap to make
    with pytest.raises(SchemaError, match="larger than 52,428,800 bytes"):
        Library(notes_dir).load(huge)


def test_validate_reports_every_kind(notes_dir: Path, tmp_path: Path, cli: object) -> None:
    command, marker = executed_marker(tmp_path)
    notes_dir.mkdir()
    files = {
        "code.yaml": f"{HEAD}summary: !!python/object/apply:os.system ['{command}']\n",
        "laughs.yaml": HEAD + laughs(),
        "dup.yaml": HEAD + "title: again\n",
        "tagged.yaml": HEAD + "summary: !!binary aGVsbG8=\n",
        "deep.yaml": HEAD + "tags: " + "[" * 20_000 + "\n",
    }
    for name, text in files.items():
        (notes_dir / name).write_text(text)
    result = cli("validate")  # type: ignore[operator]
    assert result.exit_code == 3  # ExitCode.INVALID
    for name in files:
        assert name in result.stdout
    assert "0 of 5 files valid" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not marker.exists()
