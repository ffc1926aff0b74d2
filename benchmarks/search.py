"""Search quality and speed, in Chromium, through the site's own search box.

    python -m benchmarks.search            # shipped content: top-1/top-3; 1,000 options: ms per key
    python -m benchmarks.search --against REV [OPTIONS]   # ms per key: site.js at REV vs now

Quality: every query of a language's relevance file (RELEVANCE: tests/search_relevance.yaml,
tests/search_relevance_es.yaml) is typed into the search box of that language's built site
(from file://); a hit is the expected page among the first one or three results. A language
whose file or site is missing is skipped, and the reason said.
Speed: on a synthetic pack of 1,000 options, with the CPU slowed 4x (CDP
Emulation.setCPUThrottlingRate), each query is typed one key at a time and the time from the
input event to the results being in the page is measured. Nothing here asserts on time.
On a shared machine the load changes from minute to minute: `--against` times site.js at a
git revision and the working tree's on the same built site, interleaved in one browser.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_relevance.yaml"
RELEVANCE = {"en": (QUERIES, ""),
             "es": (ROOT / "tests" / "search_relevance_es.yaml", "es")}
"""Each language's relevance file, and its site's folder in the built site (`site/es/`)."""
CHROMIUM = "/usr/bin/chromium"
KEYSTROKE_TARGET_MS = 50.0
THROTTLE = 4

# Types each query into the search box (as a reader would, an input event per change) and
# returns, per query, the first three result pages and the milliseconds each key took.
RUN_QUERIES = """async ([queries, perKey]) => {
  const box = document.querySelector('input.md-search__input');
  const rows = [];
  for (const query of queries) {
    const steps = perKey ? [...query].map((_, i) => query.slice(0, i + 1)) : [query];
    const times = [];
    for (const text of steps) {
      box.value = text;
      const start = performance.now();
      box.dispatchEvent(new Event('input'));
      times.push(performance.now() - start);
    }
    const top = [...document.querySelectorAll('.md-search-result__item')].slice(0, 3)
      .map(item => new URL(item.querySelector('a').href).pathname);
    rows.push({query, top, times});
  }
  return rows;
}"""


def load_queries(path: Path = QUERIES) -> list[dict[str, Any]]:
    """[{query, pages: [page, ...]}] from a relevance file."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [{"query": e["query"], "pages": [e["page"]] if isinstance(e["page"], str) else e["page"]}
            for e in entries]


def language_site(site: Path, language: str) -> tuple[Path, str | None]:
    """The built site of `language` within `site`, and why its relevance set cannot run there
    (None when it can): no relevance file, no queries in it, or no site of that language."""
    path, folder = RELEVANCE[language]
    where = site / folder if folder else site
    if not path.is_file():
        return where, f"no relevance file {path.relative_to(ROOT)}"
    if not load_queries(path):
        return where, f"no queries in {path.relative_to(ROOT)}"
    index = where / "index.html"
    if not index.is_file():
        return where, f"no {language} site: {index} is missing"
    if not re.search(rf"""<html\b[^>]*\blang=["']?{language}\b""", index.read_text("utf-8")):
        return where, f"{index} is not a page in {language} (<html lang>)"
    return where, None


def open_search(page: Any, word: str = "back") -> None:
    """Open search on `page` and wait until its index is loaded (`word` has results)."""
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill(word)
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)


def run_queries(page: Any, queries: list[str], per_key: bool = False) -> list[dict[str, Any]]:
    return page.evaluate(RUN_QUERIES, [queries, per_key])


def hit_rates(entries: list[dict[str, Any]], rows: list[dict[str, Any]]
              ) -> tuple[float, float, list[str]]:
    """(top-1 rate, top-3 rate, the queries missed in the top 3)."""
    first = three = 0
    missed = []
    for entry, row in zip(entries, rows, strict=True):
        found = [next((p for p in entry["pages"] if top.endswith("/" + p)), None)
                 for top in row["top"]]
        first += bool(found[:1] and found[0])
        if any(found):
            three += 1
        else:
            missed.append(f"{entry['query']!r} -> {row['top']}")
    return first / len(entries), three / len(entries), missed


def quality(browser: Any, site: Path, queries: Path = QUERIES) -> tuple[float, float, list[str]]:
    entries = load_queries(queries)
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    open_search(page, entries[0]["query"])
    rows = run_queries(page, [e["query"] for e in entries])
    page.close()
    return hit_rates(entries, rows)


