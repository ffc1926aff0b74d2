"""What the browser tests share: the guard on every request, waiting for a page to settle,
search, axe, and the summary of what the browser saw."""
from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SEARCH_WORD = "rhizotomy"  # in one option (and the glossary that explains it)
SEARCH_TARGET = "options/radiofrequency-ablation.html"
SETTLE_MS = 50
"""How long a page is left once loaded. Its scripts have run by then (none is deferred); this
lets what they queued arrive: CSP reports, errors."""
STILL = ("() => document.getAnimations().every(animation =>"
         " !(animation instanceof CSSTransition) || animation.playState !== 'running')")
"""True once no transition is running (a drawer sliding in, colours changing); animations that
repeat for ever do not count."""
SUMMARY: dict[str, dict[str, Any]] = {}  # page type -> what was measured
NOTES: list[str] = []

# Records every CSP violation a page reports. Playwright adds it through the DevTools protocol,
# which the page's CSP does not govern.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
"""

# What a page says about itself: language, description, structured data, review date.
PAGE_FACTS = """() => {
  const h1 = document.querySelector('h1');
  const dates = document.querySelector('.review-dates');
  return {
    lang: document.documentElement.lang,
    descriptions: [...document.querySelectorAll('meta[name="description"]')].map(m => m.content),
    structured: [...document.querySelectorAll('script[type="application/ld+json"]')]
      .map(s => s.textContent),
    shown_dates: dates ? [...dates.querySelectorAll('time')].map(t => t.getAttribute('datetime')) : [],
    says_reviewed: !!dates && dates.querySelectorAll('time').length > 1,  // reviewed, due, written
    h1: !!h1 && h1.checkVisibility(),
    headings: [...document.querySelectorAll('.md-content h2')].map(h => h.textContent.trim()),
    cookie: document.cookie,
    csp: window.__csp || [],
  };
}"""


def served(folder: Path):
    """Serve `folder` from 127.0.0.1 while the caller's fixture lasts; yields its address."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def write_summary() -> None:
    """Prints and writes what the browser saw per page type (`pytest -s` shows it), to
    /tmp/patient-site-browser-summary.txt, or one file per test worker (…-gw0.txt)."""
    if not SUMMARY and not NOTES:
        return
    columns = ("axe light", "axe dark", "requests", "outside")
    lines = [f"{'page type':<12} {'page':<52} " + " ".join(f"{c:>9}" for c in columns)]
    for name, row in SUMMARY.items():
        lines.append(f"{name:<12} {row.get('page', ''):<52} "
                     + " ".join(f"{row.get(c, '-')!s:>9}" for c in columns))
    lines += [f"axe tags: {', '.join(AXE_TAGS)}", *NOTES]
    text = "\n".join(lines) + "\n"
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    Path(f"/tmp/patient-site-browser-summary{'-' + worker if worker else ''}.txt").write_text(text)
    print("\n" + text)


def record(name: str, **values: Any) -> None:
    SUMMARY.setdefault(name, {}).update(values)


class Guard:
    """A browser context that lets through only requests under `allowed`.

    Every other request, whatever its scheme, is aborted and recorded. Console errors (which
    include CSP reports), page errors and failed requests are recorded too.
    """

    def __init__(self, browser: Browser, allowed: str, *, color_scheme: str = "light",
                 viewport: dict[str, int] = DESKTOP, touch: bool = False):
        self.allowed = allowed
        self.blocked: list[str] = []
        self.seen: list[str] = []
        self.errors: list[str] = []
        self.context: BrowserContext = browser.new_context(
            color_scheme=color_scheme, viewport=viewport, service_workers="block",
            has_touch=touch, is_mobile=touch)
        self.context.add_init_script(CSP_LISTENER)
        self.context.route(lambda url: True, self._route)
        self.context.on("request", lambda request: self.seen.append(request.url))
        self.context.on("requestfailed", self._failed)
        self.context.on("weberror", lambda error: self.errors.append(f"page error: {error.error}"))

    def allows(self, url: str) -> bool:
        return url.startswith(self.allowed) or url.startswith(("data:", "about:blank"))

    def _route(self, route) -> None:
        if self.allows(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    def _failed(self, request) -> None:
        # ERR_ABORTED: cancelled because the page moved on (a favicon, say)
        if request.url not in self.blocked and "ERR_ABORTED" not in (request.failure or ""):
            self.errors.append(f"request failed: {request.url} {request.failure}")

    def page(self) -> Page:
        page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        return page

    def open(self, url: str) -> Page:
        """A new page at `url`, once its deferred work has run (see `settle`)."""
        page = self.page()
        page.goto(url)
        settle(page)
        return page

    def outside(self) -> list[str]:
        return sorted({url for url in self.seen + self.blocked if not self.allows(url)})

    def snapshot(self) -> dict[str, Any]:
        """What `assert_clean` judges, kept for after the context is closed."""
        return {"outside": self.outside(), "errors": list(self.errors),
                "cookies": self.context.cookies()}

    def assert_clean(self) -> None:
        assert_clean(self.snapshot())

    def close(self) -> None:
        # Without unroute_all, context.close() can hang while a navigation is still going
        # through the route handler (Playwright 1.65, chromium 156), e.g. after a failed assert.
        self.context.unroute_all(behavior="ignoreErrors")
        self.context.close()


def assert_clean(snapshot: dict[str, Any]) -> None:
    """Nothing outside the site was asked for, nothing went wrong, no cookie was set
    (`Guard.snapshot`)."""
    assert snapshot["outside"] == [], f"requests outside the site: {snapshot['outside']}"
    assert snapshot["errors"] == [], f"console, page or request errors: {snapshot['errors']}"
    assert snapshot["cookies"] == [], "cookies were set"


def settle(page: Page, ms: int = SETTLE_MS) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(ms)


def open_search(page: Page, word: str):
    """Open the search dialog the way a reader does, type `word`, wait for results."""
    box = page.locator("input.md-search__input")
    button = page.locator("label.md-header__button[for='__search']")
    (button if button.is_visible() else box).click()
    expect(box).to_be_focused()
    box.press_sequentially(word, delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d+ matching document"))


@functools.cache
def axe_script() -> str:
    """axe-core, as the axe-playwright-python package ships it."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """What axe-core finds on the page as it is now, for AXE_TAGS (axe is added to a page
    once, so a page checked in light and then in dark parses it once)."""
    if not page.evaluate("() => 'axe' in window"):
        page.evaluate(axe_script())
    return page.evaluate("tags => axe.run({runOnly: {type: 'tag', values: tags}, "
                         "resultTypes: ['violations']}).then(results => results.violations)",
                         AXE_TAGS)


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"  {v['id']} ({v['impact']}): {v['help']} at "
                     f"{[n['target'] for n in v['nodes']][:5]}" for v in violations)


FOCUS = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return {
    answer: [...document.querySelectorAll('.pathway-answers a')].indexOf(e),
    text: (e.textContent || '').trim(), skip: e.classList.contains('md-skip'),
    option: !!e.closest('.md-content') && /options\\/[^/]+\\.html$/.test(e.getAttribute('href') || ''),
    visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
  };
}"""


def tab_to(page: Page, wanted, limit: int = 80) -> tuple[dict[str, Any], int]:
    """Press Tab until `wanted(focus)` holds; the focus facts and how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if wanted(focus):
            return focus, presses
    raise AssertionError(f"{limit} presses of Tab never reached the element wanted")

