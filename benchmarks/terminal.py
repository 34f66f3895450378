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
from pathlib import Path

from benchmarks.timing import Timing, compile_package

SCREEN = {"PAGER": "head -n 40", "LINES": "40", "COLUMNS": "120", "TERM": "xterm-256color"}
COMMANDS = ("list", "takeaways", "topics")


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
    """`list`, `takeaways` and `topics` on a 120x40 terminal with PAGER='head -n 40'; topics
    also once right after the index changed (when the stored topics are worked out again)."""
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
        piped = at.get("takeaways | pipe")
        if isinstance(piped, Timing):
            verdict(
                f"takeaways piped at {size:,}, against rg -i", piped.seconds / rg.seconds, 2, "x"
            )
            verdict(f"takeaways piped peak RSS at {size:,}", piped.rss_mb, 150, " MB")
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
        size = len(list(notes.glob("*.yaml")))
        env = {**os.environ, "PODNOTES_DIR": str(notes)}
        rows: dict[str, Timing | float] = {}
        for name, command in (
            ("rg -i", [rg, "-i", "zyzzogeton benchmark", str(notes)]),
            ("takeaways | pipe", [podnotes, "takeaways"]),
            ("list | pipe", [podnotes, "list"]),
        ):
            piped(command, env)  # warm the page cache and the index
            timings = [piped(command, env) for _ in range(args.runs)]
            rows[name] = Timing(
                statistics.median(t.seconds for t in timings), max(t.rss_mb for t in timings)
            )
        rows.update(terminal_rows(podnotes, typer_app, env, args.runs))
        for name, value in rows.items():
            if isinstance(value, Timing):
                ms = f"{value.seconds * 1000:,.0f} ms"
                print(f"| {size:,} | {name} | {ms} | {value.rss_mb:.0f} MB |", flush=True)
        for line in terminal_targets({size: rows}):
            print(line, flush=True)


if __name__ == "__main__":
    main()
