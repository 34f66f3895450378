"""What the notes folder holds, by stat: the passes that tell the index what changed.

The full pass (a stat of every note) is what a command pays, without a watcher, to see notes
edited in place. Two ways of making it, one digest:
- `scan`, in the command's own process: each note's name and numbers, for comparing rows;
  names from the kept listing (`read_listing`) while the folder's mtime holds, else from one
  `scandir` (names and inode numbers), one `lstat` each relative to the folder's descriptor;
- `digest_of`, in index.early's child: only the digest, as fast as Python allows (one C loop
  of `os.lstat` inside the folder, the pass shared with a second process by parts).
The index keeps the digest of the last pass after which its rows agreed with the folder; a pass
that gives the same digest reads no rows (at 100,000 notes, reading the rows' stats costs about
half the stat pass), and one that differs in a few parts, the rows of those parts only.

Why a digest that matches means nothing changed: every change to a note in place moves its
ctime, which no program can set (only the system clock stepped back can give an old time
again): a write, a truncate, a chmod or utime. A file put in a note's place (created, linked or
renamed there) moves the folder's mtime, and a full check of a folder whose mtime moved since
the last command compares the rows, inode numbers included, whatever the digest says
(index.sync). So the digest covers the names and each note's ctime, and nothing else: one
number a note to convert, not five.

Names are listed in inode order, and a kept listing keeps that order: stat'ing in the order the
file system keeps its inodes cost 5-10 % less than in directory order at 100,000 notes (the
inodes' memory is walked in order, and their blocks, when not cached, read in order). Only the
fallback without a folder descriptor (`_stat_all_by_path`, which gives no digest) keeps the
directory's order.
"""

from __future__ import annotations

import contextlib
import gc
import os
import stat as stat_module
import struct
from array import array
from collections.abc import Iterator, Sequence
from itertools import chain, pairwise
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, NamedTuple, overload

from podnotes.index.names import FOLDER, LISTING_NAME

# store.SUFFIX (a test keeps them equal), not imported: a command's early check (index.early)
# imports this module first, and the store's imports would delay its stat pass
SUFFIX = ".yaml"

Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
# A folder or file changed this close to the moment it was looked at may change again within
# the same tick of the file system's clock without its mtime moving: it is looked at again.
RACY_NS = 100_000_000
# A file system that keeps whole seconds (HFS+; FAT keeps even ones) leaves a file changed again
# within that second with the time it had: a time in whole seconds (a one-in-a-billion chance
# elsewhere) stays too recent this much longer.
WHOLE_SECONDS_NS = 2_000_000_000
_WIDTH = 5  # numbers kept per name: size, mtime_ns, ctime_ns, inode, mode
_CTIME = 2  # of those, the one the digest covers
_NUMBERS = attrgetter("st_size", "st_mtime_ns", "st_ctime_ns", "st_ino", "st_mode")  # of a stat
SPLIT_FROM = 20_000  # notes from which the early child's pass uses a second process


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """No cycle collection while many small objects with no cycles are made (stat results,
    rows, parsed notes): each collection would look through them all again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def racy(stamp_ns: int, racy_from_ns: int) -> bool:
    """Whether a time stamp is too recent to vouch for what it dates: `racy_from_ns` or later,
    or, in whole seconds, WHOLE_SECONDS_NS before that."""
    if stamp_ns % 1_000_000_000 == 0:
        racy_from_ns -= WHOLE_SECONDS_NS
    return stamp_ns >= racy_from_ns


class Stamps(NamedTuple):
    """Each note's name and its numbers (`_WIDTH` per name, in the same order), and the digest
    of the names and ctimes, or None when it vouches for nothing: a note changed too recently
    to be sure of (racy), or a number does not fit 64 bits. `listing` is the names joined by "/"
    (as the file system's bytes) when the folder was listed for this pass (None when a kept
    listing held)."""

    names: list[str]
    numbers: Sequence[int]
    digest: str | None
    listing: bytes | None = None

    def stats(self) -> dict[str, Stat]:
        """The stat of each regular file (a folder or link named like a note is no note)."""
        found = {}
        numbers = self.numbers
        for i, name in enumerate(self.names):
            size, mtime, ctime, inode, mode = numbers[i * _WIDTH : (i + 1) * _WIDTH]
            if stat_module.S_ISREG(mode):
                found[name] = (size, mtime, ctime, inode)
        return found


def _is_note(name: str) -> bool:
    return name.endswith(SUFFIX) and not name.startswith(".") and _is_text(name)


def _is_text(name: str | bytes) -> bool:
    """Whether a file name is UTF-8, as a note's must be (store.is_note_name): the index keeps
    names as text, and a name the file system holds in another encoding is no note."""
    if name.isascii():
        return True
    try:
        name.encode() if isinstance(name, str) else name.decode()
    except UnicodeError:
        return False
    return True


@overload
def _note_names(folder: int) -> list[tuple[int, str]]: ...
@overload
def _note_names(folder: bytes) -> list[tuple[int, bytes]]: ...
def _note_names(folder: int | bytes) -> list[tuple[int, Any]]:
    """The inode number and name of each note in `folder` (a descriptor: names as str; a path
    as bytes: names as bytes), in inode order (see above); hard links to one file in the
    folder's order, so that a listing as str and one as bytes agree."""
    by_fd = isinstance(folder, int)
    suffix: Any = SUFFIX if by_fd else SUFFIX.encode()
    dot: Any = "." if by_fd else b"."
    with os.scandir(folder) as entries:
        return sorted(
            (
                (e.inode(), e.name)
                for e in entries
                if e.name.endswith(suffix) and e.name[:1] != dot and _is_text(e.name)
            ),
            key=itemgetter(0),
        )


