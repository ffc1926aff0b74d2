"""A site in two languages: the Spanish translation of the minimal fixture
(tests/fixtures/minimal-es/), built and checked through the command line.

What a translator and a clinic rely on: the structure comes from the English only; a missing,
untranslated or misshapen translation is reported with its file and line, all in one run; a
translation that fell behind its English is a warning; every page exists in both languages
and its switcher reaches its pair; Spanish pages are scored on the INFLESZ scale.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

from .conftest import FIXTURES, make_project

SPANISH = FIXTURES / "minimal-es"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def bilingual(destination: Path) -> Path:
    """The minimal fixture with its Spanish translation, built in both languages."""
    project = make_project(destination)
    shutil.copytree(SPANISH, project / "content" / "es")
    site = project / "content" / "site.yaml"
    site.write_text(site.read_text() + "translations: [es]\n")
    return project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return bilingual(tmp_path / "project")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = bilingual(tmp_path_factory.mktemp("bilingual") / "project")
    result = run("build", "--project", project)
    assert result.exit_code == 0, result.output
    return project / "site"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def problems_of(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("content/")]


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if not p.relative_to(site).as_posix().startswith(("es/", "assets/"))}


# --- the built site -------------------------------------------------------------------------


def test_every_page_exists_in_both_languages(built: Path):
    english = pages(built)
    assert {"index.html", "options/test-one.html", "pathway/tiny.html", "faq.html"} <= english
    assert pages(built / "es") == english


def test_each_page_is_in_its_language_and_names_its_pair(built: Path):
    for page in sorted(pages(built)):
        pair_page = "index.html" if page == "404.html" else page  # a missing page's pair: home
        for folder, lang, other in ((built, "en", "es"), (built / "es", "es", "en")):
            html = (folder / page).read_text()
            assert f'<html lang="{lang}"' in html, page
            links = re.findall(r'<a class="ps-language" href="([^"]+)" hreflang="([a-z]+)"', html)
            assert [code for _, code in links] == [other], page
            pair = (folder / page).parent / links[0][0]
            assert pair.resolve() == ((built / "es" if lang == "en" else built)
                                      / pair_page).resolve(), page
            alternates = dict(re.findall(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)"',
                                         html))
            assert set(alternates) == {"en", "es"}, page
            assert ((folder / page).parent / alternates[other]).resolve() == pair.resolve()


def test_spanish_pages_use_the_spanish_words_content_and_interface(built: Path):
    html = (built / "es" / "options" / "test-one.html").read_text()
    assert "<h1" in html and "Prueba uno" in html
    assert "Puede doler por un día." in html
    assert 'placeholder="Búsqueda"' in html  # Material's own Spanish strings
    assert "Cambiar al modo oscuro" in html
    assert "Test one" not in html.split("<article")[1]
    # a source's title stays in English, marked so for screen readers (WCAG 3.1.2)
    assert ('<li><span lang="en">Doe J, Roe R</span>. <em><span lang="en">A test article</span></em>. '
            '<span lang="en">Journal of Tests</span>, 2024. Escrita para las pruebas.') in html
    assert '<span lang="en">' not in (built / "options" / "test-one.html").read_text()
    index = (built / "es" / "search" / "search_index.js").read_text()
    assert '"lang":"es"' in index and "cirugía de prueba" in index


def test_a_source_with_no_title_of_its_own_has_its_name_translated(project: Path):
    # A published title is cited as published; the editors' name for an untitled article is
    # their own words, so each language gives it.
    edit(project / "content" / "sources.yaml", "    title: A test article\n",
         "    name: Notes given to the editors\n")
    edit(project / "content" / "es" / "sources.yaml", "  - id: test-source\n",
         "  - id: test-source\n    name: Notas dadas a los editores\n")
    result = run("check", "--project", project, "--no-handouts")
    fingerprint = result.output.split("set 'translated_from: ")[1].split("'")[0]
    edit(project / "content" / "es" / "sources.yaml", "translated_from: 423b3e1536cb",
         f"translated_from: {fingerprint}")
    result = run("build", "--project", project, "--no-handouts")
    assert result.exit_code == 0, result.output
    html = (project / "site" / "es" / "options" / "test-one.html").read_text()
    assert ('<li><span lang="en">Doe J, Roe R</span>. Notas dadas a los editores. '
            '<span lang="en">Journal of Tests</span>, 2024. Escrita para las pruebas.') in html
    assert "Notes given to the editors" in (project / "site" / "options" / "test-one.html"
                                            ).read_text()


def test_the_clinic_numbers_are_the_english_ones_in_every_language(built: Path):
    html = (built / "es" / "index.html").read_text()
    assert 'href="tel:5550100"' in html and "555-0100" in html and "Clínica de Prueba" in html


# --- what the checks report -----------------------------------------------------------------


def test_a_complete_translation_passes_check_and_is_scored_on_the_inflesz_scale(project: Path):
    result = run("check", "--project", project, "--no-handouts")
    assert result.exit_code == 0, result.output
    assert "Reading score per page in 'es' (INFLESZ score, at least 65.0):" in result.output
    assert "in 2 languages." in result.output


def test_every_translation_problem_is_reported_with_its_file_and_line_in_one_run(project: Path):
    es = project / "content" / "es"
    (es / "tips.yaml").unlink()
    edit(es / "options" / "test-one.yaml", "summary: Una prueba que muestra de dónde viene el dolor.\n", "")
    edit(es / "options" / "test-one.yaml", "what_it_is: Una prueba con una aguja.",
         "what_it_is: A test with a needle.")
    edit(es / "options" / "test-one.yaml", "recovery: Un día", "recovery: Un día\ncategory: surgery")
    edit(es / "options" / "test-one.yaml", "  - Puede doler por un día.\n",
         "  - Puede doler por un día.\n  - Un riesgo más.\n")
    edit(es / "faqs.yaml", "id: what-is-a-test", "id: what-is-a-tset")
    (es / "options" / "nope.yaml").write_text("title: Nada\n")
    result = run("check", "--project", project, "--no-handouts")
    assert result.exit_code == 1
    assert sorted(problems_of(result)) == sorted([
        "content/es/tips.yaml:1: missing: the es translation of content/tips.yaml; "
        "'patient-site translate es' writes it with the words to translate",
        "content/es/options/test-one.yaml:14: 'category' is the same in every language: it "
        "is set once, in content/options/test-one.yaml; remove it here",
        "content/es/options/test-one.yaml:1: 'summary' is not translated: add it, in the words "
        "of this language (content/options/test-one.yaml has the English)",
        "content/es/options/test-one.yaml:4: 'what_it_is' is still the English text: translate it",
        "content/es/options/test-one.yaml:10: 'risks' has 2 item(s); the English has 1: "
        "translate each one, in the same order",
        "content/es/faqs.yaml:4: no item 'what-is-a-tset' in 'questions' of content/faqs.yaml "
        "to translate (did you mean 'what-is-a-test'?)",
        "content/es/faqs.yaml:3: 'what-is-a-test' in 'questions' is not translated: add it "
        "(the English is in content/faqs.yaml)",
        "content/es/options/nope.yaml:1: translates nothing: there is no "
        "content/options/nope.yaml; a translation has the path and name of the file it "
        "translates",
    ])
    assert "Traceback" not in result.output


def test_a_translation_that_fell_behind_its_english_is_a_warning(project: Path):
    english = project / "content" / "options" / "test-one.yaml"
    spanish = project / "content" / "es" / "options" / "test-one.yaml"
    edit(english, "category: tests", "category: tests\norder: 3")  # structure: still in step
    assert "has changed since" not in run("check", "--project", project, "--no-handouts").output
    edit(english, "summary: A test that shows where pain comes from.",
         "summary: A test that shows where the pain comes from.")
    result = run("check", "--project", project, "--no-handouts")
    assert result.exit_code == 0, result.output
    warning = re.search(r"^content/es/options/test-one\.yaml:1: warning: the English "
                        r"\(content/options/test-one\.yaml\) has changed since this translation "
                        r"was made; update the translation, then set 'translated_from: "
                        r"([0-9a-f]{12})'$", result.output, re.MULTILINE)
    assert warning, result.output
    old = yaml.safe_load(spanish.read_text())["translated_from"]
    assert warning.group(1) != old
    edit(spanish, old, warning.group(1))
    assert "has changed since" not in run("check", "--project", project, "--no-handouts").output


def test_the_clinic_numbers_cannot_differ_between_languages(project: Path):
    edit(project / "content" / "es" / "site.yaml", "  clinic_name: Clínica de Prueba",
         "  clinic_name: Clínica de Prueba\n  phone: 555-0199")
    result = run("check", "--project", project, "--no-handouts")
    assert result.exit_code == 1
    assert problems_of(result) == [
        "content/es/site.yaml:6: 'phone' is '555-0199' here but '555-0100' in "
        "content/site.yaml: the clinic's numbers are the same in every language; copy the "
        "number, or leave the key out to use the main language's"]


@pytest.mark.parametrize(("setting", "message"), [
    ("translations: [xx]", "content/site.yaml:34: no interface strings for language 'xx': the "
     "languages known are en, es (generator/render/locales/<code>.yaml)"),
    ("translations: [en]", "content/site.yaml:34: 'en' is the main language ('language'), kept "
     "in content/ itself; remove it from 'translations'"),
    ("translations: [es, es]", "content/site.yaml:34: duplicate language 'es' in "
     "'translations' (item 1 has it too)"),
])
def test_a_bad_language_setting_is_a_clean_error(project: Path, setting: str, message: str):
    edit(project / "content" / "site.yaml", "translations: [es]", setting)
    result = run("check", "--project", project, "--no-handouts")
    assert result.exit_code == 1
    assert message in problems_of(result)
    assert "Traceback" not in result.output


def test_an_unknown_main_language_is_a_clean_error(tmp_path: Path):
    project = make_project(tmp_path / "project")
    edit(project / "content" / "site.yaml", "title:", "language: xx\ntitle:")
    result = run("build", "--project", project)
    assert result.exit_code == 1
    assert problems_of(result) == [
        "content/site.yaml:1: no interface strings for language 'xx': the languages known are "
        "en, es (generator/render/locales/<code>.yaml)"]
    assert not (project / "site").exists()


def test_a_listed_language_without_its_folder_says_how_to_start_it(project: Path):
    shutil.rmtree(project / "content" / "es")
    result = run("check", "--project", project, "--no-handouts")
    assert problems_of(result) == [
        "content/site.yaml:34: no translation folder content/es/; start one with "
        "'patient-site translate es', or take 'es' out of 'translations'"]


def test_a_translation_folder_the_site_does_not_build_is_reported_once(project: Path):
    edit(project / "content" / "site.yaml", "translations: [es]\n", "")
    result = run("check", "--project", project, "--no-handouts")
    assert problems_of(result) == [
        "content/es/:1: a translation into 'es' that the site does not build; add 'es' to "
        "'translations' in site.yaml"]


def test_spanish_pages_below_the_reading_budget_fail_check(project: Path):
    edit(project / "content" / "site.yaml", "translations: [es]", "translations: [es]\n"
         "reading_ease_budget: 95")
    result = run("check", "--project", project, "--no-handouts")
    assert result.exit_code == 1
    failing = [p for p in problems_of(result) if "INFLESZ" in p]
    assert failing and all(re.fullmatch(
        r"content/es/\S+\.yaml:1: page \S+\.md has an INFLESZ score of [\d.]+, below the "
        r"budget of 95\.0; use shorter sentences and shorter, everyday words", p) for p in failing)


# --- starting a translation -----------------------------------------------------------------


def test_translate_writes_only_the_missing_files_with_the_words_to_translate(project: Path):
    (project / "content" / "es" / "tips.yaml").unlink()
    result = run("translate", "es", "--project", project)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Created content/es/tips.yaml"
    written = yaml.safe_load((project / "content" / "es" / "tips.yaml").read_text())
    assert written == {
        "translated_from": written["translated_from"],
        "intro": "Things you can do.",
        "tips": [{"id": "keep-a-diary", "title": "Keep a pain diary",
                  "text": "Write down where it hurts and when, and whether a nerve block (NB) "
                          "helped."}]}
    check = run("check", "--project", project, "--no-handouts")
    assert "content/es/tips.yaml:5: 'intro' is still the English text: translate it" \
        in problems_of(check)
    assert run("translate", "es", "--project", project).output.endswith(
        "Every file already has a translation.\n")


def test_translate_refuses_an_unknown_language(project: Path):
    result = run("translate", "xx", "--project", project)
    assert result.exit_code == 2
    assert "no interface strings for language 'xx'" in result.output


def test_every_language_has_every_interface_string():
    from generator.render.environment import LOCALES_DIR

    english = yaml.safe_load((LOCALES_DIR / "en.yaml").read_text())
    for path in sorted(LOCALES_DIR.glob("*.yaml")):
        strings = yaml.safe_load(path.read_text())
        assert sorted(strings) == sorted(english), path.name
        assert all(isinstance(v, str) and v.strip() for v in strings.values()), path.name


def test_the_shipped_site_has_every_page_in_both_languages_each_naming_its_pair(
        built_shipped_project: Path):
    site = built_shipped_project / "site"
    english = pages(site)
    assert len(english) > 80 and pages(site / "es") == english
    for page in sorted(english - {"404.html"}):
        for folder, pair_folder, other in ((site, site / "es", "es"), (site / "es", site, "en")):
            html = (folder / page).read_text()
            link = re.search(rf'<a class="ps-language" href="([^"]+)" hreflang="{other}"', html)
            assert link, f"{folder.name}/{page}: no switcher"
            assert ((folder / page).parent / link.group(1)).resolve() == (pair_folder / page
                                                                          ).resolve(), page


def test_publishing_refuses_a_translation_still_holding_the_shipped_clinic_name(project: Path):
    edit(project / "content" / "es" / "site.yaml", "clinic_name: Clínica de Prueba",
         "clinic_name: Su clínica")
    result = run("check", "--publish", "--project", project, "--no-handouts")
    assert result.exit_code == 1
    assert ("content/es/site.yaml:5: 'clinic_name' is still a placeholder ('Su clínica'); put "
            "in the clinic's own details before publishing, or leave 'clinic_name' out here to "
            "use content/site.yaml's") in problems_of(result)


def test_a_new_option_reminds_the_editor_of_the_sites_other_languages(project: Path):
    result = run("new", "option", "nerve-ablation", "--project", project)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "The site is also built in 'es': run `patient-site translate es` to start this file's "
        "translation.")


def test_malformed_translations_are_clean_problems_one_each(project: Path):
    es = project / "content" / "es"
    (es / "tips.yaml").write_text("- just\n- a list\n")
    edit(es / "faqs.yaml", "  - id: what-is-a-test", "  - id: [what-is-a-test]")
    site = project / "content" / "site.yaml"
    edit(site, "translations: [es]", "translations: [es, [fr]]")
    result = run("check", "--project", project, "--no-handouts")
    assert problems_of(result) == [
        "content/site.yaml:34: item 2 of 'translations' must be text, not a list"]
    edit(site, "translations: [es, [fr]]", "translations: [es]")
    result = run("check", "--project", project, "--no-handouts")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    problems = problems_of(result)
    assert [p for p in problems if p.startswith("content/es/tips.yaml")] == [
        "content/es/tips.yaml:1: must be a set of 'key: value' lines, like the file it "
        "translates"]
    assert ("content/es/faqs.yaml:4: the 'id' of item 1 of 'questions' must be the text id of "
            "the English item it translates") in problems


def test_a_translation_previews_on_a_fresh_project(project: Path):
    """`serve --language es` before any build: the Spanish config's inherited settings exist."""
    from mkdocs.config import load_config

    from generator.serve import Previewer

    assert not (project / "rendered" / "generated.yml").exists()
    previewer = Previewer(project, language="es")
    assert previewer.refresh().problems == []
    config = load_config(config_file=str(previewer.config_file()))
    assert config.theme["language"] == "es" and config.site_name == "Sitio de prueba"


