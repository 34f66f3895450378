"""Parsing many inputs on every core: bulk `add` is bound by the parser, not by the disk."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TypeVar

from podnotes.errors import PodnotesError

T = TypeVar("T")
Item = TypeVar("Item")
PARALLEL_MIN = 64  # below this many inputs, starting worker processes costs more than it saves
CHUNK = 16
WINDOW = 512  # items in flight at once: results wait in memory only this far ahead


def _guarded(job: Callable[[Item], T], item: Item) -> T | PodnotesError:
    try:
        return job(item)
    except PodnotesError as err:
        return err


def map_ordered(
    job: Callable[[Item], T], items: list[Item], *, workers: int | None = None
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

    with ProcessPoolExecutor(max_workers=count) as pool:

        def submit(start: int) -> Iterator[T | PodnotesError]:
            window = items[start : start + WINDOW]
            return pool.map(_guarded, [job] * len(window), window, chunksize=CHUNK)

        # Two windows in flight: the workers keep going while this one is consumed.
        pending = submit(0)
        for start in range(WINDOW, len(items) + WINDOW, WINDOW):
            following = submit(start) if start < len(items) else iter(())
            yield from pending
            pending = following
