"""Search after idle time and freshness (issue 15), timed in the same run as `rg -i`.

A person searches minutes apart, so every search of theirs starts with the index's check
interval long past: the "spaced" rows force the interval to zero (PODNOTES_INDEX_CHECK_SECONDS=0),
which is that case exactly, once as podnotes runs by default (each search stats every note to
see edits made in place) and once with `podnotes index --watch` running (the watcher vouches
for the index, so no search stats every note). The freshness rows check the promise: an edit in
place (folder mtime put back) is found by a search 2 s later, a replace-by-rename at once.
Two rows time a spaced search after the library changed since the last one: 2 s after a note
was edited in place, and 2 s after a note was added (what a sync job does between a person's
searches).
Run alone, the minimal Typer app, rg -i and the default spaced and back-to-back searches are
timed round by round (each once a round), so that their ratios come from the same minutes.
"""

from __future__ import annotations

import heapq
import json
import os
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

QUERY = "dictionary learning"


def _found(podnotes: str, env: dict[str, str], word: str) -> bool:
    result = subprocess.run(
        [podnotes, "search", "--exact", "-i", word, "--json"],
        env=env,
        capture_output=True,
        check=False,
    )
    return result.returncode == 0 and bool(json.loads(result.stdout or "[]"))


def _rewritten(path: Path, word: str) -> bytes:
    """The note's YAML with `word` put in front of its summary."""
    from podnotes.store import Library
    from podnotes.yamlio import dump

    episode = Library(path.parent).load(path)
    return dump(episode.with_changes(summary=f"{word} {episode.summary}")).encode("utf-8")


def _freshness(podnotes: str, env: dict[str, str], notes: Path, tag: str) -> dict[str, float]:
    """1.0 when the promise held, 0.0 when it did not."""
    names = (e.name for e in os.scandir(notes) if e.name.endswith(".yaml"))
    first, second = (notes / name for name in heapq.nsmallest(2, names))  # no list of 100,000
    folder = notes.stat()
    word = f"zqxinplace{tag.strip(' ()')}"
    data = _rewritten(first, word)
    with first.open("r+b") as handle:  # an editor writing into the file: the folder is untouched
        handle.write(data)
        handle.truncate()
    os.utime(notes, ns=(folder.st_atime_ns, folder.st_mtime_ns))
    time.sleep(2.0)
    in_place = _found(podnotes, env, word)
    word = f"zqxrenamed{tag.strip(' ()')}"
    swap = second.with_name(f".{second.name}.swp")
    swap.write_bytes(_rewritten(second, word))
    os.replace(swap, second)
    renamed = _found(podnotes, env, word)
    return {
        f"fresh{tag}: edit in place found 2 s later (1 = yes)": float(in_place),
        f"fresh{tag}: replaced by rename found at once (1 = yes)": float(renamed),
    }


