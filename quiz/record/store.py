"""Reading and writing the record. Every function takes an :class:`~sqlalchemy.engine.Engine`,
runs its own short transaction and returns frozen values (or a :class:`Refusal`, in words for the
learner or teacher); nothing holds a connection between calls, so the UI never keeps one across reruns.

What must never happen is left to the database: a second response at one position of an attempt
fails the unique constraint and the first one is returned instead; two attempts taking one allowed
slot fail another; deleting a class cascades to everything in it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.engine import Engine, RowMapping
from sqlalchemy.exc import IntegrityError

from quiz.play.engine import Answer, BankQuiz, CustomQuiz, Mode, QuizRef
from quiz.record import codes
from quiz.record.tables import assignments, attempts, classes, openings, responses
from quiz.text import count

NO_SUCH_CODE = "No open assignment has this code. Check it with your teacher."


@dataclass(frozen=True)
class Refusal:
    """Why something was not done, said plainly."""

    reason: str


@dataclass(frozen=True)
class ClassRecord:
    id: int
    name: str
    created_at: datetime


@dataclass(frozen=True)
class AssignmentRecord:
    id: int
    class_id: int
    title: str
    bank_id: str
    quiz: QuizRef
    mode: Mode
    opens_at: datetime | None
    closes_at: datetime | None
    attempts_allowed: int | None  # None: any number
    answers_after_close: bool  # the right answers are shown only once it has closed
    join_code: str  # stored form, without the dash
    closed: bool  # closed by the teacher
    created_at: datetime

    def is_open(self, now: datetime) -> bool:
        return self.refusal(now) is None

    def has_closed(self, now: datetime) -> bool:
        return self.closed or (self.closes_at is not None and now >= self.closes_at)

    def refusal(self, now: datetime, zone: tzinfo = UTC) -> Refusal | None:
        """Why no answer is taken now (closed, late, not open yet), or None when it is open; times
        said in ``zone``, the reader's."""
        if self.closed:
            return Refusal("This assignment has been closed by your teacher: no more answers are taken.")
        if self.closes_at is not None and now >= self.closes_at:
            return Refusal(f"This assignment closed at {when(self.closes_at, zone)}: answers are no longer taken.")
        if self.opens_at is not None and now < self.opens_at:
            return Refusal(f"This assignment opens at {when(self.opens_at, zone)}; come back then.")
        return None

    @property
    def shows_answers(self) -> bool:
        """Whether right answers may be shown before it closes."""
        return not self.answers_after_close


@dataclass(frozen=True)
class AttemptRecord:
    id: int
    resume_id: str
    assignment_id: int
    display_name: str
    number: int
    bank_id: str
    bank_version: str
    seed: int
    question_ids: tuple[str, ...]
    orders: tuple[Answer, ...]
    position: int
    started_at: datetime
    finished_at: datetime | None

    @property
    def label(self) -> str:
        """A stable name for the attempt in exports; it cannot be turned back into the resume id."""
        return hashlib.sha256(self.resume_id.encode("ascii")).hexdigest()[:12]

    @property
    def finished(self) -> bool:
        return self.position >= len(self.question_ids)


@dataclass(frozen=True)
class ResponseRecord:
    attempt_id: int
    position: int
    question_id: str
    answer: Answer
    mark: float
    seconds: float | None
    opened_sources: tuple[str, ...]
    answered_at: datetime
    confidence: int | None
    question_version: str | None = None  # the question as it was answered (None: recorded before this was kept)


@dataclass(frozen=True)
class Opening:
    """A source, or one of its cited passages, opened during an attempt; ``position``: the response
    it went with (None: the learner has not answered since)."""

    source_id: str
    passage: str
    opened_at: datetime
    position: int | None


@dataclass(frozen=True)
class Recorded:
    """A response in the record. ``again``: it was there already (a repeated submit), and this
    is the first one, whatever the repeat said."""

    response: ResponseRecord
    attempt: AttemptRecord
    again: bool


def now_utc() -> datetime:
    return datetime.now(UTC)


def when(moment: datetime, zone: tzinfo = UTC) -> str:
    """A recorded moment (UTC) as its reader's clock shows it, with the zone's name: "2026-12-03 10:00 CET"."""
    local = moment.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or 'UTC'}"


