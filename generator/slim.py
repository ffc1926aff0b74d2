"""After MkDocs: make the built site lighter without changing what any page shows.

Every page of a Material site loads Material's whole stylesheet (137 KB) and,
with a light/dark toggle, its palette stylesheet (12 KB), though most of both
styles features this site never uses: code highlighting, content tabs,
keyboard keys, blog posts, tags, a repository widget, version selectors, 18
primary colours... `slim_site` removes those rules; the site's own
stylesheets are minified. (Stripping the templates' indentation from every page
would save a sixth of a page's HTML, but almost nothing once a server compresses
it, and it cost a second per 1,000 options; it is not done.)

What is removed is decided from the built site itself, so nothing a page uses
can go. A group of rules (a "feature") goes only when no page has any markup
that could bring it in; rules for classes that Material's JavaScript adds at
run time stay unless their feature is absent. A trimmed stylesheet gets a new
hashed name, and every page is pointed at it, so a browser cannot pair a page
with a stale copy.

Scripts under assets/javascripts that no page loads are deleted: Material's bundle,
search worker and its language files (850 KB), which the site's own script replaces.

Call `slim_site(site)` once the builder has finished and before the site is
published; running it twice changes nothing more.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path

# --- which rules can go ---------------------------------------------------------------

FEATURES: dict[str, str] = {
    # name: class names of the feature (a regular expression over one class name)
    "code blocks": r"highlight|highlighttable|hll|linenos|linenodiv|filename|md-clipboard(--.*)?"
                   r"|md-code__.*|md-annotation.*|annotate",
    "content tabs": r"tabbed-.*",
    "keyboard keys": r"keys|key-.*",
    "critic markup": r"critic.*",
    "task lists": r"task-list.*",
    "footnotes": r"footnote.*",
    "maths": r"arithmatex|katex.*",
    "emoji": r"twemoji|emojione|gemoji",
    "diagrams": r"mermaid",
    "grids": r"grid|cards?",
    "repository": r"md-source(__.*)?|md-header__source|md-nav__source|md-nav__container",
    "source file dates": r"md-source-file.*",
    "versions": r"md-version.*",
    "selects": r"md-select.*",
    "tags": r"md-tags?(-.*|--.*)?",
    "blog": r"md-post.*|md-author.*|md-pagination.*|md-profile.*|md-content--post|md-sidebar--post"
            r"|md-pin|md-draft|md-meta.*",
    "status": r"md-status.*",
    "feedback": r"md-feedback.*",
    "cookie consent": r"md-consent.*",
    "announcement bar": r"md-banner.*",
    "navigation tabs": r"md-tabs.*",
    "breadcrumbs": r"md-path.*",
    "social links": r"md-social.*",
    "lifted header": r"md-header--lifted|md-nav--lifted",
    "integrated table of contents": r"md-nav--integrated",
    "permalinks": r"headerlink",
    "forms": r"md-input.*",
    "edit button": r"md-content__button",
    "search suggestions": r"md-search__suggest",
    "inline blocks": r"inline",
}
"""Material features whose rules can go when no page uses them."""

ELEMENTS = frozenset({"kbd", "img", "picture", "blockquote", "hr", "figure", "figcaption", "iframe",
                      "video", "audio", "small", "code", "pre", "sub", "sup", "math"})
"""Elements whose rules go when no page has one. The site's script creates none of them: its
search results are plain text in a, article, h1, h2, p, mark, details and summary."""

ADMONITION_TYPES = frozenset({
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
    "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail",
    "missing", "danger", "error", "bug", "example", "quote", "cite"})
"""Admonition (call-out box) types Material styles; a type's rules go if no page uses it."""

