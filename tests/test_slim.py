"""Page weight: Material's stylesheets lose only rules no page can use; the search index
loses only entries that find nothing new (generator/slim.py)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from generator.slim import (
    minify_css,
    page_usage,
    slim_css,
    slim_search_index,
    slim_site,
)

PAGE = """<html><body data-md-color-scheme="default" data-md-color-primary="indigo"
data-md-color-accent="red"><input data-md-color-scheme="slate">
<div class="md-typeset"><div class="admonition warning"><p class="admonition-title">Hi</p></div>
<abbr title="x">y</abbr></div></body></html>"""


def usage(*pages: str, index: str = ""):
    return page_usage(list(pages or [PAGE]), index)


def test_rules_of_a_feature_no_page_uses_go_and_used_ones_stay():
    css = (".md-typeset .tabbed-set{display:flex}.md-typeset .admonition{margin:0}"
           ".md-source__fact{color:red}.md-typeset .admonition.warning{color:orange}"
           ".md-typeset .admonition.bug{color:pink}.md-tooltip2{top:0}")
    slim = slim_css(css, usage())
    assert ".tabbed-set" not in slim and ".md-source" not in slim and ".bug" not in slim
    # used in the page, or added by Material's script at run time (content tooltips)
    for kept in (".md-typeset .admonition{", ".admonition.warning", ".md-tooltip2"):
        assert kept in slim


def test_only_the_dead_selectors_of_a_rule_go():
    css = ".md-typeset kbd,.md-typeset abbr,.md-typeset .keys span{color:red}"
    assert slim_css(css, usage()) == ".md-typeset abbr{color:red}"


def test_a_class_inside_not_or_is_never_counts_against_a_selector():
    css = (".md-nav__link:not(.md-nav__container){display:flex}"
           ".md-typeset :is(.tabbed-set,.admonition){margin:0}")
    assert slim_css(css, usage()) == css


def test_rules_inside_media_queries_are_pruned_and_empty_queries_dropped():
    css = ("@media screen{.md-tabs{display:block}.md-header{top:0}}"
           "@media print{.md-tabs{display:none}}")
    assert slim_css(css, usage()) == "@media screen{.md-header{top:0}}"


def test_features_started_by_script_stay_when_their_markup_is_there():
    css = ".md-typeset .highlight{color:red}.md-code__button{top:0}"
    assert slim_css(css, usage()) == ""
    assert slim_css(css, usage(PAGE + "<pre><code>x</code></pre>")) == css


def test_unused_palette_colours_go_and_used_ones_stay():
    css = ("[data-md-color-primary=red]{--md-primary-fg-color:#f00}"
           "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
           "[data-md-color-scheme=slate]{--md-default-bg-color:#222}"
           "body{color:var(--md-primary-fg-color);background:var(--md-default-bg-color)}")
    slim = slim_css(css, usage())
    assert "=red" not in slim and "=indigo" in slim and "=slate" in slim


def test_custom_properties_nothing_reads_go_unless_read_elsewhere():
    css = ":root{--md-a:1px;--md-b:url(\"data:image/svg+xml;charset=utf-8,<svg/>\");--md-c:2px}" \
          ".md-header{margin:var(--md-a)}"
    assert slim_css(css, usage()) == ":root{--md-a:1px}.md-header{margin:var(--md-a)}"
    assert "--md-c:2px" in slim_css(css, usage(), used_elsewhere="x{top:var(--md-c)}")


def test_strings_and_brackets_do_not_confuse_the_reader():
    css = ('.md-typeset a[href$=".pdf"]:after{content:"{;}"}'
           '.md-header{background:url("data:image/svg+xml;charset=utf-8,<svg a=\'1;2\'/>")}')
    assert slim_css(css, usage()) == css


def test_our_stylesheets_are_minified_without_changing_a_selector_or_string():
    css = """/* Material's note */
.md-typeset a :hover ,
.x > .y { content: " /* kept */ (" attr(href) ")" ;  margin : 0 }
@media screen and (min-width: 45em) { .a { top: 0; } }
"""
    assert minify_css(css) == ('.md-typeset a :hover,.x>.y{content:" /* kept */ (" attr(href) ")";'
                               'margin :0}@media screen and (min-width:45em){.a{top:0}}')
    assert minify_css(minify_css(css)) == minify_css(css)


def test_search_index_loses_only_untitled_empty_sections():
    index = {"config": {}, "docs": [
        {"location": "a.html", "title": "Page A", "text": "<p>Body</p>"},
        {"location": "a.html#urgent", "title": "Page A", "text": ""},
        {"location": "a.html#help", "title": "Get help now", "text": ""},
        {"location": "a.html#more", "title": "Page A", "text": "<p>More</p>"},
        {"location": "b.html", "title": "Page B", "text": ""},
    ]}
    kept = [doc["location"] for doc in slim_search_index(index)["docs"]]
    assert kept == ["a.html", "a.html#help", "a.html#more", "b.html"]


def test_slimmed_site_links_only_renamed_stylesheets_that_exist(built_shipped_project, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_shipped_project / "site", site)
    sheets = sorted(p.name for p in (site / "assets" / "stylesheets").glob("*.min.css"))
    material = sorted(p.name for p in (Path(__import__("material").__file__).parent / "templates"
                                       / "assets" / "stylesheets").glob("*.min.css"))
    assert sheets and not set(sheets) & set(material), "Material's own stylesheets are still there"
    for sheet in (site / "assets" / "stylesheets").glob("*.min.css"):
        digest = hashlib.sha256(sheet.read_bytes()).hexdigest()[:8]
        assert sheet.name.split(".")[1] == digest, f"{sheet.name}: the name does not match the content"
        assert sheet.stat().st_size < 60_000
        assert not sheet.with_name(sheet.name + ".map").exists()
    for page in site.rglob("*.html"):
        for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text()):
            target = site / href.lstrip("/") if href.startswith("/") else page.parent / href
            assert target.is_file(), f"{page.name} links a missing {href}"
    index = (site / "search" / "search_index.json").read_text()
    assert (site / "search" / "search_index.js").read_text() == f"var __index = {index}"
    assert all(doc["text"] or "#" not in doc["location"] or doc["title"] for doc in
               json.loads(index)["docs"])

    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    slim_site(site)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before, "slimming twice changed the site again"
