"""File-system facts the writers need: what is at a path, the umask, rewriting a hard-linked
file in place. Nothing here decides what to write."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from stat import S_ISBLK, S_ISCHR, S_ISDIR, S_ISFIFO

from podnotes.errors import StoreError


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
