"""One recorded answer as a plain frozen value, and the attempts x questions arrays built from them.

Whatever the record's tables look like, the report reads only :class:`Response` values, so the
statistics, the views and ``quiz stats`` (which reads them from ``responses.csv``) share one input.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from quiz.report.stats import Marks, Mask


class Response(NamedTuple):
    """One question of one attempt. ``answer`` is the option indexes picked, in the bank's order
    (``quiz.play.engine``'s answers), ``None`` when the question was left unanswered (mark 0).
    ``opened_sources`` are the ids of the sources the learner opened in context before answering.
    A named tuple, not a dataclass: ``quiz stats`` builds one per row, and it is built 2.5 times faster."""

    attempt: str
    learner: str
    question: str
    mark: float
    assignment: str = ""
    position: int | None = None
    answer: tuple[int, ...] | None = None
    confidence: float | None = None
    seconds: float | None = None
    opened_sources: tuple[str, ...] = ()
    answered_at: str = ""


@dataclass(frozen=True)
class Table:
    """Responses as arrays: row i is ``attempts[i]``, column j is ``questions[j]`` (first appearance order)."""

    attempts: tuple[str, ...]
    learners: tuple[str, ...]  # the learner of each attempt
    questions: tuple[str, ...]
    marks: Marks
    present: Mask
    answers: tuple[tuple[tuple[int, ...] | None, ...], ...]  # answers[i][j]; None when absent or unanswered


def table(responses: Sequence[Response]) -> Table:
    """Attempts in the order they first appear, questions likewise; one response per attempt and question
    (``quiz.report.responses`` refuses a file with two)."""
    attempt_index: dict[str, int] = {}
    question_index: dict[str, int] = {}
    learners: list[str] = []
    for response in responses:
        if response.attempt not in attempt_index:
            attempt_index[response.attempt] = len(attempt_index)
            learners.append(response.learner)
        question_index.setdefault(response.question, len(question_index))
    rows = np.fromiter((attempt_index[response.attempt] for response in responses), dtype=np.intp, count=len(responses))
    columns = np.fromiter(
        (question_index[response.question] for response in responses), dtype=np.intp, count=len(responses)
    )
    shape = (len(attempt_index), len(question_index))
    marks = np.zeros(shape)
    present = np.zeros(shape, dtype=bool)
    marks[rows, columns] = np.fromiter(
        (response.mark for response in responses), dtype=np.float64, count=len(responses)
    )
    present[rows, columns] = True
    answers: list[list[tuple[int, ...] | None]] = [[None] * shape[1] for _ in range(shape[0])]
    for row, column, response in zip(rows.tolist(), columns.tolist(), responses):
        answers[row][column] = response.answer
    return Table(
        attempts=tuple(attempt_index),
        learners=tuple(learners),
        questions=tuple(question_index),
        marks=marks,
        present=present,
        answers=tuple(tuple(row) for row in answers),
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while 100,000 responses are built: each is a few acyclic
    objects, and the collector walked them all again and again as they piled up (it doubled
    ``quiz stats``' time). The bank loader pauses it for the same reason."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
