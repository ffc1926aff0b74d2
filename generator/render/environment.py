"""The Jinja environment pages are rendered with: template folders, filters and globals.

Templates are looked up in the project's `templates/` folder first, then in this package's
`templates/`, so a clinic replaces any page template by adding a file of the same name.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from ..content import prose
from ..content.comparisons import cell_text
from ..content.model import (
    Chance,
    ComparisonAttribute,
    Content,
    FaqPage,
    Option,
    Outcome,
    Pathway,
    Review,
    Source,
)
from ..errors import Problem
from .flowchart import pathway_svg
from .pages import TOOL_PAGES

TEMPLATES_DIR = Path(__file__).parent / "templates"
LOCALES_DIR = Path(__file__).parent / "locales"
TEMPLATE_OVERRIDES_DIR = "templates"
"""The project folder whose page templates replace ours, file by file."""

GLANCE_ATTRIBUTES = ("invasiveness", "recovery", "relief_duration", "main_risks", "evidence",
                     "trial_or_test_first")
"""Structured option fields shown in each option's "At a glance" table, in order."""

@functools.lru_cache(maxsize=8)
def _locale(language: str) -> dict[str, str]:
    text = (LOCALES_DIR / f"{language}.yaml").read_text("utf-8")
    strings: dict[str, str] = yaml.load(text, Loader=_LOADER)  # our own files: nothing unsafe
    return strings


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it: six times faster than the pure-Python one."""


def known_languages() -> list[str]:
    """The language codes with interface strings (`locales/<code>.yaml`)."""
    return sorted(p.stem for p in LOCALES_DIR.glob("*.yaml"))


class Strings:
    """User-facing labels for one language, read from `generator/locales/<lang>.yaml`."""

    def __init__(self, language: str):
        self._strings = _locale(language)

    def __getattr__(self, key: str) -> str:
        try:
            return self._strings[key]
        except KeyError:
            raise AttributeError(f"no label '{key}' in the locale file") from None

    def get(self, key: str) -> str:
        return self.__getattr__(key)



def overridable_environment(project: Path, templates: Path, **options: Any) -> jinja2.Environment:
    """A Jinja environment that looks in the project's `templates/` first, then in
    `templates`: autoescaping on, undefined names fail, block tags leave no blank lines."""
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(project / TEMPLATE_OVERRIDES_DIR),
        jinja2.FileSystemLoader(templates),
    ])
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, **options)


def make_environment(project: Path) -> jinja2.Environment:
    """Jinja environment of the pages: clinic overrides first (`overridable_environment`)."""
    env = overridable_environment(project, TEMPLATES_DIR, keep_trailing_newline=True)
    env.filters["prose"] = prose_filter
    env.filters["cell"] = cell_filter
    env.filters["main_language"] = main_language_filter
    env.filters["link"] = link_filter
    env.filters["fill"] = fill_filter
    env.filters["phone"] = phone_filter
    env.filters["citation"] = citation
    env.filters["date"] = date_filter
    env.filters["plain"] = plain_filter
    env.filters["attribute_text"] = attribute_text
    env.globals["web_page"] = web_page
    env.globals["faq_page"] = faq_page
    env.globals["glance_attributes"] = GLANCE_ATTRIBUTES
    env.globals["flowchart"] = flowchart
    env.globals["option_label"] = option_label
    env.globals["listed_title"] = listed_title
    env.globals["outcome_options_heading"] = outcome_options_heading
    env.globals["icon_array"] = icon_array
    env.globals["chance_sentence"] = chance_sentence
    env.globals["options_with_chances"] = options_with_chances
    env.globals["tool_pages"] = TOOL_PAGES
    return env


def locate(target: str, from_page: str, pages: dict[str, str]) -> str:
    """Relative Markdown link for an `option:`, `term:`, `page:` or `path:` target, seen from a
    page; `pages` maps page names to their paths (`pages.page_names`)."""
    scheme, _, ref = target.partition(":")
    if scheme == "option":
        path = f"options/{ref}.md"
    elif scheme == "term":
        path = f"glossary.md#{ref}"
    elif scheme == "page":
        path = pages[ref]
    elif scheme == "path":  # a page path inside the rendered folder, used by templates
        path = ref
    else:
        return target
    path, _, anchor = path.partition("#")
    relative = _relative(path, posixpath.dirname(from_page) or ".")
    return f"{relative}#{anchor}" if anchor else relative


@functools.lru_cache(maxsize=10_000)
def _relative(path: str, folder: str) -> str:
    """`posixpath.relpath`, which asks the system for the working folder on every call:
    pages link to the same few hundred pages from a few folders."""
    return posixpath.relpath(path, folder)


@jinja2.pass_context
def prose_filter(context: Any, text: str) -> Markup:
    """Validated content Markdown, with the clinic's details in place of `{phone}`-style
    placeholders and site links made relative to the current page."""
    page = context["page_path"]
    if "{" in text:
        text = fill_filter(text, context["contact"])

    def relink(match: re.Match[str]) -> str:
        start, end = match.span("target")
        whole, offset = match.group(0), match.start()
        target = locate(match.group("target"), page, context["page_paths"])
        return whole[: start - offset] + target + whole[end - offset:]

    return Markup(prose.LINK_RE.sub(relink, text.strip()))


@jinja2.pass_context
def link_filter(context: Any, target: str) -> str:
    """Relative link to `option:<id>`, `term:<id>` or `page:<name>` from the current page."""
    return locate(target, context["page_path"], context["page_paths"])


def attribute_text(text: str) -> str:
    """Text the theme prints inside HTML attributes (page titles, descriptions, the site name)
    without escaping: straight double quotes become curly ones so they cannot end the attribute."""
    return re.sub(r'(^|[\s(\[{])"', "\\1\u201c", text).replace('"', "\u201d")


@jinja2.pass_context
def main_language_filter(context: Any, text: str) -> Markup:
    """Text kept in the site's main language (a source's title), marked with its language on
    a translated page, so a screen reader reads it in that language (WCAG 3.1.2)."""
    content = context["content"]
    if content.language == content.main_language:
        return Markup(escape(text))
    return Markup(f'<span lang="{content.main_language}">{escape(text)}</span>')


def cell_filter(text: str) -> Markup:
    """Plain text safe inside a Markdown table cell."""
    return Markup(str(escape(text)).replace("|", "\\|"))


PHONE_KEYS = ("phone", "urgent_phone", "emergency_number", "crisis_number")
"""Clinic details that are phone numbers: shown as links a phone calls with one tap."""


def fill_filter(text: str, values: dict[str, str]) -> str:
    """Replace {phone}-style placeholders with clinic details, phone numbers as `tel:` links
    (Markdown: the result goes through `prose`, or sits in an element with markdown="span")."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", phone_filter(value) if key in PHONE_KEYS else value)
    return text


