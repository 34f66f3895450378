"""Paging like git: output longer than the screen goes through $PODNOTES_PAGER, else $PAGER,
else `less -FRX`. Output is held back until it passes one screen, so short output never starts
a pager; when the pager quits early, writing stops at once.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
from collections.abc import Callable
from typing import TextIO

from podnotes import settings

DEFAULT = "less -FRX"
NO_PAGER = {"", "cat"}  # as git: an empty PAGER, or cat, means print directly


class PagerClosed(Exception):
    """The pager quit before reading everything: the person has seen enough."""


def pager_command() -> str | None:
    """The pager to run, or None to print directly."""
    value = settings.pager()
    if value is None:
        return DEFAULT
    return None if value.strip() in NO_PAGER else value


def missing_program(command: str) -> str | None:
    """The program a pager command names when it cannot be found, so we never start a shell
    that only says `not found`; None when it exists or the command is too complex to tell."""
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    while words and "=" in words[0] and not words[0].startswith("="):
        words = words[1:]  # VAR=value before the program
    if not words or any(c in command for c in ";|&$`()<>"):
        return None  # a shell pipeline or expression: the shell decides
    program = words[0]
    if "/" in program:
        return None if os.access(program, os.X_OK) else program
    return None if shutil.which(program) else program


class PagedStream:
    """A text stream for stdout on a terminal: holds output until it is taller than the screen,
    then starts the pager and writes through it."""

    def __init__(self, target: TextIO, command: str, notice: Callable[[str], None]) -> None:
        self.target = target
        self.command = command
        self.notice = notice
        self.height = shutil.get_terminal_size().lines
        self.held: list[str] = []
        self.lines = 0
        self.proc: subprocess.Popen[str] | None = None
        self.direct = False

    # what Rich and print() ask of a file
    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.target.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.target, "encoding", None) or "utf-8"

    def flush(self) -> None:
        if self.direct:
            self.target.flush()

    def write(self, text: str) -> int:
        if self.proc is not None:
            self._to_pager(text)
        elif self.direct:
            self.target.write(text)
        else:
            self.held.append(text)
            self.lines += text.count("\n")
            if self.lines >= self.height:
                self._start()
        return len(text)

    def _start(self) -> None:
        held, self.held = "".join(self.held), []
        missing = missing_program(self.command)
        if missing is None:
            env = {"LESS": "FRX", "LV": "-c", **os.environ}
            try:
                self.proc = subprocess.Popen(  # a pager command is shell, as in git
                    self.command,
                    shell=True,
                    stdin=subprocess.PIPE,
                    text=True,
                    encoding="utf-8",
                    errors="replace",
                    env=env,
                )
            except OSError as err:
                missing = f"{self.command} ({err.strerror})"
        if self.proc is None:
            self.notice(f"pager {missing} not found; printing directly (--no-pager to skip it)")
            self.direct = True
            self.target.write(held)
            return
        self._to_pager(held)

    def _to_pager(self, text: str) -> None:
        assert self.proc is not None
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(text)
        except (BrokenPipeError, ValueError):
            raise PagerClosed from None

    def finish(self) -> None:
        """Print what is held (it fits the screen), or let the pager finish and wait for it."""
        if self.proc is None:
            self.target.write("".join(self.held))
            self.held = []
            self.target.flush()
            return
        assert self.proc.stdin is not None
        with contextlib.suppress(BrokenPipeError, OSError, ValueError):
            self.proc.stdin.close()
        while True:
            try:
                self.proc.wait()
                return
            except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs, as in git
                continue