STYLESHEET = re.compile(r"(?:main|palette)\.[0-9a-f]{8,}\.min\.css")
CLASS_ATTRIBUTE = re.compile(r"""class=["']([^"']*)""")  # no \b: a literal start is faster
COLOR_ATTRIBUTE = re.compile(r"""data-md-color-(scheme|primary|accent)=["']?([\w-]+)""")
COLOR_SELECTOR = re.compile(r"\[data-md-color-(scheme|primary|accent)=[\"']?([\w-]+)[\"']?\]")
ELEMENT_TAG = re.compile(r"<(" + "|".join(sorted(ELEMENTS)) + r")\b")  # as MkDocs writes them
STYLE_READING_VARIABLE = re.compile(r"""style=["'][^"']*var\(--[^"']*""")
TYPE_SELECTOR = re.compile(r"(?:^|[\s>+~])([a-zA-Z][a-zA-Z0-9]*)")
CLASS_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
CUSTOM_PROPERTY = re.compile(r"\s*(--[\w-]+)\s*:")
VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
CONFIG_SCRIPT = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)
CSS_TOKENS = re.compile(r"""(/\*.*?\*/|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')""", re.DOTALL)
SOURCE_MAP = re.compile(r"/\*#\s*sourceMappingURL=[^*]*\*/\s*$")
LINKED_STYLESHEET = re.compile(r"stylesheets/((?:main|palette)\.[0-9a-f]{8,}\.min\.css)")  # fast: a literal
SCRIPT_SOURCE = re.compile(r"""<script\b[^>]*?\ssrc=["']?([^"'\s>]+)""")


@dataclass(frozen=True)
class Usage:
    """What the built pages use: class names, palette colours, features started by script."""

    classes: frozenset[str]
    elements: frozenset[str]
    colors: frozenset[tuple[str, str]]
    has_code: bool
    has_version: bool
    inline_styles: str = ""  # style="..." attributes that read custom properties

    def dead_class(self, name: str) -> bool:
        """Whether no page can ever have an element with this class."""
        if name in self.classes:
            return False
        if name in ADMONITION_TYPES:
            return True
        return self._unused.fullmatch(name) is not None

    @functools.cached_property
    def unused_features(self) -> list[str]:
        started_by_script = {"code blocks": self.has_code, "versions": self.has_version,
                             "selects": self.has_version}
        return [feature for feature, pattern in FEATURES.items()
                if not started_by_script.get(feature, False)
                and not any(re.fullmatch(pattern, name) for name in self.classes)]

    @functools.cached_property
    def _unused(self) -> re.Pattern[str]:
        patterns = [f"(?:{FEATURES[feature]})" for feature in self.unused_features]
        return re.compile("|".join(patterns) or "(?!)")


@dataclass(frozen=True)
class SiteUse:
    """What a site's pages use, all that `slim_site` needs to know of them."""

    usage: Usage
    scripts: frozenset[str]
    """File names of the scripts the pages load."""
    stylesheets: frozenset[str]
    """Names of Material's stylesheets (trimmed or not) the pages link."""


def site_use(pages: Iterable[str]) -> SiteUse:
    """What the given pages (HTML text) use, and the scripts and stylesheets they link."""
    scripts: set[str] = set()
    stylesheets: set[str] = set()
    usage = page_usage(noting_links(pages, scripts, stylesheets))
    return SiteUse(usage, frozenset(scripts), frozenset(stylesheets))


def page_usage(pages: Iterable[str]) -> Usage:
    """What the given pages (HTML text) use."""
    classes: set[str] = set()
    elements: set[str] = set()
    colors: set[tuple[str, str]] = set()
    inline_styles: list[str] = []
    has_code = has_version = False
    for html in pages:
        classes.update(" ".join(set(CLASS_ATTRIBUTE.findall(html))).split())
        colors.update(COLOR_ATTRIBUTE.findall(html))
        elements.update(ELEMENT_TAG.findall(html))
        inline_styles += STYLE_READING_VARIABLE.findall(html)
        has_code = has_code or "<pre" in html
        config = CONFIG_SCRIPT.search(html)
        if config and '"version": null' not in config.group(1):
            has_version = has_version or bool(json.loads(config.group(1)).get("version"))
    return Usage(frozenset(classes), frozenset(elements), frozenset(colors), has_code, has_version,
                 "".join(inline_styles))


# --- a small CSS reader: enough for minified stylesheets -------------------------------

@dataclass
class Rule:
    prelude: str
    body: str | None  # None for statements such as @charset
    children: list[Rule] | None = None  # for @media and @supports

    def text(self) -> str:
        if self.body is None:
            return self.prelude + ";"
        if self.children is not None:
            return self.prelude + "{" + "".join(rule.text() for rule in self.children) + "}"
        return self.prelude + "{" + self.body + "}"


