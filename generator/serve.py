"""Live preview: on a save, re-render and rebuild in one step; MkDocs' server serves and reloads.

MkDocs' live-reload server watches content/, the page templates and mkdocs.yml itself. On a
change its builder does both stages in order: our re-render into the rendered folder (writing
only files that changed), then MkDocs' dirty build (rebuilding only the pages whose Markdown
changed). One watcher and one wait, rather than ours and then MkDocs' own on the rendered
folder. A bad edit is printed in the terminal and shown at the top of every page (rendered
from the last good content), and the preview recovers on the next good save.
"""

from __future__ import annotations

import logging
import shutil
import signal
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import click
import jinja2

from .build import render_language
from .content.model import Content
from .content.validate import CONTENT_DIR, load_content
from .errors import ContentError, Problem
from .handouts.cache import CACHE_DIR
from .render.environment import TEMPLATE_OVERRIDES_DIR, TEMPLATES_DIR, Strings, make_environment
from .render.languages import CONFIG_FILE
from .render.navigation import generated_config
from .render.render import (
    DOCS_SUBDIR,
    GENERATED_CONFIG,
    RENDERED_DIR,
    generated_file,
    write_folder,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

PREVIEW_HOOK = Path(__file__).parent / "site" / "preview_hook.py"
"""An MkDocs hook (mkdocs.yml's `hooks:`, set for the preview only) that loosens the
Content-Security-Policy for MkDocs' live-reload script."""

POLLING_SECONDS = 0.1
"""How often MkDocs' server looks for changed files. Its default, 0.5 s, adds 0.25 s to a save
on average. Each look costs a stat of every watched file: while idle, the preview then uses
about 1% of a core at 100 options and 7% at 1,000 (measured)."""


@dataclass(frozen=True)
class Refreshed:
    """What one re-render did."""

    problems: list[Problem]
    """Problems with the content (the pages then show the last good content)."""
    changed: list[str]
    """Paths in the rendered folder written or removed."""


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
        self._env: jinja2.Environment | None = None
        self._templates: frozenset[Path] = frozenset()
        self._settings: int | None = None

    def refresh(self) -> Refreshed:
        """Re-render; on bad content, render the last good content with the problems on top.
        When navigation or settings (mkdocs.yml) changed, every page is marked changed."""
        with self.lock:
            try:
                content = self._load()
                problems: list[Problem] = []
                self.last_good = content
            except ContentError as error:
                if self.last_good is None:
                    raise
                content, problems = self.last_good, error.problems
            language = render_language(content, self.project, self._environment(),
                                       self.handouts, preview_problems=problems)
            rendered = language.site
            files = {path.removeprefix(rendered.folder): data
                     for path, data in language.files.items()}
            rendered_dir = self.project / RENDERED_DIR
            write_folder(language.cache, rendered_dir, prune=False)  # shared by every language
            problems = problems + language.warnings
            if rendered.folder and self.main_config:  # a translation's config inherits
                write_folder(self.main_config, rendered_dir, prune=False)  # mkdocs.yml, which
                                                                           # inherits this
            folder = rendered_dir / rendered.folder
            others = {f"{code}/" for code in content.languages() if code != content.main_language}
            leave = (CACHE_DIR + "/",) + (() if rendered.folder else tuple(others))
            changed = write_folder(files, folder, leave=leave)
            settings = self._settings_date()
            if {GENERATED_CONFIG, CONFIG_FILE} & set(changed) or (
                    self._settings is not None and settings != self._settings):
                _touch_all(folder / DOCS_SUBDIR)  # rebuild every page
                changed.append(CONFIG_FILE)
            self._settings = settings
            return Refreshed(problems, changed)

    def _environment(self) -> jinja2.Environment:
        """One Jinja environment across saves, so templates are compiled once. Jinja reloads
        a template whose file changed; a new environment is made when a template file is added
        or removed (a clinic's override then replaces ours)."""
        folders = (self.project / TEMPLATE_OVERRIDES_DIR, TEMPLATES_DIR)
        templates = frozenset(path for folder in folders if folder.is_dir()
                              for path in folder.rglob("*") if path.is_file())
        if self._env is None or templates != self._templates:
            self._env, self._templates = make_environment(self.project), templates
        return self._env

    def _settings_date(self) -> int | None:
        """When mkdocs.yml (the site's settings, which every page uses) last changed."""
        try:
            return (self.project / CONFIG_FILE).stat().st_mtime_ns
        except OSError:
            return None

    def _load(self) -> Content:
        """The content of the language previewed: the main language's files, and the
        translation's when one is previewed."""
        validated = load_content(self.project, translations=[self.language] if self.language
                                 else [])
        main = validated.content
        if self.language is None or self.language == main.site.language:
            return main
        if self.language not in validated.translations:
            raise click.UsageError(f"the site is not built in '{self.language}': its languages "
                                   f"are {', '.join(main.languages())}")
        config = generated_config(main, Strings(main.language))  # what mkdocs.yml inherits
        self.main_config = {GENERATED_CONFIG: generated_file(config)}
        return validated.translations[self.language]

    def config_file(self) -> Path:
        """The MkDocs config of the language previewed."""
        if self.last_good is None or not self.last_good.folder_of(self.last_good.language):
            return self.project / CONFIG_FILE
        return self.project / RENDERED_DIR / self.last_good.language / CONFIG_FILE

    def watched(self) -> list[Path]:
        """What a preview watches: content, the page templates (the clinic's and ours) and
        mkdocs.yml. Not the rendered folder: the preview writes that itself."""
        paths = [self.project / CONTENT_DIR, self.project / TEMPLATE_OVERRIDES_DIR, TEMPLATES_DIR,
                 self.project / CONFIG_FILE]
        return [path for path in paths if path.exists()]


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


def _stop(signum: int, frame: Any) -> NoReturn:
    raise KeyboardInterrupt


def serve(project: Path, host: str, port: int, handouts: bool = False,
          language: str | None = None) -> None:
    """Render once, then run MkDocs' live-reload server, whose builder re-renders and rebuilds
    on each save. Handouts (PDFs) are made only when asked: pages then link them. One language
    is previewed: the main one, or the translation `language`."""
    previewer = Previewer(project, handouts, language)
    previewer.refresh()  # bad content stops here, before serving: the command prints why
    site_dir = tempfile.mkdtemp(prefix="patient-site-preview-")
    try:
        _serve(previewer, host, port, site_dir)
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _serve(previewer: Previewer, host: str, port: int, site_dir: str) -> None:
    """As `mkdocs serve --dirty` does (mkdocs/commands/serve.py), with our re-render before
    each rebuild and MkDocs' server watching the sources instead of the rendered folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    def get_config() -> MkDocsConfig:
        # Not strict: MkDocs warns that dirty builds are for previews, and a preview should
        # show a broken link as a warning rather than stop.
        return load_config(config_file=str(previewer.config_file()), site_dir=site_dir,
                           dev_addr=f"{host}:{port}", strict=False, hooks=[str(PREVIEW_HOOK)])

    _show_mkdocs_messages()
    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    mount = urlsplit(config.site_url or "/").path.strip("/")  # a translation's is /es/
    mount_path = f"/{mount}/" if mount else "/"
    serve_url = f"http://{host}:{port}{mount_path}"
    config.site_url = serve_url
    site_is_current = True

    def builder(config: MkDocsConfig | None = None) -> None:
        nonlocal site_is_current
        if config is None:  # a save: re-render, then rebuild the pages whose Markdown changed
            try:
                refreshed = previewer.refresh()
            except Exception as error:  # keep the preview alive whatever an edit does
                click.echo(f"Preview not updated: {error}", err=True)
                return
            for problem in refreshed.problems:
                click.echo(str(problem), err=True)
            if not refreshed.changed and site_is_current:
                return  # such as an editor's swap file: nothing to rebuild
            config = get_config()
            config.site_url = serve_url
            site_is_current = False
            # "dirty": MkDocs rebuilds only the pages whose Markdown changed; the re-render
            # writes only those that differ, and touches all when navigation changes.
            build(config, serve_url=serve_url, dirty=True)
            site_is_current = True
            click.echo("Preview updated." if not refreshed.problems else
                       f"{len(refreshed.problems)} problem(s); showing the last good version.",
                       err=True)
        else:
            build(config, serve_url=serve_url, dirty=True)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir,
                              mount_path=mount_path, polling_interval=POLLING_SECONDS)

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    previous = signal.signal(signal.SIGTERM, _stop)  # `kill` stops cleanly, as Ctrl-C does
    try:
        builder(config)
        for path in previewer.watched():
            server.watch(str(path))
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            logging.getLogger("mkdocs").info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        signal.signal(signal.SIGTERM, previous)
        config.plugins.on_shutdown()
