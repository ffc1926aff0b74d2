"""Pages surveyed as MkDocs writes them (generator/survey.py): the same findings as reading
the built site, whatever happens to the survey's process. (A build without the survey makes
the same site: tests/test_build_in_two_processes.py.)"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from generator import survey
from generator.build import render, run_mkdocs
from generator.survey import PageSurvey, survey_site

PAGE = ('<html><head><link rel="stylesheet" href="assets/stylesheets/main.0123abcd.min.css">'
        '<script src="assets/javascripts/site.js"></script></head>'
        '<body><div class="md-typeset admonition note"><kbd>Ctrl</kbd></div></body></html>')
LEAKY = '<html><body><img src="https://cdn.example.org/x.png" class="photo"></body></html>'


def test_findings_name_what_pages_use_and_every_page_that_reaches_outside():
    found = survey.survey([("a.html", PAGE), ("b/c.html", LEAKY)])
    assert found.pages == {"a.html", "b/c.html"}
    assert {"md-typeset", "admonition", "note", "photo"} <= found.use.usage.classes
    assert found.use.usage.elements == {"kbd", "img"}
    assert found.use.scripts == {"site.js"}
    assert found.use.stylesheets == {"main.0123abcd.min.css"}
    assert found.problems == ("b/c.html: <img src='https://cdn.example.org/x.png'> loads from "
                              "outside the site",)


@pytest.fixture
def rendered(project: Path) -> Path:
    if not PageSurvey.possible():
        pytest.skip("this process cannot fork usefully (one CPU, or other threads running)")
    render(project)
    return project


def surveyed_build(project: Path, site: Path, kill_survey: bool = False):
    with PageSurvey() as page_survey:
        if kill_survey:
            os.kill(page_survey._process._pid, signal.SIGKILL)
        run_mkdocs(project, site, observers=[page_survey.observer()])
    return page_survey.findings(site)


def test_the_survey_sees_every_page_mkdocs_writes(rendered, tmp_path, monkeypatch):
    site = tmp_path / "site"
    monkeypatch.setattr(survey, "built_pages", lambda site: [])  # nothing may be read afterwards
    found = surveyed_build(rendered, site)
    monkeypatch.undo()
    from_files = survey_site(site)
    assert found.pages == from_files.pages and "404.html" in found.pages
    assert found.use == from_files.use
    assert found.problems == from_files.problems == ()


def test_without_its_process_the_survey_reads_the_site_instead(rendered, tmp_path):
    site = tmp_path / "site"
    found = surveyed_build(rendered, site, kill_survey=True)
    assert found == survey_site(site)


def test_when_no_process_can_be_started_there_is_no_survey_and_no_leak(monkeypatch):
    if not PageSurvey.possible():
        pytest.skip("this process cannot fork usefully (one CPU, or other threads running)")

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    descriptors = len(os.listdir("/proc/self/fd")) if Path("/proc/self/fd").is_dir() else None
    monkeypatch.setattr(os, "fork", no_fork)
    with PageSurvey.started() as page_survey:
        assert page_survey is None
    if descriptors is not None:
        assert len(os.listdir("/proc/self/fd")) == descriptors
