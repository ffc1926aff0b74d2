"""A pathway drawn as an inline SVG flowchart at build time.

No script and no external files; text is escaped, colours are set by `pw-` CSS classes.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..content.model import Outcome, Pathway, Step
from ..content.pathway import Graph, graph_of, layers, parents, walk_order


def escape(text: str) -> str:
    """Text for an SVG element: &, < and > escaped."""
    return html.escape(text, quote=False)


WRAP = 24
"""Characters per line of a question (15px). With wide fonts such as DejaVu Sans a
15px letter averages about 9 units, so 24 fit the 220 units inside a box."""
ANSWER_WRAP = 25
"""Characters per line of an answer (14px, inside its rounded answer box)."""
TITLE_WRAP = 21
"""Characters per line of a bold outcome title (bold letters are wider)."""
OPTION_WRAP = 24
"""Characters per line of an option title in an outcome box (14px, after a bullet)."""
BOX_W = 240
"""Width of every box: 28 characters of 15px text fit inside with padding."""
PAD = 10
"""Space inside a box around its text."""
MARGIN = 8
"""Space around the whole drawing."""
QUESTION_SIZE, QUESTION_LINE = 15, 20
ANSWER_SIZE, ANSWER_LINE = 14, 18
TITLE_SIZE, TITLE_LINE = 15, 20
OPTION_SIZE, OPTION_LINE = 14, 18
LANE_STEP = 8
"""Distance between neighbouring vertical lines in a gap between columns."""
LANDING_STEP = 10
"""Distance between neighbouring horizontal lines above a row."""
ARROW = 8
"""Length of an arrowhead."""
START_LABEL = "Start here"
URGENT_WORDS = ("Do not wait: get help now.", "What may come next:")
"""What the box of an urgent result (`urgent: true`) says under its title, and above its
options: it sends the reader to care, not to options to talk over."""

@dataclass
class _Box:
    node: str
    kind: str  # "step" or "outcome"
    lines: list[tuple[str, str, int, int]]  # (text, class, font size, baseline offset)
    answers: list[tuple[list[str], int, int]]  # (lines, chip top offset, chip height)
    height: int
    urgent: bool = False
    row: int = 0
    column: int = 0
    x: int = 0
    y: int = 0


@dataclass
class _Edge:
    source: str
    answer: int
    target: str
    side: int = 0  # -1 leaves from the left side, +1 from the right
    region: int = 0  # gap the vertical line runs in: 0 = left of column 0
    exit_y: int = 0
    land_y: int = 0
    track: int = 0
    port_x: int = 0


_MARKS_RE = re.compile(r"\*\*|__|\*|`")


def _wrap(text: str, width: int = WRAP) -> list[str]:
    text = _MARKS_RE.sub("", " ".join(text.split()))
    return textwrap.wrap(text, width=width, break_on_hyphens=False) or [""]


def _step_box(step: Step) -> _Box:
    lines = []
    y = PAD
    for text in _wrap(step.question):
        y += QUESTION_LINE
        lines.append((text, "pw-question", QUESTION_SIZE, y - 5))
    y += 8
    answers = []
    for answer in step.answers:
        wrapped = _wrap(answer.label, ANSWER_WRAP)
        height = len(wrapped) * ANSWER_LINE + 8
        answers.append((wrapped, y, height))
        y += height + 4
    return _Box(step.id, "step", lines, answers, y - 4 + PAD)


def _outcome_box(outcome: Outcome, option_titles: Mapping[str, str],
                 urgent_words: tuple[str, str]) -> _Box:
    lines = []
    y = PAD
    for text in _wrap(outcome.title, TITLE_WRAP):
        y += TITLE_LINE
        lines.append((text, "pw-outcome-title", TITLE_SIZE, y - 5))
    if outcome.urgent:
        note, heading = urgent_words
        y += 6
        for text in _wrap(note, TITLE_WRAP):
            y += TITLE_LINE
            lines.append((text, "pw-urgent-note", TITLE_SIZE, y - 5))
        y += 4
        for text in _wrap(heading, OPTION_WRAP):
            y += OPTION_LINE
            lines.append((text, "pw-option-heading", OPTION_SIZE, y - 4))
    y += 4
    for option_id in outcome.options:
        for k, text in enumerate(_wrap(option_titles.get(option_id, option_id), OPTION_WRAP)):
            y += OPTION_LINE
            lines.append((("\u2022 " if k == 0 else "  ") + text, "pw-option", OPTION_SIZE,
                          y - 4))
    return _Box(outcome.id, "outcome", lines, [], y + PAD, outcome.urgent)


def pathway_svg(pathway: Pathway, option_titles: Mapping[str, str], *,
                dom_id: str = "pathway", columns: int = 1, start_label: str = START_LABEL,
                description: str | None = None,
                urgent_words: tuple[str, str] = URGENT_WORDS) -> str:
    """The pathway as an accessible inline SVG flowchart, drawn top-down.

    Rows follow layers (longest distance from the start), at most `columns` boxes a row
    (1 to 3); a layer with more boxes wraps onto more rows. One column (the default) is
    about 330-360 units wide, so on a 360px phone its 14-15px text shows at about its
    natural size; two columns are about 600 wide and suit wide screens only.

    Questions are boxes with their answers inside; each answer's line leaves the box at
    the side, runs down a gap beside the columns and enters the top of the next box.
    Outcomes are boxes listing the titles of their options (`option_titles`, id to
    title; the id is shown if a title is missing); an urgent one says under its title to get
    help now, and heads its options as what may come next (`urgent_words`).
    `dom_id` prefixes the ids of <title> and <desc>, so two diagrams on a page differ
    (characters other than letters, digits, `-` and `_` become `-`).
    `start_label` marks the first question; `description` replaces the default <desc>
    text (the summary plus a count of questions and outcomes). The site passes all three
    in the page's language.
    The same input always gives the same text.
    """
    columns = max(1, min(3, columns))
    dom_id = re.sub(r"[^A-Za-z0-9_-]+", "-", dom_id).strip("-") or "pathway"
    if not dom_id[0].isalpha():
        dom_id = f"pw-{dom_id}"
    graph = graph_of(pathway)
    boxes = _place_boxes(pathway, graph, option_titles, columns, urgent_words)
    rows = _rows(boxes)
    edges = [
        _Edge(source, j, target)
        for source in walk_order(pathway) if source in graph.steps
        for j, target in graph.edges[source]
        if boxes[target].row > boxes[source].row
    ]
    row_top, height = _vertical_layout(boxes, rows, edges)
    lane_x, column_x, width = _horizontal_layout(boxes, edges, columns)
    for box in boxes.values():
        box.x = column_x[box.column]
        box.y = row_top[box.row]
    _route(boxes, edges, lane_x)
    if description is None:
        steps, outcomes = len(graph.steps), len(graph.outcomes)
        description = (f"{_plain(pathway.summary)} Flowchart: {steps} question"
                       f"{'s' if steps != 1 else ''} leading to {outcomes} possible outcome"
                       f"{'s' if outcomes != 1 else ''}.")
    return _render(pathway, graph, boxes, edges, (width, height), dom_id, columns,
                   (start_label, description))


def _place_boxes(pathway: Pathway, graph: Graph, option_titles: Mapping[str, str],
                 columns: int, urgent_words: tuple[str, str]) -> dict[str, _Box]:
    boxes: dict[str, _Box] = {s: _step_box(step) for s, step in graph.steps.items()}
    boxes.update({o: _outcome_box(out, option_titles, urgent_words)
                  for o, out in graph.outcomes.items()})
    layer = layers(graph)
    into = parents(pathway)
    order = {node: i for i, node in enumerate(walk_order(pathway))}
    row = 0
    for number in sorted(set(layer.values())):
        members = [n for n in order if layer[n] == number]

        def centre(node: str) -> float:
            placed = [boxes[p].column for p in into[node] if layer[p] < layer[node]]
            return sum(placed) / len(placed) if placed else (columns - 1) / 2

        members.sort(key=lambda n: (centre(n), order[n]))
        for first in range(0, len(members), columns):
            chunk = members[first:first + columns]
            wanted = (list(range(columns)) if len(chunk) == columns
                      else _columns_for(chunk, centre, columns))
            for node, column in zip(chunk, wanted, strict=True):
                boxes[node].row, boxes[node].column = row, column
            row += 1
    return boxes


def _columns_for(chunk: list[str], centre: Any, columns: int) -> list[int]:
    """Columns for a short row: each box as near its parents as order allows."""
    chosen: list[int] = []
    for k, node in enumerate(chunk):
        low = chosen[-1] + 1 if chosen else 0
        high = columns - (len(chunk) - k)
        best = min(range(low, high + 1), key=lambda c: (abs(c - centre(node)), c))
        chosen.append(best)
    return chosen


def _rows(boxes: dict[str, _Box]) -> list[list[_Box]]:
    count = max((b.row for b in boxes.values()), default=-1) + 1
    rows: list[list[_Box]] = [[] for _ in range(count)]
    for box in boxes.values():
        rows[box.row].append(box)
    for row in rows:
        row.sort(key=lambda b: b.column)
    return rows


def _vertical_layout(boxes: dict[str, _Box], rows: list[list[_Box]],
                     edges: list[_Edge]) -> tuple[list[int], int]:
    """Top of each row and the drawing's height. Above each row is a band holding one
    horizontal line for each edge that enters the row."""
    landing: dict[int, list[_Edge]] = {}
    for edge in edges:
        landing.setdefault(boxes[edge.target].row, []).append(edge)
    top = MARGIN + QUESTION_LINE + 12
    row_top = []
    for r, row in enumerate(rows):
        if r:
            count = len(landing.get(r, []))
            band = 12 + max(count - 1, 0) * LANDING_STEP + 12 + ARROW
            for k, edge in enumerate(_landing_order(boxes, landing.get(r, []))):
                edge.land_y = top + 12 + k * LANDING_STEP
            top += band
        row_top.append(top)
        top += max(b.height for b in row)
    for edge in edges:
        box = boxes[edge.source]
        chip_top, chip_height = box.answers[edge.answer][1:]
        edge.exit_y = row_top[box.row] + chip_top + chip_height // 2
    return row_top, top + MARGIN


def _landing_order(boxes: dict[str, _Box], edges: list[_Edge]) -> list[_Edge]:
    """Edges entering one row, top line first: by target column, then source row."""
    return sorted(edges, key=lambda e: (boxes[e.target].column, boxes[e.source].row,
                                        boxes[e.source].column, e.answer))


def _horizontal_layout(boxes: dict[str, _Box], edges: list[_Edge],
                       columns: int) -> tuple[dict[tuple[int, int], int], list[int], int]:
    """Which gap and track each edge's vertical line uses, and where columns start."""
    for edge in edges:
        a, b = boxes[edge.source].column, boxes[edge.target].column
        if a < b:
            edge.side, edge.region = 1, a + 1
        elif a > b or 2 * a < columns - 1:
            edge.side, edge.region = -1, a
        else:
            edge.side, edge.region = 1, a + 1
    tracks: dict[int, list[int]] = {}  # region -> lowest free y of each track
    ordered = sorted(edges, key=lambda e: (e.exit_y, e.land_y, boxes[e.source].column, e.answer))
    for edge in ordered:
        ends = tracks.setdefault(edge.region, [])
        free = [t for t, end in enumerate(ends) if end + 6 < edge.exit_y]
        edge.track = free[0] if free else len(ends)
        if free:
            ends[edge.track] = edge.land_y
        else:
            ends.append(edge.land_y)
    widths = [max(24, 20 + (len(tracks.get(g, [])) - 1) * LANE_STEP) for g in range(columns + 1)]
    widths[0] = max(12, 20 + (len(tracks.get(0, [])) - 1) * LANE_STEP) if tracks.get(0) else 12
    widths[columns] = (max(12, 20 + (len(tracks[columns]) - 1) * LANE_STEP)
                       if tracks.get(columns) else 12)
    x = MARGIN
    column_x = []
    region_x = []
    for g in range(columns + 1):
        region_x.append(x)
        x += widths[g]
        if g < columns:
            column_x.append(x)
            x += BOX_W
    # Track 0 is taken first, by the highest line. Put it farthest from the boxes the lines
    # leave, so that lines leaving lower down do not cross the lines already running.
    leaving_right = {g: sum(e.side for e in edges if e.region == g) > 0 for g in tracks}
    lane_x: dict[tuple[int, int], int] = {}
    for g, ends in tracks.items():
        count = len(ends)
        first = region_x[g] + (widths[g] - (count - 1) * LANE_STEP) // 2
        for t in range(count):
            slot = count - 1 - t if leaving_right[g] else t
            lane_x[(g, t)] = first + slot * LANE_STEP
    return lane_x, column_x, x + MARGIN


