"""Colour is on for a terminal and off for a pipe: checked on a real pseudo-terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.terminal import run_in_pty

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


@pytest.fixture
def env(small_library: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "TERM"}}
    return {**env, "PODNOTES_DIR": str(small_library), "TERM": "xterm-256color", "COLUMNS": "100"}


def test_colour_on_a_terminal_off_in_a_pipe(env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "podnotes", "takeaways"]
    on_tty = run_in_pty(command, env)
    assert b"\x1b[" in on_tty
    piped = subprocess.run(command, env=env, capture_output=True, check=True).stdout
    assert b"\x1b" not in piped
    no_color = run_in_pty(command, {**env, "NO_COLOR": "1"})
    assert re.search(rb"\x1b\[[0-9;]*(3[0-8]|9[0-7])[;m]", on_tty)  # a foreground colour
    assert not re.search(rb"\x1b\[[0-9;]*(3[0-8]|9[0-7])[;m]", no_color)


def test_no_escape_from_note_content_reaches_the_terminal(env: dict[str, str]) -> None:
    for args in (["show", "hostile", "--no-pager"], ["takeaways"], ["list"], ["search", "circuit"]):
        output = run_in_pty([sys.executable, "-m", "podnotes", *args], env)
        assert b"\x1b[2J" not in output, args
        assert b"\x1b]0;" not in output, args
        assert b"\x07" not in output, args


def test_show_pages_long_output_on_a_terminal(env: dict[str, str]) -> None:
    paging = {**env, "PAGER": "echo PAGED; cat", "LINES": "10"}
    command = [sys.executable, "-m", "podnotes", "show", "sholto"]
    assert b"PAGED" in run_in_pty(command, paging)
    assert b"PAGED" not in run_in_pty([*command, "--no-pager"], paging)
    assert b"PAGED" not in run_in_pty(
        [*command, "--section", "takeaways"], {**paging, "LINES": "60"}
    )


def test_color_never_on_a_terminal_sends_no_escape_at_all(env: dict[str, str]) -> None:
    output = run_in_pty([sys.executable, "-m", "podnotes", "--color", "never", "takeaways"], env)
    assert b"\x1b" not in output
    assert "┌".encode() in output  # still a table: only the colour is off
