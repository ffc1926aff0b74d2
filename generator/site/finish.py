"""The last look at a built site: refuse pages that load from outside it or hold markup no
content may make, drop unused files.

Every page is read once. A page that would load anything from outside the site fails the
build (`offline.page_problems`), and so does one whose parsed HTML holds an unsafe address,
an event handler, or hidden or editable content (`strict.markup_problems`).

Material copies its whole bundle into every site; this site
loads one script of its own instead (overrides/assets/javascripts/site.js), and its own search
index instead of Material's, so what no built page loads is deleted: a clinic copies only what
is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import BuildError
from .offline import lower_case, page_problems
from .strict import markup_problems

SCRIPT_SOURCE = re.compile(r"""<script\b[^>]*?\ssrc=["']?([^"'\s>]+)""")
LOADED_BY_SITE_JS = {"minisearch.min.js"}
"""Scripts site.js loads itself, the first time search opens: no page names them."""
STEMMERS = {"es": {"base-stemmer.js", "spanish-stemmer.js"}}
"""Snowball's stemmers (assets/javascripts/snowball/), which site.js also loads when search
opens, on pages in their language (`<html lang>`) only."""
PAGE_LANGUAGE = re.compile(r"""<html\b[^>]*?\slang=["']?([A-Za-z]+)""")
NOT_FOUND_PAGE = "404.html"
ROOT_ADDRESS = re.compile(r"""(\s(?:href|src)=["'])/(?!/)""")
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
MATERIAL_SEARCH_INDEX = "search/search_index.json"
"""Material's search plugin writes it for its own search worker, which the site does not load."""


def finish_site(site: Path, sources: dict[str, str] | None = None, *,
                sitemap: bool = True, site_url: str | None = None) -> None:
    """Check every page of a built site, then delete the files none of them loads.
    `sources` names the content file of each page (`options/rfa.html`), for messages.
    Without `sitemap` (no site address, or a site search engines must not list), MkDocs's
    sitemap is deleted; without `site_url`, the 404 page's links are made relative."""
    sources = sources or {}
    if not site_url:
        relative_404(site / NOT_FOUND_PAGE)
    offsite: list[str] = []
    unsafe: list[str] = []
    loaded: set[str] = set()
    by_site_js = set(LOADED_BY_SITE_JS)
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8", errors="replace")
        page = path.relative_to(site).as_posix()
        lowered = lower_case(html)
        offsite += [f"{page}: {problem}" for problem in page_problems(html, lowered)]
        source = f" (from {sources[page]})" if page in sources else ""
        unsafe += [f"{page}{source}: {problem}" for problem in markup_problems(html, lowered)]
        loaded |= loaded_scripts([html])
        language = PAGE_LANGUAGE.search(html)
        by_site_js |= STEMMERS.get(language.group(1).lower() if language else "", set())
    if offsite:
        raise BuildError("pages would load files from outside the site, which fails "
                         "offline and leaks visits:\n" + "\n".join(offsite))
    if unsafe:
        raise BuildError("pages hold markup that no content may make (an unsafe address, an "
                         "event handler, hidden or editable text); change the text or the "
                         "template override that makes it:\n" + "\n".join(unsafe))
    drop_unloaded_files(site, loaded | by_site_js if "site.js" in loaded else loaded)
    if not sitemap:
        for name in SITEMAPS:
            (site / name).unlink(missing_ok=True)


def relative_404(page: Path) -> None:
    """MkDocs writes the 404 page with root-absolute addresses (`/index.html`), which work only
    from a server's root. Without a site address the site may be anywhere (a folder on a
    server, a USB stick, file://): the page sits at the site's top, so relative addresses work
    wherever it is opened from."""
    if not page.is_file():
        return
    html = page.read_text(encoding="utf-8")
    html = ROOT_ADDRESS.sub(r"\1", html).replace('"base": "/"', '"base": "."')
    page.write_text(html, encoding="utf-8")


def loaded_scripts(pages: Iterable[str]) -> set[str]:
    """The file names of the scripts the pages load."""
    return {src.rsplit("/", 1)[-1].split("?")[0] for html in pages
            for src in SCRIPT_SOURCE.findall(html)}


def drop_unloaded_files(site: Path, loaded: set[str]) -> None:
    """Delete each theme script whose file name no page loads (with its source map), a LICENSE
    left with no script beside it, the folders left empty, and Material's search index."""
    (site / MATERIAL_SEARCH_INDEX).unlink(missing_ok=True)
    scripts = site / "assets" / "javascripts"
    if not scripts.is_dir():
        return
    for path in sorted(scripts.rglob("*.js*")):
        if path.name.endswith((".js", ".js.map")) and path.name.removesuffix(".map") not in loaded:
            path.unlink()
    for path in sorted(scripts.rglob("*"), reverse=True):  # a folder's files before the folder
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif path.name == "LICENSE" and not any(path.parent.glob("*.js")):
            path.unlink()
