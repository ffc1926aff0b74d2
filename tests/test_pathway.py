"""Pathways and comparison tables: model, checks (exact messages and lines), shipped content
and the flowchart SVG (golden file; regenerate with UPDATE_GOLDEN=1)."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from generator.content.comparisons import cell_text, check_comparisons
from generator.content.load import Document, read_yaml
from generator.content.model import ComparisonAttribute, Comparisons, Pathway
from generator.content.pathway import check_pathway, parents, walk_order
from generator.content.validate import describe
from generator.quality.readability import measure
from generator.render.flowchart import pathway_svg

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "pathway_small.svg"
SVG = "{http://www.w3.org/2000/svg}"

OPTION_IDS = {
    "why-injections-fail", "mri-scan", "ct-scan", "spect-bone-scan", "medial-branch-block",
    "sacroiliac-joint-injection", "epidural-steroid-injection", "trigger-point-injection",
    "sympathetic-block", "radiofrequency-ablation", "spinal-cord-stimulation",
    "intrathecal-drug-pump", "platelet-rich-plasma", "stem-cell-injection", "gabapentinoids",
    "antidepressants-for-pain", "physical-therapy", "pain-education", "psychological-support",
    "comprehensive-rehabilitation", "surgical-consultation", "discectomy", "laminectomy",
    "foraminotomy", "spinal-fusion", "sacroiliac-joint-fusion", "keep-current-care",
}
"""The option ids of the content brief."""

PATHWAY = """\
title: Tiny
summary: A tiny pathway.
intro: For tests.
start: first
steps:
  - id: first
    question: Did a medial branch block give you 70% or more relief?
    answers:
      - label: "Yes"
        outcome: rfa
      - label: "No"
        next: second
  - id: second
    question: Do you want to try something new?
    answers:
      - label: "Yes"
        outcome: rehab
      - label: Not now
        outcome: wait
outcomes:
  - id: rfa
    title: Ask about ablation
    explanation: Heat stops the small nerves sending pain signals.
    options: [radiofrequency-ablation]
  - id: rehab
    title: Start rehabilitation
    explanation: Exercise and coping skills.
    options: [comprehensive-rehabilitation, physical-therapy]
  - id: wait
    title: Keep your current care
    explanation: A real choice.
    options: [keep-current-care]
review:
  written: 2026-11-21
  next_review_due: 2027-11-21
"""
"""A valid pathway. Tests change it with same-length edits, so line numbers stay put."""

COMPARISONS = """\
intro: Compare options.
tables:
  - id: first-table
    title: First
    intro: Two options.
    options:
      - radiofrequency-ablation
      - spinal-cord-stimulation
    attributes:
      - recovery
      - main_risks
  - id: second-table
    title: Second
    intro: Two tests.
    options: [mri-scan, ct-scan]
    attributes: [invasiveness]
review:
  written: 2026-11-21
  next_review_due: 2027-11-21
