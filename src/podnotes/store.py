"""The notes folder: locate, list, load and save episodes. The only code that touches the library
on disk; every write is atomic and stays inside the folder."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from enum import Enum
from pathlib import Path
from stat import S_ISREG
from typing import NamedTuple, Protocol

from podnotes import settings
from podnotes.errors import (
    EpisodeNotFoundError,
    InputError,
    NoteExistsError,
    PodnotesError,
    SchemaError,
    StoreError,
)
from podnotes.fileio import reason, write_atomic
from podnotes.model import Episode, Source
from podnotes.settings import MAX_FILE_BYTES as MAX_NOTE_BYTES  # as yamlio's, without YAML

SUFFIX = ".yaml"


def is_note_name(name: str) -> bool:
    """Whether a file of the notes folder is a note by its name: `.yaml`, and UTF-8 (podnotes
    writes ASCII slugs; a name the file system holds in another encoding cannot be kept in the
    index, and is no note: rename it). index.stamps keeps the same rule."""
    if not name.endswith(SUFFIX):
        return False
    try:
        name.encode()
    except UnicodeError:
        return False
    return True


MAX_SLUG = 80  # characters
MAX_SLUG_BYTES = 200  # in UTF-8: with a suffix and a temporary name, within 255
STALE_TEMP_SECONDS = 3600.0
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$", re.IGNORECASE)
_SHA_LINE = re.compile(r"^  sha256: '?([0-9a-f]{64})'?$", re.MULTILINE)


def resolve_notes_dir(option: Path | None = None) -> Path:
    """--notes-dir, then $PODNOTES_DIR, then ./notes when it exists, then the user data folder."""
    return settings.notes_folder(option)


def user_data_dir() -> Path:
    return settings.data_home() / "podnotes"


def slugify(title: str) -> str:
    """A file-safe, bounded name: the title's letters and digits in any script (Latin ones
    without accents), joined by hyphens; a short hash of the title when nothing is left, so
    that titles in different scripts never share a name; never a reserved device name."""
    text = unicodedata.normalize("NFKC", re.sub(r"['’]", "", title)).casefold()
    kept: list[str] = []
    for char in text:
        if char.isascii():
            kept.append(char if char.isalnum() else "-")
            continue
        kind = unicodedata.category(char)[0]
        if kind in "LN":
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
            kept.append(plain if plain.isalnum() else char)  # é -> e, but 日 stays 日
        elif kind == "M":
            if kept and not kept[-1].isascii():
                kept.append(char)  # a vowel sign or accent of a letter kept as it is
        else:
            kept.append("-")
    slug = re.sub(r"-{2,}", "-", "".join(kept)).strip("-")
    if len(slug) > MAX_SLUG or len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        cut = slug[:MAX_SLUG]
        while len(cut.encode("utf-8")) > MAX_SLUG_BYTES:
            cut = cut[:-1]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")
    if not slug:
        import hashlib  # only for a title with no letter or digit to name its file by

        digest = hashlib.sha256(title.encode("utf-8", "surrogatepass")).hexdigest()
        slug = f"episode-{digest[:10]}"
    if _WINDOWS_RESERVED.match(slug):
        slug += "-episode"
    return slug


class Saved(Enum):
    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


class SaveResult(NamedTuple):
    status: Saved
    slug: str
    path: Path
    episode: Episode | None = None  # as written, when something was written
    removed: Path | None = None  # the note this one replaced under another name
    taken: str | None = None  # the name that was wanted but held a different note


class IndexHook(Protocol):
    """What a save asks of the index (see `Library.attach_index`)."""

    def transaction(self) -> AbstractContextManager[None]: ...

    def stored_as(self, sha: str) -> str | None: ...

    def saved(self, result: SaveResult) -> None: ...


class Entry(NamedTuple):
    slug: str
    path: Path
    episode: Episode


class Library:
    """One notes folder of `<slug>.yaml` files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._sources: dict[str, str] | None = None
        self._lookup: Callable[[str], str | None] | None = None
        self._index: IndexHook | None = None

    def paths(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(
            p for p in self.root.glob(f"*{SUFFIX}") if is_note_name(p.name) and p.is_file()
        )

    def path_for(self, slug: str) -> Path:
        if slug != slugify(slug):
            raise StoreError(f"not a valid note name: {slug!r}")
        return self.root / f"{slug}{SUFFIX}"

    def load(self, path: Path) -> Episode:
        from podnotes.yamlio import load

        try:
            data = _read_bounded(path)
            if len(data) > MAX_NOTE_BYTES:
                raise SchemaError(str(path), [f"larger than {MAX_NOTE_BYTES:,} bytes"])
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise SchemaError(str(path), [f"cannot be read ({reason(err)})"]) from None
        return load(text, str(path))

    def entries(self, paths: list[Path] | None = None) -> Iterator[Entry | PodnotesError]:
        """Every note (or those at `paths`), loaded on every core for a large library, in
        order; a note that does not load comes as its error: one bad file never stops the rest."""
        from podnotes.parallel import map_ordered

        yield from map_ordered(read_entry, self.paths() if paths is None else paths)

    def load_all(self) -> tuple[list[Entry], list[PodnotesError]]:
        entries: list[Entry] = []
        errors: list[PodnotesError] = []
        for item in self.entries():
            if isinstance(item, Entry):
                entries.append(item)
            else:
                errors.append(item)
        return entries, errors

    def get(self, slug: str) -> Entry:
        # Any note file of the folder answers to its name (a hand-named 'Sleep-Notes.yaml' too);
        # a name that could reach outside the folder never does.
        path = self.root / f"{slug}{SUFFIX}"
        outside = not slug or slug in {".", ".."} or any(c in slug for c in "/\\\0")
        if outside or not path.is_file():
            raise EpisodeNotFoundError(f"no episode named {slug!r} in {self.root}")
        return Entry(slug, path, self.load(path))

    # --- writing ----------------------------------------------------------------------------------

    def sweep(self, *, older_than: float = STALE_TEMP_SECONDS) -> int:
        """Remove temporary files that a killed write left behind (old enough that no running
        write can own them); returns how many."""
        removed = 0
        cutoff = time.time() - older_than
        with contextlib.suppress(OSError), os.scandir(self.root) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith(".") and name.endswith(".tmp") and f"{SUFFIX}." in name:
                    with contextlib.suppress(OSError):
                        if entry.stat().st_mtime < cutoff:
                            os.unlink(entry.path)
                            removed += 1
        return removed

    def look_up_sources_with(self, lookup: Callable[[str], str | None]) -> None:
        """Find stored inputs with `lookup` (the index) instead of scanning every note."""
        self._lookup = lookup

    def attach_index(self, index: IndexHook) -> None:
        """Save each note inside one short transaction of `index`: the check for a stored
        input, the write and the index row happen under its write lock, so racing `add`s see
        each other's notes and the index never lags behind the folder."""
        self._index = index
        self._lookup = index.stored_as

    def stored_as(self, sha: str) -> str | None:
        """The slug of the note made from the input with this sha256, if one is stored."""
        if self._lookup is not None:
            slug = self._lookup(sha)
            # The index may remember a note deleted since: only a file that is there counts.
            return slug if slug and (self.root / f"{slug}{SUFFIX}").exists() else None
        return self.sources().get(sha)

    def sources(self) -> dict[str, str]:
        """sha256 of each note's input -> slug, read with a line scan rather than a YAML parse."""
        if self._sources is None:
            self._sources = {}
            for path in self.paths():
                with contextlib.suppress(OSError, UnicodeDecodeError):
                    match = _SHA_LINE.search(_read_bounded(path).decode("utf-8"))
                    if match:
                        self._sources.setdefault(match.group(1), path.stem)
        return self._sources

    def save(
        self,
        episode: Episode,
        *,
        force: bool = False,
        data: bytes | None = None,
        replace: str | None = None,
    ) -> SaveResult:
        """Store a parsed episode under the slug of its title.

        The same input again (same sha256) changes nothing, unless `force` asks to store it
        again: then the note made from that input is replaced, and no other. A different note
        under the wanted name is never overwritten: the new one gets the next free name
        (`slug-2`, ...). `replace` names a note (by slug) that the new one replaces instead.
        `data` is the episode already dumped (see `prepare`)."""
        if self._index is None:
            return self._save(episode, force=force, data=data, replace=replace)
        with self._index.transaction():
            result = self._save(episode, force=force, data=data, replace=replace)
            self._index.saved(result)
        return result

    def _save(
        self, episode: Episode, *, force: bool, data: bytes | None, replace: str | None
    ) -> SaveResult:
        wanted = slugify(episode.title)
        sha = episode.source.sha256 if episode.source else ""
        existing = self.stored_as(sha) if sha else None
        if existing is not None and not force and replace is None:
            return SaveResult(Saved.UNCHANGED, existing, self.root / f"{existing}{SUFFIX}")
        if replace is not None and not self.path_for(replace).is_file():
            raise EpisodeNotFoundError(f"no episode named {replace!r} in {self.root} to replace")
        if data is None:
            episode, data = prepare(episode)
        target = replace if replace is not None else existing
        if target is None:
            slug, path = self._write_new(wanted, data)
            taken = wanted if slug != wanted else None
            if sha and self._lookup is None:
                self.sources()[sha] = slug  # the index learns it from its saved()
            return SaveResult(Saved.ADDED, slug, path, episode, taken=taken)
        removed = None
        if _of_title(target, wanted):
            # The note it replaces already has the title's name (or a numbered one): keep it.
            slug, path = target, self.path_for(target)
            write_atomic(path, data, overwrite=True)
        else:
            # Stored under its old title: the new note takes the new title's name.
            slug, path = self._write_new(wanted, data)
            removed = self.root / f"{target}{SUFFIX}"
            try:
                removed.unlink(missing_ok=True)
            except OSError as err:
                raise StoreError(f"cannot remove {removed}: {reason(err)}") from None
        if sha and self._lookup is None:
            self.sources()[sha] = slug
        return SaveResult(Saved.REPLACED, slug, path, episode, removed)

    def _write_new(self, wanted: str, data: bytes) -> tuple[str, Path]:
        """Write under the first free name of wanted, wanted-2, wanted-3 ... (race-safe)."""
        for n in range(1, 10_000):
            slug = _numbered(wanted, n)
            path = self.path_for(slug)
            if path.exists():
                continue
            try:
                write_atomic(path, data, overwrite=False)
            except NoteExistsError:
                continue  # taken between the check and the write: try the next name
            return slug, path
        raise StoreError(f"too many notes named {wanted!r}")


def _numbered(wanted: str, n: int) -> str:
    """The n-th name for a title: wanted, wanted-2, wanted-3 ..., within the length limit."""
    suffix = "" if n == 1 else f"-{n}"
    return wanted[: MAX_SLUG - len(suffix)].rstrip("-") + suffix


def _of_title(slug: str, wanted: str) -> bool:
    """Whether `slug` is one of the names a note of this title is stored under."""
    match = re.fullmatch(r".+-([1-9]\d{0,3})", slug)
    return slug == wanted or (match is not None and _numbered(wanted, int(match[1])) == slug)


def read_entry(path: Path) -> Entry:
    """One note as an Entry (a module-level function, so worker processes can run it)."""
    return Entry(path.stem, path, Library(path.parent).load(path))


def import_stamp() -> str:
    """The time a note is imported, as stored in its source: '2026-11-28T12:39:36Z'."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def prepare(episode: Episode, stamp: str | None = None) -> tuple[Episode, bytes]:
    """The episode as it will be stored (with its import time) and its YAML bytes; bulk
    imports do this in worker processes."""
    from podnotes.transcripts.yamlblock import join_block, reads_apart
    from podnotes.yamlio import dump_parts

    if episode.source is not None:
        source = episode.source
        stamped = Source(source.format, source.file, source.sha256, stamp or import_stamp())
        episode = episode.with_changes(source=stamped)
    rest, block = dump_parts(episode)
    text = join_block(rest, block)
    # A transcript block that `load` reads apart never meets the YAML parser's bounds: only
    # the rest of the note is counted (its events would be most of an add's time).
    apart = not block or reads_apart(episode.transcript, block)
    _readable_back(text, episode.title, counted=rest if apart else text)
    return episode, text.encode("utf-8")


def _readable_back(text: str, title: str, *, counted: str | None = None) -> None:
    """Refuse a note podnotes itself would refuse to read (too large, too many values);
    `counted` is the part of it the YAML parser reads (all of it by default)."""
    from podnotes.yamlguard import too_large

    problem = too_large(text if counted is None else counted)
    if problem is None and len(text) * 4 > MAX_NOTE_BYTES and len(text.encode()) > MAX_NOTE_BYTES:
        problem = f"larger than {MAX_NOTE_BYTES:,} bytes"
    if problem is not None:
        raise InputError(f"the note for {title!r} is too large to store ({problem})")


def _read_bounded(path: Path) -> bytes:
    """A note's bytes, at most one past the size limit: a huge or endless file is not slurped,
    and a FIFO or device is refused rather than waited on."""
    if not S_ISREG(path.stat().st_mode):
        raise OSError(errno.EINVAL, "not a regular file")
    with path.open("rb") as handle:
        return handle.read(MAX_NOTE_BYTES + 1)
