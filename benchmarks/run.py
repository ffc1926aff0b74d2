"""The benchmark suite: generator overhead, scale, preview latency and page weight.

    python -m benchmarks.run            # full run (a few minutes on 2 cores)
    python -m benchmarks.run --write    # full run, then update benchmarks/RESULTS.md
    python -m benchmarks.run --quick    # tiny sizes, one run each, no browser (smoke test)

Every build, check and server runs in a fresh subprocess; timed builds go through
`benchmarks.measure`, a fresh wrapper process that reports wall time and the peak
resident memory of the command. Runs of the things compared are interleaved (A B, B A,
...) and medians are reported. Figures are printed with their targets; nothing here
asserts on time: a human or a script reads the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from . import preview
from .synthetic import option_id, option_title, write_pack

ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = ROOT / "benchmarks" / "RESULTS.md"
START_MARK = "<!-- benchmark results: start (written by `python -m benchmarks.run --write`) -->"
END_MARK = "<!-- benchmark results: end -->"

PATIENT_SITE = [sys.executable, "-c", "from generator.cli import main; main()"]
"""`patient-site` without the shell shim in front of it (the same Python as `mkdocs`)."""
MKDOCS = [sys.executable, "-m", "mkdocs"]

OVERHEAD_TARGET = 1.10
SCALE_TARGET = 1.10
"""Largest size's build time at most this times (size ratio) the next size's time."""
MEMORY_TARGET_KIB = 1024 * 1024
CHECK_TARGET = 0.10
WEIGHT_TARGET_BYTES = 350_000
"""350 KB, counted as 350,000 bytes."""


@dataclass(frozen=True)
class Plan:
    """What one run measures, and how many times."""

    overhead: list[tuple[str, int | None, int]]
    """(label, synthetic size or None for the shipped content, runs)."""
    scale: dict[int, int]
    """Synthetic size -> runs of build and of check."""
    preview_options: int
    preview_runs: int
    weight: bool


FULL = Plan(overhead=[("shipped content", None, 7), ("100 options", 100, 5)],
            scale={10: 5, 100: 5, 1000: 3}, preview_options=100, preview_runs=5, weight=True)
QUICK = Plan(overhead=[("10 options", 10, 1)], scale={5: 1, 10: 1}, preview_options=10,
             preview_runs=1, weight=False)


@dataclass
class Sample:
    seconds: float
    rss_kib: int
    returncode: int


@dataclass
class Report:
    """Markdown lines of every section, and one row per target."""

    lines: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def out(self, line: str = "") -> None:
        self.lines.append(line)
        print(line, flush=True)

    def target(self, name: str, measured: str, target: str, passed: bool | None) -> None:
        verdict = "n/a" if passed is None else ("PASS" if passed else "FAIL")
        self.targets.append((name, measured, target, verdict))


class MeasurementError(RuntimeError):
    pass


# --- running things ---------------------------------------------------------------------


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["NO_MKDOCS_2_WARNING"] = "1"  # the same quiet start for both builders
    env["PYTHONUNBUFFERED"] = "1"  # server logs are read while the servers run
    # Compiled modules are kept (__pycache__), as Python does by default: MkDocs' come compiled
    # with its installation, and the warm-up run compiles ours. Without this, a machine that
    # sets PYTHONDONTWRITEBYTECODE would compile ours from source on every run, and not MkDocs'.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(command: list[str], cwd: Path, log: Path) -> Sample:
    """Run `command` under the measuring wrapper, in fresh processes."""
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", "--cwd", str(cwd), "--log", str(log), "--",
         *command], cwd=ROOT, env=child_env(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise MeasurementError(f"the measuring wrapper failed: {result.stderr.strip()}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return Sample(data["seconds"], data["maxrss_kib"], data["returncode"])


def run_ok(command: list[str], cwd: Path, what: str) -> None:
    result = subprocess.run(command, cwd=cwd, env=child_env(), capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise MeasurementError(f"{what} failed (exit {result.returncode}):\n"
                               f"{_tail(result.stdout + result.stderr)}")


def require_success(sample: Sample, what: str, log: Path) -> Sample:
    if sample.returncode != 0:
        raise MeasurementError(f"{what} failed (exit {sample.returncode}):\n"
                               f"{_tail(log.read_text(errors='replace'))}")
    return sample


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def median(values: list[float]) -> float:
    return statistics.median(values)


def clean(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


# --- projects ---------------------------------------------------------------------------


def shipped_project(destination: Path) -> Path:
    """A copy of the repository's project: content/, mkdocs.yml and overrides/."""
    clean(destination)
    destination.mkdir(parents=True)
    shutil.copytree(ROOT / "content", destination / "content")
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", destination / "overrides")
    return destination


