"""`check`'s reading grades: the same grades, in the same order, whether pages are rendered
without tooltips, in one process or shared between forked processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import grading, parallel
from generator.build import PageGrade, reading_grades, source_of
from generator.cli import main
from generator.errors import ContentError, Problem
from generator.grading import (
    Part,
    grading_ignores_tooltips,
    page_grades,
    process_count,
)
from generator.readability import grade_of_markdown
from generator.render import render_pages, render_site
from generator.validate import load_content
from tests.conftest import break_two_option_pages


def graded_as_before(project: Path) -> list[PageGrade]:
    """Grades of the fully rendered pages (tooltips included), as `check` used to get them."""
    content = load_content(project).content
    return reading_grades(content, render_site(content, project))


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_grades_match_the_fully_rendered_pages(shipped_project: Path, processes: int) -> None:
    content = load_content(shipped_project).content
    assert grading_ignores_tooltips(content)
    assert page_grades(content, shipped_project, processes) == graded_as_before(shipped_project)


def test_tooltips_stay_when_grading_would_read_them(project: Path) -> None:
    """A glossary text ending in ']' makes a tooltip line (`*[needle]]: ...`) that grading reads
    as prose: pages are then graded with their tooltips, as before."""
    glossary = project / "content" / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace("also_called: [NB]",
                                                     "also_called: [NB, 'needle]']"))
    content = load_content(project).content
    assert not grading_ignores_tooltips(content)
    before = graded_as_before(project)
    assert page_grades(content, project, 2) == before
    without_tooltips, _ = grading._graded_part(content, project, True, (0, 1))
    assert without_tooltips != before  # so this test can tell


def test_tooltips_stay_on_a_page_that_does_not_end_with_a_line_break(project: Path) -> None:
    """On a page of only front matter left open at its end, the line break before the first
    tooltip line closes the front matter, and grading then skips it."""
    (project / "overrides" / "option.md.j2").write_text(
        "---\ntitle: {{ option.title }} by nerve block\n---")
    content = load_content(project).content
    assert grading_ignores_tooltips(content)
    before = graded_as_before(project)
    assert page_grades(content, project, 2) == before
    without_tooltips = [PageGrade(page.path, source_of(page.path, content),
                                  grade_of_markdown(page.markdown))
                        for page in render_pages(content, project, tooltips=False)]
    assert without_tooltips != before  # so this test can tell


def test_a_template_error_is_reported_for_the_first_page_that_fails(project: Path) -> None:
    break_two_option_pages(project)
    content = load_content(project).content
    reports = []
    for processes in (1, 2, 3):
        with pytest.raises(ContentError) as raised:
            page_grades(content, project, processes)
        reports.append(raised.value.problems)
    assert reports[0] == reports[1] == reports[2]
    assert [p.message for p in reports[0]] == ["template error: 'first_missing' is undefined"]


def test_parts_are_put_back_in_site_order() -> None:
    grades = [PageGrade(f"p{i}.md", "content/site.yaml", float(i)) for i in range(7)]
    parts: list[Part] = [(grades[first::3], None) for first in range(3)]
    assert parallel.in_item_order(parts) == grades
    failed = Problem("t.md.j2", 1, "template error")
    later = Problem("t.md.j2", 2, "a later template error")
    # part 0 graded pages 0 and 3, then page 6 failed; part 1 graded page 1, then page 4 failed
    parts = [(grades[0::3][:2], ContentError([later])), (grades[1:2], ContentError([failed])),
             (grades[2::3], None)]
    with pytest.raises(ContentError) as raised:
        parallel.in_item_order(parts)
    assert raised.value.problems == [failed]


def test_one_process_on_one_core_or_for_a_small_site(shipped_project: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    content = load_content(shipped_project).content
    assert process_count(content) == 1  # 27 options: not worth a fork
    monkeypatch.setattr(grading, "OPTIONS_PER_PROCESS", 1)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert process_count(content) == 1
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert process_count(content) == 3


def test_check_prints_the_same_at_one_and_two_processes(shipped_project: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = []
    for processes in (1, 2):
        monkeypatch.setattr(grading, "process_count", lambda content, n=processes: n)
        result = CliRunner().invoke(main, ["check", "--project", str(shipped_project)])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert outputs[0] == outputs[1]
    assert "Content is valid: 27 options, " in outputs[0]
