"""The decision pathway as a patient uses it: plain links in the built HTML, start to outcome."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.content.validate import load_content


class Links(HTMLParser):
    """Hrefs inside one <nav class="..."> of a page, and whether the page has given markers."""

    def __init__(self, nav_class: str):
        super().__init__()
        self.nav_class, self.depth, self.hrefs = nav_class, 0, []
        self.svg_roles: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "nav" and self.nav_class in (attributes.get("class") or "").split():
            self.depth = 1
        elif tag == "nav" and self.depth:
            self.depth += 1
        if tag == "a" and self.depth:
            self.hrefs.append(attributes["href"])
        if tag == "svg":
            self.svg_roles.append(attributes.get("role"))

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1


def links_in(page: Path, nav_class: str) -> list[str]:
    parser = Links(nav_class)
    parser.feed(page.read_text())
    return parser.hrefs


def walk(site: Path, start: str) -> tuple[set[str], set[str]]:
    """Follow every answer link from `start`; return (question pages, outcome pages)."""
    questions, outcomes, queue = set(), set(), [start]
    while queue:
        page = queue.pop()
        if page in questions or page in outcomes:
            continue
        assert (site / page).is_file(), f"broken link to {page}"
        answers = links_in(site / page, "pathway-answers")
        if answers:
            questions.add(page)
            queue += [posixpath.normpath(posixpath.join(posixpath.dirname(page), a))
                      for a in answers]
        else:
            outcomes.add(page)
    return questions, outcomes


@pytest.mark.parametrize("which", ["built_project", "built_shipped_project"])
def test_every_answer_link_leads_to_an_outcome_with_working_option_links(which, request):
    project = request.getfixturevalue(which)
    content = load_content(project).content
    site = project / "site"
    for pathway_id, pathway in content.pathways.items():
        start = f"pathway/{pathway_id}/{pathway.start}.html"
        questions, outcomes = walk(site, start)
        assert len(questions) == len(pathway.steps)
        assert {Path(p).stem for p in outcomes} == {o.id for o in pathway.outcomes}
        for page in questions | outcomes:
            moves = links_in(site / page, "pathway-nav")
            assert f"../{pathway_id}.html" in moves, f"{page} has no link to the whole guide"
            if page != start:
                assert f"{pathway.start}.html" in moves, f"{page} has no start-again link"
            for href in moves:
                assert (site / posixpath.dirname(page) / href.split("#")[0]).resolve().is_file()
        for page in outcomes:
            text = (site / page).read_text()
            outcome = next(o for o in pathway.outcomes if o.id == Path(page).stem)
            for option_id in outcome.options:
                assert f'href="../../options/{option_id}.html"' in text
                assert (site / "options" / f"{option_id}.html").is_file()


def test_overview_has_an_inline_svg_diagram_and_a_text_alternative(built_project):
    site = built_project / "site"
    page = (site / "pathway" / "tiny.html").read_text()
    parser = Links("none")
    parser.feed(page)
    assert parser.svg_roles.count("img") == 1
    assert '<title id="pathway-tiny-title">' in page
    assert "The same guide in words" in page
    for question in ["Have you had the test?", "Did the test help?"]:
        assert question in page.split('id="the-same-guide-in-words"')[1]
    assert "<script" not in page.split('class="pathway-diagram"')[1].split("</svg>")[0]


def test_option_pages_say_where_they_sit_in_the_pathway_and_tables(built_project):
    site = built_project / "site"
    page = (site / "options" / "another-one.html").read_text()
    assert 'href="../pathway/tiny/try-another.html"' in page
    assert 'href="../compare.html#both"' in page
