"""Reading input files: one file or stdin for `parse`, many files and folders for `add`."""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from podnotes.errors import InputError, PodnotesError
from podnotes.inputs import named
from podnotes.model import Chapter, Episode
from podnotes.parallel import WINDOW, map_ordered
from podnotes.parse import read_chapter_file
from podnotes.parse.decode import MAX_INPUT_BYTES, decode
from podnotes.store import Library, SaveResult, import_stamp, prepare

NOTE_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


@dataclass(frozen=True)
class ParseOptions:
    fmt: str | None = None
    encoding: str | None = None
    chapters: tuple[Chapter, ...] = ()
    overrides: dict[str, Any] = field(default_factory=dict)
    transcripts: dict[str, str] = field(default_factory=dict)  # notes source -> transcript file
    alone: frozenset[str] = frozenset()  # transcript files that are episodes of their own


def read_input(source: str) -> tuple[bytes, str]:
    """The bytes of a file, or of stdin for '-', with the name to use in messages."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise _too_large("-")
        return data, "-"
    path = Path(source)
    try:
        if path.is_dir():
            raise InputError(f"{source}: is a folder (add takes folders; parse takes one file)")
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise _too_large(source, size)
        with path.open("rb") as handle:
            # A device or pipe reports no size: read one byte past the limit, never everything.
            data = handle.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise _too_large(source)
        return data, source
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as err:
        raise InputError(f"{source}: cannot be read ({err.strerror or err})") from None


def _too_large(source: str, size: int | None = None) -> InputError:
    what = f"{size:,} bytes is" if size is not None else "the input is"
    return InputError(f"{source}: {what} more than the {MAX_INPUT_BYTES:,}-byte input limit")


def read_chapters(source: str | None, encoding: str | None = None) -> tuple[Chapter, ...]:
    if source is None:
        return ()
    data, name = read_input(source)
    return read_chapter_file(decode(data, name, encoding), name)


def parse_source(source: str, options: ParseOptions) -> list[tuple[int, Episode | PodnotesError]]:
    """Every episode of one input, each with the line it starts on (0 for a whole file):
    Snipd's 'Export all' file gives several, a damaged one an error naming its line."""
    from podnotes.inputs import read_special
    from podnotes.parse.split import parse_episodes

    data, name = read_input(source)
    note = read_special(
        data,
        name,
        encoding=options.encoding,
        chapters=options.chapters,
        overrides=options.overrides,
    )
    if note is not None:  # a podnotes note given as input is read as itself
        return [(0, note)]
    return parse_episodes(
        data,
        name=name,
        fmt=options.fmt,
        encoding=options.encoding,
        chapters=options.chapters,
        overrides=options.overrides,
    )


def expand_sources(sources: list[str]) -> list[str]:
    """Files as given; folders as the note files below them, sorted, hidden ones skipped."""
    out: list[str] = []
    for source in sources:
        path = Path(source)
        if source != "-" and path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in NOTE_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            out.extend(str(p) for p in found)
        else:
            out.append(source)
    return out


@dataclass(frozen=True, slots=True)
class AddOutcome:
    """What became of one episode of an input. `line` is where it starts in a file of several
    (Snipd's 'Export all'), `index` its place among the file's `parts`; 0, 1, 1 for a file of
    one episode."""

    source: str
    result: SaveResult | None = None
    error: PodnotesError | None = None
    line: int = 0
    index: int = 1
    parts: int = 1


Prepared = list[tuple[int, tuple[Episode, bytes] | PodnotesError]]


def add_sources(
    library: Library, sources: list[str], options: ParseOptions, *, force: bool = False
) -> Iterator[AddOutcome]:
    """Parse each source (on every core for a large batch) and store it, in the order given;
    a bad one is reported and the rest go on."""
    job = functools.partial(_prepared, options=options, stamp=import_stamp())
    workers = 1 if "-" in sources else None  # stdin belongs to this process
    # A transcribed episode is some 200 KB in memory: fewer of them wait for the writer.
    window = 64 if options.transcripts or options.alone else WINDOW
    results = map_ordered(job, sources, workers=workers, window=window)
    for source, ready in zip(sources, results, strict=True):
        if isinstance(ready, PodnotesError):
            yield AddOutcome(source, error=named(source, ready))
            continue
        for index, (line, part) in enumerate(ready, 1):
            where = AddOutcome(source, line=line, index=index, parts=len(ready))
            if isinstance(part, PodnotesError):
                yield replace(where, error=_named_part(source, line, part))
                continue
            episode, data = part
            try:
                yield replace(where, result=library.save(episode, force=force, data=data))
            except PodnotesError as err:
                yield replace(where, error=_named_part(source, line, err))


def _named_part(source: str, line: int, error: PodnotesError) -> PodnotesError:
    """The error naming its file, and the line its episode starts on in a file of several."""
    if not line or f"line {line}" in str(error):
        return named(source, error)
    wrapped = InputError(f"{source}: line {line}: {str(error).removeprefix(f'{source}: ')}")
    wrapped.exit_code = error.exit_code
    return wrapped


def _prepared(source: str, options: ParseOptions, stamp: str) -> Prepared:
    """Parse one source and dump each of its episodes as it will be stored: the work a bulk
    add spreads out."""
    from podnotes.transcripts.attach import episode_from_transcript, read_transcript_file

    if source in options.alone:
        return [(0, prepare(episode_from_transcript(source, options.encoding), stamp))]
    parts = parse_source(source, options)
    transcript = options.transcripts.get(source)
    if transcript is not None and len(parts) > 1:
        raise InputError(f"{source}: holds {len(parts)} episodes; a transcript goes with one")
    out: Prepared = []
    for line, episode in parts:
        if isinstance(episode, PodnotesError):
            out.append((line, episode))
            continue
        if transcript is not None:
            segments = read_transcript_file(transcript, options.encoding)
            episode = episode.with_changes(transcript=segments)
        try:
            out.append((line, prepare(episode, stamp)))
        except PodnotesError as err:
            out.append((line, err))
    return out