def citation(source: Source) -> str:
    """A source's short name, for text: "NICE NG59" (its `short_name`, else its title or
    name)."""
    return source.short_name or source.title or source.name or source.id


def phone_filter(number: str) -> str:
    """A phone number as a Markdown `tel:` link; text with no digit (a placeholder such as
    "your clinic's main number") stays as it is."""
    digits = re.sub(r"[^0-9]", "", number)
    if not digits:
        return number
    plus = "+" if number.strip().startswith("+") else ""
    return f"[{number}](tel:{plus}{digits})"


def plain_filter(text: str) -> str:
    """Content Markdown as plain text (for descriptions and structured data)."""
    text = prose.LINK_RE.sub(lambda m: m.group("text"), text)
    return " ".join(re.sub(r"[*_`]", "", text).split())


@jinja2.pass_context
def faq_page(context: Any, faqs: FaqPage) -> dict[str, Any]:
    """schema.org data for the questions page: a medical web page that is also an FAQ page."""
    return {"@context": "https://schema.org", "@type": ["MedicalWebPage", "FAQPage"],
            "name": context["t"].nav_faq, "description": plain_filter(faqs.intro),
            "inLanguage": context["site"].language,
            **review_dates(faqs.review), "mainEntity": [
        {"@type": "Question", "name": q.question,
         "acceptedAnswer": {"@type": "Answer", "text": plain_filter(q.answer)}}
        for q in faqs.questions]}


@jinja2.pass_context
def date_filter(context: Any, day: dt.date) -> str:
    """A date written out in the site's language, such as "November 21, 2026": the locale
    file's `date_format` with its month names (`months`, January first)."""
    strings = context["t"]
    month = strings.get("months").split(",")[day.month - 1].strip()
    return strings.date_format.format(day=day.day, month=month, year=day.year)


