"""Benchmark rows for what a person sees: commands on a pseudo-terminal through a pager that
reads one screen, and `takeaways` piped at full length with its peak RSS.

Each terminal row is compared with the floor a well-made CLI could reach on the same folder:
a minimal two-command Typer app's start-up plus `rg -i` over the notes.
"""

from __future__ import annotations

import contextlib
import os
import pty
import sqlite3
import statistics
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.timing import Timing, compile_package

SCREEN = {"PAGER": "head -n 40", "LINES": "40", "COLUMNS": "120", "TERM": "xterm-256color"}
COMMANDS = ("list", "takeaways", "topics")
# A word in most units of the generated libraries ('Careful work on ...'): hits printed as they
# are found stop when the pager has its screen, however many there would be.
SEARCH = ("search", "--exact", "work", "--limit", "100000")


def on_terminal(args: list[str], env: dict[str, str]) -> Timing:
    """Wall time and peak RSS of one process whose stdout and stderr are a pseudo-terminal."""
    main, secondary = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, env=env, stdin=secondary, stdout=secondary, stderr=secondary, close_fds=True
    )
    os.close(secondary)
    while True:
        try:
            if not os.read(main, 1 << 16):
                break
        except OSError:  # EIO: every writer has closed the terminal
            break
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    os.close(main)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{args} exited {os.waitstatus_to_exitcode(status)}")
    return Timing(elapsed, usage.ru_maxrss / 1024)


def forget_topics(notes: Path) -> None:
    """Make the next `topics` work them out again, as after any change to the library."""
    index = notes / ".podnotes" / "index.sqlite3"
    with contextlib.closing(sqlite3.connect(index)) as conn, conn:
        conn.execute("DROP TABLE IF EXISTS topics_stamp")


def terminal_rows(
    podnotes: str, typer_app: list[str], env: dict[str, str], runs: int
) -> dict[str, Timing | float]:
    """`list`, `takeaways`, `topics` and a search matching most units on a 120x40 terminal
    with PAGER='head -n 40'; topics also once right after the index changed (when the stored
    topics are worked out again)."""
    screen = {**env, **SCREEN}
    for name in ("PODNOTES_PAGER", "NO_COLOR"):  # a person's terminal: their pager, colour on
        screen.pop(name, None)
    results: dict[str, Timing | float] = {}
    forget_topics(Path(env["PODNOTES_DIR"]))
    results["topics, first after a change (tty)"] = on_terminal([podnotes, "topics"], screen)
    for command in COMMANDS:
        args = [podnotes, command]
        on_terminal(args, screen)  # warm
        timings = [on_terminal(args, screen) for _ in range(runs)]
        results[f"{command} (tty, pager head -n 40)"] = Timing(
            statistics.median(t.seconds for t in timings), max(t.rss_mb for t in timings)
        )
    timings = [on_terminal([podnotes, *SEARCH], screen) for _ in range(runs)]
    results["search --exact work -n 100000 (tty, pager head -n 40)"] = Timing(
        statistics.median(t.seconds for t in timings), max(t.rss_mb for t in timings)
    )
    timings = [on_terminal(typer_app, screen) for _ in range(runs)]
    results["minimal Typer app (tty)"] = Timing(
        statistics.median(t.seconds for t in timings), max(t.rss_mb for t in timings)
    )
    return results


