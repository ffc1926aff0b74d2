"""Reading the site: the table of contents, back to top, a 360 px wide phone, colours that
follow light and dark, and glossary tooltips."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .kit import NOTES, PHONE, SEARCH_TARGET, STILL, settle


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
        page.wait_for_function(STILL)  # the drawer has slid in
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



COLOURS = """() => {
  const rgb = v => v.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const s = getComputedStyle(document.body);
  return {background: rgb(s.backgroundColor), text: rgb(getComputedStyle(
    document.querySelector('.md-typeset p')).color)};
}"""


def brightness(rgb: list[float]) -> float:
    return sum(rgb) / 3


def light(colours: dict[str, list[float]]) -> bool:
    return brightness(colours["background"]) > 240 > 100 > brightness(colours["text"])


def dark(colours: dict[str, list[float]]) -> bool:
    return brightness(colours["background"]) < 60 < 150 < brightness(colours["text"])


def test_colours_follow_the_system_setting_until_the_reader_picks_one(guard_factory, http_base):
    night = guard_factory(http_base, color_scheme="dark")
    assert dark(colours := night.open(http_base + "faq.html").evaluate(COLOURS)), colours
    night.assert_clean()
    guard = guard_factory(http_base, color_scheme="light")
    page = guard.open(http_base + "faq.html")
    assert light(colours := page.evaluate(COLOURS)), colours
    page.emulate_media(color_scheme="dark")  # the system turns dark: the open page follows
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.wait_for_function(STILL)
    assert dark(colours := page.evaluate(COLOURS)), colours
    page.get_by_title("Switch to light mode").click()  # the reader picks light...
    page.reload()
    settle(page)
    assert light(colours := page.evaluate(COLOURS)), colours  # ...which outlasts the page
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")  # ...and the system's next turn to dark
    page.wait_for_timeout(300)
    assert light(colours := page.evaluate(COLOURS)), colours
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


