"""The typed content model: what each YAML file in `content/` may hold.

Every field carries a docstring. Pydantic reads them (`use_attribute_docstrings`) into the JSON
Schema (`patient-site schema`), which editors' tools show as hover help and completion.
Models are frozen: templates receive them read-only and never see raw dicts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from .prose import check_filled_plain, check_filled_prose, check_plain
from .translation import may_be_translated, same_in_every_language

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)

Prose = Annotated[str, AfterValidator(check_filled_prose)]
"""Text that may use Markdown emphasis, lists and links, but no HTML, and the clinic's
{phone}, {urgent_phone}, {emergency_number}, {crisis_number} and {clinic_name}: "call
{emergency_number}" says 911, 999 or 112 as the clinic's country needs."""

Plain = Annotated[str, AfterValidator(check_plain)]
"""One line of plain text: no Markdown structure, no HTML."""

FilledProse = Annotated[str, AfterValidator(check_filled_prose)]
"""Prose that may use the clinic's {phone}, {urgent_phone} and {emergency_number}."""

FilledPlain = Annotated[str, AfterValidator(check_filled_plain)]
"""Plain text that may use the clinic's {phone}, {urgent_phone} and {emergency_number}."""

Id = Annotated[str, Field(pattern=ID_PATTERN)]
"""A stable id: lower-case letters, digits and single hyphens, like `spinal-cord-stimulation`."""


class Model(BaseModel):
    """Base for every content model: frozen, strict about unknown keys, documented."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        use_attribute_docstrings=True,
    )


class Category(StrEnum):
    """The group an option belongs to. The order here is the order in navigation."""

    understanding = "understanding"
    tests = "tests"
    injections = "injections"
    procedures = "procedures"
    regenerative = "regenerative"
    medicines = "medicines"
    therapy = "therapy"
    surgery = "surgery"
    staying = "staying"


class Invasiveness(StrEnum):
    """How much is done to the body, from nothing to open surgery."""

    none = "none"
    needle = "needle"
    implant = "implant"
    surgery = "surgery"


class Evidence(StrEnum):
    """How well research supports an option, as a named source says."""

    established = "established"
    guideline = "guideline"
    emerging = "emerging"
    experimental = "experimental"
    advised_against = "advised_against"


class Review(Model):
    """When the page was written, and its clinical review. A page says "Last reviewed" only
    once a clinician has reviewed it; until then it shows as a draft."""

    written: dt.date
    """Date the content was written or last changed, as YYYY-MM-DD."""
    next_review_due: dt.date
    """Date by which a clinician must review the page (again), as YYYY-MM-DD. `check` warns
    after it; `check --publish` fails."""
    reviewed_by: Plain | None = Field(default=None, json_schema_extra=same_in_every_language())
    """Name of the clinician who reviewed the page. Leave it out until one has."""
    reviewer_role: Plain | None = Field(default=None, json_schema_extra=may_be_translated())
    """The reviewer's role, such as "Consultant in pain medicine"."""
    last_reviewed: dt.date | None = None
    """Date the clinician reviewed the page, as YYYY-MM-DD."""

    @model_validator(mode="after")
    def _complete_and_in_order(self) -> Review:
        given = [self.reviewed_by, self.reviewer_role, self.last_reviewed]
        if any(v is not None for v in given) and not all(v is not None for v in given):
            raise ValueError("a clinical review needs all three of 'reviewed_by', "
                             "'reviewer_role' and 'last_reviewed'")
        after = self.last_reviewed or self.written
        if self.next_review_due <= after:
            which = "last_reviewed" if self.last_reviewed else "written"
            raise ValueError(f"'next_review_due' ({self.next_review_due.isoformat()}) must come "
                             f"after '{which}' ({after.isoformat()})")
        return self

    @property
    def reviewed(self) -> bool:
        """Whether a clinician has reviewed the page."""
        return self.last_reviewed is not None


