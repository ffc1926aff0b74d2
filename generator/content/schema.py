"""JSON Schemas of the content files, for editors' completion and hover help.

Pydantic writes them from the content model; the docstring under each field becomes its
description (`use_attribute_docstrings` in `model.Model`).
"""

from __future__ import annotations

from typing import Any

from .model import KINDS

SCHEMAS = tuple(kind.name for kind in KINDS)
"""Kinds of content file, each with its own schema."""


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema for one kind of content file."""
    model = next(k.model for k in KINDS if k.name == kind)
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
