"""Settings from the environment: read when used, each bad value one line naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from podnotes import settings
from podnotes.errors import ExitCode


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "inf"])
def test_a_bad_setting_is_one_line_for_every_command(
    cli, demo_library: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("PODNOTES_INDEX_CHECK_SECONDS", value)
    for command in (["list"], ["parse", "-"], ["validate"]):
        result = cli(*command, input="")
        assert result.exit_code == ExitCode.USAGE, command
        assert result.stderr.startswith(f"error: PODNOTES_INDEX_CHECK_SECONDS={value!r} is not")
        assert len(result.stderr.splitlines()) == 1


def test_settings_are_read_when_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PODNOTES_LOCK_SECONDS", raising=False)
    assert settings.lock_seconds() == 30.0
    monkeypatch.setenv("PODNOTES_LOCK_SECONDS", " 2.5 ")
    assert settings.lock_seconds() == 2.5
    monkeypatch.setenv("PODNOTES_LOCK_SECONDS", "")
    assert settings.lock_seconds() == 30.0
    monkeypatch.setenv("PODNOTES_LOCK_SECONDS", "soon")
    with pytest.raises(settings.SettingError, match="PODNOTES_LOCK_SECONDS='soon'"):
        settings.check()
