"""quiz/report/stats.py: Moodle's figures on a class worked out by hand, and where they cannot be computed.

The same example is worked in docs/statistics.md.
"""

from __future__ import annotations

import math

import numpy as np

from quiz.report import stats

# Six attempts (rows A-F) at four questions (q1-q4), marks as fractions. q4's key is "wrong": the
# learners who did well overall got it wrong.
#          q1 q2 q3 q4   total
HAND = [
    [1, 1, 1, 1],  # A  4
    [1, 1, 1, 0],  # B  3
    [1, 1, 1, 0],  # C  3
    [1, 0, 1, 0],  # D  2
    [1, 0, 0, 1],  # E  2
    [0, 0, 0, 1],  # F  1
]
IDS = ("q1", "q2", "q3", "q4")


def close(value: float | None, expected: float) -> bool:
    return value is not None and math.isclose(value, expected, rel_tol=0, abs_tol=1e-9)


def test_the_quiz_figures_worked_by_hand():
    quiz = stats.compute(IDS, np.array(HAND, dtype=float)).quiz
    assert quiz.attempts == 6
    # Totals 4, 3, 3, 2, 2, 1: sum 15, mean 15/6 = 2.5 of 4 = 62.5 %.
    assert close(quiz.mean, 62.5)
    # Sorted 1, 2, 2, 3, 3, 4: an even count, so the mean of the 3rd and 4th: (2 + 3)/2 = 2.5 -> 62.5 %.
    assert close(quiz.median, 62.5)
    # Deviations from 2.5: 1.5, .5, .5, -.5, -.5, -1.5.
    # power2 = 2.25 + .25·4 + 2.25 = 5.5; power3 = 3.375 + .125·2 - .125·2 - 3.375 = 0;
    # power4 = 5.0625·2 + .0625·4 = 10.375.
    # SD = sqrt(5.5 / 5) = sqrt(1.1) = 1.0488088…, of 4 = 26.2202212 %.
    assert close(quiz.sd, 100 * math.sqrt(1.1) / 4)
    # m2 = 5.5/6 = 11/12, m3 = 0, m4 = 10.375/6 = 83/48.
    # k2 = 6·m2/5 = 1.1; k3 = 36·m3/(5·4) = 0 -> skewness k3 / k2^1.5 = 0.
    assert close(quiz.skewness, 0.0)
    # k4 = 36·(7·m4 - 3·5·m2²)/(5·4·3) = 36·(581/48 - 15·121/144)/60 = 36·(1743/144 - 1815/144)/60
    #    = 36·(-72/144)/60 = -0.3; kurtosis = k4 / k2² = -0.3 / 1.21 = -30/121 = -0.247933…
    assert close(quiz.kurtosis, -30 / 121)
    # Item variances (n - 1): q1 5/6 right: (5·(1/6)² + (5/6)²)/5 = (5/36 + 25/36)/5 = 1/6;
    # q2 and q4 half right: 6·.25/5 = .3; q3 4/6 right: (4·(1/3)² + 2·(2/3)²)/5 = (4/9 + 8/9)/5 = 4/15.
    # Sum = 1/6 + .3 + 4/15 + .3 = 31/30. CIC = 100 · 4/3 · (1 - (31/30)/1.1) = 100 · 4/3 · (2/33) = 800/99.
    assert close(quiz.cic, 800 / 99)
    # Error ratio = 100 · sqrt(1 - 8/99) = 100 · sqrt(91/99) = 95.8744971 %.
    assert close(quiz.error_ratio, 100 * math.sqrt(91 / 99))
    # Standard error = ER · SD / 100 = .958744971 · 26.2202212 = 25.1385052 %.
    assert close(quiz.standard_error, math.sqrt(91 / 99) * 100 * math.sqrt(1.1) / 4)
    assert quiz.why == {}


