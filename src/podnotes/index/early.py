"""The full check started first: a command that reads the index forks, before its own imports,
a child that stats every note (index.stamps.digest_of) and sends back the digest; the command's
refresh takes that digest instead of stat'ing every note itself, and a search asks its question
meanwhile (Index.settle).

On two cores the stat pass (about 0.3 s of CPU at 100,000 notes, from 20,000 notes split with a
second process) then runs beside the imports, the opening of the index and the question instead
of after them. The child is started from the command line alone (`start`), before the CLI parses
it: it finds the notes folder the way the CLI will, and says which folder (device, inode and
mtime) it looked at; a refresh uses its digest only for that same folder unchanged, and only as
the stat pass it would have made itself, so a wrong guess costs nothing but the child's work.

Safety: the child opens the index read-only to see whether a full check is due (not when the
last one is recent or a watcher runs), writes nothing but its answer to a pipe (a line, then the
folder's names and each note's ctime and inode number when it had to list them), and exits
when its pass is done; when the command is gone (killed, even by kill -9) its write fails and
it exits too. It never runs longer than one stat pass, and commands never wait for another's child.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from array import array
    from pathlib import Path

# Commands that always open the index and bring it up to date before answering (`show` and
# the like find an episode by its file name first, and may never open it).
READERS = frozenset({"search", "list", "topics"})
NOTES_OPTION = "--notes-dir"
_VALUED = frozenset({NOTES_OPTION, "--color"})  # the CLI's global options that take a value


class Answer(NamedTuple):
    """What the child found: when its pass started (ns), its digest (None: it vouches for
    nothing), and when it had to list the folder, the names it listed joined by "/" and each
    one's ctime and inode number (stamps.Pass)."""

    started: int
    digest: str | None
    listing: bytes | None
    numbers: tuple[array[int], array[int]] | None = None


class _Child:
    __slots__ = ("fd", "pid")

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd


_child: _Child | None = None


def guess(argv: Sequence[str]) -> tuple[str | None, str | None]:
    """(the command, the --notes-dir value) the CLI will most likely see in `argv`; a guess
    (Click has the last word), so it only decides whether to start a child, and where."""
    command = folder = None
    args = iter(argv)
    for arg in args:
        if arg == "--":
            break
        if arg.startswith(f"{NOTES_OPTION}="):
            folder = arg.partition("=")[2]
        elif arg in _VALUED:
            value = next(args, None)
            folder = value if arg == NOTES_OPTION else folder
        elif command is None and not arg.startswith("-"):
            command = arg
    return command, folder


def start(argv: Sequence[str]) -> None:
    """Fork the child for the command in `argv` when it reads the index (once a process)."""
    global _child
    command, folder = guess(argv)
    if _child is not None or command not in READERS or not hasattr(os, "fork"):
        return
    # What the child uses, and the command imports anyway: imported once, before the fork, so
    # that the child adds no work of its own but the check (on a busy machine, CPU is all).
    import contextlib  # noqa: F401
    import fcntl  # noqa: F401
    import sqlite3  # noqa: F401

    from podnotes import settings  # noqa: F401
    from podnotes.index import stamps  # noqa: F401

    try:
        read, write = os.pipe()
    except OSError:
        return
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return
    if pid == 0:  # pragma: no cover - the child (tests see what it sends, not its coverage)
        os.close(read)
        code = 1
        try:
            _check(folder, write)
            code = 0
        finally:
            os._exit(code)  # nothing of the command's may run in the child (atexit, buffers)
    os.close(write)
    _child = _Child(pid, read)


