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

from podnotes.index.core import Index, IndexDamagedError
from podnotes.index.db import FILENAME, FOLDER, VERSION, IndexBusyError, IndexRefusedError
from podnotes.index.sync import Refresh

__all__ = [
    "FILENAME",
    "FOLDER",
    "VERSION",
    "Index",
    "IndexBusyError",
    "IndexDamagedError",
    "IndexRefusedError",
    "Refresh",
]
