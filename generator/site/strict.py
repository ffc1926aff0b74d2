"""Defence in depth: the final HTML of every page, parsed, holds nothing content must not make.

The text rules (content/prose.py) refuse what could become a script, a hidden paragraph or an
unsafe link before anything is rendered. This check looks at what the browser will actually
get, so a gap in those rules, a template override or a Markdown extension cannot slip one
through unseen:

- every address (href, src, action, formaction, ...) is https:, mailto:, tel: or relative;
- inside the page's content (`<article class="md-content__inner ...">`), no element has an
  `on...` event handler, `hidden` or `contenteditable`. Material's own chrome around the
  article uses `hidden` for closed menus, so that rule applies to the content only.

The content is parsed whole; the chrome around it (header, navigation, footer: two thirds of
a page's bytes, from the theme's templates) is scanned for addresses only, which takes a
tenth of the time of parsing it.
"""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data",
                  "background", "cite", "ping"}
SAFE_SCHEMES = {"https", "mailto", "tel"}
CONTENT_ONLY = {"hidden", "contenteditable"}
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME_VALUE = re.compile(r"""=\s*["']?\s*([^"'\s>=:/]{1,40}):""")
"""An attribute value that starts with a scheme (`="https:`, `='java&#9;script:`): few enough
that each is then checked by name, where a pattern of names at every position was slow."""
_NAME_BEFORE = re.compile(r"([\w:-]+)\s*$")
ARTICLE_START = '<article class="md-content__inner'
ARTICLE_END = "</article>"
"""Browsers drop tabs, newlines and spaces inside an address: `java\tscript:` is javascript:."""


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.article_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" and (self.article_depth or "md-content__inner" in (
                dict(attrs).get("class") or "").split()):
            self.article_depth += 1
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value:
                self.problems += address_problems(tag, name, value)
            if self.article_depth and (name.startswith("on") or name in CONTENT_ONLY):
                self.problems.append(f"<{tag}> in the page content has '{name}'")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "article" and self.article_depth:
            self.article_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.article_depth:
            self.article_depth -= 1


def address_problems(tag: str, name: str, value: str) -> list[str]:
    """A problem if an address uses a scheme other than https, mailto or tel."""
    found = _SCHEME.match(_IGNORED_IN_URLS.sub("", value).lower())
    if found and found.group(1) not in SAFE_SCHEMES:
        return [f"<{tag} {name}=\"{value[:60]}\"> uses a '{found.group(1)}:' address"]
    return []


def markup_problems(html: str) -> list[str]:
    """What in one built page no content may make."""
    start = html.find(ARTICLE_START)
    end = html.rfind(ARTICLE_END) + len(ARTICLE_END) if start >= 0 else -1
    if start < 0 or end < start:
        start = end = 0  # no content region: scan the whole page for addresses
    scan = _Scan()
    scan.feed(html[start:end])
    scan.close()
    for outside in (html[:start], html[end:]):
        for match in _SCHEME_VALUE.finditer(outside):
            name = _NAME_BEFORE.search(outside, max(0, match.start() - 40), match.start())
            if name and name.group(1).lower() in URL_ATTRIBUTES:
                scan.problems += address_problems("element", name.group(1).lower(),
                                                  html_lib.unescape(match.group(1)) + ":")
    return scan.problems
