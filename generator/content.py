"""All content of a site, validated and cross-checked, as templates receive it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Category, FaqPage, Glossary, Option, SiteSettings, Source, Sources, TipsPage
from .pathway import Comparison, Comparisons, Outcome, Pathway


@dataclass(frozen=True)
class Content:
    """Every content file, as typed models. Pathways and comparisons are optional."""

    site: SiteSettings
    options: dict[str, Option]
    faqs: FaqPage
    tips: TipsPage
    glossary: Glossary
    sources: Sources
    pathways: dict[str, Pathway] = field(default_factory=dict)
    comparisons: Comparisons | None = None

    def options_in(self, category: Category) -> list[tuple[str, Option]]:
        """Options of one category in navigation order."""
        found = [(oid, o) for oid, o in self.options.items() if o.category == category]
        return sorted(found, key=lambda item: (item[1].order, item[1].title.lower()))

    def categories(self) -> list[Category]:
        """Categories that have at least one option, in navigation order."""
        return [c for c in Category if self.options_in(c)]

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources.sources if s.id == source_id)

    def outcomes_naming(self, option_id: str) -> list[tuple[str, Pathway, Outcome]]:
        """(pathway id, pathway, outcome) for every pathway outcome that names an option."""
        return [(pid, p, o) for pid, p in self.pathways.items() for o in p.outcomes
                if option_id in o.options]

    def tables_with(self, option_id: str) -> list[Comparison]:
        """Comparison tables that include an option."""
        tables = self.comparisons.tables if self.comparisons else []
        return [t for t in tables if option_id in t.options]

    def site_pages(self) -> set[str]:
        """Names a `page:` link may use: the pages this content produces."""
        pages = {"index", "faq", "tips", "glossary", "about"}
        if self.pathways:
            pages.add("pathway")
        if self.comparisons:
            pages.add("compare")
        return pages
