"""JSON Schemas of the content files, made from the content model's docstrings.

The docstring under each field is read here, when a schema is asked for, rather
than by pydantic when the models are defined: reading the source of every model
at import cost every build about 25 ms for text only editors' tools show.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import cache
from typing import Any

from pydantic import BaseModel

from . import model, pathway


def _models() -> dict[str, type[BaseModel]]:
    return {"site": model.SiteSettings, "option": model.Option, "faqs": model.FaqPage,
            "tips": model.TipsPage, "glossary": model.Glossary, "sources": model.Sources,
            "pathway": pathway.Pathway, "comparisons": pathway.Comparisons}


SCHEMAS = ("site", "option", "faqs", "tips", "glossary", "sources", "pathway", "comparisons")
"""Kinds of content file, each with its own schema."""


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema for one kind of content file."""
    schema = _models()[kind].model_json_schema()
    for definition in [schema, *schema.get("$defs", {}).values()]:
        _describe_fields(definition)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def _describe_fields(definition: dict[str, Any]) -> None:
    """Add each field's docstring to its property, for the model this definition is of."""
    cls = _content_models().get(definition.get("title", ""))
    if cls is None:
        return
    docstrings = field_docstrings(cls)
    properties = definition.get("properties", {})
    for name, prop in properties.items():
        if name in docstrings:  # keys sorted, as pydantic writes them
            properties[name] = dict(sorted({**prop, "description": docstrings[name]}.items()))


@cache
def _content_models() -> dict[str, type[BaseModel]]:
    """Every content model, by class name (the title pydantic gives its schema)."""
    return {cls.__name__: cls for module in (model, pathway) for cls in vars(module).values()
            if isinstance(cls, type) and issubclass(cls, BaseModel)}


def field_docstrings(cls: type) -> dict[str, str]:
    """The docstring written under each annotated field of `cls` and of its bases."""
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if issubclass(klass, BaseModel) and klass.__module__ in (model.__name__, pathway.__name__):
            found.update(_own_field_docstrings(klass))
    return found


def _own_field_docstrings(cls: type) -> dict[str, str]:
    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    assert isinstance(body, ast.ClassDef)
    found = {}
    for field, following in zip(body.body, body.body[1:], strict=False):
        if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            found[field.target.id] = inspect.cleandoc(following.value.value)
    return found