@jinja2.pass_context
def web_page(context: Any, title: str, description: str, review: Review | None) -> dict[str, Any]:
    """schema.org MedicalWebPage data for a page."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "MedicalWebPage",
                            "name": title, "description": description,
                            "inLanguage": context["site"].language}
    if review:
        data |= review_dates(review)
    return data


def review_dates(review: Review) -> dict[str, Any]:
    """schema.org dates of a page: when it was written, and its clinical review if any."""
    data: dict[str, Any] = {"dateModified": review.written.isoformat()}
    if review.last_reviewed and review.reviewed_by:
        data["lastReviewed"] = review.last_reviewed.isoformat()
        data["reviewedBy"] = {"@type": "Person", "name": review.reviewed_by,
                              "jobTitle": review.reviewer_role}
    return data


def template_problem(error: jinja2.TemplateError) -> Problem:
    """Where a template went wrong, as a Problem: file and line inside the template."""
    filename = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    if not filename:
        frames = [f for f in traceback.extract_tb(error.__traceback__)
                  if f.filename.endswith((".j2", ".html"))]
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
    shown = _shown_path(filename or "template")
    return Problem(shown, line or 1, f"template error: {error.message or error}")


def _shown_path(filename: str) -> str:
    path = Path(filename).resolve()
    for base in (Path.cwd(), TEMPLATES_DIR.parent.parent):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return filename



@jinja2.pass_context
def flowchart(context: Any, pathway: Pathway, pathway_id: str) -> Markup:
    """A pathway's flowchart as inline SVG."""
    return Markup(flowchart_svg(context, pathway, pathway_id))


def flowchart_svg(context: Any, pathway: Pathway, pathway_id: str) -> str:
    """A pathway's flowchart as SVG text, every word in the page's language (web and print)."""
    content: Content = context["content"]
    strings = context["t"]
    titles = {oid: listed_title(context, o) for oid, o in content.options.items()}
    description = strings.flowchart_description.replace("{summary}",
                                                        plain_filter(pathway.summary))
    return pathway_svg(pathway, titles, dom_id=f"pathway-{pathway_id}",
                       start_label=strings.flowchart_start, description=description,
                       urgent_words=(strings.pathway_urgent_note,
                                     f"{strings.pathway_urgent_next}:"))


@jinja2.pass_context
def listed_title(context: Any, option: Option) -> str:
    """An option's title where options are listed by name (pathway results, flowcharts): an
    experimental one says so, as its own page does."""
    if option.experimental:
        return f"{option.title} ({context['t'].evidence_experimental.lower()})"
    return option.title


@jinja2.pass_context
def outcome_options_heading(context: Any, outcome: Outcome) -> str:
    """What a guide's result calls its list of options: options to talk over with a doctor,
    or, for a result that sends the reader to urgent care, what may come next."""
    strings = context["t"]
    return strings.pathway_urgent_next if outcome.urgent else strings.pathway_options_to_discuss


def contact_values(content: Content) -> dict[str, str]:
    return content.site.contact.placeholders()



@jinja2.pass_context
def option_label(context: Any, option: Option, attribute: str) -> str:
    """Text shown for one structured attribute of an option (tables and at-a-glance)."""
    strings = context["t"]
    text = cell_text(option, ComparisonAttribute(attribute))
    if text is None:
        return strings.evidence_none_short if attribute == "evidence" else strings.not_known
    if attribute in ("invasiveness", "evidence"):
        return strings.get(f"{attribute}_{text}")
    return text




@jinja2.pass_context
def chance_sentence(context: Any, chance: Chance) -> str:
    """"About N in 100 <who> <outcome> <time>.", the words an icon array shows."""
    return context["t"].chance_sentence.format(number=chance.number, who=chance.who,
                                                outcome=chance.outcome, time=chance.time)


def icon_array(number: int, sentence: str) -> Markup:
    """100 figures in rows of ten, the first `number` filled: an SVG image whose title is
    `sentence`, the same words the page shows beside it."""
    figures = []
    for i in range(100):
        x, y = (i % 10) * 12 + 1, (i // 10) * 14 + 1
        css = "ia-on" if i < number else "ia-off"
        figures.append(f'<g class="{css}" transform="translate({x} {y})"><circle cx="5" cy="3" '
                       f'r="2.6"/><path d="M1.5 13v-4.5a3.5 3 0 0 1 7 0V13z"/></g>')
    title = escape(sentence)
    return Markup(f'<svg class="icon-array" role="img" viewBox="0 0 121 141" width="121" '
                  f'height="141" xmlns="http://www.w3.org/2000/svg"><title>{title}</title>'
                  + "".join(figures) + "</svg>")


def options_with_chances(content: Content) -> list[str]:
    """Ids of the options that have "about N in 100" figures."""
    return [option_id for option_id, option in content.options.items() if option.chances]
