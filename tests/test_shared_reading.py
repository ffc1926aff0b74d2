"""`check` on several cores: option files read by forked processes, pages graded by them,
with the same content, problems and output as one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.synthetic import write_pack
from generator import grading, parallel, validate
from generator.cli import main
from generator.errors import ContentError, Problem
from generator.validate import load_content


def use_three_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three processes share the work even for small packs, whatever this machine has."""
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    monkeypatch.setattr(validate, "FILES_PER_PROCESS", 4)
    monkeypatch.setattr(grading, "OPTIONS_PER_PROCESS", 4)


def use_one_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """One core: nothing may fork."""
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0}, raising=False)

    def no_fork() -> int:
        raise AssertionError("forked on one core")

    monkeypatch.setattr(parallel.os, "fork", no_fork)


@pytest.fixture
def three_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    use_three_cores(monkeypatch)


def broken_pack(folder: Path) -> Path:
    """A synthetic pack with problems in several option files, of several kinds."""
    project = write_pack(folder, 20)
    options = sorted((project / "content" / "options").glob("*.yaml"))
    options[1].write_text(options[1].read_text().replace("category:", "categry:"))
    options[6].write_text("title: [unclosed\n")
    options[11].write_text(options[11].read_text().replace("invasiveness: ", "invasiveness: laser"))
    options[14].rename(options[14].with_name("Bad Name.yaml"))
    (options[17].with_suffix(".yml")).write_text(options[17].read_text())
    return project


def problems_of(project: Path, share_reading: bool) -> list[Problem]:
    with pytest.raises(ContentError) as raised:
        load_content(project, share_reading=share_reading)
    return raised.value.problems


@pytest.mark.usefixtures("three_cores")
def test_shared_reading_gives_the_same_content(tmp_path: Path) -> None:
    project = write_pack(tmp_path / "pack", 20)
    alone, shared = load_content(project), load_content(project, share_reading=True)
    assert shared.content == alone.content
    assert list(shared.documents) == list(alone.documents)
    assert all(shared.documents[path] == doc for path, doc in alone.documents.items())
    assert shared.warnings == alone.warnings


@pytest.mark.usefixtures("three_cores")
def test_shared_reading_reports_the_same_problems(tmp_path: Path) -> None:
    project = broken_pack(tmp_path / "pack")
    problems = problems_of(project, share_reading=False)
    assert len({p.path for p in problems}) == 5
    assert problems_of(project, share_reading=True) == problems


def check_output(project: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--project", str(project)])
    return result.exit_code, result.output


def test_check_says_the_same_on_one_core_and_three(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    good, bad = write_pack(tmp_path / "good", 20), broken_pack(tmp_path / "bad")
    with monkeypatch.context() as patch:
        use_one_core(patch)
        alone = [check_output(good), check_output(bad)]
    with monkeypatch.context() as patch:
        use_three_cores(patch)
        shared = [check_output(good), check_output(bad)]
    assert shared == alone
    assert [code for code, _ in alone] == [0, 1]
