"""Checks of the comparison tables (`content/comparisons.yaml`) against the options they show."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from ..errors import Problem
from .checks import duplicates, unknown_ids
from .load import Document, PathKey
from .model import ComparisonAttribute, Comparisons


def check_comparisons(comparisons: Comparisons, doc: Document,
                      options: Mapping[str, Any]) -> tuple[list[Problem], list[Problem]]:
    """Errors (unknown or repeated ids) and warnings (cells that would say "not known")."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    known = set(options)
    errors += duplicates(doc, ("tables",), [t.id for t in comparisons.tables], "id", "tables",
                          key="id")
    for i, table in enumerate(comparisons.tables):
        at: PathKey = ("tables", i, "options")
        errors += unknown_ids(doc, at, table.options, known, "option")
        errors += duplicates(doc, at, table.options, "option", "options")
        errors += duplicates(doc, ("tables", i, "attributes"),
                              [a.value for a in table.attributes], "attribute", "attributes")
        shown: set[str] = set()
        for k, option_id in enumerate(table.options):
            if option_id not in options or option_id in shown:
                continue
            shown.add(option_id)
            for attribute in dict.fromkeys(table.attributes):
                if attribute == ComparisonAttribute.evidence:
                    continue  # no label is a fact: our sources do not grade it
                if cell_text(options[option_id], attribute) is None:
                    warnings.append(Problem(
                        doc.path, doc.line_of((*at, k)),
                        f"option '{option_id}' has no '{attribute.value}' value, so its cell "
                        f"in table '{table.id}' says it is not known", warning=True))
    return errors, warnings


def cell_text(option: Any, attribute: ComparisonAttribute) -> str | None:
    """The text of one table cell: the option's value for `attribute` (an enum's value for
    invasiveness and evidence), or None when it has none (the cell then says so, in the site's language)."""
    if isinstance(option, Mapping):
        value = option.get(attribute.value)
    else:
        value = getattr(option, attribute.value, None)
    if isinstance(value, Enum):
        value = value.value
    if value is None or not str(value).strip():
        return None
    return str(value)


