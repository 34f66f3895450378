"""Rendering for library commands: list, add, validate."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Sized
from dataclasses import asdict
from typing import TYPE_CHECKING

from podnotes.errors import SchemaError
from podnotes.model import Summary
from podnotes.render import Output
from podnotes.render.views import Column, Fit, Note, Report, Table
from podnotes.store import Saved, SaveResult

if TYPE_CHECKING:
    from podnotes.app import Report as Done
    from podnotes.index import Refresh

LIST_HEADERS = ("slug", "title", "podcast", "date", "takeaways", "dives", "highlights", "chapters")


def list_row(ep: Summary) -> list[str]:
    counts = ep.counts
    return [
        ep.slug,
        ep.title,
        ep.podcast,
        ep.published or "",
        str(counts["takeaways"]),
        str(counts["deep_dives"]),
        str(counts["highlights"]),
        str(counts["chapters"]),
    ]


LIST_COLUMNS = (
    Column("slug"),
    Column("title", "Title", "bold", fit=Fit.TITLE, wide=True),
    Column("podcast", "Podcast", "cyan", fit=Fit.PODCAST, wide=True),
    Column("date", "Date", "dim", fit=Fit.DATE),
    Column("takeaways", "Takeaways", right=True, fit=Fit.COUNT),
    Column("dives", "Dives", right=True, fit=Fit.COUNT),
    Column("highlights", "Highlights", right=True, fit=Fit.COUNT),
    Column("chapters", "Chapters", right=True, fit=Fit.COUNT),
)


def list_item(e: Summary) -> dict[str, object]:
    return {
        "slug": e.slug,
        "title": e.title,
        "podcast": e.podcast,
        "published": e.published,
        "guests": list(e.guests),
        "tags": list(e.tags),
        "counts": e.counts,
    }


def episode_list(
    out: Output,
    entries: Iterable[Summary],
    where: str,
    *,
    total: int | None = None,
    cells: Iterable[Sequence[str]] | None = None,
) -> None:
    """The episodes as a table; `entries` may be a stream, then `total` says how many, and
    `cells`, each entry's list_row made elsewhere (by the index), spares building them."""
    total = len(entries) if total is None and isinstance(entries, Sized) else total
    out.emit(
        Table(
            LIST_COLUMNS,
            (list_row(e) for e in entries) if cells is None else cells,
            data=(list_item(e) for e in entries),
            title=f"{total} episodes in {where}" if total is not None else f"Episodes in {where}",
            empty=f"No notes yet in {where}. Add some with: podnotes add FILE",
            count=total,
        )
    )


def save_result(out: Output, result: SaveResult, source: str) -> None:
    if result.status is Saved.UNCHANGED:
        out.note(f"unchanged: {source} is already in the library as {result.slug}", style="dim")
    elif result.taken:
        out.note(
            f"{result.status.value}: {source} -> {result.path} "
            f"({result.taken} holds a different episode, which is kept)",
            style="yellow",
        )
    else:
        out.note(f"{result.status.value}: {source} -> {result.path}", style="green")


def add_summary(out: Output, report: Done[SaveResult], root: object) -> None:
    tally = Counter(result.status.value for result in report.done)
    tally["failed"] = len(report.failed)
    parts = [f"{tally[k]} {k}" for k in ("added", "replaced", "unchanged", "failed") if tally[k]]
    out.note(f"{', '.join(parts)} in {root}", style="red" if tally["failed"] else "green")


def export_summary(out: Output, written: int, failed: int, folder: object) -> None:
    message = f"exported {written} episodes to {folder}" + (f", {failed} failed" if failed else "")
    out.note(message, style="red" if failed else "green")


def validation(out: Output, checked: int, errors: Sequence[SchemaError]) -> None:
    summary = f"{checked - len(errors)} of {checked} files valid"
    out.emit(
        Report(
            lines=[f"{error.file}: {problem}" for error in errors for problem in error.problems],
            notes=[Note(summary, style="red" if errors else "green")],
            data={
                "checked": checked,
                "valid": checked - len(errors),
                "problems": [{"file": e.file, "problems": e.problems} for e in errors],
            },
        )
    )


def index_status(out: Output, status: Mapping[str, object] | None, refresh: Refresh | None) -> None:
    notes = []
    if refresh is not None:
        verb = "rebuilt" if refresh.rebuilt else "refreshed"
        notes.append(Note(f"index {verb}: {refresh.read} files read, {refresh.removed} dropped"))
    if status is None:
        lines = ["no index yet: it is built by the first command that reads the library"]
    else:
        lines = [f"{key:12} {value}" for key, value in status.items()]
    data = {"index": status, "refresh": asdict(refresh) if refresh else None}
    out.emit(Report(lines=lines, notes=notes, data=data, notes_first=True))
