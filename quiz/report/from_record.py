"""The record's attempts and responses (``quiz.record.store`` values) as the report's plain records.

The one place that knows both: the report stays free of the record's tables, and the Teach page
calls ``report_input`` with what ``store.attempts_of`` and ``store.responses_of_assignment`` return.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Engine

from quiz.bank.model import Bank
from quiz.record import play, store
from quiz.record.store import AttemptRecord, ResponseRecord
from quiz.report import analysis, stats, views
from quiz.report.records import Response
from quiz.report.views import AttemptInfo


def report_input(
    attempts: Sequence[AttemptRecord], responses: Sequence[ResponseRecord], assignment: str = ""
) -> tuple[tuple[AttemptInfo, ...], tuple[Response, ...]]:
    """Attempts named by their label (never the resume id, which would open the attempt)."""
    by_id = {attempt.id: attempt for attempt in attempts}
    infos = tuple(
        AttemptInfo(
            attempt=attempt.label,
            learner=attempt.display_name,
            question_ids=attempt.question_ids,
            started_at=attempt.started_at.isoformat(),
            finished_at=attempt.finished_at.isoformat() if attempt.finished_at else "",
        )
        for attempt in attempts
    )
    found = tuple(
        Response(
            attempt=by_id[response.attempt_id].label,
            learner=by_id[response.attempt_id].display_name,
            question=response.question_id,
            mark=response.mark,
            assignment=assignment,
            position=response.position,
            answer=response.answer,
            confidence=None if response.confidence is None else float(response.confidence),
            seconds=response.seconds,
            opened_sources=response.opened_sources,
            answered_at=response.answered_at.isoformat(),
        )
        for response in responses
        if response.attempt_id in by_id
    )
    return infos, found


def changed_answers(
    attempts: Sequence[AttemptRecord], responses: Sequence[ResponseRecord], bank: Bank
) -> frozenset[tuple[str, str]]:
    """(attempt label, question id) of each answer given to a question edited since (in what it asks
    or its key: :func:`quiz.record.play.question_version`), or no longer in the bank."""
    labels = {attempt.id: attempt.label for attempt in attempts}
    return frozenset(
        (labels[response.attempt_id], response.question_id)
        for response in responses
        if response.attempt_id in labels and _changed(response, bank)
    )


def _changed(response: ResponseRecord, bank: Bank) -> bool:
    question = bank.questions.get(response.question_id)
    if question is None:
        return True
    return response.question_version is not None and response.question_version != play.question_version(question)


def bank_statistics(engine: Engine, bank: Bank) -> tuple[tuple[str, stats.Stats], ...]:
    """The statistics of every assignment of ``bank`` in the record that has a finished attempt,
    named by the assignment's title, for the Author page's flags."""
    found = []
    for assignment in store.list_assignments(engine):
        if assignment.bank_id != bank.info.id:
            continue
        attempts, responses = report_input(
            store.attempts_of(engine, assignment.id), store.responses_of_assignment(engine, assignment.id)
        )
        finished = views.finished_responses(attempts, responses)
        if finished:
            found.append((assignment.title, analysis.analyse(finished, bank)))
    return tuple(found)