def scan(root: Path, racy_from_ns: int, *, listing: bytes | None = None) -> Stamps:
    """Every note's name and lstat, in inode order (or the listing's); the digest is None when
    a note's ctime is `racy_from_ns` or later.

    A `listing` (the names the folder held at its current mtime, joined by "/", as the index
    keeps them) saves listing the folder, a fifth of the pass at 100,000 notes; when a name of
    it is gone, the folder's mtime was put back after a change, and the folder is listed."""
    with no_collection():  # 100,000 short-lived stat results
        given = None if listing is None else os.fsdecode(listing).split("/") if listing else []
        found = _stat_all(root, given)
        if found is not None and given is not None and len(found[0]) != len(given):
            listing = given = None
            found = _stat_all(root, None)
    if found is None:  # the folder could not be read: no listing, and no digest of "no notes"
        return Stamps([], [], None)
    names, numbers = found
    # the names as the file system has them, joined: the listing's own when no name is gone
    joined = os.fsencode("/".join(names)) if listing is None else listing
    if not isinstance(numbers, array):
        return Stamps(names, numbers, None, joined if given is None else None)
    digest = _digest(numbers[_CTIME::_WIDTH], joined, racy_from_ns)
    return Stamps(names, numbers, digest, joined if given is None else None)


def _digest(ctimes: array[int], joined: bytes, racy_from_ns: int) -> str | None:
    """The digest of the names joined by "/" and of each note's ctime (in the names' order),
    or None when a note's ctime is `racy_from_ns` or later: the kernel sets the ctime at every
    change (an mtime may be set to any time, and setting it moves the ctime), so it alone tells
    a change too recent. The digest is the names' hash followed by each part's (`_spans`): two
    processes can each hash the parts they stat'ed (`_split_digest`), and two digests of one
    listing tell which parts differ (`changed_parts`)."""
    # the latest ctime decides (racy): one file system keeps all its times to one precision,
    # so the latest is in whole seconds when any is, but for a one-in-a-billion coincidence
    if ctimes and racy(max(ctimes), racy_from_ns):
        return None
    from hashlib import sha256  # OpenSSL's, with SHA-NI; loading it costs every command 2 ms

    hashes = [sha256(joined).digest()]
    view, first = memoryview(ctimes), 0
    for start, end in _spans(joined):
        last = first + joined.count(b"/", start, end) + 1
        hashes.append(sha256(view[first:last]).digest())
        first = last
    return b"".join(hashes).hex()


