"""Episode -> files people use elsewhere: Markdown (templated), JSON, YAML and chapter formats.

`export_text` makes one document; `export_to_dir` writes many, atomically, never outside the
folder and never over an existing file unless asked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISLNK, S_ISREG

from podnotes.errors import NoteExistsError, PodnotesError
from podnotes.fileio import not_regular, reason, write_atomic
from podnotes.store import Entry, slugify
from podnotes.yamlio import MAX_NOTE_BYTES

FORMATS = ("markdown", "json", "yaml", "chapters-json", "youtube", "vtt", "srt", "txt")
SUFFIXES = {
    "markdown": ".md",
    "json": ".json",
    "yaml": ".yaml",
    "chapters-json": ".chapters.json",
    "youtube": ".txt",
    "vtt": ".vtt",
    "srt": ".srt",
    "txt": ".transcript.txt",
}


class NoChaptersError(PodnotesError):
    """A chapter format was asked for an episode without chapters."""


@dataclass(frozen=True)
class ExportOptions:
    fmt: str = "markdown"
    profile: str = "obsidian"
    template: Path | None = None
    force: bool = False
    update: bool = False  # re-export over an earlier export, keeping what the user added
    transcript: bool = False  # Markdown: add the `## Transcript` section


def export_text(entry: Entry, options: ExportOptions, existing: str | None = None) -> str:
    """The exported document for one episode. `existing` is an earlier Markdown export of it
    being replaced: what the user added to it is kept (see merge)."""
    from podnotes.export import machine

    episode = entry.episode
    if options.fmt == "markdown":
        from podnotes.export.markdown import load_template, render_markdown

        text = render_markdown(
            episode,
            slug=entry.slug,
            template=load_template(options.template, options.profile),
            transcript=options.transcript,
        )
        if not existing:
            return text
        from podnotes.export.merge import merge
        from podnotes.export.recognize import is_outline

        return merge(existing, text, old_outline=is_outline(existing), new_outline=is_outline(text))
    if options.fmt in {"chapters-json", "youtube"} and not episode.chapters:
        raise NoChaptersError(f"{entry.slug} has no chapters to export")
    if options.fmt == "json":
        return json.dumps(machine.document(episode), ensure_ascii=False, indent=2) + "\n"
    if options.fmt == "yaml":
        from podnotes.yamlio import dump

        return dump(episode)
    if options.fmt == "chapters-json":
        return json.dumps(machine.podcasting_chapters(episode), ensure_ascii=False, indent=2) + "\n"
    if options.fmt == "youtube":
        return machine.youtube_chapters(episode)
    if options.fmt in {"vtt", "srt", "txt"}:
        from podnotes.transcripts import write_transcript

        if not episode.transcript:
            raise PodnotesError(f"{entry.slug} has no transcript to export")
        return write_transcript(episode.transcript, options.fmt)
    raise PodnotesError(f"unknown export format {options.fmt!r}; choose from {', '.join(FORMATS)}")


def write_export(path: Path, entry: Entry, options: ExportOptions) -> None:
    """Write one export to a file: atomically, over an existing file only with force/update,
    and only ever over a regular file."""
    path = _target(path)
    existing: str | None = None
    if path.exists():
        if not (options.force or options.update):
            raise NoteExistsError(f"{path} exists; use --force or --update to replace it")
        if options.update or options.fmt == "markdown":
            existing = _read_existing(path, options)
    text = export_text(entry, options, existing)
    write_atomic(path, text.encode("utf-8"), overwrite=options.force or options.update)


def _target(path: Path) -> Path:
    """The file -o names; a folder, a device or a FIFO is refused (a symbolic link is replaced
    by the file, never written through)."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return path
    except OSError as err:
        raise PodnotesError(f"{path}: {reason(err)}") from None
    if S_ISDIR(mode):
        raise PodnotesError(
            f"{path} is a folder; -o names one file (use --out-dir {path} to write one file "
            "per episode into it)"
        )
    if not (S_ISREG(mode) or S_ISLNK(mode)):
        raise PodnotesError(f"{path} {not_regular(mode)}")
    return path


def _read_existing(path: Path, options: ExportOptions) -> str | None:
    """The earlier export at path when podnotes wrote it (so its additions can be kept)."""
    from podnotes.export.recognize import written_by_podnotes

    try:
        with path.open("rb") as handle:
            text = handle.read(MAX_NOTE_BYTES + 1).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    if len(text) > MAX_NOTE_BYTES:
        text = ""  # far too large to be an export of one episode
    if written_by_podnotes(text, options.fmt):
        return text if options.fmt == "markdown" else None
    if options.update:
        raise NoteExistsError(
            f"{path} was not written by podnotes as {options.fmt}; --update only refreshes "
            "podnotes' own exports (use --force to replace it)"
        )
    return None


def _nth(name: str, n: int) -> str:
    return name if n == 1 else f"{name}-{n}"


@dataclass(frozen=True, slots=True)
class Written:
    entry: Entry
    path: Path | None = None
    error: PodnotesError | None = None


def export_to_dir(
    entries: Iterable[Entry], out_dir: Path, options: ExportOptions
) -> Iterator[Written]:
    """One file per episode, named by slug, inside out_dir; a failure is reported, not fatal."""
    suffix = SUFFIXES[options.fmt]
    _check_out_dir(out_dir)
    used: set[str] = set()
    for entry in entries:
        # Slugs are file-safe by construction, but a hand-made note file may be named anything:
        # its name goes through slugify too, and two notes never share one output file.
        name = slugify(entry.slug)
        name = next(n for i in range(1, len(used) + 2) if (n := _nth(name, i)) not in used)
        used.add(name)
        path = out_dir / f"{name}{suffix}"
        try:
            if path.parent.resolve() != out_dir.resolve() or path.is_symlink():
                raise PodnotesError(f"{path}: refusing to write outside {out_dir}")
            write_export(path, entry, options)
            yield Written(entry, path=path)
        except PodnotesError as err:
            yield Written(entry, error=err)


def _check_out_dir(out_dir: Path) -> None:
    """--out-dir names a folder (made when missing): a file there is refused in one line."""
    if out_dir.exists() and not out_dir.is_dir():
        raise PodnotesError(
            f"{out_dir} is a file, not a folder; --out-dir names a folder (use -o {out_dir} "
            "to write one episode to that file)"
        )
