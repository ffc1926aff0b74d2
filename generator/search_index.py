"""The search index as one small script, for the site's own search (overrides/assets/javascripts/site.js).

Material's search plugin writes `search/search_index.json`: every page and every headed
section, as HTML, for Material's search worker. This site searches with its own short script
instead of that worker (and Material's 114 KB bundle), and loads the index as a script: a page
opened from a USB stick (file://) may run a script beside it, but not fetch a file.

`SearchScript`, an MkDocs plugin listed after `search` in mkdocs.yml, runs on every build and
every preview rebuild and replaces that file by `search/search_index.js`:

    var __patient_search_index = {"lang": ["en"], "pages": [
      [location, title, text, [[anchor, title, text], ...]], ...]}

- text is plain: tags dropped, entities decoded; the blocks of a section (paragraphs, list
  items) are separated by a newline. (Material's index keeps only p, lists, pre, code, sub and
  sup of a page's HTML, so a table or a glossary arrives as one block of its words; other
  block and cell tags are handled all the same, for any index that keeps them);
- a section that only repeats its page's title and has no text is left out: Material makes one
  for a heading inside a block kept out of search, and it finds nothing its page does not.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority

SCRIPT_VARIABLE = "__patient_search_index"
BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|tr|table|thead|tbody|div|dl|dt|dd|br|blockquote"
                       r"|details|summary|figure|figcaption|pre|hr)\b[^>]*>", re.IGNORECASE)
CELL_TAG = re.compile(r"</?t[hd]\b[^>]*>", re.IGNORECASE)
ANY_TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"[ \t\r\f\v]+")
BLANK_LINES = re.compile(r" ?\n[ \n]*")


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment from the index: blocks on their own lines, no tags."""
    text = ANY_TAG.sub("", BLOCK_TAG.sub("\n", CELL_TAG.sub(" ", fragment)))
    text = SPACES.sub(" ", html.unescape(text).replace("\u00a0", " "))
    return BLANK_LINES.sub("\n", text).strip()


def compact_index(index: dict[str, Any]) -> dict[str, Any]:
    """Material's index ({config, docs}) as pages, each holding its sections."""
    pages: dict[str, list[Any]] = {}  # in the order of their first entry
    for doc in index["docs"]:
        location, _, anchor = doc["location"].partition("#")
        title, text = plain_text(doc["title"]), plain_text(doc["text"])
        page = pages.setdefault(location, [location, "", "", []])
        if not anchor:
            page[1:3] = [title, text]
        elif text or title != page[1]:
            page[3].append([anchor, title, text])
    return {"lang": index.get("config", {}).get("lang", ["en"]), "pages": list(pages.values())}


def write_search_script(site: Path) -> None:
    """Replace the site's search/search_index.json, if any, by search/search_index.js."""
    index_json = site / "search" / "search_index.json"
    if not index_json.is_file():
        return
    data = json.dumps(compact_index(json.loads(index_json.read_text(encoding="utf-8"))),
                      ensure_ascii=False, separators=(",", ":"))
    index_json.with_suffix(".js").write_text(f"var {SCRIPT_VARIABLE} = {data};\n", encoding="utf-8")
    index_json.unlink()


class SearchScript(BasePlugin):  # type: ignore[type-arg]
    """MkDocs plugin `patient-search`: writes search/search_index.js after the search plugin."""

    @event_priority(-100)  # after every other plugin's post-build, the search plugin's included
    def on_post_build(self, *, config: Any) -> None:
        write_search_script(Path(config["site_dir"]))
