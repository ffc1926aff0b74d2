"""The built-site scan that keeps pages from loading anything from outside the site."""

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.offline import page_problems
from generator.site.strict import URL_ATTRIBUTES


def test_everything_a_browser_would_fetch_from_outside_is_found():
    html = ('<link rel="stylesheet" href="https://x.org/a.css">'
            '<link rel="canonical" href="https://x.org/page">'
            '<img srcset="a.png 1x, //cdn.example/b.png 2x">'
            "<script>alert(1)</script>"
            '<script type="application/ld+json">{"a": 1}</script>'
            '<script src="assets/local.js"></script>'
            '<div style="background:url(https://e.org/i.png)"></div>'
            '<a href="https://example.org/read-more">a plain link is fine</a>')
    assert page_problems(html) == [
        "<link href='https://x.org/a.css'> loads from outside the site",
        "<img srcset='//cdn.example/b.png'> loads from outside the site",
        "inline <script> ('alert(1)'...) would be blocked",
        "url(https://e.org/i.png) in a style loads from outside the site",
    ]


def test_a_page_of_local_files_passes():
    html = ('<link rel="stylesheet" href="../assets/main.css"><script src="../a.js"></script>'
            '<img src="data:image/png;base64,AAAA">')
    assert page_problems(html) == []


def test_tags_in_any_case_are_found_and_reported_as_written():
    html = ('<SCRIPT SRC="https://CDN.example/Lib.js"></SCRIPT>'
            '<Img Src=//cdn.example/Pic.png>'
            '<Script>Alert(1)</Script>'
            '<p style="background:URL(HTTPS://E.org/I.png)"></p>')
    assert page_problems(html) == [
        "<script src='https://CDN.example/Lib.js'> loads from outside the site",
        "<img src='//cdn.example/Pic.png'> loads from outside the site",
        "inline <script> ('Alert(1)'...) would be blocked",
        "url(HTTPS://E.org/I.png) in a style loads from outside the site",
    ]


def test_letters_that_grow_in_lower_case_do_not_shift_what_is_reported():
    # 'İ' becomes two characters in lower case; the scan must still read the right text.
    html = 'İİİ<p>İstanbul</p><link rel="stylesheet" href="https://x.org/Ä.css">İ<Script>Hİ()</Script>'
    assert page_problems(html) == [
        "<link href='https://x.org/Ä.css'> loads from outside the site",
        "inline <script> ('Hİ()'...) would be blocked",
    ]


def test_unsafe_addresses_are_found_around_the_content_and_in_it():
    from generator.site.strict import markup_problems

    page = ('<header><a href="java&#9;script:alert(1)">x</a><img SRC=\'data:x\'></header>'
            '<article class="md-content__inner md-typeset"><p hidden onclick="x">y</p>'
            '<a href="javascript:x">z</a><a href="tel:911">911</a></article>'
            '<footer><a href=" vbscript:x">v</a><a href="https://example.org">ok</a></footer>')
    assert markup_problems(page) == [
        "<p> in the page content has 'hidden'", "<p> in the page content has 'onclick'",
        "<a href=\"javascript:x\"> uses a 'javascript:' address",
        "<element href=\"java\tscript:\"> uses a 'javascript:' address",
        "<element src=\"data:\"> uses a 'data:' address",
        "<element href=\"vbscript:\"> uses a 'vbscript:' address",
    ]
    assert markup_problems('<nav hidden><a href="../faq.html">FAQ</a></nav>') == []


def test_addresses_hidden_by_entities_or_line_breaks_are_found_around_the_content():
    from generator.site.strict import markup_problems

    page = ('<header><a href = "&#x6A;avascript&colon;x">x</a>'
            '<a\nhref\n=\n"java\nscript:y">y</a></header>'
            '<article class="md-content__inner md-typeset"><p>Nothing hidden here: '
            '<a href="../faq.html#a:b">a link</a>.</p></article>')
    assert markup_problems(page) == [
        "<element href=\"javascript:\"> uses a 'javascript:' address",
        "<element href=\"java\nscript:\"> uses a 'javascript:' address",
    ]


