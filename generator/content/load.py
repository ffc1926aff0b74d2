"""Stage 1: read YAML files into plain data, remembering the line of every key and value.

PyYAML is used only to parse into nodes; we turn nodes into Python values
ourselves so that we can refuse duplicate keys, bound alias expansion
("billion laughs"), keep dates and yes/no as text for the model to judge,
and record a line for every path in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem

MAX_FILE_BYTES = 1_000_000
"""Largest content file we read. Real content files are a few kilobytes."""
MAX_NODES = 50_000
"""Most values one file may expand to, counting every alias use."""
MAX_TEXT_CHARS = 2_000_000
"""Most characters of text one file may expand to, counting every alias use: a short file of
aliases to one long text would otherwise become gigabytes for validation and rendering."""
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
# A lone '=' is text, not YAML's obscure "value" key (which SafeLoader cannot construct).
_Loader.yaml_implicit_resolvers["="] = [
    (tag, regexp) for tag, regexp in _Loader.yaml_implicit_resolvers.get("=", [])
    if tag != "tag:yaml.org,2002:value"
]
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        """libyaml's parser with the same scalar rules: about ten times faster."""

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _FastLoader = _CLoader

FAST_PATH_MAX_DEPTH = 20
"""libyaml composes nested collections recursively in C; deeply nested text (an attack, never
real content) takes the pure-Python path, which reports it cleanly."""
_BRACKETS = re.compile(r"[\[\]{}]")


def _flow_depth(text: str) -> int:
    """Deepest nesting of [ ] and { } (quotes are ignored: an over-estimate is harmless)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(text):
        depth = depth + 1 if bracket in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def _compose_fast(text: str) -> tuple[yaml.Node | None, Any] | None:
    """Parse with libyaml when it is available and the text is ordinary. Returns None to ask
    for the pure-Python parser, which gives the exact message for any problem."""
    if _FastLoader is None or _flow_depth(text) > FAST_PATH_MAX_DEPTH or (
            max((len(ln) - len(ln.lstrip(" ")) for ln in text.splitlines()), default=0) > 80):
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node(), loader
    except Exception:  # any problem: let the pure-Python parser explain it
        loader.dispose()
        return None


class _TooBig(Exception):
    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


class _Builder:
    """Turns a node tree into Python values, recording lines and checking limits."""

    def __init__(self, doc: Document, loader: _Loader):
        self.doc = doc
        self.loader = loader
        self.count = 0
        self.chars = 0
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, location: PathKey, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(f"file expands to more than {MAX_NODES:,} values (too many aliases?)")
        if depth > MAX_DEPTH:
            raise _TooBig(f"nesting is deeper than {MAX_DEPTH} levels")
        self.doc.lines.setdefault(location, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            self.chars += len(node.value)
            if self.chars > MAX_TEXT_CHARS:
                raise _TooBig(f"file expands to more than {MAX_TEXT_CHARS:,} characters of "
                              "text (too many aliases of long text?)", self._use_line(location))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*location, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _use_line(self, location: PathKey) -> int:
        """The line of the key whose value this is: where an alias is used, not where its
        anchor is (an alias is the anchor's own node, so it has no line of its own)."""
        while location and isinstance(location[-1], int):
            location = location[:-1]
        return self.doc.lines.get(location, 1)

    def _scalar(self, node: yaml.Node) -> Any:
        """The value of one scalar; text the editor tagged or wrote as an unreadable number is
        reported (for example a 5,000-digit number or `!!timestamp 2026-13-45`)."""
        if node.tag == _TEXT_TAG and isinstance(node, yaml.ScalarNode):
            return node.value  # what the constructor returns for text, without its bookkeeping
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError):
            text = str(node.value)
            shown = text if len(text) <= 40 else text[:37] + "..."
            kind = _TAG_NAMES.get(node.tag, "a value")
            self.problems.append(Problem(self.doc.path, node.start_mark.line + 1,
                                         f"cannot read '{shown}' as {kind}; put it in quotes "
                                         "if it is text"))
            return text

    def _mapping(self, node: yaml.MappingNode, location: PathKey, depth: int) -> dict[Any, Any]:
        # Merge keys ('<<') are refused rather than expanded: nested merges multiply, like
        # aliases, and PyYAML expands them before any limit could be checked.
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(self.doc.path, line, "'<<' (merging keys from "
                                             "elsewhere) is not supported; write the keys out"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.doc.path, line, "a key must be a single word "
                                             "or phrase followed by ':', not a list or a set "
                                             "of keys; check the '?', '[' or '{' on this line"))
                continue
            self.chars += len(key_node.value)
            key = self._scalar(key_node)
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
    fast = _compose_fast(text)
    if fast is not None and fast[0] is not None:
        return _build(text, fast[0], fast[1], shown_as)
    return _parse_slowly(text, shown_as)


