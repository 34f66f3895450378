"""Issue 14 items 1, 6 and 8: several podnotes processes at once on one library. The index must
agree with the folder after any interleaving, a stored input stays `unchanged`, a first index is
built once, and a long writer never makes anyone else wait for its whole run."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.safety.conftest import podnotes, write_inputs

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")

ROUNDS = 3


def start(*args: str, env: dict[str, str], stdin: int | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "podnotes", *args],
        env=env,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(procs: list[subprocess.Popen[bytes]]) -> list[tuple[int, str, str]]:
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        done.append((proc.returncode, out.decode(), err.decode()))
    return done


def listed(env: dict[str, str]) -> list[str]:
    result = podnotes("list", "--json", env=env)
    assert result.returncode == 0, result.stderr
    return sorted(item["slug"] for item in json.loads(result.stdout))


def on_disk(notes: Path) -> list[str]:
    return sorted(p.stem for p in notes.glob("*.yaml"))


@pytest.mark.slow
def test_parallel_adds_after_a_deletion_keep_index_and_folder_in_step(
    notes_dir: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    notes_dir.mkdir(exist_ok=True)
    for round_ in range(ROUNDS):
        inputs = write_inputs(tmp_path / "inputs", 8, tag=f"r{round_}-")
        assert podnotes("add", str(tmp_path / "inputs"), env=env).returncode == 0
        listed(env)  # the index knows them all
        for note in notes_dir.glob("*.yaml"):
            note.unlink()
        procs = []
        for path in inputs:  # staggered, so that some refresh while others write
            procs.append(start("add", str(path), "--title", "Same title", env=env))
            time.sleep(random.uniform(0, 0.12))
        assert all(code == 0 for code, _, _ in finish(procs))
        assert len(on_disk(notes_dir)) == 8
        assert listed(env) == on_disk(notes_dir), f"round {round_}"
        again = finish([start("add", str(p), "--title", "Same title", env=env) for p in inputs])
        assert all("unchanged" in err for _, _, err in again), [err for _, _, err in again]
        assert len(on_disk(notes_dir)) == 8
        for path in inputs:
            path.unlink()
        for note in notes_dir.glob("*.yaml"):
            note.unlink()


@pytest.mark.slow
def test_adds_and_searches_racing_leave_an_index_that_agrees(
    notes_dir: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    notes_dir.mkdir(exist_ok=True)
    for round_ in range(ROUNDS):
        inputs = write_inputs(tmp_path / f"batch{round_}", 6, tag=f"b{round_}-")
        procs = [start("add", str(p), env=env) for p in inputs]
        procs += [start("search", "otters", "-n", "1000", env=env) for _ in range(3)]
        procs += [start("list", env=env)]
        results = finish(procs)
        assert all(code in (0, 1) for code, _, _ in results), [err for _, _, err in results]
        assert listed(env) == on_disk(notes_dir)
    # The same input added by several processes at once is stored once.
    same = write_inputs(tmp_path / "same", 1, tag="same-")[0]
    results = finish([start("add", str(same), env=env) for _ in range(6)])
    assert sum("added" in err for _, _, err in results) == 1
    assert sum("unchanged" in err for _, _, err in results) == 5
    assert listed(env) == on_disk(notes_dir)


@pytest.mark.slow
def test_first_searches_at_once_all_find_the_word(
    notes_dir: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    write_inputs(tmp_path / "inputs", 210)
    for round_ in range(3):
        if round_ == 0:
            assert podnotes("add", str(tmp_path / "inputs"), env=env).returncode == 0
        shutil.rmtree(notes_dir / ".podnotes", ignore_errors=True)
        procs = [start("search", "otters", "--json", "-n", "1000", env=env) for _ in range(8)]
        results = finish(procs)
        for code, out, err in results:
            assert code == 0, err
            assert len(json.loads(out)) == 210


def test_a_long_add_does_not_hold_the_index(
    notes_dir: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    """`add -` waiting on stdin, and a bulk add: searches and adds meanwhile go on."""
    inputs = write_inputs(tmp_path / "inputs", 3)
    assert podnotes("add", str(inputs[0]), env=env).returncode == 0
    listed(env)  # an index exists, which writers keep current
    waiting = start("add", "-", env=env, stdin=subprocess.PIPE)
    try:
        time.sleep(1.5)  # it has opened the index and is reading stdin
        started = time.monotonic()
        search = podnotes("search", "otters", env=env, timeout=60)
        added = podnotes("add", str(inputs[1]), env=env, timeout=60)
        assert search.returncode == 0, search.stderr
        assert added.returncode == 0, added.stderr
        assert time.monotonic() - started < 20
    finally:
        assert waiting.stdin is not None
        waiting.stdin.write(inputs[2].read_bytes())
        waiting.stdin.close()
        waiting.wait(timeout=60)
    assert waiting.returncode == 0
    assert listed(env) == on_disk(notes_dir)
    assert len(on_disk(notes_dir)) == 3
