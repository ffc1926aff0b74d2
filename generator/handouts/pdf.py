"""Lay out one handout's HTML into a PDF with WeasyPrint: tagged (PDF/UA-1), with title,
language and author, from the fonts in `fonts/` and nothing fetched."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from .documents import FONT_FILES, FONTS_DIR, TEMPLATES_DIR

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for screen readers; WeasyPrint also writes the title and language it needs."""


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int


def check_fonts() -> None:
    """A missing font is a clean error, not a PDF in some other font."""
    missing = [name for name in FONT_FILES if not (FONTS_DIR / name).is_file()]
    if missing:
        shown = ", ".join(f"generator/handouts/fonts/{name}" for name in missing)
        raise BuildError(f"handout font missing: {shown}. Reinstall patient-site (the fonts "
                         "ship with it) or restore the file from the repository.")


def html_to_pdf(html: str, project: Path, name: str) -> Pdf:
    """One PDF from a handout's HTML. `name` (the handout's path) is for messages."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError  # WeasyPrint takes 0.35 s to import:

    from .fetcher import OfflineFetcher  # only when a handout is laid out

    fetcher = OfflineFetcher([FONTS_DIR, TEMPLATES_DIR, project])
    try:
        document = HTML(string=html, base_url=TEMPLATES_DIR.resolve().as_uri() + "/",
                        url_fetcher=fetcher).render()
        data = document.write_pdf(pdf_variant=PDF_VARIANT)
    except FatalURLFetchingError as error:
        refused = fetcher.refused[-1] if fetcher.refused else str(error.__cause__ or error)
        raise BuildError(f"{name}: the handout would load {refused}; handouts may load only "
                         "files inside the project (nothing from the network). Change the "
                         "handout template override that asks for it.") from None
    return Pdf(bytes(data), len(document.pages))