SPECIAL = re.compile(r"[\\\"'()\[\]{};},]")


def _scan(css: str, start: int, stops: str) -> int:
    """Index of the first character in `stops` at the top level (outside strings, brackets)."""
    depth = 0
    quote = ""
    search = SPECIAL.search
    match = search(css, start)
    while match:
        i = match.start()
        char = css[i]
        if quote:
            if char == "\\":
                match = search(css, i + 2)
                continue
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0 and char in stops:
            return i
        match = search(css, i + 1)
    return len(css)


def parse(css: str) -> list[Rule]:
    """Rules of a stylesheet; @media/@supports/@layer/@container blocks hold their rules."""
    rules = []
    i = 0
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL) if "/*" in css else css
    while i < len(css):
        j = _scan(css, i, "{;}")
        if j >= len(css) or css[j] == "}":
            break
        prelude = css[i:j].strip()
        if css[j] == ";":
            rules.append(Rule(prelude, None))
            i = j + 1
            continue
        end = _block_end(css, j)
        body = css[j + 1:end]
        nested = prelude.startswith(("@media", "@supports", "@layer", "@container", "@document"))
        rules.append(Rule(prelude, body, parse(body) if nested else None))
        i = end + 1
    return rules


def _block_end(css: str, open_brace: int) -> int:
    depth = 0
    i = open_brace
    while i < len(css):
        i = _scan(css, i, "{}")
        if i >= len(css):
            break
        depth += 1 if css[i] == "{" else -1
        if depth == 0:
            return i
        i += 1
    return len(css)


def _split_top(text: str, separator: str) -> list[str]:
    parts = []
    i = 0
    while i <= len(text):
        j = _scan(text, i, separator)
        parts.append(text[i:j])
        i = j + 1
    return parts


def _selector_dead(selector: str, usage: Usage) -> bool:
    """Whether a selector can never match: it needs a class or colour no page has.

    Only what the selector requires counts: classes inside :not(), :is(), :where() and
    other parentheses are ignored, so a rule is never dropped by mistake."""
    required = _outside_brackets(selector)
    for kind, value in COLOR_SELECTOR.findall(selector):
        if usage.colors and (kind, value) not in usage.colors:
            return True
    if any(name.lower() in ELEMENTS and name.lower() not in usage.elements
           for name in TYPE_SELECTOR.findall(required)):
        return True
    return any(usage.dead_class(name) for name in CLASS_SELECTOR.findall(required))


def _outside_brackets(selector: str) -> str:
    out = []
    depth = 0
    for char in selector:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def prune_rules(rules: list[Rule], usage: Usage) -> list[Rule]:
    """The rules with every selector that can never match removed."""
    kept = []
    for rule in rules:
        if rule.children is not None:
            children = prune_rules(rule.children, usage)
            if children:
                kept.append(Rule(rule.prelude, rule.body, children))
        elif rule.body is None or rule.prelude.startswith("@"):
            kept.append(rule)
        else:
            selectors = [s for s in _split_top(rule.prelude, ",") if not _selector_dead(s, usage)]
            if selectors:
                kept.append(Rule(",".join(selectors), rule.body))
    return kept


def _walk(rules: list[Rule]) -> list[Rule]:
    out = []
    for rule in rules:
        out.append(rule)
        if rule.children is not None:
            out += _walk(rule.children)
    return out


def prune_custom_properties(sheets: list[list[Rule]], used_elsewhere: str) -> list[list[Rule]]:
    """Drop custom properties (--name: value) that nothing reads, and unused @keyframes.

    The stylesheets are pruned together: a property set in one may be read in another."""
    while True:
        text = "".join(rule.text() for rules in sheets for rule in rules) + used_elsewhere
        read = set(VAR_USE.findall(text))
        animations = re.findall(r"animation(?:-name)?\s*:\s*([^;}]*)", text)
        names = {word for value in animations for word in re.findall(r"[\w-]+", value)}
        changed = False
        for rule in (rule for rules in sheets for rule in _walk(rules)):
            if rule.body is None or rule.children is not None or rule.prelude.startswith("@"):
                continue
            declarations = _split_top(rule.body, ";")
            kept = [d for d in declarations
                    if not ((m := CUSTOM_PROPERTY.match(d)) and m.group(1) not in read)]
            if len(kept) != len(declarations):
                rule.body = ";".join(kept)
                changed = True
        pruned = [[r for r in _drop_empty(rules)
                   if not (r.prelude.startswith(("@keyframes", "@-webkit-keyframes"))
                           and r.prelude.split()[-1] not in names)] for rules in sheets]
        if not changed and pruned == sheets:
            return pruned
        sheets = pruned


