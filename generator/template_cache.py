"""Keep compiled Jinja templates between builds, for our templates and for MkDocs' theme.

Compiling templates is a fixed cost of every build, whatever changed: MkDocs
compiles Material's 43 templates (about 0.15 s, an eighth of MkDocs' work on the
shipped content) and we compile our 15. Jinja can keep the compiled code on disk,
like Python's `__pycache__`, and reuses it only while the template's source is
byte-for-byte the same and the Python version matches. The folder name also
carries the Jinja version and the environment's compile settings, so a changed
setting never meets old code.

The cache is best effort: a read-only project or a damaged cache file only means
compiling again. Delete `.cache/` at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

CACHE_ROOT = Path(".cache") / "patient-site"
"""Where builds keep what they can reuse: delete it at any time."""
CACHE_DIR = CACHE_ROOT / "templates"


class BestEffortCache(jinja2.FileSystemBytecodeCache):
    """A bytecode cache whose failures fall back to compiling, never stop a build."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # any damage (truncated pickle, bad marshal data...): compile
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a read-only cache: compile next time too
            super().dump_bytecode(bucket)


def cache_templates(env: jinja2.Environment, project: Path, name: str) -> None:
    """Give `env` a compiled-template cache under the project's `.cache/` folder."""
    folder = project / CACHE_DIR / f"{name}-{_compile_settings(env)}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    env.bytecode_cache = BestEffortCache(str(folder))


def _compile_settings(env: jinja2.Environment) -> str:
    """A short fingerprint of everything that changes the code Jinja compiles."""
    settings: list[Any] = [
        jinja2.__version__, sorted(env.extensions), env.block_start_string,
        env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
        env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
        env.keep_trailing_newline, env.optimized, _name_of(env.autoescape),
        _name_of(env.finalize), env.is_async,
    ]
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:12]


def _name_of(value: object) -> str:
    """Stable text for a setting that may be a function (its name, not its address)."""
    return getattr(value, "__qualname__", repr(value)) if callable(value) else repr(value)


class SkipHiddenLoader(jinja2.FileSystemLoader):
    """A theme loader that does not walk hidden folders when listing its files.

    MkDocs lists every file of the theme to copy the static ones, then drops any
    path with a hidden part. Material keeps about 14,000 icons in `.icons/`, so the
    walk alone took 0.05 s; skipping hidden folders lists exactly the same files
    MkDocs would keep."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for folder, subfolders, filenames in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [d for d in subfolders if not d.startswith(".")]
                relative = Path(folder).relative_to(searchpath)
                found.update((relative / f).as_posix() for f in filenames)
        return sorted(found)


def speed_up_theme(theme: Any, project: Path) -> None:
    """Make MkDocs' theme environment list files without hidden folders and cache templates.

    `theme` is the `mkdocs.theme.Theme` of a loaded config; MkDocs asks it for a
    fresh environment on each build."""
    make_environment = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_environment()
        env.loader = SkipHiddenLoader(theme.dirs)
        cache_templates(env, project, "theme")
        return env

    theme.get_env = get_env
