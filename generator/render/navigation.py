"""The site navigation and the MkDocs settings that come from content (`generated.yml`)."""

from __future__ import annotations

from typing import Any

from ..content.model import Content
from .environment import Strings, attribute_text, contact_values
from .pages import OPTIONS_IN_NAVIGATION, category_page, large_categories


def navigation(content: Content, strings: Strings) -> list[Any]:
    """The site navigation, built from content so new options appear without other edits.
    A large category lists its first options and links the page that lists them all."""
    large = set(large_categories(content))
    options = []
    for category in content.categories():
        entries: list[Any] = [{attribute_text(o.title): f"options/{oid}.md"}
                              for oid, o in content.options_in(category)]
        if category in large:
            entries = [{strings.category_all: category_page(category)},
                       *entries[:OPTIONS_IN_NAVIGATION]]
        options.append({strings.get(f"category_{category.value}"): entries})
    pathways = [{attribute_text(p.title): f"pathway/{pid}.md"}
                for pid, p in content.pathways.items()][:OPTIONS_IN_NAVIGATION]  # the index lists all
    guide = [{strings.nav_pathway: ["pathway/index.md", *pathways]}] if pathways else []
    compare = [{strings.nav_compare: "compare.md"}] if content.comparisons else []
    return [
        {strings.nav_home: "index.md"},
        *guide,
        {strings.nav_options: options},
        *compare,
        {strings.nav_faq: "faq.md"},
        {strings.nav_tips: "tips.md"},
        {strings.nav_glossary: "glossary.md"},
        {strings.nav_about: "about.md"},
    ]


def generated_config(content: Content, strings: Strings) -> dict[str, Any]:
    """The MkDocs settings that come from content: `mkdocs.yml` inherits them."""
    site = content.site
    return {
        "site_name": attribute_text(site.title),
        "site_description": attribute_text(site.description),
        "copyright": attribute_text(site.contact.clinic_name),
        "theme": {"language": site.language},
        "extra": {"clinic": contact_values(content)},
        "nav": navigation(content, strings),
    }
