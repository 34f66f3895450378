"""Parse time of adversarial text at 1 MB and 10 MB: linear patterns take milliseconds, a
backtracking one would take hours. A benchmark, not a test: it prints figures.

    python -m benchmarks.parse_scaling [--timeout 300]

Each shape is built to `n` characters. The first five found (or would find) a backtracking
pattern: a blank run inside a heading, a paragraph or a snip, a run of '[' in a tags line.
The tests (`tests/safety/test_arbitrary_input.py`) run the same shapes at 0.2 MB with a time-out.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap

REDOS = ["heading-blank-run", "summary-blank-run", "snip-blank-run", "tag-brackets"]

BENCH = """
import json, sys, time
from podnotes.errors import ParseError
from podnotes.parse import parse_text

SHAPES = {
    "single-line": lambda n: "## Summary\\n" + "x" * n,
    "heading-blank-run": lambda n: "# x" + " " * n + "x\\n## Summary\\ns",
    "summary-blank-run": lambda n: "## Summary\\nA" + " \\t" * (n // 2) + "b",
    "snip-blank-run": lambda n: "## Snips\\n### Snip\\nquote" + " " * n + "x ([Time 1:00](u)",
    "tag-brackets": lambda n: "## Summary\\ns\\nTags: " + "[" * n,
    "controls": lambda n: "## Summary\\n" + "\\x1b[31m\\x00\\x07\\u202e" * (n // 8),
    "many-headings": lambda n: "## h\\n" * (n // 5),
    "timestamps": lambda n: "00:00 t\\n" * (n // 8),
    "nested-bullets": lambda n: "".join("  " * (i % 500) + "- x\\n" for i in range(n // 500)),
}
for spec in sys.argv[1:]:
    name, megabytes, fmt = spec.split(":")
    text = SHAPES[name](int(float(megabytes) * 1024 * 1024))
    start = time.perf_counter()
    try:
        result = type(parse_text(text, fmt=fmt or None)).__name__
    except ParseError:
        result = "ParseError"
    took = time.perf_counter() - start
    print(json.dumps({"case": spec, "seconds": round(took, 3), "result": result}), flush=True)
"""


def parse_times(cases: list[str], timeout: float) -> list[dict[str, object]]:
    """Parse each case ('shape:megabytes:format') in one child process, in order; raises
    subprocess.TimeoutExpired when they do not all finish within `timeout` seconds."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(BENCH), *cases],
        capture_output=True,
        timeout=timeout,
        check=True,
        text=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    cases = [f"{shape}:1:" for shape in ["single-line", *REDOS, "controls", "many-headings"]]
    cases += [f"{shape}:10:" for shape in ["single-line", *REDOS[:2], "tag-brackets", "controls"]]
    for row in parse_times(cases, args.timeout):
        print(f"{row['case']:>26}  {row['seconds']:7.3f}s  {row['result']}")


if __name__ == "__main__":
    main()