def rows(
    podnotes: str,
    env: dict[str, str],
    notes: Path,
    runs: int,
    median: Callable[[list[str], dict[str, str], int], Any],
    timed: Any = None,
) -> dict[str, Any]:
    """The spaced rows; the default one is `timed` when the caller timed it already (beside
    rg -i, round by round)."""
    spaced = {**env, "PODNOTES_INDEX_CHECK_SECONDS": "0"}
    search = [podnotes, "search", QUERY]
    results: dict[str, Any] = {}
    if timed is None:
        median(search, spaced, 1)  # warm the page cache
        timed = median(search, spaced, runs)
    results["search, spaced"] = timed
    results.update(_freshness(podnotes, env, notes, ""))
    results.update(_after_a_change(search, spaced, notes, runs))
    watcher = subprocess.Popen(
        [podnotes, "index", "--watch"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        assert watcher.stderr is not None
        watcher.stderr.readline()  # "watching ...": its first full check is done
        median(search, spaced, 1)
        results["search, spaced, with index --watch"] = median(search, spaced, runs)
        results.update(_freshness(podnotes, env, notes, " (watch)"))
    finally:
        watcher.terminate()
        watcher.wait()
    results.update(_started_by_a_command(podnotes, env, notes, runs, median))
    return results


AFTER_EDIT = "search, spaced, 2 s after an edit in place"
AFTER_ADD = "search, spaced, 2 s after a note was added"


def _after_a_change(
    search: list[str], spaced: dict[str, str], notes: Path, runs: int
) -> dict[str, Any]:
    """A spaced search after the library changed since the last one: a note edited in place
    (its folder untouched), or a note added (written beside and renamed in, as a sync tool
    does); each time a new change, 2 s before the search. Both notes are put back after."""
    from benchmarks.__main__ import run
    from benchmarks.timing import Timing

    names = (e.name for e in os.scandir(notes) if e.name.endswith(".yaml"))
    edited = notes / heapq.nsmallest(3, names)[2]  # not one the freshness rows rewrite
    original = edited.read_bytes()
    timings: dict[str, list[Any]] = {AFTER_EDIT: [], AFTER_ADD: []}
    added = []
    try:
        for n in range(runs):
            with edited.open("r+b") as handle:  # an editor writing into the file
                handle.write(original + f"# zqxedit{n}\n".encode())  # a comment: still valid
                handle.truncate()
            time.sleep(2.0)
            timings[AFTER_EDIT].append(run(search, spaced))
            added.append(notes / f"zqx-added-{n}.yaml")
            swap = notes / f".zqx-added-{n}.yaml.tmp"
            swap.write_bytes(original)
            os.replace(swap, added[-1])
            time.sleep(2.0)
            timings[AFTER_ADD].append(run(search, spaced))
    finally:
        edited.write_bytes(original)
        for path in added:
            path.unlink(missing_ok=True)
    run(search, spaced)  # the index takes the notes put back, before the next rows
    return {
        name: Timing(statistics.median(t.seconds for t in found), max(t.rss_mb for t in found))
        for name, found in timings.items()
    }


KEEP_SECONDS = 5  # how long the watcher a command starts stays after the last command


def _started_by_a_command(
    podnotes: str,
    env: dict[str, str],
    notes: Path,
    runs: int,
    median: Callable[[list[str], dict[str, str], int], Any],
) -> dict[str, Any]:
    """The same with PODNOTES_WATCH_SECONDS set: the first search starts the watcher (timed
    too: it pays the full check, as any search does when no watcher runs), the rest rely on
    it. The watcher stops by itself KEEP_SECONDS after the last search."""
    from podnotes.index.watch import State

    keep = {**env, "PODNOTES_WATCH_SECONDS": str(KEEP_SECONDS)}
    spaced = {**keep, "PODNOTES_INDEX_CHECK_SECONDS": "0"}
    search = [podnotes, "search", QUERY]
    results = {"search, spaced, the one that starts the watcher": median(search, spaced, 1)}
    deadline = time.monotonic() + 600
    while _watcher(notes) is not State.READY and time.monotonic() < deadline:
        time.sleep(0.1)
    median(search, spaced, 1)
    row = f"search, spaced, PODNOTES_WATCH_SECONDS={KEEP_SECONDS} (watcher started by a search)"
    results[row] = median(search, spaced, runs)
    results.update(_freshness(podnotes, keep, notes, " (started watcher)"))
    while _lock_held(notes) and time.monotonic() < deadline:
        time.sleep(0.5)  # it stops by itself; wait, so that it disturbs no later row
    return results


def _lock_held(notes: Path) -> bool:
    """Whether a watcher holds the library's lock (asked without telling it it is used)."""
    from podnotes.index import early
    from podnotes.index.names import FOLDER, LOCK_NAME

    return early.held(notes / FOLDER / LOCK_NAME)


def _watcher(notes: Path) -> Any:
    """The watcher's state (asking tells a ready one that it is used, as a command does)."""
    import contextlib
    import sqlite3

    from podnotes.index.watch import state

    with contextlib.closing(sqlite3.connect(notes / ".podnotes" / "index.sqlite3")) as conn:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
    return state(notes, meta)


def interleaved(
    commands: dict[str, tuple[list[str], dict[str, str]]],
    runs: int,
    run: Callable[[list[str], dict[str, str]], Any],
) -> dict[str, Any]:
    """Each command once a round, in order, for one round to warm up and `runs` timed ones:
    the medians (and peak RSS) of commands that shared the same stretch of a busy machine."""
    from benchmarks.timing import Timing

    times: dict[str, list[Any]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, (args, env) in commands.items():
            timing = run(args, env)
            if round_:
                times[name].append(timing)
    return {
        name: Timing(statistics.median(t.seconds for t in found), max(t.rss_mb for t in found))
        for name, found in times.items()
    }


def targets(seconds: Callable[[int, str], float | None]) -> list[tuple[str, float, float]]:
    """(label, measured ratio, limit) for each spaced row the run has."""
    found = []
    started = f"search, spaced, PODNOTES_WATCH_SECONDS={KEEP_SECONDS} (watcher started by a search)"
    for row in ("search, spaced", "search, spaced, with index --watch", started):
        value, rg = seconds(100_000, row), seconds(100_000, "rg -i")
        if value and rg:
            found.append((f"{row} at 100,000, against rg -i", value / rg, 0.5))
        value, rg = seconds(10_000, row), seconds(10_000, "rg -i")
        typer_app = seconds(10_000, "minimal Typer app")
        if value and rg and typer_app:
            label = f"{row} at 10,000, against a minimal Typer app + rg -i"
            found.append((label, value / (typer_app + rg), 1.3))
    return found


def main() -> None:
    """Only the rows of this module, with rg -i and a minimal Typer app in the same run."""
    import argparse
    import shutil
    import sys

    from benchmarks.__main__ import BIN, ROOT, generate, median, run
    from benchmarks.timing import Timing, compile_package

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    args = parser.parse_args()
    rg = shutil.which("rg", path=str(BIN)) or shutil.which("rg")
    compile_package()  # bytecode, as an installed package has: start-up is what is timed
    podnotes = str(BIN / "podnotes")
    lines = ["| command | " + " | ".join(f"{s:,} episodes" for s in args.sizes) + " |"]
    lines.append("| --- |" + " --- |" * len(args.sizes))
    results: dict[int, dict[str, Any]] = {}
    for size in args.sizes:
        print(f"spaced searches over {size:,} episodes ...", file=sys.stderr, flush=True)
        pages, notes = args.work / f"pages-{size}", args.work / f"notes-spaced-{size}"
        if not pages.exists():
            generate(pages, size)
        env = {**os.environ, "PODNOTES_DIR": str(notes), "NO_COLOR": "1"}
        if not notes.exists():
            run([podnotes, "add", str(pages)], env)
            run([podnotes, "index", "--rebuild"], env)
        spaced = {**env, "PODNOTES_INDEX_CHECK_SECONDS": "0"}
        timed = {
            "minimal Typer app": (
                [sys.executable, str(ROOT / "benchmarks" / "minimal_typer.py"), "bye"],
                env,
            ),
            "search, spaced": ([podnotes, "search", QUERY], spaced),
            "search, back to back": ([podnotes, "search", QUERY], env),  # <2 s after the last
        }
        if rg:
            timed["rg -i"] = ([rg, "-i", "zyzzogeton benchmark", str(notes)], env)
        found = interleaved(timed, args.runs, run)
        found.update(rows(podnotes, env, notes, args.runs, median, found.pop("search, spaced")))
        results[size] = found
    for name in results[args.sizes[0]]:
        cells = []
        for size in args.sizes:
            value = results[size][name]
            if isinstance(value, Timing):
                base = results[size].get("rg -i")
                ratio = (
                    f" ({value.seconds / base.seconds:.2f}x rg)"
                    if base and "search" in name
                    else ""
                )
                cells.append(f"{value.seconds * 1000:,.0f} ms{ratio}")
            else:
                cells.append("yes" if value == 1.0 else "NO")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")

    def seconds(size: int, name: str) -> float | None:
        value = results.get(size, {}).get(name)
        return value.seconds if isinstance(value, Timing) else None

    lines.append("")
    for label, measured, limit in targets(seconds):
        verdict = "met" if measured <= limit else "missed"
        lines.append(f"- {label}: {measured:.2f}x; target {limit}x: {verdict}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
