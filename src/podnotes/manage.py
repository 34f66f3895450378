"""Managing a library's notes: remove to the trash, restore, purge, retag, set fields, edit.
Each change is atomic, keeps the index in step, and goes on past a name that fails."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from podnotes import trash
from podnotes.app import Report
from podnotes.errors import PodnotesError
from podnotes.model import Episode
from podnotes.store import Entry

if TYPE_CHECKING:
    from podnotes.editing import EditResult
    from podnotes.index import Index
    from podnotes.model import Summary
    from podnotes.store import Library


@dataclass(frozen=True, slots=True)
class Changed:
    slug: str
    path: Path  # where the note is now
    episode: Episode | None = None  # as written, when it was rewritten
    before: Path | None = None  # where it was, when it moved


class Manager:
    """A notes folder and its index (when one exists), for the commands that change notes;
    `podnotes.app.Library.changes()` makes one."""

    def __init__(
        self,
        folder: Library,
        index: Index | None,
        summaries: Callable[[], list[Summary]] | None = None,
    ) -> None:
        self.folder = folder
        self.index = index
        self._summaries = summaries

    def find(self, name: str, *, fuzzy: bool = True) -> Entry:
        from podnotes.resolve import resolve

        return resolve(self.folder, name, self._summaries, fuzzy=fuzzy)

    @contextlib.contextmanager
    def _indexing(self) -> Iterator[Index | None]:
        if self.index is None:
            yield None
            return
        with self.index.batch():
            yield self.index

    def _each(self, names: Iterable[str], change: Callable[[str], Changed]) -> Report[Changed]:
        report: Report[Changed] = Report()
        for name in names:
            try:
                report.done.append(change(name))
            except PodnotesError as err:
                report.failed.append(err)
        return report

    # --- the trash --------------------------------------------------------------------------

    def remove(self, names: Iterable[str]) -> Report[Changed]:
        """Move notes into the trash folder inside the library, out of the index."""

        def one(name: str) -> Changed:
            entry = self.find(name, fuzzy=False)  # a typo is suggested, never removed
            with self._indexing() as index:  # moved and dropped under the index's write lock
                moved = trash.move(entry.path, trash.trash_dir(self.folder.root))
                if index is not None:
                    index.drop(entry.path)
            return Changed(entry.slug, moved, before=entry.path)

        return self._each(dict.fromkeys(names), one)

    def restore(self, names: Iterable[str]) -> Report[Changed]:
        """Bring trashed notes back under their own names (never over another note)."""

        def one(name: str) -> Changed:
            trashed = trash.find_trashed(self.folder.root, name)
            episode = self.folder.load(trashed)  # a note must still be valid to come back
            with self._indexing() as index:
                path = trash.restore(self.folder.root, trashed)
                if index is not None:
                    index.put(path, episode)
            return Changed(path.stem, path, episode, before=trashed)

        return self._each(dict.fromkeys(names), one)

    def trashed(self) -> list[Path]:
        return trash.trashed(self.folder.root)

    def purge(self) -> int:
        return trash.purge(self.folder.root)

    # --- changing notes in place -------------------------------------------------------------

    def rewrite(self, entry: Entry, changes: dict[str, Any]) -> Changed:
        """Write a note with changed fields (validated by reading it back, atomic), indexed."""
        from podnotes.fileio import write_atomic
        from podnotes.yamlio import dump, load

        episode = entry.episode.with_changes(**changes)
        text = dump(episode)
        episode = load(text, str(entry.path))  # the changed note must still be a valid note
        with self._indexing() as index:
            write_atomic(entry.path, text.encode("utf-8"), overwrite=True)
            if index is not None:
                index.put(entry.path, episode)
        return Changed(entry.slug, entry.path, episode)

    def retag(self, names: Iterable[str], add: list[str], drop: list[str]) -> Report[Changed]:
        from podnotes.editing import retag

        def one(name: str) -> Changed:
            entry = self.find(name)
            return self.rewrite(entry, {"tags": retag(entry.episode.tags, add, drop)})

        return self._each(dict.fromkeys(names), one)

    def set_fields(self, name: str, changes: dict[str, Any]) -> Changed:
        return self.rewrite(self.find(name), changes)

    def edit(self, name: str, run_editor: Callable[[Path], None]) -> tuple[Entry, EditResult]:
        """$EDITOR on one note; saved only when valid (see editing.edit_note)."""
        from podnotes.editing import Edited, edit_note
        from podnotes.yamlio import load

        entry = self.find(name)
        result = edit_note(entry.path, run_editor, check=lambda text: load(text, str(entry.path)))
        if result.status is Edited.SAVED and result.episode is not None:
            with self._indexing() as index:
                if index is not None:
                    index.put(entry.path, result.episode)
        return entry, result


# --- `add` of an input already stored -------------------------------------------------------

OPTION_NAMES = {
    "title": "--title",
    "podcast": "--podcast",
    "guests": "--guest",
    "url": "--url",
    "published": "--date",
    "tags": "--tag",
}


def option_changes(episode: Episode, overrides: dict[str, Any]) -> dict[str, Any]:
    """The fields `add`'s options would change in a stored note: given values replace the
    note's, except tags, which are added."""
    from podnotes.model import unique

    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        if key not in OPTION_NAMES or value in (None, "", ()):
            continue
        new = unique([*episode.tags, *value]) if key == "tags" else value
        if new != getattr(episode, key):
            changes[key] = new
    return changes


def update_stored(
    folder: Library, index: Index | None, slug: str, overrides: dict[str, Any], *, apply: bool
) -> tuple[str, ...]:
    """The options that would change the stored note `slug` (applied when `apply`)."""
    entry = folder.get(slug)
    changes = option_changes(entry.episode, overrides)
    if changes and apply:
        Manager(folder, index).rewrite(entry, changes)
    return tuple(dict.fromkeys(OPTION_NAMES[key] for key in changes))