class Chance(Model):
    """One figure of "about N in 100 people": what happened, to whom, over what time, and the
    source that gives it. Pages show it as 100 figures with N filled in, and as the sentence
    "About {number} in 100 {who} {outcome} {time}." Write `who`, `outcome` and `time` so that
    sentence reads well. Never give a figure a named source does not give."""

    outcome: Plain
    """What happened, as it ends the sentence, such as "had half their pain gone"."""
    number: int = Field(ge=0, le=100)
    """How many in 100 people, a whole number from 0 to 100, as the source gives it."""
    who: Plain
    """Which people, such as "people who had RFA after a good test block"."""
    time: Plain
    """Over what time, such as "6 months later"."""
    source: Id
    """Id in `content/sources.yaml` of the source that gives this figure. Required: a figure
    without a source is refused."""


class Option(Model):
    """One treatment, test or next step: `content/options/<id>.yaml`. The id is the file name."""

    title: Plain
    """Name patients know it by, such as "Radiofrequency ablation"."""
    also_called: list[Plain] = []
    """Other names and abbreviations, such as "RFA" or "rhizotomy": shown under the title, and
    found by search."""
    search_words: list[Plain] = []
    """Words a patient may type when looking for this option that are not its names, such as
    "burn the nerve" or "back surgery": search finds the option by them, ranked as its names,
    and they are not shown on any page."""
    category: Category
    """The navigation group this option belongs to."""
    order: int = 100
    """Position within its category; smaller comes first, ties sorted by title."""
    summary: Plain = Field(max_length=300)
    """One or two plain sentences. Shown in lists and used as the page description."""
    what_it_is: Prose
    """What this option is, in everyday words."""
    who_it_may_help: Prose
    """Who this may suit and who it does not suit."""
    how_it_is_done: Prose
    """What happens, step by step, from the patient's side."""
    what_it_is_like: Prose
    """What living through it is like: time, discomfort, visits, daily life."""
    benefits: list[Prose] = Field(min_length=1)
    """What it may do for you. Give as much detail as the risks."""
    risks: list[Prose] = Field(min_length=1)
    """Main risks, harms and downsides. Give as much detail as the benefits."""
    invasiveness: Invasiveness
    """How invasive it is: none, needle, implant or surgery."""
    recovery: Plain
    """Short answer for comparison tables: how long until normal activity."""
    relief_duration: Plain
    """Short answer for comparison tables: how long relief may last."""
    main_risks: Plain
    """Short answer for comparison tables: the main risks in a few words."""
    evidence: Evidence | None = None
    """How well research supports it: established, guideline (a guideline says to consider
    it), emerging, experimental or advised_against (a guideline advises against it). Only with
    `evidence_sources` that say so; leave it out where no source grades this option, and pages
    say that our sources do not grade it. Experimental options are labelled on every page."""
    evidence_sources: list[Id] = []
    """Ids from `content/sources.yaml` that support the `evidence` label."""
    evidence_note: Prose
    """What is known and what is uncertain about how well it works."""
    trial_or_test_first: Plain
    """Short answer for comparison tables: whether a trial or test block comes first."""
    questions_to_ask: list[Plain] = Field(min_length=1)
    """Questions a patient could ask their doctor about this option."""
    chances: list[Chance] = []
    """Optional figures of "about N in 100 people", each with its source. Leave it out where
    no named source gives such a figure: the page then says no reliable figures are known."""
    related: list[Id] = []
    """Ids of other options to link to, such as `medial-branch-block`."""
    sources: list[Id] = Field(min_length=1)
    """Ids from `content/sources.yaml` that the facts on this page come from."""
    review: Review
    """Review dates for this page."""

    @property
    def experimental(self) -> bool:
        """Whether the research calls it experimental: every page that shows or lists it says so."""
        return self.evidence == Evidence.experimental