# ---------------------------------------------------------------- classes


def create_class(engine: Engine, name: str, now: datetime) -> ClassRecord | Refusal:
    text = " ".join(name.split())
    if not text:
        return Refusal("Give the class a name.")
    if len(text) > 200:
        return Refusal("A class name has at most 200 characters.")
    with engine.begin() as connection:
        made = connection.execute(insert(classes).values(name=text, created_at=now).returning(classes.c.id))
        class_id = made.scalar_one()
    return ClassRecord(class_id, text, now)


def list_classes(engine: Engine) -> tuple[ClassRecord, ...]:
    with engine.connect() as connection:
        rows = connection.execute(select(classes).order_by(classes.c.created_at, classes.c.id)).mappings()
        return tuple(ClassRecord(row["id"], row["name"], row["created_at"]) for row in rows)


def delete_class(engine: Engine, class_id: int) -> None:
    """Delete a class and, by the foreign keys' cascade, its assignments, attempts and responses."""
    with engine.begin() as connection:
        connection.execute(delete(classes).where(classes.c.id == class_id))


# ---------------------------------------------------------------- assignments


def quiz_json(quiz: QuizRef) -> str:
    if isinstance(quiz, BankQuiz):
        asks = {} if quiz.confidence is None else {"confidence": quiz.confidence}  # the assignment's setting
        return json.dumps({"quiz": quiz.quiz_id, **asks})
    return json.dumps(
        {
            "count": quiz.count,
            "skills": list(quiz.skills),
            "difficulties": list(quiz.difficulties),
            "mode": quiz.mode,
            "confidence": quiz.confidence,
        }
    )


def quiz_of(text: str) -> QuizRef:
    value = json.loads(text)
    if "quiz" in value:
        return BankQuiz(value["quiz"], value.get("confidence"))
    return CustomQuiz(
        value["count"],
        tuple(value["skills"]),
        tuple(value["difficulties"]),
        value["mode"],
        value.get("confidence", False),
    )


def create_assignment(
    engine: Engine,
    class_id: int,
    title: str,
    bank_id: str,
    quiz: QuizRef,
    mode: Mode,
    now: datetime,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    attempts_allowed: int | None = None,
    answers_after_close: bool = False,
) -> AssignmentRecord | Refusal:
    """A new assignment with a fresh join code (drawn again in the rare case it is taken)."""
    text = " ".join(title.split()) or "Assignment"
    if attempts_allowed is not None and attempts_allowed < 1:
        return Refusal("Allow at least one attempt.")
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        return Refusal("The closing time must come after the opening time.")
    values = dict(
        class_id=class_id,
        title=text[:200],
        bank_id=bank_id,
        quiz=quiz_json(quiz),
        mode=mode,
        opens_at=opens_at,
        closes_at=closes_at,
        attempts_allowed=attempts_allowed,
        answers_after_close=answers_after_close,
        closed=False,
        created_at=now,
    )
    for _ in range(5):
        code = codes.new_join_code()
        try:
            with engine.begin() as connection:
                connection.execute(insert(assignments).values(join_code=code, **values))
        except IntegrityError:
            if not any(item.id == class_id for item in list_classes(engine)):
                return Refusal("This class no longer exists.")
            continue  # the code was taken: draw another
        found = assignment_by_code(engine, code)
        assert found is not None
        return found
    return Refusal("No free join code was found; try again.")


def assignment_of_row(row: RowMapping) -> AssignmentRecord:
    return AssignmentRecord(
        id=row["id"],
        class_id=row["class_id"],
        title=row["title"],
        bank_id=row["bank_id"],
        quiz=quiz_of(row["quiz"]),
        mode=row["mode"],
        opens_at=row["opens_at"],
        closes_at=row["closes_at"],
        attempts_allowed=row["attempts_allowed"],
        answers_after_close=bool(row["answers_after_close"]),
        join_code=row["join_code"],
        closed=bool(row["closed"]),
        created_at=row["created_at"],
    )


def list_assignments(engine: Engine, class_id: int | None = None) -> tuple[AssignmentRecord, ...]:
    query = select(assignments).order_by(assignments.c.created_at, assignments.c.id)
    if class_id is not None:
        query = query.where(assignments.c.class_id == class_id)
    with engine.connect() as connection:
        return tuple(assignment_of_row(row) for row in connection.execute(query).mappings())


