"""Every partial and inline script copied from Material still matches the installed original.

tests/material-copies.yaml lists each copy with the sha256 of the Material template it was
copied from. An upgrade of Material that changes one of them fails here, naming the file, so
the copy is re-checked instead of silently drifting from the theme around it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).parent / "templates"
COPIES = yaml.safe_load((Path(__file__).parent / "material-copies.yaml").read_text())["copies"]


@pytest.mark.parametrize("copy", COPIES, ids=[c["file"] for c in COPIES])
def test_the_original_of_each_copy_is_unchanged(copy: dict[str, str]) -> None:
    assert (ROOT / "overrides" / copy["file"]).is_file()
    original = MATERIAL / copy["original"]
    assert original.is_file(), f"Material no longer has {copy['original']} ({copy['file']})"
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    assert digest == copy["sha256"], (
        f"Material's {copy['original']} changed: re-check overrides/{copy['file']} against it, "
        "then update its sha256 in tests/material-copies.yaml")


@pytest.mark.parametrize("copy", [c for c in COPIES if c["kind"] == "verbatim script"],
                         ids=lambda c: c["file"])
def test_a_verbatim_script_equals_the_originals_inline_script(copy: dict[str, str]) -> None:
    ours = re.sub(r"\A/\*.*?\*/\s*", "", (ROOT / "overrides" / copy["file"]).read_text(),
                  flags=re.DOTALL).strip()
    scripts = re.findall(r"<script>(.*?)</script>", (MATERIAL / copy["original"]).read_text(),
                         flags=re.DOTALL)
    assert ours in [s.strip() for s in scripts], f"{copy['file']} differs from {copy['original']}"


def test_every_file_that_says_it_is_a_copy_is_listed() -> None:
    listed = {c["file"] for c in COPIES}
    claiming = {p.relative_to(ROOT / "overrides").as_posix()
                for p in (ROOT / "overrides").rglob("*") if p.is_file()
                and "Material for MkDocs" in p.read_text(errors="replace")[:300]
                and "copy" in p.read_text(errors="replace")[:300].lower()}
    assert claiming <= listed, claiming - listed
