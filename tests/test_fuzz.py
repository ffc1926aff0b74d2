"""Fuzzing: whatever an editor does to a valid file, the generator answers cleanly.

Hypothesis takes the valid files of the minimal fixture, breaks one of them (drops a key,
retypes or garbles a value, duplicates or garbles a key, truncates the file, sprinkles YAML
punctuation into it) and runs the command line on a project whose site/ is already built.
The answer must be a clean success or a clean failure: no traceback, exit code 0 or 1, and
after a failure site/ exactly as it was with no scratch folder left behind.
"""

from __future__ import annotations

import shutil
import tempfile
import traceback
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main

from .conftest import FIXTURES, make_project, snapshot

CONTENT = FIXTURES / "minimal" / "content"
FILES = sorted(p.relative_to(CONTENT).as_posix() for p in CONTENT.rglob("*.y*ml"))
PUNCTUATION = ":-[]{}#&*!|>'\"%@`,?\t\n "
CONSTRUCTS = ["{ hidden }", "{: .x }", "{#id}", "{ contenteditable }", "{phone}", "\n*[Word]: x",
              "[TOC]", "\n> [r]: javascript:alert(1)", "\n- [r]: javascript:alert(1)", "[x][r]",
              "\u202e", "\u200b", "\u2066", "\ufeff"]
"""Markdown (and characters) that would change text silently: refused, never built."""

# --- mutations -------------------------------------------------------------------------------


def paths_in(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a key or list item inside parsed YAML data."""
    found = []
    children = data.items() if isinstance(data, dict) else (
        enumerate(data) if isinstance(data, list) else ())
    for key, value in children:
        found.append((*at, key))
        found += paths_in(value, (*at, key))
    return found


def parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def odd_values() -> st.SearchStrategy[Any]:
    """Values of the wrong type, or text an editor would never mean."""
    return st.one_of(
        st.lists(st.text(max_size=10), max_size=3),
        st.integers(),
        st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=8), max_size=3),
        st.none(),
        st.booleans(),
        st.floats(allow_nan=True),
        st.text(max_size=40),
    )


@st.composite
def structural_mutation(draw: st.DrawFn, text: str) -> str:
    """Drop, retype or garble a value, or garble a key, in the parsed data; write it back."""
    data = yaml.safe_load(text)
    path = draw(st.sampled_from(paths_in(data)))
    parent, key = parent_of(data, path), path[-1]
    kind = draw(st.sampled_from(["drop", "retype", "garble-key"]))
    if kind == "drop":
        del parent[key]
    elif kind == "retype":
        parent[key] = draw(odd_values())
    elif isinstance(parent, dict):
        new_key = draw(st.text(min_size=1, max_size=12))
        parent[new_key] = parent.pop(key)
    else:
        parent[key] = {draw(st.text(min_size=1, max_size=12)): parent[key]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def textual_mutation(draw: st.DrawFn, text: str) -> bytes:
    """Duplicate a line (so a key), truncate the file, or insert YAML punctuation, Markdown
    that changes text silently, or any characters at all (control characters included)."""
    kind = draw(st.sampled_from(["duplicate-line", "truncate", "punctuation", "unicode",
                                 "markdown"]))
    if kind == "duplicate-line":
        lines = text.splitlines(keepends=True)
        i = draw(st.integers(0, len(lines) - 1))
        return "".join(lines[: i + 1] + [lines[i]] + lines[i + 1:]).encode()
    raw = text.encode()
    if kind == "truncate":
        return raw[: draw(st.integers(0, len(raw) - 1))]
    at = draw(st.integers(0, len(text)))
    inserted = draw(st.text(alphabet=PUNCTUATION, min_size=1, max_size=6) if kind == "punctuation"
                    else st.sampled_from(CONSTRUCTS) if kind == "markdown"
                    else st.text(min_size=1, max_size=10))
    return (text[:at] + inserted + text[at:]).encode()


@st.composite
def broken_file(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(FILES))
    text = (CONTENT / name).read_text(encoding="utf-8")
    if draw(st.booleans()):
        return name, draw(structural_mutation(text)).encode()
    return name, draw(textual_mutation(text))


# --- the property ----------------------------------------------------------------------------


class Built:
    """A built minimal project and the snapshot of its site/ (kept out of Hypothesis' reports)."""

    def __init__(self, project: Path):
        self.project = project
        self.site = snapshot(project / "site")

    def __repr__(self) -> str:
        return f"Built({self.project})"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = make_project(tmp_path_factory.mktemp("fuzz") / "project")
    result = CliRunner().invoke(main, ["build", "--project", str(project)])
    assert result.exit_code == 0, result.output
    return Built(project)


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(name for name in before.keys() | after.keys()
                  if before.get(name) != after.get(name))


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(broken=broken_file(), command=st.sampled_from(["check"] * 4 + ["build"]))
def test_any_broken_file_gets_a_clean_answer(built, broken, command):
    name, data = broken
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "project"
        shutil.copytree(built.project, project)
        (project / "content" / name).write_bytes(data)

        result = CliRunner().invoke(main, [command, "--project", str(project)])

        output = result.output
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            output += "".join(traceback.format_exception(result.exception))
        assert "Traceback" not in output, output
        assert result.exit_code in (0, 1), output
        if result.exit_code == 1:
            assert not changed_files(built.site, snapshot(project / "site")), output
            assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]