def test_addresses_a_browser_reads_as_another_host_are_found():
    # Browsers read a backslash as a slash and drop tabs inside an address, and a refresh
    # gives its address after the delay.
    html = ('<script src="\\\\cdn.example/x.js"></script>'
            '<img src="/\t/cdn.example/p.png">'
            '<meta http-equiv="refresh" content="0; url=https://x.org/">'
            '<meta http-equiv="refresh" content="5;url=../index.html">'
            '<div style="background:url(\\\\e.org/i.png)"></div>')
    assert page_problems(html) == [
        "<script src='\\\\\\\\cdn.example/x.js'> loads from outside the site",
        "<img src='/\\t/cdn.example/p.png'> loads from outside the site",
        "<meta refresh> leaves the site",
        "url(\\\\e.org/i.png) in a style loads from outside the site",
    ]


def test_every_way_a_page_can_fetch_from_another_host_is_found():
    # A reviewer's list: a special scheme with no slashes (https:host from file:// is
    # https://host), a refresh written without '=', CSS in a <style> element and in an
    # attribute with its quotes as entities, a CSS escape, and SVG and table elements.
    html = ('<img src="https:evil.example/p.png">'
            '<meta http-equiv="refresh" content="0; url //evil.example/">'
            '<style>@import "//evil.example/a.css";</style>'
            '<p style="background:url(&quot;//evil.example/i.png&quot;)"></p>'
            '<p style="background:url(\\2f\\2f evil.example/j.png)"></p>'
            '<svg><image href="//evil.example/s.png"/><script href="//evil.example/s.js">'
            '</script></svg>'
            '<table background="//evil.example/t.png"><tr><td>x</td></tr></table>'
            '<img src="../ok.png"><link rel="stylesheet" href="assets/ok.css">')
    assert page_problems(html) == [
        "<img src='https:evil.example/p.png'> loads from outside the site",
        "<meta refresh> leaves the site",
        "<image href='//evil.example/s.png'> loads from outside the site",
        "<script href='//evil.example/s.js'> loads from outside the site",
        "<table background='//evil.example/t.png'> loads from outside the site",
        "url(//evil.example/a.css) in a style loads from outside the site",
        "url(//evil.example/i.png) in a style loads from outside the site",
        "url(\\2f\\2f) in a style loads from outside the site",
    ]


def test_a_stray_quote_or_a_word_ending_in_on_cannot_hide_the_attribute_after_it():
    # A second reader's bypasses of the quick scan: the attribute right after a closing quote
    # ('"con"onclick'), and a stray '="' or "='" in text before a real unsafe link.
    from generator.site.strict import markup_problems

    article = '<article class="md-content__inner md-typeset">{}</article>'
    assert markup_problems(article.format('<img alt="Photo of Jon"onerror="x" src=x>')) == [
        "<img> in the page content has 'onerror'"]
    assert markup_problems(article.format('<p class="icon"hidden="">secret</p>')) == [
        "<p> in the page content has 'hidden'"]
    for text in ('<p>a="b: c</p>', "<p>x='</p>", '<p>R&amp;D="Q&amp;A</p>'):
        page = article.format(text + '<a href="javascript:alert(1)">y</a><p>don\'t</p>')
        assert markup_problems(page) == [
            "<a href=\"javascript:alert(1)\"> uses a 'javascript:' address"], text
    around = '<nav><span>Q="R: S</span><a href="javascript:alert(1)">y</a></nav>'
    assert markup_problems(around + article.format("<p>ok</p>")) == [
        "<element href=\"javascript:\"> uses a 'javascript:' address"]


# --- the quick scan never hides what a parse finds ----------------------------------------


