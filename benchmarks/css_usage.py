"""How much of each stylesheet a page uses, measured in Chromium (a probe for RESULTS.md).

    python -m benchmarks.css_usage SITE_DIR PAGE [PAGE...]

Opens each page of a built site (served from 127.0.0.1) in a fresh browser context,
opens search and types a word, and reports, per stylesheet, the bytes of the rules
that matched something (Chrome DevTools Protocol rule-usage tracking). Only the
default 1280x720 viewport, light scheme and the states reached are seen: rules for
phones, dark mode, hover or print count as unused, so the used share is a lower bound.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .weight import CHROMIUM, CHROMIUM_ARGS, SEARCH_WORD, serving


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print(__doc__)
        return 2
    site, pages = Path(args[0]), args[1:]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, serving(site) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for path in pages:
                context = browser.new_context()
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                sheets: dict[str, tuple[str, int]] = {}

                def added(event: Any, sheets: dict[str, tuple[str, int]] = sheets) -> None:
                    header = event["header"]
                    if header.get("sourceURL"):
                        sheets[header["styleSheetId"]] = (header["sourceURL"], int(header["length"]))

                cdp.on("CSS.styleSheetAdded", added)
                for method in ("DOM.enable", "CSS.enable", "CSS.startRuleUsageTracking"):
                    cdp.send(method)
                page.goto(base + path, wait_until="networkidle")
                page.keyboard.press("/")
                page.keyboard.type(SEARCH_WORD)
                page.wait_for_timeout(1500)
                used: dict[str, int] = {}
                for rule in cdp.send("CSS.stopRuleUsageTracking")["ruleUsage"]:
                    if rule["used"]:
                        used[rule["styleSheetId"]] = (used.get(rule["styleSheetId"], 0)
                                                      + rule["endOffset"] - rule["startOffset"])
                for sheet_id, (url, length) in sorted(sheets.items(), key=lambda s: -s[1][1]):
                    share = used.get(sheet_id, 0)
                    print(f"{path}: {url.replace(base, '')} {length / 1e3:.1f} KB, rules used "
                          f"{share / 1e3:.1f} KB ({100 * share / max(length, 1):.0f}%)")
                context.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
