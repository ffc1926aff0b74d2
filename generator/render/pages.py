"""The one list of the site's pages: where each lives, its template and the content file it
comes from. Rendering, navigation, `page:` links, reading grades and search all read it here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..content.model import Category, Content
from ..content.pathway import parents, walk_order

OPTIONS_IN_NAVIGATION = 15
"""Most options a category, or guides the step-by-step section, lists in the navigation. A
larger category gets a page of its own that lists them all (the guides' index lists every
guide), and the navigation links that page: every page carries the navigation of its section,
so without a limit pages would grow with the number of options."""


@dataclass(frozen=True)
class PageSpec:
    """One page to render."""

    path: str
    """Where the page lives in the rendered folder, such as `options/rfa.md`."""
    template: str
    """The page template, such as `option.md.j2`."""
    source: str
    """The content file the page comes from, for messages."""
    context: dict[str, Any] = field(default_factory=dict)
    """What the template gets besides the site-wide values."""
    name: str | None = None
    """The name a `[text](page:name)` link uses, for pages that have one."""


def page_list(content: Content) -> Iterator[PageSpec]:
    """Every page of the site, in site order."""
    site_file = content.file_of("site")
    yield PageSpec("index.md", "home.md.j2", site_file, name="index")
    for option_id, option in content.options.items():
        yield PageSpec(f"options/{option_id}.md", "option.md.j2",
                       content.file_of("option", option_id),
                       {"option": option, "option_id": option_id})
    for category in large_categories(content):
        yield PageSpec(category_page(category), "category.md.j2", content.file_of("site"),
                       {"category": category})
    for pathway_id in content.pathways:
        yield from _pathway_pages(content, pathway_id)
    if content.pathways:
        yield PageSpec("pathway/index.md", "pathways.md.j2", site_file, name="pathway")
    if content.comparisons:
        yield PageSpec("compare.md", "compare.md.j2", content.file_of("comparisons"),
                       name="compare")
    if content.tools:
        yield from _tool_pages(content)
    yield PageSpec("faq.md", "faq.md.j2", content.file_of("faqs"), name="faq")
    yield PageSpec("tips.md", "tips.md.j2", content.file_of("tips"), name="tips")
    yield PageSpec("glossary.md", "glossary.md.j2", content.file_of("glossary"), name="glossary")
    yield PageSpec("about.md", "about.md.j2", site_file, name="about")
    for page_id, page in content.pages.items():
        yield PageSpec(f"pages/{page_id}.md", "clinic_page.md.j2", content.file_of("page", page_id),
                       {"clinic_page": page, "page_id": page_id}, name=page_id)


TOOL_PAGES = (
    ("values", "what-matters", "tool_values.md.j2"),
    ("questions", "my-questions", "tool_questions.md.j2"),
    ("diary", "pain-diary", "tool_diary.md.j2"),
    ("block_log", "block-log", "tool_block_log.md.j2"),
    ("appointment", "appointment", "tool_appointment.md.j2"),
)
"""Each tool: its section of `content/tools.yaml`, its page name (also its address,
`tools/<name>.html`) and its template."""


def _tool_pages(content: Content) -> Iterator[PageSpec]:
    """The tools page, then one page per tool."""
    source = content.file_of("tools")
    yield PageSpec("tools/index.md", "tools.md.j2", source, name="tools")
    for key, name, template in TOOL_PAGES:
        yield PageSpec(f"tools/{name}.md", template, source,
                       {"tool": getattr(content.tools, key), "tool_name": name}, name=name)


def _pathway_pages(content: Content, pathway_id: str) -> Iterator[PageSpec]:
    """The overview page of one pathway, then one page per step and per outcome."""
    pathway = content.pathways[pathway_id]
    source = content.file_of("pathway", pathway_id)
    order = walk_order(pathway)
    steps = {s.id: s for s in pathway.steps}
    outcomes = {o.id: o for o in pathway.outcomes}
    shared = {"pathway": pathway, "pathway_id": pathway_id, "steps": steps, "outcomes": outcomes}
    numbers = {node: i for i, node in enumerate(order, start=1)}
    yield PageSpec(f"pathway/{pathway_id}.md", "pathway.md.j2", source,
                   shared | {"order": order, "numbers": numbers})
    back = parents(pathway)
    for node_id in order:
        template = "pathway_step.md.j2" if node_id in steps else "pathway_outcome.md.j2"
        yield PageSpec(f"pathway/{pathway_id}/{node_id}.md", template, source, shared | {
            "node_id": node_id, "step": steps.get(node_id), "outcome": outcomes.get(node_id),
            "back": back[node_id]})


def large_categories(content: Content) -> list[Category]:
    """Categories with more options than the navigation lists: each gets a page of its own."""
    return [c for c in content.categories() if len(content.options_in(c)) > OPTIONS_IN_NAVIGATION]


def category_page(category: Category) -> str:
    """Where the page listing every option of a large category lives."""
    return f"categories/{category.value}.md"


def page_names(content: Content) -> dict[str, str]:
    """The pages a `page:` link may name, and where each lives."""
    return {spec.name: spec.path for spec in page_list(content) if spec.name}
