"""quiz/report/stats.py against an independent computation, on classes simulated by a two-parameter
IRT model in which one question's key is wrong.

The independent side is written plainly: lists, loops and Python's ``statistics`` module, and the
textbook forms of the figures rather than Moodle's (the adjusted Fisher-Pearson skewness G1 and the
sample excess kurtosis G2, which equal Moodle's k3/k2^1.5 and k4/k2^2; Cronbach's alpha; Pearson's r
of a mark with the rest of the test). Nothing of stats.py is reused.
"""

from __future__ import annotations

import math
import random
import statistics

import numpy as np
import pytest

from quiz.report import stats

WRONG_KEY = 7  # the question whose key marks the right answer wrong and a wrong one right


def simulate(learners: int, questions: int, seed: int) -> list[list[float]]:
    """P(right) = 1 / (1 + exp(-a (theta - b))); for WRONG_KEY the recorded mark is the opposite."""
    rng = random.Random(seed)
    items = [(rng.uniform(0.6, 2.2), rng.uniform(-1.5, 1.5)) for _ in range(questions)]
    marks = []
    for _ in range(learners):
        theta = rng.gauss(0, 1)
        row = []
        for j, (a, b) in enumerate(items):
            right = rng.random() < 1 / (1 + math.exp(-a * (theta - b)))
            row.append(float(right != (j == WRONG_KEY)))
        marks.append(row)
    return marks


def independent(marks: list[list[float]]) -> dict[str, object]:
    n, k = len(marks), len(marks[0])
    totals = [sum(row) for row in marks]
    sd = statistics.stdev(totals)
    g1 = math.sqrt(n * (n - 1)) / (n - 2) * _moment(totals, 3) / _moment(totals, 2) ** 1.5
    g2 = (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * (_moment(totals, 4) / _moment(totals, 2) ** 2 - 3) + 6)
    columns = [[row[j] for row in marks] for j in range(k)]
    alpha = k / (k - 1) * (1 - sum(statistics.variance(column) for column in columns) / statistics.variance(totals))
    questions = []
    for column in columns:
        rest = [total - mark for total, mark in zip(totals, column)]
        covariance = statistics.covariance(column, rest)
        questions.append(
            {
                "facility": 100 * statistics.fmean(column),
                "sd": 100 * statistics.stdev(column),
                "di": 100 * statistics.correlation(column, rest),
                "de": 100 * covariance / statistics.covariance(sorted(column), sorted(rest)),
            }
        )
    return {
        "mean": 100 * statistics.fmean(totals) / k,
        "median": 100 * statistics.median(totals) / k,
        "sd": 100 * sd / k,
        "skewness": g1,
        "kurtosis": g2,
        "cic": 100 * alpha,
        "error_ratio": 100 * math.sqrt(1 - alpha),
        "standard_error": math.sqrt(1 - alpha) * 100 * sd / k,
        "questions": questions,
    }


def _moment(values: list[float], power: int) -> float:
    mean = statistics.fmean(values)
    return sum((value - mean) ** power for value in values) / len(values)


@pytest.mark.parametrize(("learners", "questions", "seed"), [(30, 10, 1), (120, 20, 2), (400, 30, 3)])
def test_every_figure_agrees_and_the_wrong_key_is_flagged(learners: int, questions: int, seed: int):
    marks = simulate(learners, questions, seed)
    expected = independent(marks)
    result = stats.compute([f"q{j}" for j in range(questions)], np.array(marks))
    for name in ("mean", "median", "sd", "skewness", "kurtosis", "cic", "error_ratio", "standard_error"):
        assert getattr(result.quiz, name) == pytest.approx(expected[name], rel=0, abs=1e-9), name
    for question, want in zip(result.questions, expected["questions"]):  # type: ignore[call-overload]
        assert question.n == learners
        assert question.facility == pytest.approx(want["facility"], rel=0, abs=1e-9)
        assert question.sd == pytest.approx(want["sd"], rel=0, abs=1e-9)
        assert question.discrimination_index == pytest.approx(want["di"], rel=0, abs=1e-9)
        assert question.discriminative_efficiency == pytest.approx(want["de"], rel=0, abs=1e-9)
    wrong = result.questions[WRONG_KEY]
    assert "negative-discrimination" in [flag.code for flag in wrong.flags]
    assert wrong.flags[0].reason.endswith("check the key")
    others = [question for j, question in enumerate(result.questions) if j != WRONG_KEY]
    assert not any("negative-discrimination" in [flag.code for flag in question.flags] for question in others)
