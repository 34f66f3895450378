"""Parsing many inputs on every core: bulk `add` is bound by the parser, not by the disk."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from podnotes.errors import PodnotesError

T = TypeVar("T")
Item = TypeVar("Item")
PARALLEL_MIN = 64  # below this many inputs, starting worker processes costs more than it saves
CHUNK = 16
WINDOW = 512  # items in flight at once: results wait in memory only this far ahead
PARENT_CHECK_SECONDS = 0.5


def _guarded(job: Callable[[Item], T], item: Item) -> T | PodnotesError:
    try:
        return job(item)
    except PodnotesError as err:
        return err


def map_ordered(
    job: Callable[[Item], T],
    items: list[Item],
    *,
    workers: int | None = None,
    window: int = WINDOW,
) -> Iterator[T | PodnotesError]:
    """job(item) for each item, in order, on a process pool when the batch is large enough.

    A PodnotesError raised by the job comes back as a value, so one bad input never stops
    the batch. `job` must be a module-level function (it is pickled by name)."""
    count = workers or os.cpu_count() or 1
    if len(items) < PARALLEL_MIN or count < 2:
        for item in items:
            yield _guarded(job, item)
        return
    from concurrent.futures import ProcessPoolExecutor  # only a large batch pays for it

    pool = ProcessPoolExecutor(
        max_workers=count, initializer=_watch_parent, initargs=(os.getpid(),)
    )

    def submit(start: int) -> Iterator[T | PodnotesError]:
        batch = items[start : start + window]
        return pool.map(_guarded, [job] * len(batch), batch, chunksize=CHUNK)

    try:
        # Two windows in flight: the workers keep going while this one is consumed.
        pending = submit(0)
        for start in range(window, len(items) + window, window):
            following = submit(start) if start < len(items) else iter(())
            yield from pending
            pending = following
    except BaseException:
        # Ctrl-C, or the caller stopped reading: nothing more is wanted from the workers.
        for process in list(getattr(pool, "_processes", None) or {}):
            with contextlib.suppress(OSError):
                os.kill(process, signal.SIGTERM)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _watch_parent(parent: int) -> None:
    """Start of every worker: leave Ctrl-C to the parent (which stops the pool), and exit as
    soon as the parent is gone, even killed with -9 (a worker would otherwise wait on its
    queue forever)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="podnotes-parent-watch", daemon=True).start()
