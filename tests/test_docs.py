"""docs/authoring.md stays in step with the JSON Schema, and the pre-commit hook with the docs."""

from __future__ import annotations

import json
import re

import yaml

from tests.conftest import REPO

DOC = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
SCHEMA = json.loads((REPO / "questions" / "bank.schema.json").read_text(encoding="utf-8"))
_MARKER = re.compile(r"<!-- schema: ([\w ]+) -->")
_ROW = re.compile(r"^\| `([\w-]+)` \|", re.MULTILINE)


def sections() -> dict[str, str]:
    """The text after each ``<!-- schema: Name ... -->`` marker, up to the next marker, by name."""
    found: dict[str, str] = {}
    marks = list(_MARKER.finditer(DOC))
    for mark, following in zip(marks, marks[1:]):
        for name in mark.group(1).split():
            found[name] = DOC[mark.end() : following.start()]
    return found


def properties(name: str) -> dict[str, dict]:
    return SCHEMA["properties"] if name == "file" else SCHEMA["definitions"][name]["properties"]


def enum_values(spec: dict) -> list[str]:
    values = [value for value in spec.get("enum", []) if isinstance(value, str)]
    for option in [*spec.get("anyOf", []), *([spec["items"]] if isinstance(spec.get("items"), dict) else [])]:
        values += enum_values(option)
    if "const" in spec:
        values.append(spec["const"])
    return values


def test_every_definition_has_a_section():
    assert set(sections()) - {"end"} == {"file", *SCHEMA["definitions"]}


def test_every_property_is_in_its_section_table():
    for name, text in sections().items():
        if name == "end":
            continue
        documented = set(_ROW.findall(text))
        missing = set(properties(name)) - documented
        assert not missing, f"docs/authoring.md, section for {name}: no table row for {sorted(missing)}"


def test_no_table_row_documents_a_field_the_schema_lacks():
    for name, text in sections().items():
        if name == "end":
            continue
        listed = {
            field
            for other, other_text in sections().items()
            if other_text == text and other != "end"
            for field in properties(other)
        }
        extra = set(_ROW.findall(text)) - listed
        assert not extra, (
            f"docs/authoring.md, section for {name}: rows for fields the schema does not have: {sorted(extra)}"
        )


def test_every_allowed_value_is_named_in_its_section():
    for name, text in sections().items():
        if name == "end":
            continue
        for field, spec in properties(name).items():
            for value in enum_values(spec):
                assert f"`{value}`" in text, (
                    f"docs/authoring.md, section for {name}: {field} value {value!r} is not named"
                )


def test_every_property_name_of_every_definition_appears_in_the_docs():
    names = {field for definition in SCHEMA["definitions"].values() for field in definition.get("properties", {})}
    assert {name for name in names if f"`{name}`" not in DOC} == set()


def test_the_measured_figures_are_the_ones_quiz_draft_prints():
    # tests/authoring/drafting/test_draft.py pins what `quiz draft` prints on the two seed articles
    assert "drafts **17 claims** (3\nconflicting, 10 consistent, 4 unsupported) and 32 questions" in DOC
    assert "**17 of the 18 claims (94%)**" in DOC


def test_the_pre_commit_hook_is_the_one_the_docs_show():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks == [
        {
            "id": "quiz-validate",
            "name": "quiz validate",
            "description": "Check media-literacy quiz banks; every quote is proven against its source.",
            "entry": "quiz validate",
            "language": "python",
            "pass_filenames": False,
            "files": r"\.(ya?ml|md)$",
        }
    ]
    assert "id: quiz-validate" in DOC and r"files: \.(ya?ml|md)$" in DOC
