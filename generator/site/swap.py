"""Build into a scratch folder beside `site/`, and swap it in only when the build succeeded.

The scratch folder is on the same file system as the target, so the swap is two renames and a
failed build leaves the previous `site/` exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def scratch_beside(target: Path) -> Iterator[Path]:
    """A new empty folder beside `target`, deleted afterwards unless it was swapped in."""
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
