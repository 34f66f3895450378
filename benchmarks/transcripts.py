"""Transcript rows: a library with a ~60 KB transcript beside every episode (issue 11).

    python -m benchmarks --sizes --transcripts 5000 [--runs 5]   # only these rows

Generates the episodes twice with ../shared/bench/make_library.py, with and without
`--transcripts mixed` (the same notes, the same seed), adds both, and times against `rg -i`
over the transcribed library's folder. Checks with the generator's manifest that an exact
search finds every planted phrase in its episode at its time (±1 s).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
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


def _add(pages: Path, notes: Path, env: dict[str, str]) -> tuple[float, Timing]:
    import shutil

    if notes.exists():
        shutil.rmtree(notes)
    started = time.perf_counter()
    timing = run([str(BIN / "podnotes"), "add", str(pages)], env)
    return (time.perf_counter() - started), timing


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
    rows["index build, cold"] = run([podnotes, "index", "--rebuild"], env)
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
    for name, args in commands.items():
        run(args, env)
        rows[name] = median(args, env, runs)
    notes_only = [podnotes, "search", NOTES_QUERY]
    run(notes_only, plain_env)
    rows["search (notes), library without transcripts"] = median(notes_only, plain_env, runs)
    if rg:
        rg_args = [rg, "-i", PHRASE, str(spoken)]
        run(rg_args, env)
        rows["rg -i"] = median(rg_args, env, runs)
    found, planted = _planted(spoken_pages, spoken, env)
    yaml_bytes = sum(p.stat().st_size for p in spoken.glob("*.yaml"))
    index_bytes = sum(p.stat().st_size for p in (spoken / ".podnotes").iterdir())
    return _report(size, rows, size / seconds, found, planted, index_bytes / yaml_bytes)


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
        lines.append(
            f"| {name} | {timing.seconds * 1000:,.0f} ms{versus}, {timing.rss_mb:.0f} MB |"
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
