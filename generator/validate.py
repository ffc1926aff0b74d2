"""Stage 2: turn parsed documents into the typed content model, collecting every problem.

Problems from every file are gathered before anything is reported, so an
editor sees all of them in one run. Nothing is written until content is valid.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import parallel, prose
from .checks import did_you_mean, duplicates, unknown_ids
from .content import Content
from .errors import ContentError, Problem
from .load import Document, PathKey, read_yaml
from .model import (
    ID_RE,
    FaqPage,
    Glossary,
    Option,
    SiteSettings,
    Sources,
    TipsPage,
)
from .pathway import (
    COMPARISONS_FILE,
    PATHWAYS_DIR,
    Comparisons,
    Pathway,
    check_comparisons,
    check_pathway,
)

CONTENT_DIR = "content"
OPTIONS_DIR = "options"
FILES_PER_PROCESS = 200
"""With `share_reading`, at least this many files per process: forking and sending the documents
back costs about as much as reading a hundred files (on 2 cores, no faster at 100 files)."""
SINGLE_FILES: dict[str, type[BaseModel]] = {
    "site.yaml": SiteSettings,
    "sources.yaml": Sources,
    "faqs.yaml": FaqPage,
    "tips.yaml": TipsPage,
    "glossary.yaml": Glossary,
}


@dataclass
class Validated:
    """Valid content plus the documents it came from (for warnings with lines)."""

    content: Content
    documents: dict[str, Document] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def load_content(project: Path, today: dt.date | None = None,
                 share_reading: bool = False) -> Validated:
    """Read, validate and cross-check all content under `project`. Raises ContentError.

    With `share_reading`, processes forked from this one (one per core) share the reading of
    many option files; `check` uses it, the preview server (which runs threads) does not."""
    problems: list[Problem] = []
    content_dir = project / CONTENT_DIR
    if not content_dir.is_dir():
        raise ContentError([Problem(CONTENT_DIR, 1, "folder not found; run this command in "
                                    "the project folder or pass --project")])
    documents: dict[str, Document] = {}
    models: dict[str, Any] = {}
    for name, model in SINGLE_FILES.items():
        shown = f"{CONTENT_DIR}/{name}"
        models[name] = _keep(shown, _read_model(project / shown, shown, model), documents,
                             problems)
    options = _load_folder(project, OPTIONS_DIR, Option, documents, problems, required=True,
                           share_reading=share_reading)
    pathways = _load_folder(project, PATHWAYS_DIR, Pathway, documents, problems, required=False)
    comparisons = _load_optional(project, COMPARISONS_FILE, Comparisons, documents, problems)
    if problems or any(m is None for m in models.values()):
        raise ContentError(problems)
    content = Content(
        site=models["site.yaml"], sources=models["sources.yaml"], faqs=models["faqs.yaml"],
        tips=models["tips.yaml"], glossary=models["glossary.yaml"], options=options,
        pathways=pathways, comparisons=comparisons,
    )
    problems += list(cross_check(content, documents))
    warnings = list(stale_reviews(content, documents, today))
    if comparisons:
        errors, table_warnings = check_comparisons(
            comparisons, documents[f"{CONTENT_DIR}/{COMPARISONS_FILE}"], options)
        problems += errors
        warnings += table_warnings
    if problems:
        raise ContentError(problems)
    return Validated(content, documents, warnings)


def _read(path: Path, shown: str, problems: list[Problem]) -> Document | None:
    if not path.is_file():
        problems.append(Problem(shown, 1, "file not found; every site needs it "
                                "(copy it from the default content)"))
        return None
    doc, found = read_yaml(path, shown)
    problems += found
    if doc is not None and not isinstance(doc.data, dict):
        problems.append(Problem(shown, 1, "must be a set of 'key: value' lines, "
                                f"not {_kind(doc.data)}"))
        return None
    return doc


def _load_folder(project: Path, folder_name: str, model: type[Any], documents: dict[str, Document],
                 problems: list[Problem], required: bool,
                 share_reading: bool = False) -> dict[str, Any]:
    """Every `<id>.yaml` in a content folder, keyed by id (the file name); with `share_reading`,
    forked processes share the reading of many files."""
    folder = project / CONTENT_DIR / folder_name
    seen: dict[str, str] = {}
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")) if folder.is_dir() else []
    if required and not files:
        problems.append(Problem(f"{CONTENT_DIR}/{folder_name}", 1,
                                "no option files found; add one with 'patient-site new option <id>'"))
    to_read: list[tuple[Path, str]] = []
    for path in files:
        shown = f"{CONTENT_DIR}/{folder_name}/{path.name}"
        file_id = path.stem
        if not ID_RE.match(file_id):
            problems.append(Problem(shown, 1, f"file name '{file_id}' is not a valid id; rename "
                                    f"it to '{suggest_id(file_id)}{path.suffix}'"))
            continue
        if file_id in seen:
            problems.append(Problem(shown, 1, f"duplicate id '{file_id}' "
                                    f"(also {seen[file_id]}); keep one file"))
            continue
        seen[file_id] = shown
        to_read.append((path, shown))
    found: dict[str, Any] = {}
    processes = parallel.process_count(len(to_read), FILES_PER_PROCESS) if share_reading else 1
    parts = parallel.in_parts(lambda first, step: [
        _read_model(path, shown, model) for path, shown in to_read[first::step]], processes)
    read = parallel.interleaved(parts)
    for (path, shown), outcome in zip(to_read, read, strict=True):
        value = _keep(shown, outcome, documents, problems)
        if value is not None:
            found[path.stem] = value
    return found


def _read_model(path: Path, shown: str, model: type[Any]) -> tuple[Document | None, Any, list[Problem]]:
    """One content file as a document and a model (None for either it could not become)."""
    problems: list[Problem] = []
    doc = _read(path, shown, problems)
    return doc, None if doc is None else _to_model(doc, model, problems), problems


def _keep(shown: str, outcome: tuple[Document | None, Any, list[Problem]],
          documents: dict[str, Document], problems: list[Problem]) -> Any:
    """Keep what `_read_model` found (the document, the problems); return the model."""
    doc, value, file_problems = outcome
    problems += file_problems
    if doc is not None:
        documents[shown] = doc
    return value


def _load_optional(project: Path, name: str, model: type[Any], documents: dict[str, Document],
                   problems: list[Problem]) -> Any:
    """A content file a site may leave out (None if it is absent)."""
    shown = f"{CONTENT_DIR}/{name}"
    if not (project / shown).exists():
        return None
    return _keep(shown, _read_model(project / shown, shown, model), documents, problems)


def suggest_id(name: str) -> str:
    """A valid id close to `name`: lower case, hyphens for anything else."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "option"


