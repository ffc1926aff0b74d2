"""The built site in a real browser: offline, private, searchable, accessible, printable.

Builds the shipped content once per session, then drives Debian's chromium through Playwright:

1. every page from file:// (a kiosk, a USB stick) asks for nothing outside the site folder, and the
   Content-Security-Policy reports no violation; 404.html is only ever served, so it is checked
   over http;
2. every page type served from 127.0.0.1 asks for nothing elsewhere and sets no cookie;
3. search works from file:// and over http: a word finds its option and the result opens it;
4. axe-core finds no violation on any page type, light and dark, and with the search dialog open;
5. a keyboard alone answers the decision pathway to an outcome, with a visible focus, and every
   landmark has the name assistive technology needs;
6. at 360 CSS px nothing overflows sideways and answer and navigation links are at least 24x24;
7. printed pages carry the clinic's name and review dates, without the site's header or the
   urgent-help shortcut;
8. each page has one schema.org block that parses, a description and its language;
9. colours follow the system's light or dark setting until the reader picks one with the toggle,
   and glossary tooltips show (both styled by the trimmed Material stylesheets);
10. a clinic's own colours, logo and page (edits of content/ only) leave axe nothing to find,
   light and dark, and the 404 page works opened from the site folder.

The browser is required, never skipped: without /usr/bin/chromium every test errors. A short
summary per page type (axe violations, requests) is printed at the end (`pytest -s`) and written
to SUMMARY_FILE.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Error, Page, expect, sync_playwright

from generator.content.validate import load_content

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SEARCH_WORD = "rhizotomy"  # in one option (and the glossary that explains it)
SEARCH_TARGET = "options/radiofrequency-ablation.html"
SUMMARY_FILE = Path("/tmp/patient-site-browser-summary.txt")
SETTLE_MS = 150
"""How long a page is left, once loaded, for its deferred work (palette, search, tooltips)."""
WALK_TABS = 6
"""Pages the walk of every page loads side by side, so that they settle at the same time."""
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


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Browser:
    assert CHROMIUM.is_file(), (
        f"the browser tests need {CHROMIUM}: install Debian's chromium (scripts/setup --test does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


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


@pytest.fixture(scope="session")
def http_base(site: Path):
    yield from served(site)


@pytest.fixture(scope="session", autouse=True)
def summary():
    """Prints and writes what the browser saw per page type, once every test has run."""
    yield
    if not SUMMARY and not NOTES:
        return
    columns = ("axe light", "axe dark", "requests", "outside")
    lines = [f"{'page type':<12} {'page':<52} " + " ".join(f"{c:>9}" for c in columns)]
    for name, row in SUMMARY.items():
        lines.append(f"{name:<12} {row.get('page', ''):<52} "
                     + " ".join(f"{row.get(c, '-')!s:>9}" for c in columns))
    lines += [f"axe tags: {', '.join(AXE_TAGS)}", *NOTES]
    text = "\n".join(lines) + "\n"
    SUMMARY_FILE.write_text(text)
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

    def _ok(self, url: str) -> bool:
        return url.startswith(self.allowed) or url.startswith(("data:", "about:blank"))

    def _route(self, route) -> None:
        if self._ok(route.request.url):
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
        return sorted({url for url in self.seen + self.blocked if not self._ok(url)})

    def assert_clean(self) -> None:
        assert self.outside() == [], f"requests outside the site: {self.outside()}"
        assert self.errors == [], f"console, page or request errors: {self.errors}"
        assert self.context.cookies() == [], "cookies were set"

    def close(self) -> None:
        # Without unroute_all, context.close() can hang while a navigation is still going
        # through the route handler (Playwright 1.65, chromium 156), e.g. after a failed assert.
        self.context.unroute_all(behavior="ignoreErrors")
        self.context.close()


@pytest.fixture
def guard_factory(browser: Browser):
    guards: list[Guard] = []

    def make(allowed: str, **options: Any) -> Guard:
        guards.append(Guard(browser, allowed, **options))
        return guards[-1]

    yield make
    for guard in guards:
        guard.close()


def settle(page: Page, ms: int = SETTLE_MS) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(ms)  # let deferred work (palette, search worker, tooltips) run


def open_search(page: Page, word: str):
    """Open the search dialog the way a reader does, type `word`, wait for results."""
    box = page.locator("input.md-search__input")
    button = page.locator("label.md-header__button[for='__search']")
    (button if button.is_visible() else box).click()
    expect(box).to_be_focused()
    box.press_sequentially(word, delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d+ matching document"))


def axe_violations(page: Page) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                       "resultTypes": ["violations"]})
    return results.response["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"  {v['id']} ({v['impact']}): {v['help']} at "
                     f"{[n['target'] for n in v['nodes']][:5]}" for v in violations)


# --------------------------------------------------------------------------------------------
# 1 and 8. Every page from file://: nothing from outside, no CSP violation, what it says of itself
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def file_walk(browser: Browser, site: Path, html_pages: list[str]) -> dict[str, Any]:
    """Opens every page from file:// once; the tests below judge what was seen."""
    # 404.html is left out: it is the page a server sends for any missing path (checked over
    # http); that it also works opened from the folder is test_the_404_page_works_from_file.
    allowed = site.as_uri() + "/"
    guard = Guard(browser, allowed)
    facts: dict[str, dict[str, Any]] = {}
    try:
        tabs = [guard.page() for _ in range(WALK_TABS)]
        pages = [p for p in html_pages if not p.endswith("404.html")]  # each language's
        for start in range(0, len(pages), WALK_TABS):
            batch = list(zip(tabs, pages[start:start + WALK_TABS], strict=False))
            for tab, rel in batch:
                tab.goto((site / rel).as_uri(), wait_until="commit")
            for tab, _ in batch:
                tab.wait_for_load_state("load")
            tabs[0].wait_for_timeout(SETTLE_MS)  # every page of the batch settles at once
            for tab, rel in batch:
                facts[rel] = tab.evaluate(PAGE_FACTS)
        return {"facts": facts, "outside": guard.outside(), "errors": list(guard.errors),
                "cookies": guard.context.cookies(), "seen": list(guard.seen)}
    finally:
        guard.close()


