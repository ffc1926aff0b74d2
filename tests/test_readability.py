"""Reading-grade counts: sentences, words and syllables of plain prose."""

from __future__ import annotations

import pytest

from generator.quality.readability import (
    measure,
    spanish_syllables,
    syllables,
    total_syllables,
)

COUNTS = [
    ("Rest for a day. Then walk a little!", 2, 8, 9, -0.8),
    ("Is it safe?! Ask your doctor:\nthey know.", 3, 8, 9, -1.3),
    ("Version 2.5 works: it is new", 1, 7, 8, 0.6),
    ("Call 911 now...  Do not wait.\n\nThe nurse\u2019s line helps", 3, 10, 12, -0.1),
    ("e.g.no space here", 1, 5, 5, -1.8),
    ("", 1, 0, 0, 0.0),
]
"""(text, sentences, words, syllables, grade), as counted before sentence ends were found by a
faster pattern and syllables counted once per distinct word."""


@pytest.mark.parametrize(("text", "sentences", "words", "syllable_count", "grade"), COUNTS)
def test_measure_counts_sentences_words_and_syllables(
        text: str, sentences: int, words: int, syllable_count: int, grade: float) -> None:
    reading = measure(text)
    assert (reading.sentences, reading.words, reading.syllables) == (
        sentences, words, syllable_count)
    assert reading.grade == grade


def test_total_syllables_counts_every_occurrence() -> None:
    words = ["Area", "walk", "area", "walk", "walk", "2026", "nurse\u2019s"]
    assert total_syllables(words) == sum(syllables(word) for word in words)


SPANISH_SYLLABLES = [
    ("ciudad", 2), ("bueno", 2), ("hay", 1), ("y", 1), ("agüero", 3), ("Uruguay", 3),  # one
    ("día", 2), ("reír", 2), ("leer", 2), ("rehabilitación", 6), ("ahora", 3),  # two (hiatus)
    ("antiinflamatorios", 7), ("Lyrica", 3), ("Cymbalta", 3),
    ("examen", 3), ("computadora", 5),
    ("aquí", 2), ("guía", 2), ("química", 3), ("guerra", 2), ("pingüino", 3), ("agua", 2),
    ("cuídese", 3), ("incluía", 3), ("chiita", 3), ("prohibido", 3), ("ahumado", 3),
    ("cacahuete", 4), ("rehuir", 2), ("ahí", 2), ("búho", 2), ("guion", 1),
]
"""Spanish words and their syllables, as the Real Academia Española divides them (and brand
names, which it does not, as they are said)."""


@pytest.mark.parametrize(("word", "count"), SPANISH_SYLLABLES)
def test_spanish_syllables_follow_spanish_spelling(word: str, count: int) -> None:
    assert spanish_syllables(word) == count
