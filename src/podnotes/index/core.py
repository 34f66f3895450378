"""The Index: opening (creating, rebuilding when damaged) and the queries commands ask."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from podnotes.errors import PodnotesError
from podnotes.index import db, early
from podnotes.index.stamps import scan, stat_of
from podnotes.index.sync import Refresh, Sync
from podnotes.model import Episode, Summary
from podnotes.search import Unit
from podnotes.store import SUFFIX, Library, SaveResult

T = TypeVar("T")


class IndexDamagedError(PodnotesError):
    """The index broke in the middle of a listing; it has been rebuilt."""


class Index:
    """The library's index; open it with `Index.open`, which also brings it up to date."""

    def __init__(
        self,
        library: Library,
        conn: sqlite3.Connection,
        path: Path | None,
        notice: Callable[[str], None] = lambda _: None,
    ) -> None:
        self.library = library
        self.conn = conn
        self.path = path
        self.notice = notice
        self._vocab: list[str] | None = None
        self.pending = False  # opened without waiting for the command's early check

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        library: Library,
        *,
        notice: Callable[[str], None] = lambda _: None,
        refresh: bool = True,
        wait: bool = True,
    ) -> Index:
        """Open the library's index, creating it, or rebuilding it when it is unreadable, and
        (unless `refresh` is false) bring it up to date. Without `wait`, the full check the
        command started first (index.early) may still be running: the index answers as it
        stands, and `settle` then says whether that answer holds."""
        index = cls._open(library, notice)
        if refresh:
            index.refresh(wait=wait)
            index.pending = early.running()  # its answer left for `settle` (see Sync.refresh)
        return index

    @classmethod
    def existing(
        cls, library: Library, *, notice: Callable[[str], None] = lambda _: None
    ) -> Index | None:
        """The index when one was built already (writers keep it current), else None."""
        if not library.root.is_dir():
            return None
        path = db.index_path(library.root)
        if not path.exists():
            return None
        return cls._open(library, notice)

    @classmethod
    def _open(cls, library: Library, notice: Callable[[str], None]) -> Index:
        root = library.root
        if not root.is_dir():
            return cls._in_memory(library, notice)  # reading creates no notes folder
        path = db.index_path(root)
        try:
            path.parent.mkdir(exist_ok=True)
        except OSError:
            return cls._in_memory(library, notice)
        if path.exists():
            conn = None
            try:
                conn = db.connect(path)
                db.check_ours(conn, path)
                return cls(library, conn, path, notice)
            except db.Stale:
                pass
            except sqlite3.DatabaseError as err:
                if db.is_busy(err):
                    raise db.busy_error() from None
                if not db.is_damage(err):
                    return cls._in_memory(library, notice)  # cannot be opened: read-only
                notice(f"the search index was unreadable ({err}); rebuilding it")
            if conn is not None:
                conn.close()
        return cls._build(library, path, notice, replace=False)

    @classmethod
    def _in_memory(cls, library: Library, notice: Callable[[str], None]) -> Index:
        """A read-only or missing notes folder: an index in memory still answers correctly."""
        conn = db.connect(None)
        db.create_schema(conn)
        return cls(library, conn, None, notice)

    @classmethod
    def _build(
        cls, library: Library, path: Path, notice: Callable[[str], None], *, replace: bool
    ) -> Index:
        """Build a new index beside `path` and rename it into place; one process at a time,
        and one that waited uses what the other built (unless `replace` asks for a new one)."""
        folder = path.parent
        with db.building(folder, notice):
            if not replace and path.exists():
                with contextlib.suppress(db.Stale, sqlite3.DatabaseError):
                    return cls._checked(library, path, notice)  # built while this one waited
            db.sweep_builds(folder)
            try:
                built = db.new_file(folder)
            except OSError:
                return cls._in_memory(library, notice)
            try:
                conn = db.connect(built)
                conn.execute("PRAGMA journal_mode=MEMORY")  # private until renamed
                db.create_schema(conn)
                Sync(library, conn).refresh(full=True, bulk=True)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.close()
                db.put_in_place(built, path)
            finally:
                built.unlink(missing_ok=True)
        return cls._checked(library, path, notice)

    @classmethod
    def _checked(cls, library: Library, path: Path, notice: Callable[[str], None]) -> Index:
        conn = db.connect(path)
        try:
            db.check_ours(conn, path)
        except BaseException:
            conn.close()
            raise
        return cls(library, conn, path, notice)

    def _recover(self, err: sqlite3.DatabaseError) -> None:
        """A damaged index is thrown away and built again, with one notice; a busy one is
        one line; anything else is a bug and goes up as it is."""
        if db.is_busy(err):
            raise db.busy_error() from None
        if not db.is_damage(err):
            raise err
        self.notice(f"the search index was damaged ({err}); rebuilding it")
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        self._vocab = None
        if self.path is None:
            fresh = Index._in_memory(self.library, self.notice)
            Sync(self.library, fresh.conn).refresh(full=True, bulk=True)
        else:
            fresh = Index._build(self.library, self.path, self.notice, replace=True)
        self.conn = fresh.conn

    def _guarded(self, query: Callable[[], T]) -> T:
        """Run a query; on a damaged index, rebuild and run it once more."""
        try:
            return query()
        except sqlite3.DatabaseError as err:
            self._recover(err)
        return query()

    # --- keeping up to date ----------------------------------------------------------------------

    def refresh(self, *, full: bool = False, wait: bool = True) -> Refresh:
        """Re-read the files whose size or mtime changed and drop the deleted ones."""
        watcher = self.path is not None  # PODNOTES_WATCH_SECONDS may start one for this index
        result = self._guarded(
            lambda: Sync(self.library, self.conn).refresh(full=full, watcher=watcher, wait=wait)
        )  # a new Sync on the retry: a damaged index is answered by a new connection
        if result.read:
            self._vocab = None
        return result

    def settle(self) -> bool:
        """After an open that did not wait: wait for the command's early check and apply what
        it found. True when the index was current all along, so that what it answered holds;
        False when notes had changed and were read again: ask again."""
        if not self.pending:
            return True
        self.pending = False
        result = self.refresh()
        return not (result.read or result.removed or result.rebuilt)

    def rebuild(self) -> Refresh:
        """Build a new index from every note and put it in place of this one."""
        self.conn.close()
        if self.path is None:
            fresh = Index._in_memory(self.library, self.notice)
            Sync(self.library, fresh.conn).refresh(full=True, bulk=True)
        else:
            fresh = Index._build(self.library, self.path, self.notice, replace=True)
        self.conn = fresh.conn
        self._vocab = None
        files = self.conn.execute("SELECT count(*) FROM files").fetchone()[0]
        return Refresh(checked=True, read=files, rebuilt=True)

    def watch(self, *, idle_exit: float | None = None, ready: Callable[[], None] = print) -> None:
        """Keep this index current as notes change, until interrupted (see `index.watch`)."""
        from podnotes.index.watch import WatchError, watch

        if self.path is None:
            raise WatchError(f"{self.library.root} has no index on disk to keep (read-only?)")
        sync = Sync(self.library, self.conn)

        def apply(names: list[str]) -> None:
            sync.apply(names)

        def full_check() -> None:
            self.refresh(full=True)

        watch(self.library.root, self.conn, apply, full_check, idle_exit=idle_exit, ready=ready)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One short write transaction (a note saved and indexed together). A damaged index
        is rebuilt from the folder, which holds whatever was written, and the caller told."""
        try:
            with db.write_transaction(self.conn):
                yield
        except sqlite3.DatabaseError as err:
            self._recover(err)
            raise IndexDamagedError(
                "the search index was damaged and has been rebuilt; run the command again"
            ) from None
        finally:
            self._vocab = None

    # Older callers grouped writes with batch(); each save is its own transaction now.
    batch = transaction

    def attach(self, library: Library) -> None:
        """Make the library save each note under this index's write lock and index it in the
        same short transaction: racing `add`s see each other's notes."""
        library.attach_index(self)

    def saved(self, result: SaveResult) -> None:
        """After a save (inside `transaction`): index what was written, drop what it replaced."""
        if result.removed is not None:
            self.drop(result.removed)
        if result.episode is not None:
            self.put(result.path, result.episode)

    def put(self, path: Path, episode: Episode) -> None:
        """Index a note podnotes just wrote, from the episode in hand (no YAML parse)."""
        now = stat_of(path)
        if now is None:
            return
        sync = Sync(self.library, self.conn)
        sync.drop(path.name)
        sync.insert(path.name, now, episode)

    def drop(self, path: Path) -> None:
        Sync(self.library, self.conn).drop(path.name)

    # --- reading ---------------------------------------------------------------------------------

    def execute(self, sql: str, args: Sequence[object] = ()) -> sqlite3.Cursor:
        """A query of the caller's own, answered by a rebuilt index when this one is damaged."""
        return self._guarded(lambda: self.conn.execute(sql, args))

    def rows(self, sql: str, args: Sequence[object] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a query as SQLite yields them; damage found on the way (after the first
        rows were used) rebuilds the index, with one notice, and asks for the command again."""
        cursor = self.execute(sql, args)
        try:
            yield from cursor
        except sqlite3.DatabaseError as err:
            self._recover(err)
            raise IndexDamagedError(
                "the search index was damaged in the middle of this command and has been "
                "rebuilt; run the command again"
            ) from None

    def summaries(self) -> list[Summary]:
        from podnotes import listing

        return list(listing.summaries(self))

    def stored_as(self, sha: str) -> str | None:
        """The slug of the note made from the input with this sha256, so `add` knows it."""
        row = self.conn.execute("SELECT name FROM files WHERE sha256 = ?", (sha,)).fetchone()
        return row[0][: -len(SUFFIX)] if row else None

    def problems(self) -> list[str]:
        """The message of every file that does not load, for a one-line warning each."""
        sql = "SELECT error FROM files WHERE error IS NOT NULL ORDER BY name"
        return self._guarded(lambda: [error for (error,) in self.conn.execute(sql)])

    def units(
        self,
        fields: frozenset[str] | None = None,
        contains: str | None = None,
        ignore_case: bool = False,
        episodes: frozenset[str] | None = None,
    ) -> Iterator[Unit]:
        """Units in library order, optionally only some fields or episodes, or only those that
        may contain `contains` (a prefilter in SQLite; the caller still checks each unit)."""
        sql = (
            "SELECT f.name, f.title, u.field, u.text, u.heading_end FROM units u"
            " JOIN files f ON f.id = u.file"
        )
        where, args = db.unit_filter(fields)
        conditions = (db.contains_condition(contains, ignore_case), db.episode_condition(episodes))
        for condition in conditions:
            if condition is not None:
                where += (" AND " if where else " WHERE ") + condition[0]
                args = [*args, condition[1]]
        for name, title, field, text, heading_end in self.rows(
            f"{sql}{where} ORDER BY f.name, u.id", args
        ):
            yield Unit(name[: -len(SUFFIX)], title, field, text, heading_end)

    def takeaway_groups(self) -> list[tuple[Summary, list[str]]]:
        """Each episode with its takeaways, in library order."""
        sql = (
            "SELECT f.name, u.text FROM units u JOIN files f ON f.id = u.file"
            " WHERE u.field = 'takeaways' ORDER BY f.name, u.id"
        )

        def run() -> dict[str, list[str]]:
            found: dict[str, list[str]] = {}
            for name, text in self.conn.execute(sql):
                found.setdefault(name[: -len(SUFFIX)], []).append(text)
            return found

        found = self._guarded(run)
        return [(episode, found.get(episode.slug, [])) for episode in self.summaries()]

    def dive_titles(self) -> Iterator[tuple[str, str]]:
        """(slug, deep-dive title) pairs, in library order."""
        for unit in self.units(frozenset({"deep-dives"})):
            yield unit.episode, unit.text[: unit.heading_end]

    def vocabulary(self) -> list[str]:
        if self._vocab is None:
            sql = "SELECT term FROM vocab"
            self._vocab = self._guarded(lambda: [term for (term,) in self.conn.execute(sql)])
        return self._vocab

    def status(self) -> dict[str, object]:
        sql = (
            "SELECT count(*), count(error), coalesce(sum(last_unit - first_unit + 1), 0) FROM files"
        )
        files, problems, units = self._guarded(lambda: self.conn.execute(sql).fetchone())
        size = 0
        if self.path is not None:
            for suffix in ("", "-wal"):
                with contextlib.suppress(OSError):
                    size += Path(f"{self.path}{suffix}").stat().st_size
        meta = self._guarded(lambda: Sync(self.library, self.conn).meta())
        checked = float(meta.get("checked_at", 0))
        return {
            "path": str(self.path) if self.path else ":memory:",
            "files": files,
            "invalid": problems,
            "units": units,
            "terms": len(self.vocabulary()),
            "bytes": size,
            "notes_bytes": sum(size for size, *_ in scan(self.library.root, 0).stats().values()),
            "checked_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(checked)),
        }

    def close(self) -> None:
        self.conn.close()
