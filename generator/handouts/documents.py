"""The one list of handouts, and each rendered to HTML through Jinja templates of our own.

Templates are looked up in the project's `templates/` folder first, then in this package's
`templates/`, like page templates: a clinic replaces a handout's layout or its print CSS
(`handout.css.j2`; `tool.css.j2` for the tools' sheets) by adding a file of the same name.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import markdown
from markupsafe import Markup

from ..content import prose
from ..content.model import Content, Pathway
from ..content.pathway import walk_order
from ..errors import ContentError
from ..render.environment import (
    Strings,
    citation,
    date_filter,
    flowchart_svg,
    listed_title,
    option_label,
    outcome_options_heading,
    overridable_environment,
    plain_filter,
    template_problem,
)
from ..render.pages import TOOL_PAGES
from .slices import slices

TEMPLATES_DIR = Path(__file__).parent / "templates"
FONTS_DIR = Path(__file__).parent / "fonts"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
"""The fonts every handout uses, shipped in `fonts/` so output is the same on any machine."""
HANDOUTS_DIR = "handouts"


@dataclass(frozen=True)
class HandoutSpec:
    """One handout to make."""

    path: str
    """Where it lives in the site, such as `handouts/options/rfa.pdf`."""
    template: str
    """Its template, such as `option.html.j2`."""
    source: str
    """The content file it comes from, for messages."""
    title: str
    """The PDF's title."""
    one_page: bool
    """Whether it must fit on one page (options, tables and tools; a guide may run longer)."""
    shorten: str = ""
    """What to shorten when a one-page handout runs longer, for the warning."""
    context: dict[str, Any] = field(default_factory=dict)


def option_handout(option_id: str) -> str:
    return f"{HANDOUTS_DIR}/options/{option_id}.pdf"


def table_handout(table_id: str) -> str:
    return f"{HANDOUTS_DIR}/compare/{table_id}.pdf"


def pathway_handout(pathway_id: str) -> str:
    return f"{HANDOUTS_DIR}/pathways/{pathway_id}.pdf"


def tool_handout(tool_name: str) -> str:
    """A tool's sheet, named like its page (`pages.TOOL_PAGES`): `handouts/tools/pain-diary.pdf`."""
    return f"{HANDOUTS_DIR}/tools/{tool_name}.pdf"


TOOL_SHORTEN = {
    "values": "the statements, or the options each one lists",
    "questions": "the questions in content/faqs.yaml",
    "diary": "the intro, the columns or the rows",
    "block_log": "the intro, the threshold, the relief help or the times",
    "appointment": "the intro, or the parts' items and rows",
}
"""What each tool's sheet prints that can be shortened, for the warning when it runs longer."""


def handout_list(content: Content) -> Iterator[HandoutSpec]:
    """Every handout: options in site order, then comparison tables, then guides, then the
    tools' sheets to fill in by hand."""
    for option_id, option in content.options.items():
        yield HandoutSpec(option_handout(option_id), "option.html.j2",
                          content.file_of("option", option_id), option.title, True,
                          "benefits, risks, questions",
                          {"option": option, "option_id": option_id,
                           "page": f"options/{option_id}.html", "review": option.review})
    if content.comparisons:
        for table in content.comparisons.tables:
            yield HandoutSpec(table_handout(table.id), "comparison.html.j2",
                              content.file_of("comparisons"), table.title, True,
                              "the intro, the options or the columns",
                              {"table": table, "page": "compare.html",
                               "review": content.comparisons.review,
                               "landscape": len(table.attributes) > 3})
    for pathway_id, pathway in content.pathways.items():
        order = walk_order(pathway)
        yield HandoutSpec(pathway_handout(pathway_id), "pathway.html.j2",
                          content.file_of("pathway", pathway_id), pathway.title, False,
                          context={
                              "pathway": pathway, "pathway_id": pathway_id, "order": order,
                              "numbers": {node: i for i, node in enumerate(order, start=1)},
                              "steps": {s.id: s for s in pathway.steps},
                              "outcomes": {o.id: o for o in pathway.outcomes},
                              "page": f"pathway/{pathway_id}.html", "review": pathway.review})
    if content.tools:
        for key, name, _ in TOOL_PAGES:
            tool = getattr(content.tools, key)
            yield HandoutSpec(tool_handout(name), f"tool_{key}.html.j2",
                              content.file_of("tools"), tool.title, True, TOOL_SHORTEN[key],
                              {"tool": tool, "page": f"tools/{name}.html",
                               "review": content.tools.review})


