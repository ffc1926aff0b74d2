"""Stage 4: write the rendered folder and build the site with MkDocs, atomically.

    content/ --load+validate--> Content --render--> rendered/ --mkdocs--> site/

Everything is read and validated before anything is written. The site is
built into a temporary folder next to `site/` and swapped in only when the
whole build succeeded, so a failed build leaves the previous `site/` as it was.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from .errors import BuildError, Problem
from .parallel import Background
from .slim import slim_site, trimmed_names
from .survey import PageSurvey, survey_site
from .template_cache import CACHE_ROOT, speed_up_theme

if TYPE_CHECKING:  # the content model is imported where it is used: see `build`
    from mkdocs.plugins import BasePlugin

    from .content import Content
    from .render import RenderedSite
    from .survey import Findings  # noqa: F401 - for the annotations
    from .validate import Validated

RENDERED_DIR = "rendered"
SITE_DIR = "site"
CONFIG_FILE = "mkdocs.yml"
STYLESHEET_CACHE = CACHE_ROOT / "stylesheets"


@dataclass(frozen=True)
class PageGrade:
    """Reading grade of one rendered page, and the content file it comes from."""

    page: str
    source: str
    grade: float


def render(project: Path, share: bool = False) -> tuple[Validated, RenderedSite]:
    """Validate all content, then write the Markdown folder that mkdocs.yml points at.

    With `share`, option files are read and pages rendered on every core (see `parallel`)."""
    from .render import render_site
    from .validate import load_content

    validated = load_content(project, share_reading=share)
    rendered = render_site(validated.content, project, share=share)
    sync_tree(rendered.files(), project / RENDERED_DIR)
    return validated, rendered


def build(project: Path, site_dir: Path | None = None) -> list[Problem]:
    """Render, then build the site; `site_dir` is replaced only if the build succeeds.

    Validating and rendering run in a second process where that is possible,
    while this one loads MkDocs; returns the content warnings."""
    project = project.resolve()
    with PageSurvey.started() as survey:
        with Background(_render_for_build, project) as rendering:
            _load_mkdocs(project)
        warnings = rendering.result()
        target = (site_dir or project / SITE_DIR).resolve()
        with _temporary_sibling(target) as scratch:
            findings = _build_and_survey(project, scratch, survey)
            _finish(project, scratch, findings)
            swap_in(scratch, target)
    return warnings


def _finish(project: Path, scratch: Path, findings: Findings) -> None:
    """Make the built site lighter, and refuse it if a page would load anything from outside."""
    _drop_template_copies(scratch)
    slim_site(scratch, project / STYLESHEET_CACHE, findings.use)
    if findings.problems:
        raise BuildError("pages would load files from outside the site, which fails "
                         "offline and leaks visits:\n" + "\n".join(findings.problems))


def _build_and_survey(project: Path, scratch: Path, survey: PageSurvey | None) -> Findings:
    """Build the site with MkDocs while `survey`, if any, looks at each page as it is written;
    what the pages use, and what in them would load from outside the site."""
    run_mkdocs(project, scratch, observers=[survey.observer()] if survey else [],
               trimmed_stylesheets=trimmed_names(project / STYLESHEET_CACHE))
    return survey.findings(scratch) if survey else survey_site(scratch)


def _render_for_build(project: Path) -> list[Problem]:
    """`render` on every core, keeping only what `build` needs back: the warnings."""
    validated, _ = render(project, share=True)
    return validated.warnings


def _load_mkdocs(project: Path) -> None:
    """Import MkDocs, Markdown and the plugins and Markdown extensions mkdocs.yml names, which
    every build needs before its first page. A name that does not import is left for MkDocs
    to report."""
    import markdown  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config.defaults  # noqa: F401

    for module in _configured_modules(project / CONFIG_FILE):
        with contextlib.suppress(Exception):
            importlib.import_module(module)


def _configured_modules(config_file: Path) -> list[str]:
    """The modules of the plugins and Markdown extensions a mkdocs.yml names."""
    import yaml

    class AnyTags(yaml.SafeLoader):
        """Reads !ENV, !relative and other tags as plain values."""

    AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=AnyTags)  # noqa: S506
    except (OSError, yaml.YAMLError):
        return []
    config = config if isinstance(config, dict) else {}
    entries = {(group, entry.name): entry.value.split(":")[0] for group in
               ("mkdocs.plugins", "markdown.extensions") for entry in entry_points(group=group)}
    theme = config.get("theme")
    theme = theme.get("name") if isinstance(theme, dict) else theme  # its plugins come first
    modules = []
    for group, key in (("mkdocs.plugins", "plugins"), ("markdown.extensions", "markdown_extensions")):
        for item in config.get(key) or []:
            name = next(iter(item)) if isinstance(item, dict) and item else item
            if isinstance(name, str):
                modules.append(entries.get((group, f"{theme}/{name}"))
                               or entries.get((group, name), name.split(":")[0]))
    return modules


def run_mkdocs(project: Path, site_dir: Path, observers: Sequence[BasePlugin] = (),
               **extra: object) -> None:
    """Build `site_dir` from the rendered folder with MkDocs in strict mode; `extra` is added to
    mkdocs.yml's `extra:` for the templates, `observers` to its plugins, for this build only."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _captured_mkdocs_log() as messages:
        try:
            config = load_config(config_file=str(project / CONFIG_FILE),
                                 site_dir=str(site_dir), strict=True)
            config.extra.update(extra)
            for number, observer in enumerate(observers):
                config.plugins[f"patient-site/observer-{number}"] = observer
            speed_up_theme(config.theme, project)
            mkdocs_build(config)
        except jinja2.TemplateError as error:
            from .render import template_problem

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


