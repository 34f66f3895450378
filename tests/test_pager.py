"""Paging like git, fitting the width and streaming, on a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from podnotes.model import Chapter, Episode, Source
from podnotes.store import Library
from tests.conftest import SEED
from tests.terminal import run_in_pty_status

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def make_library(folder: Path, episodes: int, takeaways: int = 3, length: int = 40) -> None:
    library = Library(folder)
    for n in range(episodes):
        library.save(
            Episode(
                title=f"Episode {n:05d} about a rather long subject that needs cutting at sixty",
                podcast=f"The Podcast With A Long Name {n % 7}",
                published="2024-03-28",
                takeaways=tuple(f"Takeaway {k} of {n}: " + "x" * length for k in range(takeaways)),
                chapters=(
                    Chapter(0, "Intro"),
                    Chapter(60, "A long part about everything that matters"),
                    Chapter(8208, "End"),
                ),
                source=Source("markdown", f"{n}.md", f"{n:064d}"),
            )
        )


@pytest.fixture
def env(notes_dir: Path) -> dict[str, str]:
    make_library(notes_dir, 120)
    base = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "PAGER", "LESS"}}
    base.pop("PODNOTES_PAGER", None)
    return {**base, "PODNOTES_DIR": str(notes_dir), "TERM": "xterm-256color", "COLUMNS": "80"}


def podnotes(args: list[str], env: dict[str, str]) -> tuple[str, int]:
    output, status = run_in_pty_status([sys.executable, "-m", "podnotes", *args], env)
    return _ESCAPE.sub("", output.decode("utf-8", errors="replace")).replace("\r\n", "\n"), status


@pytest.mark.parametrize("command", ["list", "takeaways", "topics", "search", "chapters"])
def test_a_pager_that_quits_after_one_screen_ends_podnotes_quietly(
    env: dict[str, str], command: str
) -> None:
    args = {"search": ["search", "Takeaway", "--exact", "-n", "500"], "chapters": []}.get(
        command, [command]
    )
    if command == "chapters":
        env = {**env, "LINES": "3"}
        args = ["chapters", "episode-00001"]
    output, status = podnotes(args, {**env, "PAGER": "head -n 5", "LINES": env.get("LINES", "20")})
    assert status == 0, output
    assert "Traceback" not in output
    assert "Broken pipe" not in output
    assert "BrokenPipe" not in output
    assert len(output.strip().splitlines()) <= 5, output


def test_a_missing_pager_prints_directly_with_one_notice(env: dict[str, str]) -> None:
    output, status = podnotes(["list"], {**env, "PAGER": "no-such-pager-here -R", "LINES": "20"})
    assert status == 0
    assert "not found" in output
    assert "/bin/sh" not in output
    notices = [line for line in output.splitlines() if "no-such-pager-here" in line]
    assert len(notices) == 1
    assert "Episode 00119" in output  # everything was printed


def test_podnotes_pager_comes_first_and_short_output_is_not_paged(env: dict[str, str]) -> None:
    paging = {**env, "PODNOTES_PAGER": "echo PAGED; cat", "PAGER": "missing-one", "LINES": "20"}
    output, _ = podnotes(["list"], paging)
    assert "PAGED" in output
    assert "missing-one" not in output
    assert "PAGED" not in podnotes(["list", "--no-pager"], paging)[0]
    assert "PAGED" not in podnotes(["chapters", "episode-00001"], paging)[0]  # fits one screen
    assert "PAGED" not in podnotes(["list"], {**paging, "PODNOTES_PAGER": "cat"})[0]


@pytest.mark.parametrize(
    "args", [["export", "episode-00001"], ["parse", str(SEED)]], ids=["export", "parse"]
)
def test_a_document_taller_than_the_screen_is_paged_unless_no_pager(
    env: dict[str, str], args: list[str]
) -> None:
    paging = {**env, "PODNOTES_PAGER": "echo PAGED; cat", "LINES": "10"}
    output, status = podnotes(args, paging)
    assert status == 0, output
    assert output.startswith("PAGED")
    direct, status = podnotes([*args, "--no-pager"], paging)
    assert status == 0, direct
    assert "PAGED" not in direct
    assert direct.strip() == output.removeprefix("PAGED").strip()
    quitting, status = podnotes(args, {**env, "PAGER": "head -n 5", "LINES": "10"})
    assert status == 0, quitting
    assert "Traceback" not in quitting
    assert len(quitting.strip().splitlines()) <= 5, quitting


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_list_fits_the_width_and_keeps_every_title(env: dict[str, str], columns: int) -> None:
    output, _ = podnotes(["list", "--no-pager"], {**env, "COLUMNS": str(columns)})
    lines = output.splitlines()
    assert all(cell_len(line) <= columns for line in lines), output
    rows = [line for line in lines if line.startswith("Episode ")]
    assert len(rows) == 120
    title = re.compile(r"^(Episode \d{5}[^…]*)…")
    assert all((match := title.match(row)) and cell_len(match[1]) >= 19 for row in rows), rows[0]
    header = next(line for line in lines if line.startswith("Title")).split()
    # The podcast gives way first, then the date, then the counts.
    assert ("Podcast" in header) is (columns == 120)
    assert ("Date" in header) is (columns >= 80)
    assert "Chapters" in header


def test_wrap_shows_whole_titles(env: dict[str, str]) -> None:
    output, _ = podnotes(["list", "--no-pager", "--wrap"], {**env, "COLUMNS": "60"})
    assert "…" not in output
    assert "needs cutting at sixty" not in output  # wrapped, so split over lines
    assert "cutting at" in output


@pytest.mark.parametrize("columns", [60, 120])
def test_chapters_bars_scale_and_durations_pass_the_hour(env: dict[str, str], columns: int) -> None:
    output, _ = podnotes(["chapters", "episode-00001"], {**env, "COLUMNS": str(columns)})
    assert "2:15:48" in output  # 8208 - 60 seconds
    assert "135:48" not in output
    bar = max((line.count("█") for line in output.splitlines()), default=0)
    assert all(cell_len(line) <= columns for line in output.splitlines())
    assert bar < 30 if columns == 60 else bar == 30


# Measured from a small launcher process: a child's peak RSS starts at the size of the process
# that forks it, and pytest's (about 44 MB) would hide what a podnotes command adds.
_LAUNCHER = r"""
import json, os, pty, subprocess, sys
args, env, tty = json.loads(sys.argv[1])
if tty:
    main, secondary = pty.openpty()
    proc = subprocess.Popen(
        args, env=env, stdin=secondary, stdout=secondary, stderr=secondary, close_fds=True
    )
    os.close(secondary)
    read = lambda: os.read(main, 1 << 16)
