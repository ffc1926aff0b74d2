"""Every internal link and anchor in the built site resolves."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from generator.cli import main


class Page(HTMLParser):
    """The ids and the link targets of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if attributes.get("name"):
            self.ids.add(attributes["name"])
        if tag == "a" and attributes.get("href") is not None:
            self.hrefs.append(attributes["href"])


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    pages = {p.relative_to(site).as_posix(): parse(p) for p in site.rglob("*.html")
             if p.name != "404.html"}  # 404.html uses root-absolute links by design
    broken = []
    for name, page in pages.items():
        for href in page.hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue  # external (https:, mailto:, tel:): listed by `check`, never fetched
            target = (posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
                      if parts.path else name)
            if target.endswith("/") or not target.endswith(".html"):
                if not (site / target).exists():
                    broken.append(f"{name}: {href}")
                continue
            if target not in pages:
                broken.append(f"{name}: {href} (no such page)")
            elif parts.fragment and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{name}: {href} (no such anchor)")
    return broken


@pytest.mark.parametrize("which", ["built_project", "built_shipped_handouts"])
def test_every_internal_link_and_anchor_resolves(which, request):
    """The minimal fixture and the shipped site, each built with its handouts, in every
    language: the pages' links to their PDFs included."""
    project = request.getfixturevalue(which)
    assert broken_links(project / "site") == []


def test_the_link_checker_finds_a_broken_anchor(project):
    assert CliRunner().invoke(main, ["build", "--project", str(project)]).exit_code == 0
    page = project / "site" / "tips.html"
    page.write_text(page.read_text().replace("</main>", '<a href="faq.html#nowhere">x</a></main>'))
    assert broken_links(project / "site") == ["tips.html: faq.html#nowhere (no such anchor)"]
