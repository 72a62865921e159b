"""Attempts as URL tokens: round trips, and every way a token can be wrong."""

from __future__ import annotations

import base64
import json
import re
import zlib
from typing import Any

import pytest

from quiz.bank.load import load_bank
from quiz.bank.model import Bank
from quiz.play import engine, urltoken
from quiz.play.engine import BankQuiz, CustomQuiz
from quiz.play.urltoken import BadToken
from tests.conftest import MINI


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load_bank(MINI)
    assert result.bank is not None
    return result.bank


@pytest.fixture(scope="module")
def banks(bank: Bank) -> dict[str, Bank]:
    return {bank.info.id: bank}


def pack(payload: Any) -> str:
    data = json.dumps(payload).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(data)).rstrip(b"=").decode("ascii")


def unpack(text: str) -> dict[str, Any]:
    return json.loads(zlib.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))))


def halfway(bank: Bank) -> engine.Attempt:
    """The "all" quiz with two questions answered (one right, one wrong) and the third checked."""
    attempt = engine.start(bank, BankQuiz("all"), 1234)
    attempt = engine.advance(engine.submit(attempt, bank, (0,)))
    attempt = engine.advance(engine.submit(attempt, bank, (0, 2)))
    return engine.submit(attempt, bank, (1,))


def test_round_trip_keeps_everything(bank: Bank, banks: dict[str, Bank]) -> None:
    attempts = [
        engine.start(bank, BankQuiz("all"), 1),
        halfway(bank),
        engine.start(bank, CustomQuiz(count=2, skills=("numbers",), difficulties=("easy",), mode="exam"), 77),
        engine.retry_missed(engine.advance(halfway(bank)), bank, 5),
    ]
    for attempt in attempts:
        text = urltoken.encode(attempt)
        assert re.fullmatch(r"[A-Za-z0-9_-]+", text), text
        assert urltoken.decode(text, banks) == attempt


def test_a_token_is_short_and_carries_no_answer_key(bank: Bank) -> None:
    attempt = halfway(bank)
    text = urltoken.encode(attempt)
    assert len(text) < 250
    payload = unpack(text)
    assert payload == {
        "v": 1,
        "b": "mini",
        "q": "all",
        "m": "p",
        "s": 1234,
        "i": list(attempt.question_ids),
        "p": 2,
        "a": [[0], [0, 2], [1], None, None, None],
    }


def test_a_shared_token_reproduces_the_same_quiz(bank: Bank, banks: dict[str, Bank]) -> None:
    attempt = engine.start(bank, BankQuiz("exam"), 4242)
    again = urltoken.decode(urltoken.encode(attempt), banks)
    assert isinstance(again, engine.Attempt)
    assert (again.question_ids, again.orders) == (attempt.question_ids, attempt.orders)


@pytest.mark.parametrize(
    "text", ["", "not a token!", "eNp", "A" * 9000, base64.urlsafe_b64encode(b"plain text").decode()]
)
def test_malformed_tokens_are_refused(text: str, banks: dict[str, Bank]) -> None:
    assert urltoken.decode(text, banks) == BadToken("the link is damaged or incomplete (was it cut short when copied?)")


def test_a_cut_or_altered_token_is_refused(bank: Bank, banks: dict[str, Bank]) -> None:
    text = urltoken.encode(halfway(bank))
    assert isinstance(urltoken.decode(text[:-5], banks), BadToken)
    flipped = text[:20] + ("A" if text[20] != "A" else "B") + text[21:]
    assert isinstance(urltoken.decode(flipped, banks), BadToken)


def test_a_token_that_inflates_too_far_is_refused(banks: dict[str, Bank]) -> None:
    bomb = base64.urlsafe_b64encode(zlib.compress(b" " * 10_000_000, 9)).decode()
    assert isinstance(urltoken.decode(bomb, banks), BadToken)


def good(bank: Bank) -> dict[str, Any]:
    return unpack(urltoken.encode(halfway(bank)))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"v": 2}, "the link was made by another version of the quiz (version 2, expected 1)"),
        ({"b": "other"}, "no bank 'other' is loaded here"),
        ({"q": "gone"}, "quiz 'gone' is not in bank 'mini' any more"),
        ({"q": [3, ["no-such-skill"], [], "p"]}, "the link's quiz is not one this bank can serve"),
        ({"m": "x"}, "the link is damaged or incomplete"),
        ({"s": "1"}, "the link is damaged or incomplete"),
        ({"s": True}, "the link is damaged or incomplete"),
        ({"p": 9}, "the link's questions and answers do not match"),
        ({"a": [[0]]}, "the link's questions and answers do not match"),
        ({"i": []}, "the link's questions and answers do not match"),
    ],
)
def test_a_token_that_does_not_match_the_bank_is_refused(
    bank: Bank, banks: dict[str, Bank], change: dict[str, Any], reason: str
) -> None:
    assert urltoken.decode(pack({**good(bank), **change}), banks) == BadToken(reason)


def test_unknown_and_draft_questions_are_refused(bank: Bank, banks: dict[str, Bank]) -> None:
    for question_id in ("renamed", "vanity"):
        payload = good(bank)
        payload["i"][5] = question_id
        assert urltoken.decode(pack(payload), banks) == BadToken(
            f"question {question_id!r} is not in bank 'mini' any more"
        )


@pytest.mark.parametrize(
    ("index", "answer", "reason"),
    [
        (0, [7], "the answer to question 'bridge-cost' does not fit it (has the question changed?)"),
        (0, [0, 1], "the answer to question 'bridge-cost' does not fit it (has the question changed?)"),
        (1, [2, 0], "the answer to question 'who-spoke' does not fit it"),
        (1, None, "question 'who-spoke' was passed without an answer"),
        (2, ["0"], "the answer to question 'vote-margin' does not fit it (has the question changed?)"),
        (4, [0], "the answer to question 'petition-check' is not possible at this point"),
    ],
)
def test_impossible_answers_are_refused(
    bank: Bank, banks: dict[str, Bank], index: int, answer: Any, reason: str
) -> None:
    payload = good(bank)
    payload["a"][index] = answer
    assert urltoken.decode(pack(payload), banks) == BadToken(reason)


def test_an_order_answer_must_place_every_item(bank: Bank, banks: dict[str, Bank]) -> None:
    payload = good(bank)
    payload["p"], payload["a"][3] = 3, [0, 0, 1]
    assert urltoken.decode(pack(payload), banks) == BadToken(
        "the answer to question 'story-order' does not fit it (has the question changed?)"
    )
    payload["a"][3] = [2, 0, 1]
    decoded = urltoken.decode(pack(payload), banks)
    assert isinstance(decoded, engine.Attempt) and decoded.grades[3] == engine.Grade(
        correct=False, positions=(False, False, False)
    )
