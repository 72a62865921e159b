"""Hypothesis: banks whose every field holds GIFT and XML control characters, Markdown and HTML go
out as GIFT and come back through gift-pegjs with their text unchanged (as written for Markdown:
``markup.author``'s safe form, which is the text itself wherever it holds no ``<``, ``$`` or link),
and the same banks' Moodle XML reads back with the same text.

Example counts: 25 by default; 300, derandomized, under ``CI=true`` (as tests/bank/test_properties.py)."""

from __future__ import annotations

import re
from types import MappingProxyType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from quiz.bank.model import (
    BUILTIN_SKILLS,
    Bank,
    BankInfo,
    ClaimCheckQuestion,
    MultipleQuestion,
    OrderQuestion,
    SingleQuestion,
    Source,
    TrueFalseQuestion,
)
from quiz.bank.quotes import SourceText
from quiz.interop import evidence, export
from quiz.interop.moodle_xml import xml_safe
from tests.interop.gift_expect import as_read, check
from tests.interop.giftpegjs import GiftPegjs
from tests.support.requires import in_ci

settings.register_profile(
    "interop-ci", max_examples=300, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile("interop-dev", max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
PROFILE = settings.get_profile("interop-ci" if in_ci() else "interop-dev")

PIECES = ["~", "=", "#", "{", "}", ":", "\\", "\\n", "::", "####", "%50%", "->", "//", "[id:x]", "$CATEGORY:"]
PIECES += ["<script>alert(1)</script>", "<b>", "&amp;", "&lt;", "]]>", "<!--", "'", '"', "\n", "\n\n", "\r\n", "\t"]
PIECES += ["**bold**", "_it_", "`code`", "# head", "- item", "> quote", "[link](http://x.org)", "$x$"]
PIECES += ["é", "→", "😀"]
text = st.lists(st.sampled_from(PIECES) | st.text(min_size=1, max_size=4), min_size=1, max_size=8).map("".join)
text = text.filter(lambda value: as_read(value) != "" and "\x00" not in value)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
SKILLS = [skill.id for skill in BUILTIN_SKILLS]


@st.composite
def banks(draw: st.DrawFn) -> Bank:
    source = Source(id="src", title=draw(text), file="s.md", outlet=draw(text), url="https://example.org/a?b=<c>")
    quote = draw(text)
    cite = {"cite": ({"source": "src", "quote": quote},)}
    questions = {}
    for number, kind in enumerate(
        draw(st.lists(st.sampled_from(["single", "multiple", "tf", "order", "claim"]), min_size=1, max_size=5))
    ):
        common = {
            "id": f"q{number}-{draw(ids)}",
            "prompt": draw(text),
            "explanation": draw(text),
            "skills": tuple(draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=2, unique=True))),
            **cite,
        }
        if kind in ("single", "multiple"):
            choices = draw(st.lists(text, min_size=2, max_size=4, unique_by=lambda value: as_read(value)))
            right = draw(st.sets(st.integers(0, len(choices) - 1), min_size=1, max_size=1 if kind == "single" else 4))
            made = [
                {"text": c, "correct": i in right, "feedback": draw(st.just("") | text)} for i, c in enumerate(choices)
            ]
            model = SingleQuestion if kind == "single" else MultipleQuestion
            question = model.model_validate({"type": kind, "choices": made, **common})
        elif kind == "tf":
            question = TrueFalseQuestion.model_validate({"type": "true-false", "answer": draw(st.booleans()), **common})
        elif kind == "order":
            items = draw(st.lists(text, min_size=3, max_size=4, unique_by=lambda value: as_read(value)))
            question = OrderQuestion.model_validate({"type": "order", "items": items, **common})
        else:
            verdict = draw(st.sampled_from(["supported", "contradicted", "conflicting", "not-in-sources"]))
            payload = {"type": "claim-check", "claim": draw(text), "verdict": verdict, **common}
            question = ClaimCheckQuestion.model_validate(payload)
        questions[question.id] = question
    return Bank(
        folder="generated",
        info=BankInfo(id="generated", title=draw(text)),
        skills=MappingProxyType({skill.id: skill for skill in BUILTIN_SKILLS}),
        sources=MappingProxyType({"src": source}),
        texts=MappingProxyType({"src": SourceText(quote)}),
        claims=MappingProxyType({}),
        questions=MappingProxyType(questions),
        quizzes=MappingProxyType({}),
        files=(),
    )


_RISKY = re.compile(r"[<$]|\]\s*[(:]|!\[")


@PROFILE
@given(bank=banks())
def test_gift_round_trips_through_gift_pegjs(gift_pegjs: GiftPegjs, bank: Bank) -> None:
    parsed = gift_pegjs.parse(export.render(bank, None, "gift").decode("utf-8"))
    assert isinstance(parsed, list), parsed
    check(parsed, bank, bank.served())
    for item, question in zip(parsed[1:], bank.served()):
        if not _RISKY.search(question.explanation):
            assert item["globalFeedback"]["text"].startswith(as_read(question.explanation))  # unchanged
        if isinstance(question, (SingleQuestion, MultipleQuestion, TrueFalseQuestion, OrderQuestion)):
            if not _RISKY.search(question.prompt):
                assert item["stem"]["text"].startswith(as_read(question.prompt))  # unchanged


@PROFILE
@given(bank=banks())
def test_moodle_xml_keeps_every_text(bank: Bank) -> None:
    root = etree.fromstring(export.render(bank, None, "moodle-xml"), etree.XMLParser(resolve_entities=False))
    elements = root.findall("question")[1:]
    for element, question in zip(elements, bank.served(), strict=True):
        assert element.findtext("generalfeedback/text") == xml_safe(evidence.general_feedback(bank, question))
        assert element.findtext("questiontext/text").startswith(xml_safe(evidence.stem(question)))
        assert not root.xpath("//script | //b")
