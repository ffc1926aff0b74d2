"""Finished handouts, kept under a hash of everything they are made from.

The key of a handout is a hash of its HTML at each level of fit it may be laid out at (which
holds every word of content it shows, the clinic's details and its CSS, so a change to content
or to any template changes it), the
font files, WeasyPrint's version and the PDF settings. An unchanged handout is taken from
`rendered/handouts-cache/<key>.pdf` instead of being laid out again.

The cache is part of the rendered folder, which a build writes anyway: the entries a render
uses are among the files it writes there, so writing the folder keeps them and removes the
rest. Nothing outside `rendered/` and `site/` is written, and `check` writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import metadata
from pathlib import Path

from .documents import FONT_FILES, FONTS_DIR

CACHE_DIR = "handouts-cache"
"""Inside the rendered folder."""


@cache
def _fixed_inputs(variant: str) -> str:
    """What every handout shares: fonts, WeasyPrint's version, the PDF variant."""
    version = metadata.version("weasyprint")  # not an import of WeasyPrint: 0.35 s, for a number
    digest = hashlib.sha256(f"{version}\0{variant}\0".encode())
    for name in FONT_FILES:
        digest.update(hashlib.sha256((FONTS_DIR / name).read_bytes()).digest())
    return digest.hexdigest()


def cache_key(html: str, variant: str) -> str:
    return hashlib.sha256(f"{_fixed_inputs(variant)}\0{html}".encode()).hexdigest()[:32]


class HandoutCache:
    """`rendered/handouts-cache/`: `<key>.pdf` and `<key>.json` (its page count)."""

    def __init__(self, rendered: Path):
        self.folder = rendered / CACHE_DIR
        self.files: dict[str, bytes] = {}
        """The entries this render uses, by path in the rendered folder: the ones to keep."""

    def get(self, key: str) -> tuple[bytes, int] | None:
        try:
            pages = json.loads((self.folder / f"{key}.json").read_text("utf-8"))["pages"]
            data = (self.folder / f"{key}.pdf").read_bytes()
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.keep(key, data, int(pages))
        return data, int(pages)

    def keep(self, key: str, data: bytes, pages: int) -> None:
        self.files[f"{CACHE_DIR}/{key}.pdf"] = data
        self.files[f"{CACHE_DIR}/{key}.json"] = json.dumps({"pages": pages}).encode()
