"""No editor's mistake breaks the published site.

Each case starts from a project whose site/ was built, breaks its content in one way an
editor (careless or hostile) could, and runs `patient-site build`. Every case must end the
same way: exit code 1, the exact `file:line: message` lines an editor needs, no traceback,
and site/ exactly as it was. Resource-abuse cases run in a subprocess under a time and
memory limit, so a regression shows as a failed test rather than a hung or killed run.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import make_project, snapshot

OPTION = "content/options/test-one.yaml"
SITE = "content/site.yaml"
FAQS = "content/faqs.yaml"
TIPS = "content/tips.yaml"
SOURCES = "content/sources.yaml"

TIME_LIMIT = 20
"""Seconds a resource-abuse build may take before the test calls it a hang."""
MEMORY_LIMIT = 1 << 30
"""Address space (bytes) a resource-abuse build may use."""

Mutation = Callable[[Path], None]


# --- ways to break a project ---------------------------------------------------------------


def edit(path: str, old: str, new: str) -> Mutation:
    """Replace `old` (which must be there, once) by `new` in one file."""

    def mutate(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not in {path} exactly once"
        file.write_text(text.replace(old, new), encoding="utf-8")

    return mutate


def write(path: str, data: str | bytes) -> Mutation:
    def mutate(project: Path) -> None:
        file = project / path
        if isinstance(data, bytes):
            file.write_bytes(data)
        else:
            file.write_text(data, encoding="utf-8")

    return mutate


def append(path: str, data: str) -> Mutation:
    def mutate(project: Path) -> None:
        file = project / path
        file.write_text(file.read_text(encoding="utf-8") + data, encoding="utf-8")

    return mutate


def delete(path: str) -> Mutation:
    def mutate(project: Path) -> None:
        target = project / path
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()

    return mutate


def rename(path: str, new_name: str) -> Mutation:
    return lambda project: (project / path).rename((project / path).with_name(new_name))


def copy(path: str, new_name: str) -> Mutation:
    return lambda project: shutil.copy(project / path, (project / path).with_name(new_name))


def alias_bomb(levels: int = 9) -> str:
    """'Billion laughs': each line lists the previous one ten times (10**levels values)."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]")
    return "\n".join(lines) + "\n"


def key_bomb(levels: int = 9) -> str:
    """The same explosion hidden in keys, which are read differently from values."""
    lines = ["? &k0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n: 0"]
    for i in range(1, levels):
        lines.append(f"? &k{i} [{', '.join([f'*k{i - 1}'] * 10)}]\n: {i}")
    return "\n".join(lines) + "\n"


def merge_bomb(levels: int = 8) -> str:
    """The same explosion through '<<' merge keys, under one (unknown) key."""
    lines = ["bomb:", "  - &m0 {" + ", ".join(f"k{j}: 1" for j in range(10)) + "}"]
    for i in range(1, levels):
        lines.append(f"  - &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 10)}]}}")
    return "\n".join(lines) + "\n"


# --- the cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    mutations: tuple[Mutation, ...]
    messages: tuple[str, ...]
    """Every problem line the build must print, exactly (and no other problem)."""
    isolated: bool = False
    """Run in a subprocess with a time and memory limit (resource abuse)."""


def case(id: str, mutations: Mutation | tuple[Mutation, ...], *messages: str,
         isolated: bool = False) -> pytest.param:
    if not isinstance(mutations, tuple):
        mutations = (mutations,)
    return pytest.param(Case(mutations, messages, isolated), id=id)


OUTSIDE_QUOTES = "put text that starts with '*', '&', '@', '`', '%' or '!' in quotes"
HTML = "use Markdown: *emphasis*, **strong**, [text](https://...)"
LINKS = "use https://, mailto:, tel:, option:<id>, term:<id> or page:<name>"

