"""The index file itself: where it lives, what podnotes refuses to open, and how a new one is
built beside the old and renamed into place, so that no process ever sees a half-built index
and no table that podnotes did not create is ever dropped."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

from podnotes import settings
from podnotes.errors import PodnotesError
from podnotes.fields import COUNTED, LISTED
from podnotes.index.names import FILENAME, FOLDER

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: one builder at a time is not enforced there
    fcntl = None  # type: ignore[assignment]

# The index's format; the listed and counted fields (podnotes.fields) are columns of it, so they
# are part of its version: a field listed or counted anew makes every index be built again.
VERSION = "11:" + ",".join(f.key for f in LISTED) + ";" + ",".join(COUNTED)
BUILD_WAIT_SECONDS = 600.0
_SIDE_FILES = ("-wal", "-shm")


def text_index(table: str, vocab: str) -> tuple[str, ...]:
    """The full-text index of a table's `text` column (external content, rowid = its id), the
    table of its words (`vocab`) and the fts5vocab view `{table}_terms` that fills it: the
    notes' units and the transcripts' segments are indexed alike."""
    return (
        f"""CREATE VIRTUAL TABLE {table}_fts USING fts5(
        text, content='{table}', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
        f"CREATE TABLE {vocab}(term TEXT PRIMARY KEY) WITHOUT ROWID",
        f"CREATE VIRTUAL TABLE {table}_terms USING fts5vocab({table}_fts, 'row')",
    )


