"""Settings from the environment, read and validated in one place, when they are used: no
other module reads an environment variable (tests/test_layers.py checks).

Reading at run time (never at import) means a bad value is one line naming the variable, and
tests change a setting with `monkeypatch.setenv` like a user would.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path
from typing import NamedTuple

from podnotes.errors import PodnotesError

# The largest file podnotes reads, an input or a note: far above any episode's notes (a 4-hour
# transcript is about 300 KB), low enough that a wrong file is refused before it is read.
MAX_FILE_BYTES = 50 * 1024 * 1024


class SettingError(PodnotesError):
    """An environment variable podnotes reads holds a value it cannot use."""


class Seconds(NamedTuple):
    """A duration in seconds from an environment variable."""

    name: str
    default: float
    meaning: str

    def get(self) -> float:
        raw = os.environ.get(self.name, "").strip()
        if not raw:
            return self.default
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            raise SettingError(
                f"{self.name}={raw!r} is not a number of seconds (such as {self.default:g}): "
                f"it sets {self.meaning}"
            )
        return value


INDEX_CHECK = Seconds(
    "PODNOTES_INDEX_CHECK_SECONDS", 2.0, "how often the index looks for notes edited in place"
)
LOCK_WAIT = Seconds("PODNOTES_LOCK_SECONDS", 30.0, "how long to wait for the index's write lock")
WATCH = Seconds(
    "PODNOTES_WATCH_SECONDS",
    0.0,
    "how long a watcher that commands start keeps running after the last command "
    "(0, the default: commands start none)",
)
SECONDS = (INDEX_CHECK, LOCK_WAIT, WATCH)

# Text settings: a folder or a command, used as they are.
NOTES_DIR = "PODNOTES_DIR"  # read by Typer as --notes-dir's environment variable too
PAGERS = ("PODNOTES_PAGER", "PAGER")
EDITORS = ("VISUAL", "EDITOR")
NO_COLOR = "NO_COLOR"  # no-color.org: set and not empty turns colour off


def index_check_seconds() -> float:
    return INDEX_CHECK.get()


def lock_seconds() -> float:
    return LOCK_WAIT.get()


def watch_seconds() -> float:
    return WATCH.get()


def notes_dir() -> Path | None:
    """$PODNOTES_DIR when it is set and not empty."""
    value = os.environ.get(NOTES_DIR)
    return Path(value) if value else None


def notes_folder(option: Path | None = None) -> Path:
    """--notes-dir (`option`), then $PODNOTES_DIR, then ./notes when it exists, then the user
    data folder's (here, not in the store, so that a command's first step can find it cheaply)."""
    if option is not None:
        return option
    if (env := notes_dir()) is not None:
        return env
    local = Path("notes")
    if local.is_dir():
        return local
    return data_home() / "podnotes" / "notes"


def data_home() -> Path:
    """Where user data goes: %APPDATA% on Windows, the Application Support folder on macOS,
    else $XDG_DATA_HOME or ~/.local/share."""
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    if sys.platform == "darwin":
        return home / "Library" / "Application Support"
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")


def pager() -> str | None:
    """The first of $PODNOTES_PAGER and $PAGER that is set, even to nothing (git's rule:
    an empty pager means print directly); None when neither is."""
    for name in PAGERS:
        value = os.environ.get(name)
        if value is not None:
            return value
    return None


def editor() -> tuple[str, str] | None:
    """The first of $VISUAL and $EDITOR that holds a command, as (variable, command)."""
    for name in EDITORS:
        value = os.environ.get(name, "").strip()
        if value:
            return name, value
    return None


def no_color() -> bool:
    return bool(os.environ.get(NO_COLOR))


def check() -> None:
    """Validate every setting up front, so a bad one fails the command before it starts."""
    for setting in SECONDS:
        setting.get()
