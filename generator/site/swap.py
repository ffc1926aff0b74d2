"""Build into a scratch folder beside `site/`, and swap it in only when the build succeeded.

The scratch folder is on the same file system as the target, so the swap is two renames and a
failed build leaves the previous `site/` exactly as it was. Builds into one folder take turns
(`one_build_at_a_time`), and a build cleans up after one that was killed (`recover`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import click

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; builds do not wait for each other there
    fcntl = None  # type: ignore[assignment]


@contextmanager
def one_build_at_a_time(folders: list[Path]) -> Iterator[None]:
    """Hold an exclusive lock on each folder (the project, the site's parent) for the build;
    wait, saying so, while another build holds one. The lock is on the folder itself, so no
    lock file is written and none is left behind by a killed build."""
    if fcntl is None:
        yield
        return
    with ExitStack() as stack:
        for folder in sorted(set(folders)):  # one order for every build: no deadlock
            descriptor = os.open(folder, os.O_RDONLY)
            stack.callback(os.close, descriptor)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                click.echo(f"Another build is using {folder}; waiting for it to finish...",
                           err=True)
                fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield


def recover(target: Path) -> None:
    """Remove what a killed build left beside `target`; if it died between the two renames of
    the swap, first put the previous site back. Says what it did."""
    if not target.parent.is_dir():
        return
    done = []
    olds = sorted(target.parent.glob(f".{target.name}-old-*"), key=lambda p: p.stat().st_mtime)
    if olds and not target.exists() and olds[-1].is_dir():
        olds.pop().rename(target)
        done.append(f"Put back {target}, which a stopped build had moved aside.")
    leftovers = olds + sorted(target.parent.glob(f".{target.name}-new-*"))
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)
    if leftovers:
        done.append(f"Removed {len(leftovers)} unfinished build folder"
                    f"{'s' * (len(leftovers) != 1)} beside {target}.")
    for line in done:
        click.echo(line, err=True)


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
