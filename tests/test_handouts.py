"""Printable handouts (issue 16): built with the site, one page each for options, tables and
the tools' sheets, the warning signs on a page of their own after each (the back of a sheet),
the clinic's details and dates on them, nothing fetched, unchanged ones not made again."""

from __future__ import annotations

import io
import os
import socket
from functools import cache
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.content.model import Content
from generator.content.validate import load_content

from .conftest import ROOT, make_project, snapshot, tools_content

GOLDEN = Path(__file__).parent / "golden" / "handouts"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def pdf(path: Path) -> pypdf.PdfReader:
    """The PDF's structure: metadata, language, page sizes, and pypdf's layout of its text."""
    return pypdf.PdfReader(io.BytesIO(path.read_bytes()))


def page_texts(path: Path) -> list[str]:
    """The text of each page, as PDFium (Chrome's PDF engine) reads it: many times faster
    than pypdf's reading, and these tests read every handout."""
    document = pypdfium2.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_bounded() for page in document]
    finally:
        document.close()


def text(path: Path) -> str:
    return " ".join(" ".join(page.split()) for page in page_texts(path))


def sheet(path: Path, urgent_title: str = "When to get help") -> list[str]:
    """A handout's pages as text: those before the warning signs, and the page they start on
    (its heading under the clinic's line) last, which must be the last page."""
    texts = page_texts(path)
    pages = [" ".join(text.replace("•", " ").split())  # a list's bullets are read after it
             for text in texts]
    starts = [i for i, text in enumerate(texts) if urgent_title in text.splitlines()[:2]]
    assert starts == [len(pages) - 1], f"the warning signs should be the last page: {pages}"
    return pages


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture project, built once with its handouts: read it, never change it."""
    project = make_project(tmp_path_factory.mktemp("handouts"))
    result = run("build", "--project", project)
    assert result.exit_code == 0, result.output
    return project


def test_every_option_table_and_guide_has_a_handout(built):
    handouts = built / "site" / "handouts"
    assert sorted(p.relative_to(handouts).as_posix() for p in handouts.rglob("*.pdf")) == [
        "compare/both.pdf", "options/another-one.pdf", "options/test-one.pdf",
        "pathways/tiny.pdf"]


def test_an_option_handout_is_one_page_with_benefits_risks_clinic_and_dates(built):
    handout = built / "site" / "handouts" / "options" / "test-one.pdf"
    assert len(sheet(handout)) == 2
    words = text(handout)
    for expected in ["Test one", "It can show the cause. See another one.",
                     "It can hurt for a day.", "Recovery: One day", "Will it hurt?",
                     "Test Clinic", "555-0100", "555-0101",
                     "Draft: not yet reviewed by a clinician. Written: January 10, 2026.",
                     "Read more on the site: options/test-one.html"]:
        assert expected in words, expected


def test_every_handout_has_the_warning_signs_with_the_clinics_numbers_on_its_back(built):
    """On paper, as on every page of the site: each level's heading, what to do and every
    sign, the clinic's numbers in place of the placeholders."""
    handouts = sorted((built / "site" / "handouts").rglob("*.pdf"))
    assert handouts
    for path in handouts:
        back = sheet(path)[-1]
        assert back == (
            "Test Clinic · Test site When to get help "
            "Call 911 now Call 911 or go to the nearest emergency room. "
            "Do this if you have any of these: You cannot control your bladder or bowels. "
            "Call us soon Call 555-0100. Do this if you have any of these: "
            "Your pain keeps getting worse."), path


def test_a_reviewed_option_shows_its_review_not_a_draft(project):
    option = project / "content" / "options" / "another-one.yaml"
    option.write_text(option.read_text().replace(
        "  written: 2026-01-10\n",
        "  written: 2026-01-10\n  reviewed_by: Dr Ada Jones\n"
        "  reviewer_role: Consultant in pain medicine\n  last_reviewed: 2026-02-01\n"))
    assert run("build", "--project", project).exit_code == 0
    words = text(project / "site" / "handouts" / "options" / "another-one.pdf")
    assert "Draft" not in words
    assert ("Written: January 10, 2026. Last reviewed: February 1, 2026 (Dr Ada Jones, "
            "Consultant in pain medicine).") in words


def test_a_comparison_handout_is_one_landscape_page_with_every_column(built):
    handout = built / "site" / "handouts" / "compare" / "both.pdf"
    assert len(sheet(handout)) == 2
    for page in pdf(handout).pages:  # four columns: landscape, and its back too
        assert page.mediabox.width > page.mediabox.height
    words = text(handout)
    for expected in ["Both options", "Option", "How invasive", "Recovery", "What research or guidelines say",
                     "Trial or test first?", "Test one", "Another one", "Test Clinic", "555-0100"]:
        assert expected in words, expected