class Faq(Model):
    """One question and its answer."""

    id: Id
    """Stable id; also the anchor in the page address, like `faq.html#what-is-rfa`."""
    question: Plain
    """The question as a patient would ask it."""
    answer: Prose
    """A short, plain answer."""
    related: list[Id] = []
    """Ids of options the answer is about."""


class FaqPage(Model):
    """`content/faqs.yaml`: frequently asked questions."""

    intro: Prose
    """A sentence or two at the top of the page."""
    questions: list[Faq] = Field(min_length=1)
    """The questions, in the order shown."""
    review: Review
    """Review dates for this page."""


class Tip(Model):
    """One practical tip."""

    id: Id
    """Stable id; also the anchor on the tips page."""
    title: Plain
    """The tip in a few words."""
    text: Prose
    """What to do and why."""
    related: list[Id] = []
    """Ids of options this tip is about."""


class TipsPage(Model):
    """`content/tips.yaml`: practical tips."""

    intro: Prose
    """A sentence or two at the top of the page."""
    tips: list[Tip] = Field(min_length=1)
    """The tips, in the order shown."""
    review: Review
    """Review dates for this page."""


class Term(Model):
    """One glossary entry."""

    id: Id
    """Stable id; also the anchor on the glossary page."""
    term: Plain
    """The word as it appears on pages, such as "Medial branch nerves"."""
    also_called: list[Plain] = []
    """Abbreviations or other spellings, such as "MRI". Each gets the same tooltip."""
    definition: Plain
    """One plain sentence that explains the term."""


class Glossary(Model):
    """`content/glossary.yaml`: every medical term the pages use."""

    intro: Prose
    """A sentence or two at the top of the page."""
    terms: list[Term] = Field(min_length=1)
    """The terms. The page sorts them A to Z."""
    review: Review
    """Review dates for this page."""


class Source(Model):
    """A source the facts come from, named exactly. Never list a source the content does not
    use, and never one you cannot name: leave a fact out instead."""

    id: Id
    """Stable id that options list under `sources` and `evidence_sources`."""
    authors: Plain | None = Field(default=None, json_schema_extra=same_in_every_language())
    """The authors, or the body that issued it, such as "National Institute for Health and
    Care Excellence (NICE)". Leave out only when they are not known, and say so in
    `description`."""
    title: Plain | None = Field(default=None, json_schema_extra=same_in_every_language())
    """The exact title, the same in every language. A source with no title of its own (an
    article given to the editors, never published) has a `name` instead."""
    name: Plain | None = None
    """The editors' name for a source with no title of its own, such as "Background article:
    next steps when facet joint injections do not help"; translated like other text. Give
    either `title` or `name`."""
    published_in: Plain | None = Field(default=None, json_schema_extra=same_in_every_language())
    """The journal, publisher or website and any number, such as "NICE guideline NG59"."""
    year: int | None = Field(default=None, ge=1900, le=2100)
    """Year of publication, or of the version used."""
    short_name: Plain | None = Field(default=None, json_schema_extra=may_be_translated())
    """How pages name it in a sentence, such as "NICE NG59". Defaults to the title."""
    description: Plain
    """What it covers, and what this site uses it for."""
    url: Annotated[str, Field(pattern=r"^https://")] | None = None
    """Web address, if the source is published online (https only)."""
    doi: Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    """Digital Object Identifier, such as `10.1000/xyz123`, where one exists."""

    @model_validator(mode="after")
    def _title_or_name(self) -> Source:
        if (self.title is None) == (self.name is None):
            raise ValueError("give 'title' (the exact title of a published work) or 'name' (the "
                             "editors' name for a source with no title)"
                             + (", not both" if self.title else ""))
        return self


class Sources(Model):
    """`content/sources.yaml`: where the facts come from."""

    sources: list[Source] = Field(min_length=1)
    """Every source cited by an option."""


class Country(StrEnum):
    """The clinic's country: picks the emergency and crisis numbers when they are left out."""

    US = "US"
    UK = "UK"
    EU = "EU"


