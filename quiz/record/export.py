"""What a teacher reads: each attempt's progress and score, and every response as rows, the
class's CSV download (the columns ``quiz.report.responses`` reads, plus the class and title).

Attempts are named by :attr:`AttemptRecord.label`, never by their resume id, which would let a
reader of the file open (though not change) a learner's attempt.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine

from quiz.record import codes, store
from quiz.record.tables import assignments, attempts, classes, responses

CSV_COLUMNS = (
    "class",
    "assignment",
    "assignment_title",
    "attempt",
    "learner",
    "attempt_number",
    "bank",
    "bank_version",
    "position",
    "question",
    "answer",
    "mark",
    "confidence",
    "seconds",
    "opened_sources",
    "started_at",
    "answered_at",
    "finished_at",
    "question_version",  # a digest of the question as answered: it differs from today's once the question changed
)


@dataclass(frozen=True)
class AttemptSummary:
    """One attempt as the Teach page lists it."""

    attempt: store.AttemptRecord
    answered: int
    marks: float  # the sum of its responses' marks

    @property
    def size(self) -> int:
        return len(self.attempt.question_ids)


def summaries(engine: Engine, assignment_id: int) -> tuple[AttemptSummary, ...]:
    """Every attempt at an assignment with how far it got and its marks so far."""
    found = store.attempts_of(engine, assignment_id)
    tally: dict[int, list[float]] = {}
    for response in store.responses_of_assignment(engine, assignment_id):
        tally.setdefault(response.attempt_id, []).append(response.mark)
    return tuple(
        AttemptSummary(attempt, len(tally.get(attempt.id, [])), sum(tally.get(attempt.id, []))) for attempt in found
    )


@dataclass(frozen=True)
class ResponseRow:
    """One response with where it belongs: a row of the CSV."""

    class_name: str
    assignment: str  # the join code, shown form
    assignment_title: str
    attempt: str  # the attempt's label
    learner: str
    attempt_number: int
    bank: str
    bank_version: str
    response: store.ResponseRecord
    started_at: str
    finished_at: str

    def cells(self) -> tuple[str, ...]:
        response = self.response
        return (
            self.class_name,
            self.assignment,
            self.assignment_title,
            self.attempt,
            self.learner,
            str(self.attempt_number),
            self.bank,
            self.bank_version,
            str(response.position),
            response.question_id,
            " ".join(str(index) for index in response.answer),
            f"{response.mark:g}",
            "" if response.confidence is None else str(response.confidence),
            "" if response.seconds is None else f"{response.seconds:.1f}",
            " ".join(response.opened_sources),
            self.started_at,
            response.answered_at.isoformat(),
            self.finished_at,
            response.question_version or "",
        )


def class_rows(engine: Engine, class_id: int) -> tuple[ResponseRow, ...]:
    """Every response in a class, by assignment, attempt and position."""
    found = (
        select(classes.c.name, assignments.c.join_code, assignments.c.title, attempts)
        .select_from(classes.join(assignments).join(attempts))
        .where(classes.c.id == class_id)
        .order_by(assignments.c.id, attempts.c.started_at, attempts.c.id)
    )
    answered = (
        select(responses)
        .join(attempts, attempts.c.id == responses.c.attempt_id)
        .join(assignments, assignments.c.id == attempts.c.assignment_id)
        .where(assignments.c.class_id == class_id)
        .order_by(responses.c.attempt_id, responses.c.position)
    )
    with engine.connect() as connection:
        heads = list(connection.execute(found).mappings())
        by_attempt: dict[int, list[store.ResponseRecord]] = {}
        for row in connection.execute(answered).mappings():
            response = store.response_of_row(row)
            by_attempt.setdefault(response.attempt_id, []).append(response)
    rows = []
    for head in heads:
        attempt = store.attempt_of_row(head)
        for response in by_attempt.get(attempt.id, []):
            rows.append(
                ResponseRow(
                    class_name=head["name"],
                    assignment=codes.shown_code(head["join_code"]),
                    assignment_title=head["title"],
                    attempt=attempt.label,
                    learner=attempt.display_name,
                    attempt_number=attempt.number,
                    bank=attempt.bank_id,
                    bank_version=attempt.bank_version,
                    response=response,
                    started_at=attempt.started_at.isoformat(),
                    finished_at=attempt.finished_at.isoformat() if attempt.finished_at else "",
                )
            )
    return tuple(rows)


def csv_text(rows: Sequence[ResponseRow]) -> str:
    """The rows as CSV (a header, then one line per response). Cells a spreadsheet would run as a
    formula (starting with = + - @) are quoted with a leading apostrophe."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_inert(cell) for cell in row.cells()])
    return out.getvalue()


def _inert(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") and not _number(cell) else cell


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
