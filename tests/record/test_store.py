"""The record's rules, on SQLite and PostgreSQL: one response per position whatever the repeats,
deleting a class deletes its records, closed, late and used-up assignments refuse, purge."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from quiz.play.engine import BankQuiz, CustomQuiz
from quiz.record import codes, export, store
from quiz.record.store import Refusal
from quiz.record.tables import attempts, responses

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def make_assignment(engine: Engine, **settings: object) -> store.AssignmentRecord:
    made = store.create_class(engine, "Year 9 media", NOW)
    assert isinstance(made, store.ClassRecord)
    values: dict = dict(title="Bridge quiz", bank_id="mini", quiz=BankQuiz("all"), mode="practice", now=NOW)
    values.update(settings)
    assignment = store.create_assignment(engine, made.id, **values)
    assert isinstance(assignment, store.AssignmentRecord), assignment
    return assignment


def join(engine: Engine, assignment: store.AssignmentRecord, name: str = "Ana", now: datetime = NOW):
    return store.start_attempt(engine, assignment, name, "v1", 7, ("q1", "q2", "q3"), ((0, 1), (1, 0), (0,)), now)


def count(engine: Engine, table: sa.Table) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_an_assignment_round_trips_with_its_settings(engine: Engine) -> None:
    quiz = CustomQuiz(5, ("numbers",), ("easy",), "exam")
    made = make_assignment(
        engine, quiz=quiz, mode="exam", closes_at=NOW + timedelta(days=1), attempts_allowed=2, answers_after_close=True
    )
    again = store.assignment_by_code(engine, codes.shown_code(made.join_code).lower())
    assert again == made
    assert again.quiz == quiz and again.closes_at == NOW + timedelta(days=1) and again.closes_at.tzinfo is UTC
    assert store.assignment_by_code(engine, "2222-2222") is None
    assert store.assignment_by_code(engine, "not a code") is None


def test_a_repeated_submit_records_one_response_and_keeps_the_first_answer(engine: Engine) -> None:
    attempt = join(engine, make_assignment(engine))
    assert isinstance(attempt, store.AttemptRecord)
    first = store.record_response(engine, attempt.resume_id, 0, "q1", (1,), 1.0, NOW)
    again = store.record_response(engine, attempt.resume_id, 0, "q1", (0,), 0.0, NOW)
    assert isinstance(first, store.Recorded) and isinstance(again, store.Recorded)
    assert not first.again and again.again
    assert again.response.answer == (1,) and again.response.mark == 1.0  # the recorded answer cannot change
    assert count(engine, responses) == 1


def test_the_database_itself_refuses_a_second_response_at_one_position(engine: Engine) -> None:
    attempt = join(engine, make_assignment(engine))
    assert isinstance(attempt, store.AttemptRecord)
    row = dict(attempt_id=attempt.id, position=0, question_id="q1", answer="[1]", mark=1.0, opened_sources="[]")
    with engine.begin() as connection:
        connection.execute(sa.insert(responses).values(answered_at=NOW, **row))
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
        connection.execute(sa.insert(responses).values(answered_at=NOW, **row))


def test_two_connections_submitting_at_once_record_one_response(engine: Engine) -> None:
    attempt = join(engine, make_assignment(engine))
    assert isinstance(attempt, store.AttemptRecord)
    start = threading.Barrier(8)
    results: list[object] = []

    def submit(answer: int) -> None:
        start.wait()
        results.append(store.record_response(engine, attempt.resume_id, 0, "q1", (answer,), float(answer), NOW))

    threads = [threading.Thread(target=submit, args=(index % 2,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert count(engine, responses) == 1
    assert all(isinstance(result, store.Recorded) for result in results)
    kept = {result.response.answer for result in results if isinstance(result, store.Recorded)}
    assert len(kept) == 1  # every submitter is told the one recorded answer
    assert sum(not result.again for result in results if isinstance(result, store.Recorded)) <= 1


def test_an_exam_answer_and_its_move_on_are_one_transaction(engine: Engine) -> None:
    attempt = join(engine, make_assignment(engine, mode="exam"))
    assert isinstance(attempt, store.AttemptRecord)
    for position, question in enumerate(("q1", "q2", "q3")):
        result = store.record_response(engine, attempt.resume_id, position, question, (0,), 0.0, NOW, advance=True)
        assert isinstance(result, store.Recorded) and result.attempt.position == position + 1
    assert result.attempt.finished and result.attempt.finished_at == NOW
    late = store.record_response(engine, attempt.resume_id, 1, "q2", (1,), 1.0, NOW)
    assert isinstance(late, store.Recorded) and late.again and late.response.answer == (0,)


def test_an_answer_out_of_turn_is_refused(engine: Engine) -> None:
    attempt = join(engine, make_assignment(engine))
    assert isinstance(attempt, store.AttemptRecord)
    ahead = store.record_response(engine, attempt.resume_id, 2, "q3", (0,), 1.0, NOW)
    assert ahead == Refusal("This question is not the one your attempt is on; reload the page.")
    wrong = store.record_response(engine, attempt.resume_id, 0, "q2", (0,), 1.0, NOW)
    assert isinstance(wrong, Refusal)
    assert store.record_response(engine, "x" * 22, 0, "q1", (0,), 1.0, NOW) == Refusal(
        "This attempt is not in the record."
    )
    assert count(engine, responses) == 0


def test_a_closed_assignment_refuses_joining_and_answers(engine: Engine) -> None:
    assignment = make_assignment(engine)
    attempt = join(engine, assignment)
    assert isinstance(attempt, store.AttemptRecord)
    store.set_closed(engine, assignment.id, True)
    closed = store.assignment(engine, assignment.id)
    assert closed is not None and closed.closed
    assert join(engine, closed, "Ben") == Refusal(
        "This assignment has been closed by your teacher: no more answers are taken."
    )
    refused = store.record_response(engine, attempt.resume_id, 0, "q1", (1,), 1.0, NOW)
    assert isinstance(refused, Refusal) and "closed" in refused.reason
    store.set_closed(engine, assignment.id, False)
    assert isinstance(store.record_response(engine, attempt.resume_id, 0, "q1", (1,), 1.0, NOW), store.Recorded)


def test_late_and_not_yet_open_are_said_plainly(engine: Engine) -> None:
    assignment = make_assignment(engine, opens_at=NOW, closes_at=NOW + timedelta(hours=1))
    early = join(engine, assignment, now=NOW - timedelta(minutes=1))
    assert early == Refusal("This assignment opens at 2026-12-02 09:00 UTC; come back then.")
    attempt = join(engine, assignment, now=NOW + timedelta(minutes=30))
    assert isinstance(attempt, store.AttemptRecord)
    late = store.record_response(engine, attempt.resume_id, 0, "q1", (1,), 1.0, NOW + timedelta(hours=1))
    assert late == Refusal("This assignment closed at 2026-12-02 10:00 UTC: answers are no longer taken.")
    assert join(engine, assignment, "Ben", now=NOW + timedelta(hours=2)) == late


def test_attempts_allowed_are_counted_per_learner_name(engine: Engine) -> None:
    assignment = make_assignment(engine, attempts_allowed=2)
    assert isinstance(join(engine, assignment, "Ana"), store.AttemptRecord)
    second = join(engine, assignment, "  ana ")
    assert isinstance(second, store.AttemptRecord) and second.number == 2 and second.display_name == "ana"
    third = join(engine, assignment, "ANA")
    assert isinstance(third, Refusal) and third.reason.startswith("ANA has already used the 2 attempts")
    assert isinstance(join(engine, assignment, "Ben"), store.AttemptRecord)


def test_two_joins_at_once_cannot_both_take_the_last_attempt(engine: Engine) -> None:
    assignment = make_assignment(engine, attempts_allowed=1)
    start = threading.Barrier(6)
    results: list[object] = []

    def go() -> None:
        start.wait()
        results.append(join(engine, assignment, "Ana"))

    threads = [threading.Thread(target=go) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(isinstance(result, store.AttemptRecord) for result in results) == 1
    assert count(engine, attempts) == 1


def test_a_bad_name_is_refused(engine: Engine) -> None:
    assignment = make_assignment(engine)
    for name in ("<b>x</b>", "a" * 10_000, "bell\x07", ""):
        refused = join(engine, assignment, name)
        assert isinstance(refused, Refusal) and refused.reason.startswith("That name cannot be used")
    assert count(engine, attempts) == 0


def test_deleting_a_class_deletes_its_assignments_attempts_and_responses(engine: Engine) -> None:
    assignment = make_assignment(engine)
    other = make_assignment(engine)
    for target in (assignment, other):
        attempt = join(engine, target)
        assert isinstance(attempt, store.AttemptRecord)
        store.record_response(engine, attempt.resume_id, 0, "q1", (1,), 1.0, NOW)
    assert count(engine, responses) == 2
    store.delete_class(engine, assignment.class_id)
    assert store.assignment(engine, assignment.id) is None
    assert count(engine, attempts) == 1 and count(engine, responses) == 1
    assert [item.id for item in store.list_assignments(engine)] == [other.id]


def test_purge_deletes_only_attempts_older_than_the_cutoff(engine: Engine) -> None:
    assignment = make_assignment(engine)
    old = join(engine, assignment, "Old", now=NOW - timedelta(days=400))
    new = join(engine, assignment, "New", now=NOW - timedelta(days=2))
    assert isinstance(old, store.AttemptRecord) and isinstance(new, store.AttemptRecord)
    store.record_response(engine, old.resume_id, 0, "q1", (1,), 1.0, NOW)
    store.record_response(engine, new.resume_id, 0, "q1", (1,), 1.0, NOW)
    assert store.purge(engine, timedelta(days=365), NOW) == 1
    assert [attempt.display_name for attempt in store.attempts_of(engine, assignment.id)] == ["New"]
    assert count(engine, responses) == 1


def test_a_class_downloads_as_csv_without_resume_ids(engine: Engine) -> None:
    assignment = make_assignment(engine)
    attempt = join(engine, assignment, "=cmd")  # refused as a name: '=' is not allowed
    assert isinstance(attempt, Refusal)
    attempt = join(engine, assignment, "Ana")
    assert isinstance(attempt, store.AttemptRecord)
    store.record_response(engine, attempt.resume_id, 0, "q1", (1,), 1.0, NOW, seconds=12.5, opened_sources=("s",))
    store.advance(engine, attempt.resume_id, 0, NOW)
    store.record_response(engine, attempt.resume_id, 1, "q2", (0, 1), 0.0, NOW)
    text = export.csv_text(export.class_rows(engine, assignment.class_id))
    lines = text.splitlines()
    assert lines[0] == ",".join(export.CSV_COLUMNS)
    assert len(lines) == 3
    assert attempt.resume_id not in text
    first = lines[1].split(",")
    assert first[:7] == [
        "Year 9 media",
        codes.shown_code(assignment.join_code),
        "Bridge quiz",
        attempt.label,
        "Ana",
        "1",
        "mini",
    ]
    assert first[8:15] == ["0", "q1", "1", "1", "", "12.5", "s"]
    summary = export.summaries(engine, assignment.id)
    assert [(item.attempt.display_name, item.answered, item.marks, item.size) for item in summary] == [
        ("Ana", 2, 1.0, 3)
    ]
    assert export._inert("=HYPERLINK()") == "'=HYPERLINK()" and export._inert("-1") == "-1"
