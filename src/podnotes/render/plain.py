"""Plain text for a pipe: aligned columns without box art, one record a line, made as fast as
Python allows (100,000 episodes' rows in a fraction of a second), identical whichever path a
row takes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice

from podnotes import numbered
from podnotes.numbered import GAP
from podnotes.render import one_line

BATCH = 256  # rows read before plain-text column widths are fixed
WRITE_SIZE = 1 << 18  # characters of plain text gathered into one write


def plain_lines(headers: Sequence[str] | None, rows: Iterable[Sequence[str]]) -> Iterator[str]:
    """Aligned columns without box art, one row a line: reads well and greps well in a pipe.
    Widths come from the first BATCH rows; a longer cell later only pushes its own line."""
    rows = iter(rows)
    first = [[h.upper() for h in headers]] if headers is not None else []
    first += [[one_line(c) for c in row] for row in islice(rows, BATCH)]
    if not first:
        return
    # The last cell is never padded, so only the others are measured (a cell that is not ASCII
    # is measured by Rich, which a search's plain hits then need not import for their text).
    sizes = [[_width(cell) for cell in row[:-1]] for row in first]
    lead = [max(row[i] for row in sizes) for i in range(len(first[0]) - 1)]
    for row, size in zip(first, sizes, strict=True):
        cells = [c + " " * (lead[i] - size[i]) for i, c in enumerate(row[:-1])]
        yield "  ".join([*cells, row[-1]]).rstrip()
    # The rest, as fast as the common case allows: a row of clean ASCII cells is one format in
    # C; else the last cell is never padded, and a lead cell repeated from the row before (an
    # episode's slug) is padded once.
    line = GAP.join([*(f"%-{width}s" for width in lead), "%s"])
    last: list[tuple[str | None, str]] = [(None, "")] * len(lead)  # no cell is None
    for later in rows:
        if _clean_row(later):
            yield (line % tuple(later)).rstrip()
            continue
        parts = []
        for i, width in enumerate(lead):
            cell = later[i]
            seen, padded = last[i]
            if cell is not seen:
                shown = cell if _clean(cell) else one_line(cell)
                padded = shown + " " * (width - _width(shown))
                last[i] = (cell, padded)
            parts.append(padded)
        tail = later[-1]
        parts.append(tail if _clean(tail) else one_line(tail))
        yield "  ".join(parts).rstrip()


def group_text(
    write: Callable[[str], object],
    headers: Sequence[str],
    groups: Iterable[tuple[str, Sequence[str] | str]],
) -> bool:
    """Numbered items of each group as plain_lines would align them (key, number, item), written
    WRITE_SIZE characters at a time; false when there was no item. Items that come as numbered
    lines (podnotes.numbered) are printed as they are behind the key: a few operations in C per
    group, however many items it has."""
    groups = iter(groups)
    first: list[tuple[str, Sequence[str] | str]] = []
    rows = 0
    for key, items in groups:
        first.append((key, items))
        rows += _count(items)
        if rows >= BATCH:
            break
    widths = _group_widths(write, headers, first)
    if widths is None:
        return False
    numbers: list[str] = []  # "1  ", "2  " ...: each number padded, and the gap after it
    batch: list[str] = []
    held = 0  # characters in the batch: written every WRITE_SIZE, so memory stays flat
    # Numbered lines whose numbers are as wide as this column: "1", then the gap right after
    # the column's width ("1  x" for 1, "1   x" for 2), then the first item (never a space).
    gap = slice(widths[1], widths[1] + len(GAP))
    for key, items in chain(first, groups):
        shown = key if _clean(key) else one_line(key)
        lead = shown + " " * (widths[0] - _width(shown)) + GAP
        if isinstance(items, str) and items[gap] == GAP and items[gap.stop] != " ":
            text = lead + items.replace("\n", "\n" + lead)
        else:
            items = _items(items)
            while len(numbers) < len(items):
                number = str(len(numbers) + 1)
                numbers.append(number + " " * (widths[1] - len(number)) + GAP)
            text = "\n".join(
                [(lead + numbers[n] + one_line(t)).rstrip() for n, t in enumerate(items)]
            )
        if not text:
            continue  # a group without items has no line
        batch.append(text)
        held += len(text)
        if held >= WRITE_SIZE:
            write("\n".join(batch) + "\n")
            batch, held = [], 0
    if batch:
        write("\n".join(batch) + "\n")
    return True


def _group_widths(
    write: Callable[[str], object],
    headers: Sequence[str],
    first: list[tuple[str, Sequence[str] | str]],
) -> list[int] | None:
    """The key and number columns' widths from the first BATCH rows, after writing the header;
    None when there is no row."""
    sample = [(k, str(n), t) for k, i in first for n, t in enumerate(_items(i), 1)][:BATCH]
    if not sample:
        return None
    titles = [h.upper() for h in headers]
    sizes = [[_width(one_line(c)) for c in row] for row in [titles, *sample]]
    widths = [max(row[i] for row in sizes) for i in (0, 1)]
    header = GAP.join(t + " " * (w - _width(t)) for t, w in zip(titles, [*widths, 0], strict=True))
    write(header.rstrip() + "\n")
    return widths


def _count(items: Sequence[str] | str) -> int:
    return numbered.count(items) if isinstance(items, str) else len(items)


def _items(items: Sequence[str] | str) -> Sequence[str]:
    return numbered.items(items) if isinstance(items, str) else items


def _clean_row(row: Sequence[str]) -> bool:
    """Every cell is _clean (checked once for the row: '|' joins them, so a space at a cell's
    edge shows as ' |' or '| ')."""
    joined = "|".join(row)
    return (
        joined.isascii()
        and joined.isprintable()
        and "  " not in joined
        and " |" not in joined
        and "| " not in joined
        and joined == joined.strip(" ")
    )


def _clean(cell: str) -> bool:
    """Already what one_line would make of it (checked in C): printable ASCII, single spaces."""
    return cell.isascii() and cell.isprintable() and "  " not in cell and cell == cell.strip()


def _width(cell: str) -> int:
    if cell.isascii():
        return len(cell)
    from rich.cells import cell_len

    return cell_len(cell)
