"""Share work with processes forked from this one, where that is safe and useful.

Two shapes of sharing:

- `Background(function, *args)`: one call runs in a forked process while this one
  does other work (`build` validates and renders while MkDocs loads);
- `in_parts(work, count)`: work split in parts, part 0 here and the others in
  forked processes (`check` reads option files and grades pages on every core).

A forked process inherits everything this one holds (content, templates, loaded
dictionaries), so only results travel back, pickled through a pipe. Forking is
used only where the platform has `os.fork`, it is not macOS (system libraries
there may start threads, which a fork does not copy), and this process runs no
other thread (a fork copies locks other threads hold). Otherwise the work runs
here, in order, with the same results and the same exceptions.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")

MAX_PROCESSES = 8

Work = Callable[[int, int], T]
"""`work(first, step)` does every `step`-th item from the `first`: part `first` of `step`."""


class BackgroundFailure(Exception):
    """A forked process crashed or died before sending its result."""


def can_fork() -> bool:
    """True when forking this process is possible and safe."""
    return (hasattr(os, "fork") and sys.platform != "darwin"
            and threading.active_count() == 1)


def second_core_free() -> bool:
    """True when work can run in a forked process on another core at the same time as here."""
    return can_fork() and usable_cores() > 1


def usable_cores() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def process_count(items: int, per_process: int) -> int:
    """How many processes should share `items`: one per usable core, but no more than one
    per `per_process` items, and one where forking is not possible or safe."""
    if not can_fork():
        return 1
    return max(1, min(usable_cores(), MAX_PROCESSES, items // per_process))


class Background(Generic[T]):
    """`function(*args)` running in a forked process; `result()` waits for it.

    By default it forks only where that is safe and a second core can run it; otherwise
    (or with `fork=False`) the call runs here at once. Used in a `with` block, the block's
    end waits for the process even when the block fails, so none is left behind."""

    def __init__(self, function: Callable[..., T], *args: Any, fork: bool | None = None):
        self._done: tuple[bool, Any] | None = None
        if fork is None:
            fork = second_core_free()
        if not fork:
            self._done = _outcome(function, *args)
            return
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # or the child could print what is still buffered a second time
        read_end, write_end = os.pipe()
        try:
            self._pid = os.fork()
        except OSError:  # out of processes: no pipe left open behind
            os.close(read_end)
            os.close(write_end)
            raise
        if self._pid == 0:  # the child: compute, send, and always leave here
            try:
                os.close(read_end)
                _send(write_end, _outcome(function, *args, in_child=True))
            finally:
                os._exit(0)
        os.close(write_end)
        self._read_end = read_end

    def __enter__(self) -> Background[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.wait()

    def wait(self) -> None:
        """Wait for the process to finish and keep its outcome, without raising it."""
        if self._done is None:
            self._done = self._receive()

    def result(self) -> T:
        """The function's return value; its exception is raised here."""
        self.wait()
        assert self._done is not None
        succeeded, value = self._done
        if not succeeded:
            raise value
        return value  # type: ignore[no-any-return]

    def _receive(self) -> tuple[bool, Any]:
        with os.fdopen(self._read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if not data:
            return False, BackgroundFailure(
                f"a forked process stopped without a result (exit status {status})")
        outcome: tuple[bool, Any] = pickle.loads(data)
        return outcome


def in_parts(work: Work[T], count: int) -> list[T]:
    """`work(i, count)` for every part i below `count`, in order of i: part 0 runs here while
    forked processes run the others. With a count of 1, `work(0, 1)` runs here alone."""
    if count <= 1:
        return [work(0, 1)]
    with contextlib.ExitStack() as stack:  # waits for every forked part, even if ours fails
        others = [stack.enter_context(Background(work, first, count, fork=can_fork()))
                  for first in range(1, count)]
        own = work(0, count)
    return [own, *(other.result() for other in others)]


def interleaved(parts: list[list[T]]) -> list[T]:
    """Parts made by `in_parts` (part i holds items i, i+n, i+2n, ...) back in item order."""
    step = len(parts)
    total = sum(len(part) for part in parts)
    return [parts[index % step][index // step] for index in range(total)]


def in_item_order(parts: Sequence[tuple[list[T], Exception | None]]) -> list[T]:
    """Parts made by `in_parts` that may each have stopped at an error: the items back in
    order, or the error of the first item that failed, which is the one a single process,
    going through the items in order, would have met."""
    step = len(parts)
    failures = [(first + len(items) * step, error)
                for first, (items, error) in enumerate(parts) if error is not None]
    if failures:
        raise min(failures, key=lambda failure: failure[0])[1]
    return interleaved([items for items, _ in parts])


def _outcome(function: Callable[..., Any], *args: Any,
             in_child: bool = False) -> tuple[bool, Any]:
    """(True, value) or (False, exception), so both can cross the pipe."""
    try:
        return True, function(*args)
    except Exception as error:  # noqa: BLE001 - handed to the parent, which raises it
        if in_child:  # the traceback does not cross the pipe: keep it as text
            error.add_note(f"In forked process {os.getpid()}:\n" + traceback.format_exc())
        return False, error


def _send(write_end: int, outcome: tuple[bool, Any]) -> None:
    try:
        data = pickle.dumps(outcome)
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled
        data = pickle.dumps((False, BackgroundFailure(traceback.format_exc())))
    with os.fdopen(write_end, "wb") as pipe:
        pipe.write(data)