def _route(boxes: dict[str, _Box], edges: list[_Edge], lane_x: dict[tuple[int, int], int]) -> None:
    """Spread the lines entering each box along its top edge, in the order they arrive."""
    entering: dict[str, list[_Edge]] = {}
    for edge in edges:
        entering.setdefault(edge.target, []).append(edge)
    for target, group in entering.items():
        box = boxes[target]
        group.sort(key=lambda e: (lane_x[(e.region, e.track)], e.land_y))
        for k, edge in enumerate(group):
            edge.port_x = box.x + BOX_W * (k + 1) // (len(group) + 1)
    for edge in edges:
        edge.track = lane_x[(edge.region, edge.track)]  # from here on: the lane's x


def _render(pathway: Pathway, graph: Graph, boxes: dict[str, _Box], edges: list[_Edge],
            size: tuple[int, int], dom_id: str, columns: int, words: tuple[str, str]) -> str:
    title_id, desc_id = f"{dom_id}-title", f"{dom_id}-desc"
    width, height = size
    start_label, description = words
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pw-diagram pw-columns-{columns}" '
        f'viewBox="0 0 {width} '
        f'{height}" width="100%" role="img" aria-labelledby="{title_id} {desc_id}" '
        'font-family="system-ui, -apple-system, \'Segoe UI\', Roboto, sans-serif" '
        'fill="currentColor">',
        f'<title id="{title_id}">{escape(_plain(pathway.title))}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    if graph.start is not None:
        start = boxes[graph.start]
        out.append(f'<text class="pw-start-label" x="{start.x}" y="{start.y - 10}" '
                   f'font-size="{ANSWER_SIZE}" font-weight="bold">{escape(start_label)}</text>')
    out.append('<g class="pw-edges" fill="none" stroke="currentColor" stroke-width="1.5">')
    for edge in edges:
        out.append(f'<path class="pw-edge" d="{_edge_path(boxes, edge)}"/>')
    out.append("</g>")
    out.append('<g class="pw-arrows">')
    for edge in edges:
        x, y = edge.port_x, boxes[edge.target].y
        out.append(f'<path class="pw-arrow" d="M{x - 5},{y - ARROW}H{x + 5}L{x},{y}Z"/>')
    out.append("</g>")
    for node in walk_order(pathway):
        out.extend(_box_svg(boxes[node], graph))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _edge_path(boxes: dict[str, _Box], edge: _Edge) -> str:
    source = boxes[edge.source]
    start_x = source.x + BOX_W if edge.side > 0 else source.x
    target_y = boxes[edge.target].y - ARROW
    return (f"M{start_x},{edge.exit_y}H{edge.track}V{edge.land_y}H{edge.port_x}"
            f"V{target_y}")


