"""The built-site scan that keeps pages from loading anything from outside the site."""

from generator.site.offline import page_problems


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
