"""Decision pathways and comparison tables: their content model, checks and flowchart.

A pathway (`content/pathways/<id>.yaml`) is a short series of plain questions.
Each answer leads to another question (`next`) or to an outcome (`outcome`),
and each outcome lists the options a patient could talk over with their doctor.
`check_pathway` proves that every route ends in an outcome: no loops, no dead
ends, nothing unreachable, no unknown ids.

`content/comparisons.yaml` lists side-by-side tables of options; the cells come
from the short comparison fields of each option.

`pathway_svg` draws a pathway as an inline SVG flowchart at build time: no
script, no external files, text escaped, colours set by `pw-` CSS classes.
"""

from __future__ import annotations

import re
import textwrap
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any
from xml.sax.saxutils import escape

from pydantic import Field

from .checks import did_you_mean, duplicates, unknown_ids
from .errors import Problem
from .load import Document, PathKey
from .model import Id, Model, Plain, Prose, Review

PATHWAYS_DIR = "pathways"
"""Folder under `content/` that holds one file per pathway."""
COMPARISONS_FILE = "comparisons.yaml"
"""File under `content/` that holds the comparison tables."""
NOT_KNOWN = "Not known"
"""What a comparison table cell shows when the option has no value for it."""


# --- content model -----------------------------------------------------------------------


class Answer(Model):
    """One answer to a step's question. Give exactly one of `next` and `outcome`."""

    label: Plain
    """The answer in a few words, such as "Yes, 70% or more"."""
    next: Id | None = None
    """Id of the step (question) this answer leads to. Leave out if it leads to an outcome."""
    outcome: Id | None = None
    """Id of the outcome this answer leads to. Leave out if it leads to another step."""


class Step(Model):
    """One question in a pathway."""

    id: Id
    """Stable id; also the anchor on the pathway page, like `#block-result`."""
    question: Plain
    """One plain question, such as "Did a medial branch block give you 70% or more relief?"."""
    help: Prose | None = None
    """Optional short text that helps a patient answer: what a word means, where to find out."""
    answers: list[Answer] = Field(min_length=2)
    """The possible answers, in the order shown. At least two."""


class Outcome(Model):
    """Where a route through a pathway ends: options to talk over with a doctor."""

    id: Id
    """Stable id; also the anchor on the pathway page."""
    title: Plain
    """What this outcome suggests, in a few words, such as "Ask about radiofrequency ablation"."""
    explanation: Prose
    """Why these options may fit, and what to keep in mind. Never promise a result."""
    options: list[Id] = Field(min_length=1)
    """Ids of the options to talk over, most relevant first, such as `radiofrequency-ablation`."""


class Pathway(Model):
    """A decision pathway: `content/pathways/<id>.yaml`. The id is the file name."""

    title: Plain
    """Page title, such as "After epidural injections that did not help"."""
    summary: Plain = Field(max_length=300)
    """One or two plain sentences. Shown in lists and used as the page description."""
    intro: Prose
    """Text at the top of the page: who the pathway is for and how to use it."""
    start: Id
    """Id of the first step (question)."""
    steps: list[Step] = Field(min_length=1)
    """The questions. Order here is the order they are listed on the page."""
    outcomes: list[Outcome] = Field(min_length=1)
    """Where the answers lead. Every outcome must be reachable from `start`."""
    review: Review
    """Review dates for this page."""


class ComparisonAttribute(StrEnum):
    """An option field a comparison table may show as a column."""

    invasiveness = "invasiveness"
    recovery = "recovery"
    relief_duration = "relief_duration"
    main_risks = "main_risks"
    evidence = "evidence"
    trial_or_test_first = "trial_or_test_first"


class Comparison(Model):
    """One comparison table: some options side by side."""

    id: Id
    """Stable id; also the anchor on the compare page, like `compare.html#surgery`."""
    title: Plain
    """Table heading, such as "Types of surgery"."""
    intro: Prose
    """A sentence or two above the table: what is compared and what to keep in mind."""
    options: list[Id] = Field(min_length=2)
    """Ids of the options to compare, in the order shown. At least two."""
    attributes: list[ComparisonAttribute] = Field(min_length=1)
    """Option fields to show, in order: invasiveness, recovery, relief_duration,
    main_risks, evidence, trial_or_test_first."""


