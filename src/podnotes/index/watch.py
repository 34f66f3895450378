"""`podnotes index --watch`: a file-system watcher (Linux inotify) that keeps the index current
as notes change, so that commands can skip the full stat pass over every note.

While a watcher runs it holds an exclusive lock on `.podnotes/watch.lock`, whose text is a token
that it also stores in the index's meta table once its first full check is done. A command
trusts the index without stat'ing every file only when both agree and the lock is held: a
watcher that died (even by kill -9) releases the lock, and commands check files again. The
watcher writes in short transactions like every other writer, so killing it loses nothing.

A command that relies on a watcher touches the lock file; a watcher with an idle time stops
that long after the last change or such command. With PODNOTES_WATCH_SECONDS set, a command
that finds no watcher starts one (`start`), git-fsmonitor style, and checks every file itself
until the new watcher's first full check is done.
"""

from __future__ import annotations

import contextlib
import os
import select
import sqlite3
import struct
import sys
import time
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path

from podnotes.errors import PodnotesError
from podnotes.index.db import index_path, write_transaction
from podnotes.index.names import FOLDER, LOCK_NAME
from podnotes.store import is_note_name

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

META_KEY = "watcher"
STARTED_KEY = "watcher_started"  # when a command last started a watcher
FAILED_KEY = "watcher_failed"  # when a watcher last found it could not watch
START_SECONDS = 5.0
FAILED_SECONDS = 60.0
DEBOUNCE_SECONDS = 0.05
LATEST_SECONDS = 0.5  # changes wait no longer than this for a quiet moment to be applied
NICE = 10  # the niceness of a watcher that a command starts
# inotify(7)
_MODIFY, _ATTRIB, _CLOSE_WRITE = 0x2, 0x4, 0x8
_MOVED_FROM, _MOVED_TO, _CREATE, _DELETE = 0x40, 0x80, 0x100, 0x200
_DELETE_SELF, _MOVE_SELF, _OVERFLOW, _IGNORED = 0x400, 0x800, 0x4000, 0x8000
_MASK = _MODIFY | _ATTRIB | _CLOSE_WRITE | _MOVED_FROM | _MOVED_TO | _CREATE | _DELETE
_MASK |= _DELETE_SELF | _MOVE_SELF
_CLOEXEC = 0o2000000
_EVENT = struct.Struct("iIII")


class WatchError(PodnotesError):
    """No watcher can run here (not Linux, another one runs, the folder is missing)."""


class State(Enum):
    NONE = "none"  # no watcher holds the lock
    STARTING = "starting"  # one holds it and has not finished its first full check
    READY = "ready"  # one has kept the index current since its full check


