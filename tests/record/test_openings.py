"""The sources a learner opens during an attempt, on SQLite and PostgreSQL: recorded with the
attempt, each given to the next answer only, once per source, and deleted with the class."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine

from quiz.record import store
from quiz.record.tables import openings
from tests.record.test_store import count, join, make_assignment

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def test_each_answer_holds_the_sources_opened_since_the_one_before(engine: Engine) -> None:
    attempt = join(engine, make_assignment(engine))
    assert isinstance(attempt, store.AttemptRecord)
    resume = attempt.resume_id
    assert store.note_opening(engine, resume, "mini", "post", "", NOW)
    assert store.note_opening(engine, resume, "mini", "gazette", "question:q1:0", NOW)
    assert not store.note_opening(engine, resume, "mini", "post", "", NOW)  # again before answering: once
    assert store.note_opening(engine, resume, "mini", "post", "question:q1:1", NOW)  # a passage of it: kept
    first = store.record_response(engine, resume, 0, "q1", (1,), 1.0, NOW)
    assert isinstance(first, store.Recorded)
    assert first.response.opened_sources == ("post", "gazette")  # each source once, in the order opened
    store.advance(engine, resume, 0, NOW)
    second = store.record_response(engine, resume, 1, "q2", (0,), 0.0, NOW)  # nothing opened in between
    assert isinstance(second, store.Recorded) and second.response.opened_sources == ()
    store.advance(engine, resume, 1, NOW)
    assert store.note_opening(engine, resume, "mini", "post", "", NOW + timedelta(minutes=1))  # after: counts again
    third = store.record_response(engine, resume, 2, "q3", (0,), 1.0, NOW, opened_sources=("gazette",))
    assert isinstance(third, store.Recorded) and third.response.opened_sources == ("gazette", "post")
    assert [response.opened_sources for response in store.responses_of(engine, attempt.id)] == [
        ("post", "gazette"),
        (),
        ("gazette", "post"),
    ]
    assert [(item.source_id, item.passage, item.position) for item in store.openings_of(engine, attempt.id)] == [
        ("post", "", 0),
        ("gazette", "question:q1:0", 0),
        ("post", "question:q1:1", 0),
        ("post", "", 2),
    ]


def test_a_repeated_submit_does_not_take_what_was_opened_after_the_first(engine: Engine) -> None:
    attempt = join(engine, make_assignment(engine))
    assert isinstance(attempt, store.AttemptRecord)
    store.record_response(engine, attempt.resume_id, 0, "q1", (1,), 1.0, NOW)
    store.note_opening(engine, attempt.resume_id, "mini", "post", "", NOW)
    again = store.record_response(engine, attempt.resume_id, 0, "q1", (1,), 1.0, NOW)  # a double click
    assert isinstance(again, store.Recorded) and again.again and again.response.opened_sources == ()
    assert [item.position for item in store.openings_of(engine, attempt.id)] == [None]  # still for the next answer


def test_nothing_is_recorded_for_another_bank_a_finished_attempt_or_no_attempt(engine: Engine) -> None:
    attempt = join(engine, make_assignment(engine))
    assert isinstance(attempt, store.AttemptRecord)
    assert not store.note_opening(engine, attempt.resume_id, "another-bank", "post", "", NOW)
    assert not store.note_opening(engine, "b" * 22, "mini", "post", "", NOW)
    for position in range(3):
        store.record_response(engine, attempt.resume_id, position, attempt.question_ids[position], (0,), 1.0, NOW)
        store.advance(engine, attempt.resume_id, position, NOW)
    assert not store.note_opening(engine, attempt.resume_id, "mini", "post", "", NOW)
    assert store.openings_of(engine, attempt.id) == ()


def test_deleting_the_class_deletes_the_openings(engine: Engine) -> None:
    assignment = make_assignment(engine)
    attempt = join(engine, assignment)
    assert isinstance(attempt, store.AttemptRecord)
    store.note_opening(engine, attempt.resume_id, "mini", "post", "", NOW)
    assert count(engine, openings) == 1
    store.delete_class(engine, assignment.class_id)
    assert count(engine, openings) == 0
