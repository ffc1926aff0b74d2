"""Hostile text never reaches a page: it is refused with a message, never silently removed.

The first half puts each hostile (or legal but abusable) piece of Markdown into every text
field of the minimal project at once and builds it: every field must be refused, each with
its file, line and the rule it breaks. The second half builds valid projects (including
text that is odd but allowed) and checks the HTML itself: no script the theme did not put
there, no `on...` attribute, no `javascript:` or `data:` address.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.content.load import Document, read_yaml
from generator.content.validate import load_content, text_values
from generator.errors import ContentError

from .conftest import FIXTURES, make_project

Location = tuple[Any, ...]

HTML = "use Markdown: *emphasis*, **strong**, [text](https://...)"
LINK = "is not allowed; use https://, mailto:, tel:, option:<id>, term:<id> or page:<name>"
ENTITY = "HTML entities like '&amp;' are not allowed; type the character itself"
ATTRIBUTES = "attribute lists like '{: ...}' are not allowed; remove the braces"
RULE = "lines of only '-', '*', '_' or '=' are not allowed (they become rules or headings)"
TABLE = "tables are not allowed in text fields; comparisons come from comparisons.yaml"
BOX = "'!!!' and '???' boxes are not allowed in text fields"
ABBREVIATION = ("abbreviation definitions like '*[Word]: meaning' are not allowed; explain the "
                "word in the text, or add it to glossary.yaml")

HOSTILE = [
    # raw HTML, however it is wrapped
    ("script", "<script>alert(1)</script>", f"HTML is not allowed ('<script>'); {HTML}"),
    ("img-onerror", "<img src=x onerror=alert(1)>",
     f"HTML is not allowed ('<img src=x onerror=alert(1)>'); {HTML}"),
    ("svg-onload", "<svg onload=alert(1)>", f"HTML is not allowed ('<svg onload=alert(1)>'); {HTML}"),
    ("iframe", "<iframe src=https://example.org></iframe>",
     f"HTML is not allowed ('<iframe src=https://example.or'); {HTML}"),
    ("closing-tag", "</p><p>", f"HTML is not allowed ('</p>'); {HTML}"),
    ("html-comment", "<!-- hidden -->", f"HTML is not allowed ('<!-- hidden -->'); {HTML}"),
    ("unclosed-tag", "Hello <b", f"HTML is not allowed ('<b'); {HTML}"),
    ("markdown-in-html", '<div markdown="1">x</div>',
     f"HTML is not allowed ('<div markdown=\"1\">'); {HTML}"),
    ("emphasis-around-html", "*<b>bold</b>*", f"HTML is not allowed ('<b>'); {HTML}"),
    ("entities", "&lt;script&gt;alert(1)&lt;/script&gt;", ENTITY),
    ("numeric-entities", "&#60;script&#62;", ENTITY),
    # links that are not web, mail, phone or site links
    ("javascript-link", "[x](javascript:alert(1))", f"link target 'javascript:alert(1' {LINK}"),
    ("javascript-link-after-space", "[x]( javascript:alert(1))",
     f"link target 'javascript:alert(1' {LINK}"),
    ("javascript-link-mixed-case", "[x](JaVaScRiPt:alert(1))",
     f"link target 'JaVaScRiPt:alert(1' {LINK}"),
    ("javascript-link-in-angle-brackets", "[x](<javascript:alert(1)>)",
     f"HTML is not allowed ('<javascript:alert(1)>'); {HTML}"),
    ("javascript-link-nested-brackets", "[a [b] c](javascript:alert(1))",
     f"link target 'javascript:alert(1' {LINK}"),
    ("javascript-link-single-quoted-title", "[x](javascript:alert(1) 'title')",
     f"link target 'javascript:alert(1' {LINK}"),
    ("javascript-link-parenthesised-title", "[x](javascript:alert(1) (title))",
     f"link target 'javascript:alert(1' {LINK}"),
    ("javascript-link-entity-colon", "[x](javascript&#58;alert(1))", ENTITY),
    ("data-url", "[x](data:text/html;base64,PHNjcmlwdD4=)",
     f"link target 'data:text/html;base64,PHNjcmlwdD4=' {LINK}"),
    ("vbscript-url", "[x](vbscript:msgbox(1))", f"link target 'vbscript:msgbox(1' {LINK}"),
    ("relative-link", "[x](../../etc/passwd)", f"link target '../../etc/passwd' {LINK}"),
    ("protocol-relative-link", "[x](//example.org)", f"link target '//example.org' {LINK}"),
    ("http-link", "[x](http://example.org)", f"link target 'http://example.org' {LINK}"),
    ("reference-link", "[x][r]\n\n[r]: javascript:alert(1)",
     "reference-style links are not allowed; write [text](address) in place"),
    ("empty-reference-link", "[x][]\n\n[]: javascript:alert(1)",
     "reference-style links are not allowed; write [text](address) in place"),
    ("autolink", "<https://example.org>", f"HTML is not allowed ('<https://example.org>'); {HTML}"),
    ("javascript-autolink", "<javascript:alert(1)>",
     f"HTML is not allowed ('<javascript:alert(1)>'); {HTML}"),
    ("email-autolink", "<mailto:someone@example.org>",
     f"HTML is not allowed ('<mailto:someone@example.org>'); {HTML}"),
    ("image", "![x](https://example.org/x.png)", "images are not allowed in text fields"),
    ("unpaired-bracket", "See [the guide", "a '[' has no matching ']'; write links as [text](address)"),
    ("unfinished-link", "See [the guide](https://example.org",
     "a link is not finished; write [text](address), with the address (no spaces) and the "
     "closing ')'"),
    ("nested-brackets", "[[[x]]](https://example.org)",
     "square brackets inside square brackets inside square brackets are not allowed"),
    # attributes, through a link title, a quote or an attribute list
    ("link-title-breakout", '[x](https://example.org "t" onclick="alert(1)")',
     "HTML attributes like 'onclick=' are not allowed; reword the text"),
    ("quote-breakout", 'Hello" onmouseover="alert(1)',
     "HTML attributes like 'onmouseover=' are not allowed; reword the text"),
    ("style-breakout", "Hello' style='position:fixed;inset:0",
     "HTML attributes like 'style=' are not allowed; reword the text"),
    ("attribute-list", 'Hello {: onclick="alert(1)" }', ATTRIBUTES),
    ("attribute-list-class", "Hello {: .md-button }", ATTRIBUTES),
    ("attribute-list-without-colon", "Hello {onclick=alert(1)}", ATTRIBUTES),
    ("attribute-list-bare-word", "Hello { hidden }", ATTRIBUTES),
    ("attribute-list-id", "Hello {#top}", ATTRIBUTES),
    ("attribute-list-editable", "Hello {contenteditable}", ATTRIBUTES),
    # Markdown that changes text elsewhere on the page
    ("abbreviation", "Hello\n\n*[Hello]: Goodbye", ABBREVIATION),
    ("abbreviation-in-list", "- Hello\n- *[Hello]: Goodbye", ABBREVIATION),
    ("toc-marker", "[TOC]", "'[TOC]' is not allowed; the page makes its own table of contents"),
    ("reference-in-quote", "[x][r]\n\n> [r]: javascript:alert(1)",
     "reference-style links are not allowed; write [text](address) in place"),
    ("reference-in-list-item", "[x][r]\n\n- [r]: javascript:alert(1)",
     "reference-style links are not allowed; write [text](address) in place"),
    # Markdown that changes the page layout
    ("heading", "# Big", "headings are not allowed in text fields; the page adds its own"),
    ("heading-without-space", "#Big", "headings are not allowed in text fields; the page adds its own"),
    ("setext-heading", "Big\n===", RULE),
    ("setext-heading-one-dash", "Big\n-", RULE),
    ("rule", "Text\n\n***", RULE),
    ("underscore-rule", "Text\n\n_ _ _", RULE),
    ("table", "| a | b |\n|---|---|\n| 1 | 2 |", TABLE),
    ("table-without-outer-pipes", "a | b\n--|--\n1 | 2", TABLE),
    ("fence", "```\ncode\n```", "code blocks are not allowed in text fields"),
    ("tilde-fence", "~~~\ncode\n~~~", "code blocks are not allowed in text fields"),
    ("indented-code", "Text\n\n    code",
     "a line indented by 4 spaces or a tab after a blank line becomes a code block; remove the "
     "indent"),
    ("tab-indented-code", "Text\n\n\tcode",
     "a line indented by 4 spaces or a tab after a blank line becomes a code block; remove the "
     "indent"),
    ("admonition", '!!! danger "Act now"\n    Call us.', BOX),
    ("details", "??? note\n    Hidden.", BOX),
]

PROSE_ODDITIES = ('Links [with a title](https://example.org "A title") and [single quotes]'
                  "(https://example.org 'Title'), [mail](mailto:care@example.org), "
                  "[phone](tel:555-0100), *emphasis around [a link](https://example.org)*.")
"""Legal Markdown an attacker might hope to abuse: every field that takes links gets this."""
PLAIN_ODDITIES = ("Say \"hello\" & 'bye' <3 5 < 6 > 4 {} { } {{ jinja {% raw "
                  "javascript: alert(1) onclick is a word C:\\path `code` _u_ *e* "
                  "\u00bd \u201cquotes\u201d \u6f22\u5b57 \U0001f600")
"""Odd but harmless one-line text: every other text field gets this."""


# --- content with one value put into many fields -----------------------------------------


def replaced(data: Any, value_for: Callable[[Location], str | None], at: Location = ()) -> Any:
    """A copy of `data` with each text value at `loc` replaced by `value_for(loc)` (if not None)."""
    if isinstance(data, str):
        new = value_for(at)
        return data if new is None else new
    if isinstance(data, dict):
        return {k: replaced(v, value_for, (*at, k)) for k, v in data.items()}
    if isinstance(data, list):
        return [replaced(v, value_for, (*at, i)) for i, v in enumerate(data)]
    return data


def content_files(project: Path) -> dict[str, Document]:
    """Every content file of a project, parsed, keyed by its path from the project."""
    found = {}
    for path in sorted((project / "content").rglob("*.y*ml")):
        shown = path.relative_to(project).as_posix()
        doc, problems = read_yaml(path, shown)
        assert doc is not None and not problems, problems
        found[shown] = doc
    return found


def rewrite(project: Path, originals: dict[str, Document],
            value_for: Callable[[str, Location], str | None]) -> dict[str, Document]:
    """Write every content file with its text values replaced; return the files as written."""
    for shown, doc in originals.items():
        data = replaced(doc.data, lambda loc, shown=shown: value_for(shown, loc))
        (project / shown).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
            encoding="utf-8")
    return content_files(project)


def problem_lines(project: Path) -> set[tuple[str, int]]:
    try:
        load_content(project)
    except ContentError as error:
        return {(p.path, p.line) for p in error.problems}
    return set()


def run(*args: Any) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def text_fields(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[Location]]:
    """Where the minimal project has free text (not ids, choices or dates).

    Found by experiment, so it covers any content file: put plain words in every value and
    see which ones validation does not object to."""
    project = make_project(tmp_path_factory.mktemp("fields") / "project")
    originals = content_files(project)
    written = rewrite(project, originals, lambda shown, loc: "Plain words")
    refused = problem_lines(project)
    fields = {shown: {loc for loc, _ in text_values(doc.data)
                      if (shown, doc.line_of(loc)) not in refused}
              for shown, doc in written.items()}
    assert sum(len(locations) for locations in fields.values()) > 40, fields
    return fields


# --- hostile text is refused, field by field -----------------------------------------------


@pytest.mark.parametrize(("text", "message"), [pytest.param(t, m, id=i) for i, t, m in HOSTILE])
def test_hostile_text_is_refused_in_every_text_field(project, text_fields, text, message):
    originals = content_files(project)
    written = rewrite(project, originals, lambda shown, loc: text)

    code, output = run("build", "--project", project)

    assert code == 1, output
    assert "Traceback" not in output
    assert not (project / "site").exists()
    printed = output.splitlines()
    for shown, doc in written.items():
        for location, _ in text_values(doc.data):
            prefix = f"{shown}:{doc.line_of(location)}: "
            here = [line for line in printed if line.startswith(prefix)]
            assert here, f"nothing reported for {location} at {prefix}"
            if location in text_fields[shown]:
                assert any(line.endswith(f": {message}") for line in here), (location, here)


# --- what the built HTML holds ---------------------------------------------------------------


class PageScan(HTMLParser):
    """Scripts, event-handler attributes and unsafe addresses in one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[str, str]] = []
        """(attributes, text) of each script, with the page's depth ("../") taken out."""
        self.data: list[str] = []
        """The text of each JSON data script, as it is."""
        self.handlers: list[str] = []
        self.attributes: set[str] = set()
        self.unsafe: list[str] = []
        self._script_attrs: str | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.add(name)
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            address = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name in ("href", "src", "action", "formaction", "data", "xlink:href") and (
                    address.startswith(("javascript:", "vbscript:", "data:"))):
                self.unsafe.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "base"):
            self.unsafe.append(f"<{tag}>")
        if tag == "meta" and any(n == "http-equiv" and (v or "").lower() == "refresh"
                                 for n, v in attrs):
            self.unsafe.append("<meta http-equiv=refresh>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            kept = sorted((n, re.sub(r"^(\.\./)+", "", v or "") if n == "src" else v or "")
                          for n, v in attrs)
            self._script_attrs = json.dumps(kept) if src or attrs else "[]"
            self._script_text = []

    def handle_data(self, data: str) -> None:
        if self._script_attrs is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script_attrs is not None:
            text = "".join(self._script_text)
            if is_data(self._script_attrs):
                self.data.append(text)
            else:
                # A page's depth shows in its scripts as "." or "..": the rest is the theme's.
                self.scripts.append((self._script_attrs, re.sub(r'"\.\.?"|(?:\.\./)+', "", text)))
            self._script_attrs = None