def _drop_empty(rules: list[Rule]) -> list[Rule]:
    kept = []
    for rule in rules:
        if rule.children is not None:
            rule.children = _drop_empty(rule.children)
            if not rule.children:
                continue
        elif rule.body is not None and not rule.prelude.startswith("@") and not rule.body.strip(" ;"):
            continue
        kept.append(rule)
    return kept


def slim_css(css: str, usage: Usage, used_elsewhere: str = "") -> str:
    """A stylesheet without the rules no page can use (minified input stays minified)."""
    [rules] = prune_custom_properties([prune_rules(parse(css), usage)], used_elsewhere)
    return "".join(rule.text() for rule in rules)


def minify_css(css: str) -> str:
    """A hand-written stylesheet without comments and needless white space (strings kept).

    White space goes around { } ; , > and after a colon, never before one: `a :hover`
    and `a:hover` are different selectors."""
    parts = [""]
    for i, part in enumerate(CSS_TOKENS.split(css)):
        if i % 2 and part.startswith(("'", '"')):
            parts += [part, ""]
        elif not i % 2:
            parts[-1] += part
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"\s*([{};,>])\s*", r"\1", re.sub(r"\s+", " ", parts[i]))
        parts[i] = re.sub(r":\s+", ":", parts[i]).replace(";}", "}")
    return "".join(parts).strip()


# --- the site ----------------------------------------------------------------------------

def slim_site(site: Path, cache: Path | None = None, use: SiteUse | None = None) -> None:
    """Trim Material's stylesheets and the site's own, and drop unloaded scripts, in place.

    With a `cache` folder, trimmed stylesheets are kept there and reused by the next build
    whose stylesheets, pages' usage and this module are the same; their names are kept there
    too (`trimmed_names`), for the next build's templates to link.

    `use` is what the pages use, if already known (the build surveys pages as MkDocs writes
    them); otherwise every page is read to find out. Pages that link a stylesheet by another
    name than its trimmed copy's are then read again and rewritten (rather than keep them all
    in memory)."""
    pages = built_pages(site)
    if use is None:
        use = site_use(_texts(pages))
    usage, linked = use.usage, use.stylesheets
    drop_unloaded_scripts(site, use.scripts)

    scripts = "".join(p.read_text(encoding="utf-8", errors="replace")
                      for p in (site / "assets" / "javascripts").glob("*.js"))
    if "diagrams" in usage.unused_features:  # Material's script reads these only for diagrams
        scripts = re.sub(r"var\(--md-mermaid-", "", scripts)
    own_css = ""
    for path in sorted(site.rglob("*.css")):
        if not path.name.endswith(".min.css"):  # ours, as written: minify in place
            path.write_text(minify_css(path.read_text(encoding="utf-8")), encoding="utf-8")
        if not STYLESHEET.fullmatch(path.name):
            own_css += path.read_text(encoding="utf-8", errors="replace")
    stylesheets = site / "assets" / "stylesheets"
    sheets = [sheet for sheet in (sorted(stylesheets.glob("*.min.css")) if stylesheets.is_dir() else [])
              if STYLESHEET.fullmatch(sheet.name)]
    slimmed = _slim_sheets([sheet.read_text(encoding="utf-8") for sheet in sheets], usage,
                           scripts + own_css + usage.inline_styles, cache)
    renamed: dict[str, str] = {}
    for sheet, slim in zip(sheets, slimmed, strict=True):
        stem = sheet.name.split(".")[0]
        name = f"{stem}.{hashlib.sha256(slim.encode()).hexdigest()[:8]}.min.css"
        sheet.unlink()
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
        (stylesheets / name).write_text(slim, encoding="utf-8")
        renamed[sheet.name] = name

    trimmed = {name.split(".")[0]: name for name in renamed.values()}
    stale = {old: trimmed[old.split(".")[0]] for old in linked
             if old not in renamed.values() and old.split(".")[0] in trimmed}
    if stale:  # Material's names, or trimmed names from a build whose pages used other rules
        for page, html in zip(pages, _texts(pages), strict=True):
            new = html
            for old, name in stale.items():
                new = new.replace(old, name)
            if new != html:
                _replace_text(page, new)
    if cache:
        _keep_names(cache, {material: name for material, name in renamed.items() if material != name})



