"""GIFT export, checked by gift-pegjs: every exported file parses, and each question matches the bank."""

from __future__ import annotations

import pytest

from quiz.bank.model import Bank
from quiz.interop import export, gift
from tests.interop.conftest import BANKS, bank
from tests.interop.gift_expect import check
from tests.interop.giftpegjs import GiftPegjs, parse_files


@pytest.mark.parametrize("name", sorted(BANKS))
def test_every_question_of_each_bank_reads_back_through_gift_pegjs(name: str, gift_pegjs: GiftPegjs) -> None:
    loaded = bank(name)
    text = export.render(loaded, None, "gift").decode("utf-8")
    parsed = gift_pegjs.parse(text)
    assert isinstance(parsed, list), parsed
    assert parsed[0] == {"type": "Category", "title": " ".join(export.category(loaded, None).split())}
    check(parsed, loaded, loaded.served())


@pytest.mark.parametrize("name", sorted(BANKS))
def test_each_quiz_exports_its_questions_under_its_category(name: str, gift_pegjs: GiftPegjs) -> None:
    loaded = bank(name)
    for quiz_id in loaded.quizzes:
        chosen = export.questions(loaded, quiz_id)
        if not chosen:
            continue
        parsed = gift_pegjs.parse(export.render(loaded, quiz_id, "gift").decode("utf-8"))
        assert parsed[0]["title"] == " ".join(export.category(loaded, quiz_id).split())
        assert parsed[0]["title"].endswith(" ".join(loaded.quizzes[quiz_id].title.replace("/", "-").split()))
        check(parsed, loaded, chosen)


def test_the_file_written_by_the_command_line_parses(tmp_path) -> None:
    from quiz.cli import main

    output = tmp_path / "cuties.gift"
    assert main(["export", str(BANKS["cuties-2020"]), "--format", "gift", "--output", str(output)]) == 0
    (parsed,) = parse_files(output)
    assert isinstance(parsed, list) and len(parsed) == 1 + len(bank("cuties-2020").served())


def _kinds(loaded: Bank) -> set[str]:
    return {question.type for question in loaded.served()}


def test_the_banks_checked_hold_every_question_type() -> None:
    assert set().union(*(_kinds(bank(name)) for name in BANKS)) == {
        "single",
        "multiple",
        "true-false",
        "order",
        "claim-check",
    }


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a ~ b = c # d { e } f : g \\ h", "a \\~ b \\= c \\# d \\{ e \\} f \\: g \\\\ h"),
        ("two\n\nparagraphs\r\nand a CR\rend", "two\\n\\nparagraphs\\nand a CR\\nend"),
        ("  edges trimmed \n", "edges trimmed"),
    ],
)
def test_escape(text: str, written: str) -> None:
    assert gift.escape(text) == written


def test_weights_are_moodle_grade_fractions() -> None:
    assert [gift.percent(value) for value in (100, 50, 100 / 3, -100 / 3, 12.5, 100 / 7)] == [
        "100",
        "50",
        "33.33333",
        "-33.33333",
        "12.5",
        "14.28571",
    ]