def test_every_page_from_file_asks_for_nothing_outside_the_site(file_walk, html_pages):
    facts = file_walk["facts"]
    assert len(facts) == len([p for p in html_pages if not p.endswith("404.html")])
    assert any(p.startswith("es/") for p in facts), "the Spanish pages are walked too"
    assert file_walk["outside"] == [], f"requests outside the site: {file_walk['outside']}"
    assert file_walk["errors"] == [], f"console, page or request errors: {file_walk['errors']}"
    assert file_walk["cookies"] == []
    for rel, fact in facts.items():
        assert fact["csp"] == [], f"{rel}: CSP violations {fact['csp']}"
        assert fact["h1"], f"{rel}: no visible heading"
        assert fact["cookie"] == "", rel
    # The guard really watched the site's own file:// requests
    assert any(url.endswith(".css") for url in file_walk["seen"])
    assert any(url.endswith("/site.js") for url in file_walk["seen"])
    # the search index is loaded only when a reader opens search
    assert not any("search_index" in url for url in file_walk["seen"])
    NOTES.append(f"file:// walk: {len(facts)} pages, {len(file_walk['seen'])} requests, 0 outside the site")


def test_every_page_has_a_description_its_language_and_one_structured_data_block(
        file_walk, page_types, content, translations):
    for rel, fact in file_walk["facts"].items():
        language = rel.split("/")[0] if rel.split("/")[0] in translations else "en"
        assert fact["lang"] == language, rel
        in_language = translations.get(language, content)
        assert len(fact["descriptions"]) == 1 and fact["descriptions"][0].strip(), rel
        assert len(fact["structured"]) == 1, f"{rel}: {len(fact['structured'])} ld+json blocks"
        data = json.loads(fact["structured"][0])
        assert data["@context"] == "https://schema.org", rel
        types = data["@type"] if isinstance(data["@type"], list) else [data["@type"]]
        assert "MedicalWebPage" in types, rel
        if fact["shown_dates"]:  # the data's dates are the ones the page shows
            assert data["dateModified"] in fact["shown_dates"], rel
        assert ("lastReviewed" in data) == fact["says_reviewed"], rel
        if fact["says_reviewed"]:
            assert data["lastReviewed"] in fact["shown_dates"], rel
        if "FAQPage" in types:
            assert rel.removeprefix(f"{language}/") == page_types["faq"]
            names = [q["name"] for q in data["mainEntity"] if q["@type"] == "Question"]
            assert names == [q.question for q in in_language.faqs.questions]
            assert all(q["acceptedAnswer"]["text"].strip() for q in data["mainEntity"])
            assert set(names) <= set(fact["headings"]), "a question in the data is not on the page"
    assert "FAQPage" in json.loads(file_walk["facts"][page_types["faq"]]["structured"][0])["@type"]
    for name, rel in page_types.items():  # every page but the 404 says when it was written
        if name != "404":
            assert file_walk["facts"][rel]["shown_dates"], f"{name}: no dates"


def test_the_guard_notices_outside_requests_and_csp_violations(guard_factory, site, tmp_path):
    """Control: the checks above would see a request leave the site, or the CSP refuse code."""
    outside = tmp_path / "outside.html"
    outside.write_text('<!doctype html><title>x</title><img alt="" src="https://example.invalid/a.png">')
    guard = guard_factory(tmp_path.as_uri() + "/")
    guard.page().goto(outside.as_uri())
    assert guard.outside() == ["https://example.invalid/a.png"]
    guard = guard_factory(site.as_uri() + "/")
    page = guard.page()
    with pytest.raises(Error, match="ERR_BLOCKED_BY_CLIENT"):  # a file outside the site folder
        page.goto(outside.as_uri())
    assert guard.outside() == [outside.as_uri()]
    page = guard.open((site / "index.html").as_uri())
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.ran = 1'; document.body.append(s); }""")
    page.wait_for_timeout(100)
    assert page.evaluate("window.ran") is None
    assert page.evaluate(PAGE_FACTS)["csp"], "the CSP listener saw no violation"
    assert any("Content Security Policy" in error for error in guard.errors), guard.errors


# --------------------------------------------------------------------------------------------
# 2. Served from 127.0.0.1: nothing elsewhere, no cookies
# --------------------------------------------------------------------------------------------


def test_every_page_type_served_asks_only_its_own_server_and_sets_no_cookie(
        guard_factory, http_base, page_types):
    guard = guard_factory(http_base)
    page = guard.page()
    for name, rel in {**page_types, "404": "404.html"}.items():
        before = len(guard.seen)
        response = page.goto(http_base + rel)
        assert response is not None and response.ok, rel
        settle(page)
        fact = page.evaluate(PAGE_FACTS)
        assert fact["cookie"] == "", rel
        assert fact["csp"] == [], f"{rel}: CSP violations {fact['csp']}"
        assert fact["lang"] == "en" and len(fact["descriptions"]) == 1, rel
        requests = guard.seen[before:]
        outside = [url for url in requests if not guard._ok(url)]
        record(name, page=rel, requests=len(requests), outside=len(outside))
        assert outside == [], f"{rel}: requests outside {http_base}: {outside}"
    assert page.context.cookies() == []
    guard.assert_clean()


# --------------------------------------------------------------------------------------------
# 3. Search from file:// and over http
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_search_finds_the_option_and_opens_it(guard_factory, site, http_base, scheme):
    base = site.as_uri() + "/" if scheme == "file" else http_base
    guard = guard_factory(base)
    page = guard.open(base + "faq.html")
    assert not any("search_index" in url for url in guard.seen)
    open_search(page, SEARCH_WORD)
    # the same script index, loaded when search opened, from file:// and over http alike
    assert [url.rsplit("/", 2)[-2:] for url in guard.seen if "search_index" in url] == [
        ["search", "search_index.js"]]
    assert not any("stemmer" in url for url in guard.seen)  # Snowball's: Spanish pages only
    result = page.locator(f".md-search-result__item a[href*='{SEARCH_TARGET}']").first
    expect(result).to_be_visible()
    expect(result).to_contain_text("Radiofrequency ablation")
    count = page.locator(".md-search-result__meta").inner_text()
    result.click()
    page.wait_for_url(re.compile(re.escape(SEARCH_TARGET) + r"(\?h=[^#]*)?(#.*)?$"))
    settle(page)
    expect(page.locator("h1")).to_have_text("Radiofrequency ablation")
    expect(page.locator("article mark").first).to_have_text(re.compile(SEARCH_WORD, re.I))
    guard.assert_clean()
    NOTES.append(f"search {scheme}: {SEARCH_WORD!r} gave {count.strip()!r}, opened {SEARCH_TARGET}")


