"""The shipped content pack: complete, balanced, plain, and written fresh from the sources."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.content.model import Evidence
from generator.content.validate import load_content
from generator.quality.grading import page_grades
from generator.render.render import render_site

from .conftest import ROOT

SEEDS = Path(os.environ.get("PATIENT_SITE_SEEDS", ROOT.parent / "shared" / "seeds"))
"""The two source articles. They are not part of this repository: they sit beside it in
../shared/seeds, or wherever PATIENT_SITE_SEEDS points."""

OPTIONS = {
    "why-injections-fail", "mri-scan", "ct-scan", "spect-bone-scan", "medial-branch-block",
    "sacroiliac-joint-injection", "epidural-steroid-injection", "trigger-point-injection",
    "sympathetic-block", "radiofrequency-ablation", "platelet-rich-plasma", "stem-cell-injection",
    "spinal-cord-stimulation", "intrathecal-drug-pump", "gabapentinoids", "antidepressants-for-pain",
    "physical-therapy", "pain-education", "psychological-support", "comprehensive-rehabilitation",
    "surgical-consultation", "discectomy", "laminectomy", "foraminotomy", "spinal-fusion",
    "sacroiliac-joint-fusion", "keep-current-care",
}
"""Every option and test the source articles describe, plus waiting (decision-aid standards)."""

SOURCE_FAQS = {"no-relief-facet-joints", "which-scans-help", "rfa-versus-facet-injection",
               "is-fusion-next", "can-physical-therapy-help", "how-long-rfa-lasts"}
EXTRA_FAQS = {"prepare-for-appointment", "what-to-ask-doctor"}
SOURCE_TIPS = {"keep-a-pain-diary", "get-a-second-opinion", "ask-about-medial-branch-blocks",
               "ask-about-scans", "ask-about-other-injection-targets",
               "do-structured-physical-therapy", "look-after-your-mood",
               "learn-about-spinal-cord-stimulation"}
FINDABLE_NAMES = [
    "MRI", "CT scan", "SPECT bone scan", "medial branch block", "sacroiliac joint injection",
    "epidural steroid injection", "trigger point injection", "sympathetic block",
    "radiofrequency ablation", "rhizotomy", "platelet-rich plasma", "stem cells",
    "spinal cord stimulation", "intrathecal drug pump", "gabapentinoids", "antidepressants",
    "physical therapy", "McKenzie method", "core stabilization", "therapeutic exercise",
    "manual therapy", "pain education", "self-management", "cognitive behavioral therapy",
    "comprehensive rehabilitation", "discectomy", "laminectomy", "foraminotomy", "spinal fusion",
    "sacroiliac joint fusion", "surgical consultation", "watchful waiting",
]


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT).content


def test_every_option_the_sources_describe_has_its_page(content):
    assert set(content.options) >= OPTIONS


def test_all_source_faqs_and_tips_are_there_with_the_obvious_extras(content):
    faq_ids = {q.id for q in content.faqs.questions}
    assert faq_ids >= SOURCE_FAQS | EXTRA_FAQS
    assert {t.id for t in content.tips.tips} >= SOURCE_TIPS


@pytest.mark.parametrize("name", FINDABLE_NAMES)
def test_each_treatment_is_findable_in_the_glossary_by_its_own_name(content, name):
    names = {n.lower() for t in content.glossary.terms for n in (t.term, *t.also_called)}
    assert name.lower() in names


def test_each_glossary_definition_is_one_sentence(content):
    for term in content.glossary.terms:
        assert len(re.findall(r"[.!?](\s|$)", term.definition)) == 1, term.term


def test_regenerative_injections_are_labelled_experimental(content):
    for option_id in ("platelet-rich-plasma", "stem-cell-injection"):
        assert content.options[option_id].evidence == Evidence.experimental


def test_benefits_and_risks_get_equal_detail(content):
    for option_id, option in content.options.items():
        benefit_words = sum(len(b.split()) for b in option.benefits)
        risk_words = sum(len(r.split()) for r in option.risks)
        assert abs(len(option.benefits) - len(option.risks)) <= 1, option_id
        assert 0.6 <= benefit_words / risk_words <= 1.67, option_id


def test_no_option_is_called_a_cure(content):
    for option_id, option in content.options.items():
        text = " ".join([option.summary, option.what_it_is, *option.benefits]).lower()
        claims = re.findall(r"(?<!not a )(?<!not )(?<!no )\b(?:cures?|guarantee[sd]?)\b", text)
        assert claims == [], option_id


def test_every_shipped_page_reads_at_grade_8_or_below(content):
    rendered = render_site(content, ROOT)
    grades = page_grades(rendered.pages)
    assert [g.page for g in grades] == [p.path for p in rendered.pages]
    assert [(g.page, g.grade) for g in grades if g.grade > 8.0] == []


def test_every_listed_source_is_used_by_a_page(content):
    """Never list a source the content does not use: each is cited by an option, or it guides
    the urgent-help box, which every page shows (and its entry says so)."""
    cited = {source for option in content.options.values() for source in option.sources}
    for source in content.sources.sources:
        assert source.id in cited or "urgent help box" in source.description, source.id


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9%]+", text.lower().replace("’", "'"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the source articles are not here ({SEEDS}); "
                    "set PATIENT_SITE_SEEDS to their folder to run this check")
def test_no_sentence_is_copied_from_the_source_articles():
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 2, f"expected the two source articles in {SEEDS}"
    run = 8
    source_runs = set()
    for seed in seeds:
        words = _words(seed.read_text(encoding="utf-8"))
        source_runs |= {tuple(words[i:i + run]) for i in range(len(words) - run + 1)}
    copied = []
    for path in sorted((ROOT / "content").rglob("*.yaml")):
        words = _words(path.read_text(encoding="utf-8"))
        copied += [(path.name, " ".join(words[i:i + run])) for i in range(len(words) - run + 1)
                   if tuple(words[i:i + run]) in source_runs]
    assert copied == []
