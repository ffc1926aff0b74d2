"""What-if timings behind the optimisation proposals in RESULTS.md.

    python -m benchmarks.experiments [--options 100] [--runs 3]

Renders a synthetic pack once, then times a plain `mkdocs build` (fresh process,
median of --runs, variants interleaved) of changed copies of the rendered folder:
the glossary tooltip definitions written differently, or Material's navigation
pruned. It also times parsing the content YAML with PyYAML's pure-Python parser
against libyaml. Nothing in generator/ is changed: each variant edits a copy of the
rendered Markdown the way a changed template would.

The figures in RESULTS.md were taken before pages defined only the glossary terms they use
and before `navigation.prune` was turned on (256e54a, 18834d1); on the current code those
variants change nothing, and the comparison shows what those changes bought.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from .run import MKDOCS, PATIENT_SITE, measure, read_config, require_success, run_ok
from .synthetic import write_pack

DEFINITION_RE = re.compile(r"^\*\[(?P<term>[^\]]+)\]: (?P<definition>.*)$", re.MULTILINE)


def _split(markdown: str) -> tuple[str, list[tuple[str, str]]]:
    """A page without its tooltip definitions, and the definitions (term, text)."""
    definitions = [(m.group("term"), m.group("definition")) for m in DEFINITION_RE.finditer(markdown)]
    body = DEFINITION_RE.sub("", markdown).rstrip() + "\n"
    return body, definitions


def _definitions(pairs: list[tuple[str, str]], joined: bool) -> str:
    lines = [f"*[{term}]: {text}" for term, text in pairs]
    return ("\n" + "\n".join(lines) + "\n") if joined else "".join(f"\n{line}\n" for line in lines)


def as_rendered(markdown: str) -> str:
    return markdown


def one_block(markdown: str) -> str:
    """All definitions in one block (no blank lines between them)."""
    body, pairs = _split(markdown)
    return body + _definitions(pairs, joined=True)


def used_terms_only(markdown: str) -> str:
    """Only the definitions of terms that occur in the page's text, in one block."""
    body, pairs = _split(markdown)
    if not pairs:
        return markdown
    text = re.sub(r"\A---\n.*?\n---\n", "", body, flags=re.DOTALL)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t, _ in
                                             sorted(pairs, key=lambda p: -len(p[0]))) + r")\b")
    used = set(pattern.findall(text))
    return body + _definitions([p for p in pairs if p[0] in used], joined=True)


def no_tooltips(markdown: str) -> str:
    """No definitions at all: the lower bound."""
    return _split(markdown)[0]


def _edit_config(project: Path, change: Callable[[dict], None]) -> None:
    config_file = project / "mkdocs.yml"
    config = read_config(config_file)
    change(config)
    config_file.write_text(yaml.safe_dump(config, sort_keys=False))


def glossary_in_config(project: Path, glossary: dict[str, str]) -> None:
    """Definitions once, in mkdocs.yml (the abbr extension's `glossary` option)."""

    def change(config: dict) -> None:
        config["markdown_extensions"] = [
            {"abbr": {"glossary": glossary}} if item == "abbr" else item
            for item in config["markdown_extensions"]]

    _edit_config(project, change)


def prune_navigation(project: Path) -> None:
    """Material's `navigation.prune`: each page carries only its part of the navigation."""
    def change(config: dict) -> None:
        if "navigation.prune" not in config["theme"]["features"]:
            config["theme"]["features"].append("navigation.prune")

    _edit_config(project, change)


VARIANTS: dict[str, tuple[Callable[[str], str], str | None]] = {
    "as rendered": (as_rendered, None),
    "only the terms used on the page": (used_terms_only, None),
    "glossary once in mkdocs.yml (abbr `glossary` option)": (no_tooltips, "glossary"),
    "no tooltips (lower bound)": (no_tooltips, None),
    "navigation.prune": (as_rendered, "prune"),
    "navigation.prune + only the terms used": (used_terms_only, "prune"),
}


SLOW_VARIANTS: dict[str, tuple[Callable[[str], str], str | None]] = {
    "definitions in one block": (one_block, None),
}
"""Run only with --all: Python-Markdown's abbr block processor re-queues the rest of a block
after each definition, so one block of hundreds of definitions is parsed in quadratic time."""


def make_variant(rendered: Path, destination: Path, page: Callable[[str], str],
                 config: str | None) -> Path:
    shutil.copytree(rendered, destination)
    glossary: dict[str, str] = {}
    for path in (destination / "rendered" / "docs").rglob("*.md"):
        markdown = path.read_text(encoding="utf-8")
        glossary.update(_split(markdown)[1])
        path.write_text(page(markdown), encoding="utf-8")
    if config == "glossary":
        glossary_in_config(destination, glossary)
    elif config == "prune":
        prune_navigation(destination)
    return destination


def yaml_parse_times(content: Path) -> tuple[float, float]:
    """Seconds to compose every content file with the pure-Python parser and with libyaml."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(content.rglob("*.yaml"))]
    results = []
    for loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        started = time.perf_counter()
        for text in texts:
            yaml.compose(text, Loader=loader)
        results.append(time.perf_counter() - started)
    return results[0], results[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--options", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--all", action="store_true",
                        help="also the slow variants (minutes per build at 100 options)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="patient-site-experiments-"))
    project = write_pack(work / "pack", args.options)
    run_ok([*PATIENT_SITE, "render", "--project", str(project)], project, "render")
    base = work / "base"
    shutil.copytree(project, base, ignore=shutil.ignore_patterns("content"))
    chosen = VARIANTS | (SLOW_VARIANTS if args.all else {})
    variants = {name: make_variant(base, work / f"variant-{i}", page, config)
                for i, (name, (page, config)) in enumerate(chosen.items())}
    times: dict[str, list[float]] = {name: [] for name in variants}
    sizes: dict[str, int] = {}
    for _ in range(args.runs):
        for name, folder in variants.items():
            shutil.rmtree(folder / "site", ignore_errors=True)
            log = folder / "build.log"
            sample = require_success(measure([*MKDOCS, "build", "--quiet", "--config-file",
                                              str(folder / "mkdocs.yml")], folder, log),
                                     f"mkdocs build ({name})", log)
            times[name].append(sample.seconds)
            sizes[name] = sum(p.stat().st_size for p in (folder / "site").rglob("*.html"))
    print(f"Plain `mkdocs build` of the rendered {args.options}-option pack, median of "
          f"{args.runs} (fresh process each):\n")
    print("| Variant | Build time | vs as rendered | HTML bytes |")
    print("|---|---:|---:|---:|")
    reference = statistics.median(times["as rendered"])
    for name in variants:
        value = statistics.median(times[name])
        print(f"| {name} | {value:.2f} s | {value / reference:.2f} | {sizes[name] / 1e6:,.1f} MB |")
    pure, fast = yaml_parse_times(project / "content")
    print(f"\nComposing every content YAML file: pure-Python parser {pure:.2f} s, "
          f"libyaml (CSafeLoader) {fast:.2f} s ({pure / fast:.1f}x faster).")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