def _build(text: str, node: yaml.Node, loader: Any,
           shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Values from a node tree composed by libyaml; any doubt goes to the pure-Python path."""
    doc = Document(shown_as, None)
    try:
        builder = _Builder(doc, loader)
        doc.data = builder.build(node, ())
    except (_TooBig, RecursionError) as error:
        message = str(error) if isinstance(error, _TooBig) else (
            f"nesting is deeper than {MAX_DEPTH} levels")
        line = error.line if isinstance(error, _TooBig) else 1
        return None, [Problem(shown_as, line, f"{message}; content files are never this large")]
    except yaml.YAMLError:
        return _parse_slowly(text, shown_as)
    finally:
        loader.dispose()
    return doc, builder.problems


def _parse_slowly(text: str, shown_as: str) -> tuple[Document | None, list[Problem]]:
    doc = Document(shown_as, None)
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:  # a control character, checked before parsing
        return None, [Problem(shown_as, text.count("\n", 0, error.position) + 1,
                              f"the text contains an invisible control character "
                              f"(U+{error.character:04X}) that YAML does not allow; delete it "
                              "(retype the words around it if you cannot see it)")]
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
        line = error.line if isinstance(error, _TooBig) else 1
        return None, [Problem(shown_as, line, f"{message}; content files are never this large")]
    finally:
        loader.dispose()
    return doc, builder.problems


_TEXT_TAG = "tag:yaml.org,2002:str"
_TAG_NAMES = {"tag:yaml.org,2002:int": "a whole number", "tag:yaml.org,2002:float": "a number",
              "tag:yaml.org,2002:timestamp": "a date"}

_MARK_AT_CONTEXT = ("while scanning a quoted scalar", "while parsing a flow sequence",
                    "while parsing a flow mapping", "while scanning a simple key")
"""Errors found far from their cause: PyYAML notices an unclosed quote or bracket only where
the file ends or the next line begins, but the mistake is where the quote or bracket opened."""


def _syntax_problem(error: yaml.MarkedYAMLError, shown_as: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    if error.context in _MARK_AT_CONTEXT and error.context_mark:
        mark = error.context_mark
    line = mark.line + 1 if mark else 1
    what = error.problem or "cannot be read"
    context = f" ({error.context})" if error.context else ""
    return Problem(shown_as, line, f"YAML syntax error: {what}{context}; "
                   f"{_syntax_hint(what, error.context or '')}")


def _syntax_hint(what: str, context: str) -> str:
    """What to do about one PyYAML error, in an editor's words."""
    if "'\\t'" in what or "tab" in what:
        return "use spaces, not tabs"
    hints = {
        "while scanning a quoted scalar": "the quote that opens on this line is not closed",
        "while parsing a flow sequence": "close the '[' on this line with ']', and put items "
                                         "that contain ',' or ': ' in quotes",
        "while parsing a flow mapping": "close the '{' on this line with '}', or put text that "
                                        "starts with '{' in quotes",
        "while scanning a simple key": "a line needs 'key: value'; to continue the text of the "
                                       "line above, indent it under its key",
        "while scanning a block scalar": "after '|' or '>' start the text on the next line, "
                                         "indented",
    }
    if context in hints:
        return hints[context]
    if context in ("while scanning an alias", "while scanning an anchor") or (
            "cannot start any token" in what) or "undefined alias" in what:
        return "put text that starts with '*', '&', '@', '`', '%' or '!' in quotes"
    if "constructor for the tag" in what:
        return "put text that starts with '!' in quotes"
    if what.startswith("expected <block end>, but found '<block"):
        return "this line is indented differently from the lines around it; line it up with spaces"
    return {
        "mapping values are not allowed here": "put text that contains ': ' in quotes, or fix "
                                               "indentation",
        "sequence entries are not allowed here": "start the list on the next line, or put text "
                                                 "that starts with '- ' in quotes",
        "mapping keys are not allowed here": "put text that starts with '? ' in quotes",
        "expected <block end>, but found '-'": "indent a '- ' list item under its key",
        "expected <block end>, but found '<scalar>'": "text follows a closing quote or bracket; "
                                                      "put the whole value in quotes",
        "but found another document": "a content file holds one document; remove the '---' line",
    }.get(what, "check quotes, colons and indentation")