def changed_parts(kept: str, digest: str, listing: bytes) -> list[str] | None:
    """The names of the parts of `listing` whose ctimes differ between two digests of it (the
    rest are as they were: their rows agree), or None when the digests are not both of this
    listing, and cannot be compared part by part."""
    from hashlib import sha256

    spans = _spans(listing)
    size = len(digest)
    if len(kept) != size or size != _HASH_HEX * (len(spans) + 1):
        return None
    if not kept[:_HASH_HEX] == digest[:_HASH_HEX] == sha256(listing).hexdigest():
        return None
    names: list[str] = []
    for part, (start, end) in enumerate(spans, start=1):
        at = slice(part * _HASH_HEX, (part + 1) * _HASH_HEX)
        if kept[at] != digest[at]:
            names += os.fsdecode(listing[start:end]).split("/")
    return names


class Pass(NamedTuple):
    """What `digest_of` found: the digest `scan` gives (None when it vouches for nothing); and
    when it had to list the folder, the names joined by "/", and (each note's ctime, each
    one's inode number) in their order (None when a note could not be stat'ed), with which
    the command compares every row without a pass of its own (index.sync)."""

    digest: str | None
    listing: bytes | None = None
    numbers: tuple[array[int], array[int]] | None = None


def digest_of(root: Path, racy_from_ns: int, listing: bytes | None) -> Pass:
    """The digest of the notes' names and ctimes, made as fast as Python allows, for a process
    of its own (index.early's child): it changes its working folder to `root`, and from
    SPLIT_FROM notes on, a process it forks shares the pass with it, on the other core
    (`_split_digest`). Without a `listing` it lists the folder, and stats every note itself
    (the numbers are then wanted too). The digest is None when it vouches for nothing (a name
    gone since the listing, a change too recent, a number over 64 bits): the command then
    checks every note itself."""
    import hashlib  # noqa: F401 - before leaving the working folder: an import may look there

    try:
        os.chdir(root)  # names relative to the folder, stat'ed without a keyword argument each
        found = None if listing is not None else _note_names(b".")
    except OSError:
        return Pass(None)
    try:
        with no_collection():  # 100,000 short-lived stat results
            return _pass(found, listing, racy_from_ns)
    except (OSError, OverflowError):
        return Pass(None)


def _pass(found: list[tuple[int, bytes]] | None, listing: bytes | None, racy_from_ns: int) -> Pass:
    """digest_of's pass, in the notes folder: of the `listing`, else of the names `found`."""
    if listing is not None:  # names as bytes: nothing decoded, nothing encoded again
        if listing.count(b"/") >= SPLIT_FROM:
            return Pass(_split_digest(listing, racy_from_ns)[0])
        return Pass(_digest(_ctimes(listing), listing, racy_from_ns))
    listed = b"/".join(name for _, name in found or ())
    try:
        if listed.count(b"/") >= SPLIT_FROM:
            digest, both = _split_digest(listed, racy_from_ns, numbers=True)
        else:
            both = _ctimes_and_inodes(listed)
            digest = _digest(both[0::2], listed, racy_from_ns)
    except (OSError, OverflowError):
        return Pass(None, listed)
    numbers = None if both is None else (both[0::2], both[1::2])
    return Pass(digest, listed, numbers)


def _ctimes(names: bytes) -> array[int]:
    """Each note's ctime, for the names joined by "/" in the working folder, in one loop of
    C; a name gone raises OSError, a time past 2262 OverflowError."""
    if not names:
        return array("q")
    return array("q", map(attrgetter("st_ctime_ns"), map(os.lstat, names.split(b"/"))))


def _ctimes_and_inodes(names: bytes) -> array[int]:
    """Each note's ctime and inode number, in turn, as `_ctimes` (the inode number from the
    stat: a listing's may differ on some file systems, overlayfs among them)."""
    if not names:
        return array("q")
    numbers = map(attrgetter("st_ctime_ns", "st_ino"), map(os.lstat, names.split(b"/")))
    return array("q", chain.from_iterable(numbers))


