"""Look at each built page while MkDocs builds the next ones.

After MkDocs, the build needs two facts about every page: what it uses (classes, scripts,
stylesheets: for `slim.slim_site`) and whether it would load anything from outside the site
(`offline.page_problems`). MkDocs builds pages one after another on one core, so on a machine
with two, `PageSurvey` looks at each page in a forked process as MkDocs writes it: MkDocs
hands it the page's HTML (an observer added to MkDocs' plugins for this build only), and when
MkDocs is done, the findings are ready without reading the site again.

Where forking is not possible, or a page was written some other way, the same findings are
made from the built files (`survey_site`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import parallel
from .offline import page_problems
from .parallel import Background
from .slim import SiteUse, built_pages, site_use


@dataclass(frozen=True)
class Findings:
    """What the built pages use, and what in them would load from outside the site."""

    use: SiteUse
    problems: tuple[str, ...]
    """`page: problem` for everything a page would load from outside the site."""
    pages: frozenset[str]
    """The pages looked at, relative to the site."""


def survey(pages: Iterable[tuple[str, str]]) -> Findings:
    """The findings for `pages`, (path relative to the site, HTML) pairs."""
    seen: list[str] = []
    problems: list[str] = []

    def texts() -> Iterator[str]:
        for path, html in pages:
            seen.append(path)
            problems.extend(f"{path}: {problem}" for problem in page_problems(html))
            yield html

    use = site_use(texts())
    return Findings(use, tuple(problems), frozenset(seen))


def survey_site(site: Path, seen: Findings | None = None) -> Findings:
    """The findings for the built site: `seen`, if it covers every page, or else read from the
    built files (no survey, or a page that reached the site some other way)."""
    pages = built_pages(site)
    if seen is not None and {path.relative_to(site).as_posix() for path in pages} <= seen.pages:
        return seen
    return survey((path.relative_to(site).as_posix(), path.read_text(encoding="utf-8"))
                  for path in pages)


PIPE_SIZE = 1 << 20
"""Bytes the pipe to the survey holds, so that MkDocs seldom waits for it to read."""


class PageSurvey:
    """A forked process that surveys each page MkDocs writes.

    Start it early, while this process is small: a forked process shares this one's memory
    until it ends, and every page of it this process then writes to is copied first (started
    after MkDocs had loaded, it slowed the build by 50 ms at 100 options). Then use it as a
    `with` block around the MkDocs build, with `observer()` among MkDocs' plugins, and ask for
    its `findings(site)` at the end."""

    def __init__(self) -> None:
        read_end, self._write_end = os.pipe()
        with contextlib.suppress(ImportError, AttributeError, OSError):  # Linux: room for pages
            import fcntl

            fcntl.fcntl(self._write_end, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
        try:
            self._process = Background(_survey_received, read_end, self._write_end, fork=True)
        except OSError:  # no process to be had: the caller reads the built files instead
            os.close(self._write_end)
            raise
        finally:
            os.close(read_end)  # the forked process reads; this one only writes
        self._broken = False
        self._closed = False

    @staticmethod
    def possible() -> bool:
        """Whether a second process can survey the pages (else: `survey_site` afterwards)."""
        return parallel.second_core_free()

    @classmethod
    def started(cls) -> contextlib.AbstractContextManager[PageSurvey | None]:
        """A running survey, or None where there can be none (then read the built files)."""
        if cls.possible():
            with contextlib.suppress(OSError):  # out of processes or file descriptors
                return cls()
        return contextlib.nullcontext()

    def __enter__(self) -> PageSurvey:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def observer(self) -> Any:
        """An MkDocs plugin that hands this survey every page MkDocs writes (import MkDocs first)."""
        return _observer_class()(self)

    def send(self, path: str, html: str) -> None:
        """Hand one page to the survey."""
        if not (self._broken or self._closed):
            self._broken = not _write(self._write_end, (path, html))

    def close(self) -> None:
        """End the survey and wait for its process."""
        if not self._closed:
            self._closed = True
            _write(self._write_end, None)
            os.close(self._write_end)
        self._process.wait()

    def findings(self, site: Path) -> Findings:
        """The survey's findings, completed from the built files for any page it did not see."""
        self.close()
        try:
            seen = None if self._broken else self._process.result()
        except Exception:  # noqa: BLE001 - a survey that failed is made again from the files
            seen = None
        return survey_site(site, seen)


def _write(write_end: int, message: object) -> bool:
    """Send one message (length, then pickle); False if the survey process is gone."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(8, "little") + data)
    try:
        while view:
            view = view[os.write(write_end, view):]
    except OSError:
        return False
    return True


def _survey_received(read_end: int, write_end: int) -> Findings:
    """In the forked process: survey the pages the build sends, until it sends None."""
    os.close(write_end)  # so that, should the build stop without a word, reading ends

    def received() -> Iterator[tuple[str, str]]:
        with os.fdopen(read_end, "rb") as pipe:
            while len(header := pipe.read(8)) == 8:
                message = pickle.loads(pipe.read(int.from_bytes(header, "little")))
                if message is None:
                    return
                yield message

    return survey(received())


@functools.cache
def _observer_class() -> type:
    from mkdocs.plugins import BasePlugin, event_priority

    class Observer(BasePlugin):  # type: ignore[type-arg]
        """Hands every page's final HTML, as MkDocs writes it, to the survey."""

        def __init__(self, survey: PageSurvey) -> None:
            super().__init__()
            self._survey = survey

        @event_priority(-100)  # after every other plugin: the HTML as written
        def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str | None:
            if output is not None:
                self._survey.send(page.file.dest_uri, output)
            return output

        @event_priority(-100)
        def on_post_template(self, output_content: str, /, *, template_name: str,
                             config: Any) -> str | None:
            if template_name.endswith(".html") and output_content.strip():
                self._survey.send(template_name, output_content)
            return output_content

    return Observer
