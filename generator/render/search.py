"""The search index, made from the rendered pages and the content model while rendering.

It is written into the rendered folder as `search/search_index.js`, a script that the site's
own search (overrides/assets/javascripts/site.js) loads the first time a reader opens search:
a page opened from a USB stick (file://) may run a script beside it, but not fetch a file.
Because it is a plain file of the rendered folder, search works under any builder.

    var __patient_search_index = {"lang": "en", "pages": [
      [location, title, text, [[anchor, title, text, [name, ...]], ...], [name, ...], weight],
      ...]}

- lang is the site's language (`content/site.yaml`): site.js folds, stems and drops stop
  words for it, and loads its Snowball stemmer if it has one (Spanish);

- text is plain: Markdown marks, HTML tags and tooltip definitions dropped; blocks
  (paragraphs, list items, table rows) are separated by a newline;
- title is the page's; a step or result of a guide (pathway) adds the guide's title, since two
  guides may both end in "Ask about a lasting stimulator";
- sections are the page's `##` and `###` headings, and the glossary's terms; anchors are the
  ids the Markdown `toc` extension (or the glossary template) gives them;
- names are the other names of what a page or section is about (an option's or a glossary
  term's "also called", and an option's search words, which no page shows), which search
  ranks with the title;
- weight scales a page's score: the FAQ and the glossary mention nearly everything, so they
  must not come before the page about the thing searched for;
- whatever a template marks `data-search-exclude` (urgent help, disclaimer, review dates) is
  left out: it is on every page and would match every search.
"""

from __future__ import annotations

import functools
import html
import json
import re
from typing import TYPE_CHECKING, Any

from markdown.extensions.toc import slugify, unique

from ..content.model import Content

if TYPE_CHECKING:
    from .environment import Strings
    from .render import Page

SEARCH_INDEX = "search/search_index.js"
SCRIPT_VARIABLE = "__patient_search_index"

HEADING = re.compile(r"^(#{1,3})\s+(.*?)\s*#*\s*$")
HEADING_ID = re.compile(r"\s*\{:? *(?:[.\w-]+ +)*#([\w-]+)[^}]*\}$")
"""A heading's own anchor, set by an attribute list at its end: `## Question { #id }`."""
HTML_HEADING = re.compile(r"^<(h[23]|dt)\b[^>]*\bid=\"([^\"]+)\"[^>]*>(.*?)</\1>\s*$")
OPEN_TAG = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*>")
SKIPPED_LINE = re.compile(r"^\s*(\*\[[^\]]*\]:|\{:|\|?\s*:?-{3,}|!!!|\?\?\?)")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
ATTRIBUTE_LIST = re.compile(r"\{(?::[^}]*| *[.#][^}]*)\}")
TAG = re.compile(r"<[^>]+>")
MARKS = re.compile(r"(\*\*|__|\*|`)")
ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")


REFERENCE_PAGES = {"faq.md": 0.5, "glossary.md": 0.3}
"""Pages that mention nearly everything, and the weight of their scores (an option's is 1)."""
PATHWAY_WEIGHT = 0.4
"""Pathway steps name the options they lead to, in short titles: the option page comes first."""
OTHER_PAGE_WEIGHT = 0.8
"""The weight of the other pages (home, compare, tips, about)."""

SEARCH_STRINGS = {
    "search.result.placeholder": "search_placeholder",
    "search.result.none": "search_none",
    "search.result.one": "search_one",
    "search.result.other": "search_other",
    "search.result.more.one": "search_more_one",
    "search.result.more.other": "search_more_other",
    "search.did_you_mean": "search_did_you_mean",
}
"""The words search shows, by the name site.js asks for (Material's, where it has one) and
the key of the locale file (`generator/render/locales/<lang>.yaml`) that gives them."""


def search_strings(strings: Strings) -> dict[str, str]:
    """The words search shows, in the site's language. The generated config carries them
    (`extra.search_strings`) to the search dialog (overrides/partials/search.html), where
    site.js reads them."""
    return {name: strings.get(key) for name, key in SEARCH_STRINGS.items()}


