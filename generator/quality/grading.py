"""Reading grades of the rendered pages, and the problems of pages above the budget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Problem

if TYPE_CHECKING:
    from ..render.render import Page

CLOSE_TO_BUDGET = 1.0
"""`check` names the hardest sentences of a page this close to the budget, or above it."""
HARD_SENTENCE = 6.0
"""...and, on any page, each sentence this far above the budget, which an easy page hides."""


@dataclass(frozen=True)
class PageGrade:
    """Reading grade of one rendered page, and the content file it comes from."""

    page: str
    source: str
    grade: float
    hardest: tuple[tuple[float, str], ...] = ()
    """(grade, sentence) of its hardest sentences, when the page is close to the budget."""


def page_grades(pages: list[Page], budget: float | None = None) -> list[PageGrade]:
    """Flesch-Kincaid grade of each page's prose, in site order; with a `budget`, pages close
    to it or above also name their hardest sentences."""
    from .readability import grade_of_markdown, hardest_sentences  # loads a dictionary

    grades = []
    for page in pages:
        grade = grade_of_markdown(page.markdown)
        hardest: list[tuple[float, str]] = []
        if budget is not None:
            hardest = hardest_sentences(page.markdown)
            if grade <= budget - CLOSE_TO_BUDGET:
                hardest = [(g, s) for g, s in hardest if g > budget + HARD_SENTENCE]
        grades.append(PageGrade(page.path, page.source, grade, tuple(hardest)))
    return grades


def grade_problems(grades: list[PageGrade], budget: float) -> list[Problem]:
    """An error for each page whose reading grade is above the budget."""
    return [Problem(g.source, 1, f"page {g.page} reads at grade {g.grade}, above the budget of "
                    f"{budget}; use shorter sentences and everyday words")
            for g in grades if g.grade > budget]