def test_search_by_keyboard_finds_other_forms_of_a_word_and_says_when_nothing_matches(
        guard_factory, http_base):
    guard = guard_factory(http_base)
    page = guard.open(http_base + "index.html")
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    page.keyboard.press("/")  # no one-key shortcut (WCAG 2.1.4)
    expect(page.locator("#__search")).not_to_be_checked()
    box.focus()  # as Tab reaches it
    expect(page.locator("#__search")).to_be_checked()
    expect(meta).to_have_text("Type to start searching")
    # "injected" and "injections" both find pages that say "injection"
    for query in ("injected", "Injections"):
        box.fill(query)
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        titles = page.locator(".md-search-result__item h1").all_inner_texts()
        assert "Epidural steroid injection" in titles, (query, titles)
    # any word may match, and pages with more of the words come first: "heat" lifts the page
    # that uses heat on nerves above those that only name nerves
    box.fill("nerve")
    expect(meta).to_have_text(re.compile(r"\d+ matching documents"))
    one_word = int(meta.inner_text().split()[0])
    first = page.locator(".md-search-result__item h1").first.inner_text()
    assert first != "Radiofrequency ablation", first
    box.fill("nerve heat")
    expect(page.locator(".md-search-result__item h1").first).to_have_text("Radiofrequency ablation")
    assert int(meta.inner_text().split()[0]) >= one_word
    expect(page.locator(".md-search-result__item mark").first).to_be_visible()
    # typos and parts of words find the option
    for query, title in (("steriod injection", "Epidural steroid injection"),
                         ("épidural", "Epidural steroid injection"),
                         ("stimulater", "Spinal cord stimulation"), ("gabapen", "Gabapentinoids")):
        box.fill(query)
        titles = page.locator(".md-search-result__item h1").all_inner_texts()[:3]
        assert title in titles, (query, titles)
    # arrow keys move through the results; Enter follows one
    page.keyboard.press("ArrowDown")
    link = page.locator(".md-search-result__link").first
    expect(link).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    # stop words and word endings: "does it hurt" finds what "hurt" finds, "feelings" "feeling"
    for query, same_as in (("does it hurt", "hurt"), ("feelings", "feeling")):
        counts = []
        for text in (query, same_as):
            box.fill(text)
            expect(meta).to_have_text(re.compile(r"\d+ matching document"))
            counts.append(meta.inner_text())
        assert counts[0] == counts[1], (query, counts)
    box.fill("zzxqv")
    expect(meta).to_have_text("No matching documents")
    expect(page.locator(".md-search-result__item")).to_have_count(0)
    # too far from any word: the nearest name is suggested, in the region a screen reader reads
    box.fill("stymylatorr")
    expect(meta).to_have_text("No matching documents. Did you mean stimulator?")
    meta.locator("button").click()
    expect(box).to_have_value("stimulator")
    expect(page.locator(".md-search-result__item h1").first).to_have_text("Spinal cord stimulation")
    # Escape closes search, from a result too, and the hidden results are out of reach
    box.fill("nerve")
    page.keyboard.press("ArrowDown")
    expect(link).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(box).not_to_be_focused()
    assert page.evaluate("!document.querySelector('.md-search').contains(document.activeElement)")
    expect(page.locator(".md-search__output")).to_have_js_property("inert", True)
    box.fill("radiofrequency ablation")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(SEARCH_TARGET)))
    guard.assert_clean()


# A Spanish search index of four pages, for the built site's home page made Spanish
# (<html lang="es">, the dialog's words in Spanish), until the Spanish content lands.
SPANISH_INDEX = {"lang": "es", "pages": [
    ["options/a.html", "Cirugía de espalda", "Una operación en la columna.", [], [], 1],
    ["options/b.html", "Niños y dolor", "Los niños también pueden tener dolor.", [], [], 1],
    ["options/c.html", "Inyecciones de esteroides", "Una inyección cerca del nervio.", [], [], 1],
    ["options/d.html", "Estimulador medular", "Un aparato pequeño bajo la piel.", [], [], 1],
]}
SPANISH_STRINGS = {"search.result.placeholder": "Teclee para comenzar búsqueda",
                   "search.result.none": "No se encontraron documentos",
                   "search.result.one": "1 documento encontrado",
                   "search.result.other": "# documentos encontrados",
                   "search.did_you_mean": "¿Quiso decir #?"}


def spanish_site(site: Path, folder: Path) -> Path:
    """A copy of the built site whose home page is Spanish and whose index is SPANISH_INDEX,
    with Snowball's stemmer, which a Spanish build keeps (an English one drops it)."""
    shutil.copytree(site, folder)
    assert not (folder / "assets" / "javascripts" / "snowball").exists()
    shutil.copytree(Path(__file__).parent.parent / "overrides" / "assets" / "javascripts" / "snowball",
                    folder / "assets" / "javascripts" / "snowball")
    home = folder / "index.html"
    html = home.read_text("utf-8").replace('<html lang="en"', '<html lang="es"', 1)
    html, replaced = re.subn(r"data-strings='[^']*'", lambda _: "data-strings='"
                             + json.dumps(SPANISH_STRINGS, ensure_ascii=False) + "'", html)
    assert replaced == 1 and '<html lang="es"' in html
    home.write_text(html, "utf-8")
    (folder / "search" / "search_index.js").write_text(
        f"var __patient_search_index = {json.dumps(SPANISH_INDEX, ensure_ascii=False)};\n",
        "utf-8")
    return folder


def test_spanish_search_folds_accents_stems_words_and_speaks_spanish(
        guard_factory, site, tmp_path):
    """From file://: accents and "ñ" typed or not find the same pages, Snowball's Spanish
    stemmer (loaded on Spanish pages only) joins forms of a word, Spanish stop words are
    dropped, and every word search shows comes from the dialog's strings."""
    base = spanish_site(site, tmp_path / "es").as_uri() + "/"
    guard = guard_factory(base)
    page = guard.open(base + "index.html")
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.focus()
    expect(meta).to_have_text("Teclee para comenzar búsqueda")
    first = page.locator(".md-search-result__item h1").first
    for query, title in (("cirugia", "Cirugía de espalda"), ("CIRUGÍA", "Cirugía de espalda"),
                         ("nino", "Niños y dolor"), ("niños", "Niños y dolor"),
                         ("inyeccion", "Inyecciones de esteroides"),
                         ("inyecciones", "Inyecciones de esteroides"),
                         ("esteroide", "Inyecciones de esteroides"),
                         ("estimulacion", "Estimulador medular"),
                         ("operaciones columna", "Cirugía de espalda")):
        box.fill(query)
        expect(first).to_have_text(title)
        expect(meta).to_have_text(re.compile(r"^\d+ documentos? encontrados?$"))
    box.fill("cirugia")
    expect(page.locator(".md-search-result__item mark").first).to_have_text("Cirugía")
    box.fill("de la")  # Spanish stop words only: nothing to search for
    expect(meta).to_have_text("No se encontraron documentos")
    box.fill("esteroydez")  # too far for a typo (three letters), near enough to suggest
    expect(meta).to_have_text("No se encontraron documentos. ¿Quiso decir esteroides?")
    scripts = [url.rsplit("/", 2)[-2:] for url in guard.seen if "stemmer" in url]
    assert sorted(scripts) == [["snowball", "base-stemmer.js"], ["snowball", "spanish-stemmer.js"]]
    guard.assert_clean()


