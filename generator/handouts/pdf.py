"""Lay out one handout's HTML into a PDF with WeasyPrint: tagged (PDF/UA-1), with title,
language and author, from the fonts in `fonts/` and nothing fetched; the warning signs page
(laid out once, `Back`) after its own pages."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BuildError
from .documents import FONT_FILES, FONTS_DIR, TEMPLATES_DIR, Back

if TYPE_CHECKING:
    from weasyprint import Document
    from weasyprint.text.fonts import FontConfiguration

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for screen readers; WeasyPrint also writes the title and language it needs."""


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int
    """The handout's own pages, without the warning signs page after them."""


def check_fonts() -> None:
    """A missing font is a clean error, not a PDF in some other font."""
    missing = [name for name in FONT_FILES if not (FONTS_DIR / name).is_file()]
    if missing:
        shown = ", ".join(f"generator/handouts/fonts/{name}" for name in missing)
        raise BuildError(f"handout font missing: {shown}. Reinstall patient-site (the fonts "
                         "ship with it) or restore the file from the repository.")


def lay_out(html: str, project: Path, name: str) -> Document:
    """One handout's HTML laid out into pages. `name` (the handout's path) is for messages."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError  # WeasyPrint takes 0.35 s to import:

    from .fetcher import OfflineFetcher  # only when a handout is laid out

    fetcher = OfflineFetcher([FONTS_DIR, TEMPLATES_DIR, project])
    try:
        return HTML(string=html, base_url=TEMPLATES_DIR.resolve().as_uri() + "/",
                    url_fetcher=fetcher).render(font_config=_font_config(os.getpid()))
    except FatalURLFetchingError as error:
        refused = fetcher.refused[-1] if fetcher.refused else str(error.__cause__ or error)
        raise BuildError(f"{name}: the handout would load {refused}; handouts may load only "
                         "files inside the project (nothing from the network). Change the "
                         "handout template override that asks for it.") from None


@lru_cache(maxsize=1)
def _font_config(process: int) -> FontConfiguration:
    """One font configuration for the handouts a process lays out (documents may share one): our
    two @font-face fonts are loaded once, not for every handout (a seventh of its time). Kept
    by process id, so a worker process makes its own."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=4)
def _laid_out_back(html: str, project: Path) -> Document:
    """The warning signs page, laid out once a language and orientation in each process."""
    return lay_out(html, project, "the warning signs page (urgent.html.j2)")


def write_pdf(document: Document, back: Back, project: Path) -> Pdf:
    """A laid-out handout as PDF bytes, the warning signs page in its orientation after it."""
    first = document.pages[0]
    html = back.landscape if first.width > first.height else back.portrait
    pages = document.pages + _laid_out_back(html, project).pages
    data = document.copy(pages).write_pdf(pdf_variant=PDF_VARIANT)
    return Pdf(bytes(data), len(document.pages))