def test_a_guide_handout_has_its_flowchart_and_numbered_steps(built):
    words = text(built / "site" / "handouts" / "pathways" / "tiny.pdf")
    assert "A tiny guide" in words
    assert "The same guide in words" in words
    assert "go to question 2" in words or "go to result" in words


def test_handouts_carry_title_language_and_author(built):
    reader = pdf(built / "site" / "handouts" / "options" / "test-one.pdf")
    assert reader.metadata.title == "Test one"
    assert reader.metadata.author == "Test Clinic"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA-1)


def test_option_pages_and_tables_link_their_handouts(built):
    site = built / "site"
    option = (site / "options" / "test-one.html").read_text(encoding="utf-8")
    link = "Print a handout (PDF): one sheet, with the warning signs on the back"
    assert f'<a href="../handouts/options/test-one.pdf">{link}</a>' in option
    compare = (site / "compare.html").read_text(encoding="utf-8")
    assert f'<a href="handouts/compare/both.pdf">{link}</a>' in compare


def test_an_option_handout_matches_its_golden_text_layout(built):
    reader = pdf(built / "site" / "handouts" / "options" / "test-one.pdf")
    layout = "\n".join(line.rstrip() for page in reader.pages
                       for line in page.extract_text(extraction_mode="layout").splitlines()
                       ).strip() + "\n"
    golden = GOLDEN / "test-one.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(layout, encoding="utf-8")
    assert layout == golden.read_text(encoding="utf-8")


def test_without_handouts_pages_do_not_link_them(project):
    result = run("build", "--no-handouts", "--project", project)
    assert result.exit_code == 0, result.output
    assert not (project / "site" / "handouts").exists()
    assert "handout" not in (project / "site" / "options" / "test-one.html").read_text()


def test_an_unchanged_handout_is_taken_from_the_cache(project):
    assert run("build", "--project", project).exit_code == 0
    cache = project / "rendered" / "handouts-cache"
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    assert len(before) == 4
    option = project / "content" / "options" / "another-one.yaml"
    option.write_text(option.read_text().replace("title: Another one", "title: Changed one"))
    assert run("build", "--project", project).exit_code == 0
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    kept = set(before) & set(after)
    # The test-one handout shows nothing of another-one: same key, same file, not made again.
    assert len(kept) == 1 and before[next(iter(kept))] == after[next(iter(kept))]
    assert len(after) == 4  # the three that changed were made again; the old ones pruned
    assert "Changed one" in text(project / "site" / "handouts" / "options" / "another-one.pdf")


def give_benefits(project, count: int) -> None:
    """Give test-one `count` benefits, each a whole line of its handout."""
    option = project / "content" / "options" / "test-one.yaml"
    many = "".join(f"  - Benefit number {i} takes a whole line of the handout to say.\n"
                   for i in range(count))
    option.write_text(option.read_text().replace(
        "benefits:\n  - It can show the cause. See [another one](option:another-one).\n",
        "benefits:\n" + many))


def test_a_handout_a_little_too_long_is_laid_out_more_tightly_on_one_page(project):
    give_benefits(project, 22)  # a line or two past the page as designed; tighter spacing fits
    result = run("build", "--project", project)
    assert result.exit_code == 0, result.output
    assert "runs to 2 pages" not in result.output
    handout = project / "site" / "handouts" / "options" / "test-one.pdf"
    assert len(sheet(handout)) == 2
    words = text(handout)
    for expected in ["Benefit number 0 takes", "Benefit number 21 takes", "It can hurt for a day.",
                     "Will it hurt?", "Test Clinic", "This site does not replace your doctor's"]:
        assert expected in words, expected


def test_a_handout_that_runs_past_one_page_is_a_warning_naming_its_file(project):
    give_benefits(project, 40)
    result = run("check", "--project", project)
    message = ("content/options/test-one.yaml:1: warning: the handout "
               "handouts/options/test-one.pdf runs to 2 pages; it is meant to fit on one. "
               "Shorten the text it prints (benefits, risks, questions) or its template.")
    assert message in result.output
    build = run("build", "--project", project)
    assert build.exit_code == 0
    assert message in build.output


@pytest.mark.parametrize("template", ["option.html.j2", "urgent.html.j2"])
def test_a_broken_handout_template_override_is_a_clean_error_and_keeps_the_site(project,
                                                                                  template):
    assert run("build", "--project", project).exit_code == 0
    before = snapshot(project / "site")
    (project / "templates").mkdir()
    (project / "templates" / template).write_text("<p>{{ no_such_thing }}</p>\n")
    result = run("build", "--project", project)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{project}/templates/{template}:1: template error: 'no_such_thing' is undefined")
    assert "Traceback" not in result.output
    assert snapshot(project / "site") == before


