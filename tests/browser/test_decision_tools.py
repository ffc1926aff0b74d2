"""The tools that help a patient decide (content/tools.yaml, assets/javascripts/tools.js):
marking what matters, ticking questions, printing, and all of it without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .kit import DESKTOP, NOTES, SEARCH_TARGET, settle, tab_to

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