def make_environment(project: Path) -> jinja2.Environment:
    """Jinja environment for handouts: clinic overrides first, autoescaping on, undefined
    names fail."""
    env = overridable_environment(project, TEMPLATES_DIR)
    env.filters["md"] = markdown_filter
    env.filters["fill"] = fill_filter
    env.filters["date"] = date_filter
    env.filters["plain"] = plain_filter
    env.filters["citation"] = citation
    env.globals["option_label"] = option_label
    env.globals["listed_title"] = listed_title
    env.globals["outcome_options_heading"] = outcome_options_heading
    env.globals["flowchart_pieces"] = flowchart_pieces
    env.globals["fonts"] = FONTS_DIR.resolve().as_uri()
    return env


PIECE_HEIGHT = 1000
"""Flowchart units in one printed piece: three pieces side by side fill a page."""


@jinja2.pass_context
def flowchart_pieces(context: Any, pathway: Pathway, pathway_id: str) -> list[Markup]:
    """A guide's flowchart in pieces that fit a page (`slices.py`)."""
    svg = flowchart_svg(context, pathway, pathway_id)
    style = context.environment.get_template("flowchart.css.j2").render(context.get_all())
    svg = svg.replace(">", f"><style>{style}</style>", 1)  # just inside the <svg> tag
    return [Markup(piece) for piece in slices(svg, PIECE_HEIGHT)]


@jinja2.pass_context
def fill_filter(context: Any, text: str) -> str:
    """Plain text with the clinic's details in place of `{phone}`-style placeholders."""
    return prose.fill(text, context["contact"].placeholders())


@jinja2.pass_context
def markdown_filter(context: Any, text: str) -> Markup:
    """Validated content Markdown as HTML, with the clinic's details in place of `{phone}`-style
    placeholders; links become their text (paper has no links)."""
    text = fill_filter(context, text)
    text = prose.LINK_RE.sub(lambda m: m.group("text"), text.strip())
    return Markup(_MARKDOWN.reset().convert(text))


_MARKDOWN = markdown.Markdown()


FIT_LEVELS = 3
"""How tightly a one-page handout may be laid out: `fit` 0 is as designed; when it runs past
its page, 1 and then 2 are tried (templates and print CSS read `fit`, and the body's class
`fit fit-<n>`): tighter spacing, ruled rows sharing less room, less space for answers, never
smaller text. A longer language (Spanish runs 20-25% longer than English) still fits."""


@dataclass(frozen=True)
class Back:
    """The warning signs page printed after every handout (`urgent.html.j2`), as HTML in each
    orientation: a landscape sheet's back is landscape too."""

    portrait: str
    landscape: str


def render_back(env: jinja2.Environment, content: Content, strings: Strings) -> Back:
    """The warning signs page of a language."""
    return Back(*(_render(env, "urgent.html.j2", content, strings, landscape=landscape)
                  for landscape in (False, True)))


def render_html(env: jinja2.Environment, content: Content, spec: HandoutSpec,
                strings: Strings, fit: int = 0) -> str:
    """A handout as HTML, laid out as tightly as `fit` says (`FIT_LEVELS`)."""
    read_more = posixpath.relpath(spec.context["page"], posixpath.dirname(spec.path))
    return _render(env, spec.template, content, strings, title=spec.title, read_more=read_more,
                   fit=fit, one_page=spec.one_page, **spec.context)


def _render(env: jinja2.Environment, template: str, content: Content, strings: Strings,
            **context: Any) -> str:
    """`template` with the language's content, words and clinic details, and `context`. A
    template error is a ContentError naming the template and line."""
    try:
        return env.get_template(template).render(site=content.site, content=content, t=strings,
                                                 contact=content.site.contact, **context)
    except jinja2.TemplateError as error:
        raise ContentError([template_problem(error)]) from None

