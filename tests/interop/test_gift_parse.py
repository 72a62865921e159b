"""The project's GIFT parser against gift-pegjs's own test suite: the 51 fixture pairs in
``../shared/third-party/gift-pegjs-fixtures`` (each ``.json`` is gift-pegjs's parse of the ``.gift``).
For every supported question: the same type, title, id, tags, stem, choices, weights and feedback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quiz.interop.gift_parse import Choice, Item, parse

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "third-party" / "gift-pegjs-fixtures"
PAIRS = sorted(FIXTURES.glob("*.gift")) if FIXTURES.is_dir() else []
SUPPORTED = {"MC", "TF", "Category"}


def _choice(choice: Choice) -> dict[str, Any]:
    return {"isCorrect": choice.is_correct, "weight": choice.weight, "text": choice.text, "feedback": choice.feedback}


def as_pegjs(item: Item) -> dict[str, Any]:
    """Our item in gift-pegjs's JSON shape, for the fields a supported question has."""
    if item.type == "Category":
        return {"type": "Category", "title": item.category}
    out: dict[str, Any] = {
        "type": item.type,
        "title": item.title,
        "id": item.id,
        "tags": list(item.tags) if item.tags is not None else None,
        "stem": item.stem,
        "hasEmbeddedAnswers": item.embedded,
        "globalFeedback": item.global_feedback,
    }
    if item.type == "MC":
        out["choices"] = [_choice(choice) for choice in item.choices]
    if item.type == "TF":
        out |= {"isTrue": item.is_true, "trueFeedback": item.true_feedback, "falseFeedback": item.false_feedback}
    return out


def _pegjs(question: dict[str, Any]) -> dict[str, Any]:
    keep = {"type", "title", "id", "tags", "stem", "hasEmbeddedAnswers", "globalFeedback", "choices"}
    keep |= {"isTrue", "trueFeedback", "falseFeedback"}
    return {key: value for key, value in question.items() if key in keep}


def test_the_fixtures_are_there() -> None:
    if not PAIRS:
        pytest.skip(f"gift-pegjs fixtures not found in {FIXTURES} (CI has them: ../shared/third-party/)")
    assert len(PAIRS) == 51
    assert all(path.with_suffix(".json").is_file() for path in PAIRS)


@pytest.mark.parametrize("gift", PAIRS, ids=[path.stem for path in PAIRS])
def test_each_fixture_reads_as_gift_pegjs_reads_it(gift: Path) -> None:
    expected = json.loads(gift.with_suffix(".json").read_text("utf-8"))
    items, issues = parse(gift.read_text("utf-8"), str(gift))
    assert issues == []
    assert [item.type for item in items] == [question["type"] for question in expected]
    for item, question in zip(items, expected):
        if question["type"] in SUPPORTED:
            assert as_pegjs(item) == _pegjs(question)


def test_counts() -> None:
    if not PAIRS:
        pytest.skip(f"gift-pegjs fixtures not found in {FIXTURES}")
    kinds = [item.type for path in PAIRS for item in parse(path.read_text("utf-8"), str(path))[0]]
    supported = sum(kind in {"MC", "TF"} for kind in kinds)
    print(f"fixtures: {len(PAIRS)} files, {len(kinds)} entries, {supported} supported questions (MC, TF)")
    assert supported > 40