@pytest.mark.parametrize("language", ["en", "es"])
def test_search_finds_what_patients_type(guard_factory, site, language):
    """Every query of a language's relevance file (tests/search_relevance.yaml, ..._es.yaml),
    typed into the search box of that language's site (site/, site/es/) opened from file://,
    has its page among the first three results, but for one in twenty at most. The shipped
    content is built in both languages, so neither may be missing."""
    from benchmarks.search import RELEVANCE, hit_rates, language_site, load_queries, run_queries
    from benchmarks.search import open_search as load_index

    where, missing = language_site(site, language)
    assert missing is None, missing
    base = site.as_uri() + "/"
    guard = guard_factory(base)
    page = guard.open(where.as_uri() + "/index.html")
    entries = load_queries(RELEVANCE[language][0])
    load_index(page, entries[0]["query"])
    assert len(entries) >= 40
    top1, top3, missed = hit_rates(entries, run_queries(page, [e["query"] for e in entries]))
    NOTES.append(f"search relevance ({language}): {len(entries)} queries, top-1 {top1:.0%}, "
                 f"top-3 {top3:.0%}")
    assert top3 >= 0.95, f"top-3 {top3:.0%}, top-1 {top1:.0%}; missed: {missed}"
    guard.assert_clean()


def test_the_table_of_contents_marks_the_section_on_screen(guard_factory, http_base):
    guard = guard_factory(http_base)
    page = guard.open(http_base + SEARCH_TARGET)
    toc = page.locator(".md-sidebar--secondary .md-nav--secondary")
    header = page.locator(".md-header")
    expect(toc.locator(".md-nav__link--active")).to_have_count(0)
    expect(header).not_to_have_class(re.compile("md-header--shadow"))
    page.evaluate("document.getElementById('how-it-is-done').scrollIntoView()")
    expect(toc.locator(".md-nav__link--active")).to_have_attribute("href", "#how-it-is-done")
    passed = toc.locator(".md-nav__link--passed").evaluate_all("links => links.map(a => a.hash)")
    assert passed == ["#what-it-is", "#who-it-may-help"], passed
    expect(header).to_have_class(re.compile("md-header--shadow"))
    page.evaluate("window.scrollTo(0, 0)")
    expect(toc.locator(".md-nav__link--active")).to_have_count(0)
    guard.assert_clean()


def test_the_hidden_back_to_top_button_takes_no_focus_and_shows_on_scrolling_up(
        guard_factory, http_base):
    guard = guard_factory(http_base)
    page = guard.open(http_base + "faq.html")
    top = page.locator(".md-top")
    expect(top).to_have_attribute("tabindex", "-1")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    page.mouse.wheel(0, -400)
    expect(top).to_be_visible()
    expect(top).to_have_attribute("tabindex", "0")
    top.click()
    page.wait_for_function("window.scrollY === 0")
    expect(top).to_have_attribute("tabindex", "-1")
    guard.assert_clean()


def test_with_site_storage_blocked_search_and_the_rest_still_work(guard_factory, http_base):
    guard = guard_factory(http_base)
    guard.context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException("
        "'blocked', 'SecurityError'); }});")
    errors: list[str] = []
    page = guard.page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(http_base + "index.html")
    settle(page)
    open_search(page, SEARCH_WORD)  # search starts although the palette cannot read storage
    assert any("blocked" in error for error in errors), errors  # the failure is still reported


# --------------------------------------------------------------------------------------------
# 4. axe: every page type, light and dark, and the search dialog open
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page_type(guard_factory, http_base, page_types, scheme):
    guard = guard_factory(http_base, color_scheme=scheme)
    page = guard.page()
    found = {}
    for name, rel in page_types.items():
        page.goto(http_base + rel)
        settle(page)
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default")
        found[name] = axe_violations(page)
        record(name, page=rel, **{f"axe {scheme}": len(found[name])})
    guard.assert_clean()
    problems = {name: violations for name, violations in found.items() if violations}
    assert not problems, "\n".join(f"{name}:\n{describe(v)}" for name, v in problems.items())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_the_search_dialog_open(guard_factory, http_base, scheme):
    # Light comes from the system setting; dark from the reader pressing the palette toggle.
    guard = guard_factory(http_base, color_scheme="light")
    page = guard.open(http_base + "index.html")
    body = page.locator("body")
    if scheme == "dark":
        page.get_by_title("Switch to dark mode").click()
        expect(body).to_have_attribute("data-md-color-scheme", "slate")
    else:
        expect(body).to_have_attribute("data-md-color-scheme", "default")
    open_search(page, SEARCH_WORD)
    expect(page.locator(".md-search")).to_be_visible()
    page.wait_for_timeout(300)
    violations = axe_violations(page)
    record("search open", **{f"axe {scheme}": len(violations)})
    guard.assert_clean()
    assert not violations, describe(violations)


# --------------------------------------------------------------------------------------------
# 5. Keyboard only through a pathway; landmarks have names
# --------------------------------------------------------------------------------------------

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


def route_through(pathway, depth: int = 3) -> list[tuple[int, str]]:
    """(answer index, next page id) choices: go deeper for `depth` questions, then to an outcome."""
    steps = {step.id: step for step in pathway.steps}
    step, route = steps[pathway.start], []
    while True:
        answers = list(enumerate(step.answers))
        deeper = [(i, a) for i, a in answers if a.next]
        ending = [(i, a) for i, a in answers if a.outcome]
        i, answer = deeper[0] if deeper and (len(route) < depth or not ending) else ending[0]
        route.append((i, answer.next or answer.outcome))
        if answer.outcome:
            return route
        step = steps[answer.next]