SCHEMA = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",
    """CREATE TABLE files(
        id INTEGER PRIMARY KEY,
        name TEXT UNIQUE NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        ctime_ns INTEGER NOT NULL,
        inode INTEGER NOT NULL,
        first_unit INTEGER,
        last_unit INTEGER,
        error TEXT,
        sha256 TEXT,
        imported TEXT, """
    + ", ".join([*(f"{f.key} TEXT" for f in LISTED), *(f"{key} INTEGER" for key in COUNTED)])
    + ")",
    # Notes that do not load are few: a partial index finds them without reading every row.
    "CREATE INDEX files_problems ON files(name) WHERE error IS NOT NULL",
    "CREATE INDEX files_sha256 ON files(sha256)",
    """CREATE TABLE units(
        id INTEGER PRIMARY KEY,
        file INTEGER NOT NULL,
        field TEXT NOT NULL,
        heading_end INTEGER NOT NULL,
        text TEXT NOT NULL)""",
    *text_index("units", "vocab"),
    # In bulk mode (a 'bulk' row in meta) the FTS table is rebuilt once at the end instead.
    """CREATE TRIGGER units_insert AFTER INSERT ON units
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN
        INSERT INTO units_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER units_delete AFTER DELETE ON units
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN
        INSERT INTO units_fts(units_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    # Each episode's takeaways as plain text prints them (podnotes.numbered; NULL when one needs
    # making visible), in name order: `takeaways` reads a few long rows, not every unit.
    "CREATE TABLE takeaway_lines(name TEXT PRIMARY KEY, lines TEXT) WITHOUT ROWID",
)
# An index says it is podnotes' own with this row in meta (from version 7 on); an older one
# is known by its tables, all among those that earlier versions made.
OWNER = ("application", "podnotes")
OLD_TABLES = frozenset(
    {"meta", "files", "units", "units_fts", "vocab", "units_terms"}
    | {"transcripts", "segments", "segments_fts", "segment_vocab", "segments_terms"}
    | {"topics", "topics_stamp", "takeaway_lines"}
)


class IndexRefusedError(PodnotesError):
    """The index path is something podnotes will not open or replace (a link, another file)."""


class IndexBusyError(PodnotesError):
    """Another podnotes holds the index for longer than this one waits."""


class Stale(Exception):
    """The file at the index path is unreadable or of another version: build a new one."""


def index_path(root: Path) -> Path:
    """`root/.podnotes/index.sqlite3`, after refusing a linked or odd folder or file there."""
    folder = root / FOLDER
    _refuse_odd(folder, directory=True)
    path = folder / FILENAME
    for candidate in (path, *(Path(f"{path}{s}") for s in _SIDE_FILES)):
        _refuse_odd(candidate, directory=False)
    return path


def _refuse_odd(path: Path, *, directory: bool) -> None:
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError:
        return  # unreadable: the open that follows says why, or falls back to memory
    if stat.S_ISLNK(mode):
        raise IndexRefusedError(
            f"{path} is a symbolic link; podnotes keeps its index only in a real "
            f"{'folder' if directory else 'file'} (remove the link and run the command again)"
        )
    if stat.S_ISDIR(mode) != directory or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        kind = "a folder" if directory else "a regular file"
        raise IndexRefusedError(f"{path} is not {kind}; podnotes will not use or replace it")


def connect(path: Path | None) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) that follows no link."""
    if path is None:
        conn = sqlite3.connect(":memory:", isolation_level=None)
    else:
        uri = f"file:{quote(str(path))}?nofollow=1"
        conn = sqlite3.connect(uri, uri=True, timeout=settings.lock_seconds(), isolation_level=None)
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def check_ours(conn: sqlite3.Connection, path: Path | None) -> None:
    """Raise Stale unless this is a current podnotes index; refuse a database of someone else's.

    A DatabaseError (a damaged or foreign file) comes through as it is."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        raise Stale("empty")
    meta: dict[str, str] = {}
    if "meta" in tables:
        with contextlib.suppress(sqlite3.OperationalError):  # a meta table of someone else's
            meta = dict(
                conn.execute("SELECT key, value FROM meta WHERE key IN (?, 'version')", OWNER[:1])
            )
    unknown = sorted(
        t
        for t in tables
        if t not in OLD_TABLES and not t.startswith(("sqlite_", "units_fts_", "segments_fts_"))
    )
    ours = meta.get(OWNER[0]) == OWNER[1] or ("version" in meta and not unknown)
    if not ours:
        name = (unknown or sorted(tables))[0]
        raise IndexRefusedError(
            f"{path} is not a podnotes index (it has a table named {name!r}); "
            "podnotes leaves it alone: move it away and run the command again"
        )
    if meta.get("version") != VERSION:
        raise Stale("another version")
    conn.execute("SELECT 1 FROM files LIMIT 1").fetchone()  # its root page, and one leaf


def create_schema(conn: sqlite3.Connection) -> None:
    from podnotes.transcripts import index as transcripts

    for statement in SCHEMA:
        conn.execute(statement)
    transcripts.create(conn)
    conn.execute("INSERT INTO meta VALUES ('version', ?)", (VERSION,))
    conn.execute("INSERT INTO meta VALUES (?, ?)", OWNER)


@contextlib.contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE .. COMMIT; waiting the lock time at most, then one line, not a traceback."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as err:
        if not is_busy(err):
            raise
        raise busy_error() from None
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def building(folder: Path, notice: Callable[[str], None]) -> Iterator[None]:
    """Held while one process builds a new index for this library; others wait for it."""
    if fcntl is None:
        yield
        return
    fd = os.open(folder / "build.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        deadline = time.monotonic() + BUILD_WAIT_SECONDS
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:
                    notice("waiting for another podnotes to finish building the search index")
                    told = True
                if time.monotonic() > deadline:
                    raise IndexBusyError(
                        "another podnotes has been building the search index for over "
                        f"{BUILD_WAIT_SECONDS:g} s; try again later"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def new_file(folder: Path) -> Path:
    """An empty file beside the index, to build a new one in."""
    import tempfile  # here, not on top: a command that reads an index never builds one

    fd, name = tempfile.mkstemp(prefix=f".{FILENAME}.", suffix=".tmp", dir=folder)
    os.close(fd)
    return Path(name)


def put_in_place(built: Path, path: Path) -> None:
    """Replace whatever is at `path` (and its WAL files) with the finished index `built`."""
    for suffix in _SIDE_FILES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(built, path)


def sweep_builds(folder: Path, older_than: float = 3600.0) -> None:
    """Remove builds that a killed process left behind."""
    cutoff = time.time() - older_than
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(f".{FILENAME}.") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        os.unlink(entry.path)


def is_busy(err: sqlite3.Error) -> bool:
    code = getattr(err, "sqlite_errorcode", None)
    if code is None:
        return "locked" in str(err) or "busy" in str(err)
    return code & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED


def is_damage(err: sqlite3.Error) -> bool:
    """A damaged or foreign file, as opposed to a busy lock or a query podnotes got wrong."""
    text = str(err)
    if any(sign in text for sign in ("malformed", "not a database", "no such table")):
        return True  # the last: a table of ours missing from a file that passed check_ours
    code = getattr(err, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (10, 11, 24, 26)  # IOERR, CORRUPT, FORMAT, NOTADB


def busy_error() -> IndexBusyError:
    return IndexBusyError(
        f"the search index is busy: another podnotes has been writing it for over "
        f"{settings.lock_seconds():g} s; try again in a moment"
    )


def unit_filter(fields: frozenset[str] | None) -> tuple[str, list[str]]:
    if not fields:
        return "", []
    marks = ", ".join("?" for _ in fields)
    return f" WHERE u.field IN ({marks})", sorted(fields)


def episode_condition(episodes: frozenset[str] | None) -> tuple[str, str] | None:
    """An SQL test (and its argument) that keeps only units of these episodes (slugs)."""
    if episodes is None:
        return None
    import json

    names = json.dumps(sorted(f"{slug}.yaml" for slug in episodes))
    return "f.name IN (SELECT value FROM json_each(?))", names


def contains_condition(needle: str | None, ignore_case: bool) -> tuple[str, str] | None:
    """An SQL test (and its argument) that keeps only units that may contain the needle."""
    if not needle:
        return None
    if not ignore_case:
        return "instr(u.text, ?) > 0", needle
    if needle.isascii():
        # LIKE folds ASCII case only, which is exact for an ASCII needle.
        return "u.text LIKE ? ESCAPE '\\'", "%" + re.sub(r"([\\%_])", r"\\\1", needle) + "%"
    return None
