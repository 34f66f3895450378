"""A derived SQLite index beside the notes (`.podnotes/index.sqlite3`), so that commands over the
whole library never parse thousands of YAML files.

The YAML files stay the source of truth. The index keeps one row per file (its size and mtime,
the episode's list fields, or the problem that stops it loading) and one row per search unit,
with an FTS5 table over the units and a vocabulary for correcting query words. Each call brings
it up to date cheaply: only when the folder changed or the last full check is older than
CHECK_SECONDS are the files stat'ed, and only changed files are read again. A missing, stale or
corrupt index is rebuilt.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from podnotes.errors import SchemaError
from podnotes.model import Episode, Summary
from podnotes.search import Unit, units_of
from podnotes.store import SUFFIX, Library, SaveResult
from podnotes.transcripts import index as transcripts

VERSION = "6"
FOLDER = ".podnotes"
FILENAME = "index.sqlite3"
BULK_FILES = 200  # from this many changed files on, rebuild the FTS table in one pass
CHECK_SECONDS = float(os.environ.get("PODNOTES_INDEX_CHECK_SECONDS", "30"))
_WORD = re.compile(r"[^\W_]+")

_SCHEMA = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",
    """CREATE TABLE files(
        id INTEGER PRIMARY KEY,
        name TEXT UNIQUE NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        first_unit INTEGER,
        last_unit INTEGER,
        error TEXT,
        sha256 TEXT,
        title TEXT, podcast TEXT, published TEXT, guests TEXT, tags TEXT,
        takeaways INTEGER, deep_dives INTEGER, highlights INTEGER, chapters INTEGER)""",
    # Notes that do not load are few: a partial index finds them without reading every row.
    "CREATE INDEX files_problems ON files(name) WHERE error IS NOT NULL",
    "CREATE INDEX files_sha256 ON files(sha256)",
    """CREATE TABLE units(
        id INTEGER PRIMARY KEY,
        file INTEGER NOT NULL,
        field TEXT NOT NULL,
        heading_end INTEGER NOT NULL,
        text TEXT NOT NULL)""",
    """CREATE VIRTUAL TABLE units_fts USING fts5(
        text, content='units', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    # In bulk mode (a 'bulk' row in meta) the FTS table is rebuilt once at the end instead.
    """CREATE TRIGGER units_insert AFTER INSERT ON units
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN
        INSERT INTO units_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER units_delete AFTER DELETE ON units
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN
        INSERT INTO units_fts(units_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    "CREATE TABLE vocab(term TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE units_terms USING fts5vocab(units_fts, 'row')",
)


@dataclass(frozen=True, slots=True)
class Refresh:
    checked: bool
    read: int = 0
    removed: int = 0
    rebuilt: bool = False


class Index:
    """The library's index; open it with `Index.open`, which also brings it up to date."""

    def __init__(self, library: Library, conn: sqlite3.Connection, path: Path | None) -> None:
        self.library = library
        self.conn = conn
        self.path = path
        self._vocab: list[str] | None = None

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        library: Library,
        *,
        notice: Callable[[str], None] = lambda _: None,
        refresh: bool = True,
    ) -> Index:
        """Open the library's index, creating it, or rebuilding it when it is unreadable, and
        (unless `refresh` is false) bring it up to date."""
        path = library.root / FOLDER / FILENAME
        try:
            index = cls._connect(library, path)
            index.conn.execute("SELECT count(*) FROM files").fetchone()
        except sqlite3.DatabaseError as err:
            notice(f"the search index was unreadable ({err}); rebuilding it")
            with contextlib.suppress(OSError):
                cls._remove(path)
            index = cls._connect(library, path)
        if refresh:
            index.refresh()
        return index

    @classmethod
    def _connect(cls, library: Library, path: Path) -> Index:
        where: Path | None = path
        try:
            if not library.root.is_dir():
                raise FileNotFoundError(library.root)  # reading creates no notes folder
            path.parent.mkdir(exist_ok=True)
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
        except (OSError, sqlite3.OperationalError):
            # A read-only or missing notes folder: an index in memory still answers correctly.
            conn, where = sqlite3.connect(":memory:", isolation_level=None), None
        conn.execute("PRAGMA synchronous=NORMAL")
        index = cls(library, conn, where)
        if index._meta("version") != VERSION:
            index._create()
        return index

    @staticmethod
    def _remove(path: Path) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    def _create(self) -> None:
        with self._write():
            rows = self.conn.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')"
            ).fetchall()
            for kind, name in rows:
                if not name.startswith(("sqlite_", "units_fts_", "segments_fts_")):
                    self.conn.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
            for statement in _SCHEMA:
                self.conn.execute(statement)
            transcripts.create(self.conn)
            self._set_meta("version", VERSION)

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _meta(self, key: str) -> str | None:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # --- keeping up to date ----------------------------------------------------------------------

    def refresh(self, *, full: bool = False) -> Refresh:
        """Re-read the files whose size or mtime changed and drop the deleted ones."""
        root = self.library.root
        try:
            folder_mtime = str(root.stat().st_mtime_ns)
        except OSError:
            folder_mtime = "missing"
        last_check = float(self._meta("checked_at") or 0)
        fresh = time.time() - last_check < CHECK_SECONDS
        if not full and fresh and folder_mtime == self._meta("folder_mtime"):
            return Refresh(checked=False)

        on_disk = _scan(root)
        known = {
            name: (size, mtime)
            for name, size, mtime in self.conn.execute("SELECT name, size, mtime_ns FROM files")
        }
        changed = [name for name, stat in on_disk.items() if known.get(name) != stat]
        removed = [name for name in known if name not in on_disk]
        with self._write():
            for name in removed:
                self._drop(name)
            if changed:
                self._read(changed, on_disk)
            self._set_meta("folder_mtime", folder_mtime)
            self._set_meta("checked_at", str(time.time()))
        if changed:
            self._vocab = None
        return Refresh(checked=True, read=len(changed), removed=len(removed))

    def rebuild(self) -> Refresh:
        self._create()
        result = self.refresh(full=True)
        return Refresh(checked=True, read=result.read, removed=result.removed, rebuilt=True)

    @classmethod
    def existing(cls, library: Library) -> Index | None:
        """The index when one was built already (writers keep it current), else None."""
        path = library.root / FOLDER / FILENAME
        if not path.exists():
            return None
        try:
            return cls._connect(library, path)
        except sqlite3.DatabaseError:
            return None

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes (`put`, `drop`) into one transaction; the folder counts as checked after."""
        with self._write():
            yield
            with contextlib.suppress(OSError):
                self._set_meta("folder_mtime", str(self.library.root.stat().st_mtime_ns))
        self._vocab = None

    def put(self, path: Path, episode: Episode) -> None:
        """Index a note podnotes just wrote, from the episode in hand (no YAML parse)."""
        stat = path.stat()
        self._drop(path.name)
        self._insert(path.name, (stat.st_size, stat.st_mtime_ns), episode)

    def drop(self, path: Path) -> None:
        self._drop(path.name)

    def _drop(self, name: str) -> None:
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
        self.conn.execute("DELETE FROM files WHERE id = ?", (file_id,))

    def _read(self, names: list[str], stats: dict[str, tuple[int, int]]) -> None:
        bulk = len(names) >= BULK_FILES
        if bulk:
            self._set_meta("bulk", "1")
        gc_was_enabled = gc.isenabled()
        gc.disable()  # bulk loading builds many small objects and no cycles
        try:
            for name in names:
                self._drop(name)
                self._add(name, stats[name], vocab=not bulk)
        finally:
            if gc_was_enabled:
                gc.enable()
        if bulk:
            self.conn.execute("DELETE FROM meta WHERE key = 'bulk'")
            self.conn.execute("INSERT INTO units_fts(units_fts) VALUES ('rebuild')")
            self.conn.execute("INSERT OR IGNORE INTO vocab SELECT term FROM units_terms")
            transcripts.finish_bulk(self.conn)

    def _add(self, name: str, stat: tuple[int, int], *, vocab: bool = True) -> None:
        try:
            episode = self.library.load(self.library.root / name)
        except SchemaError as err:
            self.conn.execute(
                "INSERT INTO files(name, size, mtime_ns, error) VALUES (?, ?, ?, ?)",
                (name, *stat, str(err)),
            )
            return
        self._insert(name, stat, episode, vocab=vocab)

    def _insert(
        self, name: str, stat: tuple[int, int], episode: Episode, *, vocab: bool = True
    ) -> None:
        slug = name[: -len(SUFFIX)]
        counts = episode.counts
        cursor = self.conn.execute(
            "INSERT INTO files(name, size, mtime_ns, sha256, title, podcast, published, guests,"
            " tags, takeaways, deep_dives, highlights, chapters)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                name,
                *stat,
                episode.source.sha256 if episode.source else None,
                episode.title,
                episode.podcast,
                episode.published,
                json.dumps(episode.guests),
                json.dumps(episode.tags),
                counts["takeaways"],
                counts["deep_dives"],
                counts["highlights"],
                counts["chapters"],
            ),
        )
        file_id = cursor.lastrowid
        first = self._next_unit_id()
        rows = [
            (first + i, file_id, u.field, u.heading_end, u.text)
            for i, u in enumerate(units_of(slug, episode))
        ]
        self.conn.executemany("INSERT INTO units VALUES (?, ?, ?, ?, ?)", rows)
        self.conn.execute(
            "UPDATE files SET first_unit = ?, last_unit = ? WHERE id = ?",
            (first, first + len(rows) - 1, file_id),
        )
        if vocab:
            terms = {word.lower() for row in rows for word in _WORD.findall(row[4])}
            self.conn.executemany("INSERT OR IGNORE INTO vocab VALUES (?)", ((t,) for t in terms))
        assert file_id is not None
        transcripts.insert(self.conn, file_id, episode.transcript, vocab=vocab)

    def _next_unit_id(self) -> int:
        row = self.conn.execute("SELECT max(id) FROM units").fetchone()
        return (row[0] or 0) + 1

    # --- reading ---------------------------------------------------------------------------------

    def summaries(self) -> list[Summary]:
        rows = self.conn.execute(
            "SELECT name, title, podcast, published, guests, tags, takeaways, deep_dives,"
            " highlights, chapters FROM files WHERE error IS NULL ORDER BY name"
        )
        return [
            Summary(
                slug=name[: -len(SUFFIX)],
                title=title,
                podcast=podcast,
                published=published,
                guests=tuple(json.loads(guests)),
                tags=tuple(json.loads(tags)),
                counts={"takeaways": t, "deep_dives": d, "highlights": h, "chapters": c},
            )
            for name, title, podcast, published, guests, tags, t, d, h, c in rows
        ]

    def stored_as(self, sha: str) -> str | None:
        """The slug of the note made from the input with this sha256, so `add` knows it."""
        row = self.conn.execute("SELECT name FROM files WHERE sha256 = ?", (sha,)).fetchone()
        return row[0][: -len(SUFFIX)] if row else None

    def problems(self) -> list[str]:
        """The message of every file that does not load, for a one-line warning each."""
        rows = self.conn.execute("SELECT error FROM files WHERE error IS NOT NULL ORDER BY name")
        return [error for (error,) in rows]

    def units(
        self,
        fields: frozenset[str] | None = None,
        contains: str | None = None,
        ignore_case: bool = False,
    ) -> Iterator[Unit]:
        """Units in library order, optionally only some fields, or only those that may contain
        `contains` (a prefilter in SQLite; the caller still checks each unit)."""
        sql = (
            "SELECT f.name, f.title, u.field, u.text, u.heading_end FROM units u"
            " JOIN files f ON f.id = u.file"
        )
        where, args = self._unit_filter(fields)
        condition = _contains_condition(contains, ignore_case)
        if condition is not None:
            where += (" AND " if where else " WHERE ") + condition[0]
            args = [*args, condition[1]]
        for name, title, field, text, heading_end in self.conn.execute(
            f"{sql}{where} ORDER BY f.name, u.id", args
        ):
            yield Unit(name[: -len(SUFFIX)], title, field, text, heading_end)

    def matching(self, expression: str, fields: frozenset[str] | None, limit: int) -> list[Unit]:
        """The best `limit` units for an FTS5 expression, by bm25."""
        where, args = self._unit_filter(fields)
        where = where.replace(" WHERE ", " AND ")
        rows = self.conn.execute(
            "SELECT f.name, f.title, u.field, u.text, u.heading_end FROM units_fts"
            " JOIN units u ON u.id = units_fts.rowid JOIN files f ON f.id = u.file"
            f" WHERE units_fts MATCH ?{where} ORDER BY units_fts.rank LIMIT ?",
            (expression, *args, limit),
        )
        return [
            Unit(name[: -len(SUFFIX)], title, field, text, heading_end)
            for name, title, field, text, heading_end in rows
        ]

    def takeaway_groups(self) -> list[tuple[Summary, list[str]]]:
        """Each episode with its takeaways, in library order."""
        found: dict[str, list[str]] = {}
        rows = self.conn.execute(
            "SELECT f.name, u.text FROM units u JOIN files f ON f.id = u.file"
            " WHERE u.field = 'takeaways' ORDER BY f.name, u.id"
        )
        for name, text in rows:
            found.setdefault(name[: -len(SUFFIX)], []).append(text)
        return [(episode, found.get(episode.slug, [])) for episode in self.summaries()]

    def dive_titles(self) -> Iterator[tuple[str, str]]:
        """(slug, deep-dive title) pairs, in library order."""
        for unit in self.units(frozenset({"deep-dives"})):
            yield unit.episode, unit.text[: unit.heading_end]

    def vocabulary(self) -> list[str]:
        if self._vocab is None:
            self._vocab = [term for (term,) in self.conn.execute("SELECT term FROM vocab")]
        return self._vocab

    @staticmethod
    def _unit_filter(fields: frozenset[str] | None) -> tuple[str, list[str]]:
        if not fields:
            return "", []
        marks = ", ".join("?" for _ in fields)
        return f" WHERE u.field IN ({marks})", sorted(fields)

    def status(self) -> dict[str, object]:
        files, problems, units = self.conn.execute(
            "SELECT count(*), count(error), coalesce(sum(last_unit - first_unit + 1), 0) FROM files"
        ).fetchone()
        size = 0
        if self.path is not None:
            for suffix in ("", "-wal"):
                with contextlib.suppress(OSError):
                    size += Path(f"{self.path}{suffix}").stat().st_size
        checked = float(self._meta("checked_at") or 0)
        return {
            "path": str(self.path) if self.path else ":memory:",
            "files": files,
            "invalid": problems,
            "units": units,
            "terms": len(self.vocabulary()),
            "bytes": size,
            "notes_bytes": sum(stat[0] for stat in _scan(self.library.root).values()),
            "checked_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(checked)),
        }

    def close(self) -> None:
        self.conn.close()


def _contains_condition(needle: str | None, ignore_case: bool) -> tuple[str, str] | None:
    """An SQL test (and its argument) that keeps only units that may contain the needle."""
    if not needle:
        return None
    if not ignore_case:
        return "instr(u.text, ?) > 0", needle
    if needle.isascii():
        # LIKE folds ASCII case only, which is exact for an ASCII needle.
        return "u.text LIKE ? ESCAPE '\\'", "%" + re.sub(r"([\\%_])", r"\\\1", needle) + "%"
    return None


def _scan(root: Path) -> dict[str, tuple[int, int]]:
    """Each note file's (size, mtime_ns): one scandir, one stat per file."""
    found: dict[str, tuple[int, int]] = {}
    try:
        with os.scandir(root) as entries:
            for entry in entries:
                if entry.name.endswith(SUFFIX) and not entry.name.startswith("."):
                    with contextlib.suppress(OSError):
                        if entry.is_file():
                            stat = entry.stat()
                            found[entry.name] = (stat.st_size, stat.st_mtime_ns)
    except OSError:
        pass
    return found


def index_batch(index: Index | None) -> contextlib.AbstractContextManager[None]:
    return index.batch() if index is not None else contextlib.nullcontext()


def keep_index(index: Index | None, result: SaveResult) -> None:
    """After a save: index what was written, drop what it replaced."""
    if index is None:
        return
    if result.removed is not None:
        index.drop(result.removed)
    if result.episode is not None:
        index.put(result.path, result.episode)