def test_keyboard_alone_answers_a_pathway_to_an_outcome(guard_factory, site, content):
    pathway_id, pathway = next(iter(content.pathways.items()))
    route = route_through(pathway)
    assert len(route) >= 3
    base = site.as_uri() + "/"
    guard = guard_factory(base)
    page = guard.open(f"{base}pathway/{pathway_id}/{pathway.start}.html")
    walked, tabs = [pathway.start], []
    for number, (index, target) in enumerate(route):
        if number:
            # Later pages: the skip link first, then straight into the answers
            focus, _ = tab_to(page, lambda f: True, limit=1)
            assert focus["skip"] and focus["visible"], focus
            page.keyboard.press("Enter")
            focus, presses = tab_to(page, lambda f: f["answer"] == 0, limit=10)
        else:
            focus, presses = tab_to(page, lambda f: f["answer"] == 0)
        tabs.append(presses + index)
        assert focus["visible"], f"no visible focus on the first answer: {focus}"
        for _ in range(index):
            page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        assert focus["answer"] == index and focus["visible"], focus
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"/pathway/{re.escape(pathway_id)}/{re.escape(target)}\.html$"))
        settle(page)
        walked.append(target)
    outcome = next(o for o in pathway.outcomes if o.id == route[-1][1])
    expect(page.locator("h1")).to_have_text(outcome.title)
    assert page.locator(".pathway-answers").count() == 0
    for option_id in outcome.options:
        link = page.locator(f"article li a[href='../../options/{option_id}.html']")
        expect(link.first).to_have_text(content.options[option_id].title)
    # ...and the keyboard follows the first option to its page
    focus, _ = tab_to(page, lambda f: f["option"])
    assert focus["visible"], focus
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/options/{re.escape(outcome.options[0])}\.html$"))
    guard.assert_clean()
    NOTES.append(f"keyboard: {' -> '.join(walked)} -> options/{outcome.options[0]}; Tab presses per "
                 f"question {tabs} (after the first, through the skip link)")


LANDMARKS = {"banner", "navigation", "main", "contentinfo", "complementary", "search", "dialog",
             "region"}


def test_every_landmark_has_the_name_it_needs(guard_factory, http_base, page_types):
    guard = guard_factory(http_base)
    page = guard.page()
    cdp = guard.context.new_cdp_session(page)
    for name, rel in page_types.items():
        page.goto(http_base + rel)
        settle(page)
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        found = [(n["role"]["value"], (n.get("name") or {}).get("value", "").strip())
                 for n in nodes if not n.get("ignored") and n.get("role", {}).get("value") in LANDMARKS]
        roles = [role for role, _ in found]
        for single in ("banner", "main", "contentinfo", "search", "dialog"):
            assert roles.count(single) == 1, f"{name}: {roles.count(single)} {single} landmarks"
        # axe: aria-dialog-name, landmark-unique; a named region is the only kind of region
        for role, label in found:
            if role in ("dialog", "navigation", "complementary", "region"):
                assert label, f"{name}: a {role} landmark has no name"
        repeated = {(r, n) for r, n in found if r in ("navigation", "complementary")
                    and found.count((r, n)) > 1}
        assert not repeated, f"{name}: landmarks with the same role and name: {repeated}"
        assert ("dialog", "Search") in found, name
    cdp.detach()
    guard.assert_clean()


