"""The handouts stage of a build: every handout as PDF bytes, from the cache where unchanged,
laid out more tightly where it runs past its one page (`documents.FIT_LEVELS`), with a warning
for each one-page handout (option, table, tool sheet) that runs longer even so. The warning
signs page follows each one's own pages."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from ..content.model import Content
from ..errors import Problem
from ..render.environment import Strings
from ..render.render import RENDERED_DIR
from .cache import HandoutCache, cache_key
from .documents import (
    FIT_LEVELS,
    Back,
    HandoutSpec,
    handout_list,
    make_environment,
    render_back,
    render_html,
)
from .pdf import PDF_VARIANT, Pdf, check_fonts, lay_out, write_pdf


@dataclass
class Handouts:
    files: dict[str, bytes] = field(default_factory=dict)
    """Each PDF by its path in the site, such as `handouts/options/rfa.pdf`."""
    cache: dict[str, bytes] = field(default_factory=dict)
    """The cache entries to keep, by path in the rendered folder (`cache.CACHE_DIR`)."""
    warnings: list[Problem] = field(default_factory=list)
    made: int = 0
    """How many were laid out (not taken from the cache)."""


def make_handouts(content: Content, project: Path) -> Handouts:
    """Every handout of the site, taken from the rendered folder's cache where unchanged.
    Writes nothing: the caller writes `files` and `cache` into the rendered folder. Raises
    ContentError (a template) or BuildError (a font, an address a handout may not load)."""
    check_fonts()
    env = make_environment(project)
    cache = HandoutCache(project / RENDERED_DIR)
    specs = list(handout_list(content))
    strings = Strings(content.site.language)
    html = [fit_html(env, content, spec, strings) for spec in specs]  # every template error first
    back = render_back(env, content, strings)
    keys = [cache_key("\0".join([*variants, back.portrait, back.landscape]), PDF_VARIANT)
            for variants in html]
    found = {i: cache.get(key) for i, key in enumerate(keys)}
    missing = [i for i, hit in found.items() if hit is None]
    made = dict(zip(missing, _lay_out([(html[i], specs[i].path) for i in missing], back, project),
                    strict=True))
    result = Handouts(made=len(missing))
    for i, spec in enumerate(specs):
        if i in made:
            pdf = made[i]
            cache.keep(keys[i], pdf.data, pdf.pages)
            data, pages = pdf.data, pdf.pages
        else:
            data, pages = found[i]  # type: ignore[misc]
        result.files[spec.path] = data
        if spec.one_page and pages > 1:
            result.warnings.append(_overflow(spec, pages))
    result.cache = cache.files
    return result


def fit_html(env: Environment, content: Content, spec: HandoutSpec,
             strings: Strings) -> list[str]:
    """A handout's HTML at each `fit` level it may be laid out at, the one as designed first:
    every level for a one-page handout (an override that ignores `fit` gives one), the first
    for a guide."""
    variants: list[str] = []
    for fit in range(FIT_LEVELS if spec.one_page else 1):
        html = render_html(env, content, spec, strings, fit)
        if html not in variants:
            variants.append(html)
    return variants


def fit_pdf(variants: list[str], back: Back, project: Path, name: str) -> Pdf:
    """The first of a handout's HTML variants (`fit_html`) that fits on one page, laid out,
    with the warning signs page after it; the tightest when none does (the caller warns). Most
    fit as designed: one layout."""
    for html in variants:
        document = lay_out(html, project, name)
        if len(document.pages) <= 1:
            break
    return write_pdf(document, back, project)


def _lay_out(jobs: list[tuple[list[str], str]], back: Back, project: Path) -> list[Pdf]:
    """Lay out PDFs, in worker processes when there are several (WeasyPrint uses one core)."""
    workers = min(len(jobs), os.cpu_count() or 1, 8)
    if workers < 2:
        return [fit_pdf(variants, back, project, name) for variants, name in jobs]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_one, [(variants, back, project, name) for variants, name in jobs]))


def _one(job: tuple[list[str], Back, Path, str]) -> Pdf:
    return fit_pdf(*job)


def _overflow(spec: HandoutSpec, pages: int) -> Problem:
    return Problem(spec.source, 1, f"the handout {spec.path} runs to {pages} pages; it is meant "
                   f"to fit on one. Shorten the text it prints ({spec.shorten}) "
                   "or its template.", warning=True)