def test_the_question_figures_worked_by_hand():
    q1, q2, q3, q4 = stats.compute(IDS, np.array(HAND, dtype=float)).questions
    # q1: marks 1,1,1,1,1,0 (mean 5/6); rest = total - mark: 3,2,2,1,1,1 (mean 10/6 = 5/3).
    # var(mark) = 1/6 (above); var(rest): deviations 4/3, 1/3, 1/3, -2/3, -2/3, -2/3:
    #   (16 + 1 + 1 + 4 + 4 + 4)/9/5 = 30/45 = 2/3.
    # cov: mark deviations 1/6 (x5), -5/6: (1/6)(4/3 + 1/3 + 1/3 - 2/3 - 2/3) + (-5/6)(-2/3)
    #   = (1/6)(2/3) + 10/18 = 1/9 + 5/9 = 2/3, / 5 = 2/15.
    # DI = 100 · (2/15) / sqrt(1/6 · 2/3) = 100 · (2/15) / (1/3) = 40.
    # Sorted: marks 0,1,1,1,1,1 against rest 1,1,1,2,2,3 -> the same pairing as the data: covmax = 2/15, DE = 100.
    assert (q1.question, q1.n) == ("q1", 6)
    assert close(q1.facility, 100 * 5 / 6)
    assert close(q1.sd, 100 * math.sqrt(1 / 6))
    assert close(q1.discrimination_index, 40.0)
    assert close(q1.discriminative_efficiency, 100.0)
    # q2: marks 1,1,1,0,0,0 (mean .5); rest 3,2,2,2,2,1 (mean 2); var(rest) = (1 + 0·4 + 1)/5 = .4.
    # cov = (.5·(1 + 0 + 0) + (-.5)·(0 + 0 - 1))/5 = (.5 + .5)/5 = .2.
    # DI = 100 · .2 / sqrt(.3 · .4) = 20 / sqrt(.12) = 100/sqrt(3) = 57.735…; sorted is the data's order: DE = 100.
    assert close(q2.facility, 50.0)
    assert close(q2.sd, 100 * math.sqrt(0.3))
    assert close(q2.discrimination_index, 100 / math.sqrt(3))
    assert close(q2.discriminative_efficiency, 100.0)
    # q3: marks 1,1,1,1,0,0 (mean 2/3); rest 3,2,2,1,2,1 (mean 11/6).
    # var(rest): deviations 7/6, 1/6, 1/6, -5/6, 1/6, -5/6: (49 + 1 + 1 + 25 + 1 + 25)/36/5 = 102/180 = 17/30.
    # cov: (1/3)(7/6 + 1/6 + 1/6 - 5/6) + (-2/3)(1/6 - 5/6) = (1/3)(2/3) + (-2/3)(-2/3) = 2/9 + 4/9 = 2/3, /5 = 2/15.
    # DI = 100 · (2/15) / sqrt(4/15 · 17/30) = 100 · (2/15) / sqrt(68/450) = 34.2997…
    # Sorted: marks 0,0,1,1,1,1 against rest 1,1,2,2,2,3:
    #   (-2/3)(-5/6)·2 + (1/3)(1/6)·3 + (1/3)(7/6) = 10/9 + 1/6 + 7/18 = 20/18 + 3/18 + 7/18 = 30/18 = 5/3, /5 = 1/3.
    # DE = 100 · (2/15) / (1/3) = 40.
    assert close(q3.facility, 100 * 2 / 3)
    assert close(q3.discrimination_index, 100 * (2 / 15) / math.sqrt(68 / 450))
    assert close(q3.discriminative_efficiency, 40.0)
    # q4: marks 1,0,0,0,1,1 (mean .5); rest 3,3,3,2,1,0 (mean 2): var(rest) = (1 + 1 + 1 + 0 + 1 + 4)/5 = 1.6.
    # cov = (.5·(1 + -1 + -2) + (-.5)·(1 + 1 + 0))/5 = (-1 - 1)/5 = -.4.
    # DI = 100 · -.4 / sqrt(.3 · 1.6) = -40 / sqrt(.48) = -100/sqrt(3) = -57.735…
    # Sorted: marks 0,0,0,1,1,1 against rest 0,1,2,3,3,3: (-.5)(-2 - 1 + 0) + (.5)(1 + 1 + 1) = 1.5 + 1.5 = 3, /5 = .6.
    # DE = 100 · -.4 / .6 = -66.67.
    assert close(q4.discrimination_index, -100 / math.sqrt(3))
    assert close(q4.discriminative_efficiency, -200 / 3)


def test_flags_say_what_to_check_in_words():
    q1, q2, q3, q4 = stats.compute(IDS, np.array(HAND, dtype=float)).questions
    assert [flag.code for flag in q1.flags] == ["discrimination-low"]  # DI 40: under 50
    assert q1.flags[0].reason == "discrimination index 40.0 (under 50): likely needs checking"
    assert q2.flags == ()  # DI 57.7, DE 100, facility 50
    assert [flag.code for flag in q3.flags] == ["discrimination-low"]  # DI 34.3
    assert [flag.code for flag in q4.flags] == ["negative-discrimination", "dubious"]
    assert q4.flags[0].reason == (
        "discrimination index -57.7: learners who did well overall got this wrong more often: check the key"
    )
    assert q4.flags[1].reason == (
        "discriminative efficiency -66.7 (under 15): dubious; it does little of the sorting it could do"
    )


