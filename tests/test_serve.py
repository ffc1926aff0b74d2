"""The live preview: re-renders on save, shows a bad edit in the page, recovers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


def wait_for(condition: Callable[[], bool], limit: float = 60) -> bool:
    """Poll until `condition` holds; a hang guard, not a speed test."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


@contextmanager
def running(project: Path, *options: str,
            env: dict[str, str] | None = None) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`patient-site serve` on `project`, once it serves its home page; stopped as `kill` does."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from generator.cli import main; main()", "serve",
         "--project", str(project), "--port", str(port), *options],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "<html" in fetch(base)), "preview server did not start"
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def server(project: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    with running(project) as (base, process):
        assert "Test site" in fetch(base)
        yield base, process


def test_saving_content_updates_the_served_page(server, project):
    base, _ = server
    option = project / "content" / "options" / "test-one.yaml"
    option.write_text(option.read_text().replace("A test with a needle.", "A freshly saved text."))
    assert wait_for(lambda: "A freshly saved text." in fetch(base + "options/test-one.html"))


def test_a_save_by_renaming_a_temporary_file_updates_the_served_page(server, project):
    # How many editors (vim, VS Code with safe writes, gedit) save a file.
    base, _ = server
    option = project / "content" / "options" / "test-one.yaml"
    temporary = option.with_name(".test-one.yaml.tmp1234")
    temporary.write_text(option.read_text().replace("A test with a needle.", "Saved by rename."))
    temporary.replace(option)
    assert wait_for(lambda: "Saved by rename." in fetch(base + "options/test-one.html"))


def test_saves_during_a_render_are_not_lost(server, project):
    base, _ = server
    option = project / "content" / "options" / "test-one.yaml"
    good = option.read_text()
    for i in range(6):  # faster than a render: some arrive while one runs
        option.write_text(good.replace("A test with a needle.", f"Save number {i}."))
        time.sleep(0.15)
    assert wait_for(lambda: "Save number 5." in fetch(base + "options/test-one.html"))


def test_a_bad_save_shows_the_problem_in_the_page_and_the_preview_recovers(server, project):
    base, process = server
    option = project / "content" / "options" / "test-one.yaml"
    good = option.read_text()
    option.write_text(good.replace("recovery: One day\n", "recovery: [One day\n"))
    assert wait_for(lambda: "content/options/test-one.yaml:" in fetch(base + "faq.html"))
    page = fetch(base + "faq.html")
    assert "This preview shows the last good version" in page
    assert "Questions and answers" in page, "the last good content is still shown"
    option.write_text(good.replace("A test with a needle.", "Fixed again."))
    assert wait_for(lambda: "Fixed again." in fetch(base + "options/test-one.html"))
    assert "This preview shows the last good version" not in fetch(base + "faq.html")
    assert process.poll() is None, "the server kept running"


def test_a_new_option_appears_in_the_navigation_of_other_pages(server, project):
    base, _ = server
    option = project / "content" / "options" / "test-one.yaml"
    (project / "content" / "options" / "fresh-option.yaml").write_text(
        option.read_text().replace("title: Test one", "title: Fresh option"))
    assert wait_for(lambda: "options/fresh-option.html" in fetch(base + "faq.html"))


def test_a_new_template_replaces_ours_and_its_edits_show(project):
    # The preview keeps one Jinja environment across saves: a template added to the clinic's
    # templates/ must still replace ours, and an edit to it must still show.
    from generator.render.environment import TEMPLATES_DIR

    (project / "templates").mkdir()
    with running(project) as (base, _):
        ours = (TEMPLATES_DIR / "option.md.j2").read_text()
        override = project / "templates" / "option.md.j2"
        start = "{% block body %}\n"
        override.write_text(ours.replace(start, start + "The clinic's own template.\n\n", 1))
        assert wait_for(lambda: "own template." in fetch(base + "options/test-one.html"))
        override.write_text(ours.replace(start, start + "The clinic's template, edited.\n\n", 1))
        assert wait_for(lambda: "template, edited." in fetch(base + "options/test-one.html"))
        assert "own template." not in fetch(base + "options/test-one.html")


def test_a_settings_change_in_mkdocs_yml_shows_on_every_page(server, project):
    base, _ = server
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text() + "extra_javascript: [javascripts/added.js]\n")
    assert wait_for(lambda: "javascripts/added.js" in fetch(base + "faq.html"))
    assert "javascripts/added.js" in fetch(base + "options/test-one.html")


