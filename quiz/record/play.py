"""An assignment's attempt between the pure engine and the record: start one, rebuild the engine's
:class:`~quiz.play.engine.Attempt` from the recorded rows, and submit an answer so that it is in
the record before anything is shown of it.

The engine stays pure and knows nothing of this: the record is the attempt's only state, and
each page run rebuilds the attempt from it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.engine import Engine

from quiz.bank.model import Bank
from quiz.play import engine as quiz_engine
from quiz.play.engine import Answer, Attempt, Grade
from quiz.record import store
from quiz.record.store import AssignmentRecord, AttemptRecord, Refusal


@dataclass(frozen=True)
class Recorded:
    """An attempt as the record holds it, and the engine's attempt rebuilt from it."""

    record: AttemptRecord
    assignment: AssignmentRecord
    attempt: Attempt


def bank_version(fingerprint: object) -> str:
    """A short digest of the bank files' fingerprint (names, sizes, times): it changes with any edit."""
    return hashlib.sha256(repr(fingerprint).encode("utf-8")).hexdigest()[:16]


def start(
    engine: Engine,
    assignment: AssignmentRecord,
    bank: Bank,
    display_name: str,
    version: str,
    seed: int,
    now: datetime,
) -> AttemptRecord | Refusal:
    """A learner's new attempt at an assignment, drawn by ``seed`` as the engine draws any attempt."""
    try:
        drawn = quiz_engine.start(bank, assignment.quiz, seed)
    except (ValueError, KeyError):
        return Refusal("This assignment's quiz is not in its bank any more; tell your teacher.")
    return store.start_attempt(engine, assignment, display_name, version, seed, drawn.question_ids, drawn.orders, now)


def replay(
    record: AttemptRecord, assignment: AssignmentRecord, answered: Sequence[store.ResponseRecord], bank: Bank
) -> Attempt | Refusal:
    """The engine's attempt as the record has it: its questions and orders as drawn, every
    recorded answer graded again, and the position the learner is at."""
    answers: list[Answer | None] = [None] * len(record.question_ids)
    grades: list[Grade | None] = [None] * len(record.question_ids)
    levels: list[int | None] = [None] * len(record.question_ids)
    for response in answered:
        question = bank.questions.get(response.question_id)
        if question is None or not quiz_engine.is_valid(question, response.answer):
            return Refusal(f"Question {response.question_id!r} has changed in its bank since it was answered.")
        answers[response.position] = response.answer
        grades[response.position] = quiz_engine.grade(question, response.answer)
        levels[response.position] = response.confidence
    for question_id in record.question_ids:
        if question_id not in bank.questions:
            return Refusal(f"Question {question_id!r} is no longer in bank {record.bank_id!r}; tell your teacher.")
    asks = quiz_engine.quiz_confidence(bank, assignment.quiz) if _has_quiz(bank, assignment) else False
    return Attempt(
        bank_id=record.bank_id,
        quiz=assignment.quiz,
        mode=assignment.mode,
        seed=record.seed,
        question_ids=record.question_ids,
        orders=record.orders,
        answers=tuple(answers),
        grades=tuple(grades),
        position=min(record.position, len(record.question_ids)),
        confidence=tuple(levels) if asks else None,
    )


def _has_quiz(bank: Bank, assignment: AssignmentRecord) -> bool:
    return not isinstance(assignment.quiz, quiz_engine.BankQuiz) or assignment.quiz.quiz_id in bank.quizzes


def load(engine: Engine, resume_id: str, bank_of: dict[str, Bank]) -> Recorded | Refusal:
    """The attempt a resume link names, rebuilt; a refusal says why it cannot be opened."""
    record = store.attempt_by_resume(engine, resume_id)
    if record is None:
        return Refusal("This resume link does not name an attempt in the record (was it cut short when copied?).")
    parent = store.assignment(engine, record.assignment_id)
    if parent is None:
        return Refusal("This attempt's assignment has been deleted.")
    bank = bank_of.get(record.bank_id)
    if bank is None:
        return Refusal(f"Bank {record.bank_id!r} of this attempt is not served here any more.")
    attempt = replay(record, parent, store.responses_of(engine, record.id), bank)
    if isinstance(attempt, Refusal):
        return attempt
    return Recorded(record, parent, attempt)


def submit(
    engine: Engine,
    recorded: Recorded,
    bank: Bank,
    answer: Sequence[int],
    now: datetime,
    confidence: int | None = None,
    seconds: float | None = None,
    opened_sources: Sequence[str] = (),
) -> Recorded | Refusal:
    """Grade the answer to the current question and write it to the record; an exam moves on in the
    same transaction. What comes back is rebuilt from the record, so a repeated submit shows the
    answer first recorded. Raises what the database raises when it cannot be reached: nothing was
    recorded then, and the learner may submit again."""
    attempt = recorded.attempt
    answered = quiz_engine.submit(attempt, bank, answer, confidence)
    position = attempt.position
    grade = answered.grades[position]
    assert grade is not None and answered.answers[position] is not None
    level = answered.confidence[position] if answered.confidence is not None else None
    result = store.record_response(
        engine,
        recorded.record.resume_id,
        position,
        attempt.question_ids[position],
        answered.answers[position] or (),
        1.0 if grade.correct else 0.0,
        now,
        seconds=seconds,
        opened_sources=opened_sources,
        confidence=level,
        advance=attempt.mode == "exam",
    )
    if isinstance(result, Refusal):
        return result
    rebuilt = replay(result.attempt, recorded.assignment, store.responses_of(engine, result.attempt.id), bank)
    if isinstance(rebuilt, Refusal):
        return rebuilt
    return replace(recorded, record=result.attempt, attempt=rebuilt)


def advance(engine: Engine, recorded: Recorded, bank: Bank, now: datetime) -> Recorded | Refusal:
    """Move on from the answered question on screen."""
    result = store.advance(engine, recorded.record.resume_id, recorded.attempt.position, now)
    if isinstance(result, Refusal):
        return result
    rebuilt = replay(result, recorded.assignment, store.responses_of(engine, result.id), bank)
    if isinstance(rebuilt, Refusal):
        return rebuilt
    return replace(recorded, record=result, attempt=rebuilt)
