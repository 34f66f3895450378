"""Renderers: snippets, control characters, and tables that hold under wide text."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from podnotes.model import Summary
from podnotes.options import Color
from podnotes.render import Output, plain_table, visible
from podnotes.render.hits import snippet
from podnotes.render.library import episode_list
from podnotes.render.reading import takeaways
from podnotes.search import Hit


def test_visible_makes_controls_harmless() -> None:
    assert visible("a\x1b[31mb\x07c\x08d\re") == "a␛[31mb␇c␈d␍e"
    assert visible("tab\tand\nnewline") == "tab\tand\nnewline"
    assert visible("\x9b31m") == "<U+009B>31m"
    assert visible("\u202eevil") == "<U+202E>evil"


def test_snippet_windows_around_the_span_at_word_boundaries() -> None:
    text = " ".join(f"word{i}" for i in range(100))
    start = text.index("word50")
    hit = Hit("ep", "T", "notes", text, 100.0, (start, start + 6))
    before, match, after = snippet(hit, context=20)
    assert match == "word50"
    assert before.startswith("…")
    assert after.endswith("…")
    assert not before[1:].startswith(" ")
    assert len(before) <= 22
    assert len(after) <= 22


def test_snippet_flattens_lines_and_keeps_offsets() -> None:
    hit = Hit("ep", "T", "deep-dives", "Title\nBody with match", 100.0, (16, 21))
    assert snippet(hit) == ("Title Body with ", "match", "")


def test_plain_table_aligns_wide_characters() -> None:
    lines = plain_table(("a", "b"), [["日本語", "x"], ["ab", "y"], ["🎧🎧", "z"]])
    positions = {cell_len(line[: line.rindex(" ") + 1]) for line in lines[1:]}
    assert len(positions) == 1


@pytest.fixture
def rich_out(monkeypatch: pytest.MonkeyPatch) -> tuple[Output, io.StringIO]:
    monkeypatch.setenv("COLUMNS", "60")
    buffer = io.StringIO()
    return Output(color=Color.ALWAYS, stdout=buffer), buffer


def test_tables_hold_under_emoji_and_very_long_words(rich_out) -> None:
    out, buffer = rich_out
    long_word = "Supercalifragilistic" * 10
    summary = Summary("s", f"🎧 {long_word} 日本語のタイトル", "Pod 🎙️", None, (), (), {})
    summary.counts.update(takeaways=1, deep_dives=0, highlights=0, chapters=0)
    episode_list(out, [summary], "notes")
    takeaways(out, [(summary, [long_word, "🎧" * 80])])
    from rich.text import Text

    for line in buffer.getvalue().splitlines():
        plain = Text.from_ansi(line).plain
        assert cell_len(plain) <= 60, plain


def test_plain_rows_after_the_first_batch_read_as_the_first_do() -> None:
    """Rows past the first batch take a fast path; they must come out as the slow one makes them."""
    from podnotes.render import one_line
    from podnotes.render.plain import BATCH, plain_lines

    cells = ["plain", "two  spaces", " edge ", "tab\there", "日本語", "esc\x1b[2J", "", "x" * 30]
    rows = [
        [cells[n % len(cells)], str(n), cells[(n * 3) % len(cells)], cells[(n * 5) % len(cells)]]
        for n in range(BATCH + 40)
    ]
    lines = list(plain_lines(("a", "b", "c", "d"), rows))
    first = [["A", "B", "C", "D"], *([one_line(c) for c in row] for row in rows[:BATCH])]
    widths = [max(cell_len(row[i]) for row in first) for i in range(4)]
    for line, row in zip(lines[BATCH + 1 :], rows[BATCH:], strict=True):
        shown = [one_line(c) for c in row]
        lead = [c + " " * (widths[i] - cell_len(c)) for i, c in enumerate(shown[:-1])]
        assert line == "  ".join([*lead, shown[-1]]).rstrip()


_CELLS = st.one_of(
    st.sampled_from(["", "plain", " edge ", "two  spaces", "日本語", "🎧 x", "…hit…", "\x1b[2J"]),
    st.text(max_size=6),
)


@given(st.lists(st.lists(_CELLS, min_size=3, max_size=3), max_size=8))
def test_plain_lines_pad_each_cell_to_its_column_and_end_without_spaces(rows) -> None:
    """The first batch's lines are every cell padded to its column's widest, then stripped at the
    end: the last column is never measured, and must not need to be."""
    from podnotes.render import one_line
    from podnotes.render.plain import plain_lines

    first = [["A", "B", "C"], *([one_line(c) for c in row] for row in rows)]
    widths = [max(cell_len(row[i]) for row in first) for i in range(3)]
    padded = [[c + " " * (widths[i] - cell_len(c)) for i, c in enumerate(row)] for row in first]
    assert list(plain_lines(("a", "b", "c"), rows)) == ["  ".join(r).rstrip() for r in padded]


def _group_rows(groups: list[tuple[str, list[str]]]) -> list[list[str]]:
    return [[key, str(n), item] for key, items in groups for n, item in enumerate(items, 1)]


@pytest.mark.parametrize("big_first", [False, True])
def test_numbered_groups_print_as_plain_lines_would(big_first: bool) -> None:
    """Groups given as numbered lines (the index's form) or as lists come out exactly as the
    row-by-row path makes them: hostile text made visible, numbers past 9 pushing their line,
    and groups whose numbers are narrower than the first batch's padded."""
    from podnotes.numbered import numbered
    from podnotes.render.plain import BATCH, group_text, plain_lines

    texts = ["plain", "two  spaces", " edge", "tab\there", "日本語 text", "esc\x1b[2J", "x" * 90]
    groups = [
        (f"episode-{g:04d}" if g % 7 else f"odd\x07key-{g}", [texts[(g + i) % 7] for i in range(n)])
        for g, n in enumerate([12 if big_first else 3, *([3, 1, 11, 6] * (BATCH // 10))])
    ]
    expected = list(plain_lines(("episode", "#", "takeaway"), _group_rows(groups)))
    for form in ("numbered", "lists"):
        given = [(k, (numbered(i) or i) if form == "numbered" else i) for k, i in groups]
        written: list[str] = []
        assert group_text(written.append, ("episode", "#", "takeaway"), given)
        assert "".join(written).split("\n")[:-1] == expected, form


def test_numbered_lines_only_for_tidy_items() -> None:
    from podnotes.numbered import count, items, numbered

    lines = numbered([f"item {n}" for n in range(1, 11)])
    assert lines is not None
    assert lines.split("\n")[0] == "1   item 1"
    assert lines.split("\n")[-1] == "10  item 10"
    assert count(lines) == 10
    assert items(lines) == [f"item {n}" for n in range(1, 11)]
    for untidy in ("a\nb", "two  spaces", " lead", "esc\x1b", "", "nbsp\u00a0here"):
        assert numbered(["fine", untidy]) is None
    assert numbered([]) is None


def test_no_groups_is_false() -> None:
    from podnotes.render.plain import group_text

    written: list[str] = []
    assert not group_text(written.append, ("a", "b", "c"), iter([]))
    assert written == []


def test_empty_cells_past_the_first_batch_are_padded_like_the_first() -> None:
    """An empty lead cell in every row (a library without podcast names) keeps its column."""
    from podnotes.render.plain import BATCH, plain_lines

    for title in ("plain title", "tab\there"):  # a clean row and one made visible
        rows = [[f"slug-{n}", "", title] for n in range(BATCH + 5)]
        lines = list(plain_lines(("slug", "podcast", "title"), rows))
        assert len({line.index(title.split()[0].split("\t")[0]) for line in lines[1:]}) == 1
