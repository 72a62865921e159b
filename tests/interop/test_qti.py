"""Canvas QTI: text2qti (not written here) parses the export in its own text format and builds the
package; the package's QTI 1.2 XML, read back with lxml, matches the bank."""

from __future__ import annotations

import html
import io
import re
import zipfile

import lxml.html
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
from quiz.interop import export, qti
from tests.interop.conftest import BANKS, bank

NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
TYPES = {
    "single": "multiple_choice_question",
    "claim-check": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "true-false": "true_false_question",
    "order": "short_answer_question",
}
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def plain(value: str) -> str:
    """Text with Markdown's and text2qti's typography taken out, to compare what a learner reads."""
    value = html.unescape(value).translate(_TYPOGRAPHY).replace("\u2026", "...")
    value = re.sub(r"[*_`\\]", "", value)
    return " ".join(value.split())


def seen(mattext: str) -> str:
    """What a mattext's HTML shows."""
    return plain(lxml.html.fragment_fromstring(mattext, create_parent="div").text_content()) if mattext else ""


def assessment(loaded: Bank, quiz_id: str | None = None) -> etree._Element:
    archive = zipfile.ZipFile(io.BytesIO(export.render(loaded, quiz_id, "qti")))
    names = archive.namelist()
    assert "imsmanifest.xml" in names
    (name,) = [n for n in names if n.endswith(".xml") and "/" in n and not n.endswith("assessment_meta.xml")]
    return etree.fromstring(archive.read(name), etree.XMLParser(resolve_entities=False, no_network=True))


def field(item: etree._Element, label: str) -> str:
    for entry in item.iterfind("q:itemmetadata/q:qtimetadata/q:qtimetadatafield", NS):
        if entry.findtext("q:fieldlabel", namespaces=NS) == label:
            return entry.findtext("q:fieldentry", namespaces=NS) or ""
    return ""


def right_choices(item: etree._Element) -> set[str]:
    """The choice idents that score: text2qti's respconditions that set SCORE to 100."""
    found: set[str] = set()
    for condition in item.iterfind(".//q:respcondition", NS):
        if condition.findtext("q:setvar", namespaces=NS) == "100":
            found |= {e.text or "" for e in condition.iterfind("q:conditionvar/q:varequal", NS)}
            found |= {e.text or "" for e in condition.iterfind("q:conditionvar/q:and/q:varequal", NS)}
    return found


def expected_choices(question: Question) -> list[tuple[str, bool]]:
    if isinstance(question, TrueFalseQuestion):
        return [("True", question.answer), ("False", not question.answer)]
    if isinstance(question, ClaimCheckQuestion):
        return [(label, verdict == question.verdict) for verdict, label in VERDICT_LABELS.items()]
    assert isinstance(question, (SingleQuestion, MultipleQuestion))
    return [(plain(choice.text), choice.correct) for choice in question.choices]


@pytest.mark.parametrize("name", sorted(BANKS))
def test_text2qti_builds_the_package_and_every_item_matches_the_bank(name: str) -> None:
    loaded = bank(name)
    root = assessment(loaded)
    assert root.find("q:assessment", NS).get("title") == " ".join(loaded.info.title.split())
    items = root.findall(".//q:item", NS)
    chosen = loaded.served()
    assert [item.get("title") for item in items] == [question.id for question in chosen]
    for item, question in zip(items, chosen):
        where = question.id
        assert field(item, "question_type") == TYPES[question.type], where
        stem = seen(item.findtext("q:presentation/q:material/q:mattext", namespaces=NS) or "")
        assert stem.startswith(plain(question.prompt)) or "<" in question.prompt, where
        general = {
            fb.get("ident"): seen(fb.findtext(".//q:mattext", namespaces=NS) or "")
            for fb in item.iterfind("q:itemfeedback", NS)
        }
        assert "Evidence" in general["general_fb"], where
        for cite in question.cite:
            assert plain(cite.quote) in general["general_fb"], where
            assert plain(loaded.sources[cite.source].title) in general["general_fb"], where
        if isinstance(question, OrderQuestion):
            _, key = qti.order_listing(question)
            answers = [e.text for e in item.iterfind(".//q:varequal", NS)]
            assert answers == [key], where
            continue
        labels = item.findall(".//q:response_label", NS)
        got = [(seen(label.findtext(".//q:mattext", namespaces=NS) or ""), label.get("ident")) for label in labels]
        right = right_choices(item)
        if all("<" not in text for text, _ in expected_choices(question)):
            assert [(text, ident in right) for text, ident in got] == expected_choices(question), where
        else:
            assert [ident in right for _, ident in got] == [ok for _, ok in expected_choices(question)], where
        if isinstance(question, (SingleQuestion, MultipleQuestion)):
            for (_, ident), choice in zip(got, question.choices):
                if choice.feedback.strip() and "<" not in choice.feedback:
                    assert general.get(f"{ident}_fb") == plain(choice.feedback), where


def test_order_questions_list_their_items_scrambled_with_the_letters_as_key() -> None:
    question = next(q for q in bank("mini").served() if isinstance(q, OrderQuestion))
    listing, key = qti.order_listing(question)
    assert sorted(key) == sorted("ABCDEFGH"[: len(question.items)]) and key != "ABCDEFGH"[: len(key)]
    lines = listing.splitlines()
    for place, letter in enumerate(key):  # the item listed under each letter, in the key's order, is the right order
        assert lines["ABCDEFGH".index(letter)].endswith(question.items[place])


def test_hostile_text_is_text_in_canvas() -> None:
    root = assessment(bank("injection"))
    for mattext in root.iterfind(".//q:mattext", NS):
        fragment = lxml.html.fragment_fromstring(mattext.text or "", create_parent="div")
        assert not fragment.xpath(".//script | .//img | .//iframe | .//svg | .//*[@onerror] | .//*[@onload]")
        for link in fragment.iterfind(".//a"):
            assert link.get("href", "").startswith(("http://", "https://")), link.get("href")


def test_text2qti_refusal_is_a_clear_error() -> None:
    with pytest.raises(qti.QtiRefused, match="text2qti could not build"):
        qti.package("Quiz title: x\n\n1. a question\n*a) one\n*b) two\n")
