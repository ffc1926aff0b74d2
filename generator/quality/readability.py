"""Reading grade (Flesch-Kincaid) of a page's prose, computed offline.

Syllables are counted two ways, by pyphen's bundled hyphenation dictionary and
by vowel groups, and the larger count is used: hyphenation alone undercounts
words like "area", so taking the larger keeps the gate on the strict side.
Nothing is downloaded (textstat's newer syllable counter fetches a dictionary
through nltk on first use, which fails offline).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import pyphen

_DICTIONARY = pyphen.Pyphen(lang="en_US")
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_SENTENCE_END_RE = re.compile(
    r"[.!?:\n](?:(?<=[.!?])[.!?]*(?=\s|$)|(?<=:)\s*$|(?<=\n))", re.MULTILINE)
"""`[.!?]+` before a space or line end, `:` at a line end, or a line break. Written to start
with one set of characters, which lets the regex engine skip to the next candidate quickly."""
_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")

_DROP_LINE_RE = re.compile(
    r"^\s*(#{1,6}\s|\*\[[^\]]+\]:|\||<(?!p[ >]|dd>|legend>|label[ >])|!!!|\?\?\?|---\s*$|\{:)")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ITEM_RE = re.compile(r"^\s*([-*+]|\d+\.)\s+")
_TAG_RE = re.compile(r"<[^>]+>")
_MARK_RE = re.compile(r"[*_`]+|^\s*([-*+]|\d+\.)\s+|\{[^}]*\}", re.MULTILINE)


@dataclass(frozen=True)
class Reading:
    """Counts and grade for one piece of prose."""

    sentences: int
    words: int
    syllables: int

    @property
    def grade(self) -> float:
        if not self.words:
            return 0.0
        return round(0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words
                     - 15.59, 1)


def syllables(word: str) -> int:
    """Syllables in one word: the larger of the hyphenation and vowel-group counts."""
    return _syllables(word.lower())


@lru_cache(maxsize=20_000)
def _syllables(word: str) -> int:
    if word.isdigit():
        return max(1, len(word) - 1)
    by_hyphenation = len(_DICTIONARY.positions(word)) + 1
    groups = len(_VOWEL_GROUP_RE.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and groups > 1:
        groups -= 1
    return max(1, by_hyphenation, groups)


def measure(text: str) -> Reading:
    """Flesch-Kincaid counts for plain prose (one sentence per line at least)."""
    words = _WORD_RE.findall(text)
    pieces = [p for p in _SENTENCE_END_RE.split(text) if p and _WORD_RE.search(p)]
    return Reading(max(1, len(pieces)), len(words), total_syllables(words))


def total_syllables(words: list[str]) -> int:
    """Syllables in all `words`, counting each distinct word once: pages repeat most words."""
    return sum(syllables(word) * times for word, times in Counter(words).items())


def prose_of_markdown(markdown: str) -> str:
    """The prose a patient reads on a page, one paragraph or list item per line:
    no headings, tables, HTML, tooltip definitions or front matter."""
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)
    units: list[str] = []
    for line in body.splitlines():
        if not line.strip() or _DROP_LINE_RE.match(line):
            units.append("")
        elif _ITEM_RE.match(line) or not units or not units[-1]:
            units.append(line.strip())
        else:
            units[-1] += " " + line.strip()
    text = "\n".join(u for u in units if u)
    text = _LINK_RE.sub(r"\1", text)
    text = _TAG_RE.sub(" ", text)
    return _MARK_RE.sub("", text)


def ignores_last_lines(lines: list[str]) -> bool:
    """Whether grading reads nothing of `lines` added at the end of a page (such as tooltip
    definitions), so that the page has the same grade without them."""
    return all(len(line.splitlines()) == 1 and _DROP_LINE_RE.match(line) for line in lines)


def hardest_sentences(markdown: str, count: int = 3) -> list[tuple[float, str]]:
    """The `count` sentences of a page with the highest reading grade, hardest first."""
    pieces = [" ".join(p.split()) for p in _SENTENCE_END_RE.split(prose_of_markdown(markdown))]
    graded = {(measure(p).grade, p) for p in pieces if len(_WORD_RE.findall(p)) >= 3}
    return sorted(graded, reverse=True)[:count]


def grade_of_markdown(markdown: str) -> float:
    """Reading grade of a rendered Markdown page."""
    return measure(prose_of_markdown(markdown)).grade
