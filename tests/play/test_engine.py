"""The quiz engine: drawing, ordering, grading, scoring and retrying, on the mini bank."""

from __future__ import annotations

import dataclasses

import pytest

from quiz.bank.load import load_bank
from quiz.bank.model import Bank, Quiz
from quiz.play import engine
from quiz.play.engine import BankQuiz, CustomQuiz
from tests.conftest import MINI

SEEDS = range(200)


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load_bank(MINI)
    assert result.bank is not None, result.errors
    return result.bank


def answer_to(bank: Bank, question_id: str, *labels: str) -> tuple[int, ...]:
    """The answer picking ``labels`` (by their text), in the order given."""
    options = engine.options(bank.questions[question_id])
    return tuple(options.index(label) for label in labels)


def run_through(bank: Bank, attempt: engine.Attempt, right: set[str]) -> engine.Attempt:
    """Answer every question, right for the ids in ``right`` and wrong otherwise."""
    while not attempt.finished:
        question = engine.current(attempt, bank)
        key = engine.right_answer(question)
        attempt = engine.advance(engine.submit(attempt, bank, key if question.id in right else wrong(question)))
    return attempt


def wrong(question) -> tuple[int, ...]:
    key = engine.right_answer(question)
    if len(key) > 1 and sorted(key) == list(range(len(key))) and len(key) == len(engine.options(question)):
        return key[1:] + key[:1]  # an order question: rotate
    return next((index,) for index in range(len(engine.options(question))) if (index,) != key)


# ---------------------------------------------------------------- grading, per type


def test_single_right(bank: Bank) -> None:
    grade = engine.grade(bank.questions["bridge-cost"], answer_to(bank, "bridge-cost", "£2.4 million"))
    assert grade == engine.Grade(correct=True, picked_right=(0,), picked_wrong=(), missed=())


def test_single_wrong_names_the_pick_and_the_missed_answer(bank: Bank) -> None:
    grade = engine.grade(bank.questions["bridge-cost"], answer_to(bank, "bridge-cost", "£3 million"))
    assert grade == engine.Grade(correct=False, picked_right=(), picked_wrong=(1,), missed=(0,))


def test_true_false(bank: Bank) -> None:
    question = bank.questions["vote-margin"]  # answer: true
    assert engine.options(question) == ("True", "False")
    assert engine.grade(question, (0,)).correct
    assert not engine.grade(question, (1,)).correct
    assert engine.grade(question, (1,)).missed == (0,)


def test_claim_check_uses_the_four_verdicts(bank: Bank) -> None:
    question = bank.questions["petition-check"]  # verdict: conflicting
    assert engine.options(question) == ("Supported", "Contradicted", "The sources disagree", "Not in the sources")
    assert engine.grade(question, answer_to(bank, "petition-check", "The sources disagree")).correct
    wrong_grade = engine.grade(question, answer_to(bank, "petition-check", "Supported"))
    assert (wrong_grade.correct, wrong_grade.picked_wrong, wrong_grade.missed) == (False, (0,), (2,))
    assert engine.grade(bank.questions["ferry-date"], answer_to(bank, "ferry-date", "Not in the sources")).correct


def test_multiple_right_only_when_the_set_is_exact(bank: Bank) -> None:
    question = bank.questions["who-spoke"]  # right: Okafor (0), Hale (1); wrong: organisers (2)
    assert engine.grade(question, (0, 1)).correct
    subset = engine.grade(question, (0,))
    assert (subset.correct, subset.picked_right, subset.picked_wrong, subset.missed) == (False, (0,), (), (1,))
    superset = engine.grade(question, (0, 1, 2))
    assert (superset.correct, superset.picked_right, superset.picked_wrong, superset.missed) == (
        False,
        (0, 1),
        (2,),
        (),
    )
    assert not engine.grade(question, ()).correct


