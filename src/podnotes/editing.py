"""Changing a stored note by hand: `tag` (+tag -tag), `set` (one field at a time, validated) and
`edit` ($EDITOR on the YAML, validated on save; an invalid note is never written)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from podnotes import settings
from podnotes.errors import PodnotesError, SchemaError, StoreError
from podnotes.model import Episode, clean_line, unique

HEADER = "# podnotes: "  # the lines `edit` puts above the YAML to explain a problem


def tag_changes(words: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """Split `tag` arguments: (episodes, tags to add, tags to remove). `+x` adds, `-x` removes."""
    episodes: list[str] = []
    add: list[str] = []
    drop: list[str] = []
    for word in words:
        if word.startswith("--"):
            raise PodnotesError(f"no such option: {word} (a tag to remove is -TAG)")
        sign, name = word[:1], clean_line(word[1:]).lstrip("#")
        if sign in "+-" and word[:1] and name:
            (add if sign == "+" else drop).append(name)
        elif sign in "+-" and word[:1]:
            raise PodnotesError(f"{word!r}: a tag name must follow {sign}")
        else:
            episodes.append(word)
    if not add and not drop:
        raise PodnotesError("no tag to change: give +TAG to add or -TAG to remove")
    if not episodes:
        raise PodnotesError("no episode: name one or more before or after the tags")
    return episodes, add, drop


def retag(tags: Sequence[str], add: Sequence[str], drop: Sequence[str]) -> tuple[str, ...]:
    """Tags after the change: removals ignore case and a leading '#'; order is kept."""
    gone = {t.casefold() for t in drop}
    kept = [t for t in tags if t.lstrip("#").casefold() not in gone]
    have = {t.lstrip("#").casefold() for t in kept}
    return unique([*kept, *(t for t in add if t.casefold() not in have)])


def field_changes(
    *,
    title: str | None = None,
    podcast: str | None = None,
    published: str | None = None,
    url: str | None = None,
    guests: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The changes `set` asks for, checked: '' clears a field (never the title)."""
    from podnotes.parse.common import as_date

    changes: dict[str, Any] = {}
    if title is not None:
        if not clean_line(title):
            raise PodnotesError("--title: a note needs a title")
        changes["title"] = clean_line(title)
    if podcast is not None:
        changes["podcast"] = clean_line(podcast)
    if published is not None:
        date = as_date(published) if published.strip() else None
        if published.strip() and date is None:
            raise PodnotesError(f"--published: {published!r} is not a date like 2024-03-28")
        changes["published"] = date
    if url is not None:
        link = url.strip()
        if link and not link.lower().startswith(("http://", "https://")):
            raise PodnotesError(f"--url: {url!r} is not a web address (http:// or https://)")
        changes["url"] = link
    if guests is not None:
        changes["guests"] = unique([clean_line(g) for g in guests])
    if not changes:
        raise PodnotesError("nothing to set: give --title, --podcast, --published, --url, --guest")
    return changes


class Edited(Enum):
    SAVED = "saved"
    UNCHANGED = "unchanged"
    ABANDONED = "abandoned"


@dataclass(frozen=True, slots=True)
class EditResult:
    status: Edited
    episode: Episode | None = None  # as saved
    draft: Path | None = None  # an abandoned edit, kept for the user
    problem: str = ""  # why it was abandoned


def edit_note(
    path: Path, run_editor: Callable[[Path], None], *, check: Callable[[str], Episode]
) -> EditResult:
    """Let the user edit the note at `path` in a copy; write it back only when `check` accepts
    it and the note did not change on disk meanwhile. An invalid note is reopened with the
    problem on top; saving it unchanged (or emptying it) gives up and leaves the note alone."""
    from podnotes.fileio import write_atomic

    original = path.read_bytes()
    before = original.decode("utf-8")
    draft = _draft_copy(path, original)
    shown, problem = before, ""
    try:
        while True:
            run_editor(draft)
            text = draft.read_text(encoding="utf-8", errors="replace")
            body = strip_header(text)
            if body == before:
                draft.unlink()
                return EditResult(Edited.UNCHANGED)
            if text == shown or not body.strip():  # closed without saving, or emptied: give up
                return _abandon(draft, body, problem or "the edit was emptied")
            try:
                episode = check(body)
            except SchemaError as err:
                problem = "; ".join(err.problems)
                shown = with_header(body, err.problems)
                draft.write_text(shown, encoding="utf-8")
                continue
            if path.read_bytes() != original:
                return _abandon(draft, body, f"{path} changed while it was being edited")
            write_atomic(path, body.encode("utf-8"), overwrite=True)
            draft.unlink()
            return EditResult(Edited.SAVED, episode)
    except OSError as err:
        raise StoreError(f"cannot edit {path}: {err.strerror or err}") from None


def _abandon(draft: Path, body: str, problem: str) -> EditResult:
    """Give up on an edit; what the user typed stays in the draft unless it is empty."""
    if not body.strip():
        draft.unlink(missing_ok=True)
        return EditResult(Edited.ABANDONED, problem=problem)
    return EditResult(Edited.ABANDONED, draft=draft, problem=problem)


def with_header(body: str, problems: Sequence[str]) -> str:
    lines = [
        f"{HEADER}this note was NOT saved: it is not valid.",
        *(f"{HEADER}  {' '.join(p.split())}" for p in problems),
        f"{HEADER}fix it and save, or quit without saving to leave the note as it was.",
        f"{HEADER}(these lines are removed when it is saved)",
    ]
    return "\n".join(lines) + "\n" + body


def strip_header(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(HEADER):
        lines.pop(0)
    return "".join(lines)


def _draft_copy(path: Path, data: bytes) -> Path:
    """A private copy outside the library (editors leave swap files beside what they edit)."""
    fd, name = tempfile.mkstemp(prefix=f"podnotes-{path.stem[:40]}-", suffix=".yaml")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return Path(name)


def editor_command() -> list[str]:
    """$VISUAL, then $EDITOR (with its arguments, as git splits them), then vi."""
    import shlex
    import shutil

    if (found := settings.editor()) is not None:
        var, value = found
        try:
            return shlex.split(value)
        except ValueError:
            raise PodnotesError(f"${var} cannot be read as a command: {value!r}") from None
    for fallback in ("vi", "nano"):
        if shutil.which(fallback):
            return [fallback]
    raise PodnotesError("no editor: set $EDITOR (for example EDITOR=nano)")


def run_editor(command: list[str]) -> Callable[[Path], None]:
    """A function that opens a file in the editor and waits for it to close."""
    import subprocess

    def run(path: Path) -> None:
        try:
            status = subprocess.call([*command, str(path)])
        except OSError as err:
            raise PodnotesError(f"cannot run the editor {command[0]!r}: {err.strerror}") from None
        if status != 0:
            with contextlib.suppress(OSError):
                path.unlink()
            raise PodnotesError(
                f"the editor {command[0]!r} exited with status {status}; the note was not changed"
            )

    return run