def scan_site(site: Path) -> dict[str, PageScan]:
    scans = {}
    for page in sorted(site.rglob("*.html")):
        scan = PageScan()
        scan.feed(page.read_text(encoding="utf-8"))
        scan.close()
        scans[page.relative_to(site).as_posix()] = scan
    return scans


def is_data(attrs: str) -> bool:
    return any(name == "type" and value in ("application/json", "application/ld+json")
               for name, value in json.loads(attrs))


def built_site(project: Path) -> dict[str, PageScan]:
    code, output = run("build", "--project", project)
    assert code == 0, output
    return scan_site(project / "site")


@pytest.fixture(scope="module")
def theme_scripts(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """The scripts the theme puts on pages of a site with harmless content (tool pages too)."""
    project = make_project(tmp_path_factory.mktemp("harmless") / "project")
    shutil.copy(FIXTURES / "tools.yaml", project / "content" / "tools.yaml")
    return {script for scan in built_site(project).values() for script in scan.scripts}


def assert_html_is_clean(scans: dict[str, PageScan], theme_scripts: set[tuple[str, str]]):
    assert scans
    for page, scan in scans.items():
        assert not scan.handlers, (page, scan.handlers)
        assert not scan.unsafe, (page, scan.unsafe)
        for attrs, text in scan.scripts:
            assert (attrs, text) in theme_scripts, (page, attrs, text[:200])
        for text in scan.data:  # data, not code: it must stay data
            json.loads(text)
            assert "</" not in text and "<!--" not in text, (page, text[:200])


def test_the_minimal_site_has_only_the_themes_scripts_and_no_handlers(project, theme_scripts):
    assert_html_is_clean(built_site(project), theme_scripts)


def test_odd_but_allowed_text_in_every_field_adds_no_script_or_handler(
        project, text_fields, theme_scripts):
    originals = content_files(project)
    numbers = itertools.count(1)  # each value differs, as ids, labels and terms must

    def odd(text: str) -> Callable[[str, Location], str | None]:
        return lambda shown, loc: (f"{text} (number {next(numbers)})"
                                   if loc in text_fields[shown] else None)

    rewrite(project, originals, odd(PROSE_ODDITIES))
    # Fields that take no links (titles, names, short answers) refuse the prose: they get
    # the odd one-line text instead.
    refused = problem_lines(project)
    written = content_files(project)
    prose, plain = odd(PROSE_ODDITIES), odd(PLAIN_ODDITIES)
    rewrite(project, originals, lambda shown, loc: (
        plain if (shown, written[shown].line_of(loc)) in refused else prose)(shown, loc))
    assert not problem_lines(project)

    scans = built_site(project)

    assert_html_is_clean(scans, theme_scripts)
    page = (project / "site" / "options" / "test-one.html").read_text(encoding="utf-8")
    assert "{{ jinja {% raw" in page  # content is never run as a template (it would not parse)


def test_the_shipped_content_has_only_the_themes_scripts_and_no_handlers(
        built_shipped_handouts, theme_scripts):
    assert_html_is_clean(scan_site(built_shipped_handouts / "site"), theme_scripts)



def test_quotes_in_text_stay_inside_their_attributes(project, tmp_path):
    harmless = make_project(tmp_path / "harmless")
    known = set().union(*(scan.attributes for scan in built_site(harmless).values()))
    quoted = 'He said "stop" > then left'
    for path, old in [("content/site.yaml", "title: Test site"),
                      ("content/site.yaml", "description: A small site used by the tests."),
                      ("content/options/test-one.yaml",
                       "summary: A test that shows where pain comes from.")]:
        file = project / path
        key = old.split(":")[0]
        file.write_text(file.read_text(encoding="utf-8").replace(old, f"{key}: '{quoted}'"),
                        encoding="utf-8")

    scans = built_site(project)

    strays = {(page, name) for page, scan in scans.items() for name in scan.attributes - known}
    assert not strays
