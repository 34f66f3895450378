"""Tables fitted to the terminal's width, one row a line, printed as the rows come.

Titles are never dropped: the title column keeps at least TITLE_MIN cells and long titles are
cut with … (or wrapped with --wrap). When the row is too wide, the other columns give way in
this order: the podcast shrinks, then drops; the date drops; the counts drop, rightmost first;
a chapter bar shrinks, then drops. A podcast or date column that no row fills is not shown
when every row is known (a table of one batch), so its room goes to the titles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from podnotes.render import one_line
from podnotes.render.views import Column, Fit

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

TITLE_MIN = 20
SHRUNK = 12  # a podcast or "also titled" column shrinks to this before it drops
BAR_MIN = 8
BAR_CELLS = 30  # a bar cell's full length, as the renderer draws it
SEP = 2  # cells between columns


def cells(value: str) -> int:
    if value.isascii():
        return len(value)
    from rich.cells import cell_len

    return cell_len(value)


@dataclass
class Layout:
    columns: Sequence[Column]
    shown: list[int]  # indexes of the columns shown, in order
    widths: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.widths[i] for i in self.shown) + SEP * max(0, len(self.shown) - 1)


def fit(
    columns: Sequence[Column],
    sample: Sequence[Sequence[str]],
    width: int,
    *,
    every_row: bool = False,
) -> Layout:
    """Column widths for rows like `sample` (a bounded first batch, or `every_row`) in `width`
    cells."""
    shown = [i for i, c in enumerate(columns) if c.heading is not None]
    if every_row and sample:
        shown = [i for i in shown if not _unfilled(columns[i], i, sample)]
    natural = {
        i: max([cells(columns[i].heading or "")] + [cells(one_line(row[i])) for row in sample])
        for i in shown
    }
    layout = Layout(columns, shown, dict(natural))
    if layout.total <= width:
        return layout
    flexible = [i for i in shown if columns[i].fit in (Fit.PODCAST, Fit.BAR)]
    for i in flexible:
        floor = BAR_MIN if columns[i].fit is Fit.BAR else SHRUNK
        layout.widths[i] = min(natural[i], max(floor, cells(columns[i].heading or "")))
    titles = [i for i in shown if columns[i].fit is Fit.TITLE]
    _drop_until_titles_fit(layout, titles, width)
    for i in titles:
        layout.widths[i] = max(min(natural[i], _room(layout, titles, width)), TITLE_MIN)
    _give_back(layout, flexible, natural, width)
    return layout


def _unfilled(column: Column, i: int, rows: Sequence[Sequence[str]]) -> bool:
    """A podcast or date column with nothing in it (every row's cell blank)."""
    return column.fit in (Fit.PODCAST, Fit.DATE) and not any(row[i].strip() for row in rows)


def _drop_until_titles_fit(layout: Layout, titles: list[int], width: int) -> None:
    """Drop columns in the stated order (podcast, date, counts, bars) until titles have room."""
    columns = layout.columns
    drops = sorted(
        (i for i in layout.shown if columns[i].fit in (Fit.PODCAST, Fit.DATE, Fit.COUNT, Fit.BAR)),
        key=lambda i: (columns[i].fit.value, -i),
    )
    while titles and _room(layout, titles, width) < TITLE_MIN and drops:
        layout.shown.remove(drops.pop(0))


def _give_back(layout: Layout, flexible: list[int], natural: dict[int, int], width: int) -> None:
    """What the titles did not need goes back to the shrunk columns."""
    spare = width - layout.total
    for i in flexible:
        if i in layout.shown and spare > 0:
            grow = min(spare, natural[i] - layout.widths[i])
            layout.widths[i] += grow
            spare -= grow


def _room(layout: Layout, titles: list[int], width: int) -> int:
    """Cells left for the title columns (shared equally) once the others have theirs."""
    others = sum(layout.widths[i] for i in layout.shown if i not in titles)
    return (width - others - SEP * (len(layout.shown) - 1)) // len(titles)


def header(layout: Layout) -> Text:
    from rich.text import Text

    line = Text()
    for n, i in enumerate(layout.shown):
        column, last = layout.columns[i], n == len(layout.shown) - 1
        line.append(_cell(column.heading or "", layout.widths[i], column.right, last=last))
        if not last:
            line.append(" " * SEP)
    line.stylize("bold")
    return line


def row_lines(layout: Layout, row: Sequence[str], console: Console, *, wrap: bool) -> list[Text]:
    """One row as terminal lines: one line, or with `wrap` as many as its longest title needs."""
    from rich.text import Text

    parts: list[list[str]] = []
    for i in layout.shown:
        column, width, value = layout.columns[i], layout.widths[i], one_line(row[i])
        if column.fit is Fit.BAR and value:
            value = value[0] * max(1, round(len(value) * width / BAR_CELLS))
        if wrap and column.wide and cells(value) > width:
            parts.append([line.plain for line in Text(value).wrap(console, width, overflow="fold")])
        else:
            parts.append([value])
    height = max(len(p) for p in parts)
    lines = []
    for n in range(height):
        line = Text()
        for k, i in enumerate(layout.shown):
            column = layout.columns[i]
            value = parts[k][n] if n < len(parts[k]) else ""
            last = k == len(layout.shown) - 1
            line.append(_cell(value, layout.widths[i], column.right, last=last), column.style)
            if not last:
                line.append(" " * SEP)
        lines.append(line)
    return lines


def _cell(value: str, width: int, right: bool, *, last: bool) -> str:
    """`value` cut with … or padded to `width` cells."""
    size = cells(value)
    if size > width:
        from rich.cells import set_cell_size

        value = set_cell_size(value, max(0, width - 1)) + "…" if width > 0 else ""
        size = cells(value)
    pad = " " * max(0, width - size)
    if right:
        return pad + value
    return value if last else value + pad


def table_lines(
    columns: Sequence[Column],
    first: Sequence[Sequence[str]],
    rest: Iterable[Sequence[str]],
    console: Console,
    *,
    wrap: bool,
    every_row: bool = False,
) -> Iterator[Text]:
    """A header, a rule and every row, fitted to the console's width; `every_row` when
    `rest` is known to be empty."""
    from rich.text import Text

    layout = fit(columns, first, console.width, every_row=every_row)
    yield header(layout)
    yield Text("─" * min(layout.total, console.width), style="dim")
    for rows in (first, rest):
        for row in rows:
            yield from row_lines(layout, row, console, wrap=wrap)


def heading_parts(title: str, where: str, rest: int, width: int) -> tuple[str, str]:
    """A search hit's title and `where` (the deep dive, highlight or chapter it is in), cut
    with … so its one-line heading fits `width` cells beside `rest` cells of other text:
    `where` gives way first, down to SHRUNK cells, then the title, down to TITLE_MIN; a
    heading still too wide wraps (the title is never dropped)."""
    over = cells(title) + cells(where) + rest - width
    if over > 0 and where:
        keep = max(min(SHRUNK, cells(where)), cells(where) - over)
        over -= cells(where) - keep
        where = _cell(where, keep, False, last=True)
    if over > 0:
        keep = max(min(TITLE_MIN, cells(title)), cells(title) - over)
        title = _cell(title, keep, False, last=True)
    return title, where
