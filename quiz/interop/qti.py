"""Canvas: a bank's questions in text2qti's plain-text quiz format, and the QTI package text2qti
builds from it (the zip Canvas imports under Settings > Import course content > QTI .zip file).

text2qti's text is Markdown: author text goes in made safe (``markup.author``), every line after
a field's first indented under it, so nothing in a bank's text can start a new field; a
backslash before text2qti's siunitx macros (``\\num{``, ``\\si{``, ``\\SI{``) is doubled so they
stay text. Canvas classic quizzes have no ordering question: an order question becomes a short
answer, the letters of its items in order (docs/interop.md).
"""

from __future__ import annotations

import re
import string
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
from quiz.errors import QuizError
from quiz.interop import evidence
from quiz.interop.export import questions
from quiz.play import engine

_MACRO = re.compile(r"\\(?=(?:num|si|SI)\{)")
ORDER_SEED = 0  # the order items are listed in: fixed, never already solved (engine.shown_order)


def clean(value: str) -> str:
    """Author Markdown made safe for text2qti."""
    return _MACRO.sub(r"\\\\", evidence.text(value)).replace("\r\n", "\n").replace("\r", "\n").strip()


def field(marker: str, value: str) -> list[str]:
    """``marker text``, the text's later lines indented to where its first line starts."""
    lines = value.split("\n")
    pad = " " * (len(marker) + 1)
    return [f"{marker} {lines[0]}"] + [f"{pad}{line}" if line.strip() else "" for line in lines[1:]]


def order_listing(question: OrderQuestion) -> tuple[str, str]:
    """The items as a lettered list, in a fixed scrambled order, and the letters in the right order."""
    shown = engine.shown_order(question, ORDER_SEED)
    letters = string.ascii_uppercase
    listing = "\n".join(f"- **{letters[place]}**: {clean(question.items[index])}" for place, index in enumerate(shown))
    key = "".join(letters[shown.index(index)] for index in range(len(question.items)))
    return listing, key


ORDER_NOTE = "Type the letters of the items in order, first to last, with no spaces (for example ABC)."


def stem(question: Question) -> str:
    text = evidence.stem(question)
    if isinstance(question, OrderQuestion):
        listing, _ = order_listing(question)
        text = f"{text}\n\n{listing}\n\n{ORDER_NOTE}"
    return _MACRO.sub(r"\\\\", text).strip()


def _choice(lines: list[str], marker: str, text: str, feedback: str = "") -> None:
    lines += field(marker, clean(text) or "(empty)")
    if clean(feedback):
        lines += field("...", clean(feedback))


def question_lines(bank: Bank, number: int, question: Question) -> list[str]:
    lines = [f"Title: {question.id}"] + field(f"{number}.", stem(question))
    general = evidence.general_feedback(bank, question)
    if general.strip():
        lines += field("...", _MACRO.sub(r"\\\\", general).strip())
    if isinstance(question, TrueFalseQuestion):
        _choice(lines, "*a)" if question.answer else "a)", "True")
        _choice(lines, "b)" if question.answer else "*b)", "False")
    elif isinstance(question, (SingleQuestion, ClaimCheckQuestion)):
        pairs = (
            [(choice.text, choice.correct, choice.feedback) for choice in question.choices]
            if isinstance(question, SingleQuestion)
            else [(label, verdict == question.verdict, "") for verdict, label in VERDICT_LABELS.items()]
        )
        for letter, (text, correct, feedback) in zip(string.ascii_lowercase, pairs):
            _choice(lines, f"{'*' if correct else ''}{letter})", text, feedback)
    elif isinstance(question, MultipleQuestion):
        for choice in question.choices:
            _choice(lines, "[*]" if choice.correct else "[ ]", choice.text, choice.feedback)
    elif isinstance(question, OrderQuestion):
        lines.append(f"* {order_listing(question)[1]}")
    return lines


def quiz_text(bank: Bank, quiz_id: str | None, chosen: Sequence[Question]) -> str:
    """The whole quiz in text2qti's format."""
    quiz = bank.quizzes[quiz_id] if quiz_id else None
    title = " ".join((quiz.title if quiz else bank.info.title).split())
    description = clean((quiz.description if quiz else "") or bank.info.description)
    out = [f"Quiz title: {title}"]  # text2qti takes the title as plain text and escapes it
    if description:
        out += [f"Quiz description: {description.splitlines()[0]}"] + [
            f"  {line}" if line.strip() else "" for line in description.splitlines()[1:]
        ]
    out.append("")
    for number, question in enumerate(chosen, 1):
        out += question_lines(bank, number, question) + [""]
    return "\n".join(out)


class QtiRefused(QuizError):
    """text2qti refused the text (a bug here, or text it cannot take): its message says where."""


def package(text: str) -> bytes:
    """The QTI zip text2qti builds from ``text``."""
    from text2qti.config import Config
    from text2qti.err import Text2qtiError
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    try:
        return QTI(Quiz(text, config=Config(), source_name="export")).zip_bytes()
    except Text2qtiError as exc:
        raise QtiRefused(f"text2qti could not build the Canvas package: {exc}") from exc


def export(bank: Bank, quiz_id: str | None) -> bytes:
    return package(quiz_text(bank, quiz_id, questions(bank, quiz_id)))
