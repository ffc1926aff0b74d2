"""No file in content/ is silently ignored: a file nothing reads is an error with a hint."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_no_file_in_content_is_silently_ignored(project):
    content = project / "content"
    (content / "faq.yml").write_text("intro: x\n")
    (content / "option").mkdir()
    (content / "option" / "new-one.yaml").write_text("title: x\n")
    (content / "options" / "notes.txt").write_text("x\n")
    (content / "brand").mkdir()
    (content / "brand" / "old-logo.png").write_bytes(b"\x89PNG")
    (content / ".DS_Store").write_bytes(b"\0")  # hidden files are the system's, not content
    result = run("check", "--project", project)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "content/faq.yml:1: not a content file; did you mean faqs.yaml?" in lines
    assert ("content/option/new-one.yaml:1: not a content file; did you mean "
            "options/new-one.yaml?") in lines
    assert ("content/options/notes.txt:1: not a content file; option files end in .yaml, such "
            "as content/options/notes.yaml") in lines
    assert ("content/brand/old-logo.png:1: not a content file; name it in site.yaml under "
            "'brand' (as 'logo' or 'favicon'), or remove it") in lines
    assert not any(".DS_Store" in line for line in lines)
    assert "Found 4 problems; nothing was written." in lines
