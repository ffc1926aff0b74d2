"""Each page type, served from 127.0.0.1, in each language: nothing asked of another server, no
cookie, named landmarks, and nothing for axe-core to find in light or in dark. Each page is
opened once and checked in the scheme it opened in, then in the other one after the system's
setting changes (English pages open light, Spanish ones dark). The search dialog, open, in
light and dark too."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from playwright.sync_api import Browser, CDPSession, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .kit import (
    PAGE_FACTS,
    SEARCH_WORD,
    STILL,
    Guard,
    assert_clean,
    axe_violations,
    describe,
    open_search,
    record,
    settle,
)

LANGUAGES = {"en": "", "es": "es/"}  # language -> the folder its pages are in
SEARCH_NAME = {"en": "Search", "es": "Buscar"}  # the search dialog's name, as a screen reader says it
LANDMARKS = {"banner", "navigation", "main", "contentinfo", "complementary", "search", "dialog",
             "region"}
SHOWN = {"light": "default", "dark": "slate"}  # the system's setting -> Material's scheme shown
SHOWS = {scheme: f"() => document.body.dataset.mdColorScheme === '{shown}'"
         for scheme, shown in SHOWN.items()}
FIRST = {"en": "light", "es": "dark"}  # the setting each language's pages are opened in


def landmarks(cdp: CDPSession) -> list[tuple[str, str]]:
    """(role, name) of each landmark in the page's accessibility tree, as assistive technology
    reads it."""
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    return [(n["role"]["value"], (n.get("name") or {}).get("value", "").strip())
            for n in nodes if not n.get("ignored") and n.get("role", {}).get("value") in LANDMARKS]


def scheme_and_axe(page: Page) -> tuple[str | None, list[dict[str, Any]]]:
    """The colour scheme the page shows, and what axe finds in it."""
    return page.get_attribute("body", "data-md-color-scheme"), axe_violations(page)


def visit(browser: Browser, base: str, pages: dict[str, str], first: str) -> dict[str, Any]:
    """Opens each page once, with the system set to `first` (light or dark): what the page says
    of itself, the requests it made, its landmarks and axe's findings. Then the system turns to
    the other setting, as a phone does at dusk or dawn; the page follows it without reloading,
    and axe looks again."""
    then = "dark" if first == "light" else "light"
    guard = Guard(browser, base)
    seen: dict[str, dict[str, Any]] = {}
    try:
        page = guard.page()
        cdp = guard.context.new_cdp_session(page)
        for name, rel in pages.items():
            before = len(guard.seen)
            page.emulate_media(color_scheme=first)
            response = page.goto(base + rel)
            settle(page)
            found = {first: scheme_and_axe(page)}
            page.emulate_media(color_scheme=then)
            with contextlib.suppress(PlaywrightTimeout):  # the test names the scheme it stayed in
                page.wait_for_function(SHOWS[then], timeout=5_000)
            page.wait_for_function(STILL)
            found[then] = scheme_and_axe(page)
            seen[name] = {"page": rel, "ok": response is not None and response.ok,
                          "facts": page.evaluate(PAGE_FACTS), "landmarks": landmarks(cdp),
                          "scheme": {scheme: shown for scheme, (shown, _) in found.items()},
                          "axe": {scheme: axe for scheme, (_, axe) in found.items()},
                          "requests": guard.seen[before:]}
        cdp.detach()
        return {"pages": seen, **guard.snapshot()}
    finally:
        guard.close()


@pytest.fixture(scope="module")
def visits(browser, http_base, page_types, translations) -> dict[str, dict[str, Any]]:
    """Every page type and the 404 page of each language, each visited once (see `visit`):
    English pages open light and turn dark, Spanish ones open dark and turn light, so every
    page type is both opened and switched to in each scheme."""
    assert "es" in translations, "the shipped content is built in Spanish"
    return {language: visit(browser, http_base,
                            {name: folder + rel for name, rel in {**page_types, "404": "404.html"}.items()},
                            FIRST[language])
            for language, folder in LANGUAGES.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_served_asks_only_its_own_server_and_sets_no_cookie(
        visits, http_base, language):
    seen = visits[language]
    for name, found in seen["pages"].items():
        rel, fact = found["page"], found["facts"]
        assert found["ok"], f"{rel}: not served"
        assert fact["cookie"] == "", rel
        assert fact["csp"] == [], f"{rel}: CSP violations {fact['csp']}"
        assert fact["lang"] == language and len(fact["descriptions"]) == 1, rel
        outside = [url for url in found["requests"] if not url.startswith(http_base)]
        record(f"{language} {name}", page=rel, requests=len(found["requests"]),
               outside=len(outside))
        assert outside == [], f"{rel}: requests outside {http_base}: {outside}"
        assert any(url.endswith("/site.js") for url in found["requests"]), rel  # really watched
    assert_clean(seen)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_on_any_page_type(visits, language, scheme):
    problems = {}
    for name, found in visits[language]["pages"].items():
        assert found["scheme"][scheme] == SHOWN[scheme], (
            f"{found['page']}: the page did not follow the system's {scheme} setting")
        record(f"{language} {name}", page=found["page"],
               **{f"axe {scheme}": len(found["axe"][scheme])})
        if found["axe"][scheme]:
            problems[found["page"]] = found["axe"][scheme]
    assert not problems, "\n".join(f"{rel}:\n{describe(v)}" for rel, v in problems.items())
    assert_clean(visits[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_landmark_has_the_name_it_needs(visits, language):
    for name, found in visits[language]["pages"].items():
        landmarks_found = found["landmarks"]
        roles = [role for role, _ in landmarks_found]
        for single in ("banner", "main", "contentinfo", "search", "dialog"):
            assert roles.count(single) == 1, f"{name}: {roles.count(single)} {single} landmarks"
        # axe: aria-dialog-name, landmark-unique; a named region is the only kind of region
        for role, label in landmarks_found:
            if role in ("dialog", "navigation", "complementary", "region"):
                assert label, f"{name}: a {role} landmark has no name"
        repeated = {(r, n) for r, n in landmarks_found if r in ("navigation", "complementary")
                    and landmarks_found.count((r, n)) > 1}
        assert not repeated, f"{name}: landmarks with the same role and name: {repeated}"
        assert ("dialog", SEARCH_NAME[language]) in landmarks_found, name
    assert_clean(visits[language])


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


def test_axe_sees_colours_that_fail_only_in_the_dark(guard_factory, http_base: str):
    """Control: after the system turns dark, axe measures the dark colours. Grey text passes on
    the light page and fails on the dark one."""
    guard = guard_factory(http_base, color_scheme="light")
    page = guard.open(http_base + "faq.html")
    page.evaluate("""() => { const p = document.createElement('p'); p.textContent = 'grey text';
                             p.style.color = '#555'; document.querySelector('article').append(p); }""")
    contrast = "() => axe.run({runOnly: ['color-contrast']}).then(r => r.violations.length)"
    axe_violations(page)  # adds axe to the page
    assert page.evaluate(contrast) == 0
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(SHOWS["dark"])
    page.wait_for_function(STILL)
    assert page.evaluate(contrast) == 1
    guard.assert_clean()
