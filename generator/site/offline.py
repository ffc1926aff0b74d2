"""A check on the built site: no page may fetch anything from outside it.

Scans every built HTML page for resources a browser loads by itself (scripts,
stylesheets, icons, preconnects, images, media, frames, objects, CSS `url()`
and meta refresh) that point off-site, and for inline executable scripts,
which the Content-Security-Policy would block. Plain links (`<a href>`) are
fine: nothing is fetched unless the reader follows them. Runs as part of our
build, on the built files, so it does not depend on mkdocs.yml listing a plugin.
"""

from __future__ import annotations

import html as html_lib
import re

EXTERNAL = re.compile(r"^[\x00-\x20]*(?:(?:https?|ftp|wss?):|(?:[a-z][a-z0-9+.-]*:)?[/\\]{2})",
                      re.IGNORECASE)
"""An address that may be on another host: `//host`, `https://host`, `\\\\host` (browsers read
a backslash as a slash), and any http:, https:, ftp: or ws: address, since `https:host` on a
page opened from file:// is https://host."""
DROPPED_IN_URLS = re.compile(r"[\t\n\r]")
"""Browsers drop tabs and line breaks anywhere in an address: `/`, a tab, `/host` is `//host`."""
_GAP = r"[\t\n\r]*"
ADDRESS_HINT = re.compile(rf"[/\\]{_GAP}[/\\]|&|refresh|(?:h{_GAP}t{_GAP}t{_GAP}p{_GAP}s?"
                          rf"|f{_GAP}t{_GAP}p|w{_GAP}s{_GAP}s?){_GAP}:")
"""What a tag's attributes hold, in lower case, if one of its addresses may reach another host
(two slashes, http:, ftp: or ws:, or an entity that may hide them) or it is a refresh."""
REFRESH_URL = re.compile(r"^\s*[\d.]*\s*[;,]?\s*(?:url\s*=?\s*)?['\"]?([^'\"]*)", re.IGNORECASE)
"""The address in a `<meta http-equiv=refresh>` content: `5; url=page.html`."""
FETCHING_ATTRIBUTES = {
    "script": ("src", "href", "xlink:href"), "img": ("src", "srcset"),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "iframe": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",),
    "track": ("src",), "link": ("href", "imagesrcset"),
    "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),  # SVG
    "feimage": ("href", "xlink:href"),
    "body": ("background",), "table": ("background",), "td": ("background",),
    "th": ("background",),
}
"""The attributes by which each element fetches a file as the page loads."""
NOT_FETCHED_LINKS = {"canonical", "alternate", "prev", "next"}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


# Attribute text: runs of plain characters between quoted values (unrolled, so no
# backtracking per character).
_ATTRIBUTE_TEXT = r"([^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)"
# The patterns below run on the page in lower case (three times faster than a
# case-insensitive search); what they capture is read from the page as written.
BACKGROUND_TAGS = ("body", "table", "td", "th")
"""Elements that fetch only by an old `background` attribute: matched only when they have one
(tables have many cells)."""
TAG = re.compile(
    r"<(" + "|".join([*(t for t in FETCHING_ATTRIBUTES if t not in BACKGROUND_TAGS), "meta"])
    + r"|(?:" + "|".join(BACKGROUND_TAGS) + r")(?=[\s/][^>]*background))\b" + _ATTRIBUTE_TEXT + ">")
ATTRIBUTE = re.compile(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))")
INLINE_SCRIPT = re.compile(r"<script\b" + _ATTRIBUTE_TEXT + r">(.*?)</script>", re.DOTALL)
CSS_ADDRESS = re.compile(r"(?:url\(|@import)\s*(?:url\(\s*)?['\"]?\s*([^)'\"\s;]*)", re.IGNORECASE)
"""An address in CSS, in a `<style>` element or a style attribute: `url(...)`, `@import "..."`."""
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower_case(html: str) -> str:
    """The page in lower case, each character where it was: what a pattern finds in it is read
    from the page as written at the same place."""
    lowered = html.lower()
    if len(lowered) != len(html):  # a letter whose lower case is longer ('İ')
        lowered = html.translate(_ASCII_LOWER)
    return lowered


def page_problems(html: str, lowered: str | None = None) -> list[str]:
    """What in one page would load from outside the site, or run inline. `lowered` is the
    page in `lower_case`, when the caller has it."""
    lowered = lowered or lower_case(html)
    problems = []
    for match in TAG.finditer(lowered):
        if not ADDRESS_HINT.search(lowered, match.start(2), match.end(2)):
            continue  # no address in it can reach another host, and it is no refresh
        tag, attributes = match.group(1), _attributes(html[match.start(2):match.end(2)])
        for name in FETCHING_ATTRIBUTES.get(tag, ()):
            for url in _urls(attributes.get(name, ""), srcset="srcset" in name):
                if external(url) and not (
                        tag == "link" and attributes.get("rel", "") in NOT_FETCHED_LINKS):
                    problems.append(f"<{tag} {name}={url!r}> loads from outside the site")
        refresh = attributes.get("http-equiv", "").lower() == "refresh"
        target = REFRESH_URL.match(attributes.get("content", ""))
        if tag == "meta" and refresh and target and external(target.group(1)):
            problems.append("<meta refresh> leaves the site")
    for match in INLINE_SCRIPT.finditer(lowered):
        attributes = _attributes(html[match.start(1):match.end(1)])
        script = html[match.start(2):match.end(2)].strip()
        if ("src" not in attributes and script
                and attributes.get("type", "").lower() not in DATA_SCRIPT_TYPES):
            problems.append(f"inline <script> ({script[:40]!r}...) would be blocked")
    if "url(" in lowered or "@import" in lowered:  # entities decoded, as for a style attribute
        problems += [f"url({m.group(1)}) in a style loads from outside the site"
                     for m in CSS_ADDRESS.finditer(html_lib.unescape(html))
                     if external(m.group(1)) or m.group(1).startswith("\\")]  # a CSS escape
    return problems


def external(url: str) -> bool:
    """Whether a browser would fetch `url` (an attribute's value, entities decoded) from
    another host."""
    return bool(EXTERNAL.match(DROPPED_IN_URLS.sub("", url)))


def _urls(value: str, srcset: bool) -> list[str]:
    return [u.strip().split(" ")[0] for u in value.split(",")] if srcset else [value]


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): html_lib.unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in ATTRIBUTE.finditer(text)}