CASES = [
    # YAML syntax
    case("unclosed-quote", edit(OPTION, "title: Test one", 'title: "Test one'),
         f"{OPTION}:1: YAML syntax error: found unexpected end of stream (while scanning a "
         "quoted scalar); the quote that opens on this line is not closed"),
    case("unclosed-bracket", edit(OPTION, "also_called: [T1]", "also_called: [T1"),
         f"{OPTION}:2: YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow "
         "sequence); close the '[' on this line with ']', and put items that contain ',' or ': ' "
         "in quotes"),
    case("unclosed-brace", edit(FAQS, "related: [test-one]", "related: {test-one"),
         f"{FAQS}:6: YAML syntax error: expected ',' or '}}', but got ':' (while parsing a flow "
         "mapping); close the '{' on this line with '}', or put text that starts with '{' in "
         "quotes"),
    case("tab-indentation", edit(OPTION, "  written", "\twritten"),
         f"{OPTION}:26: YAML syntax error: found character '\\t' that cannot start any token "
         "(while scanning for the next token); use spaces, not tabs"),
    case("under-indented-key", edit(SITE, "  phone: 555-0100", " phone: 555-0100"),
         f"{SITE}:5: YAML syntax error: expected <block end>, but found '<block mapping start>' "
         "(while parsing a block mapping); this line is indented differently from the lines "
         "around it; line it up with spaces"),
    case("over-indented-key", edit(OPTION, "  next_review_due", "    next_review_due"),
         f"{OPTION}:27: YAML syntax error: mapping values are not allowed here; put text that "
         "contains ': ' in quotes, or fix indentation"),
    case("list-item-outside-its-key", edit(OPTION, "recovery: One day", "recovery: One day\n- x"),
         f"{OPTION}:15: YAML syntax error: expected <block end>, but found '-' (while parsing a "
         "block mapping); indent a '- ' list item under its key"),
    case("line-without-colon", edit(OPTION, "recovery: One day", "recovery One day"),
         f"{OPTION}:14: YAML syntax error: could not find expected ':' (while scanning a simple "
         "key); a line needs 'key: value'; to continue the text of the line above, indent it "
         "under its key"),
    case("emphasis-starting-a-value", edit(OPTION, "recovery: One day", "recovery: *One* day"),
         f"{OPTION}:14: YAML syntax error: expected alphabetic or numeric character, but found "
         f"'*' (while scanning an alias); {OUTSIDE_QUOTES}"),
    case("second-document", edit(OPTION, "recovery: One day", "---\nrecovery: One day"),
         f"{OPTION}:14: YAML syntax error: but found another document (expected a single "
         "document in the stream); a content file holds one document; remove the '---' line"),
    case("python-tag", edit(OPTION, "title: Test one", "title: !!python/object/apply:os.system x"),
         f"{OPTION}:1: YAML syntax error: could not determine a constructor for the tag "
         "'tag:yaml.org,2002:python/object/apply:os.system'; put text that starts with '!' in "
         "quotes"),
    case("merge-key", edit(OPTION, "title: Test one", "<<: {title: Test one}"),
         f"{OPTION}:1: '<<' (merging keys from elsewhere) is not supported; write the keys out",
         f"{OPTION}:1: 'title' is required"),
    case("list-as-key", edit(OPTION, "title: Test one", "title: Test one\n[a, b]: c"),
         f"{OPTION}:2: a key must be a single word or phrase followed by ':', not a list or a set "
         "of keys; check the '?', '[' or '{' on this line"),
    case("number-too-long", edit(OPTION, "title: Test one", "title: Test one\norder: " + "9" * 5000),
         f"{OPTION}:2: 'order' must be a whole number of a sensible size",
         f"{OPTION}:2: cannot read '{'9' * 37}...' as a whole number; put it in quotes if it is "
         "text"),
    case("control-character", edit(OPTION, "recovery: One day", "recovery: One\x07day"),
         f"{OPTION}:14: the text contains an invisible control character (U+0007) that YAML "
         "does not allow; delete it (retype the words around it if you cannot see it)"),
    # files that are not content
    case("empty-file", write(OPTION, ""),
         f"{OPTION}:1: file is empty; add the content or delete the file"),
    case("only-comments", write(OPTION, "# to do\n\n# later\n"),
         f"{OPTION}:1: file is empty; add the content or delete the file"),
    case("not-utf8", write(OPTION, "title: Test one\nrecovery: Caf\xe9\n".encode("latin-1")),
         f"{OPTION}:2: file is not UTF-8 text (byte 0xe9); save it with UTF-8 encoding"),
    case("utf16", write(OPTION, "title: Test one\n".encode("utf-16")),
         f"{OPTION}:1: file is not text (it contains binary data); save it as plain UTF-8 text"),
    case("not-text", write(OPTION, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
         f"{OPTION}:1: file is not text (it contains binary data); save it as plain UTF-8 text"),
    case("a-list-not-keys", write(OPTION, "- title: Test one\n"),
         f"{OPTION}:1: must be a set of 'key: value' lines, not a list"),
    # fields
    case("missing-field", edit(OPTION, "relief_duration: A few hours\n", ""),
         f"{OPTION}:1: 'relief_duration' is required"),
    case("missing-nested-field", edit(SITE, "  urgent_phone: 555-0101\n", ""),
         f"{SITE}:3: 'urgent_phone' is required"),
    case("list-where-text-belongs", edit(OPTION, "recovery: One day", "recovery: [One day]"),
         f"{OPTION}:14: 'recovery' must be text, not a list"),
    case("text-where-a-list-belongs", edit(OPTION, "related: [another-one]", "related: another-one"),
         f"{OPTION}:23: 'related' must be a list (one '- ' line per item), not text"),
    case("number-where-text-belongs", edit(TIPS, "title: Keep a pain diary", "title: 42"),
         f"{TIPS}:4: 'title' must be text, not a number"),
    case("empty-value", edit(OPTION, "summary: A test that shows where pain comes from.",
                             "summary:"),
         f"{OPTION}:4: 'summary' must be text, not empty"),
    case("text-where-a-date-belongs", edit(OPTION, "written: 2026-01-10",
                                           "written: last spring"),
         f"{OPTION}:26: 'written' must be a real date written YYYY-MM-DD (got "
         "'last spring')"),
    case("impossible-date", edit(OPTION, "next_review_due: 2027-01-10",
                                 "next_review_due: 2027-02-30"),
         f"{OPTION}:27: 'next_review_due' must be a real date written YYYY-MM-DD (got "
         "'2027-02-30')"),
    case("not-a-choice", edit(OPTION, "category: tests", "category: test"),
         f"{OPTION}:3: 'category' must be one of: understanding, tests, injections, procedures, "
         "regenerative, medicines, therapy, surgery or staying (got 'test')"),
    case("unknown-key", edit(OPTION, "sources: [test-source]", "sourcs: [test-source]"),
         f"{OPTION}:1: 'sources' is required",
         f"{OPTION}:24: unknown key 'sourcs' (did you mean 'sources'?)"),
    case("duplicate-key", edit(OPTION, "recovery: One day", "recovery: One day\nrecovery: Two"),
         f"{OPTION}:15: duplicate key 'recovery' (first set on line 14); keep one and delete the "
         "other"),
    case("bad-id", edit(FAQS, "id: what-is-a-test", "id: What is a test"),
         f"{FAQS}:3: 'id' must be an id: lower-case letters, digits and single hyphens (got "
         "'What is a test'; try 'what-is-a-test')"),
    # files and references
    case("duplicate-option-id", copy(OPTION, "test-one.yml"),
         "content/options/test-one.yml:1: duplicate id 'test-one' (also "
         "content/options/test-one.yaml); keep one file"),
    case("unknown-option", edit(OPTION, "related: [another-one]", "related: [another-on]"),
         f"{OPTION}:23: unknown option 'another-on' (did you mean 'another-one'?)"),
    case("unknown-source", edit(OPTION, "sources: [test-source]", "sources: [no-such-source]"),
         f"{OPTION}:24: unknown source 'no-such-source' (did you mean 'test-source'?)"),
    case("unknown-glossary-term", edit(FAQS, "term:nerve-block", "term:nerve-blok"),
         f"{FAQS}:5: link 'term:nerve-blok' points to an unknown term 'nerve-blok'"),
    case("link-to-unknown-option", edit(OPTION, "(option:another-one)", "(option:nope)"),
         f"{OPTION}:10: link 'option:nope' points to an unknown option 'nope'"),
    case("no-content-folder", delete("content"),
         "content:1: folder not found; run this command in the project folder or pass --project"),
    case("missing-required-file", delete("content/glossary.yaml"),
         "content/glossary.yaml:1: file not found; every site needs it (copy it from the default "
         "content)"),
    case("no-option-files", delete("content/options"),
         "content/options:1: no option files found; add one with 'patient-site new option <id>'"),
    case("file-name-not-an-id", rename(OPTION, "Test One.yaml"),
         "content/options/Test One.yaml:1: file name 'Test One' is not a valid id; rename it to "
         "'test-one.yaml'"),
    # hostile or careless text
    case("script-tag", edit(OPTION, "what_it_is: A test with a needle.",
                            "what_it_is: A test <script>alert(1)</script>"),
         f"{OPTION}:5: 'what_it_is': HTML is not allowed ('<script>'); {HTML}"),
    case("raw-html", edit(FAQS, "question: What is a test?", "question: What is a <b>test</b>?"),
         f"{FAQS}:4: 'question': HTML is not allowed ('<b>'); {HTML}"),
    case("html-attribute", edit(SITE, "title: Test site", "title: 'Test\" onmouseover=\"alert(1)'"),
         f"{SITE}:1: 'title': HTML attributes like 'onmouseover=' are not allowed; reword the text"),
    case("javascript-link", edit(OPTION, "what_it_is: A test with a needle.",
                                 "what_it_is: A [test](javascript:alert(1))."),
         f"{OPTION}:5: 'what_it_is': link target 'javascript:alert(1' is not allowed; {LINKS}"),
    case("source-url-that-ends-early", edit(SOURCES, "    description: Written for the tests.",
                                            "    description: Written for the tests.\n"
                                            "    url: https://a.org) [x](javascript:alert(1)"),
         f"{SOURCES}:8: 'url' must be a single web address: no spaces, quotes or unmatched "
         "brackets (write a space as %20)"),
    case("source-with-title-and-name", edit(SOURCES, "    title: A test article\n",
                                            "    title: A test article\n    name: Our notes\n"),
         f"{SOURCES}:2: item 1 of 'sources': give 'title' (the exact title of a published work) "
         "or 'name' (the editors' name for a source with no title), not both"),
    case("source-with-no-title-or-name", edit(SOURCES, "    title: A test article\n", ""),
         f"{SOURCES}:2: item 1 of 'sources': give 'title' (the exact title of a published work) "
         "or 'name' (the editors' name for a source with no title)"),
    case("heading", edit(SITE, "welcome: |\n", "welcome: |\n  # Welcome!\n"),
         f"{SITE}:7: 'welcome': headings are not allowed in text fields; the page adds its own"),
    case("setext-underline", edit(SITE, "welcome: |\n", "welcome: |\n  Welcome\n  =\n"),
         f"{SITE}:7: 'welcome': lines of only '-', '*', '_' or '=' are not allowed (they become "
         "rules or headings)"),
    case("table", edit(SITE, "welcome: |\n", "welcome: |\n  a | b\n  --|--\n  1 | 2\n\n"),
         f"{SITE}:7: 'welcome': tables are not allowed in text fields; comparisons come from "
         "comparisons.yaml"),
    case("code-fence", edit(SITE, "welcome: |\n", "welcome: |\n  ```\n  code\n  ```\n"),
         f"{SITE}:7: 'welcome': code blocks are not allowed in text fields"),
    case("indented-code", edit(SITE, "welcome: |\n", "welcome: |\n  Hello.\n\n      code\n\n"),
         f"{SITE}:7: 'welcome': a line indented by 4 spaces or a tab after a blank line becomes "
         "a code block; remove the indent"),
    case("attribute-list", edit(OPTION, "what_it_is: A test with a needle.",
                                "what_it_is: 'A test {: onclick=\"alert(1)\" }'"),
         f"{OPTION}:5: 'what_it_is': attribute lists like '{{: ...}}' are not allowed; remove the "
         "braces"),
    case("folder-named-like-a-content-file",
         lambda project: (project / "content" / "options" / "x.yaml").mkdir(),
         "content/options/x.yaml:1: is a folder, not a file; content files are YAML files: "
         "rename the folder or move it out of content/"),
    case("bare-attribute-list", edit(OPTION, "what_it_is: A test with a needle.",
                                     "what_it_is: A test with a needle. { hidden }"),
         f"{OPTION}:5: 'what_it_is': attribute lists like '{{: ...}}' are not allowed; remove the "
         "braces"),
    case("unknown-placeholder", edit(OPTION, "what_it_is: A test with a needle.",
                                     "what_it_is: Call {fax}."),
         f"{OPTION}:5: 'what_it_is': attribute lists like '{{: ...}}' are not allowed; remove the "
         "braces"),
    case("abbreviation", edit(SITE, "welcome: |\n", "welcome: |\n  *[HTML]: Hidden text\n\n"),
         f"{SITE}:7: 'welcome': abbreviation definitions like '*[Word]: meaning' are not "
         "allowed; explain the word in the text, or add it to glossary.yaml"),
    case("toc-marker", edit(SITE, "welcome: |\n", "welcome: |\n  [TOC]\n\n"),
         f"{SITE}:7: 'welcome': '[TOC]' is not allowed; the page makes its own table of contents"),
    case("bidi-override-in-title", edit(OPTION, "title: Test one", "title: Test \u202eeno"),
         f"{OPTION}:1: 'title': contains an invisible character (U+202E) that hides or reorders "
         "text; delete it (retype the words around it if you cannot see it)"),
    case("zero-width-space-in-title", edit(OPTION, "title: Test one", "title: Test\u200b one"),
         f"{OPTION}:1: 'title': contains an invisible character (U+200B) that hides or reorders "
         "text; delete it (retype the words around it if you cannot see it)"),
    case("phone-number-finishes-a-link",
         (edit(SITE, "phone: 555-0100", "phone: (javascript:alert(1))"),
          edit(SITE, "action: Call {phone}.", "action: '[Call us]{phone}'")),
         f"{SITE}:24: 'action': with the clinic's details filled in, link target "
         f"'javascript:alert(1' is not allowed; {LINKS}"),
    case("admonition", edit(SITE, "welcome: |\n", "welcome: |\n  !!! danger\n      Act now.\n"),
         f"{SITE}:7: 'welcome': '!!!' and '???' boxes are not allowed in text fields"),
    # resource abuse (subprocess, time and memory limit)
    case("alias-bomb", write(OPTION, alias_bomb()),
         f"{OPTION}:1: file expands to more than 50,000 values (too many aliases?); content files "
         "are never this large", isolated=True),
    case("alias-bomb-in-keys", append(OPTION, key_bomb()),
         *[f"{OPTION}:{line}: a key must be a single word or phrase followed by ':', not a list "
           "or a set of keys; check the '?', '[' or '{' on this line" for line in range(28, 45, 2)],
         isolated=True),
    case("text-alias-bomb", write(OPTION, 'a: &a "' + "x" * 500_000 + '"\n'
                                  "b: [*a, *a, *a, *a, *a, *a, *a, *a]\n"),
         f"{OPTION}:2: file expands to more than 2,000,000 characters of text (too many aliases "
         "of long text?); content files are never this large", isolated=True),
    case("merge-bomb", append(OPTION, merge_bomb()),
         *[f"{OPTION}:{line}: '<<' (merging keys from elsewhere) is not supported; write the "
           "keys out" for line in range(30, 37)],
         f"{OPTION}:28: unknown key 'bomb'", isolated=True),
    case("file-over-1-mb", write(OPTION, "title: " + "x" * 1_100_000 + "\n"),
         f"{OPTION}:1: file is 1,100,008 bytes; the limit is 1,000,000. Split it or remove pasted "
         "material", isolated=True),
    case("deep-nesting-flow", write(OPTION, "title: " + "[" * 10_000 + "]" * 10_000 + "\n"),
         f"{OPTION}:1: nesting is deeper than 40 levels; content files are never this large",
         isolated=True),
    case("deep-nesting-block", write(OPTION, "- " * 10_000 + "x\n"),
         f"{OPTION}:1: nesting is deeper than 40 levels; content files are never this large",
         isolated=True),
    case("unpaired-brackets", edit(OPTION, "what_it_is: A test with a needle.",
                                   "what_it_is: '" + "[a " * 300_000 + "'"),
         f"{OPTION}:5: 'what_it_is': a '[' has no matching ']'; write links as [text](address)",
         isolated=True),
    case("unfinished-links", edit(OPTION, "what_it_is: A test with a needle.",
                                  "what_it_is: '" + "[a](https://a.org " * 50_000 + "'"),
         f"{OPTION}:5: 'what_it_is': a link is not finished; write [text](address), with the "
         "address (no spaces) and the closing ')'", isolated=True),
    case("pathological-text", edit(SITE, "welcome: |\n",
                                   "welcome: |\n  Hello.\n" + "\n" * 900_000 + "  # Welcome\n"),
         f"{SITE}:7: 'welcome': headings are not allowed in text fields; the page adds its own",
         isolated=True),
]


# --- running them ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project after a first successful build (copied for each case)."""
    project = make_project(tmp_path_factory.mktemp("built") / "project")
    result = CliRunner().invoke(main, ["build", "--project", str(project)])
    assert result.exit_code == 0, result.output
    return project


def _limit_resources() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def build_in_subprocess(project: Path) -> tuple[int, str]:
    completed = subprocess.run(
        [sys.executable, "-c", "from generator.cli import main; main()",
         "build", "--project", str(project)],
        capture_output=True, text=True, timeout=TIME_LIMIT, preexec_fn=_limit_resources)
    return completed.returncode, completed.stdout + completed.stderr


def build_in_process(project: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--project", str(project)])
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        # CliRunner catches a crash: show it as the traceback an editor would have seen.
        output += "".join(traceback.format_exception(result.exception))
    return result.exit_code, output


@pytest.mark.parametrize("bad", CASES)
def test_bad_input_is_reported_and_the_site_is_kept(bad: Case, built: Path, tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(built, project)
    before = snapshot(project / "site")
    for mutate in bad.mutations:
        mutate(project)

    code, output = (build_in_subprocess if bad.isolated else build_in_process)(project)

    assert "Traceback" not in output, output
    assert code == 1, output
    printed = output.splitlines()
    for message in bad.messages:
        assert message in printed, f"missing:\n{message}\nin:\n{output}"
    count = len(bad.messages)
    assert f"Found {count} problem{'s' * (count != 1)}; nothing was written." in printed, output
    assert snapshot(project / "site") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]


def test_problems_in_several_files_are_all_reported_in_one_run(built: Path, tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(built, project)
    before = snapshot(project / "site")
    edit(OPTION, "title: Test one", 'title: "Test one')(project)
    edit(FAQS, "intro: Short answers", "intro: Short <i>answers</i>")(project)
    edit(SITE, "  clinic_name: Test Clinic\n", "")(project)

    code, output = build_in_process(project)

    assert code == 1 and "Traceback" not in output, output
    assert output.splitlines()[:4] == [
        f"{FAQS}:1: 'intro': HTML is not allowed ('<i>'); {HTML}",
        f"{OPTION}:1: YAML syntax error: found unexpected end of stream (while scanning a "
        "quoted scalar); the quote that opens on this line is not closed",
        f"{SITE}:3: 'clinic_name' is required",
        "Found 3 problems; nothing was written.",
    ]
    assert snapshot(project / "site") == before
