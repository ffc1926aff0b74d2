"""Rules for text fields: what Markdown editors may use, and what is refused.

Content may use Markdown for emphasis (`*word*`, `**word**`), lists and links.
Anything that could run code or change the page layout is refused with a
message that says what to write instead; nothing is silently removed, so what
the editor wrote is what the patient reads.

Links may point to `https://` addresses, `mailto:` and `tel:`, another option
(`option:rfa`), a glossary term (`term:mri`), or a page of this site
(`page:faq`). Anything else, `javascript:` above all, is refused.
"""

from __future__ import annotations

import re

# Every pattern here runs in time linear in the text (no nested or overlapping repeats, and
# `[ \t]` rather than `\s` where a repeat must not run on into the following lines): a text
# field may hold up to a megabyte, and a check must never take minutes.
_TEXT = r"[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*"  # link text, with one level of [nested] brackets
_DEST = r"[^\s()\[\]]*(?:\([^\s()\[\]]*\)[^\s()\[\]]*)*"  # address, with balanced (parens)
_TITLE = r"""(?:\s++(?:"[^"]*"|'[^']*'|\([^()]*\)))?"""
LINK_RE = re.compile(rf"(?<!!)\[(?P<text>{_TEXT})\]\(\s*+(?P<target>{_DEST}){_TITLE}\s*+\)")
LINK_START_RE = re.compile(r"\]\(\s*(?P<target>[^\s)]{0,200})")
"""Wherever Markdown could start a link target, whatever the link text or title look like."""
REFERENCE_DEFINITION_RE = re.compile(r"^[ \t>*+\-\d.)]*+\[[^\[\]]*\]:\s*\S", re.MULTILINE)
"""`[r]: address`, also inside a quote (`> [r]: ...`) or a list item (`- [r]: ...`)."""
ABBREVIATION_RE = re.compile(r"^[ \t>*+\-\d.)]*?\*\[[^\[\]]*\][ \t]*:", re.MULTILINE)
"""`*[Word]: text`: Python-Markdown's abbreviations, which change every 'Word' in the page."""
HTML_RE = re.compile(r"</?[A-Za-z!?][^>]*>?")
ENTITY_RE = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]+);")
PLACEHOLDERS = ("phone", "urgent_phone", "emergency_number", "clinic_name", "crisis_number")
"""Clinic details that fields documented as taking them fill in (`{phone}`) before Markdown."""
INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
"""Zero-width and bidirectional-control characters: they hide or reorder what a reader sees."""
HTML_ATTRIBUTE_RE = re.compile(r"(?<![\w-])(?:on[a-z]+|style)\s*=", re.IGNORECASE)
"""`onclick=` or `style=`: text that would become an attribute if a quote let it out of one."""
HEADING_RE = re.compile(r"^[ \t]{0,3}#", re.MULTILINE)
RULE_RE = re.compile(r"^[ \t]{0,3}(?:([-*_])(?:[ \t]*\1){2,}|=+|-+)[ \t]*$", re.MULTILINE)
"""Rules (`***`, `- - -`) and setext underlines (`=` or `-` lines under text) alike."""
FENCE_RE = re.compile(r"^[ \t]{0,3}(```|~~~)", re.MULTILINE)
INDENTED_CODE_RE = re.compile(r"(?:\A|\n[ \t]*\n)(?: {4}|[ ]{0,3}\t)[ \t]*(?![-*+][ \t]|\d+[.)][ \t])\S")
TABLE_RE = re.compile(r"^[ \t]*+\|.*\|[ \t]*$|^[ \t]*+(?:\|[ \t]*+)?:?-+:?[ \t]*\|[-:| \t]*$",
                      re.MULTILINE)
"""A row between pipes, or a header separator such as `--|--` (pipes at the ends are optional)."""
ADMONITION_RE = re.compile(r"^[ \t]*(!!!|\?\?\?)", re.MULTILINE)
SAFE_SCHEMES = ("https://", "mailto:", "tel:", "option:", "term:", "page:")
MARKDOWN_MARKS_RE = re.compile(r"(^[ \t]*([-*+]|\d+\.)\s)|\]\(", re.MULTILINE)
_BRACKET_RE = re.compile(r"[\[\]]")


def check_prose(text: str, placeholders: bool = False) -> str:
    """Refuse HTML, unsafe links and layout-breaking Markdown; return the text unchanged.
    With `placeholders`, `{phone}`-style placeholders are allowed (see `fill`)."""
    problems = (_unsafe(text, placeholders) + _layout(text) + _bad_links(text)
                + _brackets(text))
    if problems:
        raise ValueError(problems[0])
    return text


def check_filled_prose(text: str) -> str:
    """Prose that may hold `{phone}`-style placeholders."""
    return check_prose(text, placeholders=True)


def check_plain(text: str, placeholders: bool = False) -> str:
    """Plain one-line text: the prose rules, plus no line breaks, links, lists or invisible
    characters."""
    check_prose(text, placeholders)
    found = INVISIBLE_RE.search(text)
    if found:
        raise ValueError(f"contains an invisible character (U+{ord(found.group()):04X}) that "
                         "hides or reorders text; delete it (retype the words around it if "
                         "you cannot see it)")
    if "\n" in text.strip():
        raise ValueError("must be a single line of text (no line breaks)")
    if MARKDOWN_MARKS_RE.search(text):
        raise ValueError("must be plain text: no links or list markers here")
    return text