def built_pages(site: Path) -> list[Path]:
    """Every page of a built site, in path order."""
    return sorted(site.rglob("*.html"))


def noting_links(pages: Iterable[str], loaded: set[str], linked: set[str]) -> Iterator[str]:
    """The pages, unchanged; the file names of the scripts they load go into `loaded`, those of
    Material's stylesheets (trimmed or not) they name into `linked`."""
    for html in pages:
        loaded.update(src.rsplit("/", 1)[-1] for src in SCRIPT_SOURCE.findall(html))
        linked.update(LINKED_STYLESHEET.findall(html))
        yield html


NAMES_FILE = "names.json"


def trimmed_names(cache: Path) -> dict[str, str]:
    """{Material's stylesheet: its trimmed copy} as the last build with this cache named them.

    `build` hands them to the templates (extra.trimmed_stylesheets in overrides/main.html), so
    that pages link the trimmed copies from the start; `slim_site` then rewrites no page unless
    the pages now need other rules."""
    try:
        names = json.loads((cache / NAMES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    valid = isinstance(names, dict) and all(
        isinstance(k, str) and isinstance(v, str) and STYLESHEET.fullmatch(k) and STYLESHEET.fullmatch(v)
        for k, v in names.items())
    return names if valid else {}


def _keep_names(cache: Path, names: dict[str, str]) -> None:
    if names and names != trimmed_names(cache):
        with contextlib.suppress(OSError):  # no cache: the next build's pages are rewritten
            cache.mkdir(parents=True, exist_ok=True)
            _replace_text(cache / NAMES_FILE, json.dumps(names, sort_keys=True))


def drop_unloaded_scripts(site: Path, loaded: Set[str]) -> None:
    """Delete each script under assets/javascripts whose file name no page loads, and its source
    map, then the folders left empty."""
    scripts = site / "assets" / "javascripts"
    if not scripts.is_dir():
        return
    for path in sorted(scripts.rglob("*"), reverse=True):  # a folder's files before the folder
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif path.name.endswith((".js", ".js.map")) and path.name.removesuffix(".map") not in loaded:
            path.unlink()


def _slim_sheets(sheets: list[str], usage: Usage, used_elsewhere: str,
                 cache: Path | None) -> list[str]:
    """Each stylesheet without its rules and custom properties that nothing can use."""
    key = hashlib.sha256(repr((sheets, _fingerprint(usage), used_elsewhere,
                               Path(__file__).read_bytes())).encode()).hexdigest()
    cached = cache / f"{key}.json" if cache else None
    try:
        if cached and cached.is_file():
            found: list[str] = json.loads(cached.read_text(encoding="utf-8"))
            return found
    except (OSError, ValueError):
        pass  # a damaged cache file: trim again
    pruned = prune_custom_properties(
        [prune_rules(parse(SOURCE_MAP.sub("", sheet)), usage) for sheet in sheets],
        used_elsewhere)
    slimmed = ["".join(rule.text() for rule in rules) for rules in pruned]
    if cached:
        with contextlib.suppress(OSError):  # no cache: trim again next time
            cached.parent.mkdir(parents=True, exist_ok=True)
            _replace_text(cached, json.dumps(slimmed))
    return slimmed


def _fingerprint(usage: Usage) -> tuple[object, ...]:
    """What the trimming depends on, in an order that is the same on every run."""
    return (sorted(usage.classes), sorted(usage.elements), sorted(usage.colors), usage.has_code,
            usage.has_version, usage.inline_styles)


def _replace_text(path: Path, text: str) -> None:
    """Write a file in one step: a reader, or a build stopped half way, finds the old text or the
    new, never half of it."""
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _texts(pages: list[Path]) -> Iterator[str]:
    return (page.read_text(encoding="utf-8") for page in pages)
