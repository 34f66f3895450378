"""The shape of the code the style guide asks for, kept by a test: thin commands, one reader
of numeric settings, Typer only in the CLI."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "podnotes"
MAX_COMMAND_LINES = 40


def _functions(path: Path) -> list[ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]


def test_every_command_function_is_at_most_40_lines() -> None:
    long = {
        f"{path.name}:{fn.name}": (fn.end_lineno or fn.lineno) - fn.lineno + 1
        for path in (SRC / "commands").glob("*.py")
        for fn in _functions(path)
        if fn.name.endswith("_cmd")
    }
    assert long, "no command functions found"
    assert {name: n for name, n in long.items() if n > MAX_COMMAND_LINES} == {}


def test_no_setting_is_converted_outside_settings() -> None:
    """A number read from the environment at import was a traceback for a bad value: every
    converted setting goes through settings.py (paths and program names may be read as text)."""
    converted = [
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if path.name != "settings.py"
        and any(
            f"{kind}(os.environ" in path.read_text(encoding="utf-8") for kind in ("float", "int")
        )
    ]
    assert converted == []


def test_only_settings_reads_the_environment() -> None:
    """Every variable podnotes reads is named and read in settings.py; handing the whole
    environment to a child process (a pager, a watcher) is not reading it."""
    reads = re.compile(r"\benviron\.get\(|\bgetenv\(|\benviron\[|\benviron\.setdefault\(")
    readers = [
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if path.name != "settings.py" and reads.search(path.read_text(encoding="utf-8"))
    ]
    assert readers == []


def test_typer_is_imported_only_by_the_cli_layer() -> None:
    outside = [
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if path.parent.name != "commands"
        and path.name != "cli.py"
        and any(
            isinstance(node, ast.Import | ast.ImportFrom)
            and any(
                (getattr(node, "module", None) or alias.name).split(".")[0] == "typer"
                for alias in node.names
            )
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]
    assert outside == []
