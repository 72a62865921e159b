"""Certainty-based marking: Moodle's table of marks, the summary and the calibration of an attempt,
and confidence carried by the engine and the URL token (old tokens still open)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.bank.load import load_bank
from quiz.bank.model import Bank, OrderQuestion, Quiz
from quiz.play import cbm, engine, urltoken
from quiz.play.cbm import Response
from quiz.play.engine import BankQuiz, CustomQuiz
from tests.conftest import MINI, QUESTION_YAML

ALL = ("bridge-cost", "who-spoke", "vote-margin", "story-order", "petition-check", "ferry-date")


@pytest.fixture(scope="module")
def bank() -> Bank:
    """The mini bank with a quiz that asks for confidence ("sure") beside its own two."""
    loaded = load_bank(MINI).bank
    assert loaded is not None
    sure = Quiz(id="sure", title="How sure?", questions=ALL, confidence=True)
    return dataclasses.replace(loaded, quizzes={**loaded.quizzes, "sure": sure})


@pytest.fixture(scope="module")
def banks(bank: Bank) -> dict[str, Bank]:
    return {bank.info.id: bank}


# ---------------------------------------------------------------- Moodle's table

# question_cbm_test.php pins the same marks: right 1/2/3, wrong 0/-2/-6, half right 0.5/1/1.5.
TABLE = [
    (1.0, 1, 1.0),
    (1.0, 2, 2.0),
    (1.0, 3, 3.0),
    (0.0, 1, 0.0),
    (0.0, 2, -2.0),
    (0.0, 3, -6.0),
    (0.5, 1, 0.5),
    (0.5, 2, 1.0),
    (0.5, 3, 1.5),
    (0.25, 3, 0.75),
]


@pytest.mark.parametrize(("fraction", "level", "expected"), TABLE)
def test_moodles_table_of_marks(fraction: float, level: int, expected: float) -> None:
    assert cbm.mark(fraction, level) == pytest.approx(expected, abs=1e-12)


def test_no_level_chosen_counts_as_the_first() -> None:
    assert cbm.level_of(None) == 1
    assert cbm.mark(0.0, cbm.level_of(None)) == 0.0
    assert cbm.mark(1.0, cbm.level_of(None)) == 1.0


@pytest.mark.parametrize("level", [0, 4, -1, "3"])
def test_a_level_outside_the_three_is_refused(level: object) -> None:
    with pytest.raises(ValueError, match="confidence must be one of"):
        cbm.level_of(level)  # type: ignore[arg-type]


@pytest.mark.parametrize("fraction", [-0.25, 1.5])
def test_a_fraction_outside_0_to_1_is_refused(fraction: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        cbm.mark(fraction, 2)


def test_the_best_level_in_hindsight() -> None:
    assert [cbm.best_level(fraction) for fraction in (0.0, 0.1, 0.5, 1.0)] == [1, 3, 3, 3]


# ---------------------------------------------------------------- the summary, worked by hand


def test_the_summary_of_an_attempt() -> None:
    responses = [
        Response(1.0, 3),  # +3
        Response(1.0, 3),  # +3
        Response(0.0, 3),  # -6
        Response(1.0, 2),  # +2
        Response(0.0, 1),  # 0
        Response(None, 1),  # not answered: weighs in, scores nothing
    ]
    summary = cbm.summary(responses)
    assert (summary.questions, summary.answered) == (6, 5)
    assert summary.total_mark == pytest.approx(2.0)
    assert summary.accuracy == pytest.approx(3 / 6)
    assert summary.average_mark == pytest.approx(2 / 6)
    # At accuracy 0.5 the best single level is 1: 0.5*1 + 0.5*0 = 0.5 (level 2: 0; level 3: -1.5).
    assert summary.bonus == pytest.approx(0.1 * (2 / 6 - 0.5))
    assert summary.accuracy_and_bonus == pytest.approx(0.5 + 0.1 * (2 / 6 - 0.5))


def test_knowing_what_you_know_earns_a_bonus() -> None:
    # Right at 3 when sure, wrong at 1 when not: accuracy 0.5 but average 1.5 (best single level: 0.5).
    summary = cbm.summary([Response(1.0, 3), Response(0.0, 1)])
    assert summary.average_mark == pytest.approx(1.5)
    assert summary.bonus == pytest.approx(0.1)


def test_a_summary_needs_a_question() -> None:
    with pytest.raises(ValueError):
        cbm.summary([])


# ---------------------------------------------------------------- calibration


def test_calibration_counts_each_level_against_its_range() -> None:
    very = [Response(1.0, 3)] * 5 + [Response(0.0, 3)] * 4  # right 5 times out of 9
    not_very = [Response(1.0, 1)] * 3  # right every time
    calibration = cbm.calibrate(very + not_very + [Response(None, 2)])
    low, fair, high = calibration.levels
    assert (low.level, low.answers, low.right, low.accuracy) == (1, 3, 3, 1.0)
    assert (fair.level, fair.answers, fair.right, fair.accuracy, fair.judgement) == (2, 0, 0, None, None)
    assert (high.level, high.answers, high.right) == (3, 9, 5)
    assert high.accuracy == pytest.approx(5 / 9)
    assert (low.low, low.high, fair.low, fair.high, high.low, high.high) == pytest.approx(
        (0, 2 / 3, 2 / 3, 0.8, 0.8, 1)
    )
    # (5/9 - 0.8)^2 * 9 = 0.54 > 0.5: over-confident; (1 - 2/3)^2 * 3 = 0.33: a bit under-confident.
    assert high.judgement == "over"
    assert low.judgement == "slightly-under"
    assert calibration.advice == high  # over-confidence is said first
    assert calibration.answers == 12


@pytest.mark.parametrize(
    ("accuracy", "answers", "level", "judgement"),
    [
        (0.5, 10, 1, "ok"),
        (2 / 3, 10, 1, "ok"),
        (0.75, 10, 2, "ok"),
        (0.8, 10, 3, "ok"),
        (1.0, 10, 3, "ok"),
        (0.7, 10, 3, "slightly-over"),  # 0.01 * 10 = 0.1
        (0.5, 10, 3, "over"),  # 0.09 * 10 = 0.9
        (1.0, 2, 2, "slightly-under"),  # 0.04 * 2 = 0.08
        (1.0, 20, 2, "under"),  # 0.04 * 20 = 0.8
        (0.0, 1, 2, "slightly-over"),  # 0.44 * 1
        (0.0, 2, 2, "over"),  # 0.44 * 2 = 0.89
    ],
)
def test_moodles_judgement_of_a_level(accuracy: float, answers: int, level: int, judgement: str) -> None:
    assert cbm.judge(accuracy, answers, level) == judgement


def test_the_advice_prefers_over_confidence_and_the_higher_level() -> None:
    under_at_1 = [Response(1.0, 1)] * 6
    over_at_2 = [Response(0.0, 2)] * 3
    over_at_3 = [Response(1.0, 3), Response(0.0, 3)]
    assert cbm.calibrate(under_at_1 + over_at_2).advice.level == 2  # type: ignore[union-attr]
    assert cbm.calibrate(under_at_1 + over_at_2 + over_at_3).advice.level == 3  # type: ignore[union-attr]
    assert cbm.calibrate(under_at_1).advice.level == 1  # type: ignore[union-attr]
    well = [Response(1.0, 3)] * 4 + [Response(0.0, 1), Response(1.0, 1)]
    assert cbm.calibrate(well).advice is None


# ---------------------------------------------------------------- the engine


def answer(bank: Bank, attempt: engine.Attempt, right: bool, confidence: int | None) -> engine.Attempt:
    question = engine.current(attempt, bank)
    key = engine.right_answer(question)
    if right:
        given = key
    elif isinstance(question, OrderQuestion):
        given = key[1:] + key[:1]
    else:
        given = ((key[0] + 1) % len(engine.options(question)),)
    return engine.advance(engine.submit(attempt, bank, given, confidence))


def test_confidence_is_part_of_the_answer_and_of_the_attempt(bank: Bank) -> None:
    attempt = engine.start(bank, BankQuiz("sure"), 3)
    assert attempt.asks_confidence and attempt.confidence == (None,) * 6
    for right, level in [(True, 3), (False, 3), (True, 2), (False, None), (True, 1), (False, 2)]:
        attempt = answer(bank, attempt, right, level)
    assert attempt.finished
    assert attempt.confidence == (3, 3, 2, 1, 1, 2)  # none chosen counts as 1
    responses = cbm.of_attempt(attempt)
    assert responses == (
        Response(1.0, 3),
        Response(0.0, 3),
        Response(1.0, 2),
        Response(0.0, 1),
        Response(1.0, 1),
        Response(0.0, 2),
    )
    assert cbm.summary(responses).total_mark == 3 - 6 + 2 + 0 + 1 - 2
    assert engine.score(attempt, bank).right == 3  # the plain score is unchanged


def test_a_quiz_without_confidence_is_unchanged(bank: Bank) -> None:
    attempt = engine.start(bank, BankQuiz("all"), 3)
    assert not attempt.asks_confidence and attempt.confidence is None
    attempt = answer(bank, attempt, True, None)
    assert attempt.confidence is None and cbm.of_attempt(attempt) == ()
    with pytest.raises(ValueError, match="does not ask"):
        engine.submit(attempt, bank, engine.right_answer(engine.current(attempt, bank)), 2)


def test_a_level_outside_the_three_is_refused_by_the_engine(bank: Bank) -> None:
    attempt = engine.start(bank, BankQuiz("sure"), 3)
    with pytest.raises(ValueError, match="confidence must be one of"):
        engine.submit(attempt, bank, engine.right_answer(engine.current(attempt, bank)), 4)


def test_an_assignment_can_turn_confidence_on_or_off(bank: Bank) -> None:
    assert engine.start(bank, BankQuiz("all"), 3, confidence=True).asks_confidence
    assert not engine.start(bank, BankQuiz("sure"), 3, confidence=False).asks_confidence
    assert engine.start(bank, CustomQuiz(2, confidence=True), 3).confidence == (None, None)
    assert not engine.start(bank, CustomQuiz(2), 3).asks_confidence


def test_retry_and_restart_keep_asking(bank: Bank) -> None:
    attempt = engine.start(bank, BankQuiz("all"), 3, confidence=True)
    while not attempt.finished:
        attempt = answer(bank, attempt, attempt.position % 2 == 0, 3)
    retry = engine.retry_missed(attempt, bank, 4)
    assert retry.confidence == (None,) * retry.size
    assert engine.restart(attempt, bank, 5).asks_confidence


# ---------------------------------------------------------------- the token

# Made by the code of commit 7ad8754 (before confidence existed), from the "halfway" attempt of
# tests/play/test_urltoken.py and a custom exam: links shared then must still open, asking nothing.
OLD_BANK_QUIZ_TOKEN = (
    "eNpFjDEOgzAMRe_yZ0cC2ilXQRkCuGARYhpSqqrq3etOXb6f_Wy_ccK3hAEem2QB4W4YUzLajHarh610lytB4HsMRaaZ3ahHNfdc1B27rmx8amW3x"
    "TJL_l1VLS-nZeJi3c5Vqmh248LjaoMbF9NTrIxgGr4jRPvfN4H6hjrLNlB-pPSP8PkC6RI2RA"
)
OLD_CUSTOM_QUIZ_TOKEN = (
    "eNodjUEKgDAQA_-S8wrqRehXSg-tLrJgq7YqiPh3t17CQCbkwQXTEQIMoiQBYYexPVmkMwbOBU6ZfbkVwDWiuqxigRkGgqiPaz24iT7PkrQJWaaZm3"
    "EtRx1s_4VXz7aO0rks7v0AKqsjVg"
)


def test_old_tokens_still_open(bank: Bank, banks: dict[str, Bank]) -> None:
    halfway = urltoken.decode(OLD_BANK_QUIZ_TOKEN, banks)
    assert isinstance(halfway, engine.Attempt), halfway
    assert (halfway.quiz, halfway.seed, halfway.position, halfway.question_ids) == (BankQuiz("all"), 1234, 2, ALL)
    assert halfway.answers == ((0,), (0, 2), (1,), None, None, None)
    assert [grade.correct for grade in halfway.grades if grade] == [True, False, False]
    assert halfway.confidence is None
    custom = urltoken.decode(OLD_CUSTOM_QUIZ_TOKEN, banks)
    assert isinstance(custom, engine.Attempt), custom
    assert custom.quiz == CustomQuiz(2, ("numbers",), ("easy",), "exam", confidence=False)
    assert (custom.mode, custom.seed, custom.question_ids, custom.answers) == (
        "exam",
        77,
        ("vote-margin", "bridge-cost"),
        ((0,), None),
    )
    assert custom.confidence is None


def test_the_token_carries_confidence(bank: Bank, banks: dict[str, Bank]) -> None:
    attempt = engine.start(bank, BankQuiz("sure"), 8)
    attempt = answer(bank, attempt, True, 3)
    attempt = answer(bank, attempt, False, None)
    attempt = engine.submit(attempt, bank, engine.right_answer(engine.current(attempt, bank)), 2)
    text = urltoken.encode(attempt)
    assert urltoken.decode(text, banks) == attempt
    assert urltoken.decode(text, banks).confidence == (3, 1, 2, None, None, None)  # type: ignore[union-attr]
    custom = engine.start(bank, CustomQuiz(3, mode="exam", confidence=True), 9)
    custom = answer(bank, custom, True, 2)
    assert urltoken.decode(urltoken.encode(custom), banks) == custom
    retry = engine.retry_missed(answer(bank, answer(bank, custom, False, 3), True, 1), bank, 10)
    assert urltoken.decode(urltoken.encode(retry), banks) == retry


def _tampered(attempt: engine.Attempt, **changes: object) -> str:
    """The attempt's token with payload fields replaced (the token's own packing)."""
    import base64
    import json
    import zlib

    raw = urltoken.encode(attempt)
    payload = json.loads(zlib.decompress(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))))
    payload.update(changes)
    data = json.dumps(payload).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(data)).rstrip(b"=").decode("ascii")


@pytest.mark.parametrize(
    "levels",
    [
        [3, None, None, None, None, None, None],  # one too many
        [4, None, None, None, None, None],  # not a level
        [True, None, None, None, None, None],  # a boolean is not a level
        [None, None, None, None, None, None],  # an answer without one
        [3, 2, None, None, None, None],  # a level without an answer
        "3",
    ],
)
def test_a_token_with_impossible_confidence_is_refused(bank: Bank, banks: dict[str, Bank], levels: object) -> None:
    attempt = engine.submit(engine.start(bank, BankQuiz("sure"), 8), bank, (0,), 3)
    assert urltoken.decode(_tampered(attempt, c=levels), banks) == urltoken.BadToken(
        "the link's answers and confidence do not match"
    )


def test_a_custom_quiz_flag_must_be_1(bank: Bank, banks: dict[str, Bank]) -> None:
    attempt = engine.start(bank, CustomQuiz(2, confidence=True), 8)
    for flag in ([2], [True], [1, 1]):
        quiz = [2, [], [], "p", *flag]
        assert urltoken.decode(_tampered(attempt, q=quiz), banks) == urltoken.BadToken(
            "the link's quiz is not one this bank can serve"
        )


# ---------------------------------------------------------------- the bank


def test_a_banks_quiz_asks_with_confidence_true(make_bank: Callable[..., Path]) -> None:
    quizzes = "quizzes:\n  - id: sure\n    title: Sure?\n    questions: [cost]\n    confidence: {value}\n"
    asks = load_bank(make_bank({"q.yaml": QUESTION_YAML, "z.yaml": quizzes.format(value="true")}, name="asks"))
    assert asks.bank is not None and asks.bank.quizzes["sure"].confidence
    assert engine.start(asks.bank, BankQuiz("sure"), 1).asks_confidence
    wrong = load_bank(make_bank({"q.yaml": QUESTION_YAML, "z.yaml": quizzes.format(value="yes")}, name="wrong"))
    assert wrong.bank is None
    assert [issue.message for issue in wrong.errors] == ["expected true or false, found 'yes'"]


def test_a_bank_quiz_can_be_told_to_ask_or_not(bank: Bank) -> None:
    assert engine.start(bank, BankQuiz("all", confidence=True), 3).asks_confidence
    assert not engine.start(bank, BankQuiz("sure", confidence=False), 3).asks_confidence
    assert engine.start(bank, BankQuiz("sure", confidence=None), 3).asks_confidence  # as the bank says