def test_thresholds_are_moodles():
    def flags(di: float | None, de: float | None, facility: float | None) -> list[str]:
        question = stats.QuestionStats("q", 10, facility, 10.0, None, di, de)
        return [flag.code for flag in stats.question_flags(question)]

    assert flags(29.99, 15.0, 50) == ["discrimination-very-low"]
    assert flags(30.0, 14.99, 50) == ["discrimination-low", "dubious"]
    assert flags(50.0, 15.0, 50) == []
    assert flags(60, 60, 95.01) == ["too-easy"]
    assert flags(60, 60, 95.0) == []
    assert flags(60, 60, 4.99) == ["too-hard"]
    assert flags(None, None, None) == []


def test_a_figure_that_cannot_be_computed_is_none_and_says_why():
    one = stats.compute(IDS, np.array(HAND[:1], dtype=float))
    assert one.quiz.sd is None and one.quiz.why["sd"] == "needs at least 2 attempts"
    assert one.questions[0].discrimination_index is None
    assert one.questions[0].why["discrimination_index"] == "needs at least 2 attempts"
    two = stats.compute(IDS, np.array(HAND[:2], dtype=float))
    assert two.quiz.sd is not None and two.quiz.skewness is None
    assert two.quiz.why["cic"] == "needs at least 3 attempts"
    three = stats.compute(IDS, np.array(HAND[:3], dtype=float))
    assert three.quiz.skewness is not None and three.quiz.why["kurtosis"] == "needs at least 4 attempts"
    same = stats.compute(IDS, np.array([[1, 0.7, 0, 1]] * 5, dtype=float))
    assert same.quiz.why["skewness"] == "every attempt has the same total"
    assert all(question.discrimination_index is None for question in same.questions)
    assert same.questions[1].why["discrimination_index"] == "everyone got the same mark"
    none = stats.compute(IDS, np.zeros((0, 4)))
    assert none.quiz.attempts == 0 and none.quiz.mean is None and none.quiz.why["mean"] == "no attempts"
    assert none.questions[0].facility is None


def test_attempts_with_different_questions():
    present = np.ones((6, 4), dtype=bool)
    present[5, 3] = False  # F was not given q4
    result = stats.compute(IDS, np.array(HAND, dtype=float), present)
    assert result.quiz.mean is None
    assert result.quiz.why["mean"] == (
        "the attempts had different numbers of questions, so their totals have no common maximum"
    )
    assert result.quiz.cic is None and result.quiz.why["cic"] == "the attempts did not all have the same questions"
    assert result.questions[3].n == 5 and close(result.questions[3].facility, 40.0)
    assert result.questions[0].n == 6


def test_never_nan():
    rng = np.random.default_rng(7)
    for shape in [(2, 1), (3, 2), (4, 3), (9, 5)]:
        marks = rng.integers(0, 2, shape).astype(float)
        result = stats.compute([f"q{j}" for j in range(shape[1])], marks)
        values = [getattr(result.quiz, name) for name in ("mean", "sd", "skewness", "kurtosis", "cic")]
        for question in result.questions:
            values += [
                question.facility,
                question.sd,
                question.discrimination_index,
                question.discriminative_efficiency,
            ]
        assert all(value is None or math.isfinite(value) for value in values)


def test_choice_flags():
    # Six attempts at a question with choices 0 (right), 1, 2, 3; totals rank them F < D < E < B < C < A.
    picks = [frozenset({0}), frozenset({2}), frozenset({2}), frozenset({1}), frozenset({0}), None]
    totals = [4, 3, 3, 2, 2, 1]
    labels = {0: "right", 1: "one", 2: "two", 3: "three"}
    flags = stats.choice_flags(picks, totals, [1, 2, 3], labels, every_choice_known=True)
    # Choice 3: nobody. Thirds of 2: bottom F (none), D (one); top C (two), A (right):
    # "two" 1 at the top, 0 at the bottom; "one" 0 at the top, 1 at the bottom.
    assert [(flag.code, flag.reason) for flag in flags] == [
        ("choice-does-no-work", "wrong choice 'three': nobody picked it; it does no work"),
        (
            "choice-may-be-defensible",
            "wrong choice 'two': picked by 1 of the top third and 0 of the bottom third; it may be defensible: read it "
            "again",
        ),
    ]
    assert stats.choice_flags(picks, totals, [3], labels, every_choice_known=False) == ()


def test_a_figure_next_to_its_threshold_never_reads_as_the_threshold():
    question = stats.QuestionStats("q", 10, 50.0, 10.0, None, 49.996, 60.0)
    assert stats.question_flags(question)[0].reason == "discrimination index 49.996 (under 50): likely needs checking"
    easy = stats.QuestionStats("q", 10, 95.04, 10.0, None, 60.0, 60.0)
    assert stats.question_flags(easy)[0].reason.startswith("facility 95.04: ")


def test_a_figure_that_is_the_threshold_but_for_rounding_is_not_flagged():
    question = stats.QuestionStats("q", 10, 50.0, 10.0, None, 49.99999999999999, 60.0)
    assert stats.question_flags(question) == ()
