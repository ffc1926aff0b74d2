"""The benchmark suite: generator overhead, scale and preview latency, against plain MkDocs.

    python -m benchmarks.run            # full run (a few minutes on 2 cores)
    python -m benchmarks.run --write    # full run, then update benchmarks/RESULTS.md
    python -m benchmarks.run --quick    # tiny sizes, one run each (smoke test)

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

OVERHEAD_TARGET = 1.30
SCALE_TARGET = 1.10
PREVIEW_SECONDS_TARGET = 1.0
HANDOUTS_TARGET = 3.0
LANGUAGES_TARGET = 2.2
"""A build in two languages at most this times the build in one (issue 18)."""
"""A build with handouts, from an empty cache, at most this times the build without."""
"""Largest size's build time at most this times (size ratio) the next size's time."""
MEMORY_TARGET_KIB = 1024 * 1024
"""350 KB, counted as 350,000 bytes."""


@dataclass(frozen=True)
class Plan:
    """What one run measures, and how many times."""

    overhead: list[tuple[str, int | None, int]]
    """(label, synthetic size or None for the shipped content, runs)."""
    scale: dict[int, int]
    """Synthetic size -> runs of build and of check."""
    preview: list[tuple[int, int]]
    """(synthetic size, runs) of the preview comparison."""
    preview_watch: float
    """Seconds the preview's output is watched after a save, to count its re-renders."""
    one_category: list[int]
    """Synthetic sizes built with every option in one category (one run each)."""
    search: int
    """Synthetic size at which search's time per key is measured."""
    handouts: list[tuple[str, int | None, int]]
    """(label, synthetic size or None for the shipped content, runs) of the handouts' cost."""
    languages: list[int]
    """Runs of the shipped content's build in all its languages against its main one."""


FULL = Plan(overhead=[("shipped content", None, 7), ("100 options", 100, 5)],
            scale={10: 5, 100: 5, 1000: 3}, preview=[(100, 5), (1000, 3)], preview_watch=3.0,
            one_category=[100, 1000, 5000], search=1000,
            handouts=[("shipped content", None, 5)], languages=[5])
QUICK = Plan(overhead=[("10 options", 10, 1)], scale={5: 1, 10: 1}, preview=[(10, 1)],
             preview_watch=0.5,
             one_category=[5, 10], search=10, handouts=[("5 options", 5, 1)], languages=[1])
ONE_CATEGORY_SECONDS = 300
ONE_CATEGORY_MEMORY_KIB = 2 * 1024 * 1024
PAGE_GROWTH_TARGET = 1.2


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
    run_ok([*PATIENT_SITE, "render", "--no-handouts", "--project", str(destination)], destination,
           f"patient-site render of {project.name}")
    return destination


def build_command(project: Path, handouts: bool = False) -> list[str]:
    """`patient-site build`; the overhead and scale sections leave the handouts out (they
    compare with MkDocs, which makes none): the handouts section measures them."""
    return [*PATIENT_SITE, "build", "--project", str(project),
            "--handouts" if handouts else "--no-handouts"]


PLAIN_BUILD = """
import glob, logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.getLogger("mkdocs").setLevel(logging.ERROR)
for config in ["mkdocs.yml", *sorted(glob.glob("rendered/*/mkdocs.yml"))]:
    build(load_config(config_file=config))
"""
"""`mkdocs build` of every language's config (the main one, then each translation's
`rendered/<code>/mkdocs.yml`), in one process as `patient-site build` does."""


def plain_build_command(project: Path) -> list[str]:
    return [sys.executable, "-c", PLAIN_BUILD]


def without_translations(project: Path) -> Path:
    """The same project built in its main language only."""
    site = project / "content" / "site.yaml"
    data = yaml.safe_load(site.read_text())
    for code in data.get("translations") or []:
        clean(project / "content" / code)
    site.write_text("\n".join(line for line in site.read_text().splitlines()
                               if not line.startswith("translations:")) + "\n")
    return project


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


# --- sections ---------------------------------------------------------------------------