def _to_model(doc: Document, model: type[BaseModel], problems: list[Problem]) -> Any:
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            location = tuple(detail["loc"])
            problems.append(Problem(doc.path, doc.line_of(location),
                                    describe(detail, model, location)))
        return None


def describe(detail: Any, model: type[BaseModel], location: PathKey) -> str:
    """An editor-friendly message for one pydantic error."""
    kind, ctx, given = detail["type"], detail.get("ctx", {}), detail.get("input")
    name = _name(location)
    if kind == "missing":
        return f"{name} is required"
    if kind == "extra_forbidden":
        return f"unknown key {name}{_key_hint(location, model)}"
    if kind == "value_error":
        return f"{name}: {ctx.get('error')}"
    messages = {
        "string_type": f"{name} must be text, not {_kind(given)}",
        "list_type": f"{name} must be a list (one '- ' line per item), not {_kind(given)}",
        "model_type": f"{name} must be a set of 'key: value' lines, not {_kind(given)}",
        "dict_type": f"{name} must be a set of 'key: value' lines, not {_kind(given)}",
        "enum": f"{name} must be one of: {ctx.get('expected', '').replace(chr(39), '')}"
                f" (got {given!r})",
        "string_pattern_mismatch": _pattern_message(name, ctx, given),
        "too_short": f"{name} needs at least {ctx.get('min_length')} item(s)",
        "string_too_long": f"{name} must be at most {ctx.get('max_length')} characters "
                           f"(it has {len(given) if isinstance(given, str) else '?'})",
        "int_type": f"{name} must be a whole number, not {_kind(given)}",
        "int_parsing": f"{name} must be a whole number (got {given!r})",
        "float_type": f"{name} must be a number, not {_kind(given)}",
        "float_parsing": f"{name} must be a number (got {given!r})",
        "int_from_float": f"{name} must be a whole number (got {given!r})",
        "int_parsing_size": f"{name} must be a whole number of a sensible size",
        "finite_number": f"{name} must be a number (got {given!r})",
        "less_than_equal": f"{name} must be at most {ctx.get('le')} (got {given!r})",
        "greater_than_equal": f"{name} must be at least {ctx.get('ge')} (got {given!r})",
        "string_unicode": f"{name} must be text; it holds a broken character (retype it)",
    }
    if kind in messages:
        return messages[kind]
    if kind.startswith("date"):
        return f"{name} must be a real date written YYYY-MM-DD (got {given!r})"
    return f"{name}: {detail['msg']}"


