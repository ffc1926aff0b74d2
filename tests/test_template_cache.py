"""What builds keep under .cache/ (compiled templates, trimmed stylesheets) speeds them up and
never changes what they make."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import material

from generator.build import STYLESHEET_CACHE, build
from generator.template_cache import CACHE_DIR, SkipHiddenLoader


def site_pages(project: Path) -> dict[str, bytes]:
    """Every page, stylesheet and the search index (the sitemap's gzip carries a time stamp)."""
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.suffix in {".html", ".json", ".css"}}


def cached_files(project: Path, kind: str) -> list[Path]:
    if kind == "stylesheets":
        return sorted((project / STYLESHEET_CACHE).glob("*.json"))
    return sorted((project / CACHE_DIR).glob(f"{kind}-*/*.cache"))


def test_a_build_caches_both_template_sets_and_a_cached_build_makes_the_same_site(project):
    build(project)
    first = site_pages(project)
    assert len(cached_files(project, "theme")) > 20  # Material's templates
    assert len(cached_files(project, "pages")) > 5  # ours
    stylesheets = [p.name for p in cached_files(project, "stylesheets")]
    assert len(stylesheets) == 2 and "names.json" in stylesheets  # the trimmed copies, their names
    build(project)
    assert site_pages(project) == first


def test_an_edited_template_is_compiled_again_not_taken_from_the_cache(project):
    build(project)
    main_html = project / "overrides" / "main.html"
    main_html.write_text(main_html.read_text().replace(
        "{% block content %}", "{% block content %}<!-- edited theme -->", 1))
    page_template = project / "overrides" / "faq.md.j2"
    page_template.write_text((Path("generator/templates/faq.md.j2")).read_text().replace(
        "{% block body %}\n", "{% block body %}\nEdited page template.\n\n", 1))
    build(project)
    faq = (project / "site" / "faq.html").read_text()
    assert "<!-- edited theme -->" in faq
    assert "Edited page template." in faq


def test_a_damaged_or_impossible_cache_only_means_compiling_again(project):
    build(project)
    expected = site_pages(project)
    for damaged in [*cached_files(project, "theme"), *cached_files(project, "pages"),
                    *cached_files(project, "stylesheets")]:
        damaged.write_bytes(damaged.read_bytes()[:40])
    build(project)
    assert site_pages(project) == expected
    shutil.rmtree(project / ".cache")
    (project / ".cache").write_text("not a folder")  # no cache can be made at all
    build(project)
    assert site_pages(project) == expected


def test_skipping_hidden_folders_lists_exactly_the_theme_files_mkdocs_keeps():
    folders = [str(Path(material.__file__).parent / "templates")]
    every_file = jinja2.FileSystemLoader(folders).list_templates()
    visible = [name for name in every_file
               if not any(part.startswith(".") for part in name.split("/"))]
    assert len(every_file) > len(visible) + 10_000  # Material's .icons
    assert SkipHiddenLoader(folders).list_templates() == visible
