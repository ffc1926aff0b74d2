"""The benchmark suite still runs: one tiny pass of `python -m benchmarks.run --quick`.

No timing is asserted here; the benchmarks print figures for a person or a script to read.
This only keeps the suite from rotting: every section must run and print its table.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from benchmarks.synthetic import pack_files, write_pack
from generator.content.validate import load_content

ROOT = Path(__file__).resolve().parent.parent


def test_the_quick_benchmark_runs_every_section():
    result = subprocess.run([sys.executable, "-m", "benchmarks.run", "--quick"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for header in ("## Generator overhead", "## Scale", "## One category", "## Preview",
                   "## Handouts", "## Targets"):
        assert header in result.stdout, f"{header!r} missing from:\n{output}"


def test_a_synthetic_pack_is_valid_content_and_deterministic(tmp_path):
    project = write_pack(tmp_path / "pack", 30)
    content = load_content(project).content
    assert len(content.options) == 30
    assert content.pathways and content.comparisons
    assert all(len(t.options) == 5 for t in content.comparisons.tables)
    assert pack_files(30) == pack_files(30)
    assert (project / "mkdocs.yml").read_text() == (ROOT / "mkdocs.yml").read_text()
    yaml.safe_load((project / "content" / "glossary.yaml").read_text())


def test_the_stage_timer_runs_and_sums_our_part():
    result = subprocess.run([sys.executable, "-m", "benchmarks.stages", "--options", "10",
                             "--runs", "1"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    for stage in ("import our code", "load and validate", "render en", "MkDocs en (plain too)",
                  "check pages en", "ours (the stages MkDocs alone would not run)"):
        assert f"| {stage}" in result.stdout or f"**{stage}**" in result.stdout, result.stdout
