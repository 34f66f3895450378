"""A derived SQLite index beside the notes (`.podnotes/index.sqlite3`), so that commands over the
whole library never parse thousands of YAML files.

The YAML files stay the source of truth. The index keeps one row per file (its stat, the
episode's list fields, or the problem that stops it loading) and one row per search unit, with
an FTS5 table over the units and a vocabulary for correcting query words.

- `db`: the file: refused when linked or foreign, built beside and renamed into place;
- `sync`: bringing the rows up to date with the folder, in short transactions;
- `core`: the `Index` that commands open and query.
"""

from __future__ import annotations

import contextlib

from podnotes.index.core import Index, IndexDamagedError
from podnotes.index.db import FILENAME, FOLDER, VERSION, IndexBusyError, IndexRefusedError
from podnotes.index.sync import Refresh
from podnotes.store import SaveResult

__all__ = [
    "FILENAME",
    "FOLDER",
    "VERSION",
    "Index",
    "IndexBusyError",
    "IndexDamagedError",
    "IndexRefusedError",
    "Refresh",
    "index_batch",
    "keep_index",
]


def index_batch(index: Index | None) -> contextlib.AbstractContextManager[None]:
    """Kept for callers written before each save became its own transaction: does nothing."""
    return contextlib.nullcontext()


def keep_index(index: Index | None, result: SaveResult) -> None:
    """After a save by a library the index is not attached to: index what was written."""
    if index is None:
        return
    with index.transaction():
        index.saved(result)
