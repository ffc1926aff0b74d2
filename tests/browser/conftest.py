"""The built site in a real browser: offline, private, searchable, accessible, printable.

The shipped content is built once per test run (`built_shipped_project`), and Debian's
chromium is driven through Playwright. One file per part, so that test workers share them out:

- test_walk.py: every page from file:// (a kiosk, a USB stick) asks for nothing outside the site
  folder, the Content-Security-Policy reports no violation, and each page has its description,
  language and one schema.org block; the keyboard alone answers a pathway; printed pages name
  the clinic; the 404 page and the language switcher work from the folder;
- test_accessibility.py: each page type, served from 127.0.0.1 in each language, asks for
  nothing elsewhere, sets no cookie, names its landmarks, and leaves axe-core nothing to find
  in light and in dark; so does the open search dialog;
- test_search.py: search from file:// and over http, by keyboard, in Spanish, and for what
  patients type;
- test_reading.py: a 360 px phone (no sideways scrolling, tap targets of 24x24 px or more),
  the table of contents, back to top, light and dark colours, glossary tooltips;
- test_clinic_colours.py: a clinic's own colours, logo and page leave axe nothing to find;
- test_decision_tools.py: the tools that help a patient decide, with and without JavaScript.

The browser is required, never skipped: without /usr/bin/chromium every test errors. A short
summary per page type (axe violations, requests) is printed at the end (`pytest -s`) and written
to /tmp (see `kit.write_summary`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from generator.content.validate import load_content

from .kit import SEARCH_TARGET, Guard, served, write_summary


@pytest.fixture(scope="session")
def content(built_shipped_project: Path):
    return load_content(built_shipped_project).content


@pytest.fixture(scope="session")
def translations(built_shipped_project: Path):
    """The shipped content in each other language it is built in, by language code."""
    return load_content(built_shipped_project).translations


@pytest.fixture(scope="session")
def site(built_shipped_project: Path) -> Path:
    return built_shipped_project / "site"


@pytest.fixture(scope="session")
def html_pages(site: Path) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert "index.html" in pages and "404.html" in pages
    return pages


@pytest.fixture(scope="session")
def page_types(content, site: Path) -> dict[str, str]:
    """One page of each kind, by a short name."""
    pathway_id, pathway = next(iter(content.pathways.items()))
    types = {
        "home": "index.html", "option": SEARCH_TARGET, "faq": "faq.html", "tips": "tips.html",
        "glossary": "glossary.html", "about": "about.html", "compare": "compare.html",
        "pathways": "pathway/index.html", "pathway": f"pathway/{pathway_id}.html",
        "step": f"pathway/{pathway_id}/{pathway.start}.html",
        "outcome": f"pathway/{pathway_id}/{pathway.outcomes[0].id}.html",
        "tools": "tools/index.html", "values": "tools/what-matters.html",
        "questions": "tools/my-questions.html", "diary": "tools/pain-diary.html",
        "block log": "tools/block-log.html", "appointment": "tools/appointment.html",
    }
    for rel in types.values():
        assert (site / rel).is_file(), rel
    return types


@pytest.fixture(scope="session")
def http_base(site: Path):
    yield from served(site)


@pytest.fixture(scope="session", autouse=True)
def summary():
    """Prints and writes what the browser saw per page type, once every test has run."""
    yield
    write_summary()


@pytest.fixture
def guard_factory(browser: Browser):
    guards: list[Guard] = []

    def make(allowed: str, **options: Any) -> Guard:
        guards.append(Guard(browser, allowed, **options))
        return guards[-1]

    yield make
    for guard in guards:
        guard.close()
