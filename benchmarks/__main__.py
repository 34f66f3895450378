"""Whole-process timings of podnotes against bare Python, a minimal Typer app, rg and grep.

    python -m benchmarks [--sizes 1000 10000 100000] [--runs 5] [--out BENCHMARKS.md]

For each library size it generates episode pages (with ../shared/bench/make_library.py where
present, else a small generator of its own), imports them with one `podnotes add`, builds the
index cold, then times each command as a separate process (median of --runs) with its peak RSS,
and rg / grep over the same YAML files in the same run. Ratios, not absolute times, are the
figures to compare: the machine is shared and noisy. The figures replace the opening part of
--out (and, with --transcripts, the Transcripts section up to its first '###' subsection); the
other sections, written by hand or by the other benchmark modules, are kept.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.report import splice
from benchmarks.terminal import terminal_rows, terminal_targets
from benchmarks.timing import Timing, compile_package

ROOT = Path(__file__).resolve().parent.parent
SHARED_GENERATOR = ROOT.parent / "shared" / "bench" / "make_library.py"
BIN = Path(sys.executable).parent


def run(args: list[str], env: dict[str, str], cwd: Path | None = None) -> Timing:
    """Wall time and peak RSS of one process, stdout to a pipe that is drained."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert proc.stdout is not None
    while proc.stdout.read(1 << 16):
        pass
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: no match, like grep
        raise RuntimeError(f"{args} exited {proc.returncode}")
    return Timing(elapsed, usage.ru_maxrss / 1024)


def median(args: list[str], env: dict[str, str], runs: int) -> Timing:
    timings = [run(args, env) for _ in range(runs)]
    return Timing(statistics.median(t.seconds for t in timings), max(t.rss_mb for t in timings))