class _Parsed(HTMLParser):
    """What a full parse of a page's content finds: the reference the quick scan must match."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if (name.startswith("on") and value is not None) or name in ("hidden",
                                                                      "contenteditable"):
                self.found.append(f"<{tag}> in the page content has '{name}'")
            if name in URL_ATTRIBUTES and value:
                found = re.match(r"([a-z][a-z0-9+.-]*):",
                                 re.sub(r"[\x00-\x20\x7f]+", "", value).lower())
                if found and found.group(1) not in ("https", "mailto", "tel"):
                    self.found.append(f"<{tag} {name}=\"{value[:60]}\"> uses a "
                                      f"'{found.group(1)}:' address")


def parsed(markup: str) -> list[str]:
    """What a full parse of `markup` finds (`_Parsed`)."""
    parser = _Parsed()
    parser.feed(markup)
    parser.close()
    return parser.found


VALUE_PIECES = ["x", "con", "icon", "javascript:", "java\tscript:", "&#9;", "&colon;", "&#x6A;",
                "data:", "https:", "tel:", "../page.html", ":", "&amp;", "JavaScript:", " ", "="]
TEXT_PIECES = ["words", " on ", "hidden", '="', "='", "b: c", "don't", "&amp;", "=", "con"]
NAMES = ["onclick", "ONERROR", "onload", "hidden", "contenteditable", "href", "HREF", "src",
         "title", "class", "alt", "data-href", "action", "x"]
value = st.lists(st.sampled_from(VALUE_PIECES), max_size=4).map("".join)
attribute = st.tuples(st.sampled_from([" ", "/", "\n", "", "  "]), st.sampled_from(NAMES),
                      st.one_of(st.none(), value.map(lambda v: f'="{v}"'),
                                value.map(lambda v: f"='{v}'"),
                                value.filter(lambda v: v and " " not in v and v[0] != "=")
                                .map(lambda v: "=" + v)))
element = st.tuples(st.sampled_from(["p", "a", "img", "P"]), st.lists(attribute, max_size=4)).map(
    lambda e: f"<{e[0]}" + "".join(sep + name + (v or "") for sep, name, v in e[1]) + ">")
content = st.lists(st.one_of(element, st.sampled_from(TEXT_PIECES)), max_size=12).map("".join)
"""Markup of tags whose attributes follow a space, a slash, a line break or nothing, among text
with stray quotes and '='. (An unquoted value never starts with '=': Python's parser reads
'href==x' as 'x', a browser as '=x'.)"""


@settings(max_examples=500, deadline=None)
@given(content)
def test_the_quick_scan_finds_whatever_a_full_parse_of_the_content_finds(content):
    # The scan decides whether the content is parsed at all: it must never pass over an
    # event handler with code, hidden or editable text, or an unsafe address that a parse
    # finds, whatever quotes, entities and words surround it.
    from generator.site.strict import markup_problems

    page = f'<article class="md-content__inner md-typeset">{content}</article>'
    reported = markup_problems(page)
    assert [problem for problem in parsed(content) if problem not in reported] == []


def _name_and_scheme(problem: str) -> tuple[str, str]:
    """('href', 'javascript') from '<a href="javascript:x"> uses a 'javascript:' address'."""
    scheme = re.search(r"'([^']+):' address$", problem)
    assert scheme, problem
    return problem.split(" ", 1)[1].split('="', 1)[0], scheme.group(1)


@settings(max_examples=300, deadline=None)
@given(content)
def test_around_the_content_every_unsafe_address_a_parse_finds_is_reported(chrome):
    # Around the content (the theme's header, navigation and footer) only addresses are
    # checked, by the scan alone: it must report each unsafe one a parse finds.
    from generator.site.strict import markup_problems

    unsafe = {_name_and_scheme(p) for p in parsed(chrome) if p.endswith("address")}
    page = f'<header>{chrome}</header><article class="md-content__inner md-typeset"></article>'
    reported = {_name_and_scheme(p) for p in markup_problems(page)}
    assert unsafe <= reported