def pack(destination: Path, size: int | None) -> Path:
    return shipped_project(destination) if size is None else write_pack(destination, size)


def rendered_copy(project: Path, destination: Path) -> Path:
    """A copy of `project` with its Markdown folder rendered, for a plain MkDocs build."""
    clean(destination)
    shutil.copytree(project, destination, ignore=shutil.ignore_patterns("site", "rendered"))
    run_ok([*PATIENT_SITE, "render", "--project", str(destination)], destination,
           f"patient-site render of {project.name}")
    return destination


def build_command(project: Path) -> list[str]:
    return [*PATIENT_SITE, "build", "--project", str(project)]


def plain_build_command(project: Path) -> list[str]:
    return [*MKDOCS, "build", "--quiet", "--config-file", str(project / "mkdocs.yml")]


def check_command(project: Path) -> list[str]:
    return [*PATIENT_SITE, "check", "--project", str(project)]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` gives the default, `!relative` its text."""


_ConfigLoader.add_constructor(
    "!ENV", lambda loader, node: (loader.construct_sequence(node)[-1]  # type: ignore[arg-type]
                                  if isinstance(node, yaml.SequenceNode) else None))
_ConfigLoader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))  # type: ignore[arg-type]


def read_config(path: Path) -> dict[str, Any]:
    """An mkdocs.yml as plain data (environment variables not looked up)."""
    return dict(yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader))


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


# --- sections ---------------------------------------------------------------------------


ONE_CPU = ["taskset", "--cpu-list", "0"]
"""Prefix that runs a command on one CPU: then `patient-site build` renders in its own process."""


@dataclass
class BuildTimes:
    """Timed builds of one pack: ours and the plain build, interleaved."""

    first: float
    """Our first build, with an empty template cache (`.cache/` deleted), as after a clone."""
    ours: list[float]
    plain: list[float]


def compare_builds(ours: Path, plain: Path, runs: int, prefix: list[str] | None = None
                   ) -> BuildTimes:
    """Seconds of `patient-site build` on `ours` and `mkdocs build` on `plain`, interleaved,
    after one warm-up of each (file cache, bytecode); ours warms up from an empty `.cache/`."""
    logs = ours.parent
    prefix = prefix or []

    def build_ours() -> float:
        clean(ours / "rendered", ours / "site")
        log = logs / "ours.log"
        return require_success(measure([*prefix, *build_command(ours)], ours, log),
                               "patient-site build", log).seconds

    def build_plain() -> float:
        clean(plain / "site")
        log = logs / "plain.log"
        return require_success(measure([*prefix, *plain_build_command(plain)], plain, log),
                               "mkdocs build", log).seconds

    clean(ours / ".cache")
    times = BuildTimes(first=build_ours(), ours=[], plain=[])
    build_plain()
    for run in range(runs):
        if run % 2 == 0:
            times.ours.append(build_ours())
            times.plain.append(build_plain())
        else:
            times.plain.append(build_plain())
            times.ours.append(build_ours())
    return times


def overhead_section(report: Report, plan: Plan, work: Path) -> None:
    report.out("## Generator overhead")
    report.out()
    report.out("`patient-site build` (validate, render, MkDocs) against `mkdocs build` of the same "
               "pages already rendered to Markdown (same mkdocs.yml, theme and plugins). Before "
               "each run of ours `rendered/` and `site/` are deleted (a full build); runs are "
               "interleaved; medians. Our build keeps compiled templates in `.cache/` between "
               "builds: *first build* is ours with that folder deleted, as after a fresh clone "
               "(one run, so noisier). With two or more CPUs our build validates and renders in a "
               "second process while MkDocs loads: *one CPU* repeats the comparison with both "
               "builders held to one CPU (`taskset`), where it cannot.")
    report.out()
    report.out("| Content | Pages | Runs | patient-site build | plain mkdocs build | Ratio | Target "
               "| First build (ratio) | One CPU: ours / plain (ratio) |")
    report.out("|---|---:|---:|---:|---:|---:|---|---:|---:|")
    for label, size, runs in plan.overhead:
        try:
            ours = pack(work / f"overhead-{size or 'shipped'}" / "ours", size)
            plain = rendered_copy(ours, ours.parent / "plain")
        except MeasurementError as error:
            report.out(f"| {label} | | | not measured | | | FAIL | | |")
            report.errors.append(f"overhead, {label}: {error}")
            report.target(f"Overhead, {label}", "content does not render", "<= 1.10", False)
            continue
        times = compare_builds(ours, plain, runs)
        pages = len(list((plain / "rendered" / "docs").rglob("*.md")))
        a, b = median(times.ours), median(times.plain)
        ratio = a / b
        report.out(f"| {label} | {pages} | {runs} | {a:.2f} s | {b:.2f} s | {ratio:.2f} | "
                   f"<= {OVERHEAD_TARGET:.2f} {'PASS' if ratio <= OVERHEAD_TARGET else 'FAIL'} | "
                   f"{times.first:.2f} s ({times.first / b:.2f}) | {_one_cpu(ours, plain, runs)} |")
        report.target(f"Overhead, {label}: build / plain mkdocs build", f"{ratio:.2f}",
                      f"<= {OVERHEAD_TARGET:.2f}", ratio <= OVERHEAD_TARGET)
    report.out()


def _one_cpu(ours: Path, plain: Path, runs: int) -> str:
    """The comparison again with both builders on one CPU, as a table cell."""
    if shutil.which(ONE_CPU[0]) is None:
        return f"not measured (no `{ONE_CPU[0]}`)"
    times = compare_builds(ours, plain, max(3, runs // 2), prefix=ONE_CPU)
    a, b = median(times.ours), median(times.plain)
    return f"{a:.2f} s / {b:.2f} s ({a / b:.2f})"


def scale_section(report: Report, plan: Plan, work: Path) -> None:
    report.out("## Scale")
    report.out()
    report.out("Synthetic packs (`benchmarks/synthetic.py`): per option about 3 glossary terms, "
               "0.6 questions and 0.5 tips; one pathway (6 questions, 8 outcomes) per 25 options; "
               "one comparison table of 5 options per 10 options. Full `patient-site build` "
               "(rendered/ and site/ deleted first) and `patient-site check`, interleaved across "
               "sizes; median time, highest peak memory (max RSS) over the runs.")
    report.out()
    sizes = sorted(plan.scale)
    projects = {n: write_pack(work / f"scale-{n}", n) for n in sizes}
    builds: dict[int, list[Sample]] = {n: [] for n in sizes}
    checks: dict[int, list[Sample]] = {n: [] for n in sizes}
    for run in range(max(plan.scale.values())):
        for n in sizes:
            if run >= plan.scale[n]:
                continue
            project = projects[n]
            clean(project / "rendered", project / "site")
            log = project / "build.log"
            builds[n].append(require_success(measure(build_command(project), project, log),
                                             f"patient-site build ({n} options)", log))
            log = project / "check.log"
            checks[n].append(measure(check_command(project), project, log))
    report.out("| Options | Pages | Rendered Markdown | Site | Runs | Build time | Build peak memory "
               "| Check time | Check peak memory | Check exit |")
    report.out("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    build_time = {n: median([s.seconds for s in builds[n]]) for n in sizes}
    build_rss = {n: max(s.rss_kib for s in builds[n]) for n in sizes}
    check_time = {n: median([s.seconds for s in checks[n]]) for n in sizes}
    for n in sizes:
        project = projects[n]
        pages = len(list((project / "rendered" / "docs").rglob("*.md")))
        exits = sorted({s.returncode for s in checks[n]})
        report.out(f"| {n:,} | {pages:,} | {folder_bytes(project / 'rendered') / 1e6:,.1f} MB | "
                   f"{folder_bytes(project / 'site') / 1e6:,.1f} MB | {len(builds[n])} | "
                   f"{build_time[n]:.2f} s | {mib(build_rss[n])} | {check_time[n]:.2f} s | "
                   f"{mib(max(s.rss_kib for s in checks[n]))} | {','.join(map(str, exits))} |")
    report.out()
    for small, large in zip(sizes, sizes[1:], strict=False):
        growth = build_time[large] / build_time[small]
        allowed = SCALE_TARGET * large / small
        report.out(f"- Build time {large:,} / {small:,} options: {growth:.1f}x "
                   f"(target at most {allowed:.1f}x) "
                   f"{'PASS' if growth <= allowed else 'FAIL'}")
    largest, second = sizes[-1], sizes[-2]
    growth = build_time[largest] / build_time[second]
    allowed = SCALE_TARGET * largest / second
    report.target(f"Scale: build time {largest:,} / {second:,} options", f"{growth:.1f}x",
                  f"<= {allowed:.1f}x", growth <= allowed)
    report.target(f"Scale: peak memory of the build at {largest:,} options",
                  mib(build_rss[largest]), "< 1,024 MiB", build_rss[largest] < MEMORY_TARGET_KIB)
    share = check_time[largest] / build_time[largest]
    ok = share < CHECK_TARGET and all(s.returncode == 0 for s in checks[largest])
    report.out(f"- `check` at {largest:,} options: {check_time[largest]:.2f} s = {share:.3f} of "
               f"the build time (target under {CHECK_TARGET:.2f}) {'PASS' if ok else 'FAIL'}")
    report.target(f"Scale: check / build time at {largest:,} options", f"{share:.3f}",
                  f"< {CHECK_TARGET:.2f}", ok)
    report.out()


def preview_section(report: Report, plan: Plan, work: Path) -> None:
    n = plan.preview_options
    report.out("## Preview")
    report.out()
    report.out(f"{n}-option pack. `patient-site serve` on the pack against a plain `mkdocs serve` "
               "of the same pages already rendered. Each run starts a fresh server, waits until "
               "it serves the page, then saves one edit: ours, one option's YAML with a sentence "
               "added to its summary; plain, that option's rendered Markdown page with the same "
               "change. Time from the save to the first response of the page that contains the "
               "new sentence (polled every 20 ms). Runs alternate between the two; medians.")
    report.out()
    ours = write_pack(work / f"preview-{n}" / "ours", n)
    plain = rendered_copy(ours, ours.parent / "plain")
    target_id = option_id(0)
    page = f"options/{target_id}.html"
    option_file = ours / "content" / "options" / f"{target_id}.yaml"
    summary = yaml.safe_load(option_file.read_text(encoding="utf-8"))["summary"]
    markdown_file = plain / "rendered" / "docs" / "options" / f"{target_id}.md"
    servers = [
        preview.Server("patient-site", preview.serve_command("patient-site", ours), ours,
                       ours.parent / "ours-serve.log", page, preview.yaml_saver(option_file)),
        preview.Server("mkdocs", preview.serve_command("mkdocs", plain), plain,
                       ours.parent / "plain-serve.log", page,
                       preview.markdown_saver(markdown_file, summary)),
    ]
    times = preview.measure_latency(servers, summary, option_title(0), plan.preview_runs,
                                    child_env(), limit=600)
    report.out("| Server | Runs | Median | Fastest | Slowest | Timed out |")
    report.out("|---|---:|---:|---:|---:|---:|")
    medians: dict[str, float] = {}
    for name, latency in times.items():
        done = [v for v in latency.seconds if v is not None]
        missed = len(latency.seconds) - len(done)
        if not done:
            report.out(f"| `{name} serve` | {len(latency.seconds)} | timed out | | | {missed} |")
            continue
        medians[name] = median(done)
        report.out(f"| `{name} serve` | {len(latency.seconds)} | {medians[name]:.2f} s | "
                   f"{min(done):.2f} s | {max(done):.2f} s | {missed} |")
    report.out()
    rerenders = [sum("Preview updated" in line for line in lines)
                 for lines in times["patient-site"].log_lines]
    rebuilds = [sum("Building documentation" in line for line in lines)
                for lines in times["mkdocs"].log_lines]
    report.out(f"- After one save, within the time to serve it plus 3 s: `patient-site serve` "
               f"re-rendered the content {', '.join(map(str, rerenders))} times (per run; once "
               f"is expected); plain `mkdocs serve` rebuilt {', '.join(map(str, rebuilds))} times.")
    if len(medians) == 2 and not any(None in t.seconds for t in times.values()):
        ratio = medians["patient-site"] / medians["mkdocs"]
        report.out(f"- Ratio ours / plain: {ratio:.2f} (target at most 1.00) "
                   f"{'PASS' if ratio <= 1 else 'FAIL'}")
        report.target(f"Preview at {n} options: save-to-served, ours / plain mkdocs serve",
                      f"{medians['patient-site']:.2f} s / {medians['mkdocs']:.2f} s = {ratio:.2f}",
                      "<= 1.00", ratio <= 1)
    else:
        report.target(f"Preview at {n} options", "an edit was not served in time", "<= 1.00", False)
    report.out()


def page_of_each_type(docs: Path) -> dict[str, str]:
    """The heaviest rendered page of each type (by Markdown size), as a path under docs/."""

    def largest(paths: list[Path]) -> str | None:
        return (max(paths, key=lambda p: (p.stat().st_size, p.as_posix())).relative_to(docs)
                .as_posix() if paths else None)

    steps = [p for p in docs.glob("pathway/*/*.md") if 'class="pathway-answers"' in p.read_text()]
    outcomes = [p for p in docs.glob("pathway/*/*.md") if p not in steps]
    found = {
        "home": "index.md",
        "option": largest(list(docs.glob("options/*.md"))),
        "pathway overview": "pathway/index.md",
        "pathway": largest([p for p in docs.glob("pathway/*.md") if p.name != "index.md"]),
        "pathway question": largest(steps),
        "pathway outcome": largest(outcomes),
        "compare": "compare.md", "faq": "faq.md", "tips": "tips.md",
        "glossary": "glossary.md", "about": "about.md",
    }
    return {kind: path for kind, path in found.items() if path and (docs / path).is_file()}


def stock_url(path: str) -> str:
    """Address of a page in a default MkDocs build (directory URLs)."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[:-3] + "/"


def weight_section(report: Report, plan: Plan, work: Path) -> None:
    report.out("## Page weight")
    report.out()
    if not plan.weight:
        report.out("Skipped (--quick runs no browser).")
        report.out()
        return
    ours = shipped_project(work / "ours")
    content_label = "Shipped content"
    try:
        run_ok(build_command(ours), ours, "patient-site build of the shipped content")
    except MeasurementError as error:
        shipped_options = len(list((ROOT / "content" / "options").glob("*.y*ml")))
        report.out(f"**The shipped content does not build, so it could not be weighed:** {error}")
        report.out()
        report.out(f"Measured instead: a synthetic pack of the same number of options "
                   f"({shipped_options}).")
        report.out()
        report.errors.append(f"page weight: the shipped content does not build: {error}")
        ours = write_pack(work / "ours", shipped_options)
        content_label = f"A synthetic pack of {shipped_options} options"
        run_ok(build_command(ours), ours, "patient-site build of the synthetic pack")
    stock = work / "stock"
    clean(stock)
    shutil.copytree(ours / "rendered" / "docs", stock / "docs")
    site_name = yaml.safe_load((ours / "rendered" / "generated.yml").read_text())["site_name"]
    ours_config = read_config(ours / "mkdocs.yml")
    (stock / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": site_name, "theme": {"name": "material"}, "plugins": ["search"],
        "markdown_extensions": ours_config.get("markdown_extensions", [])}))
    run_ok([*MKDOCS, "build", "--quiet", "--config-file", str(stock / "mkdocs.yml")], stock,
           "stock Material build")
    pages = page_of_each_type(ours / "rendered" / "docs")
    requests = []
    for kind, path in pages.items():
        requests.append({"type": kind, "which": "ours", "source": path,
                         "site": str(ours / "site"), "path": path[:-3] + ".html"})
        requests.append({"type": kind, "which": "stock", "source": path,
                         "site": str(stock / "site"), "path": stock_url(path)})
    pages_file, out_file = work / "pages.json", work / "result.json"
    pages_file.write_text(json.dumps(requests))
    run_ok([sys.executable, "-m", "benchmarks.weight", "--pages", str(pages_file), "--out",
            str(out_file)], ROOT, "the page weight browser run")
    results = {(r["type"], r["which"]): r for r in json.loads(out_file.read_text())}

    report.out(f"{content_label}, built by `patient-site build`, against a stock Material site "
               "(`theme: material` with default settings, `plugins: [search]`, and our "
               "`markdown_extensions` so that the same Markdown makes the same text) built by "
               "MkDocs from the same rendered Markdown. The heaviest page of each type, opened in Chromium "
               "with an empty cache from a local `http.server`; every request that is not to "
               "127.0.0.1 is blocked and listed. Counted: the body of every response that loaded "
               "(uncompressed; gzip -9 in brackets), then search opened with a click in its box "
               "and a word typed. KB = 1,000 bytes.")
    report.out()
    report.out("| Page type | Page | Ours: total | HTML | CSS | JS | Fonts | Images | Search index "
               "| Stock: total | Stock HTML | Stock search index | Ours / stock | Verdict |")
    report.out("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    heaviest = 0
    all_lighter = True
    for kind in pages:
        a, b = results[(kind, "ours")], results[(kind, "stock")]
        ratio = a["total"] / b["total"]
        lighter = a["total"] <= b["total"]
        all_lighter &= lighter
        heaviest = max(heaviest, a["total"])
        kb = a["bytes"]
        report.out(
            f"| {kind} | `{pages[kind]}` | {a['total'] / 1e3:,.1f} KB ({a['total_gzip'] / 1e3:,.1f}) "
            f"| {kb['html'] / 1e3:,.1f} | {kb['css'] / 1e3:,.1f} | {kb['js'] / 1e3:,.1f} | "
            f"{kb['fonts'] / 1e3:,.1f} | {kb['images'] / 1e3:,.1f} | {kb['search'] / 1e3:,.1f} | "
            f"{b['total'] / 1e3:,.1f} KB ({b['total_gzip'] / 1e3:,.1f}) | "
            f"{b['bytes']['html'] / 1e3:,.1f} | {b['bytes']['search'] / 1e3:,.1f} | {ratio:.2f} | "
            f"{'PASS' if lighter else 'FAIL'} |")
    report.out()
    for which in ("ours", "stock"):
        first = results[(next(iter(pages)), which)]
        shared = sorted(((path, size) for path, size in first["files"]
                         if not path.endswith(".html") and not path.endswith("/")),
                        key=lambda item: -item[1])
        report.out(f"- Files besides the page itself ({which}): "
                   + ", ".join(f"`{path}` {size / 1e3:,.1f} KB" for path, size in shared))
    sample_ours = next(iter(r for (k, w), r in results.items() if w == "ours"))
    sample_stock = next(iter(r for (k, w), r in results.items() if w == "stock"))
    report.out(f"- Search index loaded with the page, before search was opened: ours "
               f"{'yes' if sample_ours['search_index_at_load'] else 'no'}, stock "
               f"{'yes' if sample_stock['search_index_at_load'] else 'no'}. Search for "
               f"'pain' showed: ours '{sample_ours['search_results']}', stock "
               f"'{sample_stock['search_results']}'.")
    for which in ("ours", "stock"):
        blocked = sorted({u for (k, w), r in results.items() if w == which for u in r["blocked"]})
        report.out(f"- Requests outside 127.0.0.1 ({which}), blocked and not counted: "
                   + (", ".join(f"`{u}`" for u in blocked) if blocked else "none"))
    report.out()
    report.target("Page weight: every page type no heavier than the stock page",
                  "all lighter" if all_lighter else "some heavier", "ours <= stock", all_lighter)
    report.target("Page weight: heaviest page, search index included",
                  f"{heaviest / 1e3:,.1f} KB", "< 350 KB", heaviest < WEIGHT_TARGET_BYTES)


SECTIONS: dict[str, Callable[[Report, Plan, Path], None]] = {
    "overhead": overhead_section,
    "scale": scale_section,
    "preview": preview_section,
    "weight": weight_section,
}
HEADERS = {"overhead": "## Generator overhead", "scale": "## Scale", "preview": "## Preview",
           "weight": "## Page weight"}


# --- machine and results file ------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal:"))
        memory = f"{mem_kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        memory = "unknown"
    nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                              check=False).stdout.strip() if Path("/usr/bin/chromium").exists() else "-"
    versions = ", ".join(f"{name} {_version(name)}" for name in
                         ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pydantic", "pyyaml"))
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True, check=False).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "generator",
                            "mkdocs.yml", "overrides", "content"],
                           capture_output=True, text=True, check=False).stdout.strip()
    return [
        f"- Code: commit {commit}" + (" with uncommitted changes to generator/, mkdocs.yml, "
                                      "overrides/ or content/" if dirty else ""),
        f"- Machine: {nproc} cores (`nproc`), {cpu}, {memory} memory, {platform.platform()}",
        f"- Python {platform.python_version()}; {versions}; {chromium}",
    ]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def code_state() -> str:
    """The commit and any uncommitted change to what is measured, to tell if it moved mid-run."""
    import hashlib

    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=False).stdout.strip()
    diff = subprocess.run(["git", "-C", str(ROOT), "diff", "HEAD", "--", "generator", "mkdocs.yml",
                           "overrides", "content"], capture_output=True, check=False).stdout
    return f"{head[:7]}+{hashlib.sha256(diff).hexdigest()[:8]}" if diff else head[:7]


def write_results(report: Report, header: list[str]) -> None:
    block = "\n".join([START_MARK, *header, "", *report.lines, END_MARK])
    if RESULTS_FILE.exists():
        text = RESULTS_FILE.read_text(encoding="utf-8")
        if START_MARK in text and END_MARK in text:
            before, rest = text.split(START_MARK, 1)
            after = rest.split(END_MARK, 1)[1]
            RESULTS_FILE.write_text(before + block + after, encoding="utf-8")
            return
        RESULTS_FILE.write_text(text.rstrip() + "\n\n" + block + "\n", encoding="utf-8")
        return
    RESULTS_FILE.write_text("# Benchmark results\n\n" + block + "\n", encoding="utf-8")


# --- main -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the benchmark suite and print the figures.")
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes, one run each, no browser (the smoke test)")
    parser.add_argument("--write", action="store_true", help="update benchmarks/RESULTS.md")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help="comma-separated sections to run: " + ", ".join(SECTIONS))
    parser.add_argument("--work", type=Path, default=None,
                        help="folder for packs and sites (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")
    if args.write and (args.quick or set(chosen) != set(SECTIONS)):
        parser.error("--write records a full run: leave out --quick and --only")
    plan = QUICK if args.quick else FULL
    work = args.work or Path(tempfile.mkdtemp(prefix="patient-site-bench-"))
    work.mkdir(parents=True, exist_ok=True)

    command = "python -m benchmarks.run" + (" --quick" if args.quick else "") + (
        " --write" if args.write else "")
    started = time.perf_counter()
    load_before = os.getloadavg()
    state_before = code_state()
    header = [f"- Date: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
              f"- Command: `{command}` (from the repository root)", *machine()]
    print("# Benchmarks\n")
    print("\n".join(header) + "\n", flush=True)
    report = Report()
    for name in chosen:
        try:
            SECTIONS[name](report, plan, work / name)
        except Exception as error:  # one broken section must not hide the others
            report.out(f"**{name} was not measured:** {error}")
            report.out()
            report.errors.append(f"{name}: {error}\n{traceback.format_exc()}")
            report.target(HEADERS[name][3:], "not measured (error)", "-", False)
    load_after = os.getloadavg()
    state_after = code_state()
    if state_after != state_before:
        report.out(f"**Warning: the code changed during this run ({state_before} -> {state_after}); "
                   "the figures mix both versions. Run again.**")
        report.out()
    report.out("## Targets")
    report.out()
    report.out("| Target | Measured | Goal | Verdict |")
    report.out("|---|---|---|---|")
    for row in report.targets:
        report.out("| " + " | ".join(row) + " |")
    report.out()
    report.out(f"Whole run: {(time.perf_counter() - started) / 60:.1f} min. Load average "
               f"(1 min) {load_before[0]:.2f} at the start, {load_after[0]:.2f} at the end.")
    if args.write:
        write_results(report, header)
        print(f"\nUpdated {RESULTS_FILE.relative_to(ROOT)}.")
    if args.keep or args.work:
        print(f"Work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    for message in report.errors:
        print(f"\nERROR in {message}", file=sys.stderr)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
