"""Issue 15: what a command sees of changes made outside podnotes, with real processes. A note
added, deleted or replaced by rename is seen by the very next command; one edited in place
(even with the folder's mtime put back) by every command that starts PODNOTES_INDEX_CHECK_SECONDS
(2 s by default, CHECK_SECONDS here) or more after the edit, with or without `index --watch`
(whose promise is the default 2 s). The watcher runs once per library, dies (even by kill -9)
without harm, and stops when idle if asked."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.safety.conftest import add_inputs, podnotes

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="inotify, POSIX signals")

CHECK_SECONDS = 0.5  # how often commands without a watcher look for edits in place, here
WATCHER_SECONDS = 2.0  # a watcher sees an edit by then (it may run niced on a busy machine)


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    return {**env, "PODNOTES_INDEX_CHECK_SECONDS": str(CHECK_SECONDS)}


@pytest.fixture
def library(notes_dir: Path, tmp_path: Path, env: dict[str, str]) -> Path:
    add_inputs(tmp_path / "inputs", 12, env)
    assert podnotes("search", "otters", env=env).returncode == 0  # the index exists
    return notes_dir


def finds(word: str, env: dict[str, str]) -> list[str]:
    result = podnotes("search", "--exact", "-i", word, "--json", env=env)
    assert result.returncode in (0, 1), result.stderr
    return sorted({hit["episode"] for hit in json.loads(result.stdout or "[]")})


def edit_in_place(path: Path, old: str, new: str) -> None:
    """What an editor that writes into the file does; the folder's mtime is put back too."""
    folder = path.parent.stat()
    text = path.read_text().replace(old, new)
    with path.open("r+") as handle:
        handle.write(text)
        handle.truncate()
    os.utime(path.parent, ns=(folder.st_atime_ns, folder.st_mtime_ns))


def replace_by_rename(path: Path, old: str, new: str) -> None:
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(path.read_text().replace(old, new))
    os.replace(temporary, path)


def check_every_kind_of_change(notes: Path, env: dict[str, str], promise: float) -> None:
    note = notes / "episode-3.yaml"
    edit_in_place(note, "Otters 3.", "Wombats 3.")
    time.sleep(promise + 0.1)
    assert finds("wombats", env) == ["episode-3"]

    replace_by_rename(notes / "episode-4.yaml", "Otters 4.", "Pangolins 4.")
    assert finds("pangolins", env) == ["episode-4"]  # at once

    (notes / "episode-5.yaml").unlink()
    assert "episode-5" not in finds("otters", env)

    added = (notes / "episode-6.yaml").read_text().replace("Otters 6.", "Narwhals 6.")
    added = added.replace("title: Episode 6", "title: Episode 6b")
    (notes / "copied-in.yaml").write_text(added)
    assert finds("narwhals", env) == ["copied-in"]

    listed = json.loads(podnotes("list", "--json", env=env).stdout)
    assert sorted(item["slug"] for item in listed) == sorted(p.stem for p in notes.glob("*.yaml"))


def test_changes_are_seen_without_a_watcher(library: Path, env: dict[str, str]) -> None:
    check_every_kind_of_change(library, env, CHECK_SECONDS)


def start_watcher(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "podnotes", "index", "--watch", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()  # "watching <folder>" once its first full check is done
    assert b"watching" in line, line
    return proc


def checked_at(env: dict[str, str]) -> str:
    status = json.loads(podnotes("index", "--status", "--json", env=env).stdout)
    return str(status["index"]["checked_at"])


def test_changes_are_seen_with_a_watcher_and_no_full_check(
    library: Path, env: dict[str, str]
) -> None:
    watcher = start_watcher(env)
    try:
        before = checked_at(env)
        time.sleep(CHECK_SECONDS + 0.1)  # past the interval: without a watcher, a full check
        check_every_kind_of_change(library, env, WATCHER_SECONDS)
        assert checked_at(env) == before  # the watcher vouched: nobody stat'ed every file
        again = podnotes("index", "--watch", env=env, timeout=30)
        assert again.returncode == 2
        assert b"already runs" in again.stderr
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)


def test_a_watcher_killed_mid_work_harms_nothing(library: Path, env: dict[str, str]) -> None:
    for round_ in range(3):
        watcher = start_watcher(env)
        for n in range(12):
            path = library / f"episode-{n}.yaml"
            old, new = ("Otters", "Beavers") if round_ % 2 == 0 else ("Beavers", "Otters")
            if path.exists():
                edit_in_place(path, old, new)
            time.sleep(0.01)
        watcher.send_signal(signal.SIGKILL)
        watcher.wait(timeout=30)
        time.sleep(CHECK_SECONDS + 0.1)  # no watcher vouches now: commands check every file
        word = "beavers" if round_ % 2 == 0 else "otters"
        assert len(finds(word, env)) == 12, round_
        listed = json.loads(podnotes("list", "--json", env=env).stdout)
        assert len(listed) == 12


def test_an_idle_watcher_stops_by_itself(library: Path, env: dict[str, str]) -> None:
    watcher = start_watcher(env, "--idle-exit", "1")
    assert watcher.wait(timeout=20) == 0


# --- PODNOTES_WATCH_SECONDS: commands start the watcher themselves ------------------------------


