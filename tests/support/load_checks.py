"""What every load test asserts of its learners, however they were driven (Chromium or the
WebSocket protocol): each ended with exactly its own attempt, and nothing of anyone else's."""

from __future__ import annotations

from collections.abc import Sequence

from quiz.bank.model import Bank
from quiz.play import engine
from tests.support.learners import Outcome, Plan


def assert_each_learner_got_its_own_attempt(outcomes: Sequence[Outcome], bank: Bank, learners: Sequence[Plan]) -> None:
    """Results show the engine's score for the answers each learner sent, the Results link carries
    exactly those answers, practice feedback said right or wrong per the engine's grade, an exam
    showed none, and no learner was sent another attempt's widgets."""
    assert [outcome.plan for outcome in outcomes] == list(learners)
    right_answers = 0
    for outcome in outcomes:
        plan = outcome.plan
        expected = plan.expected(bank)
        score = engine.score(expected, bank)
        grades = [grade is not None and grade.correct for grade in expected.grades]
        right_answers += score.right
        who = f"learner with seed {plan.seed}"
        assert outcome.foreign_keys == [], f"{who} was sent another attempt's widgets"
        assert outcome.shown_score == f"{score.right} / {score.total}", who
        assert outcome.shown_marks == grades, who
        final = outcome.final_attempt(bank)  # the link on Results: what the server recorded
        assert isinstance(final, engine.Attempt), f"{who}: {final}"
        assert (final.seed, final.quiz, final.question_ids) == (plan.seed, plan.quiz, expected.question_ids), who
        assert final.answers == plan.answers and final.finished, who
        if expected.mode == "practice":
            assert outcome.verdicts == grades, f"{who}: feedback said right/wrong for another answer"
            assert len(outcome.feedback_seconds) == len(plan.answers), who
        else:
            assert outcome.verdicts == [], f"{who}: an exam showed feedback"
    total = sum(len(plan.answers) for plan in learners)
    assert 0 < right_answers < total, "the script must mix right and wrong answers, or a mix-up could hide"
    assert {plan.quiz.mode for plan in learners} == {"practice", "exam"}