# --------------------------------------------------------------------------------------------
# 6. A 360 px wide phone
# --------------------------------------------------------------------------------------------

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth, out = [];
  for (const e of document.querySelectorAll('.md-container *')) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || r.right <= width + 0.5) continue;
    if (!e.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    if (e.closest('.md-typeset__scrollwrap, .pathway-diagram')) continue;  // scroll by design
    out.push(`${e.tagName.toLowerCase()}.${e.className} ends at ${Math.round(r.right)}px`);
  }
  return {scroll: document.scrollingElement.scrollWidth, width, out: out.slice(0, 10)};
}"""

TARGETS = """selector => [...document.querySelectorAll(selector)]
  .filter(e => e.checkVisibility({visibilityProperty: true, opacityProperty: true}))
  .map(e => { const r = e.getBoundingClientRect();
              return {text: e.textContent.trim().slice(0, 40), width: r.width, height: r.height}; })
  .filter(t => t.width > 0)"""


def test_nothing_overflows_a_phone_and_tap_targets_are_big_enough(guard_factory, http_base, page_types):
    guard = guard_factory(http_base, viewport=PHONE)
    page = guard.page()
    measured = 0
    for name, rel in page_types.items():
        page.goto(http_base + rel)
        settle(page)
        sizes = page.evaluate(OVERFLOW)
        assert sizes["width"] == PHONE["width"], name
        assert sizes["scroll"] <= PHONE["width"], f"{name}: page is {sizes['scroll']}px wide"
        assert sizes["out"] == [], f"{name}: beyond the right edge: {sizes['out']}"
        answers = page.evaluate(TARGETS, ".pathway-answers a")
        targets = answers + page.evaluate(TARGETS, ".pathway-nav a, .md-footer__link")
        if name == "step":
            assert len(answers) >= 2 and all(a["height"] >= 44 for a in answers), answers
        if name in ("step", "outcome"):
            assert len(targets) > len(answers), f"{name}: no pathway navigation links measured"
        page.locator("label.md-header__button[for='__drawer']").click()
        expect(page.locator(".md-nav--primary .md-nav__link").first).to_be_in_viewport()
        page.wait_for_timeout(300)  # the drawer slides in
        nav = page.evaluate(TARGETS, ".md-nav--primary .md-nav__link")
        assert len(nav) >= 5, f"{name}: the navigation drawer shows {len(nav)} links"
        targets += nav
        small = [t for t in targets if t["width"] < 24 or t["height"] < 24]
        assert not small, f"{name}: tap targets smaller than 24x24 px: {small}"
        measured += len(targets)
    assert measured > 50
    NOTES.append(f"360px: {len(page_types)} page types fit; {measured} answer/nav tap targets all >= 24x24")
    # With search open, Material folds the header's options away: the language switcher must
    # go with them, or a phone lays the page out wider than its screen and the results lose
    # their first letters.
    phone = guard_factory(http_base, viewport=PHONE, touch=True).page()
    phone.goto(http_base + "index.html")
    settle(phone)
    phone.locator("label.md-header__button[for='__search']").click()
    phone.locator("input.md-search__input").fill("stimulator")
    result = phone.locator(".md-search-result__item").first
    expect(result).to_be_visible()
    phone.wait_for_timeout(600)  # the header's options fold (a 0.25 s transition)
    expect(phone.locator(".ps-language")).to_be_hidden()
    assert phone.evaluate("window.innerWidth") == PHONE["width"], "the page was laid out wider"
    box = result.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    # Control: the check does see content that runs past the edge
    page.evaluate("""() => { const p = document.createElement('p'); p.textContent = 'wide';
                             p.style.width = '600px'; document.querySelector('article').append(p); }""")
    assert page.evaluate(OVERFLOW)["out"], "the overflow check missed a 600px paragraph"
    guard.assert_clean()


# --------------------------------------------------------------------------------------------
# 7. Print
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["option", "faq", "compare"])
def test_printed_pages_name_the_clinic_and_the_review(guard_factory, site, page_types, content, kind):
    base = site.as_uri() + "/"
    guard = guard_factory(base)
    page = guard.open(base + page_types[kind])
    expect(page.locator(".print-header")).to_be_hidden()
    page.emulate_media(media="print")
    header = page.locator(".print-header")
    expect(header).to_be_visible()
    expect(header).to_contain_text(content.site.contact.clinic_name)
    expect(page.locator(".review-dates")).to_be_visible()
    expect(page.locator(".review-dates time").first).to_be_visible()
    expect(page.locator(".urgent-link")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    guard.assert_clean()


# --------------------------------------------------------------------------------------------
# 9. Colours and tooltips, styled by the trimmed Material stylesheets (generator/slim.py)
# --------------------------------------------------------------------------------------------

COLOURS = """() => {
  const rgb = v => v.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const s = getComputedStyle(document.body);
  return {background: rgb(s.backgroundColor), text: rgb(getComputedStyle(
    document.querySelector('.md-typeset p')).color)};
}"""


def brightness(rgb: list[float]) -> float:
    return sum(rgb) / 3


def test_colours_follow_the_system_setting_until_the_reader_picks_one(guard_factory, http_base):
    for scheme in ("light", "dark"):
        guard = guard_factory(http_base, color_scheme=scheme)
        page = guard.open(http_base + "faq.html")
        colours = page.evaluate(COLOURS)
        if scheme == "dark":
            assert brightness(colours["background"]) < 60 < 150 < brightness(colours["text"]), colours
            page.get_by_title("Switch to light mode").click()
            page.reload()
            settle(page)
            colours = page.evaluate(COLOURS)  # the reader's choice outlasts the page
        assert brightness(colours["background"]) > 240 > 100 > brightness(colours["text"]), colours
        guard.assert_clean()


def test_a_glossary_word_shows_its_tooltip(guard_factory, http_base):
    guard = guard_factory(http_base)
    page = guard.open(http_base + SEARCH_TARGET)
    word = page.locator("article abbr").first  # loses its title while shown
    meaning = word.get_attribute("title")
    assert meaning
    tooltip = page.get_by_role("tooltip")
    expect(tooltip).to_be_hidden()
    word.hover()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(meaning)
    assert tooltip.evaluate("e => getComputedStyle(e).position") == "absolute"
    expect(word).to_have_attribute("aria-describedby", "__glossary_tip")
    below = word.bounding_box()["y"] + word.bounding_box()["height"]
    assert 0 <= tooltip.bounding_box()["y"] - below <= 12, "the meaning shows just below the word"
    box = tooltip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_timeout(500)
    expect(tooltip).to_be_visible()  # the pointer can move onto the meaning to read it
    page.mouse.move(5, 400)
    expect(tooltip).to_be_hidden()
    expect(word).to_have_attribute("title", meaning)  # put back for screen readers

    phone_guard = guard_factory(http_base, viewport=PHONE, touch=True)
    phone = phone_guard.open(http_base + SEARCH_TARGET)
    phone.locator("article abbr[title]").first.tap()
    expect(phone.get_by_role("tooltip")).to_have_text(meaning)
    phone.locator("article h1").tap()
    expect(phone.get_by_role("tooltip")).to_be_hidden()
    guard.assert_clean()
    phone_guard.assert_clean()


# --------------------------------------------------------------------------------------------
# 10. A clinic's own colours, logo and page: still no axe violation, light and dark
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def branded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content with a clinic's name, numbers, colours, logo and own page: edits
    of content/ only."""
    from click.testing import CliRunner

    from generator.cli import main

    from .conftest import ROOT, make_project
    from .test_brand import CLINIC_PAGE, LOGO, REBRAND

    project = make_project(tmp_path_factory.mktemp("branded") / "clinic", ROOT / "content",
                           handouts=False)
    content = project / "content"
    (content / "brand").mkdir()
    (content / "brand" / "logo.svg").write_text(LOGO)
    settings = content / "site.yaml"
    text = settings.read_text()
    text = (text.replace("clinic_name: Your clinic", "clinic_name: Riverside Spine Clinic")
            .replace("phone: your clinic's main number", 'phone: "+1 555 010 0000"')
            .replace("urgent_phone: your clinic's nurse line", 'urgent_phone: "+1 555 010 0001"'))
    text = re.sub(r"\nbrand:\n(?:  .*\n|  #.*\n)*", "\n", text)
    settings.write_text(text + REBRAND.replace("search_engines: noindex\n", ""))
    (content / "pages").mkdir()
    (content / "pages" / "parking.yaml").write_text(CLINIC_PAGE)
    # The Spanish site: the clinic's own numbers (its placeholder words removed, as the
    # check asks), and the page translated, starting from what `translate` writes.
    spanish = content / "es" / "site.yaml"
    spanish.write_text(re.sub(r"\ncontact:\n(?:  .*\n)*", "\n", spanish.read_text()))
    assert CliRunner().invoke(main, ["translate", "es", "--project", str(project)]).exit_code == 0
    page = content / "es" / "pages" / "parking.yaml"
    words = yaml.safe_load(page.read_text())
    page.write_text(yaml.safe_dump({
        "translated_from": words["translated_from"],
        "title": "Estacionamiento y cómo llegar",
        "summary": "Dónde estacionarse cuando venga a la clínica.",
        "body": "Estaciónese en el lote grande junto a la puerta principal. Es gratis para los "
                "pacientes.\n\n- Pida un pase en la recepción.\n- Vea la [página Sobre este "
                "sitio](page:about) para ver nuestros teléfonos.\n"}, allow_unicode=True))
    result = CliRunner().invoke(main, ["build", "--no-handouts", "--project", str(project)])
    assert result.exit_code == 0, result.output
    return project / "site"


