"""Run MkDocs (with the Material theme) on the rendered folder, as `mkdocs build --strict` would.

MkDocs' messages are collected instead of scrolling past, and any failure becomes a
BuildError that says what went wrong. Nothing of MkDocs is patched: the build reads
`mkdocs.yml` like the `mkdocs` command does, with only the output folder changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jinja2

from ..errors import BuildError


def run_mkdocs(config_file: Path, site_dir: Path) -> None:
    """Build `site_dir` with MkDocs in strict mode, from a config file (`mkdocs.yml`, or a
    translation's `rendered/es/mkdocs.yml`) and the rendered folder it names."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _captured_mkdocs_log() as messages:
        try:
            config = load_config(config_file=str(config_file),
                                 site_dir=str(site_dir), strict=True)
            mkdocs_build(config)
        except jinja2.TemplateError as error:
            from ..render.environment import template_problem

            raise BuildError(str(template_problem(error))) from None
        except (MkDocsException, OSError) as error:
            details = [*messages, *([str(error)] if str(error) not in "\n".join(messages) else [])]
            raise BuildError("the site builder (MkDocs) failed:\n" + "\n".join(details)) from None
        except SystemExit as error:  # MkDocs' Abort in strict mode
            raise BuildError("the site builder (MkDocs) stopped:\n" + "\n".join(messages)) from error


@contextmanager
def _captured_mkdocs_log() -> Iterator[list[str]]:
    """Collect MkDocs' warnings and errors instead of letting them scroll past."""
    messages: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(f"{record.levelname}: {record.getMessage()}")

    handler = Collector(level=logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
