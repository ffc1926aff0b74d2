"""Work shared with forked processes comes back complete and in order."""

from __future__ import annotations

import os

import pytest

from generator import parallel


def squares(first: int, step: int) -> list[tuple[int, int]]:
    """(item, its square) for this part's items of 0..9, with the id of the process."""
    return [(item * item, os.getpid()) for item in range(first, 10, step)]


@pytest.mark.parametrize("count", [1, 2, 3])
def test_parts_come_back_in_item_order(count: int) -> None:
    parts = parallel.in_parts(squares, count)
    assert len(parts) == count
    assert [square for square, _ in parallel.interleaved(parts)] == [i * i for i in range(10)]
    assert {pid for _, pid in parts[0]} == {os.getpid()}  # part 0 runs here
    assert all(pid != os.getpid() for part in parts[1:] for _, pid in part)


def test_work_sees_what_this_process_holds() -> None:
    held = {"content": [1, 2, 3]}  # never pickled: the forked process inherits it
    parts = parallel.in_parts(lambda first, step: held["content"][first::step], 2)
    assert parallel.interleaved(parts) == [1, 2, 3]


def test_an_error_in_a_forked_part_reaches_the_caller() -> None:
    def work(first: int, step: int) -> int:
        if first == 1:
            raise ValueError("part 1 failed")
        return first

    with pytest.raises(ValueError, match="part 1 failed"):
        parallel.in_parts(work, 2)


def test_one_process_where_forking_is_not_possible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert parallel.process_count(1000, 200) == 2
    assert parallel.process_count(300, 200) == 1  # too few items for a second process
    monkeypatch.delattr(parallel.os, "fork")
    assert parallel.process_count(1000, 200) == 1