def state(root: Path, meta: dict[str, str]) -> State:
    """Whether a live watcher keeps this index current. A command relying on it says so by
    touching the lock file, which keeps a watcher with an idle time running."""
    if fcntl is None:
        return State.NONE
    try:
        fd = os.open(root / FOLDER / LOCK_NAME, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return State.NONE
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:  # held: a watcher is alive
            token = meta.get(META_KEY)
            if token is None or os.pread(fd, 200, 0).decode("ascii", "replace") != token:
                return State.STARTING
            with contextlib.suppress(OSError):
                os.utime(fd)
            return State.READY
        fcntl.flock(fd, fcntl.LOCK_UN)
        return State.NONE  # nobody holds it: any watcher that wrote a token is gone
    finally:
        os.close(fd)


def may_start(meta: dict[str, str], now: float) -> bool:
    """Whether a command may start a watcher: on Linux, not within START_SECONDS of another
    start (one may be on its way), nor within FAILED_SECONDS of one that could not watch."""
    if not sys.platform.startswith("linux") or fcntl is None:
        return False
    started = float(meta.get(STARTED_KEY, 0))
    failed = float(meta.get(FAILED_KEY, 0))
    return now - started >= START_SECONDS and now - failed >= FAILED_SECONDS


# The watcher is started through a shell that backgrounds it and exits at once: this process
# reaps the shell, and the watcher, orphaned, is reaped by init, so a long-running Python
# caller keeps no zombie per start. `nice` when there is one.
_DETACH = f'if command -v nice >/dev/null 2>&1; then nice -n {NICE} "$@" & else "$@" & fi'


def start(root: Path, keep_seconds: float) -> None:
    """Start `podnotes index --watch` for this library in the background: in a session of its
    own, at low priority (nice), with /dev/null for its standard files and no other file of
    this process, not a child of this one; it stops `keep_seconds` after the last change or
    command. A second one started at the same time finds the lock taken and stops.
    posix_spawn, not subprocess, whose import alone costs a command 13 ms."""
    args = [sys.executable, "-m", "podnotes", "--notes-dir", str(root), "index", "--watch"]
    args += ["--idle-exit", f"{keep_seconds:g}"]
    null = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
    actions = null + [(os.POSIX_SPAWN_CLOSE, fd) for fd in _inherited()]
    try:
        shell = os.posix_spawn(
            "/bin/sh", ["sh", "-c", _DETACH, "sh", *args], os.environ,
            file_actions=actions, setsid=True,
        )  # fmt: skip
    except OSError:  # no /bin/sh: the watcher is a child of this process
        os.posix_spawn(sys.executable, args, os.environ, file_actions=actions, setsid=True)
        return
    with contextlib.suppress(ChildProcessError):
        os.waitpid(shell, 0)  # the shell exits as soon as the watcher is on its way


def _inherited() -> list[int]:
    """This process's files beyond the standard three that a child would inherit."""
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return []
    found = []
    for fd in fds:
        with contextlib.suppress(OSError):
            if fd > 2 and os.get_inheritable(fd):
                found.append(fd)
    return found


@contextlib.contextmanager
def _watch_lock(root: Path) -> Iterator[int]:
    if fcntl is None:
        raise WatchError("index --watch needs a POSIX system")
    folder = index_path(root).parent
    folder.mkdir(exist_ok=True)
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        for _ in range(20):  # a command's quick shared check may hold it for a moment
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                time.sleep(0.05)
        else:
            raise WatchError(f"a watcher already runs for {root}")
        yield fd
    finally:
        os.close(fd)


def _inotify(root: Path) -> int:
    if not sys.platform.startswith("linux"):
        raise WatchError("index --watch uses inotify, which only Linux has")
    import ctypes  # here, not on top: every command imports this module, few watch
    import ctypes.util

    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    fd = int(libc.inotify_init1(_CLOEXEC))
    if fd < 0:
        raise WatchError(f"cannot watch {root}: {os.strerror(ctypes.get_errno())}")
    if libc.inotify_add_watch(fd, os.fsencode(root), _MASK) < 0:
        os.close(fd)
        raise WatchError(f"cannot watch {root}: {os.strerror(ctypes.get_errno())}")
    return fd


def _events(data: bytes) -> Iterator[tuple[int, str]]:
    offset = 0
    while offset + _EVENT.size <= len(data):
        _wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
        raw = data[offset + _EVENT.size : offset + _EVENT.size + length].rstrip(b"\0")
        offset += _EVENT.size + length
        yield mask, os.fsdecode(raw)


def watch(
    root: Path,
    conn: sqlite3.Connection,
    apply: Callable[[list[str]], None],
    full_check: Callable[[], None],
    *,
    idle_exit: float | None = None,
    ready: Callable[[], None] = lambda: None,
) -> None:
    """Keep the index current until interrupted, the folder or the index file goes, or
    `idle_exit` seconds pass without a change or a command relying on the watcher. `apply`
    re-checks some names, `full_check` every file."""
    with _watch_lock(root) as lock_fd:
        try:
            fd = _inotify(root)  # watching before the full check: nothing falls between the two
        except WatchError:
            with contextlib.suppress(sqlite3.Error), write_transaction(conn):
                conn.execute(
                    f"INSERT OR REPLACE INTO meta VALUES ('{FAILED_KEY}', ?)", (time.time(),)
                )
            raise
        try:
            use = _Use(root, lock_fd, idle_exit)
            full_check()
            token = f"{os.getpid()}-{time.time_ns()}"
            with write_transaction(conn):
                conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (META_KEY, token))
            os.ftruncate(lock_fd, 0)
            os.pwrite(lock_fd, token.encode("ascii"), 0)
            ready()
            _loop(fd, apply, full_check, use)
        finally:
            os.close(fd)


class _Use:
    """Whether the watcher is still of use: its index file is the one in place (not rebuilt
    under it), and a change or a command (touching the lock file) came within `idle_exit`."""

    def __init__(self, root: Path, lock_fd: int, idle_exit: float | None) -> None:
        self.root, self.lock_fd, self.idle_exit = root, lock_fd, idle_exit
        self.index = os.stat(index_path(root)).st_ino
        self.last_change = time.time()

    def changed(self) -> None:
        self.last_change = time.time()

    def wanted(self) -> bool:
        try:
            if os.stat(index_path(self.root)).st_ino != self.index:
                return False
            last_use = os.fstat(self.lock_fd).st_mtime
        except OSError:
            return False
        idle = time.time() - max(self.last_change, last_use)
        return self.idle_exit is None or idle <= self.idle_exit


def _loop(
    fd: int,
    apply: Callable[[list[str]], None],
    full_check: Callable[[], None],
    use: _Use,
) -> None:
    pending: set[str] = set()
    since = 0.0  # when the oldest pending change came
    while True:
        if pending and time.monotonic() - since > LATEST_SECONDS:
            # changes keep coming: apply what there is, do not wait for quiet
            readable: list[int] = []
        else:
            wait = DEBOUNCE_SECONDS if pending else 1.0
            readable, _, _ = select.select([fd], [], [], wait)
        if readable:
            for mask, name in _events(os.read(fd, 1 << 16)):
                if mask & (_DELETE_SELF | _MOVE_SELF | _IGNORED):
                    return  # the notes folder itself went away
                if mask & _OVERFLOW:
                    pending.clear()
                    full_check()
                elif is_note_name(name) and not name.startswith("."):
                    since = since if pending else time.monotonic()
                    pending.add(name)
            use.changed()
            continue
        if pending:
            apply(sorted(pending))
            pending.clear()
        if not use.wanted():
            return
