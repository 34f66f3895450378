"""Tables fitted to the terminal (render.layout): what gives way, and in which order."""

from __future__ import annotations

from podnotes.render.layout import TITLE_MIN, fit
from podnotes.render.library import LIST_COLUMNS


def row(title: str, podcast: str = "", date: str = "") -> list[str]:
    return ["slug", title, podcast, date, "1", "2", "3", "4"]


def headings(rows: list[list[str]], width: int, *, every_row: bool) -> list[str | None]:
    layout = fit(LIST_COLUMNS, rows, width, every_row=every_row)
    return [LIST_COLUMNS[i].heading for i in layout.shown]


COUNTS = ["Takeaways", "Dives", "Highlights", "Chapters"]


def test_a_podcast_or_date_no_row_fills_is_not_shown_when_every_row_is_known() -> None:
    rows = [row("Canal towns"), row("Bread before farming")]
    assert headings(rows, 200, every_row=True) == ["Title", *COUNTS]
    # one row with a date: the date stays, the empty podcast goes
    dated = [*rows, row("Ferries", date="2024-01-01")]
    assert headings(dated, 200, every_row=True) == ["Title", "Date", *COUNTS]


def test_an_empty_column_stays_while_later_rows_may_fill_it() -> None:
    rows = [row("Canal towns"), row("Bread before farming")]
    assert headings(rows, 200, every_row=False) == ["Title", "Podcast", "Date", *COUNTS]


def test_titles_get_the_room_an_empty_column_leaves() -> None:
    title = "A very long title about canals, railways and the towns between them"
    rows = [row(title), row("Short")]
    width = 80
    kept = fit(LIST_COLUMNS, rows, width, every_row=False)
    dropped = fit(LIST_COLUMNS, rows, width, every_row=True)
    assert dropped.widths[1] > kept.widths[1] >= TITLE_MIN
    assert dropped.total <= width
