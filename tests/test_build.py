"""End-to-end builds in tmp_path: the site is built, searchable, and never half-written."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import snapshot


def search_index(site):
    """The index the site's search reads (search/search_index.js: one variable set to JSON)."""
    script = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    return json.loads(script.split(" = ", 1)[1].rstrip(";\n"))


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_build_writes_every_page_and_the_search_index(project):
    result = run("build", "--project", project)
    assert result.exit_code == 0, result.output
    site = project / "site"
    for page in ["index.html", "options/test-one.html", "options/another-one.html", "faq.html",
                 "tips.html", "glossary.html", "about.html"]:
        assert (site / page).is_file(), page
    locations = {page[0] for page in search_index(site)["pages"]}
    assert "options/test-one.html" in locations
    assert not (site / "search" / "search_index.json").exists()  # made into the script


def test_every_search_result_opens_at_its_section_under_its_shown_title(project):
    # A result links to a section by its anchor: one the page lacks opens the page at the top.
    assert run("build", "--project", project).exit_code == 0
    site = project / "site"
    sections = [(location, anchor, title) for location, _, _, page_sections, *_ in
                search_index(site)["pages"] for anchor, title, *_ in page_sections]
    assert ("faq.html", "what-is-a-test", "What is a test?") in sections
    for location, anchor, title in sections:
        assert f'id="{anchor}"' in (site / location).read_text(encoding="utf-8"), (location, anchor)
        assert "{" not in title and "#" not in title, (location, title)


def test_search_ships_its_scripts_and_words_and_no_stemmer_an_english_site_never_loads(project):
    assert run("build", "--project", project).exit_code == 0
    site = project / "site"
    assert search_index(site)["lang"] == "en"
    assert (site / "assets" / "javascripts" / "minisearch.min.js").is_file()
    assert not (site / "assets" / "javascripts" / "snowball").exists()
    strings = re.search(r"data-strings='([^']*)'", (site / "index.html").read_text()).group(1)
    assert json.loads(strings)["search.did_you_mean"] == "Did you mean #?"


@pytest.mark.parametrize(("language", "kept"), [("es", True), ("en", False), ("es-MX", True)])
def test_finishing_keeps_snowballs_stemmer_and_licence_for_pages_in_its_language(
        tmp_path, language, kept):
    from generator.site.finish import finish_site

    scripts = tmp_path / "assets" / "javascripts"
    (scripts / "snowball").mkdir(parents=True)
    for name in ("site.js", "minisearch.min.js", "unused.js", "snowball/base-stemmer.js",
                 "snowball/spanish-stemmer.js", "snowball/LICENSE"):
        (scripts / name).write_text("/* */\n")
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="{language}"><head><title>t</title></head><body>'
        '<script src="assets/javascripts/site.js"></script></body></html>')
    finish_site(tmp_path)
    left = sorted(p.relative_to(scripts).as_posix() for p in scripts.rglob("*"))
    stemmer = ["snowball", "snowball/LICENSE", "snowball/base-stemmer.js",
               "snowball/spanish-stemmer.js"]
    assert left == ["minisearch.min.js", "site.js"] + (stemmer if kept else [])


def test_a_new_option_file_adds_its_page_nav_entry_and_search_entry(project):
    option = project / "content" / "options" / "test-one.yaml"
    (project / "content" / "options" / "new-thing.yaml").write_text(
        option.read_text().replace("title: Test one", "title: Brand new thing"))
    assert run("build", "--project", project).exit_code == 0
    site = project / "site"
    assert "Brand new thing" in (site / "options" / "new-thing.html").read_text()
    assert 'href="options/new-thing.html"' in (site / "index.html").read_text()
    assert ["options/new-thing.html", "Brand new thing"] in [
        page[:2] for page in search_index(site)["pages"]]


def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(project):
    assert run("build", "--project", project).exit_code == 0
    before = snapshot(project / "site")
    (project / "content" / "options" / "test-one.yaml").write_text("title: [unclosed\n")
    result = run("build", "--project", project)
    assert result.exit_code == 1
    assert snapshot(project / "site") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]


