"""A clinic's own colours, logo and page (edits of content/ only): still nothing for axe-core
to find, in light and dark."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from .kit import axe_violations, describe, record, served, settle


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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_the_clinics_colours(guard_factory, branded_base, scheme):
    base = branded_base
    guard = guard_factory(base, color_scheme=scheme)
    page = guard.page()
    found = {}
    for rel in ("index.html", "options/radiofrequency-ablation.html", "faq.html", "about.html",
                "pages/parking.html", "pathway/index.html", "es/index.html",
                "es/pages/parking.html"):
        page.goto(base + rel)
        settle(page)
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default")
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header'))"
                               ".backgroundColor")
        assert header == "rgb(11, 110, 79)", header  # the clinic's primary colour
        expect(page.locator(".md-header img[src$='brand/logo.svg']")).to_be_visible()
        expect(page.locator(".md-footer")).to_contain_text("Riverside Spine Clinic")
        expect(page.locator(".md-footer a[href='tel:+15550100000']")).to_be_visible()
        found[rel] = axe_violations(page)
    record("branded", page="6 pages", **{f"axe {scheme}": sum(map(len, found.values()))})
    guard.assert_clean()
    problems = {rel: violations for rel, violations in found.items() if violations}
    assert not problems, "\n".join(f"{rel}:\n{describe(v)}" for rel, v in problems.items())