def _split_digest(
    listing: bytes, racy_from_ns: int, *, numbers: bool = False
) -> tuple[str | None, array[int] | None]:
    """(`_digest` of the listing's notes, with `numbers` each one's ctime and inode number in
    turn, as `_ctimes_and_inodes`), stat'ed and hashed by this process and a forked one, which
    take its parts (`_spans`) in turn from a pipe (one byte each: a read takes one, for one
    process only) until none is left, so that neither waits long for the other whatever else
    the cores are doing; the forked one then sends each of its parts' hash, latest ctime and
    numbers (nothing when it failed)."""
    from hashlib import sha256  # before the fork: both processes hash

    spans = _spans(listing)
    tasks, queue = os.pipe()
    os.write(queue, bytes(range(len(spans))))  # far less than a pipe holds
    os.close(queue)
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        pid = -1
    if pid == 0:  # pragma: no cover - the forked process
        os.close(read)
        try:
            done = _take_parts(tasks, listing, spans, numbers=numbers)
            with os.fdopen(write, "wb") as out:
                for part, (hashed, latest, data) in done.items():
                    out.write(_PART.pack(part, hashed, latest, len(data)) + data)
        finally:
            os._exit(0)  # nothing of the caller's may run here (atexit, buffers)
    os.close(write)
    answer = os.fdopen(read, "rb")
    try:
        names = sha256(listing).digest()  # while the other process takes its parts
        done = _take_parts(tasks, listing, spans, numbers=numbers)
        data = answer.read()
    finally:
        answer.close()  # first: a process still writing to it stops (broken pipe), never hangs
        os.close(tasks)
        if pid > 0:
            os.waitpid(pid, 0)
    at = 0
    while at + _PART.size <= len(data):  # a record cut short: that part is missing
        part, hashed, latest, size = _PART.unpack_from(data, at)
        at += _PART.size + size
        if at <= len(data):
            done[part] = (hashed, latest, data[at - size : at])
    if len(done) != len(spans):
        return None, None  # the other process failed
    both = None
    if numbers:
        both = array("q")
        both.frombytes(b"".join(done[part][2] for part in range(len(spans))))
    if done and racy(max(latest for _, latest, _ in done.values()), racy_from_ns):  # as _digest
        return None, both
    return b"".join([names, *(done[part][0] for part in range(len(spans)))]).hex(), both


PARTS = 64  # the parts a listing is hashed by, and two processes share: each 1/64 of the pass
_HASH_HEX = 64  # a SHA-256 in hex: a digest is one for the names, then one for each part
# a part's number, its ctimes' hash, its latest ctime, the size of its numbers that follow
_PART = struct.Struct("<B32sqI")