def generate(folder: Path, episodes: int) -> None:
    if SHARED_GENERATOR.exists():
        subprocess.run(
            [sys.executable, str(SHARED_GENERATOR), str(folder), "--episodes", str(episodes)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return
    from benchmarks.generate import write_library

    write_library(folder, episodes)


def bench_size(size: int, work: Path, runs: int, rg: str | None) -> dict[str, Timing | float]:
    pages, notes = work / f"pages-{size}", work / f"notes-{size}"
    if not pages.exists():
        generate(pages, size)
    env = {**os.environ, "PODNOTES_DIR": str(notes), "NO_COLOR": "1"}
    podnotes = str(BIN / "podnotes")
    results: dict[str, Timing | float] = {}

    if notes.exists():
        shutil.rmtree(notes)
    started = time.perf_counter()
    run([podnotes, "add", str(pages)], env)
    results["add (episodes/s)"] = size / (time.perf_counter() - started)
    results["index build, cold"] = run([podnotes, "index", "--rebuild"], env)

    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "minimal Typer app": [sys.executable, str(ROOT / "benchmarks" / "minimal_typer.py"), "bye"],
        "podnotes --version": [podnotes, "--version"],
        "search, fuzzy": [podnotes, "search", "dictionary learning"],
        "search, fuzzy typo": [podnotes, "search", "dictionry lerning"],
        "search, exact": [podnotes, "search", "--exact", "-i", "zyzzogeton benchmark"],
        "takeaways | pipe": [podnotes, "takeaways"],
        "list": [podnotes, "list"],
    }
    if rg:
        commands["rg -i"] = [rg, "-i", "zyzzogeton benchmark", str(notes)]
    commands["grep -ri"] = ["grep", "-ri", "zyzzogeton benchmark", str(notes)]
    for name, args in commands.items():
        run(args, env)  # warm the page cache and the index
        results[name] = median(args, env, runs)
    from benchmarks import spaced  # searches after idle time, and freshness (issue 15)

    results.update(spaced.rows(podnotes, env, notes, runs, median))
    typer_app = [sys.executable, str(ROOT / "benchmarks" / "minimal_typer.py"), "bye"]
    results.update(terminal_rows(podnotes, typer_app, env, runs))  # issue 12

    exports = work / f"export-{size}"
    started = time.perf_counter()
    run([podnotes, "export", "--all", "--out-dir", str(exports), "--force"], env)
    results["export --all (episodes/s)"] = size / (time.perf_counter() - started)

    extra = pages / "episode-000001.txt"
    one = work / "one-more.txt"
    one.write_text(extra.read_text().replace("Episode", "Extra episode", 1))
    run([podnotes, "search", "dictionary learning"], env)  # warm: the index has just been checked
    started = time.perf_counter()
    run([podnotes, "add", str(one), "--title", f"One more {time.time()}"], env)
    run([podnotes, "search", "dictionary learning"], env)
    results["add one + search"] = Timing(time.perf_counter() - started, 0.0)

    yaml_bytes = sum(p.stat().st_size for p in notes.glob("*.yaml"))
    index_bytes = sum(p.stat().st_size for p in (notes / ".podnotes").iterdir())
    results["index size / YAML size"] = index_bytes / yaml_bytes
    return results


def table(all_results: dict[int, dict[str, Timing | float]], rg: bool) -> str:
    sizes = list(all_results)
    names = list(next(iter(all_results.values())))
    lines = [
        "| command | " + " | ".join(f"{s:,} episodes" for s in sizes) + " |",
        "| --- |" + " --- |" * len(sizes),
    ]
    for name in names:
        cells = []
        for size in sizes:
            value = all_results[size][name]
            if isinstance(value, float):
                cells.append(f"{value:,.2f}" if value < 100 else f"{value:,.0f}")
                continue
            base = all_results[size].get("rg -i") if rg else None
            ratio = (
                f" ({value.seconds / base.seconds:.2f}x rg)"
                if isinstance(base, Timing) and name.startswith(("search", "takeaways", "list"))
                else ""
            )
            rss = f", {value.rss_mb:.0f} MB" if value.rss_mb else ""
            cells.append(f"{value.seconds * 1000:,.0f} ms{ratio}{rss}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(all_results: dict[int, dict[str, Timing | float]]) -> list[str]:
    """The issue's targets as measured ratios, each with its verdict."""

    def seconds(size: int, name: str) -> float | None:
        value = all_results.get(size, {}).get(name)
        return value.seconds if isinstance(value, Timing) else None

    def line(label: str, value: float | None, limit: float, unit: str, *, most: bool) -> None:
        if value is not None:
            met = value <= limit if most else value >= limit
            out.append(
                f"- {label}: {value:,.2f}{unit}; target {limit:,}{unit}: "
                + ("met" if met else "missed")
            )

    out: list[str] = []
    search, rg = seconds(100_000, "search, fuzzy"), seconds(100_000, "rg -i")
    if search and rg:
        line("fuzzy search at 100,000, against rg -i", search / rg, 0.5, "x", most=True)
    search, rg = seconds(10_000, "search, fuzzy"), seconds(10_000, "rg -i")
    typer_app = seconds(10_000, "minimal Typer app")
    if search and rg and typer_app:
        label = "fuzzy search at 10,000, against a minimal Typer app + rg -i"
        line(label, search / (typer_app + rg), 1.3, "x", most=True)
    warm, added = seconds(10_000, "search, fuzzy"), seconds(10_000, "add one + search")
    if warm and added:
        line("add one + search at 10,000, against a warm search", added / warm, 2, "x", most=True)
    from benchmarks import spaced

    for label, ratio, limit in spaced.targets(seconds):
        line(label, ratio, limit, "x", most=True)
    search_100k = all_results.get(100_000, {}).get("search, fuzzy")
    if isinstance(search_100k, Timing):
        line("search peak RSS at 100,000", search_100k.rss_mb, 300, " MB", most=True)
    rate = all_results.get(10_000, {}).get("add (episodes/s)")
    if isinstance(rate, float):
        line("add of 10,000 in one call", rate, 500, " episodes/s", most=False)
    for size in all_results:
        version, typer_app = seconds(size, "podnotes --version"), seconds(size, "minimal Typer app")
        if version and typer_app:
            label = f"podnotes --version at {size:,}, against a minimal Typer app"
            line(label, version / typer_app, 1.15, "x", most=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument(
        "--transcripts", type=int, default=0, metavar="N", help="also N transcribed episodes"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rg = shutil.which("rg", path=str(BIN)) or shutil.which("rg")
    compile_package()  # bytecode, as an installed package has: start-up is what is timed
    results = {}
    for size in args.sizes:
        print(f"benchmarking {size:,} episodes ...", file=sys.stderr, flush=True)
        results[size] = bench_size(size, args.work, args.runs, rg)
    spoken: list[str] = []
    if args.transcripts:
        from benchmarks.transcripts import bench_transcripts

        print(f"benchmarking {args.transcripts:,} transcribed episodes ...", file=sys.stderr)
        spoken = bench_transcripts(args.transcripts, args.work, args.runs, rg)
    document = args.out.read_text() if args.out.exists() else ""
    if spoken:  # the transcript rows replace their own section's figures
        document = splice(document, "## Transcripts", "\n".join(spoken))
    if not results:
        args.out.write_text(document)
        print("\n".join(spoken))
        return
    report = [
        "# Benchmarks",
        "",
        f"Made by `python -m benchmarks --sizes {' '.join(map(str, args.sizes))} --runs "
        f"{args.runs}` on {time.strftime('%Y-%m-%d')}: {platform.platform()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
        + ("" if rg else " (rg not found: no ratios)"),
        "",
        "Whole-process wall time, median of the runs, and peak RSS; every command in the same run.",
        "",
        table(results, bool(rg)),
        "",
        "Targets:",
        "",
        *targets(results),
        *terminal_targets(results),
    ]
    text = "\n".join(report)
    print(text)
    print("\n".join(spoken))
    # the run's figures replace the file's opening part; the sections after it are kept
    args.out.write_text(splice(document, None, text))


if __name__ == "__main__":
    main()
