"""quiz/ui/feedback.py: the engine's grades and quiz references in the learner's words."""

from __future__ import annotations

from quiz.bank.load import load_bank
from quiz.bank.model import Bank
from quiz.play import engine
from quiz.ui import feedback
from tests.conftest import MINI


def _bank() -> Bank:
    bank = load_bank(MINI).bank
    assert bank is not None
    return bank


def test_a_summary_says_right_or_how_far_from_it_by_the_answers_shape() -> None:
    bank = _bank()
    single, several, order = bank.questions["bridge-cost"], bank.questions["who-spoke"], bank.questions["story-order"]
    right = engine.grade(single, engine.right_answer(single))
    assert feedback.grade_summary(single, right) == "Right!"
    wrong = next(index for index in range(len(single.choices)) if (index,) != engine.right_answer(single))
    assert feedback.grade_summary(single, engine.grade(single, (wrong,))) == "Not quite."
    assert (
        feedback.grade_summary(several, engine.grade(several, (0,)))
        == "Not quite: 1 right pick, 0 wrong picks, 1 right answer missed."
    )
    assert feedback.grade_summary(order, engine.grade(order, (1, 0, 2))) == "Not quite: 1 of 3 in the right place."


def test_a_quiz_is_called_by_its_title_or_as_built_to_order() -> None:
    bank = _bank()
    assert feedback.quiz_title(bank, engine.BankQuiz("all")) == "Every question type"
    assert feedback.quiz_title(bank, engine.CustomQuiz(count=3)) == "Your own quiz"