EMERGENCY_NUMBERS = {Country.US: "911", Country.UK: "999", Country.EU: "112"}
"""The emergency number of each country, used when `emergency_number` is left out."""
NO_CRISIS_NUMBER = "your local crisis line"
"""What {crisis_number} says where no crisis line is known (`check --publish` fails on it)."""
CRISIS_NUMBERS = {Country.US: "988", Country.UK: "116 123"}
"""The mental-health crisis line of each country (US: the 988 Suicide & Crisis Lifeline; UK:
Samaritans), used when `crisis_number` is left out. EU countries differ: give your own."""

HttpsUrl = Annotated[str, Field(pattern=r"^https://[^\s<>\"'`\\()]+$")]
"""One web address starting with https://, with no spaces, quotes or brackets (pages put it in
a Markdown link, which such a character would end early)."""


class Contact(Model):
    """How patients reach the clinic. Shown in the footer of every page; the About page holds
    the rest (hours, address, directions)."""

    clinic_name: Plain = Field(json_schema_extra=may_be_translated())
    """The clinic's name, shown in the footer and on printouts."""
    phone: Plain = Field(json_schema_extra=may_be_translated())
    """Main phone number for appointments and questions. A translation may give it only to
    put the placeholder into its own words: the digits are the same in every language."""
    urgent_phone: Plain = Field(json_schema_extra=may_be_translated())
    """Number for same-day advice (for example a nurse line)."""
    country: Country = Country.US
    """The clinic's country, US, UK or EU: picks the emergency number (911, 999, 112) and the
    crisis line (US 988, UK 116 123) when they are left out."""
    emergency_number: Plain = Field(default="", json_schema_extra=same_in_every_language())
    """Emergency number in the clinic's country. Leave out to use the country's (`country`)."""
    crisis_number: Plain | None = Field(default=None, json_schema_extra=same_in_every_language())
    """Mental-health crisis line. Leave out to use the country's (US 988, UK 116 123); EU
    clinics give their own, or none is shown."""
    address: Plain | None = Field(default=None, json_schema_extra=may_be_translated())
    """Street address, if the clinic wants it shown."""
    opening_hours: list[Plain] = Field(default=[], json_schema_extra=may_be_translated())
    """When the clinic answers, one line each, such as "Monday to Friday, 8am to 5pm"."""
    directions_url: HttpsUrl | None = None
    """A map or directions page for the clinic (https only)."""

    @model_validator(mode="after")
    def _country_numbers(self) -> Contact:
        if not self.emergency_number:
            object.__setattr__(self, "emergency_number", EMERGENCY_NUMBERS[self.country])
        if self.crisis_number is None and self.country in CRISIS_NUMBERS:
            object.__setattr__(self, "crisis_number", CRISIS_NUMBERS[self.country])
        return self

    def placeholders(self) -> dict[str, str]:
        """What `{phone}`-style placeholders stand for (`prose.PLACEHOLDERS`)."""
        return {"phone": self.phone, "urgent_phone": self.urgent_phone,
                "emergency_number": self.emergency_number, "clinic_name": self.clinic_name,
                "crisis_number": self.crisis_number or NO_CRISIS_NUMBER}


HexColour = Annotated[str, Field(pattern=r"^#(?:[0-9a-fA-F]{3}){1,2}$")]
"""A colour written as hex, such as `#1a5f7a` or `#16a`."""


