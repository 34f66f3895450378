"""Running podnotes under a real pseudo-terminal, for the tests that need one."""

from __future__ import annotations

import os
import pty
import subprocess


def run_in_pty(command: list[str], env: dict[str, str], *, stdin_tty: bool = True) -> bytes:
    """Everything the command writes to its terminal (stdout and stderr, as a user sees them).

    With `stdin_tty` false, stdin is /dev/null, so nothing decides to page or prompt."""
    return run_in_pty_status(command, env, stdin_tty=stdin_tty)[0]


def run_in_pty_status(
    command: list[str], env: dict[str, str], *, stdin_tty: bool = True
) -> tuple[bytes, int]:
    """What `run_in_pty` returns, and the command's exit status."""
    main, secondary = pty.openpty()
    proc = subprocess.Popen(
        command,
        stdin=secondary if stdin_tty else subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
        env=env,
        close_fds=True,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    status = proc.wait(timeout=60)
    os.close(main)
    return b"".join(chunks), status
