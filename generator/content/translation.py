"""Translations: the same content in another language, with its structure defined once.

A translation of `content/options/rfa.yaml` into Spanish is `content/es/options/rfa.yaml`. It
holds only the words: every text field of the English file (titles, summaries, benefits,
questions, answers...), in the same shape, and nothing else. Everything else (ids, categories,
links between items, which options a table or a pathway outcome lists, chances figures, review
dates, sources) comes from the English file, so a translation cannot change it:

- a list of items with ids (FAQs, glossary terms, pathway steps...) is matched by `id`;
- any other list (benefits, risks, answers, chances) is matched by position and must have as
  many entries as the English, in the same order (only `also_called` and `search_words` may
  differ: each language has its own other names and the words its readers type);
- a field marked "the same in every language" in the schema (such as a source's title or a
  phone number) stays in the English file, and a field marked "may be translated" (such as
  the clinic's opening hours) falls back to the English when left out.

Each translation file starts with `translated_from`, a fingerprint of the English words it
was made from (`english_version`). When the English words change, `check` warns that the
translation has fallen behind, until a translator updates it and the fingerprint.
`patient-site translate <language>` writes the files a language still lacks, with the English
words in place for the translator to replace.
"""

from __future__ import annotations

import functools
import hashlib
import json
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..errors import Problem
from .checks import did_you_mean, place_name
from .load import Document, PathKey
from .prose import check_filled_plain, check_filled_prose, check_plain, check_prose

VERSION_KEY = "translated_from"
"""The key, at the top of a translation file, for the fingerprint of the English it follows."""
TEXT_CHECKS = (check_prose, check_plain, check_filled_prose, check_filled_plain)
FREE_LENGTH = {"also_called", "search_words"}
"""Lists of words whose length is each language's own."""
SAME = "same in every language"
OPTIONAL = "may be translated"
STILL_ENGLISH_WORDS = 3
"""A translated text identical to the English and at least this many words long was not
translated (shorter ones may be names: 'MRI', 'Lyrica')."""


def same_in_every_language() -> dict[str, Any]:
    """Field marker (`json_schema_extra`) for text that is not translated, such as a title of
    a published source: it is set once, in the main language's file."""
    return {"translation": SAME}


def may_be_translated() -> dict[str, Any]:
    """Field marker (`json_schema_extra`) for text a translation may give, and otherwise takes
    from the main language's file, such as the clinic's opening hours."""
    return {"translation": OPTIONAL}


@dataclass(frozen=True)
class Shape:
    """What a field holds, as translation sees it."""

    kind: str
    """'text', 'texts' (a list of text), 'model', 'models' (a list of models) or 'structure'."""
    model: type[BaseModel] | None = None
    optional: bool = False


def shape_of(field: FieldInfo) -> Shape:
    """How a model field is translated."""
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    marker = extra.get("translation")
    if marker == SAME:
        return Shape("structure")
    optional = marker == OPTIONAL
    annotation = _without_none(field.annotation)
    if _is_text(annotation) or (annotation is str and _checks_text(field.metadata)):
        return Shape("text", optional=optional)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        item = _without_none(item)
        if _is_text(item):
            return Shape("texts", optional=optional)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return Shape("models", item, optional)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("model", annotation, optional)
    return Shape("structure")


@functools.cache
def shapes(model: type[BaseModel]) -> dict[str, Shape]:
    """The shape of each field of a model (a model's fields never change)."""
    return {name: shape_of(field) for name, field in model.model_fields.items()}


