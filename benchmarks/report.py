"""Writing figures into BENCHMARKS.md without losing what people wrote there by hand."""

from __future__ import annotations


def splice(document: str, heading: str | None, block: str) -> str:
    """`document` with one section replaced by `block`: the one whose heading line starts with
    `heading` ('## Transcripts'), or with None the part before the first '## ' heading. The
    section's '### ' subsections and every other section are kept (notes written by hand,
    earlier runs); a section not found is appended."""
    lines = document.splitlines(keepends=True)
    start: int | None = 0
    if heading is not None:
        start = next((n for n, line in enumerate(lines) if line.startswith(heading)), None)
    if start is None:
        return f"{document.rstrip()}\n\n{block.rstrip()}\n"
    end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("## ")), len(lines))
    kept = next((n for n in range(start + 1, end) if lines[n].startswith("### ")), end)
    rest = "".join(lines[kept:])
    return "".join(lines[:start]) + block.rstrip() + "\n" + ("\n" + rest if rest else "")
