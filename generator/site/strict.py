"""Defence in depth: the final HTML of every page, parsed, holds nothing content must not make.

The text rules (content/prose.py) refuse what could become a script, a hidden paragraph or an
unsafe link before anything is rendered. This check looks at what the browser will actually
get, so a gap in those rules, a template override or a Markdown extension cannot slip one
through unseen:

- every address (href, src, action, formaction, ...) is https:, mailto:, tel: or relative;
- inside the page's content (`<article class="md-content__inner ...">`), no element has an
  `on...` event handler, `hidden` or `contenteditable`. Material's own chrome around the
  article uses `hidden` for closed menus, so that rule applies to the content only.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data",
                  "background", "cite", "ping"}
SAFE_SCHEMES = {"https", "mailto", "tel"}
CONTENT_ONLY = {"hidden", "contenteditable"}
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
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
                found = _SCHEME.match(_IGNORED_IN_URLS.sub("", value).lower())
                if found and found.group(1) not in SAFE_SCHEMES:
                    self.problems.append(f"<{tag} {name}=\"{value[:60]}\"> uses a "
                                         f"'{found.group(1)}:' address")
            if self.article_depth and (name.startswith("on") or name in CONTENT_ONLY):
                self.problems.append(f"<{tag}> in the page content has '{name}'")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "article" and self.article_depth:
            self.article_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.article_depth:
            self.article_depth -= 1


def markup_problems(html: str) -> list[str]:
    """What in one built page no content may make."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return scan.problems