@pytest.fixture(scope="session")
def branded_base(branded_site: Path):
    """The branded site served from 127.0.0.1 (axe reads stylesheets, which file:// refuses)."""
    yield from served(branded_site)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_the_clinics_colours(guard_factory, branded_base, scheme):
    base = branded_base
    guard = guard_factory(base, color_scheme=scheme)
    page = guard.page()
    found = {}
    for rel in ("index.html", "options/radiofrequency-ablation.html", "faq.html", "about.html",
                "pages/parking.html", "pathway/index.html", "es/index.html",
                "es/pages/parking.html"):
        page.goto(base + rel)
        settle(page)
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default")
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header'))"
                               ".backgroundColor")
        assert header == "rgb(11, 110, 79)", header  # the clinic's primary colour
        expect(page.locator(".md-header img[src$='brand/logo.svg']")).to_be_visible()
        expect(page.locator(".md-footer")).to_contain_text("Riverside Spine Clinic")
        expect(page.locator(".md-footer a[href='tel:+15550100000']")).to_be_visible()
        found[rel] = axe_violations(page)
    record("branded", page="6 pages", **{f"axe {scheme}": sum(map(len, found.values()))})
    guard.assert_clean()
    problems = {rel: violations for rel, violations in found.items() if violations}
    assert not problems, "\n".join(f"{rel}:\n{describe(v)}" for rel, v in problems.items())


def test_the_404_page_works_from_file(guard_factory, site):
    """Without a site address, the 404 page's links are relative: opened from the folder (a
    USB stick, a kiosk), its styles load and its links lead into the site."""
    base = site.as_uri() + "/"
    guard = guard_factory(base)
    page = guard.open(base + "404.html")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") \
        == "sticky"
    home = page.locator(".md-header a.md-logo")
    assert home.get_attribute("href") == "index.html"
    home.click()
    page.wait_for_url(base + "index.html")
    guard.assert_clean()


# 10. Tools that help a patient decide (content/tools.yaml, assets/javascripts/tools.js)
# --------------------------------------------------------------------------------------------

PAPER = ("A4", "Letter")
STORED = "() => localStorage.length + sessionStorage.length + document.cookie.length"


