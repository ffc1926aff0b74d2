"""Run one function in a second process while this one gets on with other work.

`build` uses it to validate and render content on one core while the other loads
MkDocs, the theme and the Markdown extensions (about 0.15 s that would otherwise
come first). The child is a fork, so nothing is re-imported or re-read; its
return value or exception comes back pickled through a pipe.

Forking is used only where it is safe and useful: the platform has `os.fork`,
this process runs no other thread (a fork copies locks held by other threads),
and more than one CPU is available. Otherwise the function simply runs here, at
once, so callers see the same results and the same exceptions either way.
"""

from __future__ import annotations

import os
import pickle
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class BackgroundFailure(Exception):
    """The second process crashed or died before sending its result."""


class Background(Generic[T]):
    """A function call running in a forked child; `result()` waits for it."""

    def __init__(self, function: Callable[..., T], *args: Any):
        self._done: tuple[bool, Any] | None = None
        if not forking_is_useful():
            self._done = _outcome(function, *args)
            return
        read_end, write_end = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the child: compute, send, and always leave here
            try:
                os.close(read_end)
                _send(write_end, _outcome(function, *args, in_child=True))
            finally:
                os._exit(0)
        os.close(write_end)
        self._read_end = read_end

    def result(self) -> T:
        """The function's return value; its exception is raised here."""
        if self._done is None:
            self._done = self._receive()
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
                f"the rendering process stopped without a result (exit status {status})")
        outcome: tuple[bool, Any] = pickle.loads(data)
        return outcome


def forking_is_useful() -> bool:
    """True when a fork is safe here and there is a second CPU for it."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return hasattr(os, "fork") and threading.active_count() == 1 and cpus > 1


def _outcome(function: Callable[..., Any], *args: Any,
             in_child: bool = False) -> tuple[bool, Any]:
    """(True, value) or (False, exception), so both can cross the pipe."""
    try:
        return True, function(*args)
    except Exception as error:  # noqa: BLE001 - handed to the parent, which raises it
        if in_child:  # the traceback does not cross the pipe: keep it as text
            error.add_note("In the rendering process:\n" + traceback.format_exc())
        return False, error


def _send(write_end: int, outcome: tuple[bool, Any]) -> None:
    try:
        data = pickle.dumps(outcome)
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled
        data = pickle.dumps((False, BackgroundFailure(traceback.format_exc())))
    with os.fdopen(write_end, "wb") as pipe:
        pipe.write(data)
