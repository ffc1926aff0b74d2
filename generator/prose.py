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

SITE_PAGES = ("index", "faq", "tips", "glossary", "about", "compare", "pathway")
"""Pages a `page:` link may name."""

LINK_RE = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\(\s*(?P<target>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
REFERENCE_DEFINITION_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+", re.MULTILINE)
HTML_RE = re.compile(r"</?[A-Za-z!?][^>]*>?")
ENTITY_RE = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]+);")
ATTR_LIST_RE = re.compile(r"\{\s*[:#.][^}]*\}|\{[^}]*=[^}]*\}")
HEADING_RE = re.compile(r"^\s{0,3}#{1,6}(\s|$)", re.MULTILINE)
RULE_RE = re.compile(r"^\s{0,3}([-*_=])(\s*\1){2,}\s*$", re.MULTILINE)
FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)", re.MULTILINE)
TABLE_RE = re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE)
ADMONITION_RE = re.compile(r"^\s*(!!!|\?\?\?)", re.MULTILINE)
SAFE_SCHEMES = ("https://", "mailto:", "tel:", "option:", "term:", "page:")
MARKDOWN_MARKS_RE = re.compile(r"(^\s*([-*+]|\d+\.)\s)|\[[^\]]*\]\(", re.MULTILINE)


def check_prose(text: str) -> str:
    """Refuse HTML, unsafe links and layout-breaking Markdown; return the text unchanged."""
    problems = _unsafe(text) + _layout(text) + _bad_links(text)
    if problems:
        raise ValueError(problems[0])
    return text


def check_plain(text: str) -> str:
    """Plain one-line text: the prose rules, plus no line breaks, links or lists."""
    check_prose(text)
    if "\n" in text.strip():
        raise ValueError("must be a single line of text (no line breaks)")
    if MARKDOWN_MARKS_RE.search(text):
        raise ValueError("must be plain text: no links or list markers here")
    return text


def _unsafe(text: str) -> list[str]:
    problems = []
    if HTML_RE.search(text):
        found = HTML_RE.search(text)
        assert found
        problems.append(
            f"HTML is not allowed ({found.group(0)[:30]!r}); "
            "use Markdown: *emphasis*, **strong**, [text](https://...)"
        )
    if ENTITY_RE.search(text):
        problems.append("HTML entities like '&amp;' are not allowed; type the character itself")
    if ATTR_LIST_RE.search(text):
        problems.append("attribute lists like '{: ...}' are not allowed; remove the braces")
    if REFERENCE_DEFINITION_RE.search(text):
        problems.append("reference-style links are not allowed; write [text](address) in place")
    if "![" in text:
        problems.append("images are not allowed in text fields")
    return problems


def _layout(text: str) -> list[str]:
    rules = (
        (HEADING_RE, "headings are not allowed in text fields; the page adds its own"),
        (RULE_RE, "lines of only '-', '*', '_' or '=' are not allowed (they become rules or headings)"),
        (FENCE_RE, "code blocks are not allowed in text fields"),
        (TABLE_RE, "tables are not allowed in text fields; comparisons come from comparisons.yaml"),
        (ADMONITION_RE, "'!!!' and '???' boxes are not allowed in text fields"),
    )
    return [message for pattern, message in rules if pattern.search(text)]


def _bad_links(text: str) -> list[str]:
    problems = []
    for match in LINK_RE.finditer(text):
        target = match.group("target")
        if not target.lower().startswith(SAFE_SCHEMES):
            problems.append(
                f"link target {target!r} is not allowed; use https://, mailto:, tel:, "
                "option:<id>, term:<id> or page:<name>"
            )
    return problems


def link_targets(text: str) -> list[str]:
    """Every link target in a text field, in order."""
    return [m.group("target") for m in LINK_RE.finditer(text)]
