"""`add -` and `parse -` on a terminal say they are reading standard input (a real pty)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

NOTES = b"Matt Walker on sleep.\n(00:00:00) - Intro\n(00:05:00) - Caffeine\n"


def _type_into(command: list[str], env: dict[str, str], typed: bytes) -> tuple[bytes, int]:
    """Run command on a terminal, wait for its first words, type `typed` then Ctrl-D."""
    main, secondary = pty.openpty()
    proc = subprocess.Popen(
        command, stdin=secondary, stdout=secondary, stderr=secondary, env=env, close_fds=True
    )
    os.close(secondary)
    seen = b""
    deadline = time.monotonic() + 60
    while b"Ctrl-D" not in seen and time.monotonic() < deadline:
        seen += os.read(main, 4096)
    os.write(main, typed + b"\x04")
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(main)
    return seen, proc.wait(timeout=60)


def test_add_from_a_terminal_says_it_reads_stdin(tmp_path: Path) -> None:
    env = {**os.environ, "PODNOTES_DIR": str(tmp_path / "lib"), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "podnotes", "add", "-", "--title", "Typed In"]
    seen, status = _type_into(command, env, NOTES)
    assert status == 0, seen
    assert b"reading notes from standard input; end with Ctrl-D" in seen
    assert (tmp_path / "lib" / "typed-in.yaml").is_file()


def test_piped_stdin_gets_no_prompt(tmp_path: Path) -> None:
    env = {**os.environ, "PODNOTES_DIR": str(tmp_path / "lib")}
    command = [sys.executable, "-m", "podnotes", "parse", "-"]
    done = subprocess.run(command, input=NOTES, capture_output=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert b"standard input" not in done.stderr