class Brand(Model):
    """How the site looks for this clinic. Every colour is checked for contrast (WCAG AA,
    4.5:1) against the text drawn on it; the urgent-help colours never change."""

    logo: str | None = None
    """The clinic's logo, an SVG or PNG file inside `content/`, such as `brand/logo.svg`.
    Shown in the header."""
    favicon: str | None = None
    """The browser-tab icon, an SVG, PNG or ICO file inside `content/`, such as
    `brand/favicon.png`."""
    primary: HexColour | None = None
    """Header colour, any hex colour such as `#1a5f7a`. White header text must have a
    contrast of at least 4.5:1 on it. Leave out for the default indigo."""
    accent: HexColour | None = None
    """Colour of links, any hex colour. It must have a contrast of at least 4.5:1 with the
    white page background. Leave out for the default."""
    accent_dark: HexColour | None = None
    """Colour of links in dark mode. It must have a contrast of at least 4.5:1 with the dark
    page background. Leave out to use `accent`, lightened until it has."""
    footer_text: Plain | None = Field(default=None, json_schema_extra=may_be_translated())
    """A line at the foot of every page, such as "Part of Riverside Health"."""


class SearchEngines(StrEnum):
    """Whether search engines may list the site."""

    public = "public"
    noindex = "noindex"


class Urgency(StrEnum):
    """How urgent a level of the urgent-help callout is. Screen readers hear it first
    ("Emergency:", "Urgent:", "Non-urgent:"), as on NHS pages, and it sets the box's colour."""

    emergency = "emergency"
    urgent = "urgent"
    non_urgent = "non_urgent"


class UrgencyLevel(Model):
    """One level of urgency in the urgent-help callout."""

    id: Id
    """Stable id, such as `emergency`."""
    urgency: Urgency
    """emergency (call the emergency number now), urgent (the same day) or non_urgent (soon)."""
    heading: FilledPlain
    """Heading for this level, such as "Call {emergency_number} now"."""
    symptoms: list[Plain] = Field(min_length=1)
    """Symptoms that need this level of care."""
    action: FilledProse
    """What to do. May use {phone}, {urgent_phone} and {emergency_number}; phone numbers
    become links a phone calls with one tap."""


class UrgentHelp(Model):
    """The callout shown on every page about symptoms that need care soon."""

    title: Plain
    """Callout title."""
    levels: list[UrgencyLevel] = Field(min_length=1)
    """From most to least urgent."""


class About(Model):
    """Content for the "About this site" page. Clinics edit these to match their practice."""

    how_written: Prose
    """How the content is written."""
    review_process: Prose
    """Who reviews the content and how."""
    update_policy: Prose
    """How often content is updated and what triggers an update."""
    funding: Prose
    """Who pays for this site."""
    conflicts_of_interest: Prose
    """Any conflicts of interest of the authors, reviewers or clinic."""


class SiteSettings(Model):
    """`content/site.yaml`: site-wide settings and clinic details."""

    title: Plain
    """Site title, shown in the header and the browser tab."""
    description: Plain = Field(max_length=300)
    """One or two sentences describing the site, used as the home page description."""
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = "en"
    """Language code of the content in `content/`, such as `en`: the site's main language,
    built into `site/`. Picks the page labels."""
    translations: list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]] = []
    """Other languages the site is built in, such as `[es]`. Each has its translation in
    `content/<code>/` (`patient-site translate <code>` starts one) and is built into
    `site/<code>/`, with a switcher on every page."""
    contact: Contact
    """Clinic contact details."""
    brand: Brand = Brand()
    """The clinic's logo, favicon, colours and footer line."""
    search_engines: SearchEngines = SearchEngines.public
    """`public`: search engines may list the site (robots.txt allows it, and a sitemap is
    written when `site_url` is set). `noindex` for an intranet or kiosk: robots.txt turns
    search engines away and every page asks not to be listed."""
    site_url: HttpsUrl | None = None
    """The site's public address, such as `https://clinic.example/back-pain/`. Only for a
    site on the web: it lets the sitemap list full addresses."""
    welcome: Prose
    """Opening text of the home page."""
    disclaimer: Prose
    """The notice that this site does not replace a doctor's advice."""
    urgent_help: UrgentHelp
    """Symptoms that need same-day or emergency care, shown on every page."""
    about: About
    """The "About this site" page."""
    reading_grade_budget: float = Field(default=8.0, ge=1, le=20)
    """Highest Flesch-Kincaid grade a page may have. `check` fails pages above it."""
    reading_ease_budget: float = Field(default=65.0, ge=0, le=100)
    """Lowest INFLESZ score (Szigriszt-Pazos perspicuity, 0 to 100, higher is easier) allowed
    for any page in Spanish. 65 or more is "fairly easy" on the INFLESZ scale; `check` fails
    below it."""
    review: Review
    """Review dates for the home and about pages."""


