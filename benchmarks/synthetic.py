"""A synthetic content pack of any size, for the benchmarks (never shipped as content).

`write_pack(folder, n_options)` writes a complete project: `content/` (site, sources,
FAQs, tips, glossary, options, pathways, comparisons) plus a copy of the repository's
`mkdocs.yml` and `overrides/`. The text is plain, short-sentence English (grade 8 or
below under `patient-site check`), made of invented words so that nothing reads as
medical advice. The output depends only on `n_options`: the same call always writes
the same bytes.

Sizes follow the shipped content's proportions (27 options: 82 glossary terms, 17
questions, 14 tips, 2 pathways of about 20 steps and outcomes), so a pack of N options
has about 3 terms, 0.6 questions and 0.5 tips per option, one pathway per 25 options
and one comparison table of 5 options per 10 options.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

TERMS_PER_OPTION = 3
"""Glossary terms per option (the shipped content has 82 for 27 options)."""
FAQS_PER_OPTION = 0.6
TIPS_PER_OPTION = 0.5
OPTIONS_PER_PATHWAY = 25
OPTIONS_PER_TABLE = 5
OPTIONS_PER_COMPARISON = 10
OPTIONS_PER_SOURCE = 10

CATEGORIES = ["understanding", "tests", "injections", "procedures", "regenerative",
              "medicines", "therapy", "surgery", "staying"]
KIND = {"understanding": "guide", "tests": "scan", "injections": "shot", "procedures": "treatment",
        "regenerative": "shot", "medicines": "pill", "therapy": "class", "surgery": "surgery",
        "staying": "plan"}
INVASIVENESS = {"understanding": "none", "tests": "none", "injections": "needle",
                "procedures": "needle", "regenerative": "needle", "medicines": "none",
                "therapy": "none", "surgery": "surgery", "staying": "none"}
SYLLABLES = ["ba", "ko", "ti", "mu", "ra", "se", "lo", "ne", "da", "vi",
             "pe", "zu", "fa", "go", "hi", "ja", "ke", "mi", "no", "su"]
BODY = ["nerve", "joint", "muscle", "disc", "bone", "cord", "pad", "root", "band", "gap"]
THINGS = ["your back", "your neck", "your legs", "your hips", "your sleep", "your work",
          "your walks", "your day", "your mood", "your pain"]
VERBS = ["walk", "sleep", "sit", "stand", "bend", "lift", "rest", "work", "drive", "play"]
TIMES = ["a few days", "a week", "two weeks", "a month", "a few months", "about a year"]
REVIEW = {"written": "2026-01-15", "next_review_due": "2099-01-15"}

SENTENCES = [
    "This can help some people with {thing}.",
    "It does not help everyone.",
    "Your doctor will talk with you about the {term}.",
    "The {term} can make it hard to {verb}.",
    "Most people go home on the same day.",
    "You may feel sore for {time}.",
    "Ask your doctor what to expect.",
    "Some people feel better after {time}.",
    "It may take {time} to know if it works.",
    "You can stop at any time.",
    "Tell your doctor if the pain gets worse.",
    "Keep a note of how you feel each day.",
    "A nurse will check on you before you leave.",
    "It is best to rest for a short time after.",
    "Bring a friend if you can.",
    "You may need to try it more than once.",
    "This works on the {term} near the spine.",
    "The goal is to make it easier to {verb}.",
    "Many people use it with other care.",
    "It is not a cure, but it may ease the pain.",
    "Write down your questions before the visit.",
    "Your care team can help you plan the next step.",
    "It can change how well you {verb}.",
    "Some people need help at home for {time}.",
]


def word(index: int) -> str:
    """An invented word that is unique for each index: two or more syllables."""
    digits = [SYLLABLES[index % 20], SYLLABLES[(index // 20) % 20]]
    rest = index // 400
    while rest:
        digits.append(SYLLABLES[rest % 20])
        rest //= 20
    return "".join(digits)


def option_id(i: int) -> str:
    return f"{word(i)}-{KIND[CATEGORIES[i % len(CATEGORIES)]]}"


def option_title(i: int) -> str:
    return f"{word(i).capitalize()} {KIND[CATEGORIES[i % len(CATEGORIES)]]}"


def term_name(k: int) -> str:
    return f"{word(k + 7000)} {BODY[k % len(BODY)]}"


def term_id(k: int) -> str:
    return term_name(k).replace(" ", "-")


MAX_ITEMS_PER_FILE = 6_000
"""Most glossary terms in a pack; questions and tips stop at a quarter of it."""


class _Writer:
    """Builds all files of one pack from one seeded random generator per item."""

    def __init__(self, n_options: int, one_category: bool = False):
        self.one_category = one_category
        if n_options < 2:
            raise ValueError("a pack needs at least 2 options (comparison tables hold two or more)")
        self.n = n_options
        # The glossary, questions and tips are one file each: they stop growing before they
        # reach the 1 MB a content file may have (at about 3,000 options).
        self.n_terms = min(MAX_ITEMS_PER_FILE, max(12, TERMS_PER_OPTION * n_options))
        self.n_faqs = min(MAX_ITEMS_PER_FILE // 4, max(4, round(FAQS_PER_OPTION * n_options)))
        self.n_tips = min(MAX_ITEMS_PER_FILE // 4, max(3, round(TIPS_PER_OPTION * n_options)))
        self.n_sources = max(2, n_options // OPTIONS_PER_SOURCE)
        self.n_pathways = max(1, round(n_options / OPTIONS_PER_PATHWAY))
        self.n_tables = max(1, round(n_options / OPTIONS_PER_COMPARISON))

    # --- text ------------------------------------------------------------------------------

    def sentence(self, rng: random.Random, terms: list[int]) -> str:
        template = rng.choice(SENTENCES)
        return template.format(thing=rng.choice(THINGS), verb=rng.choice(VERBS),
                               time=rng.choice(TIMES), term=term_name(rng.choice(terms)))

    def paragraph(self, rng: random.Random, terms: list[int], count: int,
                  links: tuple[str, ...] = ()) -> str:
        sentences = [self.sentence(rng, terms) for _ in range(count)]
        for link in links:
            sentences.insert(rng.randrange(len(sentences) + 1), link)
        lines, line = [], ""
        for text in sentences:  # wrap like a hand-written block scalar
            if line and len(line) + len(text) > 76:
                lines.append(line)
                line = text
            else:
                line = f"{line} {text}".strip()
        lines.append(line)
        return "\n".join(lines) + "\n"

    def own_terms(self, i: int) -> list[int]:
        """The glossary terms an option's text uses: its own three, spread over the glossary."""
        return [(i * TERMS_PER_OPTION + j) % self.n_terms for j in range(TERMS_PER_OPTION)]

    def option_link(self, i: int) -> str:
        return f"You can also read about [{option_title(i).lower()}](option:{option_id(i)})."

    def term_link(self, k: int) -> str:
        return f"Learn what the [{term_name(k)}](term:{term_id(k)}) is."

    # --- files -----------------------------------------------------------------------------

    def option(self, i: int) -> dict[str, Any]:
        rng = random.Random(f"option-{i}")
        category = "procedures" if self.one_category else CATEGORIES[i % len(CATEGORIES)]
        terms = self.own_terms(i)
        name = option_title(i)
        related = [j for j in dict.fromkeys((i + step) % self.n for step in (1, 2, 7)) if j != i]
        evidence = ["established", "emerging", "established", "experimental"][i % 4]
        steps = "".join(f"- {self.sentence(rng, terms)} {self.sentence(rng, terms)}\n"
                        for _ in range(5))
        return {
            "title": name,
            "also_called": [f"{word(i).upper()} {KIND[category]}"],
            "category": category,
            "order": i,
            "summary": f"{name} is one of the next steps after a shot that did not help. "
                       f"{self.sentence(rng, terms)}",
            "what_it_is": self.paragraph(rng, terms, 8, (self.term_link(terms[0]),)),
            "who_it_may_help": self.paragraph(rng, terms, 6, (self.option_link(related[0]),)),
            "how_it_is_done": steps,
            "what_it_is_like": self.paragraph(rng, terms, 6),
            "benefits": [f"{self.sentence(rng, terms)} {self.sentence(rng, terms)}" for _ in range(5)],
            "risks": [f"{self.sentence(rng, terms)} {self.sentence(rng, terms)}" for _ in range(5)],
            "invasiveness": INVASIVENESS[category],
            "recovery": rng.choice(TIMES).capitalize(),
            "relief_duration": f"From {rng.choice(TIMES)} to {rng.choice(TIMES)}",
            "main_risks": "Soreness; rarely an infection or bleeding",
            "evidence": evidence, "evidence_sources": [f"source-{i % self.n_sources}"],
            "evidence_note": self.paragraph(rng, terms, 4),
            "trial_or_test_first": "Yes, a test first" if i % 3 == 0 else "No",
            "questions_to_ask": [
                f"How could the {name.lower()} help me?",
                f"How long does it take to {rng.choice(VERBS)} again?",
                "What are the main risks for me?",
                "What happens if I wait?",
            ],
            "related": [option_id(j) for j in related],
            "sources": sorted({f"source-{i % self.n_sources}",
                               f"source-{(i * 7 + 1) % self.n_sources}"}),
            "review": REVIEW,
        }

    def glossary(self) -> dict[str, Any]:
        terms = []
        for k in range(self.n_terms):
            rng = random.Random(f"term-{k}")
            entry: dict[str, Any] = {"id": term_id(k), "term": term_name(k)}
            if k % 2:
                entry["also_called"] = [f"{term_name(k)}s"]
            entry["definition"] = (f"A small {BODY[k % len(BODY)]} in the back that helps you "
                                   f"{rng.choice(VERBS)}.")
            terms.append(entry)
        return {"intro": "This list explains the words used on this site in plain language.\n"
                         "Point at an underlined word on a page to see what it means.\n",
                "terms": terms, "review": REVIEW}

    def faqs(self) -> dict[str, Any]:
        questions = []
        for q in range(self.n_faqs):
            rng = random.Random(f"faq-{q}")
            first, second = (q * 5) % self.n, (q * 5 + 3) % self.n
            questions.append({
                "id": f"question-{q}",
                "question": f"Is the {option_title(first).lower()} right for me?",
                "answer": self.paragraph(rng, self.own_terms(first), 4, (self.option_link(first),)),
                "related": list(dict.fromkeys([option_id(first), option_id(second)])),
            })
        return {"intro": "These are questions many people ask when a shot did not help.\n"
                         "The answers are short. Take your own questions to your doctor.\n",
                "questions": questions, "review": REVIEW}

    def tips(self) -> dict[str, Any]:
        tips = []
        for t in range(self.n_tips):
            rng = random.Random(f"tip-{t}")
            about = (t * 3) % self.n
            tips.append({
                "id": f"tip-{t}",
                "title": f"Plan how you {rng.choice(VERBS)} each day",
                "text": self.paragraph(rng, self.own_terms(about), 4, (self.option_link(about),)),
                "related": [option_id(about)],
            })
        return {"intro": "These tips can help you take part in your own care.\n",
                "tips": tips, "review": REVIEW}

    def sources(self) -> dict[str, Any]:
        sources = []
        for s in range(self.n_sources):
            entry = {"id": f"source-{s}", "title": f"Background article {s + 1}",
                     "description": "A plain article about next steps when a back shot did not help."}
            if s % 2 == 0:
                entry["url"] = f"https://example.org/articles/{s + 1}"
            sources.append(entry)
        return {"sources": sources}

    def pathway(self, p: int) -> dict[str, Any]:
        """Six questions and eight outcomes, a tree; outcomes name this pathway's block of options."""
        block = [j % self.n for j in range(p * OPTIONS_PER_PATHWAY,
                                           p * OPTIONS_PER_PATHWAY + OPTIONS_PER_PATHWAY)]
        block = list(dict.fromkeys(block))
        rng = random.Random(f"pathway-{p}")
        tree = {  # step -> answers as (label, kind, target)
            0: [("Yes", "next", 1), ("No", "next", 2), ("I am not sure", "outcome", 0)],
            1: [("Yes", "next", 3), ("No", "outcome", 1)],
            2: [("Yes", "next", 4), ("No", "outcome", 2)],
            3: [("Yes", "next", 5), ("No", "outcome", 3)],
            4: [("Yes", "outcome", 4), ("No", "outcome", 5)],
            5: [("Yes", "outcome", 6), ("No", "outcome", 7)],
        }
        steps = [{
            "id": f"question-{s}",
            "question": f"Does the pain make it hard to {VERBS[(s + p) % len(VERBS)]}?",
            "help": self.paragraph(rng, self.own_terms(block[s % len(block)]), 2),
            "answers": [{"label": label, kind: f"question-{target}" if kind == "next"
                         else f"result-{target}"} for label, kind, target in answers],
        } for s, answers in tree.items()]
        outcomes = []
        for o in range(8):
            named = list(dict.fromkeys(block[(o * 3 + j) % len(block)] for j in range(4)))
            outcomes.append({
                "id": f"result-{o}",
                "title": f"Ask about the {option_title(named[0]).lower()}",
                "explanation": self.paragraph(rng, self.own_terms(named[0]), 4),
                "options": [option_id(j) for j in named],
            })
        return {
            "title": f"Guide {p + 1}: after a shot that did not help",
            "summary": "Answer a few short questions to see which next steps you could talk "
                       "about with your doctor.",
            "intro": "This guide is for you if a shot did not ease your pain.\n"
                     "Answer one question at a time.\n",
            "start": "question-0", "steps": steps, "outcomes": outcomes, "review": REVIEW,
        }

    def comparisons(self) -> dict[str, Any]:
        size = min(OPTIONS_PER_TABLE, self.n)
        tables = []
        for t in range(self.n_tables):
            members = list(dict.fromkeys((t * OPTIONS_PER_COMPARISON + 2 * j) % self.n
                                         for j in range(size)))
            if len(members) < 2:
                members = [t % self.n, (t + 1) % self.n]
            tables.append({
                "id": f"table-{t}",
                "title": f"Table {t + 1}: {option_title(members[0])} and others",
                "intro": "These options are side by side. Ask your doctor which fits you.\n",
                "options": [option_id(j) for j in members],
                "attributes": ["invasiveness", "recovery", "relief_duration", "main_risks",
                               "evidence", "trial_or_test_first"],
            })
        return {"intro": "Compare the options side by side.\n", "tables": tables, "review": REVIEW}

    def site(self) -> dict[str, Any]:
        return {
            "title": "Synthetic benchmark site",
            "description": "Plain help for people whose back shots did not ease their pain.",
            "language": "en",
            "contact": {"clinic_name": "Bench clinic", "phone": "555 0100",
                        "urgent_phone": "555 0199", "emergency_number": "911"},
            "welcome": "This site is for people who had a back shot that did not help.\n\n"
                       "- Read the [step-by-step guide](page:pathway).\n"
                       "- Look at the options, or [compare them](page:compare).\n"
                       "- Use the [tips](page:tips) and [common questions](page:faq).\n",
            "disclaimer": "This site gives general facts only. It does not replace advice from "
                          "your own doctor.\n",
            "urgent_help": {"title": "When to get help right away", "levels": [
                {"id": "emergency", "urgency": "emergency", "heading": "Get help now",
                 "symptoms": ["New loss of control of your bladder", "Weak legs that get worse fast"],
                 "action": "Call {emergency_number} now.\n"},
                {"id": "same-day", "urgency": "urgent", "heading": "Call the same day",
                 "symptoms": ["Back pain with a fever", "Redness where you had a shot"],
                 "action": "Call {urgent_phone} today.\n"},
            ]},
            "about": {key: "We wrote this site in plain words. A doctor should check it.\n"
                      for key in ("how_written", "review_process", "update_policy", "funding",
                                  "conflicts_of_interest")},
            "review": REVIEW,
        }


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` block scalars, like a hand-written content file."""


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _text)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def pack_files(n_options: int, one_category: bool = False) -> dict[str, str]:
    """Every content file of a pack of `n_options` options, by path under the project; with
    `one_category`, every option is in the same category (the navigation's worst case)."""
    w = _Writer(n_options, one_category)
    files = {
        "content/site.yaml": dump(w.site()),
        "content/sources.yaml": dump(w.sources()),
        "content/faqs.yaml": dump(w.faqs()),
        "content/tips.yaml": dump(w.tips()),
        "content/glossary.yaml": dump(w.glossary()),
        "content/comparisons.yaml": dump(w.comparisons()),
    }
    for i in range(n_options):
        files[f"content/options/{option_id(i)}.yaml"] = dump(w.option(i))
    for p in range(w.n_pathways):
        files[f"content/pathways/guide-{p + 1}.yaml"] = dump(w.pathway(p))
    return files


def write_pack(folder: Path, n_options: int, one_category: bool = False) -> Path:
    """Write a complete project of `n_options` options into `folder` (emptied first); return it."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    for relative, text in pack_files(n_options, one_category).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    return folder


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Write a synthetic content pack.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("options", type=int)
    parser.add_argument("--one-category", action="store_true",
                        help="put every option in the same category")
    args = parser.parse_args()
    write_pack(args.folder, args.options, args.one_category)
    print(f"Wrote a pack of {args.options} options to {args.folder}")


if __name__ == "__main__":
    main()
