"""JSON Schemas of the content files, made from the content model's docstrings."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .model import FaqPage, Glossary, Option, SiteSettings, Sources, TipsPage


def _models() -> dict[str, type[BaseModel]]:
    from .pathway import Comparisons, Pathway

    return {"site": SiteSettings, "option": Option, "faqs": FaqPage, "tips": TipsPage,
            "glossary": Glossary, "sources": Sources, "pathway": Pathway,
            "comparisons": Comparisons}


SCHEMAS = ("site", "option", "faqs", "tips", "glossary", "sources", "pathway", "comparisons")
"""Kinds of content file, each with its own schema."""


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema for one kind of content file."""
    schema = _models()[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