class Comparisons(Model):
    """`content/comparisons.yaml`: tables that compare options side by side."""

    intro: Prose
    """A sentence or two at the top of the compare page."""
    tables: list[Comparison] = Field(min_length=1)
    """The tables, in the order shown."""
    review: Review
    """Review dates for this page."""


# --- graph helpers -----------------------------------------------------------------------


@dataclass
class _Graph:
    """Steps and outcomes by id (first of any duplicates) and the valid edges between them."""

    steps: dict[str, Step] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    edges: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    """For each step id: (answer index, target id) for every answer whose target exists."""
    start: str | None = None


def _graph(pathway: Pathway) -> _Graph:
    graph = _Graph()
    for step in pathway.steps:
        graph.steps.setdefault(step.id, step)
    for outcome in pathway.outcomes:
        if outcome.id not in graph.steps:
            graph.outcomes.setdefault(outcome.id, outcome)
    for step_id, step in graph.steps.items():
        targets: list[tuple[int, str]] = []
        for j, answer in enumerate(step.answers):
            if answer.next is not None and answer.next in graph.steps:
                targets.append((j, answer.next))
            if answer.outcome is not None and answer.outcome in graph.outcomes:
                targets.append((j, answer.outcome))
        graph.edges[step_id] = targets
    graph.start = pathway.start if pathway.start in graph.steps else None
    return graph


def _reachable(graph: _Graph) -> list[str]:
    """Ids reachable from the start, in breadth-first order (answers in order)."""
    if graph.start is None:
        return []
    order = [graph.start]
    seen = {graph.start}
    queue = deque(order)
    while queue:
        for _, target in graph.edges.get(queue.popleft(), []):
            if target not in seen:
                seen.add(target)
                order.append(target)
                queue.append(target)
    return order


