"""Golden files for every page type, and the rules templates follow."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.content.validate import load_content
from generator.render.environment import locate
from generator.render.render import render_site

from .conftest import FIXTURES

GOLDEN = Path(__file__).parent / "golden" / "minimal"
PAGES = ["index.md", "options/test-one.md", "options/another-one.md", "faq.md", "tips.md",
         "glossary.md", "about.md", "compare.md", "pathway/index.md", "pathway/tiny.md",
         "pathway/tiny/had-test.md", "pathway/tiny/did-it-help.md", "pathway/tiny/get-tested.md",
         "pathway/tiny/try-another.md"]


@pytest.fixture(scope="module")
def rendered():
    project = FIXTURES / "minimal"
    return render_site(load_content(project).content, project)


@pytest.mark.parametrize("page_path", PAGES)
def test_page_matches_golden_file(rendered, page_path):
    page = next(p for p in rendered.pages if p.path == page_path)
    golden = GOLDEN / page_path
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(page.markdown, encoding="utf-8")
    assert page.markdown == golden.read_text(encoding="utf-8")


def test_every_page_type_is_covered_by_a_golden_file(rendered):
    assert sorted(p.path for p in rendered.pages) == sorted(PAGES)


def test_navigation_lists_options_by_category(rendered):
    nav = rendered.config["nav"]
    assert nav[0] == {"Home": "index.md"}
    assert nav[1] == {"Step-by-step guide": ["pathway/index.md", {"A tiny guide": "pathway/tiny.md"}]}
    assert nav[2] == {"Your options": [
        {"Tests": [{"Test one": "options/test-one.md"}]},
        {"Experimental injections": [{"Another one": "options/another-one.md"}]},
    ]}


def test_generated_config_carries_site_and_clinic_settings(rendered):
    config = rendered.config
    assert config["site_name"] == "Test site"
    assert config["extra"]["clinic"]["clinic_name"] == "Test Clinic"
    assert config["theme"] == {"language": "en"}


def test_experimental_options_are_labelled(rendered):
    page = next(p for p in rendered.pages if p.path == "options/another-one.md")
    assert '!!! warning "This is experimental"' in page.markdown
    # ...and wherever a pathway lists it by name: its result page, and the overview's
    # flowchart and guide in words.
    result = next(p for p in rendered.pages if p.path == "pathway/tiny/try-another.md").markdown
    overview = next(p for p in rendered.pages if p.path == "pathway/tiny.md").markdown
    assert "[Another one (experimental)](../../options/another-one.md)" in result
    assert "[Another one (experimental)](../options/another-one.md)" in overview
    assert "(experimental)</text>" in overview.split("</svg>")[0]  # wrapped in its box
    assert "Test one (" not in overview


def test_text_from_content_is_escaped_in_html_contexts(tmp_path):
    from .conftest import make_project

    project = make_project(tmp_path)
    site = project / "content" / "site.yaml"
    site.write_text(site.read_text().replace("title: When to get help",
                                             'title: "Help & advice \\"now\\""'))
    page = render_site(load_content(project).content, project).pages[0]
    assert '<h2 id="urgent-help-title">Help &amp; advice &#34;now&#34;</h2>' in page.markdown


def test_overrides_folder_replaces_a_page_template(tmp_path):
    from .conftest import make_project

    project = make_project(tmp_path)
    (project / "templates").mkdir()
    (project / "templates" / "tips.md.j2").write_text(
        '{% extends "page.md.j2" %}{% set page_title = "Our tips" %}'
        '{% set page_description = "x" %}{% set page_review = none %}'
        "{% block body %}Clinic tips.{% endblock %}")
    page = next(p for p in render_site(load_content(project).content, project).pages
                if p.path == "tips.md")
    assert "# Our tips" in page.markdown and "Clinic tips." in page.markdown


@pytest.mark.parametrize(("target", "from_page", "expected"), [
    ("option:rfa", "index.md", "options/rfa.md"),
    ("option:rfa", "options/mri.md", "rfa.md"),
    ("term:mri", "options/rfa.md", "../glossary.md#mri"),
    ("page:pathway", "options/rfa.md", "../pathway/index.md"),
    ("https://example.org/a", "index.md", "https://example.org/a"),
])
def test_site_links_are_relative_to_the_page(target, from_page, expected):
    assert locate(target, from_page, {"pathway": "pathway/index.md"}) == expected


def test_link_titles_survive_relinking(tmp_path):
    from .conftest import make_project

    project = make_project(tmp_path)
    faqs = project / "content" / "faqs.yaml"
    faqs.write_text(faqs.read_text().replace("[the glossary](term:nerve-block)",
                                             '[the glossary](term:nerve-block "Words we use")'))
    page = next(p for p in render_site(load_content(project).content, project).pages
                if p.path == "faq.md")
    assert '[the glossary](glossary.md#nerve-block "Words we use")' in page.markdown


def test_each_page_defines_only_the_glossary_terms_it_uses(rendered):
    tips = next(p for p in rendered.pages if p.path == "tips.md").markdown
    about = next(p for p in rendered.pages if p.path == "about.md").markdown
    assert "*[nerve block]: A shot that numbs a nerve for a short time." in tips
    assert "*[NB]: A shot that numbs a nerve for a short time." in tips
    assert "*[Nerve block]" not in tips
    assert "*[" not in about


def test_search_words_are_searched_but_not_shown(tmp_path):
    # An option's other names show under its title; the words patients type for it that are
    # not its names ("burn the nerve") only feed search.
    from .conftest import make_project

    project = make_project(tmp_path)
    option = project / "content" / "options" / "test-one.yaml"
    option.write_text(option.read_text().replace("also_called: [T1]",
                                                 "also_called: [T1]\nsearch_words: [zap the nerve]"))
    site = render_site(load_content(project).content, project)
    page = next(p for p in site.pages if p.path == "options/test-one.md")
    assert "**Also called:** T1" in page.markdown and "zap the nerve" not in page.markdown
    index = site.files()["docs/search/search_index.js"].decode()
    assert '"options/test-one.html","Test one"' in index
    entry = index.split('"options/test-one.html"', 1)[1].split('"options/', 1)[0]
    assert '["T1","zap the nerve"]' in entry


def test_a_guides_steps_and_results_name_their_guide_in_search(rendered):
    # Two guides may end in results of the same title: search tells them apart.
    index = rendered.files()["docs/search/search_index.js"].decode()
    assert '"pathway/tiny/try-another.html","Ask about the other one — A tiny guide"' in index
    assert '"pathway/tiny/had-test.html","Have you had the test? — A tiny guide"' in index
    assert '"pathway/tiny.html","A tiny guide"' in index  # the guide's own page: its title


def test_an_urgent_outcome_offers_no_tool_for_weighing_options(tool_project):
    # A result that sends the reader to urgent care must not suggest there is time to weigh.
    project = tool_project
    guide = project / "content" / "pathways" / "tiny.yaml"
    guide.write_text(guide.read_text().replace("    options: [test-one]\n",
                                               "    options: [test-one]\n    urgent: true\n", 1))
    pages = {p.path: p.markdown for p in render_site(load_content(project).content, project).pages}
    urgent, other = pages["pathway/tiny/get-tested.md"], pages["pathway/tiny/try-another.md"]
    for text in ("(../../tools/what-matters.md)", "## Options to talk over with your doctor",
                 "This guide does not decide for you."):
        assert text not in urgent and text in other, text
    assert "## What may come next" in urgent
    assert "(../../options/test-one.md)\n" in urgent  # by name: no reassuring summary
    assert "(../../options/test-one.md): A test that shows" in other
    guide = pages["pathway/tiny.md"]
    assert "**. **Do not wait: get help now.** What may come next: [Test one]" in guide
    # Its box in the flowchart says so too, and is drawn as urgent; the other result's is not.
    assert guide.count('class="pw-box pw-outcome pw-urgent"') == 1
    note = re.findall(r'class="pw-urgent-note"[^>]*>([^<]*)</text>', guide)
    assert " ".join(note) == "Do not wait: get help now."  # on as many lines as it needs
    assert ">What may come next:</text>" in guide