def _without_none(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def _is_text(annotation: Any) -> bool:
    return get_origin(annotation) is Annotated and _checks_text(get_args(annotation)[1:])


def _checks_text(metadata: Any) -> bool:
    return any(getattr(m, "func", None) in TEXT_CHECKS for m in metadata)


def needs_translation(model: type[BaseModel]) -> bool:
    """Whether a model holds any text a translation must give."""
    for shape in shapes(model).values():
        if shape.optional or shape.kind == "structure":
            continue
        if shape.kind in ("text", "texts") or (shape.model and needs_translation(shape.model)):
            return True
    return False


def _id_field(model: type[BaseModel]) -> bool:
    return "id" in model.model_fields


# --- the words of a file --------------------------------------------------------------------


def words(model: type[BaseModel], data: Any, optional: bool = True) -> Any:
    """Only the translatable text of one file's (valid) data, in the file's shape: what a
    translation holds. List items with ids keep their `id`. Without `optional`, the fields a
    translation may leave out are left out where they hold no words (a phone number): a
    starting file then asks to translate only words."""
    if not isinstance(data, dict):
        return {}
    out: dict[str, Any] = {}
    if _id_field(model) and "id" in data:
        out["id"] = data["id"]
    for name, shape in shapes(model).items():
        value = data.get(name)
        if value is None or shape.kind == "structure":
            continue
        if shape.optional and not optional and not any(c.isalpha() for c in str(value)):
            continue  # a phone number: no words to translate
        if shape.kind in ("text", "texts"):
            out[name] = value
        elif shape.kind == "model" and shape.model:
            inner = words(shape.model, value, optional)
            if inner:
                out[name] = inner
        elif shape.kind == "models" and shape.model and isinstance(value, list):
            items = [words(shape.model, item, optional) for item in value]
            if any(set(item) - {"id"} for item in items):
                out[name] = items
    return out


def english_version(model: type[BaseModel], data: Any) -> str:
    """A short fingerprint of a file's translatable words: it changes when any of them does,
    and not when only structure, dates or comments change."""
    text = json.dumps(words(model, data), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


# --- a translation laid over its English file ------------------------------------------------


def overlay(model: type[BaseModel], english: Document, translation: Document,
            main_language: str) -> tuple[Document, list[Problem], list[Problem]]:
    """The English file's data with the translation's words in place of its own, as a document
    of the translation file (so problems name its lines). Returns (document, problems,
    warnings): a missing, extra or misshapen translation is a problem; an English file that
    changed since the translation was made is a warning."""
    laid = _Overlay(english, translation, main_language)
    if not isinstance(translation.data, dict):
        laid.problem((), "must be a set of 'key: value' lines, like the file it translates")
        return Document(translation.path, english.data, {}), laid.problems, laid.warnings
    merged = laid.model(model, english.data, translation.data, (), ())
    laid.check_version(model, english.data, translation.data)
    return Document(translation.path, merged, laid.lines), laid.problems, laid.warnings


class _Overlay:
    """One walk down an English file and its translation side by side."""

    def __init__(self, english: Document, translation: Document, main_language: str):
        self.english, self.translation = english, translation
        self.main = main_language
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.lines: dict[PathKey, int] = {}

    def problem(self, at: PathKey, message: str) -> None:
        self.problems.append(Problem(self.translation.path, self.translation.line_of(at), message))

    def model(self, model: type[BaseModel], english: dict[str, Any], translated: Any,
              at: PathKey, at_translation: PathKey) -> dict[str, Any]:
        """Merge one model's data: `at` is where it sits in the English, `at_translation` in
        the translation (list items with ids may sit at other positions)."""
        self.lines[at] = self.translation.line_of(at_translation)
        if not isinstance(translated, dict):
            self.problem(at_translation, f"{place_name(at_translation)} must be a set of "
                         "'key: value' lines, like the English")
            return dict(english)  # one problem, not one per field it should hold
        fields = shapes(model)
        for key in translated:
            if key == VERSION_KEY and not at or key == "id" and _id_field(model):
                continue
            if key not in fields:
                hint = did_you_mean(str(key), [n for n, shape in fields.items()
                                               if shape.kind != "structure"])
                self.problem((*at_translation, key), f"unknown key '{key}'{hint}")
            elif fields[key].kind == "structure":
                self.problem((*at_translation, key), f"'{key}' is the same in every language: "
                             f"it is set once, in {self.english.path}; remove it here")
            elif english.get(key) is None and key not in FREE_LENGTH:
                self.problem((*at_translation, key), f"'{key}' is not in the English "
                             f"({self.english.path}): add it there first, or remove it here")
        merged = dict(english)
        for name, shape in fields.items():
            value = english.get(name)
            if name in FREE_LENGTH and not value:
                if name in translated:  # each language's own other names, where the English
                    merged[name] = translated[name]  # has none
                    self.lines[(*at, name)] = self.translation.line_of((*at_translation, name))
                continue
            if value is None or shape.kind == "structure":
                continue
            here, there = (*at, name), (*at_translation, name)
            if name not in translated:
                if not shape.optional and (shape.kind in ("text", "texts") or (
                        shape.model is not None and needs_translation(shape.model))):
                    self.problem(at_translation, f"'{name}' is not translated: add it, in the "
                                 f"words of this language ({self.english.path} has the English)")
                continue
            merged[name] = self.value(shape, name, value, translated[name], here, there)
        return merged

    def value(self, shape: Shape, name: str, english: Any, translated: Any,
              at: PathKey, there: PathKey) -> Any:
        self.lines[at] = self.translation.line_of(there)
        if shape.kind == "text":
            return self.text(english, translated, there)
        if shape.kind == "texts":
            if not isinstance(translated, list):
                self.problem(there, f"'{name}' must be a list, like the English")
                return english
            if name not in FREE_LENGTH and len(translated) != len(english):
                self.wrong_length(name, translated, english, there)
                return english
            for i in range(len(translated)):
                self.lines[(*at, i)] = self.translation.line_of((*there, i))
            if name in FREE_LENGTH:
                return translated
            return [self.text(e, t, (*there, i))
                    for i, (e, t) in enumerate(zip(english, translated, strict=True))]
        if shape.kind == "model" and shape.model:
            return self.model(shape.model, english, translated, at, there)
        if shape.kind == "models" and shape.model:
            return self.items(shape.model, name, english, translated, at, there)
        return english

    def wrong_length(self, name: str, translated: list[Any], english: list[Any],
                     there: PathKey) -> None:
        self.problem(there, f"'{name}' has {len(translated)} item(s); the English has "
                     f"{len(english)}: translate each one, in the same order")

    def text(self, english: Any, translated: Any, there: PathKey) -> Any:
        if not isinstance(translated, str):
            return translated  # the model's own check says what it must be
        if (isinstance(english, str) and translated.split() == english.split()
                and len(english.split()) >= STILL_ENGLISH_WORDS):
            self.problem(there, f"{place_name(there)} is still the English text: translate it")
        return translated

    def items(self, model: type[BaseModel], name: str, english: list[Any], translated: Any,
              at: PathKey, there: PathKey) -> list[Any]:
        if not isinstance(translated, list):
            self.problem(there, f"'{name}' must be a list, like the English")
            return english
        if not _id_field(model):
            if len(translated) != len(english):
                self.wrong_length(name, translated, english, there)
                return english
            return [self.model(model, e, t, (*at, i), (*there, i))
                    for i, (e, t) in enumerate(zip(english, translated, strict=True))]
        by_id: dict[Any, int] = {}
        for j, item in enumerate(translated):
            item_id = item.get("id") if isinstance(item, dict) else None
            if item_id is not None and not isinstance(item_id, (str, int)):
                self.problem((*there, j, "id"), f"the 'id' of item {j + 1} of '{name}' must be "
                             "the text id of the English item it translates")
            elif item_id is None:
                self.problem((*there, j), f"each item of '{name}' needs the 'id' of the English "
                             "item it translates")
            elif item_id in by_id:
                self.problem((*there, j), f"'{item_id}' is translated twice in '{name}'")
            elif not any(e.get("id") == item_id for e in english):
                hint = did_you_mean(str(item_id), [str(e.get("id")) for e in english])
                self.problem((*there, j, "id"), f"no item '{item_id}' in '{name}' of "
                             f"{self.english.path} to translate{hint}")
            else:
                by_id[item_id] = j
        merged = []
        for i, item in enumerate(english):
            position = by_id.get(item.get("id"))
            if position is None:
                if needs_translation(model):
                    self.problem(there, f"'{item.get('id')}' in '{name}' is not translated: add "
                                 f"it (the English is in {self.english.path})")
                merged.append(item)
            else:
                merged.append(self.model(model, item, translated[position], (*at, i),
                                         (*there, position)))
        return merged

    def check_version(self, model: type[BaseModel], english: Any, translated: dict[str, Any]) -> None:
        current = english_version(model, english)
        given = translated.get(VERSION_KEY)
        if given is None:
            self.problem((), f"add '{VERSION_KEY}: {current}' at the top: the version of the "
                         f"English ({self.english.path}) this translation follows")
        elif isinstance(given, (list, dict)):
            self.problem((VERSION_KEY,), f"'{VERSION_KEY}' must be the text '{current}' "
                         "(the version of the English this translation follows)")
        elif str(given) != current:  # a fingerprint of digits only reads as a number
            self.warnings.append(Problem(
                self.translation.path, self.translation.line_of((VERSION_KEY,)),
                f"the English ({self.english.path}) has changed since this translation was "
                f"made; update the translation, then set '{VERSION_KEY}: {current}'",
                warning=True))


def translation_files(english_files: dict[tuple[str, str], str], content_dir: str,
                      language: str) -> Iterator[tuple[tuple[str, str], str, str]]:
    """(item key, English file, translation file) for every content file."""
    for key, path in english_files.items():
        relative = path.removeprefix(f"{content_dir}/")
        yield key, path, f"{content_dir}/{language}/{relative}"
