"""A build writes only where it may: never over the project, its sources or someone's folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import snapshot

INSTEAD = "choose a new or empty folder, such as site/ in the project"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def everything(folder: Path) -> tuple[dict[str, bytes], list[str]]:
    """Every file with its bytes, and every path (folders and links too)."""
    return snapshot(folder), sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _make_templates(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "faq.md.j2").write_text("# {{ title }}\n")


def _make_rendered(project: Path) -> None:
    assert run("render", "--project", project).exit_code == 0


def _link_to_content(project: Path) -> None:
    (project.parent / "link").symlink_to(project / "content")


def _link_into_overrides(project: Path) -> None:
    (project.parent / "link").symlink_to(project / "overrides")


def _someone_elses_folder(project: Path) -> None:
    (project.parent / "photos").mkdir()
    (project.parent / "photos" / "holiday.jpg").write_bytes(b"\xff\xd8 not really a photo")


def _a_file(project: Path) -> None:
    (project.parent / "notes.txt").write_text("my notes\n")


# (site folder relative to the project, how to prepare, what the message says about it)
CASES = {
    "project": (".", None, "{project}: it is the project folder"),
    "project parent": ("..", None, "{parent}: it holds the project folder"),
    "content": ("content", None, "{project}/content: it is content/"),
    "inside content": ("content/options", None,
                       "{project}/content/options: it lies inside content/"),
    "new folder inside content": ("content/site", None,
                                  "{project}/content/site: it lies inside content/"),
    "overrides": ("overrides", None, "{project}/overrides: it is overrides/"),
    "templates": ("templates", _make_templates, "{project}/templates: it is templates/"),
    "rendered": ("rendered", _make_rendered, "{project}/rendered: it is rendered/"),
    "inside rendered": ("rendered/docs", _make_rendered,
                        "{project}/rendered/docs: it lies inside rendered/"),
    "link to content": ("../link", _link_to_content,
                        "{project}/../link (which leads to {project}/content): it is content/"),
    "through a link": ("../link/partials", _link_into_overrides,
                       "{project}/../link/partials (which leads to {project}/overrides/partials):"
                       " it lies inside overrides/"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_site_folder_over_the_project_or_its_sources_is_refused(tmp_path, project, case):
    site_dir, prepare, reason = CASES[case]
    if prepare:
        prepare(project)
    before = everything(tmp_path)
    result = run("build", "--project", project, "--site-dir", project / site_dir)
    assert result.exit_code == 1
    where = reason.format(project=project, parent=project.parent)
    assert result.output == (
        f"error: refusing to build into {where}, which the build would replace; {INSTEAD}\n"
        "Nothing was written.\n")
    assert everything(tmp_path) == before


def test_a_folder_with_files_not_built_by_us_is_refused(tmp_path, project):
    _someone_elses_folder(project)
    before = everything(tmp_path)
    result = run("build", "--project", project, "--site-dir", tmp_path / "photos")
    assert result.exit_code == 1
    assert result.output == (
        f"error: refusing to build into {tmp_path}/photos: it has files and was not built by "
        f"patient-site (no .patient-site file); {INSTEAD}, or delete this folder first if it "
        "is an old site\nNothing was written.\n")
    assert everything(tmp_path) == before


def test_a_file_is_refused_as_a_usage_error(tmp_path, project):
    _a_file(project)
    before = everything(tmp_path)
    result = run("build", "--project", project, "--site-dir", tmp_path / "notes.txt")
    assert result.exit_code == 2
    assert f"Directory '{tmp_path}/notes.txt' is a file." in result.output
    assert everything(tmp_path) == before


def test_a_site_we_built_is_marked_and_may_be_replaced_and_so_may_an_empty_folder(
        tmp_path, project):
    (tmp_path / "empty").mkdir()
    for site in (project / "site", tmp_path / "empty", tmp_path / "new" / "folder"):
        for _ in range(2):  # the second build replaces the first
            result = run("build", "--project", project, "--site-dir", site)
            assert result.exit_code == 0, result.output
        assert (site / ".patient-site").is_file()
        assert (site / "index.html").is_file()


# --- builds take turns, and clean up after a killed one --------------------------------------


def test_a_second_build_waits_for_the_one_running(project):
    import fcntl
    import os
    import subprocess
    import sys

    descriptor = os.open(project, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)  # what a running build holds
    process = subprocess.Popen(
        [sys.executable, "-c", "from generator.cli import main; main()", "build",
         "--project", str(project)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first == f"Another build is using {project}; waiting for it to finish...\n"
        assert process.poll() is None and not (project / "rendered" / "docs").exists()
    finally:
        os.close(descriptor)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output
    assert (project / "site" / ".patient-site").is_file()


def test_a_killed_build_is_cleaned_up_and_the_site_it_moved_aside_put_back(project):
    assert run("build", "--project", project).exit_code == 0
    before = snapshot(project / "site")
    # killed between the two renames of the swap, with a scratch folder half written
    (project / "site").rename(project / ".site-old-4242")
    (project / ".site-new-x1y2z3").mkdir()
    (project / ".site-new-x1y2z3" / "index.html").write_text("half a page")
    (project / "content" / "options" / "test-one.yaml").write_text("title: [unclosed\n")

    result = run("build", "--project", project)

    assert result.exit_code == 1
    assert result.output.startswith(
        f"Put back {project}/site, which a stopped build had moved aside.\n"
        f"Removed 1 unfinished build folder beside {project}/site.\n")
    assert snapshot(project / "site") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]


def test_a_file_where_the_build_needs_a_folder_is_a_message_not_a_traceback(project):
    shutil.rmtree(project / "rendered", ignore_errors=True)
    (project / "rendered").write_text("not a folder\n")
    result = run("build", "--project", project)
    assert result.exit_code == 1
    assert result.output == (
        f"error: cannot write {project}/rendered/docs: Not a directory. Check that you may write "
        "to that folder, and that no file has the name of a folder the build needs (such as "
        "rendered or site).\nThe previous site/ was left as it was.\n")
