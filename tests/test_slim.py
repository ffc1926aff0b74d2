"""Page weight: Material's stylesheets lose only rules no page can use; scripts no page loads
go (generator/slim.py)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from generator.slim import (
    drop_unloaded_scripts,
    minify_css,
    noting_links,
    page_usage,
    slim_css,
    slim_site,
)

PAGE = """<html><body data-md-color-scheme="default" data-md-color-primary="indigo"
data-md-color-accent="red"><input data-md-color-scheme="slate">
<div class="md-typeset"><div class="admonition warning"><p class="admonition-title">Hi</p></div>
<abbr title="x">y</abbr></div></body></html>"""


def usage(*pages: str):
    return page_usage(list(pages or [PAGE]))


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


def test_only_scripts_no_page_loads_go_with_their_maps_and_emptied_folders(tmp_path):
    scripts = tmp_path / "assets" / "javascripts"
    for name in ["site.js", "bundle.1234.min.js", "bundle.1234.min.js.map", "csp/base.js",
                 "csp/consent.js", "workers/search.5678.min.js", "lunr/min/lunr.de.min.js",
                 "NOTICE.txt"]:
        (scripts / name).parent.mkdir(parents=True, exist_ok=True)
        (scripts / name).write_text("x")
    loaded, linked = set(), set()
    pages = ['<script src="../assets/javascripts/site.js"></script>',
             "<script src=assets/javascripts/csp/base.js data-x></script>"
             '<link rel="stylesheet" href="assets/stylesheets/main.0123abcd.min.css">']
    assert list(noting_links(pages, loaded, linked)) == pages
    assert loaded == {"site.js", "base.js"}
    assert linked == {"main.0123abcd.min.css"}

    drop_unloaded_scripts(tmp_path, loaded)
    left = sorted(p.relative_to(scripts).as_posix() for p in scripts.rglob("*"))
    assert left == ["NOTICE.txt", "csp", "csp/base.js", "site.js"]


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
    loaded = {src for page in site.rglob("*.html")
              for src in re.findall(r'<script src="([^"]+)"', page.read_text())}
    assert {Path(src).name for src in loaded} == {"base.js", "palette.js", "site.js"}
    shipped = sorted(p.name for p in (site / "assets" / "javascripts").rglob("*") if p.is_file())
    assert shipped == ["base.js", "palette.js", "site.js"]

    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    slim_site(site)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before, "slimming twice changed the site again"


def test_a_rebuild_links_the_trimmed_stylesheets_from_the_start(project, monkeypatch):
    from click.testing import CliRunner

    from generator import slim
    from generator.build import STYLESHEET_CACHE
    from generator.cli import main

    from .conftest import snapshot

    def build() -> list[Path]:
        rewritten: list[Path] = []
        replace = slim._replace_text
        monkeypatch.setattr(slim, "_replace_text",
                            lambda path, text: rewritten.append(path) or replace(path, text))
        result = CliRunner().invoke(main, ["build", "--project", str(project)])
        assert result.exit_code == 0, result.output
        return [path for path in rewritten if path.suffix == ".html"]

    pages = len(list((project / "content").rglob("*.yaml")))
    assert len(build()) > pages  # Material's names: every page pointed at the trimmed copies
    first = snapshot(project / "site")
    names = slim.trimmed_names(project / STYLESHEET_CACHE)
    material = Path(__import__("material").__file__).parent / "templates" / "assets" / "stylesheets"
    assert sorted(names) == sorted(p.name for p in material.glob("*.min.css"))
    assert build() == []  # the templates linked them: no page rewritten
    assert snapshot(project / "site") == first

    # names from a build whose pages used other rules: pages are pointed at the right copies
    (project / STYLESHEET_CACHE / slim.NAMES_FILE).write_text(json.dumps(
        {material: trimmed.split(".")[0] + ".0000aaaa.min.css" for material, trimmed in names.items()}))
    assert len(build()) > pages
    assert snapshot(project / "site") == first
    assert slim.trimmed_names(project / STYLESHEET_CACHE) == names

    (project / STYLESHEET_CACHE / slim.NAMES_FILE).write_text("{not json")  # damaged: ignored
    assert len(build()) > pages
    assert snapshot(project / "site") == first
