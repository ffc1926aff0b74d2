"""MkDocs hook for `patient-site serve` only: the preview's Content-Security-Policy.

MkDocs' live reload injects an inline script into every page it serves, which the published
policy (overrides/main.html) blocks. `serve` names this file in `hooks:` for the preview; a
build never loads it, so the published policy cannot be loosened from outside content.
"""

from __future__ import annotations

from typing import Any

PREVIEW_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; img-src 'self' data:"


def on_config(config: Any) -> Any:
    config.extra["csp"] = PREVIEW_CSP
    return config
