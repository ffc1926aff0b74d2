"""Where the time of one `patient-site build` goes, stage by stage: the overhead budget's profile.

    python -m benchmarks.stages               # the shipped content, 5 cold builds
    python -m benchmarks.stages --options 100 # a synthetic pack
    python -m benchmarks.stages --runs 9

Each run is a fresh process that times the stages of `generator.build.build` through their
public functions, on a copy of the project (the handouts left out, as in the overhead
section): importing MkDocs, then our code (what both import counts as MkDocs'), loading
and validating every language, rendering each language, writing `rendered/`, then MkDocs and
the final page check of each language. Medians over the runs; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def once(project: Path) -> dict[str, float]:
    """Seconds of each stage of one cold build of `project` (run in a fresh process)."""
    times: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[name] = times.get(name, 0.0) + now - clock
        clock = now

    import material.plugins.search.plugin  # noqa: F401  (what mkdocs.yml loads)
    import mkdocs.commands.build  # noqa: F401
    lap("import MkDocs (plain too)")
    from generator.build import render_language
    from generator.content.validate import load_content
    from generator.render.environment import make_environment
    from generator.render.render import RENDERED_DIR, write_folder
    from generator.site.finish import finish_site
    from generator.site.mkdocs import run_mkdocs
    lap("import our code")
    validated = load_content(project)
    lap("load and validate")
    env = make_environment(project)
    files: dict[str, bytes] = {}
    sites = []
    for content in [validated.content, *validated.translations.values()]:
        language = render_language(content, project, env, handouts=False)
        files |= language.files
        sites.append(language.site)
        lap(f"render {content.language}")
    write_folder(files, project / RENDERED_DIR)
    lap("write rendered/")
    scratch = Path(tempfile.mkdtemp(prefix="stages-site-"))
    for site in sites:
        run_mkdocs(site.config_path(project), scratch / site.folder)
        lap(f"MkDocs {site.language} (plain too)")
        finish_site(scratch / site.folder, site.sources())
        lap(f"check pages {site.language}")
    return times


def main(argv: list[str] | None = None) -> int:
    from .run import clean, pack

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--options", type=int, default=None,
                        help="a synthetic pack of this many options (default: the shipped content)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--once", type=Path, help=argparse.SUPPRESS)  # one run, in this process
    args = parser.parse_args(argv)
    if args.once:
        print(json.dumps(once(args.once)))
        return 0
    work = Path(tempfile.mkdtemp(prefix="patient-site-stages-"))
    project = pack(work / "project", args.options)
    runs = []
    for _ in range(args.runs):
        clean(project / "rendered")
        result = subprocess.run([sys.executable, "-m", "benchmarks.stages", "--once", str(project)],
                                capture_output=True, text=True, check=True)
        runs.append(json.loads(result.stdout.splitlines()[-1]))
    clean(work)
    label = f"{args.options} options" if args.options else "the shipped content"
    print(f"Stages of one cold build of {label}, median of {args.runs} fresh processes:\n")
    print("| Stage | Seconds |\n|---|---:|")
    ours = 0.0
    for stage in runs[0]:
        seconds = statistics.median(run[stage] for run in runs)
        ours += 0 if "(plain too)" in stage else seconds
        print(f"| {stage} | {seconds:.3f} |")
    print(f"| **ours (the stages MkDocs alone would not run)** | **{ours:.3f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
