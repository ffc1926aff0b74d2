"""Reading scores of the rendered pages, and the problems of pages that miss the budget.

English pages are scored by Flesch-Kincaid grade (lower is easier; budget
`reading_grade_budget`), Spanish pages by the INFLESZ score (higher is easier; budget
`reading_ease_budget`). A language with neither formula is not scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Problem
from .readability import grade_of_markdown, hardest_sentences

if TYPE_CHECKING:
    from ..content.model import SiteSettings
    from ..render.render import Page

SCORED_LANGUAGES = ("en", "es")
CLOSE_TO_BUDGET = 1.0
"""`check` names the hardest sentences of a page this close to the budget (in grades), or
past it..."""
HARD_SENTENCE = 6.0
"""...and, on any page, each sentence this far past the budget, which an easy page hides."""
POINTS_PER_GRADE = {"en": 1.0, "es": 5.0}
"""The margins above in each language's score: about five INFLESZ points to a grade."""


@dataclass(frozen=True)
class Budget:
    """The reading score every page of one language must reach."""

    language: str
    limit: float

    @property
    def higher_is_easier(self) -> bool:
        return self.language == "es"

    @property
    def name(self) -> str:
        return "INFLESZ score" if self.higher_is_easier else "Flesch-Kincaid grade"

    def room(self, score: float) -> float:
        """How far `score` is inside the budget, in grades (negative: past it)."""
        points = score - self.limit if self.higher_is_easier else self.limit - score
        return points / POINTS_PER_GRADE[self.language]

    def missed(self, score: float) -> bool:
        return self.room(score) < 0


def budget_for(site: SiteSettings, language: str) -> Budget | None:
    """The budget of pages in `language`, from the site settings (None: not scored)."""
    if language == "es":
        return Budget("es", site.reading_ease_budget)
    if language == "en":
        return Budget("en", site.reading_grade_budget)
    return None


@dataclass(frozen=True)
class PageGrade:
    """Reading score of one rendered page, and the content file it comes from."""

    page: str
    source: str
    grade: float
    """The page's score in its language (`Budget.name`)."""
    hardest: tuple[tuple[float, str], ...] = ()
    """(score, sentence) of its hardest sentences, when the page is close to the budget."""


def page_grades(pages: list[Page], budget: Budget | None = None,
                language: str = "en") -> list[PageGrade]:
    """The score of each page's prose, in site order; with a `budget`, pages close to it or
    past it also name their hardest sentences. Empty for a language that is not scored."""
    language = budget.language if budget else language
    if language not in SCORED_LANGUAGES:
        return []
    grades = []
    for page in pages:
        grade = grade_of_markdown(page.body, language)
        hardest: list[tuple[float, str]] = []
        if budget is not None:
            hardest = hardest_sentences(page.body, language=language)
            if budget.room(grade) >= CLOSE_TO_BUDGET:
                hardest = [(g, s) for g, s in hardest if budget.room(g) < -HARD_SENTENCE]
        grades.append(PageGrade(page.path, page.source, grade, tuple(hardest)))
    return grades


def grade_problems(grades: list[PageGrade], budget: Budget) -> list[Problem]:
    """An error for each page whose reading score misses the budget."""
    if budget.higher_is_easier:
        return [Problem(g.source, 1, f"page {g.page} has an {budget.name} of {g.grade}, below "
                        f"the budget of {budget.limit}; use shorter sentences and shorter, "
                        "everyday words") for g in grades if budget.missed(g.grade)]
    return [Problem(g.source, 1, f"page {g.page} reads at grade {g.grade}, above the budget of "
                    f"{budget.limit}; use shorter sentences and everyday words")
            for g in grades if budget.missed(g.grade)]
