"""Read every content file, turn it into the typed model, and cross-check references.

Problems from every file are gathered before anything is reported, so an editor sees all of
them in one run. Nothing is written until content is valid.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import ContentError, Problem
from ..render.pages import page_list, page_names
from . import prose
from .brand import brand_problems
from .checks import did_you_mean, duplicates, place_name, unknown_ids
from .comparisons import check_comparisons
from .files import brand_files, unread_files
from .load import Document, PathKey, read_yaml
from .model import ID_RE, KINDS, Content, Kind, SiteSettings
from .pathway import check_pathway
from .translation import overlay, translation_files

CONTENT_DIR = "content"


@dataclass
class Validated:
    """Valid content plus the documents it came from (for warnings with lines)."""

    content: Content
    documents: dict[str, Document] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    translations: dict[str, Content] = field(default_factory=dict)
    """The content in each other language of `site.translations`, by language code."""


def load_content(project: Path, today: dt.date | None = None,
                 translations: Collection[str] | None = None) -> Validated:
    """Read, validate and cross-check all content under `project`, with its translations:
    every one that site.yaml lists, or only those of them in `translations` (a preview of one
    language reads only that one). Raises ContentError."""
    problems: list[Problem] = []
    if not (project / CONTENT_DIR).is_dir():
        raise ContentError([Problem(CONTENT_DIR, 1, "folder not found; run this command in "
                                    "the project folder or pass --project")])
    documents: dict[str, Document] = {}
    files: dict[tuple[str, str], str] = {}
    models: dict[str, Any] = {}
    for kind in KINDS:
        models[kind.name] = _read_kind(project, kind, documents, files, problems)
    site_doc = documents.get(f"{CONTENT_DIR}/site.yaml")
    languages = site_doc.data.get("translations") if site_doc and isinstance(site_doc.data, dict) else None
    problems += unread_files(project / CONTENT_DIR, CONTENT_DIR,
                             brand_files(site_doc.data if site_doc else None),
                             {c for c in languages if isinstance(c, str)}
                             if isinstance(languages, list) else set())
    if models["site"] is not None:
        problems += language_problems(models["site"], documents[f"{CONTENT_DIR}/site.yaml"])
    if problems:
        raise ContentError(problems)
    content = Content(
        site=models["site"], sources=models["sources"], faqs=models["faqs"],
        tips=models["tips"], glossary=models["glossary"], options=models["option"],
        pathways=models["pathway"], comparisons=models["comparisons"], pages=models["page"],
        tools=models["tools"],
        files=files,
    )
    problems += list(cross_check(content, documents))
    problems += brand_problems(content.site.brand, documents[content.file_of("site")], project)
    warnings = list(stale_reviews(content, documents, today))
    if content.comparisons:
        errors, table_warnings = check_comparisons(
            content.comparisons, documents[content.file_of("comparisons")], content.options)
        problems += errors
        warnings += table_warnings
    if problems:
        raise ContentError(problems)
    validated = Validated(content, documents, warnings)
    for language in content.site.translations:
        if translations is None or language in translations:
            translated, found, translation_warnings = load_translation(project, validated,
                                                                        language)
            problems += found
            validated.warnings += translation_warnings
            if translated:
                validated.translations[language] = translated
    if problems:
        raise ContentError(problems)
    return validated


def language_problems(site: SiteSettings, doc: Document) -> Iterator[Problem]:
    """Every language of the site has the interface strings its pages need."""
    from ..render.environment import known_languages

    known = known_languages()
    for location, code in [(("language",), site.language),
                           *((("translations", i), c) for i, c in enumerate(site.translations))]:
        if code not in known:
            yield Problem(doc.path, doc.line_of(location),
                          f"no interface strings for language '{code}': the languages known are "
                          f"{', '.join(known)} (generator/render/locales/<code>.yaml)")
        elif location[0] == "translations" and code == site.language:
            yield Problem(doc.path, doc.line_of(location), f"'{code}' is the main language "
                          "('language'), kept in content/ itself; remove it from 'translations'")
    yield from duplicates(doc, ("translations",), site.translations, "language", "translations")


def load_translation(project: Path, validated: Validated, language: str
                     ) -> tuple[Content | None, list[Problem], list[Problem]]:
    """The content in `language`: each file of `content/<language>/` laid over the main
    language's file it translates (`translation.overlay`), then validated and cross-checked
    like the main content. Returns (content or None, problems, warnings)."""
    content, problems, warnings = validated.content, [], []
    folder = project / CONTENT_DIR / language
    if not folder.is_dir():
        site = validated.documents[content.file_of("site")]
        return None, [Problem(site.path, site.line_of(("translations",)),
                              f"no translation folder {CONTENT_DIR}/{language}/; start one "
                              f"with 'patient-site translate {language}', or take '{language}' "
                              "out of 'translations'")], []
    models: dict[tuple[str, str], Any] = {}
    files: dict[tuple[str, str], str] = {}
    documents: dict[str, Document] = {}
    for key, english_path, shown in translation_files(content.files, CONTENT_DIR, language):
        model = next(k.model for k in KINDS if k.name == key[0])
        files[key] = shown
        if not (project / shown).is_file():
            problems.append(Problem(shown, 1, f"missing: the {language} translation of "
                                    f"{english_path}; 'patient-site translate {language}' "
                                    "writes it with the words to translate"))
            continue
        doc, found = read_yaml(project / shown, shown)
        problems += found
        if doc is None:
            continue
        merged, found, stale = overlay(model, validated.documents[english_path], doc,
                                       content.site.language)
        problems += found
        warnings += stale
        documents[shown] = merged
        models[key] = _to_model(merged, model, problems)
    expected = {path.removeprefix(f"{CONTENT_DIR}/{language}/") for path in files.values()}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not path.name.startswith(".") and relative not in expected:
            problems.append(Problem(f"{CONTENT_DIR}/{language}/{relative}", 1,
                                    f"translates nothing: there is no {CONTENT_DIR}/{relative}; "
                                    "a translation has the path and name of the file it "
                                    "translates"))
    if problems or any(value is None for value in models.values()):
        return None, problems, warnings
    site = models[("site", "")].model_copy(update={"language": language})
    translated = Content(
        site=site, sources=models[("sources", "")], faqs=models[("faqs", "")],
        tips=models[("tips", "")], glossary=models[("glossary", "")],
        options={i: m for (k, i), m in models.items() if k == "option"},
        pathways={i: m for (k, i), m in models.items() if k == "pathway"},
        comparisons=models.get(("comparisons", "")),
        pages={i: m for (k, i), m in models.items() if k == "page"},
        tools=models.get(("tools", "")), files=files, main_language=content.site.language)
    problems += list(cross_check(translated, documents))
    problems += _same_numbers(content.site, translated.site, documents[files[("site", "")]])
    validated.documents.update(documents)
    return translated, problems, warnings


def _same_numbers(main: SiteSettings, translated: SiteSettings, doc: Document) -> Iterator[Problem]:
    """A translation may put a placeholder phone number into its own words, never change its
    digits: the clinic's numbers are the same in every language."""
    for key in ("phone", "urgent_phone"):
        ours, theirs = getattr(main.contact, key), getattr(translated.contact, key)
        if re.sub(r"\D", "", ours) != re.sub(r"\D", "", theirs):
            yield Problem(doc.path, doc.line_of(("contact", key)),
                          f"'{key}' is '{theirs}' here but '{ours}' in {CONTENT_DIR}/site.yaml: "
                          "the clinic's numbers are the same in every language; copy the "
                          "number, or leave the key out to use the main language's")


