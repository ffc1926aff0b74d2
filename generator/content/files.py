"""No file in `content/` is silently ignored: a file nothing reads is an error, with a hint.

What is read: the file of each single-file kind and the `.yaml`/`.yml` files of each folder
kind (`KINDS`), and the logo and favicon that `site.yaml` names under `brand`. Hidden files
(a name starting with a dot, such as `.DS_Store`) are left alone: editors and systems make
them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from ..errors import Problem
from .model import KINDS

YAML_SUFFIXES = (".yaml", ".yml")
LANGUAGE_FOLDER = re.compile(r"^[a-z]{2}$")


def brand_files(site_data: Any) -> set[str]:
    """The files `site.yaml` names under `brand` (logo, favicon), relative to content/."""
    brand = site_data.get("brand") if isinstance(site_data, dict) else None
    if not isinstance(brand, dict):
        return set()
    return {Path(v).as_posix() for k in ("logo", "favicon")
            if isinstance(v := brand.get(k), str) and v}


def unread_files(content_dir: Path, shown_dir: str, named: set[str],
                 translations: Collection[str] = ()) -> Iterator[Problem]:
    """A problem for each file under `content_dir` that no kind reads and site.yaml does not
    name, with the closest expected name. The folders of `translations` (`es/`) are read as
    translations."""
    single = {k.path for k in KINDS if not k.folder}
    folders = {k.path: k for k in KINDS if k.folder}
    reported: set[str] = set()
    for path in sorted(content_dir.rglob("*")):
        relative = path.relative_to(content_dir)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        name = relative.as_posix()
        if name in single or name in named:
            continue
        top = relative.parts[0]
        if top in translations and len(relative.parts) > 1:
            continue
        if LANGUAGE_FOLDER.match(top) and len(relative.parts) > 1 and top not in folders:
            if top not in reported:
                reported.add(top)
                yield Problem(f"{shown_dir}/{top}/", 1, f"a translation into '{top}' that the "
                              f"site does not build; add '{top}' to 'translations' in site.yaml")
            continue
        if (len(relative.parts) == 2 and top in folders
                and path.suffix in YAML_SUFFIXES):
            continue
        yield Problem(f"{shown_dir}/{name}", 1,
                      f"not a content file; {_hint(relative, single, folders)}")


def _hint(relative: Path, single: set[str], folders: dict[str, Any]) -> str:
    """What the file may have been meant to be."""
    name = relative.as_posix()
    if len(relative.parts) == 1:
        close = difflib.get_close_matches(name, sorted(single), n=1, cutoff=0.6)
        if close:
            return f"did you mean {close[0]}?"
        folder = difflib.get_close_matches(relative.stem, sorted(folders), n=1, cutoff=0.6)
        if folder and relative.suffix in YAML_SUFFIXES:
            return f"did you mean {folder[0]}/<id>{relative.suffix}?"
        return _known(single, folders)
    top, rest = relative.parts[0], Path(*relative.parts[1:])
    if top in folders:
        if len(relative.parts) > 2:
            return (f"{folders[top].name} files sit directly in content/{top}/, such as "
                    f"content/{top}/{relative.name}")
        return f"{folders[top].name} files end in .yaml, such as content/{top}/{relative.stem}.yaml"
    folder = difflib.get_close_matches(top, sorted(folders), n=1, cutoff=0.6)
    if folder:
        return f"did you mean {folder[0]}/{rest.as_posix()}?"
    if relative.suffix.lower() in (".svg", ".png", ".ico"):
        return ("name it in site.yaml under 'brand' (as 'logo' or 'favicon'), or remove it")
    return _known(single, folders)


def _known(single: set[str], folders: dict[str, Any]) -> str:
    return ("content/ holds " + ", ".join(sorted(single))
            + " and the folders " + ", ".join(f"{f}/" for f in sorted(folders))
            + "; move other files out of content/")