def check_filled_plain(text: str) -> str:
    """Plain text that may hold `{phone}`-style placeholders."""
    return check_plain(text, placeholders=True)


def fill(text: str, values: dict[str, str]) -> str:
    """Replace `{phone}`-style placeholders with the clinic's details."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def _unsafe(text: str, placeholders: bool = False) -> list[str]:
    # Each pattern runs only on text holding a character it cannot match without.
    problems = []
    found = HTML_RE.search(text) if "<" in text else None
    if found:
        problems.append(
            f"HTML is not allowed ({found.group(0)[:30]!r}); "
            "use Markdown: *emphasis*, **strong**, [text](https://...)"
        )
    if "&" in text and ENTITY_RE.search(text):
        problems.append("HTML entities like '&amp;' are not allowed; type the character itself")
    if "{" in text and _attribute_list(text, placeholders):
        problems.append("attribute lists like '{: ...}' are not allowed; remove the braces")
    if "*[" in text and ABBREVIATION_RE.search(text):
        problems.append("abbreviation definitions like '*[Word]: meaning' are not allowed; "
                        "explain the word in the text, or add it to glossary.yaml")
    if "[TOC]" in text:
        problems.append("'[TOC]' is not allowed; the page makes its own table of contents")
    found = HTML_ATTRIBUTE_RE.search(text) if "=" in text else None
    if found:
        problems.append(f"HTML attributes like {found.group(0)!r} are not allowed; reword the text")
    if "[" in text and REFERENCE_DEFINITION_RE.search(text):
        problems.append("reference-style links are not allowed; write [text](address) in place")
    if "![" in text:
        problems.append("images are not allowed in text fields")
    return problems


def _layout(text: str) -> list[str]:
    # Each pattern runs only on text holding a piece it cannot match without: most fields
    # are plain sentences, for which these substring tests are all the work.
    problems = []
    if "#" in text and HEADING_RE.search(text):
        problems.append("headings are not allowed in text fields; the page adds its own")
    if ("-" in text or "*" in text or "_" in text or "=" in text) and RULE_RE.search(text):
        problems.append("lines of only '-', '*', '_' or '=' are not allowed (they become rules "
                        "or headings)")
    if ("```" in text or "~~~" in text) and FENCE_RE.search(text):
        problems.append("code blocks are not allowed in text fields")
    if ("    " in text or "\t" in text) and INDENTED_CODE_RE.search(text):
        problems.append("a line indented by 4 spaces or a tab after a blank line becomes a "
                        "code block; remove the indent")
    if "|" in text and TABLE_RE.search(text):
        problems.append("tables are not allowed in text fields; comparisons come from "
                        "comparisons.yaml")
    if ("!!!" in text or "???" in text) and ADMONITION_RE.search(text):
        problems.append("'!!!' and '???' boxes are not allowed in text fields")
    return problems


def _bad_links(text: str) -> list[str]:
    problems = []
    for match in LINK_START_RE.finditer(text):
        target = match.group("target")
        if not target.lower().startswith(SAFE_SCHEMES):
            problems.append(
                f"link target {target!r} is not allowed; use https://, mailto:, tel:, "
                "option:<id>, term:<id> or page:<name>"
            )
    return problems


def _brackets(text: str) -> list[str]:
    """Square brackets must pair up (one level of nesting at most) and every '](' must finish
    its link. Markdown reads an unpaired '[' or an unfinished link by searching the rest of
    the text, for every one of them: a few thousand would stall the build for hours."""
    depth = deepest = 0
    if "[" in text:
        for char in _BRACKET_RE.findall(text.replace("\\[", "").replace("\\]", "")):
            if char == "[":
                depth += 1
                deepest = max(deepest, depth)
            elif depth:
                depth -= 1
    problems = []
    if depth:
        problems.append("a '[' has no matching ']'; write links as [text](address)")
    if deepest > 2:
        problems.append("square brackets inside square brackets inside square brackets are "
                        "not allowed")
    if "](" in text and len(LINK_START_RE.findall(text)) > len(LINK_RE.findall(text)):
        problems.append("a link is not finished; write [text](address), with the address "
                        "(no spaces) and the closing ')'")
    return problems


def _attribute_list(text: str, placeholders: bool) -> bool:
    """Whether a '{' is followed, on its line, by anything but spaces before a '}': Python-
    Markdown reads `{ hidden }`, `{: .x }` or `{#id}` as attributes for the text before it.
    A placeholder such as `{phone}` is allowed where `placeholders` says so."""
    for piece in text.split("}")[:-1]:
        line = piece.rsplit("\n", 1)[-1]
        start = line.find("{")
        if start == -1 or not line[start + 1:].removeprefix(":").strip(" "):
            continue
        if not (placeholders and line[start + 1:] in PLACEHOLDERS):
            return True
    return False


def link_targets(text: str) -> list[str]:
    """Every link target in a text field, in order."""
    if "](" not in text:  # every link has one; most text fields hold no link
        return []
    return [m.group("target") for m in LINK_RE.finditer(text)]