def test_the_404_pages_switch_languages_on_a_site_with_an_address(project: Path):
    edit(project / "content" / "site.yaml", "translations: [es]",
         "translations: [es]\nsite_url: https://clinic.example/back-pain/")
    result = run("build", "--project", project, "--no-handouts")
    assert result.exit_code == 0, result.output
    site = project / "site"
    english = (site / "404.html").read_text()
    spanish = (site / "es" / "404.html").read_text()
    assert 'href="/back-pain/es/index.html" hreflang="es"' in english
    assert 'href="/back-pain/es/../index.html" hreflang="en"' in spanish


def test_a_clinics_own_hook_runs_for_every_language(project: Path):
    # mkdocs.yml's paths are read from the folder of the config MkDocs builds; a translation's
    # config sits in rendered/es/, so its hooks must still reach the clinic's file.
    (project / "hooks").mkdir()
    (project / "hooks" / "mark.py").write_text(
        "def on_page_markdown(markdown, **kwargs):\n"
        "    return markdown + '\\n\\nMarked by the clinic hook.\\n'\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "\nhooks:\n  - hooks/mark.py\n")
    result = run("build", "--project", project, "--no-handouts")
    assert result.exit_code == 0, result.output
    for page in ("index.html", "es/index.html"):
        assert "Marked by the clinic hook." in (project / "site" / page).read_text(), page
