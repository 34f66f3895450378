"""`podnotes index --watch`: a file-system watcher (Linux inotify) that keeps the index current
as notes change, so that commands can skip the full stat pass over every note.

While a watcher runs it holds an exclusive lock on `.podnotes/watch.lock`, whose text is a token
that it also stores in the index's meta table once its first full check is done. A command
trusts the index without stat'ing every file only when both agree and the lock is held: a
watcher that died (even by kill -9) releases the lock, and commands check files again. The
watcher writes in short transactions like every other writer, so killing it loses nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import select
import sqlite3
import struct
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from podnotes.errors import PodnotesError
from podnotes.index.db import FOLDER, index_path, write_transaction

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "watch.lock"
META_KEY = "watcher"
DEBOUNCE_SECONDS = 0.05
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


def vouched(root: Path, meta: dict[str, str]) -> bool:
    """Whether a live watcher has kept the index current since its own full check."""
    token = meta.get(META_KEY)
    if token is None or fcntl is None:
        return False
    try:
        fd = os.open(root / FOLDER / LOCK_NAME, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return os.pread(fd, 200, 0).decode("ascii", "replace") == token  # held: alive
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False  # nobody holds it: the watcher that wrote the token is gone
    finally:
        os.close(fd)


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
    """Keep the index current until interrupted, the folder goes, or `idle_exit` seconds pass
    without a change. `apply` re-checks some names, `full_check` every file."""
    with _watch_lock(root) as lock_fd:
        fd = _inotify(root)  # watching before the full check: nothing falls between the two
        try:
            full_check()
            token = f"{os.getpid()}-{time.time_ns()}"
            with write_transaction(conn):
                conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (META_KEY, token))
            os.ftruncate(lock_fd, 0)
            os.pwrite(lock_fd, token.encode("ascii"), 0)
            ready()
            _loop(fd, apply, full_check, idle_exit)
        finally:
            os.close(fd)


def _loop(
    fd: int,
    apply: Callable[[list[str]], None],
    full_check: Callable[[], None],
    idle_exit: float | None,
) -> None:
    pending: set[str] = set()
    last_change = time.monotonic()
    while True:
        wait = DEBOUNCE_SECONDS if pending else 1.0
        readable, _, _ = select.select([fd], [], [], wait)
        if readable:
            for mask, name in _events(os.read(fd, 1 << 16)):
                if mask & (_DELETE_SELF | _MOVE_SELF | _IGNORED):
                    return  # the notes folder itself went away
                if mask & _OVERFLOW:
                    pending.clear()
                    full_check()
                elif name.endswith(".yaml") and not name.startswith("."):
                    pending.add(name)
            last_change = time.monotonic()
            continue
        if pending:
            apply(sorted(pending))
            pending.clear()
        if idle_exit is not None and time.monotonic() - last_change > idle_exit:
            return
