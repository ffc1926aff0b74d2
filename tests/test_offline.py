"""The built-site scan that keeps pages from loading anything from outside the site."""

from generator.offline import page_problems


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