# --- pathways and comparison tables ---------------------------------------------------

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
    urgent: bool = False
    """True for an outcome that sends the reader to urgent care (warning signs). Its page then
    lists its options under "What may come next", by name only (an option's summary reassures,
    as "seeing a surgeon does not mean surgery" does), not as options to talk over, and offers
    no tool for weighing them: each would say there is time to weigh them."""


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


class ClinicPage(Model):
    """One of the clinic's own pages: `content/pages/<id>.yaml`. The id is the file name and
    its address (`pages/<id>.html`); a `[text](page:<id>)` link goes to it."""

    title: Plain
    """Page title, such as "Parking and getting here"."""
    summary: Plain = Field(max_length=300)
    """One or two plain sentences about the page, used as its description."""
    body: Prose
    """The page's text. Markdown emphasis, lists and links, as in every other text."""
    nav_after: Id = "about"
    """Where the page sits in the navigation: after this entry, one of `home`, `pathway`,
    `options`, `compare`, `faq`, `tips`, `glossary`, `about`, or another clinic page's id."""
    review: Review
    """Review dates for this page."""


# --- tools that help a patient decide --------------------------------------------------


class ValueStatement(Model):
    """One statement a patient marks as mattering a lot, a little or not at all."""

    id: Id
    """Stable id; also the name of the statement's answers in the page's form."""
    text: Plain
    """The statement in the patient's words, such as "I want to avoid surgery"."""
    favours: list[Id] = []
    """Ids of the options that line up with this statement."""
    counts_against: list[Id] = []
    """Ids of the options that go against this statement."""

    @model_validator(mode="after")
    def _names_an_option(self) -> ValueStatement:
        if not self.favours and not self.counts_against:
            raise ValueError("a statement needs 'favours' or 'counts_against' (or both): the "
                             "ids of the options it lines up with or goes against")
        return self


class ValuesTool(Model):
    """The "What matters to me" page: statements to mark, and the options each one touches."""

    title: Plain
    """Page title, such as "What matters to me"."""
    summary: Plain = Field(max_length=300)
    """One or two plain sentences, shown on the tools page and as the page description."""
    intro: Prose
    """How to use the page."""
    not_a_recommendation: Prose
    """Says plainly that the page does not recommend anything."""
    scale: list[Plain] = Field(min_length=3, max_length=3)
    """The three answers to each statement, from most to least: "Matters a lot", "Matters a
    little", "Does not matter"."""
    favours_label: Plain
    """Before the options a statement lines up with, such as "Lines up with"."""
    against_label: Plain
    """Before the options a statement goes against, such as "Goes against"."""
    statements: list[ValueStatement] = Field(min_length=1)
    """The statements, in the order shown."""
    results_title: Plain
    """Heading of the summary the page shows once statements are marked."""
    results_empty: Plain
    """Shown in the summary before anything that matters is marked (and on paper)."""
    results_you_marked: Plain
    """Starts each reason in the summary, such as "You marked"."""
    results_matters: list[Plain] = Field(min_length=2, max_length=2)
    """How the summary names the first two answers of `scale`, such as "matters a lot"."""


class QuestionsTool(Model):
    """The "My questions" page: every option's questions and the FAQ questions, to tick."""

    title: Plain
    """Page title, also the heading of the printout, such as "My questions for my appointment"."""
    summary: Plain = Field(max_length=300)
    """One or two plain sentences, shown on the tools page and as the page description."""
    intro: Prose
    """How to use the page: tick, then print."""
    faq_heading: Plain
    """Heading of the group of questions from the questions-and-answers page."""
    own_heading: Plain
    """Heading of the blank lines for the patient's own questions."""
    answer_label: Plain
    """Label of the space for the answer under each question, such as "Answer"."""
    shown_label: Plain
    """Before the number of ticked questions, such as "Questions ticked"."""