def compare_builds(ours: Path, other: Path, runs: int,
                   plain: bool = True) -> tuple[list[float], list[float]]:
    """Seconds of `patient-site build` on `ours` and `mkdocs build` on `other` (or, without
    `plain`, `patient-site build` on `other`), interleaved, after one warm-up of each (file
    cache, bytecode)."""
    logs = ours.parent

    def build_ours() -> float:
        clean(ours / "rendered", ours / "site")
        log = logs / "ours.log"
        return require_success(measure(build_command(ours), ours, log),
                               "patient-site build", log).seconds

    def build_plain() -> float:
        if not plain:
            clean(other / "rendered", other / "site")
            log = logs / "other.log"
            return require_success(measure(build_command(other), other, log),
                                   "patient-site build", log).seconds
        clean(other / "site")
        log = logs / "plain.log"
        return require_success(measure(plain_build_command(other), other, log),
                               "mkdocs build", log).seconds

    if runs > 1:  # one run (the smoke test's) is not a measure worth warming up for
        build_ours()
        build_plain()
    mine: list[float] = []
    theirs: list[float] = []
    for run in range(runs):
        if run % 2 == 0:
            mine.append(build_ours())
            theirs.append(build_plain())
        else:
            theirs.append(build_plain())
            mine.append(build_ours())
    return mine, theirs


def overhead_section(report: Report, plan: Plan, work: Path) -> None:
    report.out("## Generator overhead")
    report.out()
    report.out("`patient-site build` (validate, render, MkDocs) against `mkdocs build` of the same "
               "pages already rendered to Markdown (same mkdocs.yml, theme and plugins). Before "
               "each run of ours `rendered/` and `site/` are deleted (a full build); runs are "
               "interleaved, after one warm-up run of each; medians.")
    report.out()
    report.out("| Content | Pages | Runs | patient-site build | plain mkdocs build | Ratio | Target |")
    report.out("|---|---:|---:|---:|---:|---:|---|")
    for label, size, runs in plan.overhead:
        try:
            ours = pack(work / f"overhead-{size or 'shipped'}" / "ours", size)
            plain = rendered_copy(ours, ours.parent / "plain")
        except MeasurementError as error:
            report.out(f"| {label} | | | not measured | | | FAIL |")
            report.errors.append(f"overhead, {label}: {error}")
            report.target(f"Overhead, {label}", "content does not render",
                          f"<= {OVERHEAD_TARGET:.2f}", False)
            continue
        mine, theirs = compare_builds(ours, plain, runs)
        pages = len(list((plain / "rendered").rglob("*.md")))  # every language
        a, b = median(mine), median(theirs)
        ratio = a / b
        report.out(f"| {label} | {pages} | {runs} | {a:.2f} s | {b:.2f} s | {ratio:.3f} | "
                   f"<= {OVERHEAD_TARGET:.2f} {'PASS' if ratio <= OVERHEAD_TARGET else 'FAIL'} |")
        report.target(f"Overhead, {label}: build / plain mkdocs build", f"{ratio:.3f}",
                      f"<= {OVERHEAD_TARGET:.2f}", ratio <= OVERHEAD_TARGET)
    report.out()


def scale_section(report: Report, plan: Plan, work: Path) -> None:
    report.out("## Scale")
    report.out()
    report.out("Synthetic packs (`benchmarks/synthetic.py`): per option about 3 glossary terms, "
               "0.6 questions and 0.5 tips; one pathway (6 questions, 8 outcomes) per 25 options; "
               "one comparison table of 5 options per 10 options. Full `patient-site build` "
               "(rendered/ and site/ deleted first), interleaved across sizes; median time, "
               "highest peak memory (max RSS) over the runs.")
    report.out()
    sizes = sorted(plan.scale)
    projects = {n: write_pack(work / f"scale-{n}", n) for n in sizes}
    builds: dict[int, list[Sample]] = {n: [] for n in sizes}
    for run in range(max(plan.scale.values())):
        for n in sizes:
            if run >= plan.scale[n]:
                continue
            project = projects[n]
            clean(project / "rendered", project / "site")
            log = project / "build.log"
            builds[n].append(require_success(measure(build_command(project), project, log),
                                             f"patient-site build ({n} options)", log))
    report.out("| Options | Pages | Rendered Markdown | Site | Runs | Build time | Build peak memory |")
    report.out("|---:|---:|---:|---:|---:|---:|---:|")
    build_time = {n: median([s.seconds for s in builds[n]]) for n in sizes}
    build_rss = {n: max(s.rss_kib for s in builds[n]) for n in sizes}
    for n in sizes:
        project = projects[n]
        pages = len(list((project / "rendered" / "docs").rglob("*.md")))
        report.out(f"| {n:,} | {pages:,} | {folder_bytes(project / 'rendered') / 1e6:,.1f} MB | "
                   f"{folder_bytes(project / 'site') / 1e6:,.1f} MB | {len(builds[n])} | "
                   f"{build_time[n]:.2f} s | {mib(build_rss[n])} |")
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
    report.out()


