"""Live preview: re-render when content or a template changes; MkDocs serves and reloads.

We watch content/ and the page templates. On a change we re-render into the
rendered folder, writing only files that changed; `mkdocs serve` watches that
folder, rebuilds and reloads the browser. A bad edit is printed in the terminal
and shown at the top of every page (rendered from the last good content), and
the preview recovers on the next good save.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

import click

from .content.model import Content
from .content.validate import CONTENT_DIR, load_content
from .errors import ContentError, Problem
from .handouts.cache import CACHE_DIR
from .handouts.stage import make_handouts
from .render.environment import TEMPLATE_OVERRIDES_DIR, TEMPLATES_DIR, Strings
from .render.languages import CONFIG_FILE
from .render.navigation import generated_config
from .render.render import (
    DOCS_SUBDIR,
    GENERATED_CONFIG,
    RENDERED_DIR,
    RenderedSite,
    render_site,
    write_folder,
)

PREVIEW_HOOK = Path(__file__).parent / "site" / "preview_hook.py"
"""An MkDocs hook (mkdocs.yml's `hooks:`, set for the preview only) that loosens the
Content-Security-Policy for MkDocs' live-reload script."""

DEBOUNCE_SECONDS = 0.2
CHANGES = {"modified", "created", "deleted", "moved", "closed"}
"""Watchdog event types that mean a file changed ("closed" is closed after writing)."""


class Previewer:
    """Keeps the rendered folder in step with content, remembering the last good content."""

    def __init__(self, project: Path, handouts: bool = False, language: str | None = None):
        self.project = project
        self.handouts = handouts
        """Also make the printable handouts (slower on each save where they changed)."""
        self.language = language
        """The translation to preview (`es`), or None for the main language."""
        self.last_good: Content | None = None
        self.main_config: dict[str, bytes] = {}
        """The main language's generated.yml, which a translation's preview needs too."""
        self.lock = threading.Lock()

    def refresh(self) -> list[Problem]:
        """Re-render; on bad content, render the last good content with the problems on top."""
        with self.lock:
            try:
                content = self._load()
                problems: list[Problem] = []
                self.last_good = content
            except ContentError as error:
                if self.last_good is None:
                    raise
                content, problems = self.last_good, error.problems
            rendered = render_site(content, self.project, preview_problems=problems,
                                   handouts=self.handouts)
            files = {path.removeprefix(rendered.folder): data
                     for path, data in rendered.files().items()}
            rendered_dir = self.project / RENDERED_DIR
            if self.handouts:
                made = make_handouts(content, self.project)
                files |= {f"{DOCS_SUBDIR}/{path}": data for path, data in made.files.items()}
                _write_new(made.cache, rendered_dir)  # the cache every language shares
                problems = problems + made.warnings
            if rendered.folder and self.main_config:  # a translation's config inherits
                _write_new(self.main_config, rendered_dir)  # mkdocs.yml, which inherits this
            folder = rendered_dir / rendered.folder
            others = {f"{code}/" for code in content.languages() if code != content.main_language}
            leave = (CACHE_DIR + "/",) + (() if rendered.folder else tuple(others))
            changed = write_folder(files, folder, leave=leave)
            if {GENERATED_CONFIG, CONFIG_FILE} & set(changed):  # navigation or settings changed:
                _touch_all(folder / DOCS_SUBDIR)  # rebuild every page
            return problems

    def _load(self) -> Content:
        """The content of the language previewed (only the main language's files are read
        when that is the one)."""
        validated = load_content(self.project, translations=self.language is not None)
        main = validated.content
        if self.language is None or self.language == main.site.language:
            return main
        if self.language not in validated.translations:
            raise click.UsageError(f"the site is not built in '{self.language}': its languages "
                                   f"are {', '.join(main.languages())}")
        config = generated_config(main, Strings(main.language))  # what mkdocs.yml inherits
        self.main_config = {GENERATED_CONFIG: RenderedSite([], config).files()[GENERATED_CONFIG]}
        return validated.translations[self.language]

    def config_file(self) -> Path:
        """The MkDocs config of the language previewed."""
        if self.last_good is None or not self.last_good.folder_of(self.last_good.language):
            return self.project / CONFIG_FILE
        return self.project / RENDERED_DIR / self.last_good.language / CONFIG_FILE


def _write_new(files: dict[str, bytes], folder: Path) -> None:
    """Write the files that are new or changed, deleting nothing."""
    for relative, data in files.items():
        path = folder / relative
        if not (path.is_file() and path.read_bytes() == data):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def _show_mkdocs_messages() -> None:
    """Print MkDocs' progress and warnings in the terminal, as `mkdocs serve` does."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    # We ask for dirty rebuilds on purpose and rebuild every page when navigation changes.
    handler.addFilter(lambda record: not record.getMessage().startswith("A 'dirty' build"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _touch_all(folder: Path) -> None:
    """Mark every page as changed, so MkDocs' dirty rebuild rebuilds them all."""
    for path in folder.rglob("*.md"):
        path.touch()


def serve(project: Path, host: str, port: int, handouts: bool = False,
          language: str | None = None) -> None:
    """Render once, then watch for changes and run MkDocs' live-reload server. Handouts
    (PDFs) are made only when asked: pages then link them. One language is previewed: the
    main one, or the translation `language`."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    previewer = Previewer(project, handouts, language)
    previewer.refresh()
    pending = threading.Event()

    class OnChange(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            # Reading files while rendering raises "opened" events; reacting to those
            # would re-render for ever. Only changes count.
            # Many editors save to a temporary file and rename it over the real one: that
            # is a move whose destination, not its source, is the content file.
            paths = (str(event.src_path), str(getattr(event, "dest_path", "") or ""))
            if event.event_type in CHANGES and any(
                    path.endswith((".yaml", ".yml", ".j2")) for path in paths):
                pending.set()

    observer = Observer()
    for folder in (project / CONTENT_DIR, project / TEMPLATE_OVERRIDES_DIR, TEMPLATES_DIR):
        if folder.is_dir():
            observer.schedule(OnChange(), str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    threading.Thread(target=_rerender_loop, args=(previewer, pending), daemon=True).start()
    try:
        # "dirty": MkDocs rebuilds only the pages whose Markdown changed; we re-render
        # every page but write only those that differ, and touch all when navigation changes.
        # Not strict: MkDocs warns that dirty builds are for previews, and a preview should
        # show a broken link as a warning rather than stop.
        _show_mkdocs_messages()
        mkdocs_serve(config_file=str(previewer.config_file()), dev_addr=f"{host}:{port}",
                     livereload=True, build_type="dirty", strict=False,
                     hooks=[str(PREVIEW_HOOK)])
    finally:
        observer.stop()


def _rerender_loop(previewer: Previewer, pending: threading.Event) -> Any:
    """Re-render after each burst of saves. A save that arrives while a render runs sets
    `pending` again, so another render follows: no save is lost."""
    while True:
        pending.wait()
        time.sleep(DEBOUNCE_SECONDS)
        pending.clear()
        try:
            problems = previewer.refresh()
        except Exception as error:  # keep the preview alive whatever an edit does
            click.echo(f"Preview not updated: {error}", err=True)
            continue
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo("Preview updated." if not problems else
                   f"{len(problems)} problem(s); showing the last good version.", err=True)
