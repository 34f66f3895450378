"""Item 3: hostile text on screen. Rich markup, ANSI CSI/OSC sequences, BEL, backspaces and
carriage returns in notes print as visible, harmless text; checked on real output under a
pseudo-terminal, where Rich is on and the terminal would obey what it receives."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from podnotes.render import visible
from podnotes.store import Library
from tests.safety.conftest import FORBIDDEN, HOSTILE, hostile_episode, plain_episode
from tests.terminal import run_in_pty as run_pty

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

# What Rich itself sends for styles: SGR sequences only.
_SGR = re.compile(rb"\x1b\[[0-9;]*m")


def run_in_pty(args: list[str], env: dict[str, str]) -> bytes:
    return run_pty([sys.executable, "-m", "podnotes", *args], env, stdin_tty=False)


def assert_harmless(output: bytes, what: object) -> None:
    for sequence in FORBIDDEN:
        assert sequence not in output, (what, sequence, output[:2000])
    rest = _SGR.sub(b"", output)
    assert b"\x1b" not in rest, (what, rest[rest.index(b"\x1b") - 40 :][:200])
    # A carriage return only as the terminal's own CR LF line end.
    assert not re.search(rb"\r(?!\n)", rest), what
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", rest), what
    assert not re.search(rb"\xc2[\x80-\x9f]", rest), what


@pytest.fixture
def env(notes_dir: Path, tmp_path: Path) -> dict[str, str]:
    library = Library(notes_dir)
    library.save(hostile_episode())
    library.save(plain_episode(1))
    # A hostile file name too: it appears in the messages of add.
    source = tmp_path / "evil \x1b]0;name\x07 \x1b[2J.md"
    source.write_text(f"## Summary\n{HOSTILE}\n", encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "TERM"}}
    return {
        **base,
        "PODNOTES_DIR": str(notes_dir),
        "TERM": "xterm-256color",
        "COLUMNS": "120",
        "LINES": "5",
        "PAGER": "cat",
        "SOURCE": str(source),
    }


COMMANDS = [
    ["list"],
    ["takeaways"],
    ["takeaways", "hostile"],
    ["show", "hostile", "--no-pager"],
    ["show", "hostile"],  # longer than the 5-line terminal: through the pager
    ["show", "hostile", "--section", "highlights", "--section", "chapters"],
    ["chapters", "hostile"],
    ["topics"],
    ["search", "circuits"],
    ["search", "circuits", "--exact"],
    ["search", "circ.its", "--regex"],
    ["search", "circuits", "-c"],
    ["list", "--json"],
    ["show", "hostile", "--json"],
    ["search", "circuits", "--json"],
    ["export", "hostile"],
    ["export", "hostile", "--format", "json"],
    ["export", "hostile", "--format", "youtube"],
    ["export", "hostile", "--format", "yaml"],
    ["parse", "$SOURCE"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_escape_from_note_content_reaches_the_terminal(
    env: dict[str, str], args: list[str]
) -> None:
    output = run_in_pty([env["SOURCE"] if a == "$SOURCE" else a for a in args], env)
    assert b"Traceback" not in output, output.decode(errors="replace")
    assert_harmless(output, args)


@pytest.mark.parametrize("args", [["show", "hostile", "--no-pager"], ["takeaways"], ["list"]])
def test_markup_is_printed_as_text(env: dict[str, str], args: list[str]) -> None:
    """Rich markup in a note is shown literally, never interpreted as style or link."""
    wide = {"COLUMNS": "400"} if args == ["list"] else {}  # list cuts long titles to the width
    output = run_in_pty(args, {**env, **wide}).decode("utf-8", errors="replace")
    flat = re.sub(r"\x1b\[[0-9;]*m|\s", "", output)
    assert "[bold]b[/bold]" in flat
    assert "[link=file:///etc/passwd]" in flat
    assert "␛[38;5;201mpink" in flat  # the escape is shown as a picture, not obeyed


def test_messages_about_files_and_problems_are_harmless(env: dict[str, str]) -> None:
    """add names its input file and validate quotes the broken file: both stay visible text."""
    added = run_in_pty(["add", env["SOURCE"], "--title", f"Added {HOSTILE}"], env)
    assert b"added" in added
    assert_harmless(added, "add")
    broken = Path(env["PODNOTES_DIR"]) / "broken.yaml"
    broken.write_text(f"schema: podnotes/1\ntitle: x\n'{HOSTILE}': 1\n'{HOSTILE}': 2\n")
    for args in (["validate"], ["list"], ["show", "broken"]):
        output = run_in_pty(args, env)
        assert b"broken.yaml" in output, args
        assert_harmless(output, args)


@pytest.mark.parametrize("args", [["takeaways"], ["show", "hostile", "--no-pager"]])
def test_color_never_sends_no_colour(env: dict[str, str], args: list[str]) -> None:
    output = run_in_pty(["--color", "never", *args], env)
    assert not re.search(rb"\x1b\[[0-9;]*(3[0-8]|9[0-7])[;m]", output)
    assert_harmless(output, args)


def test_pipes_get_the_same_harmless_text(env: dict[str, str]) -> None:
    for args in (["list"], ["takeaways"], ["show", "hostile"], ["chapters", "hostile"]):
        piped = subprocess.run(
            [sys.executable, "-m", "podnotes", *args], env=env, capture_output=True, check=True
        )
        assert b"\x1b" not in piped.stdout
        assert_harmless(piped.stdout + piped.stderr, args)


def test_visible_maps_every_control_character() -> None:
    controls = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]]
    controls += [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
    shown = visible("".join(controls))
    assert not any(c in shown for c in controls)
    assert visible("tab\tand\nnewline") == "tab\tand\nnewline"
