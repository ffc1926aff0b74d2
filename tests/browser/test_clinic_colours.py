"""A clinic's own colours, logo and page (edits of content/ only): still nothing for axe-core
to find, in light and dark."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from .kit import STILL, axe_violations, describe, record, served, settle


@pytest.fixture(scope="session")
def branded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content with a clinic's name, numbers, colours, logo and own page: edits
    of content/ only."""
    from click.testing import CliRunner

    from generator.cli import main

    from ..conftest import ROOT, make_project
    from ..test_brand import CLINIC_PAGE, LOGO, REBRAND

    project = make_project(tmp_path_factory.mktemp("branded") / "clinic", ROOT / "content",
                           handouts=False)
    content = project / "content"
    (content / "brand").mkdir()
    (content / "brand" / "logo.svg").write_text(LOGO)
    settings = content / "site.yaml"
    text = settings.read_text()
    text = (text.replace("clinic_name: Your clinic", "clinic_name: Riverside Spine Clinic")
            .replace("phone: your clinic's main number", 'phone: "+1 555 010 0000"')
            .replace("urgent_phone: your clinic's nurse line", 'urgent_phone: "+1 555 010 0001"'))
    text = re.sub(r"\nbrand:\n(?:  .*\n|  #.*\n)*", "\n", text)
    settings.write_text(text + REBRAND.replace("search_engines: noindex\n", ""))
    (content / "pages").mkdir()
    (content / "pages" / "parking.yaml").write_text(CLINIC_PAGE)
    # The Spanish site: the clinic's own numbers (its placeholder words removed, as the
    # check asks), and the page translated, starting from what `translate` writes.
    spanish = content / "es" / "site.yaml"
    spanish.write_text(re.sub(r"\ncontact:\n(?:  .*\n)*", "\n", spanish.read_text()))
    assert CliRunner().invoke(main, ["translate", "es", "--project", str(project)]).exit_code == 0
    page = content / "es" / "pages" / "parking.yaml"
    words = yaml.safe_load(page.read_text())
    page.write_text(yaml.safe_dump({
        "translated_from": words["translated_from"],
        "title": "Estacionamiento y cómo llegar",
        "summary": "Dónde estacionarse cuando venga a la clínica.",
        "body": "Estaciónese en el lote grande junto a la puerta principal. Es gratis para los "
                "pacientes.\n\n- Pida un pase en la recepción.\n- Vea la [página Sobre este "
                "sitio](page:about) para ver nuestros teléfonos.\n"}, allow_unicode=True))
    result = CliRunner().invoke(main, ["build", "--no-handouts", "--project", str(project)])
    assert result.exit_code == 0, result.output
    return project / "site"


@pytest.fixture(scope="session")
def branded_base(branded_site: Path):
    """The branded site served from 127.0.0.1 (axe reads stylesheets, which file:// refuses)."""
    yield from served(branded_site)


BRANDED_PAGES = ("index.html", "options/radiofrequency-ablation.html", "faq.html", "about.html",
                 "pages/parking.html", "pathway/index.html", "es/index.html",
                 "es/pages/parking.html")


def test_axe_finds_nothing_with_the_clinics_colours_in_light_or_dark(guard_factory, branded_base):
    """Each page is opened with the system set to light, then the system turns dark and the
    page follows it: in both, the clinic's colour, logo and numbers show, and axe finds
    nothing."""
    guard = guard_factory(branded_base)
    page = guard.page()
    found: dict[str, dict[str, list]] = {"light": {}, "dark": {}}
    for rel in BRANDED_PAGES:
        page.emulate_media(color_scheme="light")
        page.goto(branded_base + rel)
        settle(page)
        for scheme, attribute in (("light", "default"), ("dark", "slate")):
            page.emulate_media(color_scheme=scheme)
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", attribute)
            page.wait_for_function(STILL)
            header = page.evaluate("getComputedStyle(document.querySelector('.md-header'))"
                                   ".backgroundColor")
            assert header == "rgb(11, 110, 79)", (rel, scheme, header)  # the clinic's colour
            expect(page.locator(".md-header img[src$='brand/logo.svg']")).to_be_visible()
            expect(page.locator(".md-footer")).to_contain_text("Riverside Spine Clinic")
            expect(page.locator(".md-footer a[href='tel:+15550100000']")).to_be_visible()
            found[scheme][rel] = axe_violations(page)
    record("branded", page=f"{len(BRANDED_PAGES)} pages",
           **{f"axe {scheme}": sum(map(len, by_page.values())) for scheme, by_page in found.items()})
    guard.assert_clean()
    problems = {f"{rel} ({scheme})": violations for scheme, by_page in found.items()
                for rel, violations in by_page.items() if violations}
    assert not problems, "\n".join(f"{name}:\n{describe(v)}" for name, v in problems.items())