class DiaryTool(Model):
    """The pain diary: a printable table of pain and activity, one row a day."""

    title: Plain
    """Page title, such as "My pain diary"."""
    summary: Plain = Field(max_length=300)
    """One or two plain sentences, shown on the tools page and as the page description."""
    intro: Prose
    """How to fill it in, and what 0 and 10 mean."""
    columns: list[Plain] = Field(min_length=2)
    """Column headings, such as "Day", "Pain (0 to 10)", "What I did"."""
    rows: int = Field(default=7, ge=1, le=31)
    """How many days (rows) the table has."""


class BlockLogTool(Model):
    """The block log: pain hour by hour after a diagnostic block, and the relief it shows."""

    title: Plain
    """Page title, such as "My block log"."""
    summary: Plain = Field(max_length=300)
    """One or two plain sentences, shown on the tools page and as the page description."""
    intro: Prose
    """What to write and when."""
    threshold: Prose
    """How relief is judged: against the 70% threshold, and what that may mean."""
    threshold_sources: list[Id] = Field(min_length=1)
    """Ids from `content/sources.yaml` that give the threshold."""
    times: list[Plain] = Field(min_length=2)
    """The rows: the first is the pain just before the block, then the times after it."""
    time_heading: Plain
    """Heading of the column of times."""
    pain_heading: Plain
    """Heading of the pain score column (0 to 10)."""
    activity_heading: Plain
    """Heading of the column for what the patient did, such as "What I tried"."""
    relief_heading: Plain
    """Heading of the relief column (the page works it out when it can)."""
    relief_help: Prose
    """How to work out relief by hand."""


class Checklist(Model):
    """One part of the appointment sheet: a list, a table to fill in, or both."""

    id: Id
    """Stable id; also the anchor on the page."""
    heading: Plain
    """The part's heading, such as "What to bring"."""
    intro: Prose | None = None
    """Optional text under the heading."""
    items: list[Plain] = []
    """Things to tick off."""
    columns: list[Plain] = []
    """Column headings of a table to fill in, such as "Which injection", "When"."""
    rows: int = Field(default=4, ge=1, le=20)
    """How many blank rows the table has."""

    @model_validator(mode="after")
    def _has_something(self) -> Checklist:
        if not self.items and not self.columns:
            raise ValueError("a part needs 'items' or 'columns' (or both)")
        return self


class AppointmentTool(Model):
    """The "Getting ready for an appointment" sheet."""

    title: Plain
    """Page title, such as "Getting ready for an appointment"."""
    summary: Plain = Field(max_length=300)
    """One or two plain sentences, shown on the tools page and as the page description."""
    intro: Prose
    """What the sheet is for."""
    parts: list[Checklist] = Field(min_length=1)
    """The parts of the sheet, in order."""


class Tools(Model):
    """`content/tools.yaml`: the tools that help a patient decide, one section per tool."""

    title: Plain
    """Title of the tools page and of the tools section in navigation, such as "Tools"."""
    intro: Prose
    """Text at the top of the tools page."""
    privacy: Prose
    """Shown on every tool page: nothing a patient enters is kept or sent anywhere."""
    print_label: Plain
    """Text of the button that prints a tool page, such as "Print this page"."""
    values: ValuesTool
    """The "What matters to me" page."""
    questions: QuestionsTool
    """The "My questions" page."""
    diary: DiaryTool
    """The pain diary."""
    block_log: BlockLogTool
    """The block log for the hours after a diagnostic block."""
    appointment: AppointmentTool
    """The sheet for getting ready for an appointment."""
    review: Review
    """Review dates for the tool pages."""