def test_a_handout_override_may_replace_the_layout(project):
    (project / "templates").mkdir()
    (project / "templates" / "option.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block main %}<p>Our own layout</p>{% endblock %}\n')
    assert run("build", "--project", project).exit_code == 0
    words = text(project / "site" / "handouts" / "options" / "test-one.pdf")
    assert "Our own layout" in words and "Test Clinic" in words


def test_a_handout_that_would_load_from_the_network_fails_cleanly(project):
    assert run("build", "--project", project).exit_code == 0
    before = snapshot(project / "site")
    (project / "templates").mkdir()
    (project / "templates" / "option.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block main %}'
        '<img src="https://example.org/logo.png" alt="Logo">{% endblock %}\n')
    result = run("build", "--project", project)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "error: handouts/options/another-one.pdf: the handout would load "
        "https://example.org/logo.png; handouts may load only files inside the project "
        "(nothing from the network). Change the handout template override that asks for it.")
    assert snapshot(project / "site") == before


def test_the_handout_fetcher_refuses_other_addresses_without_a_connection(tmp_path, monkeypatch):
    from generator.handouts.fetcher import OfflineFetcher, RefusedAddress

    def no_network(*args, **kwargs):
        raise AssertionError("a handout tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    (tmp_path / "inside.css").write_text("p {}")
    (tmp_path.parent / "outside.css").write_text("p {}")
    fetcher = OfflineFetcher([tmp_path])
    assert fetcher.fetch((tmp_path / "inside.css").as_uri()).read() == b"p {}"
    for address in ["https://example.org/logo.png", "http://127.0.0.1:9/x.css",
                    "ftp://example.org/x", (tmp_path.parent / "outside.css").as_uri(),
                    (tmp_path / ".." / "outside.css").as_uri()]:
        with pytest.raises(RefusedAddress):
            fetcher.fetch(address)
    assert len(fetcher.refused) == 5


def test_a_missing_handout_font_is_a_clean_error_and_keeps_the_site(project, tmp_path,
                                                                      monkeypatch):
    assert run("build", "--project", project).exit_code == 0
    before = snapshot(project / "site")
    from generator.handouts import pdf as pdf_module

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "DejaVuSans.ttf").write_bytes(b"")
    monkeypatch.setattr(pdf_module, "FONTS_DIR", fonts)
    result = run("build", "--project", project)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "error: handout font missing: generator/handouts/fonts/DejaVuSans-Bold.ttf. Reinstall "
        "patient-site (the fonts ship with it) or restore the file from the repository.")
    assert snapshot(project / "site") == before


# --- the tools' sheets (content/tools.yaml) --------------------------------------------------

TOOL_SHEETS = {
    # page name: the tool's title and what its sheet must show besides
    "what-matters": ["What matters to me", "I want to avoid needles.", "Matters a lot",
                     "Matters a little", "Does not matter", "Lines up with: Another one",
                     "Goes against: Test one", "This is not advice about what to choose."],
    "my-questions": ["My questions for my appointment", "Common questions", "What is a test?",
                     "My own questions", "Answer"],
    "pain-diary": ["My pain diary", "Fill in a row a day.", "Day", "Pain (0 to 10)",
                   "What I did"],
    "block-log": ["My block log", "Before", "1 hour after", "2 hours after", "Relief (%)",
                  "Your doctor compares your relief with 70%.", "Where this comes from",
                  "Work it out by hand."],
    "appointment": ["Getting ready", "What to bring", "Your diary", "Past injections", "Which",
                    "When"],
}


