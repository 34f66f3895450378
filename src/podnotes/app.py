"""The application layer: one library (the notes folder and its index, kept together).

Every change goes through here so the index never lags the notes, whether the caller is the CLI
or a Python program::

    from podnotes import Library, parse_text
    library = Library("notes")
    library.add_episode(parse_text(open("page.txt").read(), name="page.txt"))
    hits = library.search("physiological sigh").hits

Methods return a report (what was done, what failed, the exit status); nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from podnotes.errors import ExitCode, PodnotesError, SchemaError
from podnotes.store import Entry, Saved, SaveResult, resolve_notes_dir
from podnotes.store import Library as Folder

if TYPE_CHECKING:
    from podnotes.export import ExportOptions, Written
    from podnotes.importer import AddOutcome, ParseOptions
    from podnotes.index import Index, Refresh
    from podnotes.manage import Manager
    from podnotes.model import Episode, Summary
    from podnotes.search import Hit, Query

T = TypeVar("T")
TRASH = ".trash"  # podnotes.trash keeps removed notes here


@dataclass
class Report(Generic[T]):
    """What one call did: the items done, the failures (each one line for a user), and the exit
    status a CLI should end with."""

    done: list[T] = field(default_factory=list)
    failed: list[PodnotesError] = field(default_factory=list)
    empty_status: ExitCode = ExitCode.OK  # the status when nothing was done and nothing failed

    @property
    def exit_code(self) -> ExitCode:
        if self.failed:
            return ExitCode.PARTIAL if self.done else ExitCode.USAGE
        return ExitCode.OK if self.done else self.empty_status

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class Validation:
    """`validate`: how many files were checked, and the problems of each invalid one."""

    checked: int
    errors: list[SchemaError]

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.INVALID if self.errors else ExitCode.OK


@dataclass
class Found:
    """`search`: the hits, best first."""

    hits: list[Hit]

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.OK if self.hits else ExitCode.NO_MATCH


class Library:
    """A notes folder and its search index. `notice` hears about repairs (an index rebuilt),
    `warn` about notes skipped because they do not load; a CLI shows both on stderr."""

    def __init__(
        self,
        root: Path | str | None = None,
        *,
        notice: Callable[[str], None] | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.folder = Folder(resolve_notes_dir(Path(root) if root is not None else None))
        self.notice = notice or _ignore
        self.warn = warn or _ignore
        self._index: Index | None = None

    @property
    def root(self) -> Path:
        return self.folder.root

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None

    # --- reading ----------------------------------------------------------------------------

    def index(self, *, wait: bool = True) -> Index:
        """The index, brought up to date; notes that do not load are reported once. Without
        `wait`, the full check the command started first may still run: ask, then `settled()`
        says whether the answer holds (a search overlaps its question with that check)."""
        if self._index is None:
            from podnotes.index import Index

            self._index = Index.open(self.folder, notice=self.notice, wait=wait)
            self._index.attach(self.folder)  # each save is indexed in the same transaction
            if not self._index.pending:
                self._report_problems()
        elif wait:
            self.settled()
        return self._index

    def settled(self) -> bool:
        """Whether what the index answered before its full check was done still holds (see
        Index.settle); when not, the index is current now, and the question is asked again."""
        index = self._index
        if index is None or not index.pending:
            return True
        current = index.settle()
        self._report_problems()
        return current

    def _report_problems(self) -> None:
        assert self._index is not None
        for problem in self._index.problems():
            self.warn(f"skipped {problem}")

    def summaries(self) -> list[Summary]:
        return self.index().summaries()

    def find(self, name: str, *, fuzzy: bool = True) -> Entry:
        """The episode a user named: slug, slug prefix, title words or a clear fuzzy match
        (without `fuzzy`, a near spelling is only suggested)."""
        from podnotes.resolve import resolve

        return resolve(self.folder, name, lambda: self.index().summaries(), fuzzy=fuzzy)

    def changes(self) -> Manager:
        """Trash, restore, retag, set fields and edit notes (see podnotes.manage)."""
        from podnotes.manage import Manager

        return Manager(self.folder, self._existing_index(), lambda: self.index().summaries())

    def entries(self, paths: list[Path] | None = None) -> Iterator[Entry]:
        """Every note that loads, streamed; each broken file is reported once and skipped."""
        for item in self.folder.entries(paths):
            if isinstance(item, PodnotesError):
                self.warn(f"skipped {item}")
            else:
                yield item

    def search(self, query: Query | str) -> Found:
        from podnotes.search import Query, search

        request = Query(query) if isinstance(query, str) else query
        return Found(search(self.index(), request))

    def hits(self, query: Query | str) -> Iterator[Hit]:
        """The hits of `search` one at a time, best first: for a query that may match much of
        a large library, texts are read as the hits are taken, not held together."""
        from podnotes.search import Query, stream

        request = Query(query) if isinstance(query, str) else query
        return stream(self.index(), request)

    def validate(self, paths: list[Path] | None = None) -> Validation:
        files = paths or self.folder.paths()
        errors: list[SchemaError] = []
        for path in files:
            try:
                self.folder.load(path)
            except SchemaError as err:
                errors.append(err)
        return Validation(len(files), errors)

    # --- changing ---------------------------------------------------------------------------

    def _existing_index(self) -> Index | None:
        """The index if one exists (a first `add` into an empty folder need not build one),
        attached to the folder so that every save is indexed in the same transaction."""
        if self._index is None:
            from podnotes.index import Index

            self._index = Index.existing(self.folder, notice=self.notice)
            if self._index is None:
                return None
            self._index.refresh()  # notes synced or copied in since are known first
            self._index.attach(self.folder)
        return self._index

    def keep(self, result: SaveResult) -> SaveResult:
        """Index a note written outside `folder.save` (a rewrite in place); drop what it
        replaced."""
        index = self._existing_index()
        if index is not None:
            with index.transaction():
                index.saved(result)
        return result

    def add(
        self,
        sources: list[str],
        options: ParseOptions | None = None,
        *,
        force: bool = False,
        each: Callable[[AddOutcome], None] | None = None,
    ) -> Report[SaveResult]:
        """Parse and store notes files (in parallel for a batch); `each` hears every outcome
        as it happens. A bad input is reported and the rest go on."""
        from podnotes.importer import ParseOptions, add_sources

        self.folder.sweep()  # what a killed earlier write may have left
        report: Report[SaveResult] = Report()
        options = options or ParseOptions()
        self._existing_index()
        for outcome in add_sources(self.folder, sources, options, force=force):
            if outcome.result is not None:
                outcome = self._stored(outcome, options)
            if outcome.error is not None:
                report.failed.append(outcome.error)
            elif outcome.result is not None:
                # Without the episode: 5,000 transcribed episodes held to the end are 700 MB.
                report.done.append(outcome.result._replace(episode=None))
            if each is not None:
                each(outcome)
        return report

    def _stored(self, outcome: AddOutcome, options: ParseOptions) -> AddOutcome:
        """A note stored before without a transcript gets the one now paired with it."""
        from podnotes.transcripts.attach import fill_missing

        paired = options.transcripts.get(outcome.source)
        if paired is None or outcome.result is None or outcome.result.episode is not None:
            return outcome
        try:
            filled = fill_missing(
                self.folder, self._index, outcome.result, paired, options.encoding
            )
        except PodnotesError as err:
            return replace(outcome, result=None, error=err)
        return outcome if filled is None else replace(outcome, result=self.keep(filled))

    def add_episode(self, episode: Episode, *, force: bool = False) -> SaveResult:
        """Store an episode parsed in Python; the index learns it at once."""
        self._existing_index()
        return self.folder.save(episode, force=force)

    def update(self, name: str, **changes: Any) -> Entry:
        """Change fields of one stored note in place (validated, atomic), index updated."""
        from podnotes.fields import BY_KEY
        from podnotes.fileio import write_atomic
        from podnotes.schema import from_data
        from podnotes.yamlio import dump, load, to_data

        unknown = sorted(set(changes) - set(BY_KEY) | {"schema", "source"} & set(changes))
        if unknown:
            raise PodnotesError(f"cannot set {', '.join(unknown)}: not a field a note can change")
        entry = self.find(name)
        data = to_data(entry.episode)
        for key, value in changes.items():  # as YAML would hold it, so the schema checks it
            if BY_KEY[key].record is not None:
                value = to_data(entry.episode.with_changes(**{key: value}))[key]
            data[key] = list(value) if isinstance(value, tuple) else value
        text = dump(from_data(data, str(entry.path)))
        episode = load(text, str(entry.path))  # and what is written reads back the same
        write_atomic(entry.path, text.encode("utf-8"), overwrite=True)
        self.keep(SaveResult(Saved.REPLACED, entry.slug, entry.path, episode))
        return Entry(entry.slug, entry.path, episode)

    def remove(self, names: Iterable[str]) -> Report[Path]:
        """Move notes into the library's trash folder (never deleted), out of the index."""
        moved = self.changes().remove(names)
        return Report([changed.path for changed in moved.done], moved.failed)

    def export(
        self,
        episodes: list[str] | list[Path] | None,
        out_dir: Path,
        options: ExportOptions,
        *,
        each: Callable[[Written], None] | None = None,
    ) -> Report[Path]:
        """One file per episode into out_dir: the named episodes, the notes at these paths, or
        (None) every note; notes are read as they are written, so memory stays flat."""
        from podnotes.export import export_to_dir

        report: Report[Path] = Report()
        entries: Iterable[Entry]
        if episodes is None or all(isinstance(e, Path) for e in episodes):
            entries = self.entries(None if episodes is None else [Path(e) for e in episodes])
        else:
            entries = [self.find(str(name)) for name in episodes]
        for written in export_to_dir(entries, out_dir, options):
            if written.error is not None:
                report.failed.append(written.error)
            elif written.path is not None:
                report.done.append(written.path)
            if each is not None:
                each(written)
        return report

    def count(self) -> int:
        return len(self.folder.paths())

    def reindex(self, *, rebuild: bool = False) -> tuple[Refresh, dict[str, object]]:
        """Bring the index fully up to date (reading every changed note), or rebuild it."""
        from podnotes.index import Index

        if self._index is None:
            self._index = Index.open(self.folder, notice=self.notice, refresh=False)
            self._index.attach(self.folder)
        result = self._index.rebuild() if rebuild else self._index.refresh(full=True)
        for problem in self._index.problems():  # each note that does not load, in one line
            self.warn(f"skipped {problem}")
        return result, self._index.status()

    def watch(self, *, idle_exit: float | None = None, ready: Callable[[], None] = print) -> None:
        """Keep the index current as notes change, until interrupted (`index --watch`)."""
        from podnotes.index import Index

        index = Index.open(self.folder, notice=self.notice, refresh=False)
        try:
            index.watch(idle_exit=idle_exit, ready=ready)
        finally:
            index.close()

    def index_status(self) -> dict[str, object] | None:
        from podnotes.index import Index

        existing = Index.existing(self.folder, notice=self.notice)
        return existing.status() if existing is not None else None


def _ignore(_: str) -> None:
    pass