else:
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    read = lambda: proc.stdout.read(1 << 16)
lines = 0
while True:
    try:
        chunk = read()
    except OSError:  # EIO: the child closed the terminal
        break
    if not chunk:
        break
    lines += chunk.count(b"\n")
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024, lines]))
"""


def peak_rss_mb(
    folder: Path, args: list[str], env: dict[str, str] | None = None, *, tty: bool = False
) -> tuple[float, int]:
    """Peak RSS of one podnotes command over a library, its stdout a pipe drained (or a
    pseudo-terminal); and the lines it wrote."""
    command = [sys.executable, "-m", "podnotes", *args]
    env = {**(env or os.environ), "PODNOTES_DIR": str(folder)}
    launched = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, json.dumps([command, env, tty])],
        capture_output=True,
        text=True,
        check=True,
    )
    status, rss, lines = json.loads(launched.stdout)
    assert status == 0
    return float(rss), int(lines)


@pytest.fixture(scope="module")
def libraries(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """2 episodes and 200 episodes of 10 and 100 takeaways of 1 KB each, indexed."""
    folder = tmp_path_factory.mktemp("libraries")
    small, large = folder / "small", folder / "large"
    make_library(small, 2, takeaways=10, length=1000)
    make_library(large, 200, takeaways=100, length=1000)
    for folder in (small, large):
        subprocess.run(
            [sys.executable, "-m", "podnotes", "index"],
            env={**os.environ, "PODNOTES_DIR": str(folder)},
            check=True,
            capture_output=True,
        )
    return small, large


@pytest.mark.slow
def test_takeaways_of_20000_rows_keep_memory_flat(libraries: tuple[Path, Path]) -> None:
    """Peak RSS over 20,000 rows of takeaways stays close to that over a handful: rows are
    printed as they are read, not held. Each takeaway is 1 KB, so holding them would show."""
    small, large = libraries
    baseline, _ = peak_rss_mb(small, ["takeaways"])
    peak, lines = peak_rss_mb(large, ["takeaways"])
    assert lines == 20_001
    assert peak - baseline < 15, (baseline, peak)  # holding 20 MB of text would cost 40+


@pytest.mark.slow
def test_takeaways_of_20000_rows_on_a_terminal_keep_memory_flat(
    libraries: tuple[Path, Path], env: dict[str, str]
) -> None:
    """The same on a terminal, without a pager: Rich prints each episode's table as it is
    read. The terminal is wide enough for a 1 KB takeaway a line, so wrapping costs little."""
    small, large = libraries
    wide = {**env, "COLUMNS": "1100", "LINES": "40"}
    baseline, _ = peak_rss_mb(small, ["takeaways", "--no-pager"], wide, tty=True)
    peak, lines = peak_rss_mb(large, ["takeaways", "--no-pager"], wide, tty=True)
    assert lines > 20_000  # a row a takeaway, and each episode's title and box
    assert peak - baseline < 15, (baseline, peak)  # holding 20 MB of text would cost 40+


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (["takeaway"], 20_001),  # fuzzy: every hit ranked, by its key and score alone
        (["takeaway", "--json"], 20_000 * 11 + 2),  # the JSON list, written item by item
        (["takeaway", "-c"], 200),  # -c: one count an episode, no hit held
        (["Takeaway", "--exact"], 20_001),  # grep-like: hits printed as units are read
    ],
)
def test_a_search_matching_20000_units_keeps_memory_flat(
    libraries: tuple[Path, Path], args: list[str], lines: int
) -> None:
    """A search whose every takeaway (1 KB each) is a hit costs about what one with a few hits
    does: hits are printed as they are ranked and fetched, their texts never held together
    (before, 38-103 MB more than over two episodes)."""
    small, large = libraries
    search = ["search", "--limit", "100000", *args]
    baseline, _ = peak_rss_mb(small, search)
    peak, shown = peak_rss_mb(large, search)
    assert shown == lines
    assert peak - baseline < 15, (baseline, peak)  # holding 20 MB of text would cost 40+


def test_search_hits_on_a_terminal_and_none(env: dict[str, str]) -> None:
    output, status = podnotes(["search", "Takeaway 2 of", "--exact", "-n", "3"], env)
    assert status == 0
    heads = [line for line in output.splitlines() if line.startswith("Episode ")]
    assert [h.split()[1] for h in heads] == ["00000", "00001", "00002"]
    assert all("takeaways" in h for h in heads)
    assert output.count("Takeaway 2 of") == 3
    assert output.strip().splitlines()[2] == ""  # heading, snippet, a blank line between hits
    output, status = podnotes(["search", "zyzzogeton quasar"], env)
    assert status == 1
    assert output.strip() == "No matches."


@pytest.mark.parametrize("columns", [60, 80])
def test_search_hit_headings_fit_one_line(env: dict[str, str], columns: int) -> None:
    """A hit's heading is one line: the chapter it is in gives way first, then the title,
    which keeps at least 20 cells."""
    args = ["search", "long part", "-n", "3", "--no-pager"]
    output, status = podnotes(args, {**env, "COLUMNS": str(columns)})
    assert status == 0
    lines = output.strip().splitlines()
    assert all(cell_len(line) <= columns for line in lines), output
    heads = [line for line in lines if line.startswith("Episode ")]
    assert len(heads) == 3
    for head in heads:
        title, rest = head.split("  chapters › ")
        assert cell_len(title) >= 20
        assert rest.endswith("  100")
    assert sum("A long part about everything that matters" in line for line in lines) == 3
