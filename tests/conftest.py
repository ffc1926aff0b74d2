"""Shared test helpers: throwaway projects built from fixtures in tmp_path."""

from __future__ import annotations

import atexit
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from generator.handouts.cache import CACHE_DIR
from generator.render.render import RENDERED_DIR

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def make_project(destination: Path, content: Path | None = None,
                 handouts: bool = True) -> Path:
    """A project folder with the given content (default: the minimal fixture),
    the repository's mkdocs.yml and overrides/; with `handouts`, the handout cache of a
    build before it."""
    content = content or FIXTURES / "minimal" / "content"
    shutil.copytree(content, destination / "content")
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", destination / "overrides")
    for relative, data in _made_handouts(content).items() if handouts else []:  # as if built
        (destination / "rendered" / relative).parent.mkdir(parents=True, exist_ok=True)
        (destination / "rendered" / relative).write_bytes(data)
    return destination


@cache
def _made_handouts(content: Path) -> dict[str, bytes]:
    """The handout cache of a content folder (files of the rendered folder), made once per test
    session: each project starts with it, so a build lays out only the handouts a test changed
    (the cache's own tests check what is made again)."""
    from generator.content.validate import load_content
    from generator.handouts.stage import make_handouts

    scratch = Path(tempfile.mkdtemp(prefix="handouts-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    shutil.copytree(content, scratch / "content")
    validated = load_content(scratch)
    cache: dict[str, bytes] = {}
    for language in [validated.content, *validated.translations.values()]:  # every language's
        cache |= make_handouts(language, scratch).cache
    return cache


@cache
def tools_content() -> Path:
    """The minimal fixture's content with the small tools file (`fixtures/tools.yaml`), in a
    folder of its own for the session, so projects made from it start with its handouts too."""
    scratch = Path(tempfile.mkdtemp(prefix="tools-content-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    shutil.copytree(FIXTURES / "minimal" / "content", scratch / "content")
    shutil.copy(FIXTURES / "tools.yaml", scratch / "content" / "tools.yaml")
    return scratch / "content"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the minimal fixture project."""
    return make_project(tmp_path / "project")


@pytest.fixture
def built_project(project: Path) -> Path:
    """`project` (the minimal fixture) built with `patient-site build`, handouts included."""
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["build", "--project", str(project)])
    assert result.exit_code == 0, result.output
    return project


@pytest.fixture
def tool_project(tmp_path: Path) -> Path:
    """A fresh copy of the minimal fixture project with the small tools file."""
    return make_project(tmp_path / "project", tools_content())


@pytest.fixture
def shipped_project(tmp_path: Path, built_shipped_handouts: Path) -> Path:
    """A fresh copy of the project with the shipped content, and the handout cache of
    `built_shipped_handouts`, so a build lays out only the handouts a test changed."""
    project = make_project(tmp_path / "shipped", ROOT / "content", handouts=False)
    cache = Path(RENDERED_DIR) / CACHE_DIR
    shutil.copytree(built_shipped_handouts / cache, project / cache)
    return project


@pytest.fixture(scope="session")
def built_shipped_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with the shipped content, built into `<project>/site` once per test run,
    without handouts (the browser reads pages; `built_shipped_handouts` has the PDFs).

    Shared by every test that asks for it: read it, never change it."""
    return once_per_run(tmp_path_factory, "shipped",
                        lambda project: build_shipped(project, "--no-handouts"))


@pytest.fixture(scope="session")
def built_shipped_handouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with the shipped content, built once per test run with its handouts.

    Shared by every test that asks for it: read it, never change it."""
    return once_per_run(tmp_path_factory, "shipped-handouts",
                        lambda project: build_shipped(project, "--handouts"))


def build_shipped(project: Path, handouts: str) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    make_project(project, ROOT / "content", handouts=False)
    result = CliRunner().invoke(main, ["build", handouts, "--project", str(project)])
    assert result.exit_code == 0, result.output


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str,
                 make: Callable[[Path], None]) -> Path:
    """The folder `name`, made by `make(folder)` once per test run. With test workers
    (pytest-xdist), the first to ask makes it while the others wait on a lock, then every
    worker reads the same folder: pytest-xdist's recipe for a session fixture made once."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker's base is a folder of the run's own
        shared = shared.parent
    folder, made = shared / name, shared / f"{name}.made"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven through Playwright: one per test process, shared by every
    test that needs a browser (Playwright's synchronous API allows one per process)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), (
        f"the browser tests need {CHROMIUM}: install Debian's chromium (scripts/setup --test does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def break_two_option_pages(project: Path) -> None:
    """An option template override that fails on 'another-one' and, later, on 'test-one'
    (pages of the minimal fixture, in that site order)."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "option.md.j2").write_text(
        "# {{ option.title }}\n"
        "{% if option_id == 'another-one' %}{{ first_missing }}{% endif %}\n"
        "{% if option_id == 'test-one' %}{{ second_missing }}{% endif %}\n")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to prove a folder did not change."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


SLOWEST = ("browser/test_accessibility.py", "test_benchmarks_smoke.py", "browser/test_walk.py",
           "browser/", "test_serve.py", "test_handouts.py")
"""The test files that take longest (20 s to 2 minutes each), the longest first; a folder
stands for each file in it."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In one process the slowest tests run last, so that the quick ones fail first. With
    workers (`scripts/test` runs pytest-xdist with `--dist loadfile --no-loadscope-reorder`,
    which keeps this order) they start first, so that no worker is left with a long file at
    the end while the others wait."""
    workers = hasattr(config, "workerinput")  # this process is one of pytest-xdist's workers

    def slowest(item: pytest.Item) -> int:
        path = item.path.relative_to(Path(__file__).parent).as_posix()
        return next((i for i, slow in enumerate(SLOWEST) if path.startswith(slow)), len(SLOWEST))

    items.sort(key=lambda item: slowest(item) if workers else slowest(item) < len(SLOWEST))