def _box_svg(box: _Box, graph: Graph) -> list[str]:
    classes = "pw-box pw-step" if box.kind == "step" else "pw-box pw-outcome"
    if box.node == graph.start:
        classes += " pw-start"
    if box.urgent:
        classes += " pw-urgent"
    radius, stroke = (4, "1.5") if box.kind == "step" else (14, "3")
    parts = [
        '<g class="pw-node">',
        f'<rect class="{classes}" x="{box.x}" y="{box.y}" width="{BOX_W}" height="{box.height}" '
        f'rx="{radius}" fill="none" stroke="currentColor" stroke-width="{stroke}"/>',
    ]
    for text, css, size, baseline in box.lines:
        weight = ' font-weight="bold"' if css in ("pw-outcome-title", "pw-urgent-note") else ""
        parts.append(f'<text class="{css}" x="{box.x + PAD}" y="{box.y + baseline}" '
                     f'font-size="{size}"{weight} xml:space="preserve">{escape(text)}</text>')
    for lines, chip_top, chip_height in box.answers:
        parts.append(f'<rect class="pw-answer" x="{box.x + PAD}" y="{box.y + chip_top}" '
                     f'width="{BOX_W - 2 * PAD}" height="{chip_height}" rx="8" fill="none" '
                     'stroke="currentColor" stroke-width="1"/>')
        for k, text in enumerate(lines):
            baseline = box.y + chip_top + 4 + (k + 1) * ANSWER_LINE - 5
            parts.append(f'<text class="pw-answer-text" x="{box.x + PAD + 8}" y="{baseline}" '
                         f'font-size="{ANSWER_SIZE}">{escape(text)}</text>')
    parts.append("</g>")
    return parts


def _plain(text: str) -> str:
    return _MARKS_RE.sub("", " ".join(text.split()))

