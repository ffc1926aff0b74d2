"""The search index as a script (generator/search_index.py): what the site's search reads."""

from __future__ import annotations

import json

from generator.search_index import SCRIPT_VARIABLE, compact_index, plain_text, write_search_script

MATERIAL_INDEX = {"config": {"lang": ["en"], "separator": "[\\s\\-]+"}, "docs": [
    {"location": "a.html", "title": "Page A", "text": "<p>Body &amp; more</p>"},
    {"location": "a.html#urgent", "title": "Page A", "text": ""},
    {"location": "a.html#help", "title": "Get help now", "text": ""},
    {"location": "a.html#more", "title": "Page A", "text": "<p>More</p>"},
    {"location": "b.html", "title": "Page B", "text": ""},
]}


def test_text_keeps_its_words_and_blocks_and_loses_its_tags():
    fragment = ('<p>An <abbr title="radiofrequency ablation">RFA</abbr> uses heat &amp; '
                'needles.</p> <ul> <li>Sore\u00a0for a day</li> <li><strong>Rarely</strong>, '
                'nerve damage</li> </ul><table><tr><th>Recovery</th><td>1 day</td></tr></table>')
    assert plain_text(fragment) == ("An RFA uses heat & needles.\nSore for a day\n"
                                    "Rarely, nerve damage\nRecovery 1 day")
    assert plain_text("") == ""


def test_sections_sit_under_their_page_and_only_untitled_empty_ones_go():
    assert compact_index(MATERIAL_INDEX) == {"lang": ["en"], "pages": [
        ["a.html", "Page A", "Body & more", [["help", "Get help now", ""], ["more", "Page A", "More"]]],
        ["b.html", "Page B", "", []],
    ]}


def test_the_json_index_is_replaced_by_a_script_that_sets_one_variable(tmp_path):
    search = tmp_path / "search"
    search.mkdir()
    (search / "search_index.json").write_text(json.dumps(MATERIAL_INDEX))
    write_search_script(tmp_path)
    assert sorted(p.name for p in search.iterdir()) == ["search_index.js"]
    script = (search / "search_index.js").read_text(encoding="utf-8")
    prefix = f"var {SCRIPT_VARIABLE} = "
    assert script.startswith(prefix) and script.endswith(";\n")
    assert json.loads(script[len(prefix):-2]) == compact_index(MATERIAL_INDEX)

    write_search_script(tmp_path)  # no JSON index (already replaced): nothing to do
    assert (search / "search_index.js").read_text(encoding="utf-8") == script
