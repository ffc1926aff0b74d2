"""Tools that help a patient decide (content/tools.yaml) and "My chances" figures on options.

Through the command line on throwaway projects: what validation refuses, with the exact
`file:line: message` lines; what the rendered pages hold. What only a browser shows (marking,
ticking, printing, no JavaScript) is in test_browser.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

from .conftest import FIXTURES

OPTION = "content/options/test-one.yaml"
TOOLS = "content/tools.yaml"

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


@pytest.fixture
def tool_project(project: Path) -> Path:
    """The minimal fixture with the small tools file."""
    shutil.copy(FIXTURES / "tools.yaml", project / TOOLS)
    return project


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
