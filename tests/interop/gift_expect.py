"""What gift-pegjs must read back from an export of a bank: computed from the bank, not from the writer's text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from quiz.bank.model import (
    VERDICT_LABELS,
    Bank,
    ClaimCheckQuestion,
    MultipleQuestion,
    OrderQuestion,
    Question,
    SingleQuestion,
    TrueFalseQuestion,
)
from quiz.interop import evidence, gift
from quiz.ui import markup

_EDGES = re.compile(r"^[\s\ufeff]+|[\s\ufeff]+$")


def as_read(value: str) -> str:
    """A field as a GIFT reader gets it back: the edges' white space trimmed, CR line ends as LF."""
    return _EDGES.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def field(value: str) -> str:
    return as_read(markup.author(value))


def _text(item: Any) -> str | None:
    return None if item is None else item["text"]


def _feedback(value: str) -> str | None:
    return field(value) or None


def check(parsed: Sequence[dict[str, Any]], bank: Bank, chosen: Sequence[Question]) -> None:
    """Every parsed question matches its bank question: type, stem, right answers, feedback,
    general feedback (explanation and every quote with its source), id and tags."""
    questions = [item for item in parsed if item["type"] != "Category"]
    assert [item["id"] for item in questions] == [question.id for question in chosen]
    for item, question in zip(questions, chosen):
        where = question.id
        assert item["title"] == question.id, where
        assert item["tags"] == list(question.skills), where
        stem = evidence.stem(question) + ("\n\n" + gift.ORDER_NOTE if isinstance(question, OrderQuestion) else "")
        assert item["stem"] == {"format": "markdown", "text": as_read(stem)}, where
        general = _text(item["globalFeedback"]) or ""
        assert general == as_read(evidence.general_feedback(bank, question)), where
        assert general.startswith(field(question.explanation)), where
        for cite in question.cite:
            source = bank.sources[cite.source]
            assert as_read(markup.literal(cite.quote)) in general, where
            assert as_read(markup.literal(source.title)) in general, where
            if source.url:
                assert source.url.replace("<", "%3C").replace(">", "%3E") in general, where
        _answers(item, question, where)


def _answers(item: dict[str, Any], question: Question, where: str) -> None:
    if isinstance(question, TrueFalseQuestion):
        assert item["type"] == "TF", where
        assert item["isTrue"] is question.answer, where
        return
    if isinstance(question, OrderQuestion):
        assert item["type"] == "Matching", where
        pairs = [(pair["subquestion"]["text"], pair["subanswer"]) for pair in item["matchPairs"]]
        expected = [(field(text).replace("->", "-\\>"), str(place)) for place, text in enumerate(question.items, 1)]
        expected = [("\\" + left if left.startswith("%") else left, right) for left, right in expected]
        assert pairs == expected, where
        return
    assert item["type"] == "MC", where
    choices = item["choices"]
    if isinstance(question, ClaimCheckQuestion):
        assert [choice["text"]["text"] for choice in choices] == list(VERDICT_LABELS.values()), where
        assert [choice["isCorrect"] for choice in choices] == [v == question.verdict for v in VERDICT_LABELS], where
        return
    assert isinstance(question, (SingleQuestion, MultipleQuestion))
    texts = [choice["text"]["text"] for choice in choices]
    written = [field(choice.text) for choice in question.choices]
    if isinstance(question, SingleQuestion):  # a leading '%' gets a Markdown backslash there, or it reads as a weight
        written = [text.replace("->", "-\\>") for text in written]
        written = ["\\" + text if text.startswith("%") else text for text in written]
    assert texts == written, where
    assert [_text(choice["feedback"]) for choice in choices] == [
        _feedback(choice.feedback) for choice in question.choices
    ], where
    if isinstance(question, SingleQuestion):
        assert [choice["isCorrect"] for choice in choices] == [choice.correct for choice in question.choices], where
        return
    right = sum(choice.correct for choice in question.choices)
    wrong = len(question.choices) - right or 1
    for choice, written in zip(choices, question.choices):
        assert choice["isCorrect"] is False, where  # every weight is explicit
        share = 100 / right if written.correct else -100 / wrong
        assert abs(choice["weight"] - share) < 1e-4, where
    assert abs(sum(choice["weight"] for choice in choices if choice["weight"] > 0) - 100) < 1e-3, where
