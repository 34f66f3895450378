"""Rendering for library commands: list, add, validate."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

from podnotes.errors import SchemaError
from podnotes.model import Summary
from podnotes.render import Output, plain_table, text
from podnotes.store import Saved, SaveResult

if TYPE_CHECKING:
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


def episode_list(out: Output, entries: Sequence[Summary], where: str) -> None:
    if out.json:
        out.print_json(
            [
                {
                    "slug": e.slug,
                    "title": e.title,
                    "podcast": e.podcast,
                    "published": e.published,
                    "guests": list(e.guests),
                    "tags": list(e.tags),
                    "counts": e.counts,
                }
                for e in entries
            ]
        )
        return
    if not entries:
        out.note(f"No notes yet in {where}. Add some with: podnotes add FILE")
        return
    if not out.rich:
        for line in plain_table(LIST_HEADERS, [list_row(e) for e in entries]):
            out.line(line)
        return
    from rich.table import Table

    table = Table(title=text(f"{len(entries)} episodes in {where}"), title_justify="left")
    table.add_column("Title", ratio=3, overflow="fold")
    table.add_column("Podcast", ratio=1, overflow="fold")
    table.add_column("Date", no_wrap=True)
    for header in ("Takeaways", "Dives", "Highlights", "Chapters"):
        table.add_column(header, justify="right", no_wrap=True)
    for entry in entries:
        row = list_row(entry)
        table.add_row(
            text(row[1], "bold"),
            text(row[2], "cyan"),
            text(row[3], "dim"),
            *(text(c) for c in row[4:]),
        )
    out.show(table)


def save_result(out: Output, result: SaveResult, source: str) -> None:
    if result.status is Saved.UNCHANGED:
        out.note(f"unchanged: {source} is already in the library as {result.slug}", style="dim")
    elif result.taken:
        out.note(
            f"{result.status.value}: {source} -> {result.path} "
            f"({result.taken} holds a different note; --force would replace it)",
            style="yellow",
        )
    else:
        out.note(f"{result.status.value}: {source} -> {result.path}", style="green")


def add_summary(out: Output, tally: Mapping[str, int], root: object) -> None:
    parts = [f"{tally[k]} {k}" for k in ("added", "replaced", "unchanged", "failed") if tally[k]]
    out.note(f"{', '.join(parts)} in {root}", style="red" if tally["failed"] else "green")


def export_summary(out: Output, written: int, failed: int, folder: object) -> None:
    message = f"exported {written} episodes to {folder}" + (f", {failed} failed" if failed else "")
    out.note(message, style="red" if failed else "green")


def validation(out: Output, checked: int, errors: Sequence[SchemaError]) -> None:
    if out.json:
        out.print_json(
            {
                "checked": checked,
                "valid": checked - len(errors),
                "problems": [{"file": e.file, "problems": e.problems} for e in errors],
            }
        )
        return
    for error in errors:
        for problem in error.problems:
            out.line(text(f"{error.file}: {problem}").plain)
    summary = f"{checked - len(errors)} of {checked} files valid"
    out.note(summary, style="red" if errors else "green")


def index_status(out: Output, status: Mapping[str, object] | None, refresh: Refresh | None) -> None:
    if out.json:
        out.print_json({"index": status, "refresh": asdict(refresh) if refresh else None})
        return
    if refresh is not None:
        verb = "rebuilt" if refresh.rebuilt else "refreshed"
        out.note(f"index {verb}: {refresh.read} files read, {refresh.removed} dropped")
    if status is None:
        out.line("no index yet: it is built by the first command that reads the library")
        return
    for key, value in status.items():
        out.line(f"{key:12} {value}")
