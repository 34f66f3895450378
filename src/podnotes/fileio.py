"""File-system facts and the one atomic writer: what is at a path, the umask, writing through a
temporary file, rewriting a hard-linked file in place. Nothing here decides what to write."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from stat import S_IMODE, S_ISBLK, S_ISCHR, S_ISDIR, S_ISFIFO, S_ISLNK, S_ISREG

from podnotes.errors import NoteExistsError, StoreError


def reason(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    return str(err) or type(err).__name__


def rewrite_in_place(path: Path, tmp: Path, data: bytes, expected: os.stat_result) -> None:
    """Overwrite a hard-linked file's contents. The new bytes are already on disk in `tmp`: if
    this write fails half way, they are kept beside it and the message says where."""
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "wb") as handle:
        now = os.fstat(fd)
        if (now.st_dev, now.st_ino) != (expected.st_dev, expected.st_ino):
            raise StoreError(f"{path} was replaced while podnotes was writing it; try again")
        try:
            handle.write(data)
            handle.truncate(len(data))
            handle.flush()
            os.fsync(fd)
        except OSError as err:
            kept = tmp.with_name(tmp.name.removesuffix(".tmp") + ".new")
            with contextlib.suppress(OSError):
                os.replace(tmp, kept)
            raise StoreError(
                f"cannot write {path}: {reason(err)}; the new content is in {kept}"
            ) from None


def lstat_or_none(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as err:
        raise StoreError(f"cannot write {path}: {reason(err)}") from None


def not_regular(mode: int) -> str:
    if S_ISDIR(mode):
        return "is a folder, not a file"
    kind = "a FIFO" if S_ISFIFO(mode) else "a device" if S_ISCHR(mode) or S_ISBLK(mode) else None
    return f"is {kind or 'a special file'}, not a regular file: podnotes only replaces files"


def umask() -> int:
    """The process umask (reading it means setting it; podnotes writes from one thread)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write through a temporary file in the same folder, fsync, then rename into place.

    Without `overwrite` the final step is a hard link, which fails if the name was taken
    meanwhile: two writers racing on one name never silently replace each other's file.
    Only a regular file is ever replaced (never a device, FIFO, socket or folder). A new file
    gets the mode the user's umask allows; a replaced file keeps its mode, and one with other
    hard links is rewritten in place once the new bytes are safe on disk, so every link still
    sees it (as vim's 'backupcopy=auto' does).
    """
    import tempfile  # here, not on top: most runs of a reading command write nothing

    folder = path.parent
    current = lstat_or_none(path)
    if current is not None and not (S_ISREG(current.st_mode) or S_ISLNK(current.st_mode)):
        raise StoreError(f"{path} {not_regular(current.st_mode)}")
    keep = current if overwrite and current is not None and S_ISREG(current.st_mode) else None
    mode = S_IMODE(keep.st_mode) if keep else 0o666 & ~umask()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise StoreError(f"cannot write in {folder}: {reason(err)}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if keep is not None and keep.st_nlink > 1:
            rewrite_in_place(path, tmp, data, keep)
        elif overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise NoteExistsError(f"{path} already exists; use --force to replace it") from None
            tmp.unlink()
        _fsync_dir(folder)
    except OSError as err:
        raise StoreError(f"cannot write {path}: {reason(err)}") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
