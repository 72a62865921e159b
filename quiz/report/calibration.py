"""A class's calibration: how often its answers were right at each level of confidence, and the
questions most often answered wrong with high confidence (the misconceptions that last longest).

Pure: plain response records in, frozen values out. A record is anything with ``attempt``,
``learner``, ``question``, ``mark`` (the raw fraction 0..1) and ``confidence`` (1..3, or None where
the quiz did not ask), such as :class:`quiz.report.records.Response`. The levels, the marks and the
judgement of each level are Moodle's certainty-based marking (:mod:`quiz.play.cbm`, which cites
Moodle's code); "wrong" is Moodle's: nothing right (a mark at or below its tolerance), so a partly
right answer is not counted wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from quiz.play import cbm

HIGH: cbm.Level = 3  # Moodle's question_cbm::HIGH: "Very (more than 80%)"
MEDIUM: cbm.Level = 2


class ResponseRecord(Protocol):
    @property
    def attempt(self) -> str: ...
    @property
    def learner(self) -> str: ...
    @property
    def question(self) -> str: ...
    @property
    def mark(self) -> float: ...
    @property
    def confidence(self) -> float | None: ...


@dataclass(frozen=True)
class ConfidentlyWrong:
    """One question's answers given with a confidence, and how many were wrong at each height of it."""

    question: str
    answers: int
    wrong: int
    wrong_very_sure: int  # wrong at level 3
    wrong_fairly_sure: int  # wrong at level 2
    learners_very_sure_wrong: int  # distinct learners wrong at level 3 at least once


@dataclass(frozen=True)
class ClassCalibration:
    calibration: cbm.Calibration  # every answer given with a confidence, per level
    responses: int  # answers given with a confidence
    learners: int
    attempts: int
    without_confidence: int  # answers of quizzes that did not ask, left out
    questions: tuple[ConfidentlyWrong, ...]  # most often wrong at level 3 first, then at level 2

    @property
    def misconceptions(self) -> tuple[ConfidentlyWrong, ...]:
        """The questions some learner answered wrong while very sure, most often first."""
        return tuple(question for question in self.questions if question.wrong_very_sure)


def level(value: float | None) -> cbm.Level | None:
    """A record's confidence as a level (None: the quiz did not ask); anything else is refused."""
    if value is None:
        return None
    if isinstance(value, bool) or value not in cbm.LEVELS:
        raise ValueError(f"confidence must be one of {cbm.LEVELS} or empty, not {value!r}")
    return cbm.level_of(int(value))


def class_calibration(responses: Iterable[ResponseRecord]) -> ClassCalibration:
    """The class's calibration and its confidently wrong questions, from one record per answer."""
    seen: set[tuple[str, str]] = set()
    counted: list[cbm.Response] = []
    learners: set[str] = set()
    attempts: set[str] = set()
    without = 0
    tallies: dict[str, list[int]] = {}  # question -> [answers, wrong, wrong at 3, wrong at 2]
    very_sure_wrong: dict[str, set[str]] = {}
    for response in responses:
        if (response.attempt, response.question) in seen:
            raise ValueError(f"attempt {response.attempt!r} answers question {response.question!r} twice")
        seen.add((response.attempt, response.question))
        if not 0.0 <= response.mark <= 1.0:
            raise ValueError(f"a mark is between 0 and 1, not {response.mark!r}")
        chosen = level(response.confidence)
        if chosen is None:
            without += 1
            continue
        counted.append(cbm.Response(response.mark, chosen))
        learners.add(response.learner)
        attempts.add(response.attempt)
        wrong = response.mark <= cbm.MARK_TOLERANCE
        tally = tallies.setdefault(response.question, [0, 0, 0, 0])
        tally[0] += 1
        tally[1] += wrong
        tally[2] += wrong and chosen == HIGH
        tally[3] += wrong and chosen == MEDIUM
        if wrong and chosen == HIGH:
            very_sure_wrong.setdefault(response.question, set()).add(response.learner)
    first_seen = {question: index for index, question in enumerate(tallies)}
    questions = sorted(
        (
            ConfidentlyWrong(question, answers, wrong, at_3, at_2, len(very_sure_wrong.get(question, ())))
            for question, (answers, wrong, at_3, at_2) in tallies.items()
        ),
        key=lambda item: (-item.wrong_very_sure, -item.wrong_fairly_sure, first_seen[item.question]),
    )
    return ClassCalibration(
        calibration=cbm.calibrate(counted),
        responses=len(counted),
        learners=len(learners),
        attempts=len(attempts),
        without_confidence=without,
        questions=tuple(questions),
    )
