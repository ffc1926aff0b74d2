"""Clinical review sign-off: drafts say so, reviews are complete, and publishing needs them."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

REVIEWED = ("review:\n  written: 2026-01-10\n  next_review_due: 2099-01-10\n"
            "  reviewed_by: Dr Ana Ruiz\n  reviewer_role: Pain medicine physician\n"
            "  last_reviewed: 2026-02-01\n")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def content_files(project: Path) -> list[Path]:
    """Every content file with a `review:` block."""
    return sorted(p for p in (project / "content").rglob("*.yaml") if "\nreview:" in p.read_text())


def sign_off_everything(project: Path) -> None:
    for path in content_files(project):
        text = path.read_text()
        path.write_text(re.sub(r"\nreview:\n(?:  .*\n?)+", "\n" + REVIEWED, text))
    site = project / "content" / "site.yaml"
    site.write_text(site.read_text().replace("clinic_name: Test Clinic", "clinic_name: Riverside"))


def test_a_review_needs_a_name_a_role_and_a_date(project: Path) -> None:
    option = project / "content" / "options" / "test-one.yaml"
    option.write_text(option.read_text().replace(
        "review:\n", "review:\n  reviewed_by: Dr Ana Ruiz\n"))
    code, output = run("check", "--project", str(project))
    assert code == 1
    assert ("content/options/test-one.yaml:" in output and "'review': a clinical review needs all "
            "three of 'reviewed_by', 'reviewer_role' and 'last_reviewed'" in output), output


def test_the_next_review_comes_after_the_last(project: Path) -> None:
    option = project / "content" / "options" / "test-one.yaml"
    option.write_text(re.sub(r"next_review_due: \S+", "next_review_due: 2025-01-01",
                             option.read_text()))
    code, output = run("check", "--project", str(project))
    assert code == 1
    assert ("'review': 'next_review_due' (2025-01-01) must come after 'written' (2026-01-10)"
            in output), output


def test_publish_fails_on_drafts_and_placeholders_naming_each_file(shipped_project: Path) -> None:
    code, output = run("check", "--publish", "--project", str(shipped_project))
    assert code == 1
    for path in content_files(shipped_project):
        shown = path.relative_to(shipped_project).as_posix()
        assert f"{shown}:" in output and "no clinician has reviewed this page" in output, shown
    assert "'phone' is still a placeholder ('your clinic's main number')" in output
    assert "'clinic_name' is still a placeholder ('Your clinic')" in output
    # plain check still passes: the shipped pack is a draft, not broken
    assert run("check", "--project", str(shipped_project))[0] == 0


def test_publish_passes_once_every_page_is_signed_off(project: Path) -> None:
    assert run("check", "--publish", "--project", str(project))[0] == 1
    sign_off_everything(project)
    code, output = run("check", "--publish", "--project", str(project))
    assert code == 0, output


def test_pages_say_last_reviewed_only_after_a_review(project: Path) -> None:
    assert run("build", "--project", str(project))[0] == 0
    pages = sorted((project / "site").rglob("*.html"))
    drafts = [p for p in pages if p.name != "404.html"]
    for page in drafts:
        html = page.read_text()
        assert "Draft: no clinician has reviewed this page yet." in html, page
        assert "Last reviewed" not in html and "lastReviewed" not in html, page
        assert re.search(r"Written: <time datetime=\"\d{4}-\d\d-\d\d\">", html), page
    sign_off_everything(project)
    assert run("build", "--project", str(project))[0] == 0
    for page in drafts:
        html = page.read_text()
        assert "Draft:" not in html, page
        assert ('Last reviewed: <time datetime="2026-02-01">February 1, 2026</time>, reviewed by '
                "Dr Ana Ruiz (Pain medicine physician).") in html, page


def test_an_evidence_label_without_a_source_is_refused(project: Path) -> None:
    option = project / "content" / "options" / "test-one.yaml"
    text = option.read_text().replace("evidence_sources: [ test-source ]\n", "")
    option.write_text(text)
    code, output = run("check", "--project", str(project))
    assert code == 1
    line = text.splitlines().index("evidence: established") + 1
    assert (f"content/options/test-one.yaml:{line}: 'evidence' needs 'evidence_sources': the ids "
            "of the sources that support the label; where no source grades this option, leave "
            "'evidence' out") in output, output


def test_an_option_no_source_grades_shows_no_label(project: Path) -> None:
    option = project / "content" / "options" / "test-one.yaml"
    option.write_text(option.read_text().replace("evidence: established\n", "")
                      .replace("evidence_sources: [ test-source ]\n", ""))
    code, output = run("build", "--project", str(project))
    assert code == 0, output
    html = (project / "site" / "options" / "test-one.html").read_text()
    assert "<strong>Our sources do not rate how strong the research is.</strong>" in html
    assert "Well studied" not in html
    labelled = (project / "site" / "options" / "another-one.html").read_text()
    assert "<strong>Experimental</strong> (according to A test article)" in labelled


def test_the_review_packet_holds_every_page_and_a_sign_off_per_file(project: Path,
                                                                    tmp_path: Path) -> None:
    packet = tmp_path / "packet.html"
    code, output = run("review-packet", "--project", str(project), "--output", str(packet))
    assert code == 0, output
    html = packet.read_text()
    for path in content_files(project):
        shown = path.relative_to(project).as_posix()
        assert f'<h2 class="file">{shown}</h2>' in html
        assert f"<strong>Sign-off for {shown}</strong>" in html
    assert html.count('class="signoff"') == len(content_files(project))
    assert html.count("draft, not yet reviewed by a clinician") == len(content_files(project))
    assert "<h1>Test one</h1>" in html and "A test with a needle." in html
    assert "A test article" in html  # the sources an option cites
    assert "*[" not in html and "structured_data" not in html  # no tooltip lines, no front matter
