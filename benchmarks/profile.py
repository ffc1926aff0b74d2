"""Profile `patient-site build` and `check` on synthetic packs (and the shipped content).

    python -m benchmarks.profile [--sizes 100 1000] [--shipped] [--sampler py-spy|cprofile]
                                 [--out DIR]

Each profile runs in a fresh process. For each it prints the time of each stage
(inclusive), self time by package, self time by module, and the top functions.

The default sampler is py-spy (`pip install py-spy`) when it is on PATH: it samples the
real `patient-site` process from outside at 1 kHz without pausing it (`--nonblocking`), so
the run is not slowed (2.6 s with or without it at 100 options) and the shares are those
of an unprofiled run. Samples start once the interpreter runs and leave out time spent
waiting for the disk, so the sampled total is below the wall time. The fallback, cProfile, is
deterministic but slows function-call-heavy code (Jinja macros, Python-Markdown's
processors) two to three times more than C-heavy work (big string joins, regular
expressions, file writes), so its shares overstate the former; with it, time inside
built-ins such as `re` or `str.join` is charged to the package that called them.
Profiles are kept in DIR: `.spy.txt` collapsed stacks (for flamegraph tools) or `.prof`
(for `python -m pstats`).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
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
    ("check: page_grades (render + grade; this process's share if forked)",
     "generator.grading:page_grades"),
    ("  render_pages (Jinja page templates)", "generator.render:render_pages"),
    ("  grade_of_markdown", "generator.readability:grade_of_markdown"),
    ("MkDocs build (run_mkdocs)", "generator.build:run_mkdocs"),
    ("  pages handed to the survey process (PageSurvey.send)", "generator.survey:PageSurvey.send"),
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
    ("  search index as a script (patient-search on_post_build)",
     "generator.search_index:SearchScript.on_post_build"),
    ("  theme assets copied (Files.copy_static_files)", "mkdocs.structure.files:Files.copy_static_files"),
]
"""(label, "module:qualified.name") of the functions whose cumulative time is a stage."""
TEMPLATE_STAGES = [
    ("    navigation (Material partials/nav.html)", "partials/nav.html"),
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


def _shares(title: str, seconds: dict[str, float], total: float, width: int,
            limit: int | None = None) -> list[str]:
    """A titled table of names and their seconds, largest first. Without a limit, names under
    half a percent of the total are left out."""
    rows = sorted(seconds.items(), key=lambda item: -item[1])
    rows = rows[:limit] if limit else [(n, v) for n, v in rows if v >= 0.005 * total]
    return ["", title, *(f"  {name:<{width}} {value:8.2f} s  {100 * value / total:5.1f}%"
                         for name, value in rows)]


def summarize(profile_file: Path, top: int = 20) -> str:
    stats = pstats.Stats(str(profile_file))
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    out = [f"Total profiled time: {total:.1f} s", "", "Stages (cumulative time, share of total):"]
    for label, spec in STAGES:
        if label.startswith("validate"):
            imports = max((v[3] for (_, _, name), v in raw.items() if name == "_find_and_load"),
                          default=0.0)
            out.append(f"  {'module imports (inclusive; some happen inside later stages)':<70} "
                       f"{imports:8.2f} s  {100 * imports / total:5.1f}%")
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
    out += _shares("Self time by package (built-ins charged to their callers):", by_package,
                   total, width=40)
    out += _shares("Self time by module (top 15, built-ins charged to their callers):", by_module,
                   total, width=60, limit=15)
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

    from generator.build import build
    from generator.cli import main

    def run() -> None:
        if command == "build":
            build(project)
            return
        result = CliRunner().invoke(main, ["check", "--project", str(project)])
        if result.exit_code != 0:
            print(result.output[-2000:], file=sys.stderr)

    cprofile = cProfile.Profile()
    cprofile.runcall(run)
    cprofile.dump_stats(str(out))


def summarize_spy(raw_file: Path, rate: int, top: int = 20) -> str:
    """The same summary as `summarize`, from py-spy's raw (collapsed stack) output.

    Each line is `frame;frame;...;frame count`, a frame `qualified.name (path:line)`."""
    stacks: list[tuple[list[tuple[str, str]], int]] = []
    for line in raw_file.read_text(encoding="utf-8").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        frames = []
        for frame in stack.split(";"):
            function, _, where = frame.partition(" (")
            frames.append((function, where.rsplit(":", 1)[0]))
        stacks.append((frames, int(count_text)))
    samples = sum(count for _, count in stacks)
    if not samples:
        return "No samples."
    total = samples / rate

    def seconds(matches: Any) -> float:
        return sum(count for frames, count in stacks if any(matches(f) for f in frames)) / rate

    out = [f"Total sampled time: {total:.1f} s ({samples} samples at {rate} Hz; waits for I/O "
           "not sampled)",
           "", "Stages (inclusive time, share of total):"]
    for label, spec in STAGES:
        module, _, qualified = spec.partition(":")
        file_end = module.replace(".", "/") + ".py"
        value = seconds(lambda f, q=qualified, e=file_end: f[0] == q and f[1].endswith(e))
        if label.startswith("validate"):
            imports = seconds(lambda f: f[0] == "_find_and_load")
            out.append(f"  {'module imports (inclusive; some happen inside later stages)':<70} "
                       f"{imports:8.2f} s  {100 * imports / total:5.1f}%")
        if value:
            out.append(f"  {label:<70} {value:8.2f} s  {100 * value / total:5.1f}%")
        if label.startswith("  page templates"):
            for template_label, template_end in TEMPLATE_STAGES:
                value = seconds(lambda f, e=template_end: f[0] == "root" and (
                    f[1].endswith(e) or e.endswith("/" + f[1])))
                if value:
                    out.append(f"  {template_label:<70} {value:8.2f} s  {100 * value / total:5.1f}%")
    by_package: dict[str, float] = defaultdict(float)
    by_module: dict[str, float] = defaultdict(float)
    by_function: dict[str, float] = defaultdict(float)
    for frames, count in stacks:
        function, where = frames[-1]
        path = "/" + where if where and not where.startswith(("<", "/")) else where
        by_package[package_of(path) if where else "builtins"] += count / rate
        by_module[where or function] += count / rate
        by_function[f"{where} {function}"] += count / rate
    out += _shares("Self time by package (innermost Python frame):", by_package, total, width=40)
    out += _shares("Self time by module (top 15):", by_module, total, width=60, limit=15)
    out += ["", f"Top {top} functions by self time:"]
    for name, value in sorted(by_function.items(), key=lambda item: -item[1])[:top]:
        out.append(f"  {value:8.2f} s self  {name}")
    return "\n".join(out)


SPY_RATE = 1000
"""py-spy samples per second."""


def spy_command(project: Path, command: str, out: Path) -> list[str]:
    """The command, run as `patient-site` is, under py-spy (a sampling profiler outside the
    process: no overhead inside it, so shares match an unprofiled run)."""
    return ["py-spy", "record", "--nonblocking", "--rate", str(SPY_RATE), "--format", "raw",
            "--output", str(out),
            "--", sys.executable, "-c", "from generator.cli import main; main()", command,
            "--project", str(project)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profile build and check on synthetic packs.")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--shipped", action="store_true", help="also profile the shipped content")
    parser.add_argument("--commands", nargs="+", default=["build", "check"],
                        choices=["build", "check"])
    parser.add_argument("--out", type=Path, default=None, help="folder for packs and .prof files")
    parser.add_argument("--sampler", choices=["py-spy", "cprofile"],
                        default="py-spy" if shutil.which("py-spy") else "cprofile")
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
            shutil.rmtree(project / "rendered", ignore_errors=True)
            shutil.rmtree(project / "site", ignore_errors=True)
            if args.sampler == "py-spy":
                out = folder / f"{command}-{size or 'shipped'}.spy.txt"
                subprocess.run(spy_command(project, command, out), cwd=ROOT, check=True,
                               env=os.environ | {"NO_MKDOCS_2_WARNING": "1"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                summary = summarize_spy(out, SPY_RATE)
            else:
                out = folder / f"{command}-{size or 'shipped'}.prof"
                subprocess.run([sys.executable, "-m", "benchmarks.profile", "--worker",
                                str(project), command, str(out)], cwd=ROOT, check=True)
                summary = summarize(out)
            print(f"\n=== {command}, {label}, {args.sampler} ({out}) ===\n", flush=True)
            print(summary, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