def _pattern_message(name: str, ctx: dict[str, Any], given: Any) -> str:
    if ctx.get("pattern") == "^https://":
        return f"{name} must start with https:// (got {given!r})"
    if "a-z0-9" in str(ctx.get("pattern")):
        return (f"{name} must be an id: lower-case letters, digits and single hyphens "
                f"(got {given!r}; try '{suggest_id(str(given))}')")
    return f"{name} must match {ctx.get('pattern')} (got {given!r})"


def _name(location: PathKey) -> str:
    keys = [k for k in location if isinstance(k, str)]
    index = [k for k in location[len(location) - 1:] if isinstance(k, int)]
    key = f"'{keys[-1]}'" if keys else "the file"
    return f"item {index[0] + 1} of {key}" if index else key


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {dict: "a set of keys", list: "a list", str: "text", int: "a number",
            float: "a number", type(None): "empty"}.get(type(value), type(value).__name__)


def _key_hint(location: PathKey, model: type[BaseModel]) -> str:
    return did_you_mean(str(location[-1]), _fields_at(model, location[:-1]))


def _fields_at(model: type[BaseModel], location: PathKey) -> list[str]:
    """Field names of the (sub)model found at `location` inside `model`."""
    current: Any = model
    for key in location:
        if isinstance(key, int):
            continue
        info = current.model_fields.get(key) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


# --- cross-file checks -------------------------------------------------------------------