def _read_kind(project: Path, kind: Kind, documents: dict[str, Document],
               files: dict[tuple[str, str], str], problems: list[Problem]) -> Any:
    """The model(s) of one kind: a dict by id for a folder kind, else one model or None."""
    if not kind.folder:
        shown = f"{CONTENT_DIR}/{kind.path}"
        if not kind.required and not (project / shown).exists():
            return None
        files[(kind.name, "")] = shown
        return _read_model(project / shown, shown, kind.model, documents, problems)
    folder = project / CONTENT_DIR / kind.path
    paths = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")) if folder.is_dir() else []
    if kind.required and not paths:
        problems.append(Problem(f"{CONTENT_DIR}/{kind.path}", 1,
                                f"no {kind.name} files found; add one with "
                                f"'patient-site new {kind.name} <id>'"))
    found: dict[str, Any] = {}
    for path in paths:
        shown = f"{CONTENT_DIR}/{kind.path}/{path.name}"
        file_id = path.stem
        if not ID_RE.match(file_id):
            problems.append(Problem(shown, 1, f"file name '{file_id}' is not a valid id; rename "
                                    f"it to '{suggest_id(file_id)}{path.suffix}'"))
        elif (kind.name, file_id) in files:
            problems.append(Problem(shown, 1, f"duplicate id '{file_id}' "
                                    f"(also {files[(kind.name, file_id)]}); keep one file"))
        else:
            files[(kind.name, file_id)] = shown
            value = _read_model(path, shown, kind.model, documents, problems)
            if value is not None:
                found[file_id] = value
    return found


