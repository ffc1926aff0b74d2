"""Search from file:// and over http: a word finds its option, by keyboard, other forms of a
word, Spanish, what patients type, and with the site's storage blocked."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..conftest import ROOT
from .kit import NOTES, SEARCH_TARGET, SEARCH_WORD, open_search, settle


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
    shutil.copytree(ROOT / "overrides" / "assets" / "javascripts" / "snowball",
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


