"""A derived SQLite index beside the notes (`.podnotes/index.sqlite3`), so that commands over the
whole library never parse thousands of YAML files.

The YAML files stay the source of truth. The index keeps one row per file (its stat, the
episode's list fields, or the problem that stops it loading) and one row per search unit, with
an FTS5 table over the units and a vocabulary for correcting query words.

- `db`: the file: refused when linked or foreign, built beside and renamed into place;
- `sync`: bringing the rows up to date with the folder, in short transactions;
- `core`: the `Index` that commands open and query;
- `stamps`, `early`, `watch`: the full check's stat pass, the one a command starts first, and
  the watcher that makes it unnecessary.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from podnotes.index.core import Index, IndexDamagedError
    from podnotes.index.db import VERSION, IndexBusyError, IndexRefusedError
    from podnotes.index.names import FILENAME, FOLDER
    from podnotes.index.sync import Refresh

# Loaded when first asked for, so that a light module of the package (index.early) is imported
# without the whole index.
_WHERE = {
    "FILENAME": "names",
    "FOLDER": "names",
    "VERSION": "db",
    "Index": "core",
    "IndexBusyError": "db",
    "IndexDamagedError": "core",
    "IndexRefusedError": "db",
    "Refresh": "sync",
}
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


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
