"""--regex on RE2: linear time whatever the pattern, Python's Unicode classes kept, and what RE2
cannot run refused in one line."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from podnotes.pattern import MAX_PATTERN, PatternError, compile_pattern, translate


@pytest.mark.parametrize(
    ("pattern", "text", "span"),
    [
        (r"\w+", "żółw idzie", (0, 4)),
        (r"\d+", "chapter ٣٤ starts", (8, 10)),
        (r"a\sb", "a\u00a0b", (0, 3)),
        (r"[\w-]+", "--żółw", (0, 6)),
        (r"[]x]+", "a]x]b", (1, 4)),
        (r"end\Z", "the end", (4, 7)),
        (r"(?P<word>ab)c", "xabc", (1, 4)),
    ],
)
def test_python_meanings_are_kept(pattern: str, text: str, span: tuple[int, int]) -> None:
    assert compile_pattern(pattern).search(text) == span


def test_whole_words_and_case() -> None:
    pattern = compile_pattern("grad", ignore_case=True, word=True)
    assert pattern.search("gradient GRAD") == (9, 13)
    assert pattern.search("żgrad") is None
    assert compile_pattern("grad").search("GRAD") is None


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(a)\1", "backreferences are not supported"),
        (r"a(?=b)", "look-around is not supported"),
        (r"(?<!a)b", "look-around is not supported"),
        ("(", "missing )"),
        ("a" * (MAX_PATTERN + 1), "at most 1,000"),
    ],
)
def test_what_re2_cannot_run_is_refused(pattern: str, reason: str) -> None:
    with pytest.raises(PatternError, match=re.escape(reason)):
        compile_pattern(pattern)


def test_translate_leaves_other_escapes_alone() -> None:
    assert translate(r"\.\*\b\n") == r"\.\*\b\n"


def test_a_bad_pattern_is_one_line_on_the_command_line(cli, notes_dir: Path) -> None:
    from podnotes.model import Episode
    from podnotes.store import Library

    Library(notes_dir).save(Episode(title="Anything"))
    result = cli("search", "-E", r"(a)\1")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "podnotes uses RE2 syntax" in result.stderr


REDOS = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1024**3,) * 2)
from pathlib import Path
from podnotes.model import Episode
from podnotes.store import Library
library = Library(Path(sys.argv[1]))
for n in range(20):
    library.save(Episode(title="a" * (40 + n) + "!", summary="a" * 5000 + "!"))
from podnotes.cli import app
sys.argv = ["podnotes", "--notes-dir", sys.argv[1], "search", "-E", "(a+)+$", "-c"]
app()
"""


def test_a_backtracking_pattern_runs_in_linear_time(tmp_path: Path) -> None:
    """`(a+)+$` took 27 s on one 29-character title with Python's engine; 20 titles of 40+
    characters would take longer than the universe. Bounded: 30 s, 1 GB."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(REDOS), str(tmp_path / "lib")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # nothing ends in 'a' before the end: no match
    assert "Traceback" not in result.stderr
