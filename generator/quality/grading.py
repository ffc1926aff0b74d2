"""Reading grades of the rendered pages, and the problems of pages above the budget."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem
from ..render.render import Page


@dataclass(frozen=True)
class PageGrade:
    """Reading grade of one rendered page, and the content file it comes from."""

    page: str
    source: str
    grade: float


def page_grades(pages: list[Page]) -> list[PageGrade]:
    """Flesch-Kincaid grade of each page's prose, in site order."""
    from .readability import grade_of_markdown  # loads a hyphenation dictionary: only for check

    return [PageGrade(page.path, page.source, grade_of_markdown(page.markdown)) for page in pages]


def grade_problems(grades: list[PageGrade], budget: float) -> list[Problem]:
    """An error for each page whose reading grade is above the budget."""
    return [Problem(g.source, 1, f"page {g.page} reads at grade {g.grade}, above the budget of "
                    f"{budget}; use shorter sentences and everyday words")
            for g in grades if g.grade > budget]
