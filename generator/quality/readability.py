"""Reading level of a page's prose, computed offline: the Flesch-Kincaid grade for English,
the INFLESZ score (Szigriszt-Pazos perspicuity) for Spanish.

English syllables are counted two ways, by pyphen's bundled hyphenation dictionary
and by vowel groups, and the larger count is used: hyphenation alone undercounts
words like "area", so taking the larger keeps the gate on the strict side.
Spanish spelling shows its syllables, so Spanish words are counted by rule: each run of
vowels is one syllable, plus one for each vowel pair that Spanish splits (`spanish_syllables`).
Nothing is downloaded (textstat's newer syllable counter fetches a dictionary
through nltk on first use, which fails offline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pyphen

_WORD_RE = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ÿ]+(?:['’][A-Za-z]+)*")
_SPANISH_VOWELS = re.compile(r"[aeiouáéíóúü]+|(?<![aeiouáéíóúü])y(?=[^aeiouáéíóúü])")
"""A run of vowels, or a `y` with no vowel beside it and a letter after it, as in names such
as Lyrica. A `y` after a vowel (hay, muy) belongs to that vowel's syllable, and a `y` that
ends a word after a consonant is left uncounted: on Spanish pages that is mostly an English
word ("safety")."""
_HIATUS = re.compile(r"(?=[aeoáéó][aeoáéó]|[aeoáéó][íú]|[íú][aeiouáéíóúü]|i[ií])")
"""Where two vowels side by side are two syllables: two strong vowels (a, e, o), a stressed
í or ú after a strong vowel or before any vowel, or two i's (each such pair counted once).
A u and an i side by side stay one syllable, stressed or not (cuídese, incluí)."""
_SILENT_U = re.compile(r"(?<=[gq])u(?=[eiéí])")
"""The u that is not said in que, qui, gue and gui (güe and güi keep theirs)."""
_SILENT_H = re.compile(r"(?<=[aeoáéó])h(?=[iu](?![aeiouáéíóúü]))")
"""An h between a strong vowel and an unstressed i or u, which does not split them:
prohibir, ahumar (but cacahuete and rehuir, where the i or u starts a pair of its own)."""
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
_BLANK_LINE_RE = re.compile(r"\n\s*\n")
"""Where a block ends: no paragraph, list item, link or mark runs past a blank line."""


@cache
def english_hyphenation() -> pyphen.Pyphen:
    """pyphen's English dictionary, read the first time an English page is scored (reading it
    takes about 0.045 s)."""
    return pyphen.Pyphen(lang="en_US")


@dataclass(frozen=True)
class Reading:
    """Counts and grade for one piece of prose."""

    sentences: int
    words: int
    syllables: int

    @property
    def inflesz(self) -> float:
        """Szigriszt-Pazos perspicuity, read on the INFLESZ scale: 65 or more is easy to read
        ("bastante fácil"), 55 to 65 normal, below 40 very hard."""
        if not self.words:
            return 100.0
        return round(206.835 - 62.3 * self.syllables / self.words
                     - self.words / self.sentences, 1)

    @property
    def grade(self) -> float:
        if not self.words:
            return 0.0
        return round(0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words
                     - 15.59, 1)


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    """Syllables in one English word: the larger of the hyphenation and vowel-group counts
    (remembered: pages repeat most words)."""
    word = word.lower()
    if word.isdigit():
        return max(1, len(word) - 1)
    by_hyphenation = len(english_hyphenation().positions(word)) + 1
    groups = len(_VOWEL_GROUP_RE.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and groups > 1:
        groups -= 1
    return max(1, by_hyphenation, groups)


@lru_cache(maxsize=50_000)
def spanish_syllables(word: str) -> int:
    """Syllables in one Spanish word: its vowel groups, where two strong vowels (a, e, o), a
    stressed í or ú next to a vowel, or two i's are two syllables (hiatus) and other pairs
    one (diphthong). The silent u of que, qui, gue and gui is no vowel, and an h between a
    strong and a weak vowel does not part them. A number written in digits counts one
    syllable less than its digits, as in English. Spanish hyphenation (pyphen's dictionary)
    adds nothing to this rule on the site's words but its time (0.05 s a build), and misses
    syllables the rule finds ("examen", "computadora")."""
    word = _SILENT_H.sub("", _SILENT_U.sub("", word.lower()))
    if word.isdigit():
        return max(1, len(word) - 1)
    return max(1, len(_SPANISH_VOWELS.findall(word)) + len(_HIATUS.findall(word)))


def measure(text: str, language: str = "en") -> Reading:
    """Sentence, word and syllable counts of plain prose (one sentence per line at least).
    A sentence never runs past a line, so the counts are the sums of the lines' counts."""
    sentences = words = syllables = 0
    for line in text.split("\n"):
        counts = _line_counts(line, language)
        sentences, words, syllables = (sentences + counts[0], words + counts[1],
                                       syllables + counts[2])
    return Reading(max(1, sentences), words, syllables)


@lru_cache(maxsize=50_000)
def _line_counts(line: str, language: str) -> tuple[int, int, int]:
    """(sentences, words, syllables) of one line. Pages repeat whole paragraphs (the
    urgent-help box is on every page): each is counted once in a build."""
    words = _WORD_RE.findall(line)
    pieces = [p for p in _SENTENCE_END_RE.split(line) if p and _WORD_RE.search(p)]
    return len(pieces), len(words), total_syllables(words, language)


def total_syllables(words: list[str], language: str = "en") -> int:
    """Syllables in all `words`."""
    return sum(map(spanish_syllables if language == "es" else syllables, words))


def prose_of_markdown(markdown: str) -> str:
    """The prose a patient reads in a page's body (`Page.body`), one paragraph or list item
    per line: no headings, tables, HTML or tooltip definitions."""
    blocks = _BLANK_LINE_RE.split(markdown)
    return "\n".join(prose for prose in map(_prose_of_block, blocks) if prose)


@lru_cache(maxsize=50_000)
def _prose_of_block(block: str) -> str:
    """`prose_of_markdown` of a block between blank lines. Pages repeat whole blocks (the
    urgent-help box is on every page): each is read once in a build."""
    units: list[str] = []
    for line in block.splitlines():
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


def hardest_sentences(markdown: str, count: int = 3,
                      language: str = "en") -> list[tuple[float, str]]:
    """The `count` sentences of a page that are hardest to read, hardest first, with their
    score (`score`)."""
    pieces = [" ".join(p.split()) for p in _SENTENCE_END_RE.split(prose_of_markdown(markdown))]
    scored = {(score(measure(p, language), language), p) for p in pieces
              if len(_WORD_RE.findall(p)) >= 3}
    return sorted(scored, reverse=language == "en")[:count]


def score(reading: Reading, language: str) -> float:
    """The score a language's pages are gated on: the grade in English (lower is easier), the
    INFLESZ score in Spanish (higher is easier)."""
    return reading.inflesz if language == "es" else reading.grade


def grade_of_markdown(markdown: str, language: str = "en") -> float:
    """Reading score of a rendered page's body (`Page.body`; `score`)."""
    return score(measure(prose_of_markdown(markdown), language), language)


if __name__ == "__main__":  # python -m generator.quality.readability es FILE.yaml...: for translators
    import sys

    import yaml

    from ..content.validate import text_values

    language, files = sys.argv[1], sys.argv[2:]
    for name in files:
        with open(name, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        text = "\n\n".join(value for location, value in text_values(data)
                         if location[-1:] != ("translated_from",) and location[-1:] != ("id",))
        reading = measure(prose_of_markdown(text), language)
        print(f"{name}: {score(reading, language)} "
              f"({reading.words} words, {reading.words / reading.sentences:.1f} per sentence)")
        for value, sentence in hardest_sentences(text, 5, language):
            print(f"   {value:6.1f}  {sentence}")