@pytest.fixture(scope="module")
def built_tools(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture with the small tools file, built once: read it, never change it."""
    project = make_project(tmp_path_factory.mktemp("tool-handouts"), tools_content())
    result = run("build", "--project", project)
    assert result.exit_code == 0, result.output
    return project


@pytest.mark.parametrize("name", TOOL_SHEETS)
def test_each_tool_has_a_one_page_sheet_with_its_parts_the_clinic_and_dates(built_tools, name):
    handout = built_tools / "site" / "handouts" / "tools" / f"{name}.pdf"
    assert len(sheet(handout)) == 2
    assert pdf(handout).metadata.title == TOOL_SHEETS[name][0]
    words = text(handout)
    for expected in TOOL_SHEETS[name] + [
            "Test Clinic", "555-0100", "555-0101",
            "Draft: not yet reviewed by a clinician. Written: January 10, 2026.",
            f"Read more on the site: tools/{name}.html"]:
        assert expected in words, expected


def test_tool_pages_link_their_sheets_only_when_handouts_are_built(built_tools, tool_project):
    for name in TOOL_SHEETS:
        page = (built_tools / "site" / "tools" / f"{name}.html").read_text(encoding="utf-8")
        assert (f'<a href="../handouts/tools/{name}.pdf">Print a blank sheet to fill in by hand '
                "(PDF)</a>") in page, name
    assert run("build", "--no-handouts", "--project", tool_project).exit_code == 0
    for name in TOOL_SHEETS:
        page = (tool_project / "site" / "tools" / f"{name}.html").read_text(encoding="utf-8")
        assert "handouts/tools/" not in page, name


def test_a_tool_sheet_is_made_again_only_when_what_it_shows_changes(tool_project):
    assert run("build", "--project", tool_project).exit_code == 0
    cache = tool_project / "rendered" / "handouts-cache"
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    tools = tool_project / "content" / "tools.yaml"
    tools.write_text(tools.read_text().replace("columns: [Day, Pain (0 to 10), What I did]",
                                               "columns: [Day, Pain (0 to 10), Where I went]"))
    assert run("build", "--project", tool_project).exit_code == 0
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    assert len(set(before) - set(after)) == 1 and len(set(after) - set(before)) == 1
    assert all(before[name] == after[name] for name in set(before) & set(after))
    diary = text(tool_project / "site" / "handouts" / "tools" / "pain-diary.pdf")
    assert "Where I went" in diary


def test_a_tool_sheet_that_runs_past_one_page_is_a_warning_naming_its_file(tool_project):
    tools = tool_project / "content" / "tools.yaml"
    tools.write_text(tools.read_text().replace(
        "columns: [Day, Pain (0 to 10), What I did]\n",
        "columns: [Day, Pain (0 to 10), What I did]\n  rows: 31\n"))
    result = run("check", "--project", tool_project)
    assert ("content/tools.yaml:1: warning: the handout handouts/tools/pain-diary.pdf runs to 2 "
            "pages; it is meant to fit on one. Shorten the text it prints (the intro, the "
            "columns or the rows) or its template.") in result.output


def test_a_tool_sheet_override_replaces_its_layout(tool_project):
    (tool_project / "templates").mkdir()
    (tool_project / "templates" / "tool_diary.html.j2").write_text(
        '{% extends "tool.html.j2" %}{% block main %}<p>Our own diary</p>{% endblock %}\n')
    assert run("build", "--project", tool_project).exit_code == 0
    words = text(tool_project / "site" / "handouts" / "tools" / "pain-diary.pdf")
    assert "Our own diary" in words and "My pain diary" in words and "Test Clinic" in words


# --- the shipped site, in every language it is built in ----------------------------------------

TOOL_KEYS = {"what-matters": "values", "my-questions": "questions", "pain-diary": "diary",
             "block-log": "block_log", "appointment": "appointment"}
"""Each tool's sheet (named like its page) and its part of content/tools.yaml."""


@cache
def shipped_languages() -> list[tuple[str, Content, str]]:
    """Each language the shipped content builds: its code, its content and its folder in the
    site (the main language in site/, each translation in site/<code>/)."""
    validated = load_content(ROOT)
    return [(validated.content.site.language, validated.content, ""),
            *((code, content, code) for code, content in validated.translations.items())]


def handout_titles(content: Content) -> dict[str, str]:
    """The title each handout of a language should carry, by its path under handouts/."""
    titles = {f"options/{option_id}.pdf": option.title
              for option_id, option in content.options.items()}
    titles |= {f"compare/{table.id}.pdf": table.title for table in content.comparisons.tables}
    titles |= {f"pathways/{pathway_id}.pdf": pathway.title
               for pathway_id, pathway in content.pathways.items()}
    titles |= {f"tools/{name}.pdf": getattr(content.tools, key).title
               for name, key in TOOL_KEYS.items()}
    return titles


def test_the_shipped_content_builds_more_than_one_language():
    assert [code for code, _, _ in shipped_languages()][:2] == ["en", "es"]


@pytest.mark.parametrize("code", [code for code, _, _ in shipped_languages()])
def test_every_shipped_handout_is_one_page_in_every_language(built_shipped_handouts, code):
    """Options, tables and tools' sheets fit one page in every language (Spanish runs 20-25%
    longer than English), with the warning signs on one page after it: two pages, the two sides
    of a sheet. Only the step-by-step guides may run longer. Each carries its language and its
    title in that language."""
    _, content, folder = next(language for language in shipped_languages() if language[0] == code)
    handouts = built_shipped_handouts / "site" / folder / "handouts"
    titles = handout_titles(content)
    assert sorted(p.relative_to(handouts).as_posix() for p in handouts.rglob("*.pdf")) == sorted(
        titles)
    longer = {}
    for path, title in titles.items():
        reader = pdf(handouts / path)
        pages = sheet(handouts / path, content.site.urgent_help.title)
        if not path.startswith("pathways/") and len(pages) != 2:
            longer[path] = len(pages)
        assert reader.trailer["/Root"]["/Lang"] == code, path
        assert reader.metadata.title == title, path
        assert " ".join(title.split()) in pages[0], path
    assert longer == {}, f"{code}: handouts longer than one page: {longer}"
