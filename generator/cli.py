"""`patient-site`: a thin command line around the generator's stages.

Exit codes: 0 success, 1 content or build problems, 2 usage errors.
"""

from __future__ import annotations

import errno
import json
import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import build as stages
from .content.schema import SCHEMAS
from .errors import BuildError, ContentError, Problem
from .site.guard import UnsafeSiteFolder

F = TypeVar("F", bound=Callable[..., Any])


def reports_problems(command: F) -> F:
    """Turn content and build errors into clean messages and exit code 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ContentError as error:
            _print_problems(error.problems)
            errors = sum(not p.warning for p in error.problems)
            click.echo(f"Found {errors} problem{'s' * (errors != 1)}; nothing was written.",
                       err=True)
            sys.exit(1)
        except UnsafeSiteFolder as error:
            click.echo(f"error: {error}", err=True)
            click.echo("Nothing was written.", err=True)
            sys.exit(1)
        except BuildError as error:
            click.echo(f"error: {error}", err=True)
            click.echo("The previous site/ was left as it was.", err=True)
            sys.exit(1)
        except OSError as error:  # a read-only folder, a file where a folder must be...
            where = error.filename or "a file or folder"
            click.echo(f"error: cannot write {where}: {error.strerror or error}. Check that you "
                       "may write to that folder, and that no file has the name of a folder "
                       "the build needs (such as rendered or site).", err=True)
            click.echo("The previous site/ was left as it was.", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


project_option = click.option(
    "--project", "-p", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="Project folder holding content/ and mkdocs.yml.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="patient-site")
def main() -> None:
    """Build a patient-education website from the YAML files in content/.

    Typical use: edit content/, run `patient-site serve` to preview,
    `patient-site check` before publishing, `patient-site build` to make site/.
    """


handouts_option = click.option(
    "--handouts/--no-handouts", default=True, show_default=True,
    help="Make the printable PDF handouts (handouts/ in the site) and link them from the pages.")


@main.command()
@project_option
@handouts_option
@reports_problems
def render(project: Path, handouts: bool) -> None:
    """Validate content and write the Markdown folder (rendered/) that mkdocs.yml reads.

    Any builder that reads mkdocs.yml can then build it, for example
    `mkdocs build --strict`."""
    validated, languages = stages.render(project, handouts)
    for rendered in languages:
        click.echo(f"Rendered {len(rendered.pages)} pages in '{rendered.language}' into "
                   f"{stages.RENDERED_DIR}/{rendered.folder}.")


@main.command()
@project_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to put the built site (default: site/ in the project).")
@handouts_option
@reports_problems
def build(project: Path, site_dir: Path | None, handouts: bool) -> None:
    """Validate, render and build the website into site/.

    The new site replaces site/ only when the whole build succeeded."""
    started = time.perf_counter()
    warnings = stages.build(project, site_dir, handouts)
    _print_problems(warnings)
    target = site_dir or project / stages.SITE_DIR
    click.echo(f"Built {target} in {time.perf_counter() - started:.1f} s. "
               f"Open {target / 'index.html'} in a browser, or copy the folder to a web server.")


@main.command()
@project_option
@click.option("--strict", is_flag=True, help="Treat warnings (such as overdue reviews) as errors.")
@click.option("--publish", is_flag=True,
              help="Also fail on pages without a current clinical review and on placeholder "
                   "clinic details: run this before a site goes to patients.")
@handouts_option
@reports_problems
def check(project: Path, strict: bool, publish: bool, handouts: bool) -> None:
    """Validate content and its translations, and measure each page's reading level,
    without building.

    Fails when content has problems or a page misses its language's reading budget set in
    content/site.yaml (reading_grade_budget for English, reading_ease_budget for Spanish),
    and warns when a translation's English has changed since. Makes the printable handouts
    too (unless --no-handouts), and warns about one that runs past its one page."""
    from .content.validate import external_links, load_content, publishing_problems
    from .handouts.stage import make_handouts
    from .quality.grading import budget_for, grade_problems, page_grades
    from .render.render import render_site

    validated = load_content(project)
    content = validated.content
    problems = list(validated.warnings)
    pages = 0
    for language in [content, *validated.translations.values()]:
        if handouts:
            problems += make_handouts(language, project).warnings
        budget = budget_for(language.site, language.language)
        grades = page_grades(render_site(language, project, handouts=handouts).pages, budget,
                             language.language)
        pages += len(grades)
        if budget is None:
            click.echo(f"Pages in '{language.language}' are not scored: no readability "
                       "formula is known for the language.")
            continue
        _print_grades(grades, budget)
        problems += grade_problems(grades, budget)
    links = list(external_links(validated.documents))
    if links:
        click.echo("External links in content (listed, never fetched):")
        for where, target in links:
            click.echo(f"  {where.path}:{where.line}: {target}")
    if publish:
        problems += publishing_problems(content, validated.documents)
        for translated in validated.translations.values():
            problems += publishing_problems(translated, validated.documents, reviews=False)
    if strict:
        problems = [Problem(p.path, p.line, p.message) for p in problems]
    if any(not p.warning for p in problems):
        raise ContentError(problems)
    _print_problems(problems)
    click.echo(f"Content is valid: {len(content.options)} options, {pages} pages"
               + (f" in {len(validated.translations) + 1} languages." if validated.translations
                  else "."))


def _print_grades(grades: list[Any], budget: Any) -> None:
    """Each page's reading score, with the hardest sentences of those close to the budget."""
    if budget.higher_is_easier:
        click.echo(f"Reading score per page in '{budget.language}' ({budget.name}, at least "
                   f"{budget.limit}):")
    else:
        click.echo(f"Reading grade per page (Flesch-Kincaid, budget {budget.limit}):")
    unit = "score" if budget.higher_is_easier else "grade"
    for grade in grades:
        flag = ("  BELOW BUDGET" if budget.higher_is_easier else "  ABOVE BUDGET"
                ) if budget.missed(grade.grade) else ""
        click.echo(f"  {grade.grade:5.1f}  {grade.page}{flag}")
        for sentence_grade, sentence in grade.hardest:
            shown = sentence if len(sentence) <= 100 else sentence[:97] + "..."
            click.echo(f"         hardest sentence, {unit} {sentence_grade:.1f}: {shown}")


