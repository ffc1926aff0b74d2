"""A check on the built site: no page may fetch anything from outside it.

Scans every built HTML page for resources a browser loads by itself (scripts,
stylesheets, icons, preconnects, images, media, frames, objects, CSS `url()`
and meta refresh) that point off-site, and for inline executable scripts,
which the Content-Security-Policy would block. Plain links (`<a href>`) are
fine: nothing is fetched unless the reader follows them. Runs as part of our
build, so it does not depend on any MkDocs plugin or hook.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
FETCHING_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "iframe": ("src",), "embed": ("src",),
    "object": ("data",), "input": ("src",), "track": ("src",), "link": ("href", "imagesrcset"),
}
NOT_FETCHED_LINKS = {"canonical", "alternate", "prev", "next"}
CSS_URL = re.compile(r"url\(\s*['\"]?\s*((?:[a-z][a-z0-9+.-]*:)?//[^)'\"]+)", re.IGNORECASE)
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._inline_script = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        for name in FETCHING_ATTRIBUTES.get(tag, ()):
            for url in _urls(attributes.get(name, ""), srcset="srcset" in name):
                if EXTERNAL.match(url) and not (
                        tag == "link" and attributes.get("rel", "") in NOT_FETCHED_LINKS):
                    self.problems.append(f"<{tag} {name}={url!r}> loads from outside the site")
        for url in CSS_URL.findall(attributes.get("style", "")):
            self.problems.append(f"style url({url}) loads from outside the site")
        refresh = attributes.get("http-equiv", "").lower() == "refresh"
        if tag == "meta" and refresh and EXTERNAL.search(attributes.get("content", "")):
            self.problems.append("<meta refresh> leaves the site")
        if tag == "script" and "src" not in attributes and (
                attributes.get("type", "").lower() not in DATA_SCRIPT_TYPES):
            self._inline_script = True
        self._in_style = self._in_style or tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._inline_script = self._inline_script and tag != "script"
        self._in_style = self._in_style and tag != "style"

    def handle_data(self, data: str) -> None:
        if self._inline_script and data.strip():
            self.problems.append(f"inline <script> ({data.strip()[:40]!r}...) would be blocked")
        if self._in_style:
            self.problems += [f"<style> url({url}) loads from outside the site"
                              for url in CSS_URL.findall(data)]


def _urls(value: str, srcset: bool) -> list[str]:
    return [u.strip().split(" ")[0] for u in value.split(",")] if srcset else [value]


def offsite_problems(site: Path) -> list[str]:
    """`page: problem` for every page that would reach outside the site."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        scanner = _Scanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        relative = page.relative_to(site).as_posix()
        problems += [f"{relative}: {problem}" for problem in scanner.problems]
    return problems
