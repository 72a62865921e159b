"""An assignment's attempt between the pure engine and the record: start one, rebuild the engine's
:class:`~quiz.play.engine.Attempt` from the recorded rows, and submit an answer so that it is in
the record before anything is shown of it.

The engine stays pure and knows nothing of this: the record is the attempt's only state, and
each page run rebuilds the attempt from it.

A bank edited during an attempt does not stop it. A question not answered yet is asked as the
bank has it now (the teacher's edit is what the teacher wants answered; the old text is not kept
anywhere to serve), with its options drawn again if their number changed. An answer already given
keeps its recorded mark: each response keeps a digest of the question it answered
(:func:`question_version`), and :attr:`Recorded.changed` names the positions whose question has
changed since, for the pages to say so. Only a question removed from its bank stops the attempt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo

from sqlalchemy.engine import Engine

from quiz.bank.model import Bank, Question
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
    changed: frozenset[int] = frozenset()  # positions answered to a question that has changed since


def bank_version(fingerprint: object) -> str:
    """A short digest of the bank files' fingerprint (names, sizes, times): it changes with any edit."""
    return hashlib.sha256(repr(fingerprint).encode("utf-8")).hexdigest()[:16]


# What a question asks and what counts as right; its explanation, hint, feedback, citations, skills
# and difficulty can be edited without changing what an answer to it meant.
_NOT_ITS_MEANING: dict = {
    "explanation": True,
    "hint": True,
    "cite": True,
    "claims": True,
    "skills": True,
    "difficulty": True,
    "draft": True,
    "choices": {"__all__": {"feedback"}},
}


def question_version(question: Question) -> str:
    """A short digest of what a question asks and its key: the same after an edit of its explanation
    or citations, different after an edit of its prompt, options or right answer."""
    meaning = question.model_dump(mode="json", exclude=_NOT_ITS_MEANING)
    return hashlib.sha256(json.dumps(meaning, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def start(
    engine: Engine,
    assignment: AssignmentRecord,
    bank: Bank,
    display_name: str,
    version: str,
    seed: int,
    now: datetime,
    zone: tzinfo = UTC,
) -> AttemptRecord | Refusal:
    """A learner's new attempt at an assignment, drawn by ``seed`` as the engine draws any attempt
    (``zone``: the learner's, for the times a refusal names)."""
    try:
        drawn = quiz_engine.start(bank, assignment.quiz, seed)
    except (ValueError, KeyError):
        return Refusal("This assignment's quiz is not in its bank any more; tell your teacher.")
    return store.start_attempt(
        engine, assignment, display_name, version, seed, drawn.question_ids, drawn.orders, now, zone
    )


def replay(
    record: AttemptRecord, assignment: AssignmentRecord, answered: Sequence[store.ResponseRecord], bank: Bank
) -> tuple[Attempt, frozenset[int]] | Refusal:
    """The engine's attempt as the record has it: its questions and orders as drawn, every
    recorded answer with its recorded mark, and the position the learner is at; and the positions
    answered to a question that has changed since. A question not answered yet whose options no
    longer fit the order drawn is ordered again by the attempt's seed."""
    size = len(record.question_ids)
    for question_id in record.question_ids:
        if question_id not in bank.questions:
            return Refusal(f"Question {question_id!r} is no longer in bank {record.bank_id!r}; tell your teacher.")
    answers: list[Answer | None] = [None] * size
    grades: list[Grade | None] = [None] * size
    levels: list[int | None] = [None] * size
    changed: set[int] = set()
    for response in answered:
        question = bank.questions[response.question_id]
        fits = quiz_engine.is_valid(question, response.answer)
        same = fits and response.question_version in (None, question_version(question))
        answers[response.position] = response.answer
        # The mark recorded stands: a later edit of the key does not rewrite what an answer earned.
        grades[response.position] = (
            quiz_engine.grade(question, response.answer) if same else Grade(correct=response.mark >= 1)
        )
        levels[response.position] = response.confidence
        if not same:
            changed.add(response.position)
    questions = [bank.questions[question_id] for question_id in record.question_ids]
    orders = tuple(
        order if answer is not None or _fits(order, question) else quiz_engine.shown_order(question, record.seed)
        for order, question, answer in zip(record.orders, questions, answers)
    )
    asks = quiz_engine.quiz_confidence(bank, assignment.quiz) if _has_quiz(bank, assignment) else False
    attempt = Attempt(
        bank_id=record.bank_id,
        quiz=assignment.quiz,
        mode=assignment.mode,
        seed=record.seed,
        question_ids=record.question_ids,
        orders=orders,
        answers=tuple(answers),
        grades=tuple(grades),
        position=min(record.position, size),
        confidence=tuple(levels) if asks else None,
    )
    return attempt, frozenset(changed)


def _fits(order: Answer, question: Question) -> bool:
    return sorted(order) == list(range(len(quiz_engine.options(question))))


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
    rebuilt = replay(record, parent, store.responses_of(engine, record.id), bank)
    if isinstance(rebuilt, Refusal):
        return rebuilt
    return Recorded(record, parent, *rebuilt)


def submit(
    engine: Engine,
    recorded: Recorded,
    bank: Bank,
    answer: Sequence[int],
    now: datetime,
    confidence: int | None = None,
    seconds: float | None = None,
    opened_sources: Sequence[str] = (),
    zone: tzinfo = UTC,
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
        question_version=question_version(bank.questions[attempt.question_ids[position]]),
        zone=zone,
    )
    if isinstance(result, Refusal):
        return result
    rebuilt = replay(result.attempt, recorded.assignment, store.responses_of(engine, result.attempt.id), bank)
    if isinstance(rebuilt, Refusal):
        return rebuilt
    return replace(recorded, record=result.attempt, attempt=rebuilt[0], changed=rebuilt[1])


def advance(engine: Engine, recorded: Recorded, bank: Bank, now: datetime) -> Recorded | Refusal:
    """Move on from the answered question on screen."""
    result = store.advance(engine, recorded.record.resume_id, recorded.attempt.position, now)
    if isinstance(result, Refusal):
        return result
    rebuilt = replay(result, recorded.assignment, store.responses_of(engine, result.id), bank)
    if isinstance(rebuilt, Refusal):
        return rebuilt
    return replace(recorded, record=result, attempt=rebuilt[0], changed=rebuilt[1])
