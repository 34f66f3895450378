"""The library's trash: `rm` moves notes into a hidden folder inside the notes folder (the index
and every listing read only the top level, so trashed notes are not notes), `restore` moves them
back, `rm --purge` empties it. Every move is a hard link then an unlink: nothing is overwritten."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from podnotes.errors import EpisodeNotFoundError, NoteExistsError, StoreError

TRASH = ".trash"
SUFFIX = ".yaml"
MARK = "~"  # slug~2.yaml: the second trashed note of that slug ('~' is never in a slug)


def trash_dir(root: Path) -> Path:
    return root / TRASH


def trashed(root: Path) -> list[Path]:
    """The notes in the trash, most recently removed first (a move changes only the ctime)."""
    folder = trash_dir(root)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"*{SUFFIX}") if p.is_file() and not p.is_symlink()]
    return sorted(found, key=lambda p: (-_ctime(p), p.name))


def move(path: Path, folder: Path) -> Path:
    """Move a note into folder under its own name, or the first free `<stem>~N` when that is
    taken. Atomic; never replaces a file."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError as err:
        raise StoreError(f"cannot make {folder}: {_reason(err)}") from None
    stem = path.stem
    for n in range(1, 10_000):
        target = folder / (f"{stem}{SUFFIX}" if n == 1 else f"{stem}{MARK}{n}{SUFFIX}")
        try:
            os.link(path, target)
        except FileExistsError:
            continue
        except FileNotFoundError:
            raise EpisodeNotFoundError(f"{path} was removed meanwhile") from None
        except OSError as err:
            raise StoreError(f"cannot move {path} to {folder}: {_reason(err)}") from None
        try:
            path.unlink()
        except OSError as err:
            with contextlib.suppress(OSError):
                target.unlink()
            raise StoreError(f"cannot move {path}: {_reason(err)}") from None
        return target
    raise StoreError(f"too many notes named {stem!r} in {folder}")


def find_trashed(root: Path, name: str) -> Path:
    """The trashed note a user named: its file name (`slug` or `slug~2`), else the most recently
    removed note whose slug is `name` or starts with it (when only one slug does)."""
    notes = trashed(root)
    if not notes:
        raise EpisodeNotFoundError(f"the trash ({trash_dir(root)}) is empty")
    wanted = name.strip().lower().removesuffix(SUFFIX)
    if MARK in wanted:  # one copy of several, by its name in the trash
        for path in notes:
            if path.stem == wanted:
                return path
    for matching in (
        [p for p in notes if original_slug(p) == wanted],
        [p for p in notes if original_slug(p).startswith(wanted)],
    ):
        slugs = {original_slug(p) for p in matching}
        if len(slugs) == 1:
            return matching[0]  # the newest of that slug
        if len(slugs) > 1:
            shown = ", ".join(sorted(slugs)[:5])
            raise EpisodeNotFoundError(f"{name!r} is ambiguous in the trash; did you mean: {shown}")
    raise EpisodeNotFoundError(
        f"{name!r} is not in the trash ({trash_dir(root)}); podnotes restore --list shows it"
    )


def original_slug(path: Path) -> str:
    """slug~2.yaml in the trash was slug.yaml in the library."""
    return path.stem.partition(MARK)[0]


def restore(root: Path, path: Path) -> Path:
    """Move a trashed note back into the library under its original name."""
    slug = original_slug(path)
    target = root / f"{slug}{SUFFIX}"
    if target.exists():
        raise NoteExistsError(
            f"{target} exists: the library holds another note named {slug}; "
            f"rename or rm it first (the trashed copy stays in {path.parent})"
        )
    try:
        os.link(path, target)
    except FileExistsError:
        raise NoteExistsError(f"{target} was created meanwhile; nothing restored") from None
    except OSError as err:
        raise StoreError(f"cannot restore {path}: {_reason(err)}") from None
    path.unlink()
    return target


def purge(root: Path) -> int:
    """Delete every note in the trash for good; returns how many."""
    removed = 0
    for path in trashed(root):
        try:
            path.unlink()
        except OSError as err:
            raise StoreError(f"cannot delete {path}: {_reason(err)}") from None
        removed += 1
    with contextlib.suppress(OSError):
        trash_dir(root).rmdir()  # only when nothing else is in it
    return removed


def _ctime(path: Path) -> float:
    try:
        return path.stat().st_ctime
    except OSError:
        return 0.0


def _reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()
