"""MkDocs hook for `patient-site serve` only: live reload with no inline script.

MkDocs' own live reload injects an inline script into every page it serves, which a
Content-Security-Policy would have to allow with 'unsafe-inline' (and then any inline script
would run in the editor's browser). The preview's policy allows the site's own files only, as
the published one does, so that script is refused; `serve` names this file in `hooks:`, and
it adds one script file of ours to each page instead, which asks MkDocs' server (its
/livereload/ address) when the site was rebuilt and then reloads the page. A build never
loads this hook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

PREVIEW_CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"
RELOAD_SCRIPT = "assets/javascripts/preview-reload.js"
RELOAD_JS = """// patient-site serve: reload the page when the preview server has rebuilt the site.
(function () {
  var epoch = null;
  function poll() {
    var request = new XMLHttpRequest();
    request.onloadend = function () {
      var built = parseInt(request.responseText, 10);
      if (request.status !== 200 || isNaN(built)) return setTimeout(poll, 2000);
      if (epoch !== null && built > epoch) return location.reload();
      epoch = built;
      poll();
    };
    request.open("GET", "/livereload/" + (epoch === null ? 0 : epoch) + "/" + Date.now());
    request.send();
  }
  poll();
})();
"""


def on_config(config: Any) -> Any:
    config.extra["csp"] = PREVIEW_CSP
    return config


def on_post_page(output: str, page: Any, config: Any) -> str:
    return output.replace("</body>", f'<script src="/{RELOAD_SCRIPT}"></script></body>', 1)


def on_post_build(config: Any) -> None:
    script = Path(config["site_dir"]) / RELOAD_SCRIPT
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(RELOAD_JS, encoding="utf-8")