def _back_edges(graph: _Graph) -> list[tuple[str, int, list[str]]]:
    """Edges that close a loop, found by depth-first search from the start and then from
    every other step in file order: (step id, answer index, the loop as a list of ids)."""
    found: list[tuple[str, int, list[str]]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    roots = ([graph.start] if graph.start else []) + list(graph.steps)
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        path = [root]
        stack: list[Iterator[tuple[int, str]]] = [iter(graph.edges[root])]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                state[path.pop()] = 2
                continue
            j, target = step
            if target not in graph.steps:
                continue
            if state.get(target) == 1:
                loop = path[path.index(target):] + [target]
                found.append((path[-1], j, loop))
            elif target not in state:
                state[target] = 1
                path.append(target)
                stack.append(iter(graph.edges[target]))
    return found


def _layers(graph: _Graph) -> dict[str, int]:
    """Layer of each step and outcome: the longest distance from the start, ignoring any
    edge that closes a loop. Ids not reachable from the start go in layers after the rest."""
    loop_edges = {(step_id, j) for step_id, j, _ in _back_edges(graph)}
    reachable = _reachable(graph)
    inside = set(reachable)
    edges = {s: [t for j, t in graph.edges.get(s, []) if (s, j) not in loop_edges and t in inside]
             for s in reachable}
    incoming = {node: 0 for node in reachable}
    for targets in edges.values():
        for target in targets:
            incoming[target] += 1
    layer = {node: 0 for node in reachable}
    ready = deque(node for node in reachable if incoming[node] == 0)
    while ready:
        node = ready.popleft()
        for target in edges.get(node, []):
            layer[target] = max(layer[target], layer[node] + 1)
            incoming[target] -= 1
            if incoming[target] == 0:
                ready.append(target)
    last = max(layer.values(), default=-1)
    for node in [*graph.steps, *graph.outcomes]:
        if node not in layer:
            last += 1
            layer[node] = last
    return layer


def parents(pathway: Pathway) -> dict[str, list[str]]:
    """For every step and outcome id, the ids of the steps with an answer that leads to it
    (in file order, each once). Used for "you got here from" back links."""
    graph = _graph(pathway)
    found: dict[str, list[str]] = {node: [] for node in [*graph.steps, *graph.outcomes]}
    for step_id, targets in graph.edges.items():
        for _, target in targets:
            if step_id not in found[target]:
                found[target].append(step_id)
    return found


def walk_order(pathway: Pathway) -> list[str]:
    """Step and outcome ids in reading order: by layer (longest distance from the start),
    then in the order a breadth-first walk from the start meets them. Every id comes after
    all the steps that lead to it; ids not reachable from the start come last."""
    graph = _graph(pathway)
    layer = _layers(graph)
    met = {node: i for i, node in enumerate(_reachable(graph))}
    everything = [*graph.steps, *graph.outcomes]
    position = {node: met.get(node, len(met) + i) for i, node in enumerate(everything)}
    return sorted(everything, key=lambda node: (layer[node], position[node]))


# --- checks ------------------------------------------------------------------------------


def check_pathway(pathway: Pathway, doc: Document, option_ids: set[str]) -> Iterator[Problem]:
    """Every route from the start ends in an outcome, and every id resolves."""
    step_ids = [s.id for s in pathway.steps]
    outcome_ids = [o.id for o in pathway.outcomes]
    yield from duplicates(doc, ("steps",), step_ids, "id", "steps", key="id")
    yield from duplicates(doc, ("outcomes",), outcome_ids, "id", "outcomes", key="id")
    steps, outcomes = set(step_ids), set(outcome_ids)
    for i, outcome_id in enumerate(outcome_ids):
        if outcome_id in steps:
            yield Problem(doc.path, doc.line_of(("outcomes", i, "id")),
                          f"'{outcome_id}' is the id of a step and of an outcome; "
                          "rename one of them")
    start_line = doc.line_of(("start",))
    if pathway.start in outcomes and pathway.start not in steps:
        yield Problem(doc.path, start_line, f"'start' must name a step, not the outcome "
                      f"'{pathway.start}'")
    elif pathway.start not in steps:
        yield Problem(doc.path, start_line, f"'start' names an unknown step "
                      f"'{pathway.start}'{did_you_mean(pathway.start, step_ids)}")
    for i, step in enumerate(pathway.steps):
        yield from _check_answers(doc, i, step, steps, outcomes - steps)
    graph = _graph(pathway)
    yield from _check_routes(pathway, doc, graph)
    for i, outcome in enumerate(pathway.outcomes):
        at: PathKey = ("outcomes", i, "options")
        yield from unknown_ids(doc, at, outcome.options, option_ids, "option")
        yield from duplicates(doc, at, outcome.options, "option", "options")


def _misdirected(doc: Document, at: PathKey, key: str, target: str | None,
                 expected: tuple[str, set[str]], other: tuple[str, set[str]]) -> Iterator[Problem]:
    """A problem when an answer's `next` or `outcome` names the wrong kind of id or none."""
    kind, known = expected
    if target is None or target in known:
        return
    line = doc.line_of((*at, key))
    other_kind, other_known = other
    if target in other_known:
        other_key = "next" if key == "outcome" else "outcome"
        yield Problem(doc.path, line, f"'{key}' names the {other_kind} '{target}'; "
                      f"write '{other_key}: {target}' instead")
    else:
        yield Problem(doc.path, line, f"'{key}' names an unknown {kind} "
                      f"'{target}'{did_you_mean(target, known)}")


def _check_answers(doc: Document, i: int, step: Step, steps: set[str],
                   outcomes: set[str]) -> Iterator[Problem]:
    labels: dict[str, int] = {}
    for j, answer in enumerate(step.answers):
        at: PathKey = ("steps", i, "answers", j)
        if answer.next is not None and answer.outcome is not None:
            yield Problem(doc.path, doc.line_of(at), f"answer '{answer.label}' has both 'next' "
                          "and 'outcome'; keep only one")
        elif answer.next is None and answer.outcome is None:
            yield Problem(doc.path, doc.line_of(at), f"answer '{answer.label}' needs 'next' "
                          "(the id of a step) or 'outcome' (the id of an outcome)")
        yield from _misdirected(doc, at, "next", answer.next, ("step", steps),
                                ("outcome", outcomes))
        yield from _misdirected(doc, at, "outcome", answer.outcome, ("outcome", outcomes),
                                ("step", steps))
        folded = answer.label.casefold()
        if folded in labels:
            yield Problem(doc.path, doc.line_of((*at, "label")),
                          f"duplicate answer '{answer.label}' in step '{step.id}' "
                          f"(answer {labels[folded] + 1} has it too)")
        else:
            labels[folded] = j


def _check_routes(pathway: Pathway, doc: Document, graph: _Graph) -> Iterator[Problem]:
    index = {s.id: i for i, s in reversed(list(enumerate(pathway.steps)))}
    loops: set[tuple[str, ...]] = set()
    for step_id, j, loop in _back_edges(graph):
        if tuple(loop) in loops:
            continue
        loops.add(tuple(loop))
        yield Problem(doc.path, doc.line_of(("steps", index[step_id], "answers", j, "next")),
                      f"steps form a loop: {' -> '.join(loop)}; point one of these answers "
                      "at a later step or an outcome")
    if graph.start is not None:
        reached = set(_reachable(graph))
        for i, step in enumerate(pathway.steps):
            if step.id not in reached and index[step.id] == i:
                yield Problem(doc.path, doc.line_of(("steps", i, "id")),
                              f"step '{step.id}' cannot be reached from the start; point an "
                              "answer's 'next' at it, or delete the step")
        for i, outcome in enumerate(pathway.outcomes):
            if outcome.id in graph.outcomes and outcome.id not in reached and (
                    graph.outcomes[outcome.id] is outcome):
                yield Problem(doc.path, doc.line_of(("outcomes", i, "id")),
                              f"outcome '{outcome.id}' cannot be reached from the start; point "
                              "an answer's 'outcome' at it, or delete the outcome")
    finishing = _can_finish(graph)
    for i, step in enumerate(pathway.steps):
        if step.id not in finishing and index[step.id] == i:
            yield Problem(doc.path, doc.line_of(("steps", i, "id")),
                          f"step '{step.id}' never leads to an outcome; make sure one of its "
                          "answers leads on, step by step, to an outcome")


def _can_finish(graph: _Graph) -> set[str]:
    """Steps from which some route ends in an outcome."""
    finishing: set[str] = set(graph.outcomes)
    changed = True
    while changed:
        changed = False
        for step_id, targets in graph.edges.items():
            if step_id not in finishing and any(t in finishing for _, t in targets):
                finishing.add(step_id)
                changed = True
    return finishing - set(graph.outcomes)


def check_comparisons(comparisons: Comparisons, doc: Document,
                      options: Mapping[str, Any]) -> tuple[list[Problem], list[Problem]]:
    """Errors (unknown or repeated ids) and warnings (cells that would show "Not known")."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    known = set(options)
    errors += duplicates(doc, ("tables",), [t.id for t in comparisons.tables], "id", "tables",
                          key="id")
    for i, table in enumerate(comparisons.tables):
        at: PathKey = ("tables", i, "options")
        errors += unknown_ids(doc, at, table.options, known, "option")
        errors += duplicates(doc, at, table.options, "option", "options")
        errors += duplicates(doc, ("tables", i, "attributes"),
                              [a.value for a in table.attributes], "attribute", "attributes")
        shown: set[str] = set()
        for k, option_id in enumerate(table.options):
            if option_id not in options or option_id in shown:
                continue
            shown.add(option_id)
            for attribute in dict.fromkeys(table.attributes):
                if cell_text(options[option_id], attribute) is None:
                    warnings.append(Problem(
                        doc.path, doc.line_of((*at, k)),
                        f"option '{option_id}' has no '{attribute.value}' value, so its cell "
                        f"in table '{table.id}' shows '{NOT_KNOWN}'", warning=True))
    return errors, warnings


def cell_text(option: Any, attribute: ComparisonAttribute) -> str | None:
    """The text of one table cell: the option's value for `attribute` (an enum's value for
    invasiveness and evidence), or None when it has none and the cell shows "Not known"."""
    if isinstance(option, Mapping):
        value = option.get(attribute.value)
    else:
        value = getattr(option, attribute.value, None)
    if isinstance(value, Enum):
        value = value.value
    if value is None or not str(value).strip():
        return None
    return str(value)


# --- flowchart ---------------------------------------------------------------------------

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

@dataclass
class _Box:
    node: str
    kind: str  # "step" or "outcome"
    lines: list[tuple[str, str, int, int]]  # (text, class, font size, baseline offset)
    answers: list[tuple[list[str], int, int]]  # (lines, chip top offset, chip height)
    height: int
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


def _outcome_box(outcome: Outcome, option_titles: Mapping[str, str]) -> _Box:
    lines = []
    y = PAD
    for text in _wrap(outcome.title, TITLE_WRAP):
        y += TITLE_LINE
        lines.append((text, "pw-outcome-title", TITLE_SIZE, y - 5))
    y += 4
    for option_id in outcome.options:
        for k, text in enumerate(_wrap(option_titles.get(option_id, option_id), OPTION_WRAP)):
            y += OPTION_LINE
            lines.append((("\u2022 " if k == 0 else "  ") + text, "pw-option", OPTION_SIZE,
                          y - 4))
    return _Box(outcome.id, "outcome", lines, [], y + PAD)


def pathway_svg(pathway: Pathway, option_titles: Mapping[str, str], *,
                dom_id: str = "pathway", columns: int = 1, start_label: str = START_LABEL,
                description: str | None = None) -> str:
    """The pathway as an accessible inline SVG flowchart, drawn top-down.

    Rows follow layers (longest distance from the start), at most `columns` boxes a row
    (1 to 3); a layer with more boxes wraps onto more rows. One column (the default) is
    about 330-360 units wide, so on a 360px phone its 14-15px text shows at about its
    natural size; two columns are about 600 wide and suit wide screens only.

    Questions are boxes with their answers inside; each answer's line leaves the box at
    the side, runs down a gap beside the columns and enters the top of the next box.
    Outcomes are boxes listing the titles of their options (`option_titles`, id to
    title; the id is shown if a title is missing).
    `dom_id` prefixes the ids of <title> and <desc>, so two diagrams on a page differ
    (characters other than letters, digits, `-` and `_` become `-`).
    `start_label` marks the first question; `description` replaces the default <desc>
    text (the summary plus a count of questions and outcomes), for other languages.
    The same input always gives the same text.
    """
    columns = max(1, min(3, columns))
    dom_id = re.sub(r"[^A-Za-z0-9_-]+", "-", dom_id).strip("-") or "pathway"
    if not dom_id[0].isalpha():
        dom_id = f"pw-{dom_id}"
    graph = _graph(pathway)
    boxes = _place_boxes(pathway, graph, option_titles, columns)
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


def _place_boxes(pathway: Pathway, graph: _Graph, option_titles: Mapping[str, str],
                 columns: int) -> dict[str, _Box]:
    boxes = {s: _step_box(step) for s, step in graph.steps.items()}
    boxes.update({o: _outcome_box(out, option_titles) for o, out in graph.outcomes.items()})
    layer = _layers(graph)
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


def _render(pathway: Pathway, graph: _Graph, boxes: dict[str, _Box], edges: list[_Edge],
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


def _box_svg(box: _Box, graph: _Graph) -> list[str]:
    classes = "pw-box pw-step" if box.kind == "step" else "pw-box pw-outcome"
    if box.node == graph.start:
        classes += " pw-start"
    radius, stroke = (4, "1.5") if box.kind == "step" else (14, "3")
    parts = [
        '<g class="pw-node">',
        f'<rect class="{classes}" x="{box.x}" y="{box.y}" width="{BOX_W}" height="{box.height}" '
        f'rx="{radius}" fill="none" stroke="currentColor" stroke-width="{stroke}"/>',
    ]
    for text, css, size, baseline in box.lines:
        weight = ' font-weight="bold"' if css == "pw-outcome-title" else ""
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


__all__ = [
    "NOT_KNOWN", "PATHWAYS_DIR", "COMPARISONS_FILE",
    "Answer", "Step", "Outcome", "Pathway", "ComparisonAttribute", "Comparison", "Comparisons",
    "check_pathway", "check_comparisons", "cell_text", "parents", "walk_order", "pathway_svg",
]
