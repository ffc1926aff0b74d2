"""`patient-site build`, stage by stage:

    content/ --load, validate--> Content --render, handouts--> rendered/ --MkDocs--> scratch
             --check--> site/

Everything is read and validated before anything is written. The site is built into a
scratch folder beside `site/` and swapped in only when the whole build succeeded, so a failed
build leaves the previous `site/` as it was. A build never writes over the project, its
sources, or a folder it did not build (`site/guard.py`). Builds into one folder take turns,
and a build cleans up after one that was killed (`site/swap.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from .content.model import Content
from .content.validate import Validated, load_content
from .errors import Problem
from .render.environment import make_environment
from .render.render import DOCS_SUBDIR, RENDERED_DIR, RenderedSite, render_site, write_folder
from .site.finish import finish_site
from .site.guard import checked_site_folder, mark_as_built
from .site.mkdocs import run_mkdocs
from .site.swap import one_build_at_a_time, recover, scratch_beside, swap_in

SITE_DIR = "site"


@dataclass
class Language:
    """One language rendered: its pages, and the files it adds to the rendered folder."""

    site: RenderedSite
    files: dict[str, bytes]
    """Its pages, assets, config and handouts, by path in the rendered folder (`es/docs/...`)."""
    cache: dict[str, bytes] = field(default_factory=dict)
    """The handout cache entries its handouts use, shared by every language."""
    warnings: list[Problem] = field(default_factory=list)
    """Handouts that run past their one page."""


def render_language(content: Content, project: Path, env: jinja2.Environment, handouts: bool,
                    preview_problems: list[Problem] | None = None) -> Language:
    """Render one language's pages and, with `handouts`, its PDFs (taken from the cache where
    nothing they show changed). Writes nothing: `render` and the preview write the files."""
    site = render_site(content, project, preview_problems=preview_problems, handouts=handouts,
                       env=env)
    language = Language(site, site.files())
    if handouts:
        from .handouts.stage import make_handouts  # PDF making is loaded only when it is used

        made = make_handouts(content, project)
        language.files |= {f"{site.folder}{DOCS_SUBDIR}/{path}": data
                           for path, data in made.files.items()}
        language.cache, language.warnings = made.cache, made.warnings
    return language


def render(project: Path, handouts: bool = True) -> tuple[Validated, list[RenderedSite]]:
    """Validate all content, then write the Markdown folder that mkdocs.yml points at, with
    the printable handouts (PDFs) in it, which MkDocs copies into the site like any file.
    Each translation is rendered beside it (`rendered/es/`). A handout that runs past its one
    page is a warning."""
    validated = load_content(project)
    sites: list[RenderedSite] = []
    files: dict[str, bytes] = {}
    env = make_environment(project)  # one template environment: templates compile once
    for content in [validated.content, *validated.translations.values()]:
        language = render_language(content, project, env, handouts)
        files |= language.files | language.cache
        validated = replace(validated, warnings=validated.warnings + language.warnings)
        sites.append(language.site)
    write_folder(files, project / RENDERED_DIR)
    return validated, sites


def build(project: Path, site_dir: Path | None = None, handouts: bool = True) -> list[Problem]:
    """Render, then build the site; `site_dir` is replaced only if the build succeeds.
    Returns the content warnings."""
    project = project.resolve()
    wanted = site_dir or project / SITE_DIR
    target = checked_site_folder(project, wanted)  # before anything is written
    target.parent.mkdir(parents=True, exist_ok=True)
    with one_build_at_a_time([project, target.parent]):
        recover(target)                     # what a killed build left behind
        checked_site_folder(project, wanted)  # again: a build we waited for may have changed it
        validated, languages = render(project, handouts)  # load, validate, render content/
                                            # and the handouts into rendered/, each language
        with scratch_beside(target) as scratch:
            site_url = validated.content.site.site_url
            for rendered in languages:      # the main language first: MkDocs empties its folder
                folder = scratch / rendered.folder  # site/, then site/es/
                run_mkdocs(rendered.config_path(project), folder)  # MkDocs and Material turn
                                            # the rendered Markdown into HTML
                finish_site(folder, rendered.sources(),  # checks every page; drops unused files
                            sitemap=bool(site_url) and validated.content.site.search_engines
                            == "public",
                            site_url=site_url and site_url.rstrip("/") + "/" + rendered.folder)
            mark_as_built(scratch)          # so the next build may replace it
            swap_in(scratch, target)        # the new site replaces the old in one rename
    return validated.warnings
