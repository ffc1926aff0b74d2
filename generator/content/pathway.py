"""Pathway graph checks: every route through a pathway ends in an outcome.

A pathway (`content/pathways/<id>.yaml`) is a short series of plain questions. Each answer leads
to another question (`next`) or to an outcome (`outcome`). `check_pathway` proves that every
route ends in an outcome: no loops, no dead ends, nothing unreachable, no unknown ids.
`walk_order`, `parents` and `layers` give the page order and the flowchart's rows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import Problem
from .checks import did_you_mean, duplicates, unknown_ids
from .load import Document, PathKey
from .model import Outcome, Pathway, Step


@dataclass
class Graph:
    """Steps and outcomes by id (first of any duplicates) and the valid edges between them."""

    steps: dict[str, Step] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    edges: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    """For each step id: (answer index, target id) for every answer whose target exists."""
    start: str | None = None


def graph_of(pathway: Pathway) -> Graph:
    graph = Graph()
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


def _reachable(graph: Graph) -> list[str]:
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


def _back_edges(graph: Graph) -> list[tuple[str, int, list[str]]]:
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


def layers(graph: Graph) -> dict[str, int]:
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
    graph = graph_of(pathway)
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
    graph = graph_of(pathway)
    layer = layers(graph)
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
    graph = graph_of(pathway)
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


def _check_routes(pathway: Pathway, doc: Document, graph: Graph) -> Iterator[Problem]:
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


def _can_finish(graph: Graph) -> set[str]:
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

