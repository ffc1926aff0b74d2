"""Page weight: the bytes a first visit to one page transfers, opened in Chromium.

    python -m benchmarks.weight --pages PAGES.json --out RESULT.json

PAGES.json is a list of {"type", "site", "path"}: a built site folder and a page
path inside it. Each site is served by a local `http.server` on 127.0.0.1; each
page is opened in a fresh browser context (empty cache, so a first visit), every
request that is not to 127.0.0.1 is blocked and recorded, and the body of every
response that loaded is counted (uncompressed; gzip size alongside). Then search
is opened (a click in the header's search box) and a word typed; whatever that loads (the search index,
if the page did not load it already) is added.

Uses Debian's Chromium at /usr/bin/chromium; never downloads a browser.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
KINDS = ("html", "css", "js", "fonts", "images", "search", "other")
SEARCH_WORD = "pain"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free 127.0.0.1 port; yields the base address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def kind_of(url: str, content_type: str) -> str:
    path = urlparse(url).path.lower()
    content_type = content_type.lower()
    if "search_index" in path:
        return "search"
    if "text/html" in content_type or path.endswith((".html", "/")):
        return "html"
    if "css" in content_type or path.endswith(".css"):
        return "css"
    if "javascript" in content_type or path.endswith((".js", ".mjs")):
        return "js"
    if content_type.startswith("font/") or path.endswith((".woff", ".woff2", ".ttf", ".otf")):
        return "fonts"
    if content_type.startswith("image/") or path.endswith((".png", ".svg", ".ico", ".jpg", ".webp")):
        return "images"
    return "other"


def _tally(responses: list[Any]) -> tuple[dict[str, int], dict[str, int], list[tuple[str, int]]]:
    raw = dict.fromkeys(KINDS, 0)
    packed = dict.fromkeys(KINDS, 0)
    files = []
    for response in responses:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            continue
        kind = kind_of(response.url, response.headers.get("content-type", ""))
        raw[kind] += len(body)
        packed[kind] += len(gzip.compress(body, 9))
        files.append((urlparse(response.url).path, len(body)))
    return raw, packed, files


def weigh(browser: Any, url: str) -> dict[str, Any]:
    """Open `url` as a first visit, then open search; count what loaded."""
    context = browser.new_context()
    blocked: list[str] = []

    def route(route: Any) -> None:
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    responses: list[Any] = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    at_load = len(responses)
    search_results = None
    try:
        page.click("input.md-search__input")  # the header's search box, in both sites
        page.keyboard.type(SEARCH_WORD)
        page.wait_for_selector(".md-search-result__meta", timeout=15_000)
        page.wait_for_load_state("networkidle")
        search_results = page.inner_text(".md-search-result__meta")
    except Exception as error:  # report, do not crash the whole table
        search_results = f"search did not open: {error}"
    load_raw, load_gz, load_urls = _tally(responses[:at_load])
    more_raw, more_gz, more_urls = _tally(responses[at_load:])
    context.close()
    raw = {k: load_raw[k] + more_raw[k] for k in KINDS}
    packed = {k: load_gz[k] + more_gz[k] for k in KINDS}
    return {
        "url": url, "bytes": raw, "gzip_bytes": packed,
        "total": sum(raw.values()), "total_gzip": sum(packed.values()),
        "bytes_before_search": sum(load_raw.values()), "bytes_on_search": sum(more_raw.values()),
        "search_index_at_load": load_raw["search"] > 0,
        "files": load_urls + more_urls, "blocked": blocked, "search_results": search_results,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Page weight of pages opened in Chromium.")
    parser.add_argument("--pages", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    pages = json.loads(args.pages.read_text())
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for site in dict.fromkeys(p["site"] for p in pages):
                with serving(Path(site)) as base:
                    for page in (p for p in pages if p["site"] == site):
                        results.append(page | weigh(browser, base + page["path"]))
        finally:
            browser.close()
    args.out.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
