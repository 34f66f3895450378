"""benchmarks.report: a run's figures replace their own section of BENCHMARKS.md, nothing else."""

from __future__ import annotations

from benchmarks.report import splice

DOCUMENT = """# Benchmarks

old table

## Searches after idle time

by hand

## Transcripts: 5,000 episodes

old rows

### Transcripts, quiet machine

a note by hand

## Parser

kept
"""


def test_the_opening_part_is_replaced_and_every_section_kept() -> None:
    result = splice(DOCUMENT, None, "# Benchmarks\n\nnew table\n")
    assert result.startswith("# Benchmarks\n\nnew table\n\n## Searches after idle time\n")
    assert "old table" not in result
    assert result.endswith(DOCUMENT[DOCUMENT.index("## Searches") :])


def test_a_section_is_replaced_but_its_subsections_and_the_next_sections_stay() -> None:
    result = splice(DOCUMENT, "## Transcripts", "## Transcripts: 5,000 episodes\n\nnew rows")
    assert "old rows" not in result
    assert "new rows\n\n### Transcripts, quiet machine\n\na note by hand\n\n## Parser" in result
    assert result.startswith(DOCUMENT[: DOCUMENT.index("## Transcripts")])


def test_a_missing_section_is_appended_and_an_empty_file_gets_the_block() -> None:
    assert splice("# B\n", "## Transcripts", "## Transcripts: 1\n\nrows") == (
        "# B\n\n## Transcripts: 1\n\nrows\n"
    )
    assert splice("", None, "# Benchmarks\n\nt") == "# Benchmarks\n\nt\n"