def test_order_right_only_when_the_whole_order_is(bank: Bank) -> None:
    question = bank.questions["story-order"]
    assert engine.grade(question, (0, 1, 2)) == engine.Grade(correct=True, positions=(True, True, True))
    swapped = engine.grade(question, (1, 0, 2))
    assert swapped == engine.Grade(correct=False, positions=(False, False, True))


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        ("bridge-cost", (3,)),  # no such choice
        ("bridge-cost", (0, 1)),  # single takes one
        ("vote-margin", ()),
        ("petition-check", (4,)),
        ("who-spoke", (1, 0)),  # multiple answers are sorted sets
        ("story-order", (0, 1)),  # every item must be placed
        ("story-order", (0, 0, 1)),
    ],
)
def test_an_answer_that_does_not_fit_is_refused(bank: Bank, question_id: str, answer: tuple[int, ...]) -> None:
    assert not engine.is_valid(bank.questions[question_id], answer)
    with pytest.raises(ValueError):
        engine.grade(bank.questions[question_id], answer)


# ---------------------------------------------------------------- order of options


def test_fixed_choices_keep_their_place(bank: Bank) -> None:
    question = bank.questions["bridge-cost"]  # the third choice is fixed
    orders = {engine.shown_order(question, seed) for seed in SEEDS}
    assert all(order[2] == 2 for order in orders)
    assert orders == {(0, 1, 2), (1, 0, 2)}  # the others do move


def test_order_items_are_never_shown_solved(bank: Bank) -> None:
    question = bank.questions["story-order"]
    orders = {engine.shown_order(question, seed) for seed in SEEDS}
    assert (0, 1, 2) not in orders
    assert len(orders) == 5  # every other permutation of three items shows up


def test_true_false_and_verdicts_keep_their_order(bank: Bank) -> None:
    assert {engine.shown_order(bank.questions["vote-margin"], seed) for seed in SEEDS} == {(0, 1)}
    assert {engine.shown_order(bank.questions["ferry-date"], seed) for seed in SEEDS} == {(0, 1, 2, 3)}


def test_the_seed_fixes_the_order(bank: Bank) -> None:
    question = bank.questions["who-spoke"]
    assert engine.shown_order(question, 7) == engine.shown_order(question, 7)
    assert len({engine.shown_order(question, seed) for seed in SEEDS}) == 6


# ---------------------------------------------------------------- drawing


def test_a_listed_quiz_serves_its_list_in_order(bank: Bank) -> None:
    attempt = engine.start(bank, BankQuiz("all"), 3)
    assert attempt.question_ids == (
        "bridge-cost",
        "who-spoke",
        "vote-margin",
        "story-order",
        "petition-check",
        "ferry-date",
    )
    assert attempt.mode == "practice"
    assert attempt.answers == (None,) * 6 and attempt.position == 0


def test_drafts_are_never_served(bank: Bank) -> None:
    listing_a_draft = dataclasses.replace(
        bank,
        quizzes={
            "with-draft": Quiz(id="with-draft", title="T", questions=("vanity", "bridge-cost")),
            "opinion": Quiz(id="opinion", title="T", pick=5, skills=("fact-vs-opinion", "numbers")),
        },
    )
    assert engine.start(listing_a_draft, BankQuiz("with-draft"), 1).question_ids == ("bridge-cost",)
    for seed in range(30):
        assert "vanity" not in engine.start(listing_a_draft, BankQuiz("opinion"), seed).question_ids
        assert "vanity" not in engine.start(bank, CustomQuiz(count=10), seed).question_ids
    with pytest.raises(ValueError):
        engine.start(bank, CustomQuiz(count=1, skills=("fact-vs-opinion",)), 1)  # only the draft has it


def test_pick_draws_through_the_filters(bank: Bank) -> None:
    drawn = {engine.start(bank, BankQuiz("exam"), seed).question_ids for seed in range(40)}
    assert all(len(ids) == 3 for ids in drawn)
    assert all(bank.questions[question_id].difficulty in ("easy", "hard") for ids in drawn for question_id in ids)
    assert {question_id for ids in drawn for question_id in ids} == {
        "bridge-cost",
        "vote-margin",
        "petition-check",
        "ferry-date",
    }
    assert len(drawn) > 1  # the seed decides which, and in what order
    assert engine.start(bank, BankQuiz("exam"), 5) == engine.start(bank, BankQuiz("exam"), 5)
    assert engine.start(bank, BankQuiz("exam"), 5).mode == "exam"


