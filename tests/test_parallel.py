from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from podnotes.errors import ParseError, PodnotesError
from podnotes.parallel import PARALLEL_MIN, map_ordered


def square_or_fail(n: int) -> int:
    if n % 7 == 0:
        raise ParseError(f"{n} is unlucky")
    return n * n


@pytest.mark.parametrize("count", [5, PARALLEL_MIN + 30])
def test_results_come_back_in_order_with_errors_as_values(count: int) -> None:
    results = list(map_ordered(square_or_fail, list(range(1, count + 1)), workers=2))
    for n, result in enumerate(results, 1):
        if n % 7 == 0:
            assert isinstance(result, PodnotesError)
            assert str(result) == f"{n} is unlucky"
        else:
            assert result == n * n


# Python keeps SIGINT ignored when it starts so (a background job of a non-interactive shell,
# such as a suite launched with `&`): put back the handler a terminal's podnotes has.
WORKERS = """
import os, signal, sys, time
from podnotes.parallel import map_ordered

signal.signal(signal.SIGINT, signal.default_int_handler)

def slow(n):
    time.sleep(0.1)
    return os.getpid()

for pid in map_ordered(slow, list(range(5000)), workers=2):
    print(pid, flush=True)
"""


def _gone(pid: int) -> bool:
    """Exited (a zombie waiting for a reaper counts as exited)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in {"Z", "X"}


def _workers_of(process: subprocess.Popen[str]) -> set[int]:
    assert process.stdout is not None
    pids: set[int] = set()
    while len(pids) < 2:
        line = process.stdout.readline()
        assert line, "the batch ended before both workers answered"
        pids.add(int(line))
    return pids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_workers_exit_when_the_parent_dies_or_is_interrupted(stop: signal.Signals) -> None:
    """kill -9 of a bulk add left its workers waiting on their queue forever."""
    process = subprocess.Popen(
        [sys.executable, "-c", WORKERS],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    workers: set[int] = set()
    try:
        workers = _workers_of(process)
        # Ctrl-C reaches the whole foreground group; kill reaches the parent alone.
        if stop is signal.SIGINT:
            os.killpg(process.pid, stop)
        else:
            os.kill(process.pid, stop)
        process.wait(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not all(map(_gone, workers)):
            time.sleep(0.1)
        assert all(map(_gone, workers)), "workers outlived their parent"
    finally:
        for pid in [process.pid, *workers]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait()
