"""The site navigation and the MkDocs settings that come from content (`generated.yml`)."""

from __future__ import annotations

from typing import Any

from ..content.model import Content, SearchEngines
from .brand import footer_contacts, theme_config
from .environment import Strings, attribute_text, contact_values
from .languages import languages_config
from .pages import OPTIONS_IN_NAVIGATION, TOOL_PAGES, category_page, large_categories
from .search import search_strings

NAV_ENTRIES = ("home", "pathway", "options", "compare", "tools", "faq", "tips", "glossary",
               "about")
"""The site's own navigation entries, in order: a clinic page's `nav_after` names one of
these or another clinic page."""


def navigation(content: Content, strings: Strings) -> list[Any]:
    """The site navigation, built from content so new options appear without other edits.
    A large category lists its first options and links the page that lists them all; the
    clinic's own pages go where their `nav_after` says."""
    large = set(large_categories(content))
    options = []
    for category in content.categories():
        listed: list[Any] = [{attribute_text(o.title): f"options/{oid}.md"}
                             for oid, o in content.options_in(category)]
        if category in large:
            listed = [{strings.category_all: category_page(category)},
                      *listed[:OPTIONS_IN_NAVIGATION]]
        options.append({strings.get(f"category_{category.value}"): listed})
    pathways = [{attribute_text(p.title): f"pathway/{pid}.md"}
                for pid, p in content.pathways.items()][:OPTIONS_IN_NAVIGATION]  # the index lists all
    entries: list[tuple[str, Any]] = [("home", {strings.nav_home: "index.md"})]
    if pathways:
        entries.append(("pathway", {strings.nav_pathway: ["pathway/index.md", *pathways]}))
    entries.append(("options", {strings.nav_options: options}))
    if content.comparisons:
        entries.append(("compare", {strings.nav_compare: "compare.md"}))
    if content.tools:
        entries.append(("tools", {attribute_text(content.tools.title): ["tools/index.md", *(
            {attribute_text(getattr(content.tools, key).title): f"tools/{name}.md"}
            for key, name, _ in TOOL_PAGES)]}))
    entries += [("faq", {strings.nav_faq: "faq.md"}), ("tips", {strings.nav_tips: "tips.md"}),
                ("glossary", {strings.nav_glossary: "glossary.md"}),
                ("about", {strings.nav_about: "about.md"})]
    return [entry for _, entry in _with_clinic_pages(content, entries)]


def _with_clinic_pages(content: Content, entries: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The entries with each clinic page placed after the entry its `nav_after` names (at the
    end when that entry is not in this site's navigation, such as `compare` without tables)."""
    waiting = dict(content.pages)
    while waiting:
        placed = {key for key, _ in entries}
        ready = [pid for pid, page in waiting.items()
                 if page.nav_after in placed or page.nav_after not in (*NAV_ENTRIES, *waiting)]
        if not ready:  # a loop of pages after each other: validation refuses it
            ready = list(waiting)
        for page_id in ready:
            page = waiting.pop(page_id)
            at = next((i + 1 for i, (key, _) in enumerate(entries) if key == page.nav_after),
                      len(entries))
            while at < len(entries) and entries[at][0] in content.pages \
                    and content.pages[entries[at][0]].nav_after == page.nav_after:
                at += 1  # pages after the same entry keep their file order
            entries.insert(at, (page_id, {attribute_text(page.title): f"pages/{page_id}.md"}))
    return entries


def generated_config(content: Content, strings: Strings) -> dict[str, Any]:
    """The MkDocs settings that come from content: `mkdocs.yml` inherits them."""
    site = content.site
    config: dict[str, Any] = {
        "site_name": attribute_text(site.title),
        "site_description": attribute_text(site.description),
        "copyright": attribute_text(site.contact.clinic_name),
        "theme": {"language": content.language, **theme_config(content)},
        "extra": {
            "clinic": contact_values(content),
            "contacts": footer_contacts(content, strings),
            "footer_text": site.brand.footer_text,
            "noindex": site.search_engines == SearchEngines.noindex,
            "languages": languages_config(content) if site.translations else [],
            "alternate": bool(site.translations),  # Material then includes the switcher
                                                   # (partials/alternate.html, ours)
            "search_strings": search_strings(strings),
        },
        "nav": navigation(content, strings),
    }
    if site.site_url:
        config["site_url"] = site.site_url
    return config
