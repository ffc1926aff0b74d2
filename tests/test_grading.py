"""`check`'s reading grades: each page graded as patients read it, named by its content file."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import break_two_option_pages


def check(project: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--project", str(project)])
    return result.exit_code, result.output


def test_a_template_error_is_reported_for_the_first_page_that_fails(project: Path) -> None:
    break_two_option_pages(project)
    code, output = check(project)
    assert code == 1
    assert "templates/option.md.j2:2: template error: 'first_missing' is undefined" in output
    assert "second_missing" not in output


def test_a_page_above_the_budget_is_named_with_its_content_file(project: Path) -> None:
    site_file = project / "content" / "site.yaml"
    site = yaml.safe_load(site_file.read_text())
    site["reading_grade_budget"] = 1.0
    site_file.write_text(yaml.safe_dump(site, sort_keys=False))
    code, output = check(project)
    assert code == 1
    for page, source in [("options/test-one.md", "content/options/test-one.yaml"),
                         ("faq.md", "content/faqs.yaml"), ("about.md", "content/site.yaml")]:
        assert f"{source}:1: page {page} reads at grade " in output
        assert "above the budget of 1.0; use shorter sentences and everyday words" in output


def test_every_page_is_graded_once(shipped_project: Path, built_shipped_handouts: Path) -> None:
    code, output = check(shipped_project)
    assert code == 0, output
    graded = [line.split()[-1] for line in output.splitlines() if line.startswith("  ")
              and line.strip()[0].isdigit()]
    rendered = built_shipped_handouts / "rendered"  # the same content, built
    folders = [rendered / "docs", *rendered.glob("*/docs")]  # English, then each translation
    pages = sorted(p.relative_to(folder).as_posix() for folder in folders
                   for p in folder.rglob("*.md"))
    assert sorted(graded) == pages


def test_a_page_close_to_the_budget_names_its_hardest_sentence(project: Path) -> None:
    option = project / "content" / "options" / "test-one.yaml"
    long = ("Notwithstanding considerable interindividual variability, radiofrequency "
            "neurotomy demonstrates substantially prolonged analgesic efficacy relative to "
            "conventional corticosteroid administration methodologies.")
    text = option.read_text()
    option.write_text(text.replace(text.split("what_it_is: ")[1].split("\n")[0], long, 1))
    code, output = check(project)
    lines = output.splitlines()
    page = next(i for i, line in enumerate(lines) if line.endswith("options/test-one.md")
                or "options/test-one.md  ABOVE" in line)
    assert lines[page + 1].startswith("         hardest sentence, grade ")
    assert "Notwithstanding considerable interindividual variability" in lines[page + 1]
    easy = next(line for line in lines if line.endswith("  faq.md"))
    assert "hardest" not in lines[lines.index(easy) + 1]


def test_the_about_page_shows_the_reading_grade_of_every_other_page(project: Path) -> None:
    code, output = check(project)
    assert code == 0, output
    graded = {line.split()[-1]: line.split()[0] for line in output.splitlines()
              if line.startswith("  ") and line.strip()[0].isdigit()}
    result = CliRunner().invoke(main, ["render", "--project", str(project)])
    assert result.exit_code == 0
    about = (project / "rendered" / "docs" / "about.md").read_text()
    for page, grade in graded.items():
        if page != "about.md":
            assert f"({page}) | {grade} |" in about, page
