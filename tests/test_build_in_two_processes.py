"""Validating and rendering in a second process, and surveying pages in a third as MkDocs
writes them, give exactly what doing it all here gives."""

from __future__ import annotations

import os
import threading

import pytest

from generator import parallel
from generator.build import build
from generator.errors import ContentError, Problem
from generator.parallel import Background, BackgroundFailure
from tests.conftest import break_two_option_pages


@pytest.fixture
def needs_fork() -> None:
    """Skip, at run time, where this process cannot fork usefully (one CPU, or threads)."""
    if not parallel.second_core_free():
        pytest.skip("this process cannot fork usefully (one CPU, or other threads running)")


def child_pid() -> int:
    return os.getpid()


def refuse(problems: list[Problem]) -> None:
    raise ContentError(problems)


def die() -> None:
    os._exit(3)


class Unpicklable(Exception):
    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("cannot pickle this")


def raise_unpicklable() -> None:
    raise Unpicklable("oops")


@pytest.mark.usefixtures("needs_fork")
def test_the_function_runs_in_another_process_and_its_value_comes_back():
    assert Background(child_pid).result() != os.getpid()
    assert Background(sorted, [3, 1, 2]).result() == [1, 2, 3]


@pytest.mark.usefixtures("needs_fork")
def test_content_problems_come_back_whole_with_the_same_message():
    problems = [Problem("content/b.yaml", 2, "second"), Problem("content/a.yaml", 9, "first")]
    with pytest.raises(ContentError) as raised:
        Background(refuse, problems).result()
    assert raised.value.problems == sorted(problems)
    assert str(raised.value) == "content/a.yaml:9: first\ncontent/b.yaml:2: second"


@pytest.mark.usefixtures("needs_fork")
def test_a_child_that_dies_or_cannot_send_its_error_is_reported_not_hung():
    with pytest.raises(BackgroundFailure, match="stopped without a result"):
        Background(die).result()
    with pytest.raises(BackgroundFailure, match="cannot pickle this"):
        Background(raise_unpicklable).result()


def test_with_another_thread_running_it_runs_here_with_the_same_results():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert Background(child_pid).result() == os.getpid()
        with pytest.raises(ContentError, match="content/a.yaml:1: bad"):
            Background(refuse, [Problem("content/a.yaml", 1, "bad")]).result()
    finally:
        stop.set()
        thread.join()


def test_a_build_in_one_process_makes_the_same_site_as_a_build_in_two(tmp_path, monkeypatch):
    from tests.conftest import make_project, snapshot

    in_two, in_one = make_project(tmp_path / "two"), make_project(tmp_path / "one")
    build(in_two)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    build(in_one)

    def pages(project):
        return {k: v for k, v in snapshot(project / "site").items()
                if not k.endswith(".gz")}  # the sitemap's gzip carries a time stamp

    assert pages(in_one) == pages(in_two)
    assert snapshot(in_one / "rendered") == snapshot(in_two / "rendered")


@pytest.mark.parametrize("processes", [2, 3])
def test_pages_rendered_on_several_cores_are_the_pages_rendered_on_one(
        shipped_project, monkeypatch, processes):
    from generator.render import render_site
    from generator.validate import load_content

    content = load_content(shipped_project).content
    alone = render_site(content, shipped_project)
    monkeypatch.setattr(parallel, "process_count", lambda items, per_process: processes)
    shared = render_site(content, shipped_project, share=True)
    assert [p.path for p in shared.pages] == [p.path for p in alone.pages]
    assert shared.files() == alone.files()


def test_a_template_error_on_several_cores_is_the_one_a_single_process_meets(
        project, monkeypatch):
    from generator.render import render_site
    from generator.validate import load_content

    break_two_option_pages(project)
    content = load_content(project).content
    reports = []
    for processes in (1, 2, 3):
        monkeypatch.setattr(parallel, "process_count", lambda items, per, n=processes: n)
        with pytest.raises(ContentError) as raised:
            render_site(content, project, share=True)
        reports.append(raised.value.problems)
    assert reports[0] == reports[1] == reports[2]
    assert [p.message for p in reports[0]] == ["template error: 'first_missing' is undefined"]


def test_while_content_renders_the_build_imports_what_mkdocs_yml_names(tmp_path):
    from generator.build import _configured_modules

    config = tmp_path / "mkdocs.yml"
    config.write_text("INHERIT: rendered/generated.yml\ntheme:\n  name: material\n"
                      "plugins:\n  - search\n  - offline:\n      enabled: !ENV [OFFLINE, true]\n"
                      "markdown_extensions:\n  - abbr\n  - toc:\n      permalink: false\n"
                      "  - pymdownx.details\n")
    assert _configured_modules(config) == [
        "material.plugins.search.plugin", "material.plugins.offline.plugin",
        "markdown.extensions.abbr", "markdown.extensions.toc", "pymdownx.details"]
    assert _configured_modules(tmp_path / "missing.yml") == []


@pytest.mark.usefixtures("needs_fork")
def test_a_failing_block_still_waits_for_its_forked_process():
    beside = Background(child_pid)
    forked = beside._pid
    with pytest.raises(RuntimeError, match="the work beside it failed"), beside:
        raise RuntimeError("the work beside it failed")
    with pytest.raises(ChildProcessError):  # already waited for: nothing left behind
        os.waitpid(forked, os.WNOHANG)
    assert beside.result() != os.getpid()
