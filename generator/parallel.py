"""Share work between this process and processes forked from it, one per core.

Forked processes inherit everything this process holds (content, templates, loaded
dictionaries), so only their results travel back, pickled. Where the platform cannot fork,
or forking is unsafe, or there is one core, the work runs here as one part.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

MAX_PROCESSES = 8

Work = Callable[[int, int], T]
"""`work(first, step)` does every `step`-th item from the `first`: part `first` of `step`."""


def process_count(items: int, per_process: int) -> int:
    """How many processes should share `items`: one per core this process may use, but no
    more than one per `per_process` items, and one where forking is unavailable or unsafe
    (macOS system libraries may start threads, which a fork does not copy)."""
    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, MAX_PROCESSES, items // per_process))


def in_parts(work: Work[T], count: int) -> list[T]:
    """`work(i, count)` for every part i below `count`, in order of i: part 0 runs here while
    forked processes run the others. With a count of 1, `work(0, 1)` runs here alone."""
    if count <= 1:
        return [work(0, 1)]
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # or a fork could print what is still buffered a second time
    context = multiprocessing.get_context("fork")
    with context.Pool(count - 1, initializer=_inherit, initargs=(work, count)) as pool:
        others = pool.map_async(_run_inherited_part, range(1, count), chunksize=1)
        own = work(0, count)
        return [own, *others.get()]


def interleaved(parts: list[list[T]]) -> list[T]:
    """Parts made by `in_parts` (part i holds items i, i+n, i+2n, ...) back in item order."""
    step = len(parts)
    total = sum(len(part) for part in parts)
    return [parts[index % step][index // step] for index in range(total)]


_inherited: tuple[Work[Any], int] | None = None
"""In a forked process: the work and the number of parts, inherited from `in_parts`."""


def _inherit(work: Work[Any], count: int) -> None:
    global _inherited
    _inherited = (work, count)


def _run_inherited_part(first: int) -> Any:
    assert _inherited is not None, "runs only in a process forked by in_parts"
    work, count = _inherited
    return work(first, count)