def one_category_section(report: Report, plan: Plan, work: Path) -> None:
    report.out("## One category")
    report.out()
    report.out("Synthetic packs with every option in the same category, the navigation's worst "
               "case: every page carries its section of the navigation. One full build each "
               "(`patient-site build`, rendered/ and site/ deleted first); the average size of "
               "all built HTML pages.")
    report.out()
    report.out("| Options | Pages | Build time | Peak memory | Average page |")
    report.out("|---:|---:|---:|---:|---:|")
    average: dict[int, float] = {}
    sample: dict[int, Sample] = {}
    for n in plan.one_category:
        project = write_pack(work / f"one-{n}", n, one_category=True)
        log = project / "build.log"
        sample[n] = require_success(measure(build_command(project), project, log),
                                    f"patient-site build ({n} options, one category)", log)
        pages = list((project / "site").rglob("*.html"))
        average[n] = sum(p.stat().st_size for p in pages) / len(pages)
        report.out(f"| {n:,} | {len(pages):,} | {sample[n].seconds:.1f} s | "
                   f"{mib(sample[n].rss_kib)} | {average[n] / 1e3:.1f} KB |")
        clean(project / "site", project / "rendered")
    report.out()
    small, large = plan.one_category[0], plan.one_category[-1]
    growth = average[large] / average[small]
    report.target(f"One category: build time at {large:,} options", f"{sample[large].seconds:.0f} s",
                  f"< {ONE_CATEGORY_SECONDS} s", sample[large].seconds < ONE_CATEGORY_SECONDS)
    report.target(f"One category: peak memory at {large:,} options", mib(sample[large].rss_kib),
                  "< 2,048 MiB", sample[large].rss_kib < ONE_CATEGORY_MEMORY_KIB)
    report.target(f"One category: average page at {large:,} / {small:,} options",
                  f"{growth:.2f}", f"<= {PAGE_GROWTH_TARGET:.1f}", growth <= PAGE_GROWTH_TARGET)


def preview_section(report: Report, plan: Plan, work: Path) -> None:
    report.out("## Preview")
    report.out()
    for n, runs in plan.preview:
        _preview(report, n, runs, plan.preview_watch, work)


def search_section(report: Report, plan: Plan, work: Path) -> None:
    """Search relevance and time per key (benchmarks/search.py), in Chromium."""
    from . import search

    report.out("## Search")
    report.out()
    lines, top1, top3, median, p95 = search.measure(plan.search, per_language=plan.search >= 100)
    for line in lines:
        report.out(line)
    report.target("Search: patient queries with their page in the top 3", f"{top3:.0%}",
                  ">= 95%", top3 >= 0.95)
    report.target("Search: patient queries with their page first", f"{top1:.0%}", "-", None)
    # the target is for every key a reader types: read as the 95th percentile, not the median
    report.target(f"Search: time per key (95th percentile), {plan.search:,} options, "
                  f"CPU / {search.THROTTLE}", f"{p95:.1f} ms (median {median:.1f} ms)",
                  f"< {search.KEYSTROKE_TARGET_MS:.0f} ms", p95 < search.KEYSTROKE_TARGET_MS)
    report.out()


def _preview(report: Report, n: int, runs: int, watch: float, work: Path) -> None:
    report.out(f"### {n:,} options")
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
    times = preview.measure_latency(servers, summary, option_title(0), runs,
                                    child_env(), limit=600, watch=watch)
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
    report.out(f"- After one save, within the time to serve it plus {watch:g} s: `patient-site serve` "
               f"re-rendered the content {', '.join(map(str, rerenders))} times (per run; once "
               f"is expected); plain `mkdocs serve` rebuilt {', '.join(map(str, rebuilds))} times.")
    if len(medians) == 2 and not any(None in t.seconds for t in times.values()):
        served, ratio = medians["patient-site"], medians["patient-site"] / medians["mkdocs"]
        report.out(f"- Ratio ours / plain: {ratio:.2f}")
        report.target(f"Preview at {n:,} options: save-to-served, ours / plain mkdocs serve",
                      f"{served:.2f} s / {medians['mkdocs']:.2f} s = {ratio:.2f}", "<= 1.00",
                      ratio <= 1)
        if n <= 100:
            report.target(f"Preview at {n:,} options: save-to-served", f"{served:.2f} s",
                          f"<= {PREVIEW_SECONDS_TARGET:.1f} s", served <= PREVIEW_SECONDS_TARGET)
    else:
        report.target(f"Preview at {n:,} options", "an edit was not served in time", "<= 1.00",
                      False)
    report.out()


