"""Reading grades for `check`: every page rendered and graded, on every core there is.

`check` needs each page's grade, not the page. Two things make it quicker than grading
`render_site`'s pages, with the same grades:

- Pages are graded without their glossary tooltip definitions whenever grading would skip
  every such line at the end of the page anyway (it does for any ordinary glossary, on any
  page that ends with a line break), which saves looking up every glossary term on every page.
- Where the machine has more than one core and the platform can fork, processes forked from
  this one share the pages: process i of n renders and grades every n-th page from the i-th.
  Grades come back in site order, and a template error is reported as a serial run reports
  it: the one on the first page that fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from . import parallel
from .build import PageGrade, source_of
from .content import Content
from .errors import ContentError
from .render import Tooltips, render_pages, tooltip_line, until_template_error, with_tooltips

OPTIONS_PER_PROCESS = 50
"""Each extra process forks this one and compiles the templates again: on 2 cores `check` was
0.1 s slower in two processes at 50 options, 0.05 s faster at 100 and 1.3 s faster at 1,000."""

Part = tuple[list[PageGrade], ContentError | None]
"""The grades of one process's pages, in order, and the template error that stopped it (None
if it finished)."""


def page_grades(content: Content, project: Path, processes: int | None = None) -> list[PageGrade]:
    """The reading grade of every page in site order, as `build.reading_grades` gives for the
    pages of `render_site`. `processes` defaults to `process_count`. Raises ContentError for a
    template error."""
    skip_tooltips = grading_ignores_tooltips(content)
    count = process_count(content) if processes is None else processes
    parts = parallel.in_parts(
        lambda first, step: _graded_part(content, project, skip_tooltips, (first, step)), count)
    return parallel.in_item_order(parts)


def grading_ignores_tooltips(content: Content) -> bool:
    """Whether grading skips every tooltip definition line a page could end with."""
    from .readability import ignores_last_lines  # loads a hyphenation dictionary: only for check

    definitions = Tooltips(content).definitions
    return ignores_last_lines([tooltip_line(text, definition)
                               for text, definition in definitions.items()])


def process_count(content: Content) -> int:
    """How many processes should grade the pages (see `parallel.process_count`)."""
    return parallel.process_count(len(content.options), OPTIONS_PER_PROCESS)


def _graded_part(content: Content, project: Path, skip_tooltips: bool,
                 part: tuple[int, int]) -> Part:
    """The grades of one part's pages, up to the template error that stopped them, if any."""
    return until_template_error(_grades(content, project, skip_tooltips, part))


def _grades(content: Content, project: Path, skip_tooltips: bool,
            part: tuple[int, int]) -> Iterator[PageGrade]:
    """Render and grade the pages of one part. Tooltips are left out where grading would skip
    them: a line break must end the page, or the first tooltip line could end front matter
    that the page leaves open."""
    from .readability import grade_of_markdown

    glossary: Tooltips | None = None
    for page in render_pages(content, project, tooltips=False, part=part):
        markdown = page.markdown
        if not (skip_tooltips and markdown.endswith("\n")):
            glossary = glossary or Tooltips(content)
            markdown = with_tooltips(markdown, glossary)
        yield PageGrade(page.path, source_of(page.path, content), grade_of_markdown(markdown))