def _check(option: str | None, out: int) -> None:  # pragma: no cover - runs in the child
    """In the child: when a full check is due for the folder, stat every note, and write
    'device inode mtime_ns started_ns digest listed numbers' to `out` ('-' for no digest; the
    bytes of the names listed, -1 when it did not list; 1 when each one's ctime and inode
    number follow them), then those names joined by '/' (the command keeps them for the next
    ones) and numbers (with which it compares its rows without a pass of its own)."""
    import time
    from pathlib import Path

    from podnotes import settings
    from podnotes.index.stamps import RACY_NS, digest_of

    root = settings.notes_folder(Path(option) if option else None)
    folder = os.stat(root)
    due, listing = _due(root, folder.st_mtime_ns, settings.index_check_seconds())
    if not due:
        return
    started = time.time_ns()
    found = digest_of(root, started - RACY_NS, listing)
    seen = f"{folder.st_dev} {folder.st_ino} {folder.st_mtime_ns}"
    listed = -1 if found.listing is None else len(found.listing)
    numbers = int(found.numbers is not None)
    with os.fdopen(out, "wb") as answer:
        answer.write(f"{seen} {started} {found.digest or '-'} {listed} {numbers}\n".encode())
        if found.listing is not None:
            answer.write(found.listing)
        for column in found.numbers or ():
            answer.write(column.tobytes())


def _due(
    root: Path, folder_mtime: int, interval: float
) -> tuple[bool, bytes | None]:  # pragma: no cover - runs in the child
    """(whether the command will stat every note: the index exists, its last full check is
    `interval` old, and no watcher holds its lock (a watcher vouches for the index); the names
    the folder holds, when a command kept them at this folder mtime)."""
    import contextlib
    import sqlite3
    import time

    from podnotes.index.names import CHECKED_KEY, FILENAME, FOLDER, LOCK_NAME
    from podnotes.index.stamps import read_listing

    path = (root / FOLDER / FILENAME).absolute()
    if not path.is_file():
        return False, None  # the command builds the index, and reads every note doing so
    # mode=rw: never creates a file, and only reads here
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True)) as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (CHECKED_KEY,)).fetchone()
    if time.time() - float(row[0] if row else 0) < interval or held(root / FOLDER / LOCK_NAME):
        return False, None
    return True, read_listing(root, folder_mtime)


def held(path: Path) -> bool:
    """Whether a process holds the lock (index.watch's way of telling that a watcher runs);
    asking does not tell the watcher that it is used."""
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def running() -> bool:
    """Whether this process started a child whose answer it has not taken."""
    return _child is not None


def take(root: Path, *, wanted: bool = True) -> Answer | None:
    """The child's answer when this process started a child and it checked `root`; None
    otherwise. Waits for the child, unless its answer is not `wanted` (it then exits by itself,
    its write failing); once a process."""
    global _child
    child, _child = _child, None
    if child is None:
        return None
    if not wanted:
        os.close(child.fd)
        os.waitpid(child.pid, os.WNOHANG)  # reaped now if done, else when this process ends
        return None
    try:
        with os.fdopen(child.fd, "rb") as answer:
            head, rest = answer.readline(), answer.read()
    finally:
        os.waitpid(child.pid, 0)
    parts = head.decode("ascii", "replace").split()
    try:
        device, inode, mtime, started, listed, numbers = (int(parts[n]) for n in (0, 1, 2, 3, 5, 6))
        folder = os.stat(root)
    except (ValueError, IndexError, OSError):
        return None  # nothing due (or no answer): the command's refresh decides
    seen = (folder.st_dev, folder.st_ino, folder.st_mtime_ns)
    if len(parts) != 7 or seen != (device, inode, mtime):
        return None  # another folder, or one changed since the child looked
    digest = None if parts[4] == "-" else parts[4]
    if listed < 0:
        return Answer(started, digest, None)
    listing, rest = rest[:listed], rest[listed:]
    count = listing.count(b"/") + 1 if listing else 0
    if len(listing) != listed or not numbers or len(rest) != 16 * count:
        return Answer(started, digest, listing if len(listing) == listed else None)
    from array import array

    ctimes, inodes = array("q"), array("q")
    ctimes.frombytes(rest[: 8 * count])
    inodes.frombytes(rest[8 * count :])
    return Answer(started, digest, listing, (ctimes, inodes))
