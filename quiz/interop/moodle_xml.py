"""Moodle XML: a bank's questions as ``<quiz>``, every text ``format="markdown"``.

Each question carries its id as ``<name>`` and ``<idnumber>`` and its skills as ``<tags>``;
a category question first puts them in the bank's (and the quiz's) category. The XML writer
escapes every text, so bank text arrives as text (``markup.author`` has already made its
Markdown safe: ``<`` cannot open HTML). Order questions become Moodle's core ``matching``
question: Moodle's ``ordering`` question type is a plugin a site may not have (docs/interop.md).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
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
from quiz.interop.gift import ORDER_NOTE, percent, weights

MARKDOWN = {"format": "markdown"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped: each becomes U+FFFD; a line
    end is LF (an XML reader turns a written CR or CRLF into LF anyway)."""
    return _NOT_XML.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))


QTYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true-false": "truefalse",
    "claim-check": "multichoice",
    "order": "matching",
}


def _text(parent: ET.Element, tag: str, value: str, formatted: bool = True) -> ET.Element:
    element = ET.SubElement(parent, tag, MARKDOWN if formatted else {})
    ET.SubElement(element, "text").text = xml_safe(value)
    return element


def _simple(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _answer(parent: ET.Element, fraction: float, text: str, feedback: str = "", formatted: bool = True) -> None:
    answer = ET.SubElement(parent, "answer", {"fraction": percent(fraction), **(MARKDOWN if formatted else {})})
    ET.SubElement(answer, "text").text = xml_safe(text)
    _text(answer, "feedback", evidence.text(feedback) if feedback.strip() else "")


def _answers(element: ET.Element, question: Question) -> None:
    if isinstance(question, TrueFalseQuestion):
        _answer(element, 100 if question.answer else 0, "true", formatted=False)
        _answer(element, 0 if question.answer else 100, "false", formatted=False)
        return
    if isinstance(question, OrderQuestion):
        _simple(element, "shuffleanswers", "true")
        for place, item in enumerate(question.items, 1):
            sub = _text(element, "subquestion", evidence.text(item))
            _text(sub, "answer", str(place), formatted=False)
        return
    single = not isinstance(question, MultipleQuestion)
    _simple(element, "single", "true" if single else "false")
    _simple(element, "shuffleanswers", "false" if isinstance(question, ClaimCheckQuestion) else "true")
    _simple(element, "answernumbering", "abc")
    if isinstance(question, ClaimCheckQuestion):
        for verdict, label in VERDICT_LABELS.items():
            _answer(element, 100 if verdict == question.verdict else 0, label)
    elif isinstance(question, SingleQuestion):
        for choice in question.choices:
            _answer(element, 100 if choice.correct else 0, evidence.text(choice.text), choice.feedback)
    elif isinstance(question, MultipleQuestion):
        for choice, weight in zip(question.choices, weights(question)):
            _answer(element, weight, evidence.text(choice.text), choice.feedback)


def stem(question: Question) -> str:
    text = evidence.stem(question)
    return text + "\n\n" + ORDER_NOTE if isinstance(question, OrderQuestion) else text


def question_element(bank: Bank, question: Question) -> ET.Element:
    element = ET.Element("question", {"type": QTYPES[question.type]})
    _text(element, "name", question.id, formatted=False)
    _text(element, "questiontext", stem(question))
    _text(element, "generalfeedback", evidence.general_feedback(bank, question))
    _simple(element, "defaultgrade", "1")
    _simple(element, "penalty", "0")
    _simple(element, "hidden", "0")
    _simple(element, "idnumber", question.id)
    _answers(element, question)
    tags = ET.SubElement(element, "tags")
    for skill in question.skills:
        _text(tags, "tag", skill, formatted=False)
    return element


def quiz_element(bank: Bank, quiz_id: str | None, chosen: Sequence[Question]) -> ET.Element:
    root = ET.Element("quiz")
    root.append(ET.Comment(f" exported by quiz export: {len(chosen)} questions "))  # no bank text in it
    heading = ET.SubElement(root, "question", {"type": "category"})
    _text(heading, "category", "$course$/top/" + category(bank, quiz_id), formatted=False)
    for question in chosen:
        root.append(question_element(bank, question))
    return root


def export(bank: Bank, quiz_id: str | None) -> bytes:
    root = quiz_element(bank, quiz_id, questions(bank, quiz_id))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
