"""A clinic makes the site its own from content/ alone: name, numbers, logo, colours, its own
pages, search-engine setting. Colours that cannot be read are refused with their contrast; a
file in content/ that nothing reads is an error, never silently ignored."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

from .conftest import ROOT, snapshot

LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">'
        '<circle cx="12" cy="12" r="10" fill="#ffffff"/></svg>\n')

REBRAND = """
brand:
  logo: brand/logo.svg
  favicon: brand/logo.svg
  primary: "#0b6e4f"
  accent: "#8a3b12"
  footer_text: Part of Riverside Health
search_engines: noindex
"""

CLINIC_PAGE = """\
title: Parking and getting here
summary: Where to park when you come to the clinic.
body: |
  Park in the big lot by the main door. It is free for patients.

  - Ask at the front desk for a pass.
  - See the [About page](page:about) for our phone numbers.
nav_after: faq
review:
  written: 2026-11-27
  next_review_due: 2027-11-27
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def edit_site(project: Path, old: str, new: str) -> None:
    site = project / "content" / "site.yaml"
    text = site.read_text()
    assert old in text
    site.write_text(text.replace(old, new))


def rebrand(project: Path, extra: str = REBRAND) -> None:
    """What a clinic does: edit content/site.yaml, add its logo and a page. Nothing else."""
    (project / "content" / "brand").mkdir()
    (project / "content" / "brand" / "logo.svg").write_text(LOGO)
    edit_site(project, "  clinic_name: Test Clinic\n  phone: 555-0100\n  urgent_phone: 555-0101\n",
              "  clinic_name: Riverside Spine Clinic\n  phone: +44 20 7946 0000\n"
              "  urgent_phone: 020 7946 0001\n  country: UK\n  address: 1 River Road, London\n"
              "  opening_hours:\n    - Monday to Friday, 8am to 6pm\n"
              "  directions_url: https://www.openstreetmap.org/\n")
    with (project / "content" / "site.yaml").open("a") as site:
        site.write(extra)
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "parking.yaml").write_text(CLINIC_PAGE)


def test_a_rebrand_and_a_clinic_page_touch_only_content(project):
    outside_content = {p: b for p, b in snapshot(project).items()
                       if not p.startswith(("content/", "rendered/"))}
    rebrand(project)
    result = run("build", "--project", project)
    assert result.exit_code == 0, result.output
    site = project / "site"
    # nothing but content/ was edited: the project's other files are the repository's
    assert outside_content == {p: b for p, b in snapshot(project).items()
                               if p.split("/")[0] in ("mkdocs.yml", "overrides")}
    assert outside_content["mkdocs.yml"] == (ROOT / "mkdocs.yml").read_bytes()
    for name in ("index.html", "faq.html", "pages/parking.html", "options/test-one.html"):
        html = (site / name).read_text()
        assert "Riverside Spine Clinic" in html, name
        assert '<a href="tel:+442079460000">+44 20 7946 0000</a>' in html, name
        assert '<a href="tel:02079460001">020 7946 0001</a>' in html, name
        assert '<a href="tel:999">999</a>' in html, name        # UK emergency number
        assert '<a href="tel:116123">116 123</a>' in html, name  # UK crisis line
        assert "Part of Riverside Health" in html, name
        assert 'src="' in html and re.search(r'<img src="(\.\./)*brand/logo\.svg" alt=', html), name
        assert re.search(r'<link rel="icon" href="(\.\./)*brand/logo\.svg">', html), name
        assert '<meta name="robots" content="noindex">' in html, name
        assert len(re.findall(r'<meta name="description" content="[^"]+">', html)) == 1, name
        assert "stylesheets/brand.css" in html, name
    assert (site / "brand" / "logo.svg").read_text() == LOGO
    css = (site / "stylesheets" / "brand.css").read_text()
    assert "--md-primary-fg-color: #0b6e4f;" in css
    assert "--md-typeset-a-color: #8a3b12;" in css
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert not (site / "sitemap.xml").exists()
    # the clinic's page: in the navigation after the questions page, searchable, dated
    home = (site / "index.html").read_text()
    nav = re.findall(r'href="((?:pages/parking|faq|tips)\.html)"', home)
    assert nav[:3] == ["faq.html", "pages/parking.html", "tips.html"]
    parking = (site / "pages" / "parking.html").read_text()
    assert "Park in the big lot by the main door." in parking
    assert "Draft: no clinician has reviewed this page yet." in parking
    assert '<time datetime="2026-11-27">' in parking
    assert "Parking and getting here" in (site / "search" / "search_index.js").read_text()
    about = (site / "about.html").read_text()
    assert "1 River Road, London" in about and "Monday to Friday, 8am to 6pm" in about
    assert 'href="https://www.openstreetmap.org/"' in about


def test_check_grades_the_clinic_page(project):
    rebrand(project)
    result = run("check", "--project", project)
    assert result.exit_code == 0, result.output
    assert re.search(r"^\s+\d+\.\d  pages/parking\.md$", result.output, re.MULTILINE)


def test_safety_colours_never_take_brand_colours(project):
    rebrand(project)
    assert run("render", "--project", project).exit_code == 0
    css = (project / "rendered" / "docs" / "stylesheets" / "patient.css").read_text()
    urgent = re.findall(r"\.urgen[^{]*\{[^}]*\}", css)
    assert urgent and not any("var(--md-accent" in rule or "var(--md-primary" in rule
                              for rule in urgent)