@contextmanager
def _temporary_sibling(target: Path) -> Iterator[Path]:
    """A scratch folder beside `target` (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    scratch.chmod(0o777 & ~umask)  # mkdtemp makes it private; site/ must be as readable as any folder
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def swap_in(new: Path, target: Path) -> None:
    """Put `new` where `target` is, then delete the old one."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _drop_template_copies(site: Path) -> None:
    """MkDocs copies every non-HTML file in the theme folder; page templates are not site files."""
    for template in site.glob("*.md.j2"):
        template.unlink()


def sync_tree(files: dict[str, bytes], folder: Path) -> list[str]:
    """Make `folder` hold exactly `files`, touching only files that changed.

    Unchanged files keep their timestamps, so a live preview rebuilds only when
    something really changed. Returns the paths written or removed."""
    changed = []
    for relative, data in files.items():
        path = folder / relative
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed.append(relative)
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and relative not in files:
                path.unlink()
                changed.append(relative)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed


def reading_grades(content: Content, rendered: RenderedSite) -> list[PageGrade]:
    """Flesch-Kincaid grade of each rendered page's prose."""
    from .readability import grade_of_markdown  # loads a hyphenation dictionary: only for check

    return [PageGrade(page.path, source_of(page.path, content), grade_of_markdown(page.markdown))
            for page in rendered.pages]


def source_of(page_path: str, content: Content) -> str:
    """The content file a rendered page comes from."""
    if page_path.startswith("options/"):
        return f"content/{page_path[:-3]}.yaml"
    if page_path.startswith("pathway/") and page_path != "pathway/index.md":
        return f"content/pathways/{page_path.split('/')[1].removesuffix('.md')}.yaml"
    return {"faq.md": "content/faqs.yaml", "tips.md": "content/tips.yaml",
            "glossary.md": "content/glossary.yaml",
            "compare.md": "content/comparisons.yaml"}.get(page_path, "content/site.yaml")


def grade_problems(grades: list[PageGrade], budget: float) -> list[Problem]:
    """An error for each page whose reading grade is above the budget."""
    return [Problem(g.source, 1, f"page {g.page} reads at grade {g.grade}, above the budget of "
                    f"{budget}; use shorter sentences and everyday words")
            for g in grades if g.grade > budget]