def pdf_pages(page: Page, paper: str) -> int:
    """Pages of the page printed to PDF: Chromium writes one `/Type /Page` object each."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", page.pdf(format=paper)))


def test_marking_what_matters_by_keyboard_shows_the_options_that_line_up(
        guard_factory, site, content):
    base = site.as_uri() + "/"
    guard = guard_factory(base)
    page = guard.open(base + "tools/what-matters.html")
    values = content.tools.values
    results = page.locator(".values-results-list")
    expect(results).to_have_text(values.results_empty)
    first, second = values.statements[0], values.statements[1]
    # keyboard: from the text above the form, Tab reaches the first statement's answers
    page.locator(".tool-privacy").first.click()
    tab_to(page, lambda focus: page.evaluate(
        "document.activeElement.name") == first.id, limit=20)
    page.keyboard.press("Space")
    expect(page.locator(f"input[name='{first.id}'][value='2']")).to_be_checked()
    page.get_by_role("group", name=second.text).get_by_label(values.scale[1]).check()
    for option_id in first.favours:
        item = results.locator("li", has=page.get_by_role(
            "link", name=content.options[option_id].title, exact=True))
        expect(item).to_contain_text(f"{values.favours_label}: {values.results_you_marked} "
                                     f"\u201c{first.text.rstrip('.')}\u201d ({values.results_matters[0]})")
    for option_id in second.counts_against:
        item = results.locator("li", has=page.get_by_role(
            "link", name=content.options[option_id].title, exact=True))
        expect(item).to_contain_text(f"{values.against_label}: ")
        expect(item).to_contain_text(f"({values.results_matters[1]})")
    # never a recommendation, and it says so; nothing is kept
    expect(page.locator(".not-a-recommendation")).to_be_visible()
    expect(page.locator(".tool-privacy").first).to_be_visible()
    assert page.evaluate(STORED) == 0
    # "does not matter" takes a statement out again
    page.get_by_role("group", name=first.text).get_by_label(values.scale[2]).check()
    page.get_by_role("group", name=second.text).get_by_label(values.scale[2]).check()
    expect(results).to_have_text(values.results_empty)
    for paper in PAPER:
        assert pdf_pages(page, paper) <= 2, paper
    guard.assert_clean()


def test_an_option_page_opens_its_questions_ticked_and_only_ticked_ones_print(
        guard_factory, site, content):
    base = site.as_uri() + "/"
    guard = guard_factory(base)
    page = guard.open(base + SEARCH_TARGET)
    page.get_by_role("link", name=re.compile("Tick these questions")).click()
    page.wait_for_url(re.compile(r"my-questions\.html\?option=radiofrequency-ablation$"))
    settle(page)
    option = content.options["radiofrequency-ablation"]
    group = page.locator("fieldset[data-option='radiofrequency-ablation'] input")
    expect(group).to_have_count(len(option.questions_to_ask))
    for i in range(len(option.questions_to_ask)):
        expect(group.nth(i)).to_be_checked()
    checked = page.locator("#questions-form input:checked")
    expect(checked).to_have_count(len(option.questions_to_ask))
    # tick one common question too, by keyboard
    faq = content.faqs.questions[0]
    box = page.get_by_label(faq.question)
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    expect(page.locator(".questions-count")).to_have_text(
        f"{content.tools.questions.shown_label}: {len(option.questions_to_ask) + 1}")
    page.emulate_media(media="print")
    printed = page.locator(".question:visible")
    expect(printed).to_have_count(len(option.questions_to_ask) + 1)
    for question in (*option.questions_to_ask, faq.question):
        expect(page.locator(".question", has_text=question).first).to_be_visible()
    expect(page.locator(".question", has_text=content.faqs.questions[1].question)).to_be_hidden()
    expect(page.locator(".answer-space:visible")).to_have_count(len(option.questions_to_ask) + 1)
    expect(page.get_by_role("heading", name=content.tools.questions.title)).to_be_visible()
    expect(page.locator(".print-header")).to_be_visible()
    for paper in PAPER:
        assert pdf_pages(page, paper) <= 2, paper
    assert page.evaluate(STORED) == 0
    guard.assert_clean()


@pytest.mark.parametrize("tool", ["pain-diary", "block-log", "appointment", "what-matters"])
def test_each_printable_tool_fits_one_or_two_pages(guard_factory, site, tool):
    base = site.as_uri() + "/"
    guard = guard_factory(base)
    for language in ("", "es/"):  # Spanish runs longer
        page = guard.open(base + f"{language}tools/{tool}.html")
        expect(page.locator(".tool-print")).to_be_visible()
        pages = {paper: pdf_pages(page, paper) for paper in PAPER}
        assert all(1 <= n <= 2 for n in pages.values()), (language, pages)
        NOTES.append(f"{language}tools/{tool}.html prints on {pages} pages")
    guard.assert_clean()


def test_the_block_log_works_out_relief_from_the_pain_before_the_block(guard_factory, site):
    base = site.as_uri() + "/"
    guard = guard_factory(base)
    page = guard.open(base + "tools/block-log.html")
    pains = page.locator("input.block-pain")
    pains.nth(0).fill("8")
    pains.nth(1).fill("2")
    pains.nth(2).fill("8")
    pains.nth(3).fill("9")
    relief = page.locator("output.block-relief")
    expect(relief.nth(0)).to_have_text("")  # the pain before: no relief to work out
    expect(relief.nth(1)).to_have_text("75%")
    expect(relief.nth(2)).to_have_text("0%")
    expect(relief.nth(3)).to_have_text("Worse than before the block")  # not "-13%"
    expect(relief.nth(4)).to_have_text("")
    pains.nth(4).fill("12")  # past the scale: said where it is typed, and no relief
    expect(relief.nth(4)).to_have_text("Type a whole number from 0 to 10")
    expect(pains.nth(4)).to_have_attribute("aria-invalid", "true")
    pains.nth(0).fill("80")  # the pain before the block: no relief anywhere until it is mended
    expect(relief.nth(0)).to_have_text("Type a whole number from 0 to 10")
    expect(relief.nth(1)).to_have_text("")
    pains.nth(0).fill("8")
    expect(relief.nth(1)).to_have_text("75%")
    expect(pains.nth(0)).to_have_attribute("aria-invalid", "false")
    expect(page.locator(".block-threshold")).to_contain_text("70%")
    assert page.evaluate(STORED) == 0
    guard.assert_clean()


def test_without_javascript_every_tool_is_a_form_that_prints_whole(browser, site, content):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    try:
        page = context.new_page()
        base = site.as_uri() + "/"
        page.goto(base + "tools/my-questions.html?option=radiofrequency-ablation")
        total = sum(len(o.questions_to_ask) for o in content.options.values()) + len(
            content.faqs.questions)
        boxes = page.locator("#questions-form input[type=checkbox]")
        expect(boxes).to_have_count(total)
        expect(page.locator("#questions-form input:checked")).to_have_count(0)
        page.get_by_label(content.faqs.questions[0].question).check()  # a form still
        page.emulate_media(media="print")
        expect(page.locator(".question:visible")).to_have_count(total)  # all print
        expect(page.locator(".answer-space:visible")).to_have_count(total)
        assert pdf_pages(page, "A4") > 2  # every question, with room for its answer
        page = context.new_page()  # back to screen media (and pdf() then prints with print CSS)
        page.goto(base + "tools/what-matters.html")
        values = content.tools.values
        statement = page.get_by_role("group", name=values.statements[0].text)
        statement.get_by_label(values.scale[0]).check()
        expect(statement.get_by_label(values.scale[0])).to_be_checked()
        expect(statement.locator(".value-favours")).to_contain_text(values.favours_label)
        expect(page.locator(".values-results-list")).to_have_text(values.results_empty)
        expect(page.locator(".tool-print")).to_have_count(0)
        for tool in ("pain-diary", "block-log", "appointment", "what-matters"):
            page.goto(base + f"tools/{tool}.html")
            expect(page.locator(".tool-privacy")).to_be_visible()
            for paper in PAPER:
                assert 1 <= pdf_pages(page, paper) <= 2, (tool, paper)
        assert context.cookies() == []
    finally:
        context.close()


def test_home_and_pathway_results_reach_the_values_tool_and_options_say_when_no_figures_exist(
        guard_factory, site, page_types):
    base = site.as_uri() + "/"
    guard = guard_factory(base)
    for kind in ("home", "outcome"):
        page = guard.open(base + page_types[kind])
        page.get_by_role("link", name=re.compile("What matters to me|what matters most")).first.click()
        page.wait_for_url(re.compile(r"tools/what-matters\.html$"))
        page.close()
    page = guard.open(base + SEARCH_TARGET)
    expect(page.get_by_text("No reliable figures are known.")).to_be_visible()
    expect(page.locator("svg.icon-array")).to_have_count(0)
    guard.assert_clean()



# --------------------------------------------------------------------------------------------
# 11. The Spanish site: accessible in light and dark, and each page reaches its pair
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_spanish_page_type(guard_factory, http_base, page_types,
                                                    translations, scheme):
    assert "es" in translations, "the shipped content is built in Spanish"
    guard = guard_factory(http_base, color_scheme=scheme)
    page = guard.page()
    found = {}
    for name, rel in page_types.items():
        page.goto(http_base + "es/" + rel)
        settle(page)
        expect(page.locator("html")).to_have_attribute("lang", "es")
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default")
        found[name] = axe_violations(page)
        record(f"es {name}", page="es/" + rel, **{f"axe {scheme}": len(found[name])})
    guard.assert_clean()
    problems = {name: violations for name, violations in found.items() if violations}
    assert not problems, "\n".join(f"{name}:\n{describe(v)}" for name, v in problems.items())


def test_the_language_switcher_leads_to_the_same_page_and_back_from_file(guard_factory, site,
                                                                          page_types):
    base = site.as_uri() + "/"
    guard = guard_factory(base, viewport=PHONE)
    for rel in (page_types["option"], page_types["step"], "index.html"):
        page = guard.open(base + rel)
        switch = page.get_by_role("link", name="Español", exact=True)
        expect(switch).to_be_visible()
        expect(switch).to_have_attribute("lang", "es")
        switch.click()
        page.wait_for_url(base + "es/" + rel)
        expect(page.locator("html")).to_have_attribute("lang", "es")
        page.get_by_role("link", name="English", exact=True).click()
        page.wait_for_url(base + rel)
        page.close()
    guard.assert_clean()
