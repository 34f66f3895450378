"""Errors and exit codes: one line for every failure, a named and distinct code for each."""

from __future__ import annotations

from enum import unique
from pathlib import Path

import pytest

from podnotes.errors import ExitCode


def test_exit_codes_are_distinct() -> None:
    assert unique(ExitCode) is ExitCode
    assert len({int(code) for code in ExitCode}) == len(ExitCode)


def test_an_unexpected_error_is_one_line_with_its_own_code(
    cli, demo_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object) -> None:
        raise RuntimeError("the disk\nis on fire")

    monkeypatch.setattr("podnotes.app.Library.index", broken)
    assert cli("show", "sholto").exit_code == 0  # a slug prefix needs no index
    result = cli("list")
    assert result.exit_code == ExitCode.INTERNAL
    assert result.stderr == (
        "error: internal error: RuntimeError: the disk is on fire; "
        "run again with --debug for details\n"
    )
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(
    cli, demo_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object) -> None:
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr("podnotes.app.Library.index", broken)
    for args in (["--debug", "list"], ["list", "--debug"]):
        result = cli(*args)
        assert isinstance(result.exception, RuntimeError), args
        assert "internal error" not in result.stderr


def test_usage_errors_are_still_usage_errors(cli) -> None:
    result = cli("search")
    assert result.exit_code == ExitCode.USAGE
    assert "internal error" not in result.stderr
