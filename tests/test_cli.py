"""The command line: every command documented, helpful, with the right exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.content.model import KINDS
from generator.content.validate import load_content

from .conftest import ROOT


def all_commands(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names += all_commands(command, f"{prefix}{name} ")
        else:
            names.append(f"{prefix}{name}")
    return names


COMMANDS = all_commands(main)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_the_command_list_is_what_the_readme_promises():
    assert sorted(COMMANDS) == ["build", "check", "new option", "new page", "render",
                                "review-packet", "schema", "serve", "translate"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = run(*command.split(), "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Usage: ")
    assert len(result.output.splitlines()) > 3


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command):
    readme = (ROOT / "README.md").read_text()
    assert f"`patient-site {command}" in readme


def test_usage_errors_exit_2():
    assert run("build", "--no-such-option").exit_code == 2
    assert run("no-such-command").exit_code == 2
    assert run("new", "option", "Bad Name").exit_code == 2


def test_content_errors_exit_1_with_file_and_line(project):
    option = project / "content" / "options" / "test-one.yaml"
    option.write_text(option.read_text().replace("relief_duration: A few hours\n", ""))
    result = run("check", "--project", project)
    assert result.exit_code == 1
    assert "content/options/test-one.yaml:1: 'relief_duration' is required" in result.output
    assert "Traceback" not in result.output


def test_check_prints_a_reading_grade_per_page(project):
    result = run("check", "--project", project)
    assert result.exit_code == 0, result.output
    for page in ["index.md", "options/test-one.md", "faq.md", "tips.md", "glossary.md"]:
        assert re.search(rf"^\s+\d+\.\d  {re.escape(page)}$", result.output, re.MULTILINE), page


def test_check_fails_a_page_above_the_grade_budget(project):
    hard = ("The multidisciplinary interventional methodology necessitates comprehensive "
            "neurophysiological characterisation of degenerative intervertebral pathology "
            "notwithstanding considerable interindividual variability.")
    option = project / "content" / "options" / "test-one.yaml"
    option.write_text(option.read_text().replace("what_it_is: A test with a needle.",
                                                 f"what_it_is: {hard} {hard} {hard}"))
    result = run("check", "--project", project)
    assert result.exit_code == 1
    assert re.search(r"content/options/test-one\.yaml:1: page options/test-one\.md reads at "
                     r"grade \d+\.\d, above the budget of 8\.0; use shorter sentences and "
                     "everyday words", result.output)


def test_check_warns_about_overdue_reviews_and_strict_fails(project):
    tips = project / "content" / "tips.yaml"
    tips.write_text(tips.read_text().replace("next_review_due: 2027-01-10",
                                             "next_review_due: 2020-01-01")
                    .replace("written: 2026-01-10", "written: 2019-01-10"))
    message = ("content/tips.yaml:9: warning: review was due on 2020-01-01; review the page, "
               "then update 'last_reviewed' and 'next_review_due'")
    relaxed = run("check", "--project", project)
    assert relaxed.exit_code == 0 and message in relaxed.output
    strict = run("check", "--strict", "--project", project)
    assert strict.exit_code == 1
    assert message.replace("warning: ", "") in strict.output


def test_check_lists_external_links_without_fetching(project):
    faqs = project / "content" / "faqs.yaml"
    faqs.write_text(faqs.read_text().replace("See [the glossary](term:nerve-block).",
                                             "See [this page](https://example.org/back)."))
    result = run("check", "--project", project)
    assert result.exit_code == 0, result.output
    assert "content/faqs.yaml:5: https://example.org/back" in result.output


def test_render_writes_the_folder_mkdocs_yml_points_at(project):
    result = run("render", "--project", project)
    assert result.exit_code == 0
    assert (project / "rendered" / "docs" / "options" / "test-one.md").is_file()
    assert (project / "rendered" / "generated.yml").is_file()


def test_schema_describes_every_field_for_editors(tmp_path):
    result = run("schema", "option")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert "relief_duration" in schema["required"]
    assert schema["properties"]["relief_duration"]["description"].startswith("Short answer")
    result = run("schema", "--output-dir", tmp_path / "schemas")
    assert result.exit_code == 0
    assert (tmp_path / "schemas" / "option.schema.json").is_file()
    assert run("schema").exit_code == 2


def test_every_field_of_every_schema_has_its_docstring(tmp_path):
    assert run("schema", "--output-dir", tmp_path).exit_code == 0
    undescribed = []
    for path in sorted(tmp_path.glob("*.schema.json")):
        schema = json.loads(path.read_text())
        for model in [schema, *schema.get("$defs", {}).values()]:
            undescribed += [f"{path.name}: {model['title']}.{name}"
                            for name, prop in model.get("properties", {}).items()
                            if not prop.get("description")]
    assert len(list(tmp_path.glob("*.schema.json"))) == len(KINDS)
    assert undescribed == []


def test_new_option_writes_a_commented_file_that_becomes_a_page(project):
    result = run("new", "option", "nerve-ablation", "--project", project)
    assert result.exit_code == 0, result.output
    path = project / "content" / "options" / "nerve-ablation.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    text = text.replace("sources: []", "sources: [test-source]")
    path.write_text(text)
    content = load_content(Path(project)).content
    assert content.options["nerve-ablation"].title == "Nerve ablation"
    assert run("new", "option", "nerve-ablation", "--project", project).exit_code == 2
