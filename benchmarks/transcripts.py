"""Transcript rows: a library with a ~60 KB transcript beside every episode (issue 11).

    python -m benchmarks --sizes --transcripts 5000 [--runs 5]   # only these rows

Generates the episodes twice with ../shared/bench/make_library.py, with and without
`--transcripts mixed` (the same notes, the same seed), adds both, and times against `rg -i`
over the transcribed library's folder. Checks with the generator's manifest that an exact
search finds every planted phrase in its episode at its time (±1 s).

A folder PAGES already in --work (pages-tr-N, pages-plain-N; a symlink to a shared library
will do) is used as it is. add and the index build are measured with their worker processes
(the summed RSS of the process tree, sampled); with BENCH_LOCK=FILE set, the timed searches
run holding an exclusive flock on FILE (a shared machine's test lock), and the rows say the
load average before and after.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.__main__ import BIN, SHARED_GENERATOR, median, run
from benchmarks.timing import Timing

PHRASE = "perovskite tandem cells"
NOTES_QUERY = "dictionary learning"


def _generate(folder: Path, size: int, transcripts: bool) -> None:
    if folder.exists():
        return
    extra = ["--transcripts", "mixed"] if transcripts else []
    subprocess.run(
        [sys.executable, str(SHARED_GENERATOR), str(folder), "--episodes", str(size), *extra],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _tree_rss(root: int) -> int:
    """Bytes resident in `root` and every process below it, summed (pages a forked worker
    shares with its parent are counted in both: an upper bound)."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = Path(entry.path, "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                parents.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [root]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        todo.extend(parents.get(pid, ()))
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
    return total


def run_tree(args: list[str], env: dict[str, str]) -> Timing:
    """Wall time and the peak summed RSS of the process and its workers, sampled every 50 ms
    (the largest single process's peak, from wait4, when that is higher)."""
    peak = 0
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{args} exited {os.waitstatus_to_exitcode(status)}")
    return Timing(elapsed, max(peak / 2**20, usage.ru_maxrss / 1024))


def _add(pages: Path, notes: Path, env: dict[str, str]) -> tuple[float, Timing]:
    import shutil

    if notes.exists():
        shutil.rmtree(notes)
    timing = run_tree([str(BIN / "podnotes"), "add", str(pages)], env)
    return timing.seconds, timing


@contextlib.contextmanager
def _held(lock: str | None) -> Iterator[None]:
    """An exclusive flock on `lock` (BENCH_LOCK) while the searches are timed, if one is set."""
    if not lock:
        yield
        return
    import fcntl

    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _planted(pages: Path, notes: Path, env: dict[str, str]) -> tuple[int, int]:
    """(found at the right episode and time, planted) for every phrase in the manifest."""
    from podnotes.store import Library

    manifest = json.loads((pages / "manifest.json").read_text())["transcript_needles"]
    entries, _ = Library(notes).load_all()
    slug_of = {Path(e.episode.source.file).stem: e.slug for e in entries if e.episode.source}
    found = planted = 0
    for phrase, where in manifest.items():
        args = [str(BIN / "podnotes"), "search", "--exact", phrase, "--in", "transcript"]
        result = subprocess.run(
            [*args, "--json", "-n", "100000"], env=env, capture_output=True, check=False
        )
        hits = json.loads(result.stdout) if result.returncode == 0 else []
        for base, start in where.items():
            planted += 1
            found += any(
                h["episode"] == slug_of.get(base) and abs(h["start"] - start) <= 1 for h in hits
            )
    return found, planted


