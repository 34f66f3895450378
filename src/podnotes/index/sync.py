"""Keeping the index in step with the notes folder.

What is on disk is decided twice: once by a scan without any lock (cheap, may be out of date by
the time it ends), then again, file by file, inside the short write transaction that applies it.
A row is dropped only for a file that is not there at that moment, and a file is read again only
when its stat still differs from its row: a refresh racing with `add` never undoes the add.

Three levels of checking, cheapest first:
- the folder's mtime, every time (a note added, deleted or renamed into place moves it);
- when it moved, one `scandir` of names and inode numbers (no stat): what was added, deleted or
  replaced by rename;
- every CHECK_SECONDS, a stat of every note (size, mtime, ctime): what was edited in place.
  Its digest (index.stamps) equal to the one kept at the last full check, for a folder whose
  mtime has not moved, means nothing changed since, and no row is read; differing, only the
  parts of the listing whose hashes differ are compared with their rows (a note edited in place
  costs the rows of one part, about 1,500 at 100,000 notes); otherwise every row's ctime and
  inode number are compared (with the early child's, or a pass of this process's own). While
  the folder's mtime has not moved, the names it holds are those of the last listing kept, and
  are not listed again.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from podnotes import settings
from podnotes.errors import SchemaError
from podnotes.fields import COUNTED, LISTED
from podnotes.index import early, watch
from podnotes.index.db import write_transaction
from podnotes.index.names import CHECKED_KEY, FOLDER
from podnotes.index.stamps import (
    RACY_NS,
    Stat,
    changed_parts,
    changes,
    keep_listing,
    listing_kept_for,
    no_collection,
    racy,
    read_listing,
    scan,
    scan_inodes,
    stat_of,
)
from podnotes.listing import listed_cells
from podnotes.model import Episode
from podnotes.numbered import numbered
from podnotes.search import units_of
from podnotes.store import SUFFIX, Library
from podnotes.transcripts import index as transcripts

BULK_FILES = 200  # a new index from this many files on fills its FTS table in one pass
CHUNK = 256  # files applied per write transaction, so that no writer holds the lock for long
DIGEST_KEY = "stamps_digest"  # the full check's digest (index.stamps) when the rows agreed
_STAT_COLUMNS = "name, size, mtime_ns, ctime_ns, inode"  # a row's name and stat
_WORD = re.compile(r"[^\W_]+")

# A loaded note's row: its stat, its list fields, and a count for each counted field.
_FILE_COLUMNS = (
    *("name", "size", "mtime_ns", "ctime_ns", "inode", "sha256", "imported"),
    *(f.key for f in LISTED),
    *COUNTED,
)
_INSERT_FILE = (
    f"INSERT INTO files({', '.join(_FILE_COLUMNS)})"
    f" VALUES ({', '.join('?' for _ in _FILE_COLUMNS)})"
)


@dataclass(frozen=True, slots=True)
class Refresh:
    checked: bool
    read: int = 0
    removed: int = 0
    rebuilt: bool = False


class Sync:
    """Writes rows for one index connection; the Index class reads them."""

    def __init__(self, library: Library, conn: sqlite3.Connection) -> None:
        self.library = library
        self.conn = conn

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta"))

    def refresh(
        self, *, full: bool = False, bulk: bool = False, watcher: bool = False, wait: bool = True
    ) -> Refresh:
        """Bring the rows up to date with the folder, as cheaply as the levels above allow;
        with `watcher`, start one when the settings ask for it and none runs. A forced (`full`)
        check compares every row, whatever the digest says. Without `wait`, a full check that
        only the command's early child can vouch for is left to a later refresh: the child's
        answer is then still to be taken (early.running())."""
        root = self.library.root
        started = time.time_ns()
        try:
            folder_mtime = os.stat(root).st_mtime_ns
        except OSError:
            folder_mtime = -1
        meta = self.meta()
        due = full or self._due(meta, started, watcher=watcher)
        unmoved = str(folder_mtime) == meta.get("folder_mtime")
        kept = None if full else meta.get(DIGEST_KEY)
        if not wait and due and unmoved and kept is not None and early.running():
            return Refresh(checked=False)
        rows = None
        if due and not full and early.running() and listing_kept_for(root) != folder_mtime:
            # the child lists the folder, and every row will be compared with its numbers:
            # read while it stats (it stats alone, on the other core)
            with no_collection():
                rows = self._ctimes_and_inodes()
        first = early.take(root, wanted=due and not full)
        if not due and unmoved:
            return Refresh(checked=False)
        digest = None
        if due:
            # the digest kept vouches only for a folder that has not moved (see _full_check)
            with no_collection():  # rows and stats by the 100,000: no cycles among them
                started, digest, changed, removed = self._full_check(
                    first, kept if unmoved else None, started, folder_mtime, rows
                )
        else:
            changed, removed = self._moved(started, folder_mtime)
        read, dropped = self.apply(changed + removed, bulk=bulk and len(changed) >= BULK_FILES)
        self._stamp(started, folder_mtime, due=due, digest=digest)
        return Refresh(checked=True, read=read, removed=dropped)

    def _full_check(
        self,
        first: early.Answer | None,
        kept: str | None,
        started: int,
        folder_mtime: int,
        rows: dict[str, tuple[int, int]] | None = None,
    ) -> tuple[int, str | None, list[str], list[str]]:
        """(when the check started, its digest, names added or changed, names gone) from a
        stat of every note: the early child's pass when it vouches for the notes, else this
        process's own. Against the digest `kept` at the last full check: the same, no row is
        read; differing, only the parts of the listing whose notes' ctimes differ are stat'ed
        again and compared with their rows (`_compare`); without `kept` (a forced check, or a
        folder whose mtime moved) every row is compared: with the child's numbers when it had
        to list the folder (`_against_rows`), else after a pass of this process's own. The
        child's listing is of the folder as it is now (early.take checks its mtime): kept,
        and used by this process's own pass. `rows`: each row's ctime and inode number, when
        read already (`_ctimes_and_inodes`).

        A folder that moved is not vouched for by ctimes alone: a note replaced by renaming an
        older file onto it moves the renamed file's ctime on ext4, xfs, btrfs and tmpfs, not on
        every file system (some network and FUSE ones); its inode number, in the rows, tells."""
        root = self.library.root
        listing = None if first is None else first.listing
        if first is not None and listing is not None:
            self._keep_listing(listing, min(started, first.started), folder_mtime)
        if first is not None and first.digest is not None and kept is not None:
            if listing is None and first.digest != kept:
                listing = read_listing(root, folder_mtime)  # the names the child stat'ed
            found = self._against(kept, first.digest, listing)
            if found is not None:
                return min(started, first.started), first.digest, *found
        if first is not None and first.listing is not None and first.numbers is not None:
            if rows is None:
                rows = self._ctimes_and_inodes()
            found = _against_rows(rows, first.listing, *first.numbers)
            return min(started, first.started), first.digest, *found
        if listing is None and kept is not None:
            listing = read_listing(root, folder_mtime)
        stamps = scan(root, racy_from_ns=started - RACY_NS, listing=listing)
        if stamps.listing is not None:
            self._keep_listing(stamps.listing, started, folder_mtime)
            listing = stamps.listing
        if kept is not None and stamps.digest is not None:
            found = self._against(kept, stamps.digest, listing)
            if found is not None:
                return started, stamps.digest, *found
        return started, stamps.digest, *changes(stamps, self._known())

    def _against(
        self, kept: str, digest: str, listing: bytes | None
    ) -> tuple[list[str], list[str]] | None:
        """(names changed, names gone) for a pass whose `digest` is of `listing`, against the
        digest `kept` when the rows last agreed: nothing when they are the same, else what the
        parts that differ hold; None when the two cannot be compared part by part."""
        if digest == kept:
            return [], []  # as at the last full check: rows agree
        names = None if listing is None else changed_parts(kept, digest, listing)
        return None if names is None else self._compare(names)

    def _ctimes_and_inodes(self) -> dict[str, tuple[int, int]]:
        """Each row's ctime and inode number, by name."""
        query = "SELECT name, ctime_ns, inode FROM files"
        return {name: (ctime, inode) for name, ctime, inode in self.conn.execute(query)}

    def _compare(self, names: list[str]) -> tuple[list[str], list[str]]:
        """(names changed, names gone) of `names`, each stat'ed now and compared with its row."""
        root = self.library.root
        rows = self._rows(names)
        changed, removed = [], []
        for name in names:
            stat = stat_of(root / name)
            if stat is None:
                if name in rows:
                    removed.append(name)  # no regular file there now
            elif rows.get(name) != stat:
                changed.append(name)
        return changed, removed

    def _moved(self, started: int, folder_mtime: int) -> tuple[list[str], list[str]]:
        """(names added or replaced, names gone) by one listing of names and inode numbers,
        for a folder whose mtime moved."""
        known = self._known()
        listed, on_disk = scan_inodes(self.library.root)
        changed = [n for n, ino in on_disk.items() if n not in known or known[n][3] != ino]
        removed = [name for name in known if name not in on_disk]
        self._keep_listing(os.fsencode("/".join(listed)), started, folder_mtime)
        return changed, removed

    def _keep_listing(self, listing: bytes, started: int, folder_mtime: int) -> None:
        """Keep the names listed after `started` as the folder's while its mtime stays
        `folder_mtime`: unless that mtime is so recent that a change within the same tick of
        the clock could follow unseen (stamps.keep_listing), or it moved since it was read
        (the listing may then be of the folder after a change)."""
        root = self.library.root
        if racy(folder_mtime, started - RACY_NS) or not (root / FOLDER).is_dir():
            return
        try:
            if os.stat(root).st_mtime_ns != folder_mtime:
                return
        except OSError:
            return
        keep_listing(root, listing, folder_mtime)

    def _due(self, meta: dict[str, str], started: int, *, watcher: bool) -> bool:
        """Whether every note must be stat'ed: the last full check is CHECK_SECONDS old and no
        live watcher has seen every edit in place since."""
        if started / 1e9 - float(meta.get(CHECKED_KEY, 0)) < settings.index_check_seconds():
            return False
        running = watch.state(self.library.root, meta)
        if watcher and running is watch.State.NONE:
            self._start_watcher(meta)
        return running is not watch.State.READY

    def _rows(self, names: list[str]) -> dict[str, Stat]:
        """The stat of each of `names` that has a row, by name."""
        found = {}
        for at in range(0, len(names), CHUNK):
            chunk = names[at : at + CHUNK]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT {_STAT_COLUMNS} FROM files WHERE name IN ({marks})"
            for name, size, mtime, ctime, inode in self.conn.execute(query, chunk):
                found[name] = (size, mtime, ctime, inode)
        return found

    def _known(self) -> dict[str, Stat]:
        """Each row's stat, by name."""
        return {
            name: (size, mtime, ctime, inode)
            for name, size, mtime, ctime, inode in self.conn.execute(
                f"SELECT {_STAT_COLUMNS} FROM files"
            )
        }

    def _stamp(self, started: int, folder_mtime: int, *, due: bool, digest: str | None) -> None:
        """Note what this check saw: the folder's mtime (unless too recent to trust), and after
        a full check its time and digest (the rows now agree with what it saw, or with later)."""
        stamps = {}
        if not racy(folder_mtime, started - RACY_NS):
            stamps["folder_mtime"] = str(folder_mtime)  # else the next command looks again
        if due:
            stamps[CHECKED_KEY] = str(started / 1e9)
            if digest is not None:
                stamps[DIGEST_KEY] = digest
        with write_transaction(self.conn):
            self.conn.execute("DELETE FROM meta WHERE key = 'folder_mtime'")
            if due:
                self.conn.execute("DELETE FROM meta WHERE key = ?", (DIGEST_KEY,))
            self.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", stamps.items())

    def _start_watcher(self, meta: dict[str, str]) -> None:
        """Start a watcher when PODNOTES_WATCH_SECONDS asks for one and one may start now;
        commands racing to start one take turns on the write lock, and one of them starts it."""
        keep = settings.watch_seconds()
        if keep <= 0 or not watch.may_start(meta, time.time()):
            return
        with write_transaction(self.conn):
            if not watch.may_start(self.meta(), now := time.time()):
                return  # another command has just started one
            self.conn.execute(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)", (watch.STARTED_KEY, str(now))
            )
        watch.start(self.library.root, keep)

    def apply(self, names: list[str], *, bulk: bool = False) -> tuple[int, int]:
        """Re-check each name against the disk and its current row, in short transactions;
        returns (files read, rows dropped)."""
        read = dropped = 0
        step = max(1, len(names)) if bulk else CHUNK
        with no_collection():  # reading builds many small objects and no cycles
            for start in range(0, len(names), step):
                with write_transaction(self.conn):
                    if bulk:
                        self.conn.execute("INSERT INTO meta VALUES ('bulk', '1')")
                    for name in names[start : start + step]:
                        outcome = self._apply_one(name, vocab=not bulk)
                        read += outcome == "read"
                        dropped += outcome == "dropped"
                    if bulk:
                        self.conn.execute("DELETE FROM meta WHERE key = 'bulk'")
                        self.conn.execute("INSERT INTO units_fts(units_fts) VALUES ('rebuild')")
                        self.conn.execute(
                            "INSERT OR IGNORE INTO vocab SELECT term FROM units_terms"
                        )
                        transcripts.finish_bulk(self.conn)
        return read, dropped

    def _apply_one(self, name: str, *, vocab: bool) -> str:
        now = stat_of(self.library.root / name)
        row = self.conn.execute(
            "SELECT size, mtime_ns, ctime_ns, inode FROM files WHERE name = ?", (name,)
        ).fetchone()
        if now is None:
            if row is None:
                return "same"
            self.drop(name)
            return "dropped"
        if row is not None and tuple(row) == now:
            return "same"  # another process read it meanwhile
        self.drop(name)
        self._read(name, now, vocab=vocab)
        return "read"

    def drop(self, name: str) -> None:
        row = self.conn.execute(
            "SELECT id, first_unit, last_unit FROM files WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            return
        file_id, first, last = row
        if first is not None:
            # Units of one file have consecutive ids: a range delete, never a table scan.
            self.conn.execute("DELETE FROM units WHERE id BETWEEN ? AND ?", (first, last))
        transcripts.drop(self.conn, file_id)
        self.conn.execute("DELETE FROM takeaway_lines WHERE name = ?", (name,))
        self.conn.execute("DELETE FROM files WHERE id = ?", (file_id,))

    def _read(self, name: str, stat: Stat, *, vocab: bool) -> None:
        try:
            episode = self.library.load(self.library.root / name)
        except SchemaError as err:
            self.conn.execute(
                "INSERT INTO files(name, size, mtime_ns, ctime_ns, inode, error)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name, *_settled(stat), str(err)),
            )
            return
        self.insert(name, stat, episode, vocab=vocab)

    def insert(self, name: str, stat: Stat, episode: Episode, *, vocab: bool = True) -> None:
        slug = name[: -len(SUFFIX)]
        counts = episode.counts
        cursor = self.conn.execute(
            _INSERT_FILE,
            (
                name,
                *_settled(stat),
                episode.source.sha256 if episode.source else None,
                episode.source.imported if episode.source else None,
                *listed_cells(episode),
                *(counts[key] for key in COUNTED),
            ),
        )
        file_id = cursor.lastrowid
        row = self.conn.execute("SELECT max(id) FROM units").fetchone()
        first = (row[0] or 0) + 1
        rows = [
            (first + i, file_id, u.field, u.heading_end, u.text)
            for i, u in enumerate(units_of(slug, episode))
        ]
        self.conn.executemany("INSERT INTO units VALUES (?, ?, ?, ?, ?)", rows)
        self.conn.execute(
            "UPDATE files SET first_unit = ?, last_unit = ? WHERE id = ?",
            (first, first + len(rows) - 1, file_id),
        )
        if episode.takeaways:
            lines = numbered(episode.takeaways)
            self.conn.execute("INSERT INTO takeaway_lines VALUES (?, ?)", (name, lines))
        if vocab:
            self.add_terms(row[4] for row in rows)
        assert file_id is not None
        transcripts.insert(self.conn, file_id, episode.transcript, vocab=vocab)

    def add_terms(self, texts: Iterable[str]) -> None:
        terms = {word.lower() for text in texts for word in _WORD.findall(text)}
        self.conn.executemany("INSERT OR IGNORE INTO vocab VALUES (?)", ((t,) for t in terms))


def _against_rows(
    rows: dict[str, tuple[int, int]], listing: bytes, ctimes: Sequence[int], inodes: Sequence[int]
) -> tuple[list[str], list[str]]:
    """(names changed, names gone) for every note the child listed, by its ctime and inode
    number against its row's in `rows`, which it gives up (any change moves one of them, as
    for the digest): a note whose row differs in either, or that has none, changed; a row
    whose note was not listed is gone."""
    names = os.fsdecode(listing).split("/") if listing else []
    changed = [
        name
        for name, numbers in zip(names, zip(ctimes, inodes, strict=True), strict=True)
        if rows.pop(name, None) != numbers
    ]
    return changed, list(rows)


def _settled(stat: Stat) -> Stat:
    """The stat to keep: one taken so soon after a change that the file may change again
    unseen within the same clock tick keeps no ctime, so that the next full check reads it."""
    size, mtime, ctime, inode = stat
    if racy(ctime, time.time_ns() - RACY_NS):
        return (size, mtime, 0, inode)
    return stat
