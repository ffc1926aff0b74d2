"""Checks shared by every content file: ids that must exist, values that must not repeat."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from ..errors import Problem
from .load import Document, PathKey


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest known value, or '' if none is close."""
    close = difflib.get_close_matches(value, sorted(set(known)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def unknown_ids(doc: Document, at: PathKey, ids: Iterable[str], known: set[str],
                kind: str, key: str | None = None) -> Iterator[Problem]:
    """One problem per id in the list at `at` that is not among `known`; with `key`, `at` is
    one item and the id is its value under `key`."""
    for i, ref in enumerate(ids):
        if ref not in known:
            yield Problem(doc.path, doc.line_of((*at, key) if key else (*at, i)),
                          f"unknown {kind} '{ref}'{did_you_mean(ref, known)}")


def duplicates(doc: Document, at: PathKey, values: list[str], what: str, name: str,
               key: str | None = None) -> Iterator[Problem]:
    """One problem per repeated value (compared case-insensitively), at the repeat."""
    seen: dict[str, int] = {}
    for i, value in enumerate(values):
        folded = value.casefold()
        if folded in seen:
            where: PathKey = (*at, i, key) if key else (*at, i)
            yield Problem(doc.path, doc.line_of(where), f"duplicate {what} '{value}' in "
                          f"'{name}' (item {seen[folded] + 1} has it too)")
        else:
            seen[folded] = i


def place_name(location: PathKey) -> str:
    """How a message names a place in a file: `'title'`, `item 2 of 'benefits'`."""
    keys = [k for k in location if isinstance(k, str)]
    index = [k for k in location[len(location) - 1:] if isinstance(k, int)]
    key = f"'{keys[-1]}'" if keys else "the file"
    return f"item {index[0] + 1} of {key}" if index else key
