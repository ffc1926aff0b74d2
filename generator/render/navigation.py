"""The site navigation and the MkDocs settings that come from content (`generated.yml`)."""

from __future__ import annotations

from typing import Any

from ..content.model import Content
from .environment import Strings, attribute_text, contact_values
from .pages import TOOL_PAGES


def navigation(content: Content, strings: Strings) -> list[Any]:
    """The site navigation, built from content so new options appear without other edits."""
    options = [{strings.get(f"category_{c.value}"): [
        {attribute_text(o.title): f"options/{oid}.md"} for oid, o in content.options_in(c)]}
        for c in content.categories()]
    pathways = [{attribute_text(p.title): f"pathway/{pid}.md"} for pid, p in content.pathways.items()]
    guide = [{strings.nav_pathway: ["pathway/index.md", *pathways]}] if pathways else []
    compare = [{strings.nav_compare: "compare.md"}] if content.comparisons else []
    tools = [{attribute_text(content.tools.title): ["tools/index.md", *(
        {attribute_text(getattr(content.tools, key).title): f"tools/{name}.md"}
        for key, name, _ in TOOL_PAGES)]}] if content.tools else []
    return [
        {strings.nav_home: "index.md"},
        *guide,
        {strings.nav_options: options},
        *compare,
        *tools,
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