def search_index(content: Content, pages: list[Page]) -> bytes:
    """The index of every page, as the script `site.js` loads."""
    names = {f"options/{oid}.md": [*option.also_called, *option.search_words]
             for oid, option in content.options.items()}
    terms = {term.id: list(term.also_called) for term in content.glossary.terms}
    guides = {f"pathway/{pid}/": pathway.title for pid, pathway in content.pathways.items()}
    entries = [_page_entry(page, names.get(page.path, []), terms if page.path == "glossary.md"
                           else {}) for page in pages]
    for entry, page in zip(entries, pages, strict=True):
        guide = guides.get(page.path.rsplit("/", 1)[0] + "/")
        if guide:  # two guides may both end in "Ask about a lasting stimulator"
            entry[1] = f"{entry[1]} — {guide}"
    data = json.dumps({"lang": content.site.language, "pages": entries}, ensure_ascii=False,
                      separators=(",", ":"))
    return f"var {SCRIPT_VARIABLE} = {data};\n".encode()


def _page_entry(page: Page, names: list[str], section_names: dict[str, list[str]]) -> list[Any]:
    """[location, title, text, sections, names, weight] for one page."""
    location = page.path.removesuffix(".md") + ".html"
    text: list[str] = []
    sections: list[list[Any]] = []
    ids: set[str] = set()
    follows = False  # whether the line continues the block (paragraph) above it
    for line in _searchable_lines(page.body):
        kind, words, anchor, joins = _read_line(line)
        if kind in ("skip", "title"):
            continue
        if kind == "heading":
            anchor = anchor or unique(slugify(words, "-"), ids)
            ids.add(anchor)
            sections.append([anchor, words, []])
            follows = False
            continue
        blocks = sections[-1][2] if sections else text
        if words and follows and blocks and joins:
            blocks[-1] += " " + words
        elif words:
            blocks.append(words)
        follows = bool(words)
    entry_sections = [[a, t, "\n".join(lines), section_names.get(a, [])]
                      for a, t, lines in sections if lines or t != page.title]
    weight = (1 if page.path.startswith("options/")
              else PATHWAY_WEIGHT if page.path.startswith("pathway/")
              else REFERENCE_PAGES.get(page.path, OTHER_PAGE_WEIGHT))
    return [location, page.title, "\n".join(text), entry_sections, names, weight]


@functools.lru_cache(maxsize=50_000)
def _read_line(line: str) -> tuple[str, str, str | None, bool]:
    """(kind, words, anchor, joins) of one line (remembered: pages repeat lines). kind is:
    "skip", a tooltip definition or a layout-only line; "title", the page's `#` heading;
    "heading", with its title as words and its own id as anchor (None: make one from the
    title); or "text", with its plain words (empty for a blank line) and whether it joins
    the paragraph above (a list item or a table row does not)."""
    if SKIPPED_LINE.match(line):
        return "skip", "", None, False
    heading = HEADING.match(line)
    if heading:
        if len(heading.group(1)) == 1:
            return "title", "", None, False
        own_id = HEADING_ID.search(heading.group(2))
        title = plain(heading.group(2)[:own_id.start()] if own_id else heading.group(2))
        return "heading", title, own_id.group(1) if own_id else None, False
    html_heading = HTML_HEADING.match(line)
    if html_heading:
        return "heading", plain(html_heading.group(3)), html_heading.group(2), False
    words = plain(ITEM.sub("", line.replace("|", " "))) if line.strip() else ""
    return "text", words, None, not ITEM.match(line) and "|" not in line


def _searchable_lines(markdown: str) -> list[str]:
    """A page body's lines, less every HTML element marked `data-search-exclude` (with all
    it holds)."""
    lines: list[str] = []
    skipping: str | None = None
    depth = 0
    for line in markdown.splitlines():
        if skipping:
            if "<" in line:
                depth += len(_opening(skipping).findall(line)) - line.count(f"</{skipping}>")
                if depth <= 0:
                    skipping = None
            continue
        opening = OPEN_TAG.match(line.strip()) if "data-search-exclude" in line else None
        if opening and "data-search-exclude" in opening.group(0):
            tag = opening.group(1)
            depth = len(_opening(tag).findall(line)) - line.count(f"</{tag}>")
            skipping = tag if depth > 0 else None
            continue
        lines.append(line)
    return lines


@functools.lru_cache(maxsize=16)
def _opening(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<{tag}\b")


@functools.lru_cache(maxsize=50_000)
def plain(text: str) -> str:
    """Markdown or HTML text as plain words (remembered: pages repeat lines)."""
    text = LINK.sub(r"\1", text)
    text = TAG.sub(" ", ATTRIBUTE_LIST.sub("", text))
    text = MARKS.sub("", html.unescape(text))
    return " ".join(text.split())
