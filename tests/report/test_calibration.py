"""A class's calibration and its confidently wrong questions, on a made-up class worked by hand."""

from __future__ import annotations

import pytest

from quiz.report.calibration import ConfidentlyWrong, class_calibration
from quiz.report.records import Response


def answer(attempt: str, learner: str, question: str, right: bool, confidence: float | None) -> Response:
    return Response(
        attempt=attempt, learner=learner, question=question, mark=1.0 if right else 0.0, confidence=confidence
    )


# Four learners, one attempt each, and Ada a second time; three questions. "q1" is the misconception:
# wrong while very sure three times (Ada twice, Ben once).
CLASS = [
    answer("a1", "Ada", "q1", False, 3),
    answer("a1", "Ada", "q2", True, 3),
    answer("a1", "Ada", "q3", False, 3),
    answer("a2", "Ben", "q1", False, 3),
    answer("a2", "Ben", "q2", True, 2),
    answer("a2", "Ben", "q3", True, 1),
    answer("a3", "Cy", "q1", False, 2),
    answer("a3", "Cy", "q2", False, 1),
    answer("a3", "Cy", "q3", True, 1),
    answer("a4", "Dee", "q1", True, 3),
    answer("a4", "Dee", "q2", True, 3),
    answer("a4", "Dee", "q3", False, 1),
    answer("a5", "Ada", "q1", False, 3),
    answer("a6", "Eve", "q1", False, None),  # a quiz that did not ask: left out
]


def test_the_class_calibration_per_level() -> None:
    result = class_calibration(CLASS)
    assert (result.responses, result.learners, result.attempts, result.without_confidence) == (13, 4, 5, 1)
    low, fair, high = result.calibration.levels
    # Very sure: Ada q1 q2 q3, Ben q1, Dee q1 q2, Ada q1 again: 7 answers, 3 right (Ada q2, Dee q1, Dee q2).
    assert (high.answers, high.right) == (7, 3)
    assert high.accuracy == pytest.approx(3 / 7)
    assert high.judgement == "over"  # (3/7 - 0.8)^2 * 7 = 0.96 > 0.5
    # Fairly sure: Ben q2 right, Cy q1 wrong: (1/2 - 2/3)^2 * 2 = 0.06, a bit over-confident.
    assert (fair.answers, fair.right, fair.judgement) == (2, 1, "slightly-over")
    # Not very sure: Ben q3 right, Cy q2 wrong, Cy q3 right, Dee q3 wrong: 2 of 4, within 0 to 2/3.
    assert (low.answers, low.right, low.judgement) == (4, 2, "ok")
    assert result.calibration.advice == high


def test_the_questions_most_often_wrong_while_very_sure_come_first() -> None:
    result = class_calibration(CLASS)
    assert result.questions == (
        ConfidentlyWrong("q1", answers=5, wrong=4, wrong_very_sure=3, wrong_fairly_sure=1, learners_very_sure_wrong=2),
        ConfidentlyWrong("q3", answers=4, wrong=2, wrong_very_sure=1, wrong_fairly_sure=0, learners_very_sure_wrong=1),
        ConfidentlyWrong("q2", answers=4, wrong=1, wrong_very_sure=0, wrong_fairly_sure=0, learners_very_sure_wrong=0),
    )
    assert [question.question for question in result.misconceptions] == ["q1", "q3"]


def test_ties_go_to_fairly_sure_then_to_the_first_asked() -> None:
    result = class_calibration(
        [
            answer("a1", "Ada", "first", False, 1),
            answer("a1", "Ada", "second", False, 2),
            answer("a1", "Ada", "third", False, 1),
        ]
    )
    assert [question.question for question in result.questions] == ["second", "first", "third"]
    assert result.misconceptions == ()


def test_a_partly_right_answer_is_not_wrong() -> None:
    result = class_calibration([Response("a1", "Ada", "q1", mark=0.5, confidence=3.0)])
    assert result.questions[0].wrong_very_sure == 0
    assert result.calibration.levels[2].accuracy == 0.5


def test_a_class_that_was_never_asked() -> None:
    result = class_calibration([answer("a1", "Ada", "q1", False, None)])
    assert (result.responses, result.without_confidence, result.questions) == (0, 1, ())
    assert [level.answers for level in result.calibration.levels] == [0, 0, 0]
    assert result.calibration.advice is None


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([answer("a1", "Ada", "q1", True, 3), answer("a1", "Ada", "q1", False, 3)], "answers question 'q1' twice"),
        ([Response("a1", "Ada", "q1", mark=1.5, confidence=3)], "a mark is between 0 and 1"),
        ([Response("a1", "Ada", "q1", mark=1.0, confidence=4)], "confidence must be one of"),
        ([Response("a1", "Ada", "q1", mark=1.0, confidence=2.5)], "confidence must be one of"),
    ],
)
def test_impossible_records_are_refused(records: list[Response], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        class_calibration(records)