"""

OPTION_TITLES = {
    "radiofrequency-ablation": "Radiofrequency ablation",
    "comprehensive-rehabilitation": "Comprehensive rehabilitation",
    "physical-therapy": "Physical therapy",
    "keep-current-care": "Keep your current care",
}


def _doc(tmp_path: Path, text: str, name: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc, problems = read_yaml(path, f"content/{name}")
    assert problems == [] and doc is not None
    return doc


def _pathway(tmp_path: Path, text: str = PATHWAY) -> tuple[Pathway, Document]:
    doc = _doc(tmp_path, text, "tiny.yaml")
    return Pathway.model_validate(doc.data), doc


def _pathway_problems(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    pathway, doc = _pathway(tmp_path, text)
    problems = list(check_pathway(pathway, doc, OPTION_IDS))
    assert all(p.path == "content/tiny.yaml" and not p.warning for p in problems)
    return [(p.line, p.message) for p in problems]


def _edit(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    assert text.count("\n") == PATHWAY.count("\n")
    return text


def _stub(**missing: Any) -> SimpleNamespace:
    values: dict[str, Any] = {a.value: "Some text" for a in ComparisonAttribute}
    values.update(missing)
    return SimpleNamespace(**values)


# --- check_pathway -----------------------------------------------------------------------


def test_valid_pathway_has_no_problems(tmp_path: Path) -> None:
    assert _pathway_problems(tmp_path, PATHWAY) == []


def test_start_must_be_a_known_step(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("start: first", "start: frist"))
    assert _pathway_problems(tmp_path, text) == [
        (4, "'start' names an unknown step 'frist' (did you mean 'first'?)"),
    ]


def test_start_must_not_be_an_outcome(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("start: first", "start: rfa"))
    assert _pathway_problems(tmp_path, text) == [
        (4, "'start' must name a step, not the outcome 'rfa'"),
    ]


def test_duplicate_step_id(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("  - id: second\n", "  - id: first\n"))
    assert _pathway_problems(tmp_path, text) == [
        (13, "duplicate id 'first' in 'steps' (item 1 has it too)"),
        (12, "'next' names an unknown step 'second'"),
        (25, "outcome 'rehab' cannot be reached from the start; point an answer's 'outcome' "
             "at it, or delete the outcome"),
        (29, "outcome 'wait' cannot be reached from the start; point an answer's 'outcome' "
             "at it, or delete the outcome"),
    ]


def test_duplicate_outcome_id(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("  - id: wait\n", "  - id: rehab\n"),
                 ("outcome: wait\n", "outcome: rehab\n"))
    assert _pathway_problems(tmp_path, text) == [
        (29, "duplicate id 'rehab' in 'outcomes' (item 2 has it too)"),
    ]


def test_step_and_outcome_cannot_share_an_id(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("  - id: wait\n", "  - id: second\n"),
                 ("outcome: wait\n", "outcome: second\n"))
    assert _pathway_problems(tmp_path, text) == [
        (29, "'second' is the id of a step and of an outcome; rename one of them"),
        (19, "'outcome' names the step 'second'; write 'next: second' instead"),
    ]


def test_next_must_name_a_step(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("next: second", "next: secnd"))
    unreachable = "cannot be reached from the start; point an answer's"
    assert _pathway_problems(tmp_path, text) == [
        (12, "'next' names an unknown step 'secnd' (did you mean 'second'?)"),
        (13, f"step 'second' {unreachable} 'next' at it, or delete the step"),
        (25, f"outcome 'rehab' {unreachable} 'outcome' at it, or delete the outcome"),
        (29, f"outcome 'wait' {unreachable} 'outcome' at it, or delete the outcome"),
    ]


def test_next_naming_an_outcome_says_what_to_write(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("outcome: rehab", "next: rehab"))
    assert _pathway_problems(tmp_path, text) == [
        (17, "'next' names the outcome 'rehab'; write 'outcome: rehab' instead"),
        (25, "outcome 'rehab' cannot be reached from the start; point an answer's 'outcome' "
             "at it, or delete the outcome"),
    ]


def test_outcome_must_name_an_outcome(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("outcome: wait", "outcome: wiat"))
    assert _pathway_problems(tmp_path, text) == [
        (19, "'outcome' names an unknown outcome 'wiat' (did you mean 'wait'?)"),
        (29, "outcome 'wait' cannot be reached from the start; point an answer's 'outcome' "
             "at it, or delete the outcome"),
    ]


def test_answer_with_both_next_and_outcome(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ('      - label: "Yes"\n        outcome: rfa\n',
                           '      - {label: "Yes", outcome: rfa, next: second}\n      # both\n'))
    assert _pathway_problems(tmp_path, text) == [
        (9, "answer 'Yes' has both 'next' and 'outcome'; keep only one"),
    ]


def test_answer_with_neither_next_nor_outcome(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ('      - label: "Yes"\n        outcome: rfa\n',
                           '      - {label: "Yes"}\n      # neither\n'))
    assert _pathway_problems(tmp_path, text) == [
        (9, "answer 'Yes' needs 'next' (the id of a step) or 'outcome' (the id of an outcome)"),
        (21, "outcome 'rfa' cannot be reached from the start; point an answer's 'outcome' "
             "at it, or delete the outcome"),
    ]


def test_answer_labels_differ_within_a_step_ignoring_case(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("label: Not now", "label: yes"))
    assert _pathway_problems(tmp_path, text) == [
        (18, "duplicate answer 'yes' in step 'second' (answer 1 has it too)"),
    ]


def test_same_label_in_different_steps_is_fine(tmp_path: Path) -> None:
    # Both steps have a "Yes" answer in PATHWAY already.
    assert PATHWAY.count('label: "Yes"') == 2
    assert _pathway_problems(tmp_path, PATHWAY) == []


def test_unreachable_step(tmp_path: Path) -> None:
    text = PATHWAY.replace("outcomes:\n", (
        "  - id: lonely\n"
        "    question: Is anyone there?\n"
        "    answers:\n"
        "      - {label: 'Yes', outcome: rfa}\n"
        "      - {label: 'No', outcome: wait}\n"
        "outcomes:\n"), 1)
    assert _pathway_problems(tmp_path, text) == [
        (20, "step 'lonely' cannot be reached from the start; point an answer's 'next' at it, "
             "or delete the step"),
    ]


def test_loop_is_named_at_the_answer_that_closes_it(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("outcome: wait\n", "next: first\n"))
    assert _pathway_problems(tmp_path, text) == [
        (19, "steps form a loop: first -> second -> first; point one of these answers at a "
             "later step or an outcome"),
        (29, "outcome 'wait' cannot be reached from the start; point an answer's 'outcome' "
             "at it, or delete the outcome"),
    ]


def test_step_that_points_at_itself(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("outcome: wait\n", "next: second\n"))
    problems = _pathway_problems(tmp_path, text)
    assert problems[0] == (19, "steps form a loop: second -> second; point one of these "
                               "answers at a later step or an outcome")


def test_loop_without_exit_is_a_dead_end(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("outcome: rfa\n", "next: second\n"),
                 ("outcome: rehab\n", "next: first\n"), ("outcome: wait\n", "next: first\n"))
    unreachable = "cannot be reached from the start; point an answer's 'outcome' at it, or " \
                  "delete the outcome"
    dead_end = "never leads to an outcome; make sure one of its answers leads on, step by " \
               "step, to an outcome"
    assert _pathway_problems(tmp_path, text) == [
        (17, "steps form a loop: first -> second -> first; point one of these answers at a "
             "later step or an outcome"),
        (21, f"outcome 'rfa' {unreachable}"),
        (25, f"outcome 'rehab' {unreachable}"),
        (29, f"outcome 'wait' {unreachable}"),
        (6, f"step 'first' {dead_end}"),
        (13, f"step 'second' {dead_end}"),
    ]


def test_unknown_option_in_outcome(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("[keep-current-care]", "[keep-curent-care]"))
    assert _pathway_problems(tmp_path, text) == [
        (32, "unknown option 'keep-curent-care' (did you mean 'keep-current-care'?)"),
    ]


def test_option_listed_twice_in_outcome(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("[comprehensive-rehabilitation, physical-therapy]",
                           "[physical-therapy, physical-therapy]"))
    assert _pathway_problems(tmp_path, text) == [
        (28, "duplicate option 'physical-therapy' in 'options' (item 1 has it too)"),
    ]


def _model_errors(model: type[BaseModel], doc: Document) -> list[tuple[int, str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(doc.data)
    return [(doc.line_of(tuple(e["loc"])), describe(e, model, tuple(e["loc"])))
            for e in caught.value.errors(include_url=False)]


def test_model_needs_two_answers_and_refuses_unknown_keys(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ('      - label: "No"\n        next: second\n',
                           '      # one answer\n    nxt: second\n'))
    doc = _doc(tmp_path, text, "tiny.yaml")
    assert _model_errors(Pathway, doc) == [
        (8, "'answers' needs at least 2 item(s)"),
        (12, "unknown key 'nxt'"),
    ]


# --- parents and walk_order --------------------------------------------------------------


def test_parents_and_walk_order(tmp_path: Path) -> None:
    pathway, _ = _pathway(tmp_path)
    assert parents(pathway) == {"first": [], "second": ["first"], "rfa": ["first"],
                                "rehab": ["second"], "wait": ["second"]}
    assert walk_order(pathway) == ["first", "rfa", "second", "rehab", "wait"]


def test_walk_order_puts_everything_after_its_parents() -> None:
    for pathway, _ in _shipped_pathways():
        order = walk_order(pathway)
        assert sorted(order) == sorted([s.id for s in pathway.steps] +
                                       [o.id for o in pathway.outcomes])
        position = {node: i for i, node in enumerate(order)}
        for node, sources in parents(pathway).items():
            assert all(position[s] < position[node] for s in sources), node
        assert order[0] == pathway.start


# --- check_comparisons -------------------------------------------------------------------


def _comparisons(tmp_path: Path, text: str) -> tuple[Comparisons, Document]:
    doc = _doc(tmp_path, text, "comparisons.yaml")
    return Comparisons.model_validate(doc.data), doc


def _comparison_problems(tmp_path: Path, text: str, options: dict[str, Any] | None = None
                         ) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    comparisons, doc = _comparisons(tmp_path, text)
    errors, warnings = check_comparisons(
        comparisons, doc, options if options is not None else {i: _stub() for i in OPTION_IDS})
    assert all(not p.warning for p in errors) and all(p.warning for p in warnings)
    assert all(p.path == "content/comparisons.yaml" for p in errors + warnings)
    return [(p.line, p.message) for p in errors], [(p.line, p.message) for p in warnings]


def test_valid_comparisons(tmp_path: Path) -> None:
    assert _comparison_problems(tmp_path, COMPARISONS) == ([], [])


def test_comparison_unknown_option_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = COMPARISONS.replace("- spinal-cord-stimulation", "- spinal-cord-stimulaton")
    assert _comparison_problems(tmp_path, text) == ([
        (8, "unknown option 'spinal-cord-stimulaton' (did you mean 'spinal-cord-stimulation'?)"),
    ], [])
    text = COMPARISONS.replace("[mri-scan, ct-scan]", "[mri-scan, cat-scan]")
    assert _comparison_problems(tmp_path, text)[0] == [
        (15, "unknown option 'cat-scan' (did you mean 'ct-scan'?)"),
    ]


def test_comparison_duplicates(tmp_path: Path) -> None:
    text = (COMPARISONS.replace("id: second-table", "id: first-table")
            .replace("- spinal-cord-stimulation", "- radiofrequency-ablation")
            .replace("      - main_risks", "      - recovery"))
    assert _comparison_problems(tmp_path, text) == ([
        (12, "duplicate id 'first-table' in 'tables' (item 1 has it too)"),
        (8, "duplicate option 'radiofrequency-ablation' in 'options' (item 1 has it too)"),
        (11, "duplicate attribute 'recovery' in 'attributes' (item 1 has it too)"),
    ], [])


def test_missing_value_is_a_warning_that_shows_not_known(tmp_path: Path) -> None:
    options = {i: _stub() for i in OPTION_IDS}
    options["spinal-cord-stimulation"] = _stub(recovery=None, main_risks="  ")
    del options["ct-scan"].invasiveness  # an optional field the option does not have
    assert _comparison_problems(tmp_path, COMPARISONS, options) == ([], [
        (8, "option 'spinal-cord-stimulation' has no 'recovery' value, so its cell in table "
            "'first-table' says it is not known"),
        (8, "option 'spinal-cord-stimulation' has no 'main_risks' value, so its cell in table "
            "'first-table' says it is not known"),
        (15, "option 'ct-scan' has no 'invasiveness' value, so its cell in table "
             "'second-table' says it is not known"),
    ])


def test_unknown_attribute_is_refused_by_the_model(tmp_path: Path) -> None:
    doc = _doc(tmp_path, COMPARISONS.replace("[invasiveness]", "[price]"), "comparisons.yaml")
    errors = _model_errors(Comparisons, doc)
    assert len(errors) == 1
    line, message = errors[0]
    assert line == 16
    assert message.startswith("item 1 of 'attributes' must be one of: invasiveness, recovery")
    assert message.endswith("(got 'price')")


def test_cell_text() -> None:
    option = SimpleNamespace(evidence=ComparisonAttribute.recovery, recovery="A few days",
                             main_risks="")
    assert cell_text(option, ComparisonAttribute.evidence) == "recovery"  # an enum's value
    assert cell_text(option, ComparisonAttribute.recovery) == "A few days"
    assert cell_text(option, ComparisonAttribute.main_risks) is None
    assert cell_text(option, ComparisonAttribute.relief_duration) is None
    assert cell_text({"recovery": "Weeks"}, ComparisonAttribute.recovery) == "Weeks"


# --- shipped content ---------------------------------------------------------------------


def _shipped_pathways() -> list[tuple[Pathway, Document]]:
    files = sorted((ROOT / "content" / "pathways").glob("*.yaml"))
    found = []
    for path in files:
        doc, problems = read_yaml(path, f"content/pathways/{path.name}")
        assert problems == [] and doc is not None
        found.append((Pathway.model_validate(doc.data), doc))
    return found


def test_shipped_pathways_exist() -> None:
    names = {p.name for p in (ROOT / "content" / "pathways").glob("*.yaml")}
    assert {"after-epidural-injections.yaml", "after-facet-injections.yaml"} <= names


def test_shipped_pathways_have_no_problems() -> None:
    for pathway, doc in _shipped_pathways():
        assert [str(p) for p in check_pathway(pathway, doc, OPTION_IDS)] == []
        assert pathway.review.next_review_due > pathway.review.written


def test_every_shipped_step_reaches_an_outcome() -> None:
    for pathway, doc in _shipped_pathways():
        steps = {s.id: s for s in pathway.steps}
        outcomes = {o.id for o in pathway.outcomes}
        for step_id in steps:
            seen, todo, ends = set(), [step_id], set()
            while todo:
                current = todo.pop()
                if current in seen:
                    continue
                seen.add(current)
                for answer in steps[current].answers:
                    if answer.outcome:
                        ends.add(answer.outcome)
                    else:
                        todo.append(answer.next)
            assert ends and ends <= outcomes, f"{doc.path}: {step_id}"


def test_shipped_pathways_read_at_grade_8_or_below() -> None:
    for pathway, doc in _shipped_pathways():
        texts = [pathway.summary, pathway.intro]
        for step in pathway.steps:
            texts += [step.question, step.help or ""] + [a.label for a in step.answers]
        texts += [t for o in pathway.outcomes for t in (o.title, o.explanation)]
        assert measure("\n".join(texts)).grade <= 7.5, doc.path


def test_shipped_comparisons_have_no_errors() -> None:
    path = ROOT / "content" / "comparisons.yaml"
    doc, problems = read_yaml(path, "content/comparisons.yaml")
    assert problems == [] and doc is not None
    comparisons = Comparisons.model_validate(doc.data)
    errors, warnings = check_comparisons(comparisons, doc, {i: _stub() for i in OPTION_IDS})
    assert (errors, warnings) == ([], [])
    tables = {t.id: t for t in comparisons.tables}
    first = tables["after-a-failed-injection"]
    assert set(first.options) == {
        "radiofrequency-ablation", "spinal-cord-stimulation", "platelet-rich-plasma",
        "stem-cell-injection", "spinal-fusion", "comprehensive-rehabilitation",
        "keep-current-care"}
    assert set(first.attributes) == set(ComparisonAttribute)
    shown = [set(t.options) for t in comparisons.tables]
    for wanted in (
        {"medial-branch-block", "sacroiliac-joint-injection", "epidural-steroid-injection",
         "trigger-point-injection", "sympathetic-block"},
        {"mri-scan", "ct-scan", "spect-bone-scan", "medial-branch-block"},
        {"discectomy", "laminectomy", "foraminotomy", "spinal-fusion", "sacroiliac-joint-fusion"},
        {"gabapentinoids", "antidepressants-for-pain", "physical-therapy"},
    ):
        assert any(wanted <= options for options in shown), wanted
    assert comparisons.review.next_review_due.isoformat() == "2027-11-21"


# --- pathway_svg -------------------------------------------------------------------------


def test_svg_matches_golden_file(tmp_path: Path) -> None:
    pathway, _ = _pathway(tmp_path)
    svg = pathway_svg(pathway, OPTION_TITLES, dom_id="tiny")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(svg, encoding="utf-8")
    assert GOLDEN.is_file(), "golden file missing; run with UPDATE_GOLDEN=1 and review it"
    assert svg == GOLDEN.read_text(encoding="utf-8"), (
        "SVG changed; if intended, run UPDATE_GOLDEN=1 pytest tests/test_pathway.py and "
        "review the diff of tests/golden/pathway_small.svg")


def _check_svg(svg: str, columns: int = 1) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox", ""))
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text and desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "<script" not in svg.lower() and "foreignobject" not in svg.lower()
    assert "javascript:" not in svg.lower() and "href" not in svg.lower()
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}foreignObject", f"{SVG}image")
        assert not [a for a in element.attrib if a.lower().startswith("on")], element.attrib
        if element.get("font-size"):
            assert int(element.get("font-size", "0")) >= 14
        if element.tag == f"{SVG}text":
            assert len(element.text or "") <= 30
    tops: dict[str, int] = {}
    for rect in root.iter(f"{SVG}rect"):
        if "pw-box" in rect.get("class", ""):
            tops[rect.get("y", "")] = tops.get(rect.get("y", ""), 0) + 1
    assert tops and max(tops.values()) <= columns
    return root


def test_svg_is_safe_accessible_xml(tmp_path: Path) -> None:
    pathway, _ = _pathway(tmp_path)
    root = _check_svg(pathway_svg(pathway, OPTION_TITLES))
    assert root.get("aria-labelledby") == "pathway-title pathway-desc"
    classes = {e.get("class") for e in root.iter() if e.get("class")}
    assert {"pw-step pw-start", "pw-outcome-title", "pw-answer-text", "pw-edge"} <= {
        c for cls in classes for c in [cls, cls.replace("pw-box ", "")]}
    assert all(c.startswith("pw-") for cls in classes for c in cls.split())


def test_svg_escapes_text(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("title: Tiny", 'title: "Pain & relief < 5 > 3"'),
                 ("title: Ask about ablation", 'title: "Ablation \\"heat\\" & < more"'))
    pathway, _ = _pathway(tmp_path, text)
    svg = pathway_svg(pathway, {"radiofrequency-ablation": "Heat & <light>"}, dom_id="a&b")
    assert "&amp;" in svg and "&lt;" in svg and "<light>" not in svg
    root = _check_svg(svg)
    assert root.get("aria-labelledby") == "a-b-title a-b-desc"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Pain & relief < 5 > 3"
    texts = [e.text for e in root.iter(f"{SVG}text")]
    assert "\u2022 Heat & <light>" in texts


def test_svg_is_deterministic_and_handles_wider_layouts(tmp_path: Path) -> None:
    for pathway, _ in [*_shipped_pathways(), _pathway(tmp_path)]:
        titles = {i: i.replace("-", " ").capitalize() for i in OPTION_IDS}
        one = pathway_svg(pathway, titles)
        assert one == pathway_svg(pathway, titles)
        width = int(_check_svg(one).get("viewBox", "").split()[2])
        assert width <= 360  # one column: text stays near 14-15px on a 360px phone
        for columns in (2, 3):
            _check_svg(pathway_svg(pathway, titles, columns=columns), columns)


def test_svg_of_a_broken_pathway_still_draws(tmp_path: Path) -> None:
    text = _edit(PATHWAY, ("outcome: wait\n", "next: first\n"),
                 ("outcome: rehab", "outcome: nope"))
    pathway, _ = _pathway(tmp_path, text)
    _check_svg(pathway_svg(pathway, {}))
    pathway, _ = _pathway(tmp_path, _edit(PATHWAY, ("start: first", "start: gone")))
    _check_svg(pathway_svg(pathway, {}))


def test_svg_labels_start_and_options(tmp_path: Path) -> None:
    pathway, _ = _pathway(tmp_path)
    svg = pathway_svg(pathway, {}, start_label="Begin", description="Custom words.")
    root = _check_svg(svg)
    texts = [e.text for e in root.iter(f"{SVG}text")]
    assert "Begin" in texts
    assert "\u2022 radiofrequency-ablation" in texts  # no title given: the id is shown
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text == "Custom words."
