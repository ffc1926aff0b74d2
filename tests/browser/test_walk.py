"""Every page opened from the site folder (file://, as on a kiosk or a USB stick): nothing asked
of anything outside the folder, no Content-Security-Policy violation, and what each page says
of itself. The keyboard alone through a pathway, printed pages, the 404 page and the
language switcher, from the folder too."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Error, expect

from .kit import FOCUS, NOTES, PAGE_FACTS, PHONE, SETTLE_MS, Guard, assert_clean, settle, tab_to

WALK_TABS = 6
"""Pages the walk of every page loads side by side, so that they settle at the same time."""


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
        return {"facts": facts, "seen": list(guard.seen), **guard.snapshot()}
    finally:
        guard.close()


def test_every_page_from_file_asks_for_nothing_outside_the_site(file_walk, html_pages):
    facts = file_walk["facts"]
    assert len(facts) == len([p for p in html_pages if not p.endswith("404.html")])
    assert any(p.startswith("es/") for p in facts), "the Spanish pages are walked too"
    assert_clean(file_walk)
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