def handouts_section(report: Report, plan: Plan, work: Path) -> None:
    report.out("## Handouts")
    report.out()
    report.out("`patient-site build` with the printable PDF handouts, from an empty handout cache "
               "and from a warm one (nothing changed: `rendered/handouts-cache/` kept), against "
               "the same build with `--no-handouts`. `site/` and the rest of `rendered/` are "
               "deleted before each run; runs are interleaved, after one warm-up of each; "
               "medians.")
    report.out()
    report.out("| Content | Handouts | Runs | no handouts | empty cache | warm cache | "
               "Empty / none | Target |")
    report.out("|---|---:|---:|---:|---:|---:|---:|---|")
    for label, size, runs in plan.handouts:
        project = pack(work / f"handouts-{size or 'shipped'}", size)
        log = project.parent / "handouts.log"

        def build(handouts: bool, cache: bool, project: Path = project, log: Path = log) -> float:
            clean(project / "site")
            rendered = project / "rendered"  # the handout cache is rendered/handouts-cache/:
            for path in rendered.iterdir() if rendered.is_dir() else []:  # kept only when warm
                if not (cache and path.name == "handouts-cache"):
                    clean(path) if path.is_dir() else path.unlink()
            return require_success(measure(build_command(project, handouts), project, log),
                                   "patient-site build", log).seconds

        kinds = [(False, True), (True, False), (True, True)]  # none, empty cache, warm cache
        if runs > 1:  # as in compare_builds: one run is not a measure worth warming up for
            for handouts, cache in kinds:
                build(handouts, cache)
        times: dict[tuple[bool, bool], list[float]] = {kind: [] for kind in kinds}
        for run in range(runs):
            for kind in kinds if run % 2 == 0 else kinds[::-1]:
                times[kind].append(build(*kind))
        none, empty, warm = (median(times[kind]) for kind in kinds)
        made = len(list((project / "site" / "handouts").rglob("*.pdf")))
        ratio = empty / none
        verdict = "PASS" if ratio <= HANDOUTS_TARGET else "FAIL"
        report.out(f"| {label} | {made} | {runs} | {none:.2f} s | {empty:.2f} s | {warm:.2f} s | "
                   f"{ratio:.2f} | <= {HANDOUTS_TARGET:.2f} {verdict} |")
        report.target(f"Handouts, {label}: build from an empty cache / build without",
                      f"{ratio:.2f}", f"<= {HANDOUTS_TARGET:.2f}", ratio <= HANDOUTS_TARGET)
    report.out()


def languages_section(report: Report, plan: Plan, work: Path) -> None:
    report.out("## Languages")
    report.out()
    report.out("`patient-site build` of the shipped content in all its languages against the same "
               "content in its main language only (translations removed). `rendered/` and "
               "`site/` are deleted before each run; runs are interleaved, after one warm-up of "
               "each; medians.")
    report.out()
    report.out("| Languages | Pages | Runs | main language only | all languages | Ratio | Target |")
    report.out("|---|---:|---:|---:|---:|---:|---|")
    for runs in plan.languages:
        every = shipped_project(work / "all")
        one = without_translations(shipped_project(work / "one"))
        codes = ["en", *(yaml.safe_load((every / "content" / "site.yaml").read_text())
                         .get("translations") or [])]
        mine, theirs = compare_builds(every, one, runs, plain=False)
        pages = len(list((every / "site").rglob("*.html")))
        a, b = median(mine), median(theirs)
        ratio = a / b
        target = LANGUAGES_TARGET if len(codes) == 2 else LANGUAGES_TARGET + 1.1 * (len(codes) - 2)
        report.out(f"| {', '.join(codes)} | {pages} | {runs} | {b:.2f} s | {a:.2f} s | "
                   f"{ratio:.2f} | <= {target:.2f} {'PASS' if ratio <= target else 'FAIL'} |")
        report.target(f"Languages: build of {len(codes)} / build of 1", f"{ratio:.2f}",
                      f"<= {target:.2f}", ratio <= target)
    report.out()


SECTIONS: dict[str, Callable[[Report, Plan, Path], None]] = {
    "overhead": overhead_section,
    "scale": scale_section,
    "one-category": one_category_section,
    "preview": preview_section,
    "search": search_section,
    "handouts": handouts_section,
    "languages": languages_section,
}
HEADERS = {"overhead": "## Generator overhead", "scale": "## Scale", "preview": "## Preview",
           "one-category": "## One category", "search": "## Search", "handouts": "## Handouts",
           "languages": "## Languages"}


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
                        help="tiny sizes, one run each (the smoke test)")
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
