"""Starting files for editors: `patient-site new option <id>` and `new page <id>`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .model import ID_RE, KINDS, Category, Evidence, Invasiveness
from .validate import CONTENT_DIR, suggest_id

OPTION_TEMPLATE = """\
# yaml-language-server: $schema=../../schemas/option.schema.json
# A treatment, test or next step. The file name ({option_id}) is its id and page address.
# Write for patients: short sentences, everyday words. Run `patient-site check` when done.

title: {title}
also_called: []            # other names and abbreviations: shown on the page, and searched
search_words: []           # other words patients type for it: searched, never shown
category: {category}       # one of: {categories}
order: 100                 # position in its category; smaller comes first
summary: One or two plain sentences about what this is.
what_it_is: |
  What this option is, in everyday words.
who_it_may_help: |
  Who this may suit, and who it does not suit.
how_it_is_done: |
  What happens, step by step, from the patient's side.
what_it_is_like: |
  What living through it is like: time, discomfort, visits, daily life.
benefits:                  # as much detail as the risks
  - What it may do for you.
risks:                     # as much detail as the benefits
  - A main risk or downside.
invasiveness: {invasiveness}      # one of: {invasiveness_levels}
recovery: How long until normal activity, in a few words.
relief_duration: How long relief may last, in a few words.
main_risks: The main risks in a few words.
# evidence: {evidence}      # one of: {evidence_levels}; only with sources that say so:
# evidence_sources: []      # ids from content/sources.yaml that support the label
evidence_note: |
  What is known, and what is uncertain, about how well it works.
trial_or_test_first: Whether a trial or test block comes first, in a few words.
questions_to_ask:
  - A question a patient could ask their doctor.
related: []                # ids of other options, such as radiofrequency-ablation
sources: []                # ids from content/sources.yaml that these facts come from
review:
  written: {today}
  next_review_due: {next_year}
"""


def new_option_file(project: Path, option_id: str) -> Path:
    """Write a commented option file. Raises ValueError for a bad or existing id."""
    return _new_file(project, "options", option_id, OPTION_TEMPLATE, option_id=option_id,
                     category=Category.procedures.value,
                     categories=", ".join(c.value for c in Category),
                     invasiveness=Invasiveness.needle.value,
                     invasiveness_levels=", ".join(i.value for i in Invasiveness),
                     evidence=Evidence.emerging.value,
                     evidence_levels=", ".join(e.value for e in Evidence))


def _new_file(project: Path, folder: str, item_id: str, template: str, **values: str) -> Path:
    """Write `content/<folder>/<item_id>.yaml` from a commented template, with a title made
    from the id and today's dates. Raises ValueError for a bad or existing id."""
    if not ID_RE.match(item_id):
        raise ValueError(f"'{item_id}' is not a valid id; try '{suggest_id(item_id)}'")
    path = project / CONTENT_DIR / folder / f"{item_id}.yaml"
    if path.exists():
        raise ValueError(f"{path} already exists; edit it instead")
    today = dt.date.today()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template.format(
        title=item_id.replace("-", " ").capitalize(), today=today.isoformat(),
        next_year=(today + dt.timedelta(days=365)).isoformat(), **values), encoding="utf-8")
    return path


PAGE_TEMPLATE = """\
# yaml-language-server: $schema=../../schemas/page.schema.json
# One of the clinic's own pages. The file name ({page_id}) is its id and its address
# (pages/{page_id}.html); other text links to it with [text](page:{page_id}).
# Write for patients: short sentences, everyday words. Run `patient-site check` when done.

title: {title}
summary: One or two plain sentences about this page.
body: |
  What patients need to know, in everyday words.

  - Lists, *emphasis* and links such as [the About page](page:about) work as on every page.
nav_after: about           # after: home, pathway, options, compare, faq, tips, glossary, about
review:
  written: {today}
  next_review_due: {next_year}
"""


def new_page_file(project: Path, page_id: str) -> Path:
    """Write a commented clinic page file. Raises ValueError for a bad or existing id."""
    return _new_file(project, "pages", page_id, PAGE_TEMPLATE, page_id=page_id)


def translation_skeletons(project: Path, language: str) -> list[Path]:
    """Write `content/<language>/...` for every content file that has no translation yet: its
    words in the main language, for a translator to replace, and the version they follow.
    Existing translations are left as they are. Returns the files written. Raises
    ContentError when the main language's content is not valid."""
    from .translation import VERSION_KEY, english_version, words
    from .validate import load_content

    validated = load_content(project, translations=[])
    content = validated.content
    if language == content.site.language:
        raise ValueError(f"'{language}' is the main language, kept in content/ itself")
    written = []
    for (kind_name, _), shown in content.files.items():
        model = next(k.model for k in KINDS if k.name == kind_name)
        relative = shown.removeprefix(f"{CONTENT_DIR}/")
        target = project / CONTENT_DIR / language / relative
        if target.exists():
            continue
        data = validated.documents[shown].data
        body = {VERSION_KEY: english_version(model, data), **words(model, data, optional=False)}
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f"# {language} translation of {shown}: only its words, in the same shape.\n"
            "# Replace every text with its translation; ids, links (option:..., page:...) and\n"
            "# {placeholders} stay as they are. Everything else comes from the English file.\n"
            + _yaml(body), encoding="utf-8")
        written.append(target)
    return written


def _yaml(data: object) -> str:
    """YAML an editor reads easily: text with line breaks as a `|` block."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
