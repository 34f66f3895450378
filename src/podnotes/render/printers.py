"""The three ways a view is printed: JSON, plain text (a pipe) and Rich (a terminal).

`Output` picks one printer once per command; each printer knows every kind of view, so no
renderer asks which output it is writing to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from podnotes.render import Output, json_text, one_line, text, visible
from podnotes.render.plain import BATCH, group_text, plain_lines
from podnotes.render.views import (
    Document,
    Gap,
    Group,
    Groups,
    Heading,
    Hits,
    Item,
    Line,
    Paragraph,
    Quote,
    Report,
    Subheading,
    Table,
    View,
)
from podnotes.render.views import Hit as ViewHit

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


class Printer:
    def __init__(self, out: Output) -> None:
        self.out = out

    def emit(self, view: View) -> None:
        raise NotImplementedError

    def report(self, view: Report) -> None:
        if view.notes_first:
            self._notes(view)
        for line in view.lines:
            self.out.line(visible(line))
        if not view.notes_first:
            self._notes(view)

    def _notes(self, view: Report) -> None:
        for note in view.notes:
            self.out.note(note.text, style=note.style)


class JsonPrinter(Printer):
    def emit(self, view: View) -> None:
        data = view.data
        if not isinstance(data, Iterator):
            self.out.print_json(data)
            return
        # A stream of items: the same text json.dumps(list, indent=2) gives, item by item.
        write, first = self.out.stdout.write, True
        for item in data:
            write(("[\n  " if first else ",\n  ") + json_text(item).replace("\n", "\n  "))
            first = False
        write("[]\n" if first else "\n]\n")


class PlainPrinter(Printer):
    """Plain text for a pipe: aligned columns, no colour, no box art, one record a line."""

    def emit(self, view: View) -> None:
        if isinstance(view, Report):
            self.report(view)
        elif isinstance(view, Document):
            for line in document_lines(view):
                self.out.line(line)
        elif isinstance(view, Groups):
            keyed = view.keyed
            if keyed is None:
                keyed = ((g.key, g.items) for g in view.groups)
            if not group_text(self.out.stdout.write, view.columns, keyed) and view.empty:
                self.out.note(view.empty)
        else:
            headers, rows, empty = self._table(view)
            first = list(islice(rows, BATCH))
            if not first and empty:
                self.out.note(empty)
                return
            write, lines = self.out.stdout.write, plain_lines(headers, chain(first, rows))
            while batch := list(islice(lines, 512)):
                write("\n".join(batch) + "\n")

    @staticmethod
    def _table(view: Table | Hits) -> tuple[Sequence[str], Iterator[Sequence[str]], str]:
        if isinstance(view, Table):
            shown = [i for i, c in enumerate(view.columns) if c.name is not None]
            headers = [view.columns[i].name or "" for i in shown]
            if len(shown) == len(view.columns):
                return headers, iter(view.rows), view.empty
            return headers, ([row[i] for i in shown] for row in view.rows), view.empty
        found = ((h.episode, h.field, h.score, h.before + h.match + h.after) for h in view.hits)
        return ("episode", "field", "score", "text"), found, view.empty


def document_lines(view: Document) -> Iterator[str]:
    for block in view.blocks:
        yield from _PLAIN_BLOCKS.get(type(block), _table_block_lines)(block)


def _line_lines(block: Line) -> Iterator[str]:
    if block.plain:
        yield one_line(block.text)


def _gap_lines(block: Gap) -> Iterator[str]:
    if block.plain:
        yield ""


def _table_block_lines(block: Any) -> Iterator[str]:
    headers = [c.name or "" for c in block.columns] if block.plain_header else None
    shown = [i for i, c in enumerate(block.columns) if c.name is not None]
    yield from plain_lines(
        [headers[i] for i in shown] if headers else None,
        ([row[i] for i in shown] for row in block.rows),
    )


# One way to write each kind of block as plain text; anything else is a table.
_PLAIN_BLOCKS: dict[type, Callable[[Any], Iterable[str]]] = {
    Line: _line_lines,
    Heading: lambda block: ("", block.text.upper()),
    Subheading: lambda block: (f"## {one_line(block.text)} {block.aside}".rstrip(),),
    Paragraph: lambda block: visible(block.text).split("\n"),
    Item: lambda block: (f"- {one_line(block.text)}",),
    Quote: lambda block: (f"> {line}" for line in visible(block.text).split("\n")),
    Gap: _gap_lines,
}


class RichPrinter(Printer):
    """Rich for a terminal: tables with box art, styles, wrapped text."""

    def emit(self, view: View) -> None:
        if isinstance(view, Report):
            self.report(view)
        elif isinstance(view, Document):
            self.out.show(rich_document(view, self.out.console()))
        elif isinstance(view, Table):
            self.table(view)
        elif isinstance(view, Groups):
            shown = False
            for group in view.groups:
                self.out.show(rich_group(group))
                shown = True
            if not shown and view.empty:
                self.out.note(view.empty)
        else:
            self.hits(view)

    def hits(self, view: Hits) -> None:
        """Each hit as it comes, a blank line between them."""
        shown = False
        for hit in view.hits:
            if shown:
                self.out.line()
            self.out.show(rich_hit(hit, self.out.console().width))
            shown = True
        if not shown and view.empty:
            self.out.note(view.empty)

    def table(self, view: Table) -> None:
        """Rows as they come, fitted to the width from a bounded first batch."""
        from rich.text import Text

        from podnotes.render.layout import table_lines

        rows = iter(view.rows)
        first = list(islice(rows, BATCH))
        if not first and view.empty:
            self.out.note(view.empty)
            return
        console = self.out.console()
        if view.title:
            console.print(text(view.title, view.title_style))
        every_row = len(first) < BATCH  # the first batch holds every row
        lines = table_lines(
            view.columns, first, rows, console, wrap=self.out.wrap, every_row=every_row
        )
        while batch := list(islice(lines, 64)):
            console.print(Text("\n").join(batch), no_wrap=True, overflow="crop")


def rich_table(view: Table, console: Console) -> RenderableType:
    """A whole (small) table as one renderable, inside a document."""
    from rich.console import Group as RichGroup

    from podnotes.render.layout import table_lines

    rows = list(view.rows)
    lines = list(table_lines(view.columns, rows, (), console, wrap=True, every_row=True))
    return RichGroup(*([text(view.title, view.title_style)] if view.title else []), *lines)


def rich_group(group: Group) -> RenderableType:
    from rich.table import Table as RichTable

    table = RichTable(
        title=text(group.title, "bold"),
        caption=text(group.caption, "cyan"),
        title_justify="left",
        caption_justify="left",
        show_header=False,
        expand=True,
    )
    table.add_column("#", justify="right", style="magenta", no_wrap=True)
    table.add_column("Item", overflow="fold")
    for n, item in enumerate(group.items, 1):
        table.add_row(str(n), text(item))
    return table


def rich_document(view: Document, console: Console) -> RenderableType:
    from rich.console import Group as RichGroup
    from rich.padding import Padding
    from rich.rule import Rule

    parts: list[Any] = []
    for block in view.blocks:
        if isinstance(block, Line):
            parts.append(text(block.text, block.style))
        elif isinstance(block, Heading):
            parts += ["", Rule(text(block.text, "bold"), align="left", style="magenta")]
        elif isinstance(block, Subheading):
            title = text(block.text, "bold yellow")
            if block.aside:
                title.append(f"  {block.aside}", style="dim")
            parts.append(title)
        elif isinstance(block, Paragraph):
            para = text(block.text, block.style)
            parts.append(Padding(para, (0, 0, 0, block.indent)) if block.indent else para)
        elif isinstance(block, Item):
            parts.append(_bullet(block.text))
        elif isinstance(block, Quote):
            parts.append(Padding(text(block.text, "italic"), (0, 0, 0, 2)))
        elif isinstance(block, Gap):
            parts.append("")
        else:
            parts.append(rich_table(block, console))
    return RichGroup(*parts)


def _bullet(value: str) -> RenderableType:
    from rich.table import Table as RichTable

    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="magenta")
    grid.add_column(overflow="fold")
    grid.add_row("•", text(value))
    return grid


def rich_hit(hit: ViewHit, width: int) -> RenderableType:
    """A hit's heading on one line (its title and where it is cut with … to fit), then its
    snippet indented."""
    from rich.console import Group as RichGroup
    from rich.padding import Padding

    from podnotes.render.layout import heading_parts

    where = f" › {one_line(hit.where)}" if hit.where else ""
    rest = len(f"  {hit.field}  {hit.score}")
    title, where = heading_parts(one_line(hit.title), where, rest, width)
    head = text("")
    head.append(title, style="bold")
    head.append(f"  {hit.field}", style="cyan")
    head.append(where, style="cyan")
    head.append(f"  {hit.score}", style="dim")
    body = text(hit.before)
    body.append(hit.match, style="bold black on yellow")
    body.append(hit.after)
    return RichGroup(head, Padding(body, (0, 0, 0, 2)))
