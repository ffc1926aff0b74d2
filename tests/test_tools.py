"""Tools that help a patient decide (content/tools.yaml) and "My chances" figures on options.

Through the command line on throwaway projects: what validation refuses, with the exact
`file:line: message` lines; what the rendered pages hold. What only a browser shows (marking,
ticking, printing, no JavaScript) is in browser/test_decision_tools.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

from .conftest import ROOT

OPTION = "content/options/test-one.yaml"
TOOLS = "content/tools.yaml"
TOOL_PAGES = ["tools/index.html", "tools/what-matters.html", "tools/my-questions.html",
              "tools/pain-diary.html", "tools/block-log.html", "tools/appointment.html"]

CHANCE = """chances:
  - outcome: had less pain
    number: 30
    who: people in a made-up test
    time: a year later
    source: test-source
"""
"""A figure made up for the tests: the shipped content has none (no source gives one)."""


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def replace(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text()
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new))


def problems(result) -> list[str]:
    assert result.exit_code == 1, result.output
    return [line for line in result.output.splitlines() if line.startswith("content/")]


def line_of(project: Path, path: str, text: str) -> int:
    return next(i for i, line in enumerate((project / path).read_text().splitlines(), 1)
                if text in line)


# --- validation ------------------------------------------------------------------------------


def test_a_chance_without_a_source_is_refused(tool_project):
    (tool_project / OPTION).write_text((tool_project / OPTION).read_text()
                                       + CHANCE.replace("    source: test-source\n", ""))
    line = line_of(tool_project, OPTION, "- outcome: had less pain")
    assert problems(run("check", "--project", tool_project)) == [
        f"{OPTION}:{line}: 'source' is required"]


def test_a_chance_naming_an_unknown_source_is_refused_with_a_suggestion(tool_project):
    (tool_project / OPTION).write_text((tool_project / OPTION).read_text()
                                       + CHANCE.replace("test-source", "test-sorce"))
    line = line_of(tool_project, OPTION, "source: test-sorce")
    assert problems(run("check", "--project", tool_project)) == [
        f"{OPTION}:{line}: unknown source 'test-sorce' (did you mean 'test-source'?)"]


def test_a_chance_is_a_whole_number_out_of_100(tool_project):
    (tool_project / OPTION).write_text((tool_project / OPTION).read_text()
                                       + CHANCE.replace("number: 30", "number: 130"))
    line = line_of(tool_project, OPTION, "number: 130")
    assert problems(run("check", "--project", tool_project)) == [
        f"{OPTION}:{line}: 'number' must be at most 100 (got 130)"]


def test_a_statement_naming_unknown_options_is_refused_with_every_line(tool_project):
    replace(tool_project, TOOLS, "counts_against: [test-one]", "counts_against: [test-on]")
    replace(tool_project, TOOLS, "favours: [test-one]", "favours: [nothing-like-it]")
    assert problems(run("check", "--project", tool_project)) == [
        f"{TOOLS}:{line_of(tool_project, TOOLS, 'test-on]')}: unknown option 'test-on' "
        "(did you mean 'test-one'?)",
        f"{TOOLS}:{line_of(tool_project, TOOLS, 'nothing-like-it')}: unknown option "
        "'nothing-like-it'",
    ]


def test_a_statement_must_name_an_option_once(tool_project):
    replace(tool_project, TOOLS, "      favours: [test-one]\n", "")
    replace(tool_project, TOOLS, "favours: [another-one]", "favours: [test-one]")
    statement = line_of(tool_project, TOOLS, "- id: know-the-cause")
    assert problems(run("check", "--project", tool_project)) == [
        f"{TOOLS}:{statement}: item 2 of 'statements': a statement needs 'favours' or 'counts_against' (or "
        "both): the ids of the options it lines up with or goes against"]
    replace(tool_project, TOOLS, "      text: I want to know the cause.\n",
            "      text: I want to know the cause.\n      favours: [another-one]\n")
    assert problems(run("check", "--project", tool_project)) == [
        f"{TOOLS}:{line_of(tool_project, TOOLS, 'counts_against: [test-one]')}: 'test-one' is "
        "in both 'favours' and 'counts_against'; keep it in one"]


def test_the_block_log_threshold_names_a_known_source(tool_project):
    replace(tool_project, TOOLS, "threshold_sources: [test-source]", "threshold_sources: [made-up]")
    assert problems(run("check", "--project", tool_project)) == [
        f"{TOOLS}:{line_of(tool_project, TOOLS, 'made-up')}: unknown source 'made-up'"]


def test_a_tools_file_is_optional_and_the_schema_covers_it(project, tmp_path):
    assert run("check", "--project", project).exit_code == 0
    assert run("schema", "--output-dir", tmp_path).exit_code == 0
    schema = (tmp_path / "tools.schema.json").read_text()
    assert "favours" in schema and "counts_against" in schema
    chance = yaml.safe_load((tmp_path / "option.schema.json").read_text())["$defs"]["Chance"]
    assert chance["required"] == ["outcome", "number", "who", "time", "source"]
    assert "a figure without a source is refused" in " ".join(
        chance["properties"]["source"]["description"].split())


# --- rendered pages ----------------------------------------------------------------------


@pytest.fixture
def built(tool_project: Path) -> Path:
    (tool_project / OPTION).write_text((tool_project / OPTION).read_text() + CHANCE)
    result = run("build", "--project", tool_project)
    assert result.exit_code == 0, result.output
    return tool_project / "site"


def test_tool_pages_are_in_navigation_search_and_the_reading_grades(built, tool_project):
    for page in TOOL_PAGES:
        assert (built / page).is_file(), page
    config = yaml.safe_load((tool_project / "rendered" / "generated.yml").read_text())
    tools = next(entry["Tools"] for entry in config["nav"] if "Tools" in entry)
    assert tools[0] == "tools/index.md"
    assert [next(iter(e.values())) for e in tools[1:]] == [
        p.replace(".html", ".md") for p in TOOL_PAGES[1:]]
    index = (tool_project / "rendered" / "docs" / "search" / "search_index.js").read_text()
    assert '"tools/what-matters.html","What matters to me"' in index
    assert "I want to avoid needles." in index
    grades = run("check", "--project", tool_project).output
    for page in TOOL_PAGES:
        assert re.search(rf"^\s+\d+\.\d  {page.replace('.html', '.md')}$", grades, re.M), page


def test_tool_pages_say_nothing_is_kept_and_load_their_script(built):
    for page in TOOL_PAGES[1:]:
        html = (built / page).read_text()
        assert "Nothing you mark here is saved or sent anywhere." in html, page
        assert 'src="../assets/javascripts/tools.js"' in html, page
    for page in ("index.html", "options/test-one.html", "tools/index.html"):
        assert "tools.js" not in (built / page).read_text(), page
    assert (built / "assets" / "javascripts" / "tools.js").is_file()


def test_the_values_page_shows_each_statement_with_its_options_and_a_scale(built):
    html = (built / "tools" / "what-matters.html").read_text()
    assert "This is not advice about what to choose." in html
    statement = html[html.index('<fieldset class="value-statement" id="value-avoid-needles"'):]
    statement = statement[:statement.index("</fieldset>")]
    assert "<legend>I want to avoid needles.</legend>" in statement
    assert re.findall(r'type="radio" name="avoid-needles" value="(\d)"', statement) == ["2", "1", "0"]
    assert re.search(r'Lines up with: <a href="../options/another-one.html"', statement)
    assert re.search(r'Goes against: <a href="../options/test-one.html"', statement)


def test_option_pages_link_to_their_questions_and_chances_show_as_figures_and_words(built):
    html = (built / "options" / "test-one.html").read_text()
    assert 'href="../tools/my-questions.html?option=test-one"' in html
    sentence = "About 30 in 100 people in a made-up test had less pain a year later."
    svg = re.search(r'<svg class="icon-array" role="img"[^>]*><title>(.*?)</title>(.*?)</svg>',
                    html)
    assert svg and svg.group(1) == sentence
    assert svg.group(2).count('<g class="ia-on"') == 30
    assert svg.group(2).count('<g class="ia-off"') == 70
    assert f"<figcaption>{sentence} (Where this comes from: A test article)</figcaption>" in html
    compare = (built / "compare.html").read_text()
    assert compare.count('<svg class="icon-array"') == 1 and sentence in compare
    other = (built / "options" / "another-one.html").read_text()
    assert "No reliable figures are known." in other and "icon-array" not in other


def test_the_shipped_content_has_no_chances_because_no_source_gives_one():
    """The sources give no "N in 100" figures: every option page must say none are known."""
    for path in sorted((ROOT / "content" / "options").glob("*.yaml")):
        assert "chances" not in yaml.safe_load(path.read_text()), path.name
