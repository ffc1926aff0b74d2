"""`patient-site review-packet`: one printable HTML file for a clinician who does not read YAML.

It holds every page's text in reading order, as patients read it, each with the content file
it comes from, the sources that file cites, its current review state, and a sign-off box with
the lines to add to that file's `review:` block once the page is approved.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import jinja2
import markdown

from ..content.model import Content
from ..render.render import Page

TEMPLATE_DIR = Path(__file__).parent / "templates"
TOOLTIP_LINE = re.compile(r"^\*\[[^\]]+\]:.*$", re.MULTILINE)
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables"]


def review_packet(content: Content, pages: list[Page], today: dt.date | None = None) -> str:
    """The packet's HTML: every page of `pages`, grouped by the content file it comes from."""
    files: dict[str, list[dict[str, str]]] = {}
    for page in pages:
        body = TOOLTIP_LINE.sub("", page.body)
        html = markdown.markdown(body, extensions=EXTENSIONS, output_format="html")
        files.setdefault(page.source, []).append({"path": page.path, "html": html})
    models = {path: content.item(kind, item_id) for (kind, item_id), path in content.files.items()}
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
                                     autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.get_template("review_packet.html.j2").render(
        site=content.site, files=files, models=models, content=content,
        today=(today or dt.date.today()).isoformat())

