"""quiz/emit.py: text written for YAML reads back exactly, whatever characters a quote holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.bank.emit import Comment, Plain, item_lines, mapping, text
from quiz.bank.model import TYPED_KEYS
from quiz.bank.parse import parse


def read_back(yaml_text: str) -> object:
    parsed, issues = parse(yaml_text, "t.yaml", TYPED_KEYS)
    assert issues == []
    return parsed.value


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_text_round_trips(value: str):
    assert read_back(f"quote: {text(value)}\n") == {"quote": value}


def test_awkward_characters_round_trip():
    for value in (
        "yes",
        "true",
        "null",
        "1.5",
        "- dash",
        "# hash",
        "a: b",
        "line\u2028sep",
        "nel\x85",
        "\ufeffbom",
        "tab\there",
        "“curly” ‘quotes’ — dash …",
    ):
        assert read_back(f"quote: {text(value)}\n") == {"quote": value}


def test_mapping_and_items():
    lines = item_lines(
        [
            ("id", Plain("q1")),
            Comment("why"),
            ("draft", True),
            ("skills", [Plain("numbers")]),
            ("items", ["one", "two"]),
            ("cite", [[("source", Plain("s")), ("quote", "Q")]]),
            ("tags", []),
        ],
        2,
    )
    assert lines == [
        "  - id: q1",
        "    # why",
        "    draft: true",
        "    skills: [numbers]",
        "    items:",
        '      - "one"',
        '      - "two"',
        "    cite:",
        "      - source: s",
        '        quote: "Q"',
        "    tags: []",
    ]
    assert read_back("questions:\n" + "\n".join(lines) + "\n") == {
        "questions": [
            {
                "id": "q1",
                "draft": True,
                "skills": ["numbers"],
                "items": ["one", "two"],
                "cite": [{"source": "s", "quote": "Q"}],
                "tags": [],
            }
        ]
    }
    assert mapping([("title", "T")], 0) == ['title: "T"']