def cross_check(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """Every reference between files resolves; every id is unique where it must be."""
    option_ids = set(content.options)
    source_ids = {s.id for s in content.sources.sources}
    term_ids = {t.id for t in content.glossary.terms}
    for option_id, option in content.options.items():
        doc = documents[_file_path(documents, OPTIONS_DIR, option_id)]
        yield from unknown_ids(doc, ("related",), option.related, option_ids, "option")
        yield from unknown_ids(doc, ("sources",), option.sources, source_ids, "source")
        if option_id in option.related:
            yield Problem(doc.path, doc.line_of(("related",)), "an option cannot be related to itself")
    faqs, tips = documents["content/faqs.yaml"], documents["content/tips.yaml"]
    for i, faq in enumerate(content.faqs.questions):
        yield from unknown_ids(faqs, ("questions", i, "related"), faq.related, option_ids, "option")
    for i, tip in enumerate(content.tips.tips):
        yield from unknown_ids(tips, ("tips", i, "related"), tip.related, option_ids, "option")
    yield from duplicates(faqs, ("questions",), [q.id for q in content.faqs.questions], "id",
                          "questions")
    yield from duplicates(tips, ("tips",), [t.id for t in content.tips.tips], "id", "tips")
    glossary = documents["content/glossary.yaml"]
    yield from duplicates(glossary, ("terms",), [t.id for t in content.glossary.terms], "id",
                          "terms")
    yield from duplicates(glossary, ("terms",), _all_term_names(content), "term", "terms")
    yield from duplicates(documents["content/sources.yaml"], ("sources",),
                          [s.id for s in content.sources.sources], "id", "sources")
    yield from _source_addresses(content, documents["content/sources.yaml"])
    for pathway_id, pathway in content.pathways.items():
        yield from check_pathway(pathway, documents[_file_path(documents, PATHWAYS_DIR, pathway_id)],
                                 option_ids)
    for doc in documents.values():
        yield from _prose_links(doc, option_ids, term_ids, content.site_pages())


def _source_addresses(content: Content, doc: Document) -> Iterator[Problem]:
    """A source's `url` is one address: pages put it in a Markdown link, where a space, a quote
    or an unmatched ')' would end the address early and let the rest become page text."""
    for i, source in enumerate(content.sources.sources):
        url = source.url or ""
        depth = 0
        for char in url:
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth < 0:
                break
        if depth or re.search(r"[\s<>\"'`\\]", url):
            yield Problem(doc.path, doc.line_of(("sources", i, "url")),
                          "'url' must be a single web address: no spaces, quotes or unmatched "
                          "brackets (write a space as %20)")


def _all_term_names(content: Content) -> list[str]:
    return [t.term for t in content.glossary.terms]


def _prose_links(doc: Document, option_ids: set[str], term_ids: set[str],
                 pages: set[str]) -> Iterator[Problem]:
    known = {"option": option_ids, "term": term_ids, "page": pages}
    for location, text in text_values(doc.data):
        for target in prose.link_targets(text):
            scheme, _, ref = target.partition(":")
            if scheme in known and ref not in known[scheme]:
                yield Problem(doc.path, doc.line_of(location),
                              f"link '{target}' points to an unknown {scheme} '{ref}'")


def text_values(data: Any, location: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every text value inside a file's data (dates are text here too), with its location."""
    if isinstance(data, str):
        yield location, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from text_values(value, (*location, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from text_values(value, (*location, i))


# --- warnings ----------------------------------------------------------------------------


def stale_reviews(content: Content, documents: dict[str, Document],
                  today: dt.date | None = None) -> Iterator[Problem]:
    """A warning for each page whose next review date has passed."""
    today = today or dt.date.today()
    pages = [("content/site.yaml", content.site.review), ("content/faqs.yaml", content.faqs.review),
             ("content/tips.yaml", content.tips.review)]
    pages += [(_file_path(documents, OPTIONS_DIR, oid), o.review) for oid, o in content.options.items()]
    pages += [(_file_path(documents, PATHWAYS_DIR, pid), p.review) for pid, p in content.pathways.items()]
    if content.comparisons:
        pages.append((f"{CONTENT_DIR}/{COMPARISONS_FILE}", content.comparisons.review))
    for path, review in pages:
        if review.next_review_due < today:
            doc = documents[path]
            yield Problem(path, doc.line_of(("review", "next_review_due")),
                          f"review was due on {review.next_review_due.isoformat()}; review the "
                          "page, then update 'last_reviewed' and 'next_review_due'", warning=True)


def _file_path(documents: dict[str, Document], folder: str, file_id: str) -> str:
    """The shown path of the file `<file_id>.yaml` (or `.yml`) in a content folder."""
    for suffix in (".yaml", ".yml"):
        path = f"{CONTENT_DIR}/{folder}/{file_id}{suffix}"
        if path in documents:
            return path
    raise KeyError(file_id)


def external_links(documents: dict[str, Document]) -> Iterator[tuple[Problem, str]]:
    """Every https/mailto/tel link in content, with where it is. Never fetched."""
    for doc in documents.values():
        for location, text in text_values(doc.data):
            for target in prose.link_targets(text):
                if target.startswith(("https://", "mailto:", "tel:")):
                    yield Problem(doc.path, doc.line_of(location), target), target