def _read_model(path: Path, shown: str, model: type[BaseModel], documents: dict[str, Document],
                problems: list[Problem]) -> Any:
    """One content file as a model (None if it could not become one); keeps its document."""
    if path.is_dir():
        problems.append(Problem(shown, 1, "is a folder, not a file; content files are YAML "
                                "files: rename the folder or move it out of content/"))
        return None
    if not path.is_file():
        problems.append(Problem(shown, 1, "file not found; every site needs it "
                                "(copy it from the default content)"))
        return None
    doc, found = read_yaml(path, shown)
    problems += found
    if doc is None:
        return None
    documents[shown] = doc
    if not isinstance(doc.data, dict):
        problems.append(Problem(shown, 1, "must be a set of 'key: value' lines, "
                                f"not {_kind(doc.data)}"))
        return None
    return _to_model(doc, model, problems)


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
    name = place_name(location)
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
    if str(ctx.get("pattern")).startswith("^https://"):
        return (f"{name} must be one web address starting with https://, with no spaces, "
                f"quotes or brackets (got {given!r})")
    if str(ctx.get("pattern")).startswith("^#"):
        return f"{name} must be a hex colour such as '#1a5f7a' (got {given!r})"
    if "a-z0-9" in str(ctx.get("pattern")):
        return (f"{name} must be an id: lower-case letters, digits and single hyphens "
                f"(got {given!r}; try '{suggest_id(str(given))}')")
    return f"{name} must match {ctx.get('pattern')} (got {given!r})"


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
        doc = documents[content.file_of("option", option_id)]
        yield from unknown_ids(doc, ("related",), option.related, option_ids, "option")
        yield from unknown_ids(doc, ("sources",), option.sources, source_ids, "source")
        yield from unknown_ids(doc, ("evidence_sources",), option.evidence_sources, source_ids,
                               "source")
        if option.evidence and not option.evidence_sources:
            yield Problem(doc.path, doc.line_of(("evidence",)),
                          "'evidence' needs 'evidence_sources': the ids of the sources that "
                          "support the label; where no source grades this option, leave "
                          "'evidence' out")
        for i, chance in enumerate(option.chances):
            yield from unknown_ids(doc, ("chances", i), [chance.source], source_ids, "source",
                                   key="source")
        if option_id in option.related:
            yield Problem(doc.path, doc.line_of(("related",)), "an option cannot be related to itself")
    faqs, tips = documents[content.file_of("faqs")], documents[content.file_of("tips")]
    for i, faq in enumerate(content.faqs.questions):
        yield from unknown_ids(faqs, ("questions", i, "related"), faq.related, option_ids, "option")
    for i, tip in enumerate(content.tips.tips):
        yield from unknown_ids(tips, ("tips", i, "related"), tip.related, option_ids, "option")
    yield from duplicates(faqs, ("questions",), [q.id for q in content.faqs.questions], "id",
                          "questions")
    yield from duplicates(tips, ("tips",), [t.id for t in content.tips.tips], "id", "tips")
    glossary = documents[content.file_of("glossary")]
    yield from duplicates(glossary, ("terms",), [t.id for t in content.glossary.terms], "id",
                          "terms")
    yield from duplicates(glossary, ("terms",), _all_term_names(content), "term", "terms")
    sources = documents[content.file_of("sources")]
    yield from duplicates(sources, ("sources",), [s.id for s in content.sources.sources], "id",
                          "sources")
    yield from _source_addresses(content, sources)
    for pathway_id, pathway in content.pathways.items():
        yield from check_pathway(pathway, documents[content.file_of("pathway", pathway_id)],
                                 option_ids)
    if content.tools:
        yield from _check_tools(content, documents[content.file_of("tools")], option_ids,
                                source_ids)
    yield from _filled_text(content, {path: documents[path] for path in content.files.values()})
    yield from _clinic_pages(content, documents)
    pages = set(page_names(content))
    for doc in documents.values():
        yield from _prose_links(doc, option_ids, term_ids, pages)


