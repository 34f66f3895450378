"""Transcript files meet episodes: pairing by base name for `add`, and `attach` afterwards.

A transcript file never becomes an episode by accident: in a folder it goes with the notes
file of the same base name (`ep-12.md` + `ep-12.vtt`); alone, it is an episode only when asked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from podnotes.errors import PodnotesError
from podnotes.model import Chapter, Episode, Segment, Source
from podnotes.parse.decode import MAX_INPUT_BYTES, decode
from podnotes.store import SaveResult
from podnotes.transcripts import SUFFIXES, detect_transcript, read_transcript
from podnotes.transcripts.index import has_transcript

if TYPE_CHECKING:
    from podnotes.index import Index
    from podnotes.store import Entry, Library

NOTE_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
# Which transcript goes with a note when one folder holds several of the same base name.
_PREFERENCE = (".vtt", ".srt", ".json", ".txt")


@dataclass
class Plan:
    """What `add` does with its sources: notes (each maybe with a transcript), transcripts
    that become episodes of their own, and what it leaves out, with why."""

    notes: list[str] = field(default_factory=list)
    transcripts: dict[str, str] = field(default_factory=dict)  # notes source -> transcript file
    alone: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one message each

    @property
    def sources(self) -> list[str]:
        return [*self.notes, *self.alone]


def read_transcript_file(source: str, encoding: str | None = None) -> tuple[Segment, ...]:
    from podnotes.importer import read_input

    data, name = read_input(source)
    return read_transcript(decode(data, name, encoding), name)


def episode_from_transcript(source: str, encoding: str | None = None) -> Episode:
    """A transcript on its own as an episode, titled after its file name."""
    from podnotes.importer import read_input

    data, name = read_input(source)
    segments = read_transcript(decode(data, name, encoding), name)
    title = " ".join(Path(name).stem.replace("_", " ").split()) or "Transcript"
    fmt = detect_transcript(decode(data, name, encoding)) or SUFFIXES.get(Path(name).suffix, "txt")
    sha = hashlib.sha256(data).hexdigest()
    return Episode(title=title, transcript=segments, source=Source(f"transcript-{fmt}", name, sha))


def plan_sources(sources: list[str], *, transcript: str | None = None, alone: bool = False) -> Plan:
    """Sort the files given and found in folders into notes and transcripts, and pair them."""
    plan = Plan()
    found = [(source, _kind(source, in_folder)) for source, in_folder in _files(sources)]
    notes = [s for s, kind in found if kind == "notes"]
    transcripts = [s for s, kind in found if kind == "transcript"]
    if transcript is not None:
        if len(notes) != 1 or transcripts:
            raise PodnotesError("--transcript goes with exactly one notes file")
        plan.notes, plan.transcripts = notes, {notes[0]: transcript}
        return plan
    by_stem: dict[tuple[Path, str], list[str]] = {}
    for source in transcripts:
        path = Path(source)
        by_stem.setdefault((path.parent, path.stem), []).append(source)
    for choices in by_stem.values():
        choices.sort(key=lambda s: _PREFERENCE.index(Path(s).suffix.lower()))
    paired: set[str] = set()
    for source in notes:
        path = Path(source)
        choices = by_stem.get((path.parent, path.stem), [])
        if choices:
            plan.transcripts[source] = choices[0]
            paired.add(choices[0])
            plan.skipped += [
                f"{c}: skipped: {choices[0]} is the transcript of {source}" for c in choices[1:]
            ]
            paired.update(choices[1:])
    plan.notes = notes
    for source in transcripts:
        if source in paired:
            continue
        if alone:
            plan.alone.append(source)
        else:
            plan.skipped.append(
                f"{source}: skipped: a transcript without a notes file of the same name "
                "(--transcripts-alone adds it as an episode; `podnotes attach` adds it to one)"
            )
    return plan


def _files(sources: Iterable[str]) -> Iterable[tuple[str, bool]]:
    """(file, found in a folder) for each source; folders give their note and transcript files."""
    wanted = NOTE_SUFFIXES | set(SUFFIXES)
    for source in sources:
        path = Path(source)
        if source == "-" or not path.is_dir():
            yield source, False
            continue
        for found in sorted(path.rglob("*")):
            parts = found.relative_to(path).parts
            if (
                found.suffix.lower() in wanted
                and not any(part.startswith(".") for part in parts)
                and found.is_file()
            ):
                yield str(found), True


def _kind(source: str, in_folder: bool) -> str:
    """'notes', 'transcript', or 'other' (a JSON file that holds no transcript, in a folder)."""
    suffix = Path(source).suffix.lower()
    if source == "-" or suffix in {".vtt", ".srt"}:
        return "notes" if source == "-" else "transcript"
    if suffix in NOTE_SUFFIXES - {".txt", ".text"} and not in_folder:
        return "notes"
    try:
        with open(source, "rb") as handle:
            head = handle.read(MAX_INPUT_BYTES)
    except OSError:
        return "notes" if suffix != ".json" else "transcript"  # add reports the error
    try:
        text = decode(head, source)
    except PodnotesError:
        return "notes" if suffix != ".json" else "other"
    if detect_transcript(text):
        return "transcript"
    return "other" if suffix == ".json" and in_folder else "notes"


def with_transcript(
    episode: Episode,
    segments: tuple[Segment, ...] | None,
    chapters: tuple[Chapter, ...] | None,
    *,
    force: bool,
    name: str,
) -> Episode:
    """The episode with these added; what it has already is replaced only with `force`."""
    changes: dict[str, object] = {}
    if segments is not None:
        if episode.transcript and not force:
            raise PodnotesError(
                f"{name} has a transcript already ({len(episode.transcript)} segments); "
                "--force replaces it"
            )
        changes["transcript"] = segments
    if chapters is not None:
        if episode.chapters and not force:
            raise PodnotesError(
                f"{name} has chapters already ({len(episode.chapters)}); --force replaces them"
            )
        changes["chapters"] = chapters
    return episode.with_changes(**changes)


def rewrite(library: Library, entry: Entry, episode: Episode) -> SaveResult:
    """Write the changed episode over its note, atomically, under the same name."""
    from podnotes.fileio import write_atomic
    from podnotes.store import Saved
    from podnotes.yamlio import dump

    write_atomic(entry.path, dump(episode).encode("utf-8"), overwrite=True)
    return SaveResult(Saved.REPLACED, entry.slug, entry.path, episode)


def fill_missing(
    library: Library, index: Index | None, stored: SaveResult, transcript: str, encoding: str | None
) -> SaveResult | None:
    """Notes added before without a transcript get the one now given with them; a note that
    has one keeps it (`attach --force` replaces it)."""
    if index is not None and has_transcript(index.conn, stored.path.name):
        return None
    entry = library.get(stored.slug)
    if entry.episode.transcript:
        return None
    segments = read_transcript_file(transcript, encoding)
    return rewrite(library, entry, entry.episode.with_changes(transcript=segments))
