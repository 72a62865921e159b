"""Moodle XML export: well-formed, and every question element, read back with lxml, matches the bank."""

from __future__ import annotations

import pytest
from lxml import etree

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
from quiz.interop import evidence, export, gift
from quiz.ui import markup
from tests.interop.conftest import BANKS, bank

TYPES = {"single": "multichoice", "multiple": "multichoice", "claim-check": "multichoice"}
TYPES |= {"true-false": "truefalse", "order": "matching"}


def read(loaded: Bank, quiz_id: str | None = None) -> etree._Element:
    data = export.render(loaded, quiz_id, "moodle-xml")
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def text_of(element: etree._Element, path: str) -> str:
    found = element.find(path)
    assert found is not None, path
    return found.findtext("text") or ""


def answers(element: etree._Element) -> list[tuple[float, str, str]]:
    return [
        (float(answer.get("fraction")), answer.findtext("text") or "", text_of(answer, "feedback"))
        for answer in element.findall("answer")
    ]


def expected_answers(question: Question) -> list[tuple[float, str, str]]:
    def feedback(value: str) -> str:
        return markup.author(value) if value.strip() else ""

    if isinstance(question, TrueFalseQuestion):
        return [(100.0 if question.answer else 0.0, "true", ""), (0.0 if question.answer else 100.0, "false", "")]
    if isinstance(question, ClaimCheckQuestion):
        return [(100.0 if verdict == question.verdict else 0.0, label, "") for verdict, label in VERDICT_LABELS.items()]
    if isinstance(question, SingleQuestion):
        return [(100.0 if c.correct else 0.0, markup.author(c.text), feedback(c.feedback)) for c in question.choices]
    assert isinstance(question, MultipleQuestion)
    right = sum(c.correct for c in question.choices)
    wrong = len(question.choices) - right
    return [
        (round(100 / right if c.correct else -100 / wrong, 5), markup.author(c.text), feedback(c.feedback))
        for c in question.choices
    ]


@pytest.mark.parametrize("name", sorted(BANKS))
def test_every_question_element_matches_the_bank(name: str) -> None:
    loaded = bank(name)
    root = read(loaded)
    assert root.tag == "quiz"
    heading, *elements = root.findall("question")
    assert heading.get("type") == "category"
    assert text_of(heading, "category") == "$course$/top/" + loaded.info.title.replace("/", "-")
    chosen = loaded.served()
    assert [element.findtext("idnumber") for element in elements] == [question.id for question in chosen]
    for element, question in zip(elements, chosen):
        where = question.id
        assert element.get("type") == TYPES[question.type], where
        assert text_of(element, "name") == question.id, where
        assert element.find("questiontext").get("format") == "markdown", where
        stem = evidence.stem(question) + ("\n\n" + gift.ORDER_NOTE if isinstance(question, OrderQuestion) else "")
        assert text_of(element, "questiontext") == stem, where
        general = text_of(element, "generalfeedback")
        assert general == evidence.general_feedback(loaded, question), where
        assert general.startswith(markup.author(question.explanation)), where
        for cite in question.cite:
            assert markup.literal(cite.quote) in general, where
            assert markup.literal(loaded.sources[cite.source].title) in general, where
        assert [tag.findtext("text") for tag in element.findall("tags/tag")] == list(question.skills), where
        if isinstance(question, OrderQuestion):
            pairs = [(text_of(sub, "."), text_of(sub, "answer")) for sub in element.findall("subquestion")]
            assert pairs == [(markup.author(item), str(place)) for place, item in enumerate(question.items, 1)]
            continue
        got = answers(element)
        assert [(round(f, 5), t, fb) for f, t, fb in got] == expected_answers(question), where
        if isinstance(question, (SingleQuestion, MultipleQuestion, ClaimCheckQuestion)):
            single = element.findtext("single")
            assert single == ("false" if isinstance(question, MultipleQuestion) else "true"), where
            assert abs(sum(f for f, _, _ in got if f > 0) - 100) < 1e-3, where


def test_a_quiz_exports_its_list_under_its_own_category() -> None:
    loaded = bank("mini")
    for quiz_id, quiz in loaded.quizzes.items():
        root = read(loaded, quiz_id)
        heading, *elements = root.findall("question")
        assert text_of(heading, "category").endswith("/" + quiz.title)
        assert [e.findtext("idnumber") for e in elements] == [q.id for q in export.questions(loaded, quiz_id)]


def test_hostile_text_stays_text_in_the_xml() -> None:
    root = read(bank("injection"))
    assert not root.xpath("//script | //img | //iframe | //svg")  # nothing became an element
    everything = "".join(root.itertext())
    assert "<script>alert(1)</script>" not in everything  # made safe for Markdown: '<' written as &lt;
    assert "&lt;script>alert(1)&lt;/script>" in everything