@main.command()
@project_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", default=8000, show_default=True, help="Port to serve on.")
@click.option("--handouts", is_flag=True,
              help="Also make the printable PDF handouts, and link them from the pages.")
@click.option("--language", default=None, metavar="CODE",
              help="Preview this translation (such as es) instead of the main language.")
def serve(project: Path, host: str, port: int, handouts: bool, language: str | None) -> None:
    """Preview the site while you edit; pages reload when a YAML file or template changes.

    A bad edit shows its problems in the terminal and at the top of every page;
    the preview recovers on the next good save. Handouts are left out unless asked.
    One language is previewed at a time (--language for a translation)."""
    from .serve import serve as run_server

    _check_port_is_free(host, port)
    try:
        run_server(project, host, port, handouts, language)
    except ContentError as error:
        _print_problems(error.problems)
        click.echo("Fix these problems, then start the preview again.", err=True)
        sys.exit(1)


def _check_port_is_free(host: str, port: int) -> None:
    """Say so plainly when another program (often another preview) already uses the port."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                click.echo(f"port {port} is in use; try --port {port + 1}", err=True)
            else:
                click.echo(f"cannot serve on {host}:{port}: {error.strerror}", err=True)
            sys.exit(1)


@main.command()
@click.argument("kind", required=False, type=click.Choice(SCHEMAS))
@click.option("--output-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write one <kind>.schema.json per content file kind into this folder.")
def schema(kind: str | None, output_dir: Path | None) -> None:
    """Print the JSON Schema of a content file kind, or write them all with --output-dir.

    Editors such as VS Code (with the YAML extension) use it for completion and
    checking: see the README."""
    from .content.schema import schema_of

    if output_dir:
        output_dir.mkdir(parents=True, exist_ok=True)
        for name in SCHEMAS:
            (output_dir / f"{name}.schema.json").write_text(
                json.dumps(schema_of(name), indent=2) + "\n", encoding="utf-8")
        click.echo(f"Wrote {len(SCHEMAS)} schemas to {output_dir}/.")
        return
    if kind is None:
        raise click.UsageError("name a kind (for example 'option') or pass --output-dir")
    click.echo(json.dumps(schema_of(kind), indent=2))


@main.command("review-packet")
@project_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("review-packet.html"), show_default=True,
              help="Where to write the packet (relative to the current folder).")
@reports_problems
def review_packet(project: Path, output: Path) -> None:
    """Write one printable HTML file for a clinician's review: every page's text in reading
    order, its sources, and a sign-off box per content file."""
    from .content.validate import load_content
    from .quality.review_packet import review_packet as make_packet
    from .render.render import render_site

    content = load_content(project).content
    packet = make_packet(content, render_site(content, project).pages)
    output.write_text(packet, encoding="utf-8")
    click.echo(f"Wrote {output}. Open it in a browser and print it, or send it as it is.")


@main.group()
def new() -> None:
    """Create a new content file from a commented starting point."""


@new.command("option")
@click.argument("option_id")
@project_option
def new_option(option_id: str, project: Path) -> None:
    """Create content/options/OPTION_ID.yaml, ready to fill in.

    OPTION_ID becomes the page address (options/OPTION_ID.html): use lower-case
    letters, digits and hyphens, such as `nerve-ablation`."""
    from .content.scaffold import new_option_file

    _new_file(project, lambda: new_option_file(project, option_id))


@new.command("page")
@click.argument("page_id")
@project_option
def new_page(page_id: str, project: Path) -> None:
    """Create content/pages/PAGE_ID.yaml, one of the clinic's own pages, ready to fill in.

    PAGE_ID becomes the page address (pages/PAGE_ID.html): use lower-case letters, digits
    and hyphens, such as `parking`."""
    from .content.scaffold import new_page_file

    _new_file(project, lambda: new_page_file(project, page_id))


@main.command()
@click.argument("language")
@project_option
@reports_problems
def translate(language: str, project: Path) -> None:
    """Start or complete the translation into LANGUAGE (a code such as `es`).

    Writes content/LANGUAGE/... for every content file without a translation yet, holding
    its words in the main language for a translator to replace. Existing translations are
    left alone. Add LANGUAGE to `translations` in site.yaml to build it."""
    from .content.scaffold import translation_skeletons
    from .render.environment import known_languages

    if language not in known_languages():
        raise click.UsageError(f"no interface strings for language '{language}': the "
                               f"languages known are {', '.join(known_languages())}")
    try:
        written = translation_skeletons(project, language)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    for path in written:
        click.echo(f"Created {path.relative_to(project.resolve()) if path.is_absolute() else path}")
    click.echo(f"{len(written)} file(s) to translate. Replace every text, then run "
               "`patient-site check`." if written else "Every file already has a translation.")


def _new_file(project: Path, write: Callable[[], Path]) -> None:
    """Write a new content file (a bad or taken id is a usage error), say where, and remind
    the editor that the site's other languages need it too."""
    try:
        path = write()
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"Created {path}. Fill it in, then run `patient-site check`.")
    _remind_translations(project)


def _remind_translations(project: Path) -> None:
    """After a new file: the site's other languages need it too."""
    import yaml

    site = project / "content" / "site.yaml"
    try:
        languages = yaml.safe_load(site.read_text(encoding="utf-8")).get("translations") or []
    except (OSError, AttributeError, yaml.YAMLError):
        return  # check reports a broken site.yaml itself
    for language in languages if isinstance(languages, list) else []:
        click.echo(f"The site is also built in '{language}': run `patient-site translate "
                   f"{language}` to start this file's translation.")