def test_a_file_that_is_not_content_leaves_the_preview_working(server, project):
    # Such as an editor's swap file next to the one being edited: nothing to re-render.
    base, process = server
    options = project / "content" / "options"
    (options / ".test-one.yaml.swp").write_bytes(b"\0swap")
    option = options / "test-one.yaml"
    option.write_text(option.read_text().replace("A test with a needle.", "After a swap file."))
    assert wait_for(lambda: "After a swap file." in fetch(base + "options/test-one.html"))
    assert process.poll() is None


def test_a_translation_is_previewed_and_updated(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    from .test_translations import bilingual

    project = bilingual(tmp_path / "project")
    # The translation's settings inherit the main language's, rendered here as a build would.
    assert CliRunner().invoke(main, ["render", "--project", str(project), "--no-handouts"]
                              ).exit_code == 0
    with running(project, "--language", "es") as (base, _):
        assert 'lang="es"' in fetch(base + "options/test-one.html")
        option = project / "content" / "es" / "options" / "test-one.yaml"
        option.write_text(option.read_text().replace("Prueba uno", "Prueba guardada"))
        assert wait_for(lambda: "Prueba guardada" in fetch(base + "options/test-one.html"))


def test_a_preview_of_the_main_language_reads_no_translation(tmp_path):
    # An editor previewing English while a translator's Spanish file is half-saved sees the
    # English pages, with no problem from the Spanish file; the Spanish preview names it.
    from click.testing import CliRunner

    from generator.cli import main

    from .test_translations import bilingual

    project = bilingual(tmp_path / "project")
    faqs = project / "content" / "es" / "faqs.yaml"
    faqs.write_text(faqs.read_text() + "questions: [unclosed\n")
    with running(project, "--language", "en") as (base, _):
        page = fetch(base + "faq.html")
        assert 'lang="en"' in page
        assert "This preview shows" not in page and "content/es/" not in page
    result = CliRunner().invoke(main, ["serve", "--project", str(project), "--language", "es"])
    assert result.exit_code == 1
    assert "content/es/faqs.yaml:" in result.output


def test_stopping_the_preview_removes_its_temporary_site(project, tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    with running(project, env=os.environ | {"TMPDIR": str(scratch)}) as (base, _):
        assert any(scratch.iterdir()), "the preview builds into a temporary folder"
    assert not any(scratch.iterdir())
    shutil.rmtree(scratch)


def test_a_busy_port_is_named_with_the_next_one_to_try(project):
    from click.testing import CliRunner

    from generator.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--project", str(project), "--port", str(port)])
    assert result.exit_code == 1
    assert result.output == f"port {port} is in use; try --port {port + 1}\n"


def test_the_page_reloads_itself_under_a_policy_with_no_inline_script(server, project, browser):
    """The preview's own reload script is a file; MkDocs' inline one is refused by the policy."""
    from playwright.sync_api import Error

    base, _ = server
    html = fetch(base + "options/test-one.html")
    policy = html.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert '<script src="/assets/javascripts/preview-reload.js"></script>' in html
    option = project / "content" / "options" / "test-one.yaml"
    context = browser.new_context()
    try:
        page = context.new_page()
        refused = []
        page.on("console", lambda message: refused.append(message.text)
                if "inline script" in message.text else None)
        page.goto(base + "options/test-one.html")
        assert wait_for(lambda: bool(refused)), "MkDocs' inline script was not refused"
        time.sleep(1)  # the reload script's first question to the server
        text = option.read_text()
        option.write_text(text.replace("A test with a needle.", "Reloaded by itself."))

        def reloaded() -> bool:
            try:
                return "Reloaded by itself." in page.content()
            except Error:  # asked while the page reloads itself: ask again
                return False

        assert wait_for(reloaded)
    finally:
        context.close()