def test_skills_filter_keeps_questions_sharing_any_skill(bank: Bank) -> None:
    ids = {question.id for question in engine.pool(bank, skills=("numbers", "context-and-timing"))}
    assert ids == {"bridge-cost", "vote-margin", "story-order"}
    attempt = engine.start(
        bank, CustomQuiz(count=10, skills=("numbers", "context-and-timing"), difficulties=("easy",), mode="exam"), 1
    )
    assert sorted(attempt.question_ids) == ["bridge-cost", "vote-margin"]  # as many as match
    assert attempt.mode == "exam"


# ---------------------------------------------------------------- answering


def test_an_answer_is_locked_once_given(bank: Bank) -> None:
    attempt = engine.start(bank, BankQuiz("all"), 1)
    with pytest.raises(ValueError):
        engine.advance(attempt)  # not answered yet
    answered = engine.submit(attempt, bank, answer_to(bank, "bridge-cost", "£3 million"))
    assert answered.answers[0] == (1,) and answered.grades[0] is not None and not answered.grades[0].correct
    assert answered.position == 0
    with pytest.raises(ValueError):
        engine.submit(answered, bank, answer_to(bank, "bridge-cost", "£2.4 million"))
    assert engine.advance(answered).position == 1


def test_multiple_answers_are_stored_as_sorted_sets(bank: Bank) -> None:
    attempt = engine.advance(engine.submit(engine.start(bank, BankQuiz("all"), 1), bank, (0,)))
    assert engine.submit(attempt, bank, (1, 0, 1)).answers[1] == (0, 1)


def test_score_overall_and_per_skill(bank: Bank) -> None:
    attempt = run_through(
        bank, engine.start(bank, BankQuiz("all"), 1), right={"bridge-cost", "story-order", "ferry-date"}
    )
    score = engine.score(attempt, bank)
    assert (score.right, score.total, score.percent) == (3, 6, 50)
    assert [(skill.skill, skill.right, skill.total) for skill in score.skills] == [
        ("conflicting-reports", 0, 1),  # petition-check
        ("claim-verification", 1, 2),  # vote-margin (wrong), ferry-date (right)
        ("attribution", 1, 2),  # bridge-cost (right), who-spoke (wrong)
        ("context-and-timing", 1, 1),  # story-order
        ("numbers", 1, 2),  # bridge-cost (right), vote-margin (wrong)
    ]
    assert score.skills[0].title == "Conflicting reports"


def test_retry_the_missed_ones(bank: Bank) -> None:
    attempt = run_through(
        bank, engine.start(bank, BankQuiz("all"), 1), right={"bridge-cost", "story-order", "ferry-date"}
    )
    assert engine.missed(attempt) == ("who-spoke", "vote-margin", "petition-check")
    retry = engine.retry_missed(attempt, bank, 99)
    assert retry.question_ids == ("who-spoke", "vote-margin", "petition-check")
    assert (retry.retry, retry.seed, retry.quiz, retry.mode, retry.position) == (
        True,
        99,
        BankQuiz("all"),
        "practice",
        0,
    )
    assert retry.answers == (None, None, None)
    perfect = run_through(bank, retry, right=set(retry.question_ids))
    assert engine.missed(perfect) == ()
    with pytest.raises(ValueError):
        engine.retry_missed(perfect, bank, 1)


def test_new_attempt_is_the_same_quiz_with_a_new_seed(bank: Bank) -> None:
    attempt = run_through(bank, engine.start(bank, BankQuiz("exam"), 1), right=set())
    again = engine.restart(attempt, bank, 2)
    assert (again.quiz, again.seed, again.mode, again.retry, again.position) == (BankQuiz("exam"), 2, "exam", False, 0)
    assert again.answers == (None, None, None)
    assert engine.can_restart(attempt, bank)
    assert not engine.can_restart(attempt, dataclasses.replace(bank, quizzes={}))
