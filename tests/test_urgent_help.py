"""Urgent help on every page: each level is announced by its urgency, and phones call with a tap."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main


def built_pages(project: Path) -> dict[str, str]:
    result = CliRunner().invoke(main, ["build", "--project", str(project)])
    assert result.exit_code == 0, result.output
    return site_pages(project / "site")


def site_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in site.rglob("*.html") if p.name != "404.html"}


def test_every_page_has_each_urgency_level_with_its_spoken_prefix(project: Path) -> None:
    for path, html in built_pages(project).items():
        assert re.search(r'<h3 id="urgency-emergency"><span class="visually-hidden">Emergency: '
                         r"</span>Call <a href=\"tel:911\">911</a> now</h3>", html), path
        assert ('<h3 id="urgency-soon"><span class="visually-hidden">Non-urgent: </span>'
                "Call us soon</h3>") in html, path


def test_phone_numbers_are_tel_links(project: Path) -> None:
    pages = built_pages(project)
    for path, html in pages.items():
        assert 'Call <a href="tel:5550100">555-0100</a>.' in html, path
    assert 'Phone: <a href="tel:5550100">555-0100</a>' in pages["about.html"]


def test_a_placeholder_with_no_digits_stays_text(built_shipped_project: Path) -> None:
    html = site_pages(built_shipped_project / "site")["index.html"]
    assert "your clinic's nurse line" in html.replace("&#39;", "'").replace("’", "'")
    assert 'href="tel:"' not in html


def test_the_crisis_line_follows_the_country_and_publishing_wants_one(project: Path) -> None:
    site = project / "content" / "site.yaml"
    text = site.read_text().replace("action: Call {phone}.", "action: Call {crisis_number}.")
    site.write_text(text.replace("contact:\n", "contact:\n  country: UK\n"))
    html = built_pages(project)["faq.html"]
    assert 'Call <a href="tel:116123">116 123</a>.' in html
    site.write_text(text.replace("contact:\n", "contact:\n  country: EU\n"))
    assert "Call your local crisis line." in built_pages(project)["faq.html"]
    result = CliRunner().invoke(main, ["check", "--publish", "--project", str(project)])
    assert result.exit_code == 1
    assert "'crisis_number' is still a placeholder ('not set; EU countries differ')" in result.output


def test_any_text_may_name_the_emergency_number_of_the_clinics_country(project: Path) -> None:
    option = project / "content" / "options" / "test-one.yaml"
    option.write_text(option.read_text().replace(
        "  - It can hurt for a day.",
        "  - It can hurt for a day. If you faint, someone should call {emergency_number}."))
    site = project / "content" / "site.yaml"
    site.write_text(site.read_text().replace("contact:\n", "contact:\n  country: UK\n"))
    html = built_pages(project)["options/test-one.html"]
    assert 'If you faint, someone should call <a href="tel:999">999</a>.' in html
    assert "{emergency_number}" not in html
    from .test_handouts import text

    text = text(project / "site" / "handouts" / "options" / "test-one.pdf")
    assert "someone should call 999." in text and "{emergency" not in text
