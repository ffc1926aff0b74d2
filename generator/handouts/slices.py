"""A pathway's flowchart cut into pieces that each fit a printed page.

A guide's flowchart is one tall SVG drawing (`render/flowchart.py`); a printed page cannot
hold it at a readable size, and a drawing cannot break across pages. So the same drawing is
shown several times through windows (`viewBox`) one above the next, each cut in a gap between
boxes, never through one. Arrows crossing a cut appear at the bottom of one piece and the top
of the next.
"""

from __future__ import annotations

import re
from functools import partial

VIEWBOX_RE = re.compile(r'viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"')
TEXT_RE = re.compile(r'<text\b[^>]*?\sy="(-?\d+(?:\.\d+)?)"[^>]*>.*?</text>\n?', re.DOTALL)
RECT_RE = re.compile(r'<rect\b[^>]*?\sy="(-?\d+(?:\.\d+)?)"[^>]*?\sheight="(\d+(?:\.\d+)?)"')


def slices(svg: str, most: float) -> list[str]:
    """The drawing as pieces at most `most` units tall, each cut outside every box."""
    found = VIEWBOX_RE.search(svg)
    if not found:
        return [svg]
    width, height = float(found[1]), float(found[2])
    boxes = [(float(y), float(y) + float(h)) for y, h in RECT_RE.findall(svg)]
    cuts = [0.0]
    while height - cuts[-1] > most:
        top = cuts[-1]
        inside = [(a, b) for a, b in boxes if a < top + most < b]
        cut = min((a for a, _ in inside), default=top + most) - 4
        if cut <= top + 20:  # a box taller than a piece: cut through it
            cut = top + most
        cuts.append(cut)
    cuts.append(height)
    pieces = []
    for i, (top, bottom) in enumerate(zip(cuts, cuts[1:], strict=False)):
        window = f'viewBox="0 {top:g} {width:g} {bottom - top:g}"'
        piece = VIEWBOX_RE.sub(window, svg, count=1)
        piece = TEXT_RE.sub(partial(_keep, top=top, bottom=bottom), piece)  # faster layout
        if i:  # one title and description for screen readers, on the first piece
            piece = piece.replace('role="img"', 'aria-hidden="true"', 1)
        pieces.append(piece)
    return pieces


def _keep(text: re.Match[str], top: float, bottom: float) -> str:
    """A text element, if any of it may show in the window [top, bottom]."""
    return text[0] if top - 40 <= float(text[1]) <= bottom + 40 else ""
