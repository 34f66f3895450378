"""Item 1: arbitrary input. Every parser returns a valid document or raises one clean user
error, and its time grows linearly with input size.

How the regular expressions were checked: every pattern in src/podnotes was listed, run
through regexploit (static ReDoS search: nested or adjacent quantifiers over overlapping
classes), and pumped at runtime with long runs of each character class the patterns use
(blanks, tabs, '#', '[', digits, ':' ...) at 2,000 and 8,000 characters, flagging any whose
time grew more than linearly. The shapes that found a quadratic pattern are kept below; the
benchmark runs them at 1 MB and 10 MB in a child process, so a backtracking pattern makes the
test fail at the guard's generous time-out instead of hanging the suite."""

from __future__ import annotations

import subprocess

import pytest
from benchmarks.parse_scaling import REDOS, parse_times
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podnotes.errors import InputError, ParseError
from podnotes.model import Episode
from podnotes.parse import FORMATS, parse_bytes, parse_text, read_chapter_file
from podnotes.yamlio import dump, load, load_front_matter

_PIECES = [
    b"\x00",
    b"\xed\xa0\x80",  # a lone surrogate as UTF-8 bytes
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\r",
    b"\r\n",
    b"\x1b[2J",
    b"\x1b]8;;x\x07",
    b"## Summary\n",
    b"- ",
    b"    - ",
    b"# ",
    b"---\n",
    b"title: x\n",
    b"00:00 ",
    b"&a *a ",
    b"!!python/object/apply:os.system [x]\n",
    "é😀\u202e".encode(),
    b"\x81\x8d",
]
_chunks = st.one_of(st.sampled_from(_PIECES), st.binary(max_size=20))
_bytes = st.lists(_chunks, max_size=40).map(b"".join)


def outcome(call: object) -> object:
    """The parser's result or the user error it raised; anything else fails the test."""
    try:
        return call()  # type: ignore[operator]
    except (InputError, ParseError) as err:
        error = err
    assert str(error), "a user error always says what is wrong"
    return error


def check_episode(result: object) -> None:
    if isinstance(result, Episode):
        assert result.title.strip()
        # A parsed document is a valid document: it survives the YAML round trip.
        assert load(dump(result), "round-trip.yaml") == result


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_bytes, fmt=st.sampled_from([None, *FORMATS]))
def test_arbitrary_bytes(data: bytes, fmt: str | None) -> None:
    check_episode(outcome(lambda: parse_bytes(data, name="in.txt", fmt=fmt)))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(st.characters(), max_size=200), fmt=st.sampled_from([None, *FORMATS]))
def test_arbitrary_unicode_with_surrogates(text: str, fmt: str | None) -> None:
    data = text.encode("utf-8", "surrogatepass")
    check_episode(outcome(lambda: parse_bytes(data, name="in.txt", fmt=fmt)))
    check_episode(outcome(lambda: parse_text(text.encode("utf-8", "replace").decode(), fmt=fmt)))


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=200))
def test_chapter_files_and_front_matter(text: str) -> None:
    result = outcome(lambda: read_chapter_file(text, "chapters.json"))
    assert isinstance(result, tuple | ParseError)
    assert isinstance(load_front_matter(text), dict)


@pytest.mark.parametrize(
    "text",
    [
        "".join("  " * i + "- nested\n" for i in range(3000)),
        "".join("\t" * i + "- nested\n" for i in range(3000)),
        "> " * 50_000 + "deep quote",
        "".join(f"{'#' * (1 + i % 6)} Heading {i}\nline\n" for i in range(5000)),
        "## Summary\n" + "".join(f"### Key takeaways\n- t{i}\n" for i in range(3000)),
        "---\n" + "a: [" * 5000 + "\n---\n## Summary\ns\n",
    ],
    ids=[
        "nested-bullets",
        "nested-tabs",
        "nested-quotes",
        "5000-headings",
        "3000-sections",
        "deep-front-matter",
    ],
)
@pytest.mark.parametrize("fmt", [None, *FORMATS])
def test_structural_extremes(text: str, fmt: str | None) -> None:
    check_episode(outcome(lambda: parse_text(text, fmt=fmt)))


# The adversarial shapes and the child process that times them live with the benchmarks
# (`python -m benchmarks.parse_scaling` times 1 MB and 10 MB); here they only must not hang.
_REDOS = REDOS


def run_bench(cases: list[str], timeout: float) -> list[dict[str, object]]:
    """Parse each case in a child process; a time-out (a pattern that backtracks) fails."""
    try:
        rows = parse_times(cases, timeout)
    except subprocess.TimeoutExpired as err:
        finished = (err.stdout or b"").decode() if isinstance(err.stdout, bytes) else err.stdout
        pytest.fail(f"parsing did not finish within {timeout}s; finished: {finished}")
    assert [r["case"] for r in rows] == cases
    assert all(r["result"] in {"Episode", "ParseError"} for r in rows), rows
    return rows


@pytest.mark.parametrize("fmt", ["", *FORMATS])
def test_no_pattern_backtracks_on_long_runs(fmt: str) -> None:
    """200,000-character runs: quadratic patterns took hours here, linear ones milliseconds."""
    run_bench([f"{shape}:0.2:{fmt}" for shape in _REDOS], timeout=60)