def terminal_targets(all_results: dict[int, dict[str, Timing | float]]) -> list[str]:
    """The issue's targets, at every size measured: each terminal row at most 2x (a minimal
    Typer app + rg -i), and takeaways piped at most 2x rg -i with peak RSS under 150 MB (the
    issue sets the first at 10,000 episodes and the second at 100,000)."""
    lines = []

    def verdict(label: str, value: float, limit: float, unit: str) -> None:
        met = "met" if value <= limit else "missed"
        lines.append(f"- {label}: {value:,.2f}{unit}; target {limit:g}{unit}: {met}")

    for size, at in sorted(all_results.items()):
        typer_app, rg = at.get("minimal Typer app (tty)"), at.get("rg -i")
        if not isinstance(rg, Timing):
            continue
        if isinstance(typer_app, Timing):
            for command in COMMANDS:
                value = at.get(f"{command} (tty, pager head -n 40)")
                if isinstance(value, Timing):
                    label = f"{command} on a terminal at {size:,}, against a Typer app + rg -i"
                    verdict(label, value.seconds / (typer_app.seconds + rg.seconds), 2, "x")
        for row in ("takeaways | pipe", "takeaways | pipe, with index --watch"):
            piped = at.get(row)
            if isinstance(piped, Timing):
                label = f"{row} at {size:,}"
                verdict(f"{label}, against rg -i", piped.seconds / rg.seconds, 2, "x")
                verdict(f"{label}, peak RSS", piped.rss_mb, 150, " MB")
    return lines


def piped(args: list[str], env: dict[str, str]) -> Timing:
    """Wall time and peak RSS of one process writing to a pipe that is drained."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    while proc.stdout.read(1 << 16):
        pass
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{args} exited {os.waitstatus_to_exitcode(status)}")
    return Timing(time.perf_counter() - start, usage.ru_maxrss / 1024)


def piped_rows(
    commands: dict[str, list[str]], env: dict[str, str], runs: int
) -> dict[str, Timing | float]:
    """Each command piped, after one warm-up run: the median time and the highest peak RSS."""
    rows: dict[str, Timing | float] = {}
    for name, command in commands.items():
        piped(command, env)  # warm the page cache and the index
        timings = [piped(command, env) for _ in range(runs)]
        rows[name] = Timing(
            statistics.median(t.seconds for t in timings), max(t.rss_mb for t in timings)
        )
    return rows


@contextlib.contextmanager
def watching(podnotes: str, env: dict[str, str]) -> Iterator[None]:
    """`podnotes index --watch` running (its first full check done) for the duration."""
    watcher = subprocess.Popen(
        [podnotes, "index", "--watch"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        assert watcher.stderr is not None
        watcher.stderr.readline()  # "watching ...": its first full check is done
        yield
    finally:
        watcher.terminate()
        watcher.wait()


def main() -> None:
    """Only these rows, on libraries already built by `python -m benchmarks` (or by hand)."""
    import argparse
    import shutil
    import sys

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("libraries", type=Path, nargs="+", help="notes folders, smallest first")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = Path(__file__).resolve().parent
    compile_package()  # bytecode, as an installed package has: start-up is what is timed
    podnotes = str(Path(sys.executable).parent / "podnotes")
    rg = shutil.which("rg", path=str(Path(sys.executable).parent)) or shutil.which("rg")
    if rg is None:
        raise SystemExit("rg not found: the rows are ratios against it")
    typer_app = [sys.executable, str(root / "minimal_typer.py"), "bye"]
    print("| library | row | time | peak RSS |\n| --- | --- | --- | --- |")
    for notes in args.libraries:
        # Counted without holding 100,000 paths: a child's peak RSS starts at this process's
        # size when it forks, so this process stays small.
        size = sum(1 for entry in os.scandir(notes) if entry.name.endswith(".yaml"))
        env = {**os.environ, "PODNOTES_DIR": str(notes)}
        pipes = {
            "rg -i": [rg, "-i", "zyzzogeton benchmark", str(notes)],
            "takeaways | pipe": [podnotes, "takeaways"],
            "list | pipe": [podnotes, "list"],
        }
        rows = piped_rows(pipes, env, args.runs)
        with watching(podnotes, env):  # no command stats every note: the fast path
            watched = {f"{name}, with index --watch": c for name, c in pipes.items() if "|" in name}
            rows.update(piped_rows(watched, env, args.runs))
        rows.update(terminal_rows(podnotes, typer_app, env, args.runs))
        for name, value in rows.items():
            if isinstance(value, Timing):
                ms = f"{value.seconds * 1000:,.0f} ms"
                print(f"| {size:,} | {name} | {ms} | {value.rss_mb:.0f} MB |", flush=True)
        for line in terminal_targets({size: rows}):
            print(line, flush=True)


if __name__ == "__main__":
    main()
