"""The record's tables, declared once: classes, their assignments, the attempts at them and the
responses, one per answered question, and the sources a learner opened on the way.

The database enforces what must never happen: ``UNIQUE(attempt_id, position)`` keeps an answer
from being recorded twice, ``UNIQUE(assignment_id, learner_key, number)`` keeps two attempts from
taking one allowed slot, and every foreign key cascades, so deleting a class deletes its records.
Schema changes are Alembic revisions in ``migrations/versions/``; these declarations are what
the code reads and writes with, and a test checks they match what the migrations build.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

# Constraint names fixed by convention, so migrations on SQLite and PostgreSQL name them alike.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """A moment, stored as naive UTC (SQLite has no zones) and read back as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a recorded time must carry its zone (use datetime.now(UTC))")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


classes = Table(
    "classes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

assignments = Table(
    "assignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("class_id", Integer, ForeignKey("classes.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("bank_id", String(200), nullable=False),
    Column("quiz", Text, nullable=False),  # the quiz as JSON: {"quiz": ID} or {"count": N, "skills": [], ...}
    Column("mode", String(10), nullable=False),  # practice | exam
    Column("opens_at", UTCDateTime, nullable=True),
    Column("closes_at", UTCDateTime, nullable=True),
    Column("attempts_allowed", Integer, nullable=True),  # None: any number
    Column("answers_after_close", Boolean, nullable=False),
    Column("join_code", String(16), nullable=False, unique=True),
    Column("closed", Boolean, nullable=False),  # closed by the teacher, whatever the times say
    Column("created_at", UTCDateTime, nullable=False),
)

attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("resume_id", String(64), nullable=False, unique=True),
    Column("assignment_id", Integer, ForeignKey("assignments.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("display_name", String(100), nullable=False),
    Column("learner_key", String(100), nullable=False),  # the name folded, so "Ana" and "ana " are one learner
    Column("number", Integer, nullable=False),  # 1 for a learner's first attempt at the assignment, 2 ...
    Column("bank_id", String(200), nullable=False),
    Column("bank_version", String(64), nullable=False),  # the bank files' fingerprint when the attempt started
    Column("seed", Integer, nullable=False),
    Column("question_ids", Text, nullable=False),  # JSON list, in the order shown
    Column("orders", Text, nullable=False),  # JSON list of option orders, as the engine drew them
    Column("position", Integer, nullable=False),  # the question on screen; len(question_ids) once finished
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime, nullable=True),
    UniqueConstraint("assignment_id", "learner_key", "number", name="uq_attempts_learner_number"),
)

responses = Table(
    "responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("question_id", String(200), nullable=False),
    Column("answer", Text, nullable=False),  # JSON list of option indexes, in the bank's order
    Column("mark", Float, nullable=False),  # 0 to 1
    Column("seconds", Float, nullable=True),  # on the question, from showing it to submitting
    Column("opened_sources", Text, nullable=False),  # JSON list of source ids opened in context before answering
    Column("answered_at", UTCDateTime, nullable=False),
    Column("confidence", Integer, nullable=True),  # how sure the learner said they were (quiz.play.cbm)
    # A digest of the question as it was answered (quiz.record.play.question_version); None before revision 0003.
    Column("question_version", String(16), nullable=True),
    UniqueConstraint("attempt_id", "position", name="uq_responses_attempt_position"),
)

# What a learner opened on the Sources page during an attempt, one row per source or cited passage.
# ``position`` is the response it went with: None until the learner's next answer is recorded, which
# takes every opening still pending in the same transaction (so each counts for one answer only).
openings = Table(
    "openings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source_id", String(200), nullable=False),
    Column("passage", String(300), nullable=False),  # "question:ID:N" or "claim:ID:N"; "": the source alone
    Column("opened_at", UTCDateTime, nullable=False),
    Column("position", Integer, nullable=True),
)
