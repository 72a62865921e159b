"""Moodle GIFT: a bank's questions as GIFT text, every text field ``[markdown]``.

Each question is preceded by ``// [id:ID] [tag:SKILL]...`` (Moodle reads the id into the
question's idnumber and the tags into its tags) and named ``::ID::``. Text is escaped for GIFT
(``\\ ~ = # { } :`` get a backslash, a line break becomes ``\\n``) so it cannot end a field,
a question or the file. The mapping of each question type is in ``docs/interop.md``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
from quiz.interop import evidence
from quiz.interop.export import category, questions

_EDGE_SPACE = re.compile(r"^[\s\ufeff]+|[\s\ufeff]+$")  # what a GIFT parser trims (JavaScript's trim, and Python's)
_CONTROL = re.compile(r"([\\~=#{}:])")
ORDER_NOTE = "Give each item its place in the order: 1 is first."


def escape(value: str) -> str:
    """``value`` as GIFT text on one line: control characters escaped, line breaks as ``\\n``,
    the edges' white space dropped (a parser would trim it)."""
    value = _EDGE_SPACE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub(r"\\\1", value).replace("\n", "\\n")


def choice_text(value: str) -> str:
    """A ``=`` choice's text, with Markdown backslashes (shown as nothing) where GIFT would
    misread it: before a leading ``%`` (a weight) and in ``->`` (a matching pair)."""
    escaped = escape(evidence.text(value)).replace("->", "-\\>")
    return "\\" + escaped if escaped.startswith("%") else escaped


match_text = choice_text  # the left side of a matching pair may not hold ``->`` either


def percent(value: float) -> str:
    """A Moodle grade fraction as GIFT writes it: ``50``, ``33.33333``, ``-12.5``."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def weights(question: MultipleQuestion) -> list[float]:
    """Moodle's multiple-answer grading: the right choices share 100%, the wrong ones share -100%."""
    right = sum(choice.correct for choice in question.choices)
    wrong = len(question.choices) - right or 1  # every choice right: no wrong one to share -100%
    return [100 / right if choice.correct else -100 / wrong for choice in question.choices]


def _feedback(value: str) -> str:
    written = escape(evidence.text(value))
    return f"#{written}" if written else ""


def _general(bank: Bank, question: Question) -> str:
    feedback = escape(evidence.general_feedback(bank, question))
    return f"\n####{feedback}" if feedback else ""


def answers(bank: Bank, question: Question) -> str:
    """What goes between the braces."""
    general = _general(bank, question)
    if isinstance(question, TrueFalseQuestion):
        return ("TRUE" if question.answer else "FALSE") + general + "\n"
    lines: list[str] = []
    if isinstance(question, SingleQuestion):
        lines = [
            ("=" if choice.correct else "~") + choice_text(choice.text) + _feedback(choice.feedback)
            for choice in question.choices
        ]
    elif isinstance(question, MultipleQuestion):
        lines = [
            f"~%{percent(weight)}%{escape(evidence.text(choice.text))}{_feedback(choice.feedback)}"
            for choice, weight in zip(question.choices, weights(question))
        ]
    elif isinstance(question, ClaimCheckQuestion):
        lines = [
            ("=" if verdict == question.verdict else "~") + escape(label) for verdict, label in VERDICT_LABELS.items()
        ]
    elif isinstance(question, OrderQuestion):
        lines = [f"={match_text(item)} -> {place}" for place, item in enumerate(question.items, 1)]
    return "\n" + "\n".join(lines) + general + "\n"


def stem(question: Question) -> str:
    text = evidence.stem(question)
    if isinstance(question, OrderQuestion):
        text += "\n\n" + ORDER_NOTE
    return text


def question_text(bank: Bank, question: Question) -> str:
    tags = "".join(f" [tag:{skill}]" for skill in question.skills)
    head = f"// [id:{question.id}]{tags}\n::{question.id}::[markdown]{escape(stem(question))}"
    return f"{head}{{{answers(bank, question)}}}\n"


def category_line(name: str) -> str:
    return "$CATEGORY: " + " ".join(name.split())


def gift_text(bank: Bank, quiz_id: str | None, chosen: Sequence[Question]) -> str:
    header = f"// {' '.join(bank.info.title.split())}: exported by `quiz export` ({len(chosen)} questions)\n"
    return (
        header
        + "\n"
        + category_line(category(bank, quiz_id))
        + "\n\n"
        + "\n".join(question_text(bank, question) for question in chosen)
    )


def export(bank: Bank, quiz_id: str | None) -> bytes:
    return gift_text(bank, quiz_id, questions(bank, quiz_id)).encode("utf-8")
