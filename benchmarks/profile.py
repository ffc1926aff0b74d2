"""Profile `patient-site build` and `check` on synthetic packs with cProfile.

    python -m benchmarks.profile [--sizes 100 1000] [--out DIR]

Each profile runs in a fresh subprocess. For each it prints the time of each stage
(cumulative), self time by package (time inside built-ins such as `re` or `str.join`
is charged to the package that called them), self time by module, and the top
functions. cProfile slows function-call-heavy code more than the rest, so read shares,
not absolute seconds; the `.prof` files are kept in DIR for `python -m pstats`.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from .synthetic import write_pack

ROOT = Path(__file__).resolve().parent.parent

STAGES = [
    ("validate: load_content (YAML + pydantic + cross-checks)", "generator.validate:load_content"),
    ("  read YAML (generator/load.py)", "generator.load:read_yaml"),
    ("  pydantic model_validate", "generator.validate:_to_model"),
    ("  cross_check", "generator.validate:cross_check"),
    ("render: render_site (Jinja page templates)", "generator.render:render_site"),
    ("  pathway_svg", "generator.pathway:pathway_svg"),
    ("write rendered/: sync_tree", "generator.build:sync_tree"),
    ("check: reading grades", "generator.build:reading_grades"),
    ("MkDocs build (run_mkdocs)", "generator.build:run_mkdocs"),
    ("offline scan of the built site (offsite_problems)", "generator.offline:offsite_problems"),
    ("  Markdown to HTML (Python-Markdown convert)", "markdown.core:Markdown.convert"),
    ("    block parsing (BlockParser.parseDocument)", "markdown.blockparser:BlockParser.parseDocument"),
    ("      abbr definitions (AbbrBlockprocessor.run)", "markdown.extensions.abbr:AbbrBlockprocessor.run"),
    ("    abbr tooltips (AbbrTreeprocessor.run)", "markdown.extensions.abbr:AbbrTreeprocessor.run"),
    ("    inline patterns (InlineProcessor.run)", "markdown.treeprocessors:InlineProcessor.run"),
    ("  page templates (Material, Jinja): _build_page", "mkdocs.commands.build:_build_page"),
    ("  search index: pages parsed (Material search on_page_context)",
     "material.plugins.search.plugin:SearchPlugin.on_page_context"),
    ("  search index: written (Material search on_post_build)",
     "material.plugins.search.plugin:SearchPlugin.on_post_build"),
    ("  offline plugin (on_post_build)", "material.plugins.offline.plugin:OfflinePlugin.on_post_build"),
    ("  theme assets copied (Files.copy_static_files)", "mkdocs.structure.files:Files.copy_static_files"),
]
"""(label, "module:qualified.name") of the functions whose cumulative time is a stage."""
TEMPLATE_STAGES = [
    ("    navigation (Material partials/nav.html)", "material/templates/partials/nav.html"),
]
"""(label, template file ending) of Jinja templates whose cumulative time is a stage."""


def _code_key(spec: str) -> tuple[str, int, str] | None:
    """The pstats key (file, first line, name) of a function named "module:qualified.name"."""
    import importlib
    import inspect

    module_name, _, qualified = spec.partition(":")
    try:
        target: Any = importlib.import_module(module_name)
        for part in qualified.split("."):
            target = getattr(target, part)
        target = inspect.unwrap(target)
        code = target.__code__
    except (ImportError, AttributeError):
        return None
    return code.co_filename, code.co_firstlineno, code.co_name


def package_of(filename: str) -> str:
    name = filename.replace("\\", "/")
    for marker, label in (("/generator/", "ours (generator/)"), ("/benchmarks/", "benchmarks"),
                          ("/material/templates/", "Material templates (Jinja)"),
                          ("/material/", "Material (Python)"), ("/mkdocs/", "MkDocs"),
                          ("/markdown/", "Python-Markdown"), ("/pymdownx/", "pymdown-extensions"),
                          ("/jinja2/", "Jinja2 runtime"), ("/pydantic", "pydantic"),
                          ("/yaml/", "PyYAML"), ("/babel/", "Babel"), ("/pyphen/", "pyphen"),
                          ("/watchdog/", "watchdog"), ("/click/", "click")):
        if marker in name:
            return label
    if name.endswith(".j2"):
        return "ours (generator/ templates)"
    if name.endswith(".html"):
        return "Material templates (Jinja)"
    return "Python stdlib" if name.startswith("/") else "builtins"


def summarize(profile_file: Path, top: int = 20) -> str:
    stats = pstats.Stats(str(profile_file))
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    out = [f"Total profiled time: {total:.1f} s", "", "Stages (cumulative time, share of total):"]
    for label, spec in STAGES:
        key = _code_key(spec)
        if key in raw:
            cumulative = raw[key][3]
            out.append(f"  {label:<70} {cumulative:8.2f} s  {100 * cumulative / total:5.1f}%")
        if label.startswith("  page templates"):
            for template_label, file_end in TEMPLATE_STAGES:
                found = [v[3] for (f, _, fn), v in raw.items()
                         if f.replace("\\", "/").endswith(file_end) and fn == "root"]
                if found:
                    cumulative = max(found)
                    out.append(f"  {template_label:<70} {cumulative:8.2f} s  "
                               f"{100 * cumulative / total:5.1f}%")
    by_package: dict[str, float] = defaultdict(float)
    by_module: dict[str, float] = defaultdict(float)
    for (filename, _line, _name), (_cc, _nc, tt, _ct, callers) in raw.items():
        if filename == "~" and callers:
            # a built-in: charge its time to the packages of its callers
            for (caller_file, _cl, _cn), edge in callers.items():
                by_package[package_of(caller_file)] += edge[2]
                by_module[_short(caller_file)] += edge[2]
        else:
            by_package[package_of(filename)] += tt
            by_module[_short(filename)] += tt
    out += ["", "Self time by package (built-ins charged to their callers):"]
    for name, seconds in sorted(by_package.items(), key=lambda item: -item[1]):
        if seconds >= 0.005 * total:
            out.append(f"  {name:<40} {seconds:8.2f} s  {100 * seconds / total:5.1f}%")
    out += ["", "Self time by module (top 15, built-ins charged to their callers):"]
    for name, seconds in sorted(by_module.items(), key=lambda item: -item[1])[:15]:
        out.append(f"  {name:<60} {seconds:8.2f} s  {100 * seconds / total:5.1f}%")
    out += ["", f"Top {top} functions by self time:"]
    rows = sorted(raw.items(), key=lambda item: -item[1][2])[:top]
    for (filename, line, name), (_cc, nc, tt, ct, _callers) in rows:
        out.append(f"  {tt:8.2f} s self {ct:8.2f} s cum {nc:>9} calls  {_short(filename)}:{line} {name}")
    return "\n".join(out)


def _short(filename: str) -> str:
    name = filename.replace("\\", "/")
    for marker in ("site-packages/", "/work/main/", str(ROOT) + "/"):
        if marker in name:
            return name.split(marker, 1)[1]
    return name


def profile_in_this_process(project: Path, command: str, out: Path) -> None:
    """Profile one command on `project`; called in a fresh subprocess."""
    from click.testing import CliRunner

    from generator.cli import main

    profiler = cProfile.Profile()
    if command == "build":
        from generator.build import build

        profiler.runcall(build, project)
    else:
        runner = CliRunner()
        result = profiler.runcall(runner.invoke, main, ["check", "--project", str(project)])
        if result.exit_code != 0:
            print(result.output[-2000:], file=sys.stderr)
    profiler.dump_stats(str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profile build and check on synthetic packs.")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--shipped", action="store_true", help="also profile the shipped content")
    parser.add_argument("--commands", nargs="+", default=["build", "check"],
                        choices=["build", "check"])
    parser.add_argument("--out", type=Path, default=None, help="folder for packs and .prof files")
    parser.add_argument("--worker", nargs=3, metavar=("PROJECT", "COMMAND", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        project, command, out = args.worker
        profile_in_this_process(Path(project), command, Path(out))
        return 0
    folder = args.out or Path(tempfile.mkdtemp(prefix="patient-site-profile-"))
    folder.mkdir(parents=True, exist_ok=True)
    projects = [(f"{size} options", size) for size in args.sizes]
    if args.shipped:
        projects.insert(0, ("the shipped content", None))
    for label, size in projects:
        if size is None:
            from .run import shipped_project

            project = shipped_project(folder / "shipped")
        else:
            project = write_pack(folder / f"pack-{size}", size)
        for command in args.commands:
            out = folder / f"{command}-{size or 'shipped'}.prof"
            subprocess.run([sys.executable, "-m", "benchmarks.profile", "--worker", str(project),
                            command, str(out)], cwd=ROOT, check=True)
            print(f"\n=== {command}, {label} ({out}) ===\n", flush=True)
            print(summarize(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
