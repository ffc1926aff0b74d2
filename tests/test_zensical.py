"""The rendered folder builds with Zensical, Material's successor, as the README says.

`scripts/setup --test` installs the newest Zensical that installs here into .venv-zensical/;
where none could be installed, this test is skipped and says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"


def zensical() -> str:
    found = str(ZENSICAL) if ZENSICAL.exists() else shutil.which("zensical")
    if found is None:
        pytest.skip("Zensical is not installed (scripts/setup --test could not install it)")
    return found


def test_zensical_builds_every_page_with_search(shipped_project: Path) -> None:
    command = zensical()
    # The README's instructions: render, then build with Zensical in the project folder.
    rendered = CliRunner().invoke(main, ["render", "--project", str(shipped_project)])
    assert rendered.exit_code == 0, rendered.output
    result = subprocess.run([command, "build"], cwd=shipped_project, capture_output=True,
                            text=True, timeout=300, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "error" not in output.lower(), output
    docs = shipped_project / "rendered" / "docs"
    site = shipped_project / "site"
    for page in docs.rglob("*.md"):
        html = site / page.relative_to(docs).with_suffix(".html")
        assert html.is_file(), f"Zensical left out {html.relative_to(site)}"
        text = html.read_text(encoding="utf-8")
        assert "assets/javascripts/site.js" in text and "Content-Security-Policy" in text
    assert (site / "search" / "search_index.js").is_file()


def test_zensical_builds_each_translation_with_its_switcher(shipped_project: Path) -> None:
    command = zensical()
    rendered = CliRunner().invoke(main, ["render", "--no-handouts", "--project",
                                         str(shipped_project)])
    assert rendered.exit_code == 0, rendered.output
    configs = sorted((shipped_project / "rendered").glob("*/mkdocs.yml"))
    assert [c.parent.name for c in configs] == ["es"], "the shipped content is built in Spanish"
    for config in configs:
        # The README's instructions for a translation: build its config, copy its site in.
        result = subprocess.run([command, "build", "-f", str(config)], cwd=shipped_project,
                                capture_output=True, text=True, timeout=300, check=False)
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        assert "error" not in output.lower(), output
        docs, built = config.parent / "docs", config.parent / "site"
        for page in docs.rglob("*.md"):
            html = built / page.relative_to(docs).with_suffix(".html")
            assert html.is_file(), f"Zensical left out {html.relative_to(built)}"
            text = html.read_text(encoding="utf-8")
            assert f'<html lang="{config.parent.name}"' in text, html
            switches = re.findall(r'<a class="ps-language" href="([^"]+)" hreflang="en"', text)
            assert len(switches) == 1, html  # the other language, and not this one
            english = shipped_project / "rendered" / "docs" / page.relative_to(docs)
            assert ((shipped_project / "site" / config.parent.name / page.relative_to(docs)
                     ).parent / switches[0]).resolve() == (
                shipped_project / "site" / english.relative_to(shipped_project / "rendered"
                                                              / "docs").with_suffix(".html")
            ).resolve(), html
        assert (built / "search" / "search_index.js").is_file()
