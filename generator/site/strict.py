"""Defence in depth: the final HTML of every page holds nothing content must not make.

The text rules (content/prose.py) refuse what could become a script, a hidden paragraph or an
unsafe link before anything is rendered. This check looks at what the browser will actually
get, so a gap in those rules, a template override or a Markdown extension cannot slip one
through unseen:

- every address (href, src, action, formaction, ...) is https:, mailto:, tel: or relative;
- inside the page's content (`<article class="md-content__inner ...">`), no element has an
  `on...` event handler, `hidden` or `contenteditable`. Material's own chrome around the
  article uses `hidden` for closed menus, so that rule applies to the content only.

Parsing is slow, and most pages hold nothing to report, so a quick scan of the content comes
first (`might_be_unsafe`), and only content where it finds something is parsed. The scan looks
for each attribute name that follows a space, a slash or a quote, as a browser reads one, and
never consumes past the name and its `=`, so a stray quote in text cannot hide the attribute
after it (`tests/test_offline.py` checks this against a parse of generated markup).
The chrome around the content (header, navigation, footer: two thirds of a page's bytes, from
the theme's templates) is scanned for addresses only (`odd_addresses`).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from .offline import lower_case

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data",
                  "background", "cite", "ping"}
SAFE_SCHEMES = {"https", "mailto", "tel"}
CONTENT_ONLY = {"hidden", "contenteditable"}
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
_SAFE_START = r"(?!https:|mailto:|tel:)"
_ODD_VALUE = re.compile(
    r"=(?=\s*+(?:"
    + rf'"({_SAFE_START}[^":&\x00-\x1f]*+[:&\x00-\x1f][^"]*+)"'
    + rf"|'({_SAFE_START}[^':&\x00-\x1f]*+[:&\x00-\x1f][^']*+)'"
    + rf'|(?!["\']){_SAFE_START}([^\s>:&]{{0,64}}+[:&][^\s>]*+)))')
"""In lower case, an attribute value that does not start with https:, mailto: or tel: yet holds
a colon, an entity (`&colon;`) or a control character: the only values that can hide an unsafe
address (browsers drop tabs and newlines inside one: `java\tscript:` is javascript:). Only the
`=` is consumed and the value is read ahead, so a stray quote in text cannot hide the
attribute after it; starting at `=` lets the regex engine skip quickly to the next one. An
unquoted value's scheme is read for 64 characters at most (a scheme is a word, such as
`javascript`, and an entity or a tab ends the search at once), so a run of `=` stays linear."""
_NAME_BEFORE = re.compile(r"[\w:-]+$")
_EVENT_HANDLER = re.compile(r"on[a-z0-9_-]{0,40}+\s*+=")
"""In lower case, where an event handler with a value may start (an `on...` attribute with no
value runs nothing; the longest handler's name, such as `onwebkitanimationiteration`, is well
under 40 letters). It consumes no space, slash or quote, so it cannot hide the next one."""
ATTRIBUTE_START = frozenset(" \t\n\r\f/\"'")
"""What comes right before an attribute's name: a space, a slash or a closing quote."""
ARTICLE_START = '<article class="md-content__inner'
ARTICLE_END = "</article>"


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


def markup_problems(html: str, lowered: str | None = None) -> list[str]:
    """What in one built page no content may make. `lowered` is the page in `lower_case`,
    when the caller has it."""
    lowered = lowered or lower_case(html)
    start = html.find(ARTICLE_START)
    end = html.rfind(ARTICLE_END) + len(ARTICLE_END) if start >= 0 else -1
    if start < 0 or end < start:
        start = end = 0  # no content region: scan the whole page for addresses
    scan = _Scan()
    if might_be_unsafe(lowered, start, end):
        scan.feed(html[start:end])
        scan.close()
    for region in ((0, start), (end, len(html))):
        for name, value_start, value_end in odd_addresses(lowered, *region):
            value = html_lib.unescape(html[value_start:value_end]).strip()
            shown = value[:value.find(":") + 1] if ":" in value else value
            scan.problems += address_problems("element", name, shown)
    return scan.problems


def might_be_unsafe(lowered: str, start: int, end: int) -> bool:
    """Whether `lowered[start:end]` (a page in `lower_case`) might hold an event handler with
    code, a `hidden` or `contenteditable` attribute, or an unsafe address. It also finds
    harmless text, such as the word "hidden" after a space: that only means it is parsed."""
    for match in _EVENT_HANDLER.finditer(lowered, start, end):
        if match.start() > start and lowered[match.start() - 1] in ATTRIBUTE_START:
            return True
    for word in CONTENT_ONLY:
        at = lowered.find(word, start, end)
        while at >= 0:
            if at > start and lowered[at - 1] in ATTRIBUTE_START:
                return True
            at = lowered.find(word, at + 1, end)
    return any(odd_addresses(lowered, start, end))


def odd_addresses(lowered: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """(attribute name, start, end of its value) of each address attribute in
    `lowered[start:end]` whose value might hide an unsafe address (`_ODD_VALUE`)."""
    for match in _ODD_VALUE.finditer(lowered, start, end):
        before = match.start()
        while before > start and lowered[before - 1].isspace():
            before -= 1
        name = _NAME_BEFORE.search(lowered, max(start, before - 40), before)
        if name and name.group() in URL_ATTRIBUTES:
            group = next(i for i in (1, 2, 3) if match.group(i) is not None)
            yield name.group(), match.start(group), match.end(group)