def _clinic_pages(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """A clinic page's id is not a built-in page's name, and its `nav_after` names an entry of
    the navigation, without a loop of pages placed after each other."""
    from ..render.navigation import NAV_ENTRIES

    built_in = {spec.name for spec in page_list(content)
                if spec.name and not spec.path.startswith("pages/")}
    for page_id, page in content.pages.items():
        doc = documents[content.file_of("page", page_id)]
        if page_id in built_in | set(NAV_ENTRIES):
            yield Problem(doc.path, 1, f"'{page_id}' is the name of one of the site's own pages; "
                          "rename the file")
        known = [*NAV_ENTRIES, *(p for p in content.pages if p != page_id)]
        if page.nav_after not in known:
            yield Problem(doc.path, doc.line_of(("nav_after",)),
                          f"'nav_after' names no navigation entry: '{page.nav_after}'"
                          f"{did_you_mean(page.nav_after, known)}; use one of "
                          f"{', '.join(NAV_ENTRIES)} or another page's id")
            continue
        seen, at = {page_id}, page.nav_after
        while at in content.pages and at not in seen:
            seen.add(at)
            at = content.pages[at].nav_after
        if at == page_id:
            yield Problem(doc.path, doc.line_of(("nav_after",)),
                          "'nav_after' goes round in a loop of pages placed after each other; "
                          "place one of them after a site entry such as 'about'")


def _check_tools(content: Content, doc: Document, option_ids: set[str],
                 source_ids: set[str]) -> Iterator[Problem]:
    """Every option a statement names exists; statement and part ids are unique."""
    assert content.tools
    values, parts = content.tools.values, content.tools.appointment.parts
    for i, statement in enumerate(values.statements):
        for key in ("favours", "counts_against"):
            yield from unknown_ids(doc, ("values", "statements", i, key),
                                   getattr(statement, key), option_ids, "option")
        both = set(statement.favours) & set(statement.counts_against)
        if both:
            yield Problem(doc.path, doc.line_of(("values", "statements", i, "counts_against")),
                          f"'{sorted(both)[0]}' is in both 'favours' and 'counts_against'; "
                          "keep it in one")
    yield from duplicates(doc, ("values", "statements"), [s.id for s in values.statements], "id",
                          "statements", key="id")
    yield from duplicates(doc, ("appointment", "parts"), [p.id for p in parts], "id", "parts",
                          key="id")
    yield from unknown_ids(doc, ("block_log", "threshold_sources"),
                           content.tools.block_log.threshold_sources, source_ids, "source")


def _filled_text(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """Text with `{phone}`-style placeholders follows the text rules once the clinic's details
    are filled in: a phone number must not finish a link the text started."""
    values = content.site.contact.placeholders()
    for doc in documents.values():
        for location, text in text_values(doc.data):
            if "{" not in text or not any("{" + key + "}" in text for key in values):
                continue
            check = prose.check_plain if "\n" not in text and location[-1] == "heading" \
                else prose.check_prose
            try:
                check(prose.fill(text, values))
            except ValueError as error:
                yield Problem(doc.path, doc.line_of(location),
                              f"{place_name(location)}: with the clinic's details filled in, {error}")


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
    for (kind, item_id), path in content.files.items():
        review = getattr(content.item(kind, item_id), "review", None)
        if review and review.next_review_due < today:
            yield Problem(path, documents[path].line_of(("review", "next_review_due")),
                          f"review was due on {review.next_review_due.isoformat()}; review the "
                          "page, then update 'last_reviewed' and 'next_review_due'", warning=True)


def publishing_problems(content: Content, documents: dict[str, Document],
                        today: dt.date | None = None, reviews: bool = True) -> Iterator[Problem]:
    """What stops a clinic from publishing (`check --publish`): a page without a current
    clinical review (unless not `reviews`: a translation shares its English file's), and
    clinic details that are still placeholders."""
    today = today or dt.date.today()
    for (kind, item_id), path in content.files.items() if reviews else []:
        review = getattr(content.item(kind, item_id), "review", None)
        if review is None:
            continue
        line = documents[path].line_of(("review",))
        if not review.reviewed:
            yield Problem(path, line, "no clinician has reviewed this page; after the review, "
                          "fill in 'reviewed_by', 'reviewer_role' and 'last_reviewed' under "
                          "'review'")
        elif review.next_review_due < today:
            yield Problem(path, line, "the clinical review was due again on "
                          f"{review.next_review_due.isoformat()}; review the page before publishing")
    from ..render.environment import Strings

    site = documents[content.file_of("site")]
    contact = content.site.contact
    values = {"clinic_name": contact.clinic_name, "phone": contact.phone,
              "urgent_phone": contact.urgent_phone, "emergency_number": contact.emergency_number,
              "crisis_number": contact.crisis_number or "not set; EU countries differ"}
    shipped_name = Strings(content.language).placeholder_clinic_name.lower()
    translated = content.language != content.main_language
    for key, value in values.items():
        if translated and key not in ("clinic_name", "phone", "urgent_phone"):
            continue  # the same in every language: reported once, for the main language
        placeholder = (value.lower().startswith("your ") or value.lower() == shipped_name
                       if key == "clinic_name" else not re.search(r"\d", value))
        if placeholder and (not translated or ("contact", key) in site.lines):
            yield Problem(site.path, site.line_of(("contact", key)),
                          f"'{key}' is still a placeholder ('{value}'); put in the clinic's own "
                          "details before publishing" + (
                              f", or leave '{key}' out here to use {CONTENT_DIR}/site.yaml's"
                              if translated else ""))


def external_links(documents: dict[str, Document]) -> Iterator[tuple[Problem, str]]:
    """Every https/mailto/tel link in content, with where it is. Never fetched."""
    for doc in documents.values():
        for location, text in text_values(doc.data):
            for target in prose.link_targets(text):
                if target.startswith(("https://", "mailto:", "tel:")):
                    yield Problem(doc.path, doc.line_of(location), target), target