# --- graph helpers -----------------------------------------------------------------------


# --- the whole site ----------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of content file: where it lives under `content/` and the model it holds."""

    name: str
    """Its name in messages and schemas, such as `option`."""
    path: str
    """A file (`site.yaml`) or, for one file per item, a folder (`options`)."""
    model: type[Model]
    folder: bool = False
    required: bool = True


KINDS = (
    Kind("site", "site.yaml", SiteSettings),
    Kind("sources", "sources.yaml", Sources),
    Kind("faqs", "faqs.yaml", FaqPage),
    Kind("tips", "tips.yaml", TipsPage),
    Kind("glossary", "glossary.yaml", Glossary),
    Kind("option", "options", Option, folder=True),
    Kind("pathway", "pathways", Pathway, folder=True, required=False),
    Kind("comparisons", "comparisons.yaml", Comparisons, required=False),
    Kind("page", "pages", ClinicPage, folder=True, required=False),
    Kind("tools", "tools.yaml", Tools, required=False),
)
"""Every kind of content file, in reading order: the one list validation, schemas and the
command line use."""


@dataclass(frozen=True)
class Content:
    """Every content file, as typed models: what templates receive. Pathways and comparisons
    are optional."""

    site: SiteSettings
    options: dict[str, Option]
    faqs: FaqPage
    tips: TipsPage
    glossary: Glossary
    sources: Sources
    pathways: dict[str, Pathway] = field(default_factory=dict)
    comparisons: Comparisons | None = None
    pages: dict[str, ClinicPage] = field(default_factory=dict)
    """The clinic's own pages, by id."""
    tools: Tools | None = None
    files: dict[tuple[str, str], str] = field(default_factory=dict, compare=False)
    """The content file of each item, by (kind name, id); id '' for a single-file kind."""
    main_language: str = ""
    """The site's main language (`site.yaml`'s `language`), built into `site/`; the content
    of a translation has its own language in `site.language`."""

    def __post_init__(self) -> None:
        if not self.main_language:
            object.__setattr__(self, "main_language", self.site.language)

    @property
    def language(self) -> str:
        """The language of this content's words."""
        return self.site.language

    def languages(self) -> list[str]:
        """Every language the site is built in, the main one first."""
        return [self.main_language, *self.site.translations]

    def folder_of(self, language: str) -> str:
        """Where a language's pages sit in the site: '' for the main one, else `es/`."""
        return "" if language == self.main_language else f"{language}/"

    def options_in(self, category: Category) -> list[tuple[str, Option]]:
        """Options of one category in navigation order."""
        found = [(oid, o) for oid, o in self.options.items() if o.category == category]
        return sorted(found, key=lambda item: (item[1].order, item[1].title.lower()))

    def categories(self) -> list[Category]:
        """Categories that have at least one option, in navigation order."""
        return [c for c in Category if self.options_in(c)]

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources.sources if s.id == source_id)

    def outcomes_naming(self, option_id: str) -> list[tuple[str, Pathway, Outcome]]:
        """(pathway id, pathway, outcome) for every pathway outcome that names an option."""
        return [(pid, p, o) for pid, p in self.pathways.items() for o in p.outcomes
                if option_id in o.options]

    def tables_with(self, option_id: str) -> list[Comparison]:
        """Comparison tables that include an option."""
        tables = self.comparisons.tables if self.comparisons else []
        return [t for t in tables if option_id in t.options]

    def item(self, kind: str, item_id: str = "") -> Model:
        """The model of one content file, by (kind name, id) as in `files`."""
        if kind == "option":
            return self.options[item_id]
        if kind == "pathway":
            return self.pathways[item_id]
        if kind == "page":
            return self.pages[item_id]
        found: Model = getattr(self, kind)
        return found

    def file_of(self, kind: str, item_id: str = "") -> str:
        """The content file (`content/options/rfa.yaml`) an item comes from."""
        return self.files[(kind, item_id)]
