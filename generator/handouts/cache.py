"""Finished handouts, kept under a hash of everything they are made from.

The key of a handout is a hash of its HTML (which holds every word of content it shows, the
clinic's details and its CSS, so a change to content or to any template changes it), the
font files, WeasyPrint's version and the PDF settings. An unchanged handout is copied from
`.cache/handouts/<key>.pdf` instead of being laid out again. Entries no build used are
deleted after each build, so the folder holds one site's handouts.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

from .documents import FONT_FILES, FONTS_DIR

CACHE_DIR = Path(".cache") / "handouts"
"""Inside the project (ignored by git)."""


@cache
def _fixed_inputs(variant: str) -> str:
    """What every handout shares: fonts, WeasyPrint's version, the PDF variant."""
    import weasyprint

    digest = hashlib.sha256(f"{weasyprint.__version__}\0{variant}\0".encode())
    for name in FONT_FILES:
        digest.update(hashlib.sha256((FONTS_DIR / name).read_bytes()).digest())
    return digest.hexdigest()


def cache_key(html: str, variant: str) -> str:
    return hashlib.sha256(f"{_fixed_inputs(variant)}\0{html}".encode()).hexdigest()[:32]


class HandoutCache:
    """`<project>/.cache/handouts/`: `<key>.pdf` and `<key>.json` (its page count)."""

    def __init__(self, project: Path):
        self.folder = project / CACHE_DIR
        self.used: set[str] = set()

    def get(self, key: str) -> tuple[bytes, int] | None:
        self.used.add(key)
        try:
            pages = json.loads((self.folder / f"{key}.json").read_text("utf-8"))["pages"]
            return (self.folder / f"{key}.pdf").read_bytes(), int(pages)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, data: bytes, pages: int) -> None:
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(self.folder / f"{key}.pdf", data)  # the PDF first: a key whose
        _write_atomically(self.folder / f"{key}.json",        # .json exists is complete
                          json.dumps({"pages": pages}).encode())

    def prune(self) -> None:
        """Delete the entries this build did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix in (".pdf", ".json") and path.stem not in self.used:
                path.unlink(missing_ok=True)


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