def watchers(notes: Path) -> list[int]:
    """The pids of live watcher processes for this library (found by their command line)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"--watch" in args and os.fsencode(notes) in args:
                found.append(int(entry.name))
    return found


def ready(notes: Path) -> bool:
    """Whether a watcher vouches for the index (its first full check is done)."""
    import sqlite3

    from podnotes.index.watch import State, state

    index = notes / ".podnotes" / "index.sqlite3"
    with contextlib.closing(sqlite3.connect(index)) as conn:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
    return state(notes, meta) is State.READY


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def keep_watcher(library: Path, env: dict[str, str]) -> Iterator[dict[str, str]]:
    """Commands that start a watcher kept 30 s; whatever watcher they started is killed after."""
    yield {**env, "PODNOTES_WATCH_SECONDS": "30", "PODNOTES_INDEX_CHECK_SECONDS": "0"}
    for pid in watchers(library):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
def test_commands_start_one_watcher_that_keeps_the_promise(
    library: Path, keep_watcher: dict[str, str]
) -> None:
    started = time.monotonic()
    racing = [
        subprocess.Popen(
            [sys.executable, "-m", "podnotes", "search", "otters"],
            env=keep_watcher,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(6)
    ]
    assert [proc.wait(timeout=60) for proc in racing] == [0] * 6
    assert time.monotonic() - started < 30  # none waited for the watcher it started
    assert wait_for(lambda: ready(library), 30)
    for _ in range(20):  # never two at once, however many commands raced to start one
        assert len(watchers(library)) == 1
        time.sleep(0.1)
    before = checked_at(keep_watcher)
    check_every_kind_of_change(library, keep_watcher, WATCHER_SECONDS)
    assert checked_at(keep_watcher) == before  # vouched for: no command stat'ed every file


@pytest.mark.slow
def test_a_started_watcher_killed_is_started_again(
    library: Path, keep_watcher: dict[str, str]
) -> None:
    from podnotes.index.watch import START_SECONDS

    assert podnotes("search", "otters", env=keep_watcher).returncode == 0
    assert wait_for(lambda: ready(library), 30)
    (first,) = watchers(library)
    os.kill(first, signal.SIGKILL)
    assert wait_for(lambda: not watchers(library), 10)
    edit_in_place(library / "episode-2.yaml", "Otters 2.", "Tapirs 2.")
    assert finds("tapirs", keep_watcher) == ["episode-2"]  # no watcher: this one checked all
    time.sleep(START_SECONDS)
    assert podnotes("search", "otters", env=keep_watcher).returncode == 0
    assert wait_for(lambda: ready(library), 30)
    assert first not in watchers(library)
    # one watcher stays; under load a search that ran while the new one was still importing may
    # have started a second, which finds the first holding the library and stops
    assert wait_for(lambda: len(watchers(library)) == 1, 10)


@pytest.mark.slow
def test_a_started_watcher_stays_while_used_and_stops_when_not(
    library: Path, env: dict[str, str]
) -> None:
    # 5 s idle: a command under a busy machine's load can itself take 2-3 s to start
    briefly = {**env, "PODNOTES_WATCH_SECONDS": "5", "PODNOTES_INDEX_CHECK_SECONDS": "0"}
    try:
        assert podnotes("search", "otters", env=briefly).returncode == 0
        assert wait_for(lambda: ready(library), 30)
        (pid,) = watchers(library)
        used_until = time.monotonic() + 7  # a command every second for longer than 5 s
        while time.monotonic() < used_until:
            time.sleep(1)
            assert podnotes("search", "otters", env=briefly).returncode == 0
            assert watchers(library) == [pid]
        assert wait_for(lambda: not watchers(library), 15)  # 5 s after the last command
    finally:
        for pid in watchers(library):
            os.kill(pid, signal.SIGKILL)


def test_without_the_setting_no_command_starts_a_watcher(
    library: Path, env: dict[str, str]
) -> None:
    due = {**env, "PODNOTES_INDEX_CHECK_SECONDS": "0"}
    for _ in range(3):
        assert podnotes("search", "otters", env=due).returncode == 0
    time.sleep(0.5)
    assert watchers(library) == []


CALLER = """
import os, sys, time
from pathlib import Path
from podnotes.index import watch
root = Path(sys.argv[1])
def running():
    return watch.state(root, {}) is not watch.State.NONE
def wait(condition):
    deadline = time.monotonic() + 30
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()
watch.start(root, 1)
print(wait(running), wait(lambda: not running()))  # started, then stopped when idle
time.sleep(0.5)
try:
    print(os.waitpid(-1, os.WNOHANG))  # a child left behind: the watcher, as a zombie
except ChildProcessError:
    print("no child")
"""


def test_a_long_running_caller_keeps_no_zombie_watcher(library: Path, env: dict[str, str]) -> None:
    """A Python program using the library starts watchers and lives on: each started watcher
    is no child of it, so none stays behind as a zombie when it stops."""
    caller = subprocess.run(
        [sys.executable, "-c", CALLER, str(library)],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert caller.returncode == 0, caller.stderr
    assert caller.stdout.split("\n")[:2] == ["True True", "no child"]
    assert watchers(library) == []
