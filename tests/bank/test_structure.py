"""quiz.bank.structure: one file against the models; every error located at its line, named by id,
and what is valid on its own kept for the checks across the bank."""

from __future__ import annotations

from quiz.bank.model import TYPED_KEYS
from quiz.bank.parse import parse
from quiz.bank.structure import check_file
from tests.conftest import QUESTION_YAML


def _check(text: str):
    parsed, issues = parse(text, "q.yaml", TYPED_KEYS)
    assert issues == []
    return check_file("q.yaml", parsed.value, parsed.node)


def test_a_valid_file_keeps_every_question_in_file_order():
    second = QUESTION_YAML.replace("questions:\n", "").replace("id: cost", "id: cost-2")
    content, issues = _check(QUESTION_YAML + second)
    assert issues == []
    assert [(question.id, index) for question, index in content.items["questions"]] == [("cost", 0), ("cost-2", 1)]


def test_an_error_is_located_at_its_line_and_named_by_id_and_the_valid_question_is_kept():
    broken = (
        QUESTION_YAML.replace("questions:\n", "")
        .replace("id: cost", "id: broken")
        .replace("    prompt: How much?\n", "")
    )
    content, issues = _check(QUESTION_YAML + broken)
    assert [issue.format() for issue in issues] == [
        "q.yaml:15:5: error: questions[id=broken].prompt: missing required key 'prompt'"  # the item's first key
    ]
    assert [question.id for question, _ in content.items["questions"]] == ["cost"]
    assert content.raw_ids["questions"] == {"cost", "broken"}  # no "unknown id" noise for the broken one


def test_an_empty_file_is_no_error_and_holds_nothing():
    content, issues = _check("")
    assert issues == [] and all(items == [] for items in content.items.values())