def test_a_colour_without_enough_contrast_is_refused_with_its_ratio(project):
    edit_site(project, "  urgent_phone: 555-0101\n", "  urgent_phone: 555-0101\nbrand:\n"
              '  primary: "#ffcc00"\n  accent: "#526cfe"\n  accent_dark: "#303fa1"\n')
    result = run("check", "--project", project)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert ("content/site.yaml:8: 'brand.primary' #ffcc00 has a contrast of 1.5:1 with the white "
            "header text; WCAG AA needs 4.5:1") in lines
    assert ("content/site.yaml:9: 'brand.accent' #526cfe has a contrast of 4.2:1 with the light "
            "page background (#ffffff); WCAG AA needs 4.5:1") in lines
    assert ("content/site.yaml:10: 'brand.accent_dark' #303fa1 has a contrast of 1.8:1 with the "
            "dark page background (#1e2129); WCAG AA needs 4.5:1") in lines
    assert "Traceback" not in result.output


def test_without_accent_dark_the_accent_is_lightened_until_it_reads_on_the_dark_page(project):
    from generator.content.brand import DARK_BACKGROUND, contrast

    edit_site(project, "  urgent_phone: 555-0101\n",
              '  urgent_phone: 555-0101\nbrand:\n  accent: "#8a3b12"\n')
    assert run("render", "--project", project).exit_code == 0
    css = (project / "rendered" / "docs" / "stylesheets" / "brand.css").read_text()
    dark = re.search(r'scheme="slate"\] \{\n  --md-typeset-a-color: (#[0-9a-f]{6});', css)
    assert dark and contrast(dark.group(1), DARK_BACKGROUND) >= 4.5


def test_a_missing_or_unsafe_logo_is_an_error(project):
    (project / "content" / "brand").mkdir()
    (project / "content" / "brand" / "logo.svg").write_text('<svg onload="alert(1)"></svg>')
    edit_site(project, "  urgent_phone: 555-0101\n", "  urgent_phone: 555-0101\nbrand:\n"
              "  logo: brand/logo.svg\n  favicon: brand/icon.png\n")
    result = run("check", "--project", project)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert ("content/site.yaml:8: 'brand.logo' 'brand/logo.svg' holds a script or an event "
            "handler; save it as a plain SVG image (or as PNG)") in lines
    assert ("content/site.yaml:9: 'brand.favicon' 'brand/icon.png': file not found in content/"
            in lines)


def test_a_clinic_page_must_sit_after_a_navigation_entry(project):
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "parking.yaml").write_text(
        CLINIC_PAGE.replace("nav_after: faq", "nav_after: faqs"))
    (project / "content" / "pages" / "tips.yaml").write_text(CLINIC_PAGE)
    result = run("check", "--project", project)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert ("content/pages/parking.yaml:8: 'nav_after' names no navigation entry: 'faqs' (did "
            "you mean 'faq'?); use one of home, pathway, options, compare, tools, faq, tips, "
            "glossary, about or another page's id") in lines
    assert ("content/pages/tips.yaml:1: 'tips' is the name of one of the site's own pages; "
            "rename the file") in lines


def test_new_page_starts_a_page_that_checks_and_builds(project):
    result = run("new", "page", "opening-times", "--project", project)
    assert result.exit_code == 0, result.output
    assert (project / "content" / "pages" / "opening-times.yaml").is_file()
    assert run("new", "page", "opening-times", "--project", project).exit_code == 2
    result = run("build", "--project", project)
    assert result.exit_code == 0, result.output
    assert (project / "site" / "pages" / "opening-times.html").is_file()


def test_public_sites_may_be_listed_with_a_sitemap_when_the_address_is_known(project):
    result = run("build", "--project", project)
    assert result.exit_code == 0, result.output
    site = project / "site"
    assert (site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    assert not (site / "sitemap.xml").exists()  # no address: a sitemap could list none
    for page in site.rglob("*.html"):
        assert 'name="robots"' not in page.read_text(), page
    with (project / "content" / "site.yaml").open("a") as settings:
        settings.write("site_url: https://clinic.example/back-pain/\n")
    result = run("build", "--project", project)
    assert result.exit_code == 0, result.output
    assert (site / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\n\nSitemap: https://clinic.example/back-pain/sitemap.xml\n")
    assert "https://clinic.example/back-pain/faq.html" in (site / "sitemap.xml").read_text()


def test_the_404_page_works_from_the_site_folder(project):
    result = run("build", "--project", project)
    assert result.exit_code == 0, result.output
    html = (project / "site" / "404.html").read_text()
    assert not re.findall(r"""\s(?:href|src)=["']/(?!/)""", html)
    assert 'href="index.html"' in html
    assert '"base": "."' in html


def test_country_picks_the_emergency_number(project):
    edit_site(project, "  urgent_phone: 555-0101\n", "  urgent_phone: 555-0101\n  country: EU\n")
    result = run("build", "--project", project)
    assert result.exit_code == 0, result.output
    html = (project / "site" / "faq.html").read_text()
    assert '<a href="tel:112">112</a>' in html
    assert "Crisis line" not in html  # EU countries differ: no default crisis line


def test_a_colour_that_is_not_hex_says_how_to_write_one(project):
    edit_site(project, "  urgent_phone: 555-0101\n",
              "  urgent_phone: 555-0101\nbrand:\n  primary: dark green\n")
    result = run("check", "--project", project)
    assert result.exit_code == 1
    assert ("content/site.yaml:8: 'primary' must be a hex colour such as '#1a5f7a' (got 'dark "
            "green')") in result.output.splitlines()