def _spans(listing: bytes) -> list[tuple[int, int]]:
    """Where the listing's PARTS parts (fewer when it is short) start and end: cut at names."""
    if not listing:
        return []
    cuts = [0]
    for n in range(1, PARTS):
        cut = listing.find(b"/", max(cuts[-1], len(listing) * n // PARTS))
        if cut < 0:
            break
        cuts.append(cut + 1)
    return [(start, end - 1) for start, end in pairwise([*cuts, len(listing) + 1])]


def _take_parts(
    tasks: int, listing: bytes, spans: list[tuple[int, int]], *, numbers: bool = False
) -> dict[int, tuple[bytes, int, bytes]]:
    """(the hash of its ctimes, its latest ctime, with `numbers` its notes' ctimes and inode
    numbers in turn) of each part this process took from the `tasks` pipe, until it is
    empty."""
    from hashlib import sha256  # imported by _split_digest already

    done = {}
    while taken := os.read(tasks, 1):
        names = listing[slice(*spans[taken[0]])]
        both = _ctimes_and_inodes(names) if numbers else None
        ctimes = _ctimes(names) if both is None else both[0::2]
        data = b"" if both is None else both.tobytes()
        done[taken[0]] = (sha256(ctimes).digest(), max(ctimes, default=0), data)
    return done


def _stat_all(root: Path, listing: list[str] | None) -> tuple[list[str], Sequence[int]] | None:
    """(names, numbers), or None when the folder cannot be opened or listed (missing, not
    readable: nothing to vouch for); numbers in a list instead of an array when one does not
    fit."""
    if os.stat not in os.supports_dir_fd or os.scandir not in os.supports_fd:
        return _stat_all_by_path(root)
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        try:
            names = [name for _, name in _note_names(fd)] if listing is None else listing
            return _stat_names(fd, names)
        except OverflowError:  # an inode number over 2**63, or a time before 1678
            return _stat_all_by_path(root)
        except OSError:
            return None
    finally:
        os.close(fd)


def _stat_names(fd: int, names: list[str]) -> tuple[list[str], array[int]]:
    """The names still there, and their numbers; by the folder's descriptor."""
    kept: list[str] = []
    numbers = array("q")
    keep, put, look = kept.append, numbers.extend, os.stat
    for name in names:
        try:
            st = look(name, dir_fd=fd, follow_symlinks=False)
        except OSError:
            continue  # gone since the listing (or unreadable): as if not there
        put(_NUMBERS(st))
        keep(name)
    return kept, numbers


def _stat_all_by_path(root: Path) -> tuple[list[str], list[int]] | None:
    """The same without a folder descriptor (or with numbers too large for the array)."""
    names: list[str] = []
    numbers: list[int] = []
    try:
        with os.scandir(root) as entries:
            for entry in entries:
                if _is_note(entry.name):
                    with contextlib.suppress(OSError):
                        st = entry.stat(follow_symlinks=False)
                        numbers += _NUMBERS(st)
                        names.append(entry.name)
    except OSError:
        return None
    return names, numbers


def changes(stamps: Stamps, known: dict[str, Stat]) -> tuple[list[str], list[str]]:
    """(names added or changed, names gone) against the rows' stats, which `known` holds and
    gives up: each name compared as it comes, so no second table of 100,000 stats is held."""
    changed = []
    numbers = stamps.numbers
    for i, name in enumerate(stamps.names):
        size, mtime, ctime, inode, mode = numbers[i * _WIDTH : (i + 1) * _WIDTH]
        if stat_module.S_ISREG(mode) and known.pop(name, None) != (size, mtime, ctime, inode):
            changed.append(name)
    return changed, list(known)  # what the folder no longer has, or has as no regular file


def stat_of(path: Path) -> Stat | None:
    """The stat a row keeps for a note file, or None when no regular file is there."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat_module.S_ISREG(st.st_mode):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def scan_inodes(root: Path) -> tuple[list[str], dict[str, int]]:
    """(every name of a note in inode order, as a full pass lists them, and the inode number
    of each that is no folder), from the directory listing alone (no stat)."""
    listed: list[tuple[int, str]] = []
    found: dict[str, int] = {}
    with contextlib.suppress(OSError), os.scandir(root) as entries:
        for entry in entries:
            if _is_note(entry.name):
                listed.append((entry.inode(), entry.name))
                if not entry.is_dir(follow_symlinks=False):
                    found[entry.name] = entry.inode()
    listed.sort(key=itemgetter(0))  # as _note_names
    return [name for _, name in listed], found


def read_listing(root: Path, folder_mtime: int) -> bytes | None:
    """The names the folder held when its mtime was `folder_mtime`, joined by "/", as a command
    listed them (see index.names); None when none was kept for that mtime or it is not whole."""
    try:
        with (root / FOLDER / LISTING_NAME).open("rb") as file:
            head, names = file.readline(64), file.read()  # 5 MB at 100,000 notes: no copy
    except OSError:
        return None
    try:
        mtime, count = (int(number) for number in head.split())
    except ValueError:
        return None
    if mtime != folder_mtime or count != _name_count(names):
        return None
    return names


def listing_kept_for(root: Path) -> int | None:
    """The folder mtime the kept listing is for (its head alone read), or None: when it is not
    the folder's, index.early's child lists the folder."""
    try:
        with (root / FOLDER / LISTING_NAME).open("rb") as file:
            return int(file.readline(64).split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _name_count(listing: bytes) -> int:
    return listing.count(b"/") + 1 if listing else 0


def keep_listing(root: Path, listing: bytes, folder_mtime: int) -> None:
    """Keep the names (joined by "/") listed while the folder's mtime was `folder_mtime`; a
    listing that cannot be written is only not kept (it saves time, nothing else)."""
    from podnotes.errors import PodnotesError
    from podnotes.fileio import write_atomic

    data = f"{folder_mtime} {_name_count(listing)}\n".encode() + listing
    with contextlib.suppress(PodnotesError, OSError):
        write_atomic(root / FOLDER / LISTING_NAME, data, overwrite=True)
