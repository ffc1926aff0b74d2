"""Glossary tooltips: each page ends with the definitions of the glossary terms it uses.

The Markdown `abbr` extension turns each `*[term]: definition` line into a tooltip on every
use of the term on that page. Only the terms a page uses are defined there, so pages stay small
and the build stays linear in the number of terms.
"""

from __future__ import annotations

import re

from ..content.model import Content


def with_tooltips(markdown: str, tooltips: Tooltips) -> str:
    """A page followed by the tooltip definitions of the glossary texts it uses."""
    return markdown + "".join(f"\n{tooltip_line(text, definition)}\n"
                              for text, definition in tooltips.used_in(markdown))


def tooltip_line(text: str, definition: str) -> str:
    """The Markdown line (for the abbreviations extension) that gives `text` its tooltip."""
    return f"*[{text}]: {definition}"


class Tooltips:
    """Glossary tooltips: each page defines only the terms it uses, so pages stay small and
    the build stays linear in the number of terms."""

    WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")

    def __init__(self, content: Content):
        self.definitions: dict[str, str] = {}
        for term in content.glossary.terms:
            for text in (term.term, *term.also_called):
                for form in (text, text[:1].upper() + text[1:]):
                    self.definitions.setdefault(form, term.definition)
        self.order = {text: i for i, text in enumerate(self.definitions)}
        self.by_words: dict[str, str] = {}
        self.lengths: dict[str, set[int]] = {}  # first word -> word counts of texts starting so
        self.found_in: dict[str, frozenset[str]] = {}  # paragraph -> glossary texts in it
        for text in self.definitions:
            words = self.WORD.findall(text)
            if words:
                self.by_words[" ".join(words)] = text
                self.lengths.setdefault(words[0], set()).add(len(words))

    def used_in(self, markdown: str) -> list[tuple[str, str]]:
        """(text, definition) for every glossary text that occurs in `markdown`, in glossary order.
        A text is found within one paragraph, where a tooltip can show it."""
        found: set[str] = set()
        for block in markdown.split("\n\n"):
            if block not in self.found_in:  # pages repeat whole paragraphs: read each once
                self.found_in[block] = self._texts_in(block)
            found |= self.found_in[block]
        return [(text, self.definitions[text]) for text in sorted(found, key=self.order.__getitem__)]

    def _texts_in(self, block: str) -> frozenset[str]:
        words = self.WORD.findall(block)
        return frozenset(self.by_words[key] for i, word in enumerate(words) if word in self.lengths
                         for n in self.lengths[word]
                         if (key := " ".join(words[i:i + n])) in self.by_words)
