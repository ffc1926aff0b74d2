"""Where a build may write: never over the project, its sources, or a folder we did not build.

A build replaces its site folder whole, so a site folder that is the project, holds it, or
lies in content/, overrides/, templates/ or rendered/ would delete an editor's work. Every
site we build carries a marker file; an existing folder with files but no marker is someone
else's, and is left alone. All of this is decided on resolved paths (symbolic links
followed) and before anything is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import BuildError

MARKER = ".patient-site"
"""The file that marks a folder as a site this generator built (and may replace)."""
MARKER_TEXT = "Built by patient-site. The next build replaces this whole folder.\n"
SOURCE_FOLDERS = ("content", "overrides", "templates", "rendered")
"""The project's folders that hold an editor's work or the build's own input."""
INSTEAD = "choose a new or empty folder, such as site/ in the project"


class UnsafeSiteFolder(BuildError):
    """The site folder asked for may not be written: nothing was changed."""


def checked_site_folder(project: Path, site_dir: Path) -> Path:
    """The resolved site folder, or UnsafeSiteFolder saying why a build may not replace it.

    `project` must already be resolved."""
    target = site_dir.resolve()
    shown = str(target)
    if os.path.abspath(site_dir) != shown:
        shown = f"{site_dir} (which leads to {target})"
    guarded = {"the project folder": project,
               **{f"{name}/": (project / name).resolve() for name in SOURCE_FOLDERS}}
    for name, folder in guarded.items():
        if target == folder:
            reason = f"it is {name}"
        elif folder in target.parents and folder != project:
            reason = f"it lies inside {name}"
        elif target in folder.parents:
            reason = f"it holds {name}"
        else:
            continue
        raise UnsafeSiteFolder(f"refusing to build into {shown}: {reason}, which the build "
                               f"would replace; {INSTEAD}")
    if target.exists() and not target.is_dir():
        raise UnsafeSiteFolder(f"refusing to build into {shown}: it is a file; {INSTEAD}")
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise UnsafeSiteFolder(
            f"refusing to build into {shown}: it has files and was not built by patient-site "
            f"(no {MARKER} file); {INSTEAD}, or delete this folder first if it is an old site")
    return target


def mark_as_built(site: Path) -> None:
    """Mark a freshly built folder, so the next build may replace it."""
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
