"""The navigation stays the same size however many options a category holds."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from benchmarks.synthetic import write_pack
from generator.cli import main
from generator.render.pages import OPTIONS_IN_NAVIGATION


def rendered_nav(project: Path) -> list:
    result = CliRunner().invoke(main, ["render", "--project", str(project)])
    assert result.exit_code == 0, result.output
    return yaml.safe_load((project / "rendered" / "generated.yml").read_text())["nav"]


def section(nav: list, name: str) -> list:
    return next(entry[name] for entry in nav if name in entry)


def test_a_large_category_links_a_page_that_lists_all_its_options(tmp_path: Path) -> None:
    count = OPTIONS_IN_NAVIGATION + 5
    project = write_pack(tmp_path / "pack", count, one_category=True)
    options = section(rendered_nav(project), "Your options")
    (category,) = options
    entries = category["Longer-lasting procedures"]
    assert entries[0] == {"See them all": "categories/procedures.md"}
    assert len(entries) == OPTIONS_IN_NAVIGATION + 1
    listing = (project / "rendered" / "docs" / "categories" / "procedures.md").read_text()
    assert listing.count("](../options/") == count


def test_a_small_category_lists_every_option_and_has_no_page_of_its_own(project: Path) -> None:
    nav = rendered_nav(project)
    assert not (project / "rendered" / "docs" / "categories").exists()
    listed = [path for group in section(nav, "Your options") for entries in group.values()
              for entry in entries for path in entry.values()]
    assert sorted(listed) == ["options/another-one.md", "options/test-one.md"]