def keystroke_ms(browser: Any, site: Path, queries: Path = QUERIES) -> tuple[float, float]:
    """(median, 95th percentile) milliseconds per key, CPU slowed THROTTLE times, typing the
    queries of a relevance file."""
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    open_search(page)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    rows = run_queries(page, [e["query"] for e in load_queries(queries)], per_key=True)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    page.close()
    times = sorted(t for row in rows for t in row["times"])
    return statistics.median(times), times[int(len(times) * 0.95)]


def build(project: Path) -> Path:
    """Build `project` without handouts: search reads pages, never PDFs."""
    subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", "build",
                    "--no-handouts", "--project", str(project)], check=True,
                   capture_output=True, cwd=ROOT)
    return project / "site"


def measure(options: int = 1000, per_language: bool = True
            ) -> tuple[list[str], float, float, float, float]:
    """Markdown lines, top-1 and top-3 rates of the English set on the shipped content, and
    the median and 95th percentile milliseconds per key at `options` options; with
    `per_language`, also per key on each language's shipped site."""
    from playwright.sync_api import sync_playwright

    from .run import shipped_project
    from .synthetic import write_pack

    with tempfile.TemporaryDirectory(prefix="patient-site-search-") as work, sync_playwright() as p:
        shipped = build(shipped_project(Path(work) / "shipped"))
        synthetic = build(write_pack(Path(work) / "synthetic", options))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        lines: list[str] = []
        top1 = top3 = 0.0  # of the English set, which the shipped content always has
        try:
            for language, (queries, _) in RELEVANCE.items():
                where, skipped = language_site(shipped, language)
                name = queries.relative_to(ROOT)
                if skipped:
                    lines.append(f"- Relevance ({language}): skipped, {skipped}")
                    continue
                rates = quality(browser, where, queries)
                lines.append(f"- Relevance ({len(load_queries(queries))} queries of {name}, "
                             f"shipped content): top-1 {rates[0]:.0%}, top-3 {rates[1]:.0%}")
                lines += [f"  - missed: {m}" for m in rates[2]]
                at_shipped = keystroke_ms(browser, where, queries) if per_language else None
                if at_shipped:
                    lines.append(f"- Time per key on the shipped {language} site, its queries, "
                                 f"CPU slowed {THROTTLE}x: median {at_shipped[0]:.1f} ms, 95th "
                                 f"percentile {at_shipped[1]:.1f} ms")
                if language == "en":
                    top1, top3 = rates[0], rates[1]
            median, p95 = keystroke_ms(browser, synthetic)
        finally:
            browser.close()
    lines.append(f"- Time per key at {options:,} options, CPU slowed {THROTTLE}x: median "
                 f"{median:.1f} ms, 95th percentile {p95:.1f} ms")
    return lines, top1, top3, median, p95


SITE_JS = "overrides/assets/javascripts/site.js"


def compare(revision: str, options: int = 1000, rounds: int = 3) -> list[str]:
    """Median and 95th percentile ms per key of site.js at git `revision` and of the working
    tree's, on one synthetic site of `options` options, taking turns `rounds` times."""
    from playwright.sync_api import sync_playwright

    from .synthetic import write_pack

    old_script = subprocess.run(["git", "show", f"{revision}:{SITE_JS}"], check=True,
                                capture_output=True, cwd=ROOT).stdout
    with tempfile.TemporaryDirectory(prefix="patient-site-search-") as work, sync_playwright() as p:
        site = build(write_pack(Path(work) / "synthetic", options))
        (site / "assets" / "javascripts" / "site.js").write_bytes((ROOT / SITE_JS).read_bytes())
        old_site = Path(work) / "old-site"
        shutil.copytree(site, old_site)
        (old_site / "assets" / "javascripts" / "site.js").write_bytes(old_script)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        lines = []
        try:
            for turn in range(rounds):
                for name, folder in ((revision, old_site), ("working tree", site)):
                    median, p95 = keystroke_ms(browser, folder)
                    lines.append(f"- round {turn + 1}, site.js of {name}: median {median:.1f} ms, "
                                 f"95th percentile {p95:.1f} ms")
        finally:
            browser.close()
    return lines


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--against":
        print("\n".join(compare(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1000)))
    else:
        print("\n".join(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)[0]))
