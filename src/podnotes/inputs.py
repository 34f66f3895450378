"""Inputs that are not notes to parse: a podnotes YAML note is read as itself (validated), and
every per-file error names its file."""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from podnotes.errors import InputError, PodnotesError

if TYPE_CHECKING:
    from podnotes.model import Chapter, Episode

HEAD = 4096
_NOTE = re.compile(r"\A(?:\ufeff)?(?:[ \t]*(?:#[^\n]*)?\r?\n)*schema:[ \t]*['\"]?podnotes/\d")


def read_special(
    data: bytes,
    name: str,
    *,
    encoding: str | None = None,
    chapters: tuple[Chapter, ...] = (),
    overrides: dict[str, Any] | None = None,
) -> Episode | None:
    """The episode when `data` is a podnotes note; None when it is notes to parse."""
    head = data[:HEAD].decode("utf-8", "replace")
    if not _NOTE.match(head):
        return None
    return _note(data, name, encoding, chapters, overrides or {})


def _note(
    data: bytes,
    name: str,
    encoding: str | None,
    chapters: tuple[Chapter, ...],
    overrides: dict[str, Any],
) -> Episode:
    from podnotes.model import Source, normalize_chapters, unique
    from podnotes.parse.decode import decode
    from podnotes.yamlio import load

    episode = load(decode(data, name, encoding), name)
    changes: dict[str, Any] = {
        key: value for key, value in overrides.items() if value not in (None, "", ())
    }
    if "tags" in changes:
        changes["tags"] = unique([*episode.tags, *changes["tags"]])
    if chapters:
        changes["chapters"] = normalize_chapters(chapters)
    if episode.source is None:  # a note written by hand: the input is its own source
        sha = hashlib.sha256(data).hexdigest()
        changes["source"] = Source("podnotes", PurePath(name).name or "-", sha)
    return episode.with_changes(**changes) if changes else episode


def named(source: str, error: PodnotesError) -> PodnotesError:
    """The error with the file it is about at the front, when its message does not say."""
    file = getattr(error, "file", None)
    text = str(error)
    if file == source or text.startswith(f"{source}:") or f"{source}:" in text:
        return error
    named_error = InputError(f"{source}: {text}")
    named_error.exit_code = error.exit_code
    return named_error