def assignment(engine: Engine, assignment_id: int) -> AssignmentRecord | None:
    with engine.connect() as connection:
        row = connection.execute(select(assignments).where(assignments.c.id == assignment_id)).mappings().first()
    return None if row is None else assignment_of_row(row)


def assignment_by_code(engine: Engine, typed: str) -> AssignmentRecord | None:
    """The assignment a typed code names (any case, with or without its dash), or None."""
    code = codes.normal_code(typed)
    if code is None:
        return None
    with engine.connect() as connection:
        row = connection.execute(select(assignments).where(assignments.c.join_code == code)).mappings().first()
    return None if row is None else assignment_of_row(row)


def set_closed(engine: Engine, assignment_id: int, closed: bool) -> None:
    """Close an assignment (no more joining or answering, whatever its times) or reopen it."""
    with engine.begin() as connection:
        connection.execute(update(assignments).where(assignments.c.id == assignment_id).values(closed=closed))


def delete_assignment(engine: Engine, assignment_id: int) -> None:
    with engine.begin() as connection:
        connection.execute(delete(assignments).where(assignments.c.id == assignment_id))


# ---------------------------------------------------------------- attempts


def attempt_of_row(row: RowMapping) -> AttemptRecord:
    return AttemptRecord(
        id=row["id"],
        resume_id=row["resume_id"],
        assignment_id=row["assignment_id"],
        display_name=row["display_name"],
        number=row["number"],
        bank_id=row["bank_id"],
        bank_version=row["bank_version"],
        seed=row["seed"],
        question_ids=tuple(json.loads(row["question_ids"])),
        orders=tuple(tuple(order) for order in json.loads(row["orders"])),
        position=row["position"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
    )


def start_attempt(
    engine: Engine,
    assignment: AssignmentRecord,
    display_name: str,
    bank_version: str,
    seed: int,
    question_ids: Sequence[str],
    orders: Sequence[Answer],
    now: datetime,
    zone: tzinfo = UTC,
) -> AttemptRecord | Refusal:
    """A new attempt for a learner, if the assignment is open and the learner (by name) has an
    attempt left (``zone``: the learner's, for the times a refusal names). The slot is the attempt's
    number, unique per learner: two joins at once cannot both take the last one."""
    problem = codes.name_problem(display_name)
    if problem:
        return Refusal(f"That name cannot be used: {problem}.")
    closed = assignment.refusal(now, zone)
    if closed:
        return closed
    name, key = codes.clean_name(display_name), codes.learner_key(display_name)
    with engine.connect() as connection:
        used = connection.execute(
            select(func.count())
            .select_from(attempts)
            .where(and_(attempts.c.assignment_id == assignment.id, attempts.c.learner_key == key))
        ).scalar_one()
    allowed = assignment.attempts_allowed
    if allowed is not None and used >= allowed:
        return Refusal(
            f"{name} has already used the {codes_count(allowed)} this assignment allows. "
            "To continue an attempt you started, open its resume link."
        )
    values = dict(
        assignment_id=assignment.id,
        display_name=name,
        learner_key=key,
        number=used + 1,
        bank_id=assignment.bank_id,
        bank_version=bank_version,
        seed=seed,
        question_ids=json.dumps(list(question_ids)),
        orders=json.dumps([list(order) for order in orders]),
        position=0,
        started_at=now,
        finished_at=None,
    )
    resume_id = codes.new_resume_id()
    try:
        with engine.begin() as connection:
            connection.execute(insert(attempts).values(resume_id=resume_id, **values))
    except IntegrityError:
        return Refusal(f"{name} has just started another attempt at the same moment; try again.")
    found = attempt_by_resume(engine, resume_id)
    assert found is not None
    return found


def codes_count(allowed: int) -> str:
    """``1 attempt``, ``3 attempts``: how many attempts an assignment allows, as a refusal and the Teach page say it."""
    return count(allowed, "attempt")


def attempt_by_resume(engine: Engine, resume_id: str) -> AttemptRecord | None:
    """The attempt a resume link names, or None (also for text that cannot be a resume id)."""
    if not codes.looks_like_resume_id(resume_id):
        return None
    with engine.connect() as connection:
        row = connection.execute(select(attempts).where(attempts.c.resume_id == resume_id)).mappings().first()
    return None if row is None else attempt_of_row(row)


def attempts_of(engine: Engine, assignment_id: int) -> tuple[AttemptRecord, ...]:
    """Every attempt at an assignment, oldest first."""
    query = (
        select(attempts).where(attempts.c.assignment_id == assignment_id).order_by(attempts.c.started_at, attempts.c.id)
    )
    with engine.connect() as connection:
        return tuple(attempt_of_row(row) for row in connection.execute(query).mappings())


# ---------------------------------------------------------------- responses


def response_of_row(row: RowMapping) -> ResponseRecord:
    return ResponseRecord(
        attempt_id=row["attempt_id"],
        position=row["position"],
        question_id=row["question_id"],
        answer=tuple(json.loads(row["answer"])),
        mark=row["mark"],
        seconds=row["seconds"],
        opened_sources=tuple(json.loads(row["opened_sources"])),
        answered_at=row["answered_at"],
        confidence=row["confidence"],
        question_version=row["question_version"],
    )


def responses_of(engine: Engine, attempt_id: int) -> tuple[ResponseRecord, ...]:
    """An attempt's responses, by position."""
    query = select(responses).where(responses.c.attempt_id == attempt_id).order_by(responses.c.position)
    with engine.connect() as connection:
        return tuple(response_of_row(row) for row in connection.execute(query).mappings())


def responses_of_assignment(engine: Engine, assignment_id: int) -> tuple[ResponseRecord, ...]:
    """Every response to an assignment, by attempt then position."""
    query = (
        select(responses)
        .join(attempts, attempts.c.id == responses.c.attempt_id)
        .where(attempts.c.assignment_id == assignment_id)
        .order_by(attempts.c.started_at, attempts.c.id, responses.c.position)
    )
    with engine.connect() as connection:
        return tuple(response_of_row(row) for row in connection.execute(query).mappings())


def record_response(
    engine: Engine,
    resume_id: str,
    position: int,
    question_id: str,
    answer: Answer,
    mark: float,
    now: datetime,
    seconds: float | None = None,
    opened_sources: Sequence[str] = (),
    confidence: int | None = None,
    advance: bool = False,
    question_version: str | None = None,
    zone: tzinfo = UTC,
) -> Recorded | Refusal:
    """Write one answer durably (the transaction commits before this returns), and with ``advance``
    move the attempt on in the same transaction (an exam shows the next question at once).

    ``opened_sources`` of the response are those given and the sources of every opening recorded
    since the previous response (:func:`note_opening`), taken in the same transaction.

    Refused: an attempt that is not in the record, an assignment closed or past its closing time,
    a position that is not the attempt's current question. A response already at that position
    (a double click, a replayed message, a second tab) is returned as it was first recorded."""
    if not 0.0 <= mark <= 1.0:
        raise ValueError(f"a mark is a fraction from 0 to 1, found {mark!r}")
    found = attempt_by_resume(engine, resume_id)
    if found is None:
        return Refusal("This attempt is not in the record.")
    earlier = _response_at(engine, found.id, position)
    if earlier is not None:
        return Recorded(earlier, found, again=True)
    parent = assignment(engine, found.assignment_id)
    if parent is None:
        return Refusal("This assignment has been deleted.")
    closed = parent.refusal(now, zone)
    if closed:
        return closed
    if position != found.position or found.finished:
        return Refusal("This question is not the one your attempt is on; reload the page.")
    if found.question_ids[position] != question_id:
        return Refusal("This answer is for another question than the one your attempt is on; reload the page.")
    try:
        with engine.begin() as connection:
            opened = _take_openings(connection, found.id, position, opened_sources)
            connection.execute(
                insert(responses).values(
                    attempt_id=found.id,
                    position=position,
                    question_id=question_id,
                    answer=json.dumps(list(answer)),
                    mark=float(mark),
                    seconds=seconds,
                    opened_sources=json.dumps(list(opened)),
                    answered_at=now,
                    confidence=confidence,
                    question_version=question_version,
                )
            )
            if advance:
                _advance(connection, found, position, now)
    except IntegrityError:
        first = _response_at(engine, found.id, position)
        if first is None:
            raise
        return Recorded(first, attempt_by_resume(engine, resume_id) or found, again=True)
    after = attempt_by_resume(engine, resume_id)
    assert after is not None
    return Recorded(
        ResponseRecord(
            found.id,
            position,
            question_id,
            tuple(answer),
            float(mark),
            seconds,
            opened,
            now,
            confidence,
            question_version,
        ),
        after,
        again=False,
    )


def _take_openings(connection: Any, attempt_id: int, position: int, given: Sequence[str]) -> tuple[str, ...]:
    """The sources opened since the previous response (each once, in the order first opened), now
    marked as going with the response at ``position``."""
    pending = connection.execute(
        select(openings.c.id, openings.c.source_id)
        .where(and_(openings.c.attempt_id == attempt_id, openings.c.position.is_(None)))
        .order_by(openings.c.id)
    ).all()
    if pending:
        taken = [row.id for row in pending]
        connection.execute(update(openings).where(openings.c.id.in_(taken)).values(position=position))
    return tuple(dict.fromkeys([*given, *(row.source_id for row in pending)]))


def note_opening(engine: Engine, resume_id: str, bank_id: str, source_id: str, passage: str, now: datetime) -> bool:
    """Record that the learner of an attempt in progress opened a source of its bank (``passage``:
    which cited passage, or "" for the source alone); it goes with the learner's next answer.
    Opening it again before that answer records nothing more. False when nothing was written: no
    such attempt, another bank, a finished attempt, or opened already."""
    found = attempt_by_resume(engine, resume_id)
    if found is None or found.finished or found.bank_id != bank_id:
        return False
    pending = and_(
        openings.c.attempt_id == found.id,
        openings.c.position.is_(None),
        openings.c.source_id == source_id,
        openings.c.passage == passage,
    )
    with engine.begin() as connection:
        if connection.execute(select(openings.c.id).where(pending).limit(1)).first() is not None:
            return False
        connection.execute(
            insert(openings).values(
                attempt_id=found.id, source_id=source_id[:200], passage=passage[:300], opened_at=now, position=None
            )
        )
    return True


def openings_of(engine: Engine, attempt_id: int) -> tuple[Opening, ...]:
    """What the learner of an attempt opened, in the order opened."""
    query = select(openings).where(openings.c.attempt_id == attempt_id).order_by(openings.c.id)
    with engine.connect() as connection:
        return tuple(
            Opening(row["source_id"], row["passage"], row["opened_at"], row["position"])
            for row in connection.execute(query).mappings()
        )


def _response_at(engine: Engine, attempt_id: int, position: int) -> ResponseRecord | None:
    query = select(responses).where(and_(responses.c.attempt_id == attempt_id, responses.c.position == position))
    with engine.connect() as connection:
        row = connection.execute(query).mappings().first()
    return None if row is None else response_of_row(row)


def _advance(connection: Any, found: AttemptRecord, position: int, now: datetime) -> None:
    last = position + 1 >= len(found.question_ids)
    connection.execute(
        update(attempts)
        .where(and_(attempts.c.id == found.id, attempts.c.position == position))
        .values(position=position + 1, finished_at=now if last else None)
    )


def advance(engine: Engine, resume_id: str, position: int, now: datetime) -> AttemptRecord | Refusal:
    """Move an attempt on from the answered question at ``position`` (again is harmless)."""
    found = attempt_by_resume(engine, resume_id)
    if found is None:
        return Refusal("This attempt is not in the record.")
    if found.position != position:
        return found  # moved on already: a repeated click
    if _response_at(engine, found.id, position) is None:
        return Refusal("Answer this question first.")
    with engine.begin() as connection:
        _advance(connection, found, position, now)
    after = attempt_by_resume(engine, resume_id)
    assert after is not None
    return after


# ---------------------------------------------------------------- keeping only what is needed


def purge(engine: Engine, older_than: timedelta, now: datetime) -> int:
    """Delete the attempts started before ``now - older_than``, with their responses; how many."""
    cutoff = now - older_than
    with engine.begin() as connection:
        result = connection.execute(delete(attempts).where(attempts.c.started_at < cutoff))
    return int(result.rowcount or 0)
