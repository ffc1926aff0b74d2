"""Stage 1: read YAML files into plain data, remembering the line of every key and value.

PyYAML is used only to parse into nodes; we turn nodes into Python values
ourselves so that we can refuse duplicate keys, bound alias expansion
("billion laughs"), keep dates and yes/no as text for the model to judge,
and record a line for every path in the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

MAX_FILE_BYTES = 1_000_000
"""Largest content file we read. Real content files are a few kilobytes."""
MAX_NODES = 50_000
"""Most values one file may expand to, counting every alias use."""
MAX_DEPTH = 40
"""Deepest nesting one file may have."""

PathKey = tuple[str | int, ...]


@dataclass
class Document:
    """One parsed YAML file: its data and the line of each path inside it."""

    path: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, location: PathKey) -> int:
        """Line of the deepest known path along `location` (1 if none)."""
        for end in range(len(location), -1, -1):
            if location[:end] in self.lines:
                return self.lines[location[:end]]
        return 1


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 style scalars: only true/false are booleans, dates stay text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


class _TooBig(Exception):
    pass


class _Builder:
    """Turns a node tree into Python values, recording lines and checking limits."""

    def __init__(self, doc: Document, loader: _Loader):
        self.doc = doc
        self.loader = loader
        self.count = 0
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, location: PathKey, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(f"file expands to more than {MAX_NODES:,} values (too many aliases?)")
        if depth > MAX_DEPTH:
            raise _TooBig(f"nesting is deeper than {MAX_DEPTH} levels")
        self.doc.lines.setdefault(location, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*location, i), depth + 1) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, location: PathKey, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        self.loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                first = self.doc.lines[(*location, key)]
                self.problems.append(Problem(
                    self.doc.path, line, f"duplicate key '{key}' (first set on line {first}); "
                    "keep one and delete the other"))
                continue
            self.doc.lines[(*location, key)] = line
            result[key] = self.build(value_node, (*location, key), depth + 1)
        return result


def read_yaml(path: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file. Returns the document, or None and the reasons it could not be read."""
    text, problem = _read_text(path, shown_as)
    if problem:
        return None, [problem]
    assert text is not None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem(shown_as, 1, "file is empty; add the content or delete the file")]
    return _parse(text, shown_as)


def _read_text(path: Path, shown_as: str) -> tuple[str | None, Problem | None]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, Problem(shown_as, 1, f"file is {size:,} bytes; the limit is "
                                 f"{MAX_FILE_BYTES:,}. Split it or remove pasted material")
        raw = path.read_bytes()
    except OSError as error:
        return None, Problem(shown_as, 1, f"cannot read file: {error.strerror}")
    if b"\0" in raw:
        return None, Problem(shown_as, 1, "file is not text (it contains binary data); "
                             "save it as plain UTF-8 text")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, Problem(shown_as, line, f"file is not UTF-8 text (byte 0x{raw[error.start]:02x}"
                             "); save it with UTF-8 encoding")


def _parse(text: str, shown_as: str) -> tuple[Document | None, list[Problem]]:
    loader = _Loader(text)
    doc = Document(shown_as, None)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(shown_as, 1, "file is empty; add the content or delete the file")]
        builder = _Builder(doc, loader)
        doc.data = builder.build(node, ())
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, shown_as)]
    except yaml.YAMLError as error:
        return None, [Problem(shown_as, 1, f"YAML syntax error: {error}")]
    except (_TooBig, RecursionError) as error:
        message = str(error) if isinstance(error, _TooBig) else (
            f"nesting is deeper than {MAX_DEPTH} levels")
        return None, [Problem(shown_as, 1, f"{message}; content files are never this large")]
    finally:
        loader.dispose()
    return doc, builder.problems


def _syntax_problem(error: yaml.MarkedYAMLError, shown_as: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    what = error.problem or "cannot be read"
    hint = _SYNTAX_HINTS.get(what, "check quotes, colons and indentation")
    if "\t" in what or "tab" in what:
        hint = "indent with spaces, not tabs"
    context = f" ({error.context})" if error.context else ""
    return Problem(shown_as, line, f"YAML syntax error: {what}{context}; {hint}")


_SYNTAX_HINTS = {
    "found unexpected end of stream": "a quote or bracket is not closed",
    "mapping values are not allowed here": "put text that contains ': ' in quotes, or fix indentation",
    "found character '\\t' that cannot start any token": "indent with spaces, not tabs",
    "expected ',' or ']', but got '<stream end>'": "a bracket is not closed",
    "expected ',' or '}', but got '<stream end>'": "a brace is not closed",
}