def test_a_builder_failure_after_valid_content_also_keeps_the_site(project):
    assert run("build", "--project", project).exit_code == 0
    before = snapshot(project / "site")
    (project / "overrides" / "main.html").write_text("{% extends 'base.html' %}{% block x %}")
    result = run("build", "--project", project)
    assert result.exit_code == 1
    assert "The previous site/ was left as it was." in result.output
    assert snapshot(project / "site") == before


def test_mkdocs_build_strict_passes_on_the_rendered_folder(project):
    assert run("render", "--project", project).exit_code == 0
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "plain-site"],
        cwd=project, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert (project / "plain-site" / "options" / "test-one.html").is_file()


def test_no_template_setting_or_source_file_is_published(project):
    # A clinic copies the whole site folder to its server or a USB stick: the project's page
    # templates, settings and notes stay out of it, whether we build it or plain MkDocs does.
    assert run("build", "--project", project).exit_code == 0
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", "plain-site"],
        cwd=project, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    for site in (project / "site", project / "plain-site"):
        published = [path.relative_to(site).as_posix() for path in site.rglob("*")]
        assert "index.html" in published
        assert [p for p in published if p.endswith((".j2", ".yaml", ".yml", ".md", ".py"))] == []


def test_mkdocs_strict_turns_a_broken_link_into_an_error(project):
    assert run("render", "--project", project).exit_code == 0
    page = project / "rendered" / "docs" / "tips.md"
    page.write_text(page.read_text() + "\n[broken](options/missing.md)\n")
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"],
                               cwd=project, capture_output=True, text=True)
    assert completed.returncode == 1
    assert "options/missing.md" in completed.stderr


def test_a_page_that_would_load_from_outside_the_site_fails_the_build(project):
    assert run("build", "--project", project).exit_code == 0
    before = snapshot(project / "site")
    main_html = project / "overrides" / "main.html"
    main_html.write_text(main_html.read_text().replace(
        "{% block extrahead %}",
        '{% block extrahead %}<script src="https://cdn.example.org/x.js"></script>'))
    result = run("build", "--project", project)
    assert result.exit_code == 1
    assert ("index.html: <script src='https://cdn.example.org/x.js'> loads from outside the site"
            in result.output)
    assert snapshot(project / "site") == before


def test_the_built_site_has_a_strict_content_security_policy(project):
    assert run("build", "--project", project).exit_code == 0
    page = (project / "site" / "options" / "test-one.html").read_text()
    assert ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "script-src 'self'; style-src 'self'") in page
    assert "unpkg.com" not in page and "fonts.googleapis" not in page


def test_the_built_site_folder_is_as_readable_as_any_new_folder(project):
    # A web server often runs as another user: site/ must not be private to its builder.
    from generator.build import build

    build(project)
    (project / "ordinary").mkdir()
    assert (project / "site").stat().st_mode & 0o777 == (project / "ordinary").stat().st_mode & 0o777


def test_markup_no_content_may_make_fails_the_build_naming_the_page_and_its_file(project):
    # The text rules refuse all of this; a template override (or a gap in those rules) must
    # still not get it into a page.
    assert run("build", "--project", project).exit_code == 0
    before = snapshot(project / "site")
    (project / "templates").mkdir()
    (project / "templates" / "faq.md.j2").write_text(
        "# Questions\n\n<p hidden onclick=\"steal()\">Secret</p>\n\n"
        "[Call us](javascript:alert(1)) or [write](mailto:a@example.org).\n")
    result = run("build", "--project", project)
    assert result.exit_code == 1
    assert result.output.splitlines()[1:5] == [
        "faq.html (from content/faqs.yaml): <p> in the page content has 'hidden'",
        "faq.html (from content/faqs.yaml): <p> in the page content has 'onclick'",
        "faq.html (from content/faqs.yaml): <a href=\"javascript:alert(1)\"> uses a "
        "'javascript:' address",
        "The previous site/ was left as it was.",
    ]
    assert result.output.startswith("error: pages hold markup that no content may make")
    assert snapshot(project / "site") == before