def bench_transcripts(size: int, work: Path, runs: int, rg: str | None) -> list[str]:
    """The rows and target lines of the transcript benchmark, as Markdown lines."""
    import os

    spoken_pages, plain_pages = work / f"pages-tr-{size}", work / f"pages-plain-{size}"
    _generate(spoken_pages, size, True)
    _generate(plain_pages, size, False)
    spoken, plain = work / f"notes-tr-{size}", work / f"notes-plain-{size}"
    env = {**os.environ, "PODNOTES_DIR": str(spoken), "NO_COLOR": "1"}
    plain_env = {**env, "PODNOTES_DIR": str(plain)}
    podnotes = str(BIN / "podnotes")
    seconds, add_timing = _add(spoken_pages, spoken, env)
    _add(plain_pages, plain, plain_env)
    rows: dict[str, Timing] = {"add": add_timing}
    rows["index build, cold"] = run_tree([podnotes, "index", "--rebuild"], env)
    run([podnotes, "index", "--rebuild"], plain_env)
    commands = {
        "search --in transcript, fuzzy": [podnotes, "search", PHRASE, "--in", "transcript"],
        "search --in transcript, fuzzy typo": [
            *(podnotes, "search", "perovskit tandm cels", "--in", "transcript"),
        ],
        "search --in transcript, exact": [
            *(podnotes, "search", "--exact", PHRASE, "--in", "transcript"),
        ],
        "search (notes), transcribed library": [podnotes, "search", NOTES_QUERY],
        "show --transcript": [podnotes, "show", "--transcript", "--no-pager", "episode"],
        "list": [podnotes, "list"],
        "takeaways | pipe": [podnotes, "takeaways"],
    }
    slug = run_first_slug(podnotes, env)
    commands["show --transcript"][-1] = slug
    notes_only = [podnotes, "search", NOTES_QUERY]
    with _held(os.environ.get("BENCH_LOCK")):
        load = [os.getloadavg()[0]]
        for name, args in commands.items():
            run(args, env)
            rows[name] = median(args, env, runs)
        run(notes_only, plain_env)
        rows["search (notes), library without transcripts"] = median(notes_only, plain_env, runs)
        if rg:
            rg_args = [rg, "-i", PHRASE, str(spoken)]
            run(rg_args, env)
            rows["rg -i"] = median(rg_args, env, runs)
        load.append(os.getloadavg()[0])
    found, planted = _planted(spoken_pages, spoken, env)
    yaml_bytes = sum(p.stat().st_size for p in spoken.glob("*.yaml"))
    index_bytes = sum(p.stat().st_size for p in (spoken / ".podnotes").iterdir())
    lines = _report(size, rows, size / seconds, found, planted, index_bytes / yaml_bytes)
    return [
        *lines,
        f"Load average (1 min) before and after the timed searches: {load[0]:.1f}, {load[1]:.1f}.",
        "",
    ]


def run_first_slug(podnotes: str, env: dict[str, str]) -> str:
    result = subprocess.run([podnotes, "list", "--json"], env=env, capture_output=True, check=True)
    return str(json.loads(result.stdout)[0]["slug"])


def _report(
    size: int, rows: dict[str, Timing], rate: float, found: int, planted: int, ratio: float
) -> list[str]:
    rg = rows.get("rg -i")
    lines = [
        f"## Transcripts: {size:,} episodes with a ~60 KB transcript each",
        "",
        "| command | wall time, peak RSS |",
        "| --- | --- |",
        f"| add (episodes/s) | {rate:,.0f} ({rows['add'].rss_mb:.0f} MB) |",
    ]
    for name, timing in rows.items():
        if name == "add":
            continue
        versus = f" ({timing.seconds / rg.seconds:.2f}x rg)" if rg and "search" in name else ""
        cell = name.replace("|", "\\|")  # 'takeaways | pipe' is one cell
        lines.append(
            f"| {cell} | {timing.seconds * 1000:,.0f} ms{versus}, {timing.rss_mb:.0f} MB |"
        )
    lines.append(f"| index size / YAML size | {ratio:.2f} |")
    lines.append(f"| planted phrases found by --exact (episode, time ±1 s) | {found}/{planted} |")
    peak = max(t.rss_mb for t in rows.values())
    fuzzy = rows["search --in transcript, fuzzy"].seconds
    with_t = rows["search (notes), transcribed library"].seconds
    without = rows["search (notes), library without transcripts"].seconds
    lines += ["", "Targets:", ""]

    def target(label: str, value: float, limit: float, unit: str, *, most: bool) -> None:
        met = value <= limit if most else value >= limit
        verdict = "met" if met else "missed"
        lines.append(f"- {label}: {value:,.2f}{unit}; target {limit:,}{unit}: {verdict}")

    if rg:
        target(
            "search --in transcript, fuzzy, against rg -i", fuzzy / rg.seconds, 0.3, "x", most=True
        )
    target("exact search finds every planted phrase", found / max(planted, 1), 1.0, "", most=False)
    target("index size / YAML size", ratio, 1.5, "x", most=True)
    target("add", rate, 100, " episodes/s", most=False)
    label = "notes search, with transcripts against without (no slower, within 10% noise)"
    target(label, with_t / without, 1.1, "x", most=True)
    target("peak RSS of any command", peak, 300, " MB", most=True)
    return [*lines, ""]
