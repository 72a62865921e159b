"""quiz/report/from_record.py: the report of an assignment recorded in SQLite and in PostgreSQL, and
`quiz stats` on its responses.csv gives the figures the report shows."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from quiz.bank.load import load_bank
from quiz.cli import main
from quiz.play import engine as quiz_engine
from quiz.record import store
from quiz.report import responses as responses_csv
from quiz.report import views
from quiz.report.from_record import bank_statistics, report_input
from quiz.report.output import QUESTION_KEYS, QUIZ_KEYS
from tests.conftest import MINI
from tests.record.conftest import empty_url, engine, postgres_cluster  # noqa: F401  (fixtures: both engines)

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
# Answers per learner to the mini bank's quiz "all", by question; None: stop before that question.
PLAN = {
    "Ada": {"bridge-cost": (0,), "who-spoke": (0, 1), "vote-margin": (0,), "story-order": (0, 1, 2),
            "petition-check": (2,), "ferry-date": (3,)},
    "Bo": {"bridge-cost": (1,), "who-spoke": (0,), "vote-margin": (1,), "story-order": (1, 0, 2),
           "petition-check": (0,), "ferry-date": (3,)},
    "Cy": {"bridge-cost": (0,), "who-spoke": (0, 1), "vote-margin": (1,), "story-order": (0, 1, 2),
           "petition-check": (1,), "ferry-date": (0,)},
    "Di": {"bridge-cost": (2,)},  # still in progress
}  # fmt: skip


def test_the_report_of_a_recorded_assignment(engine: Engine, tmp_path: Path):  # noqa: F811
    loaded = load_bank(MINI)
    assert loaded.bank is not None
    bank = loaded.bank
    klass = store.create_class(engine, "7B", NOW)
    assert isinstance(klass, store.ClassRecord)
    assignment = store.create_assignment(engine, klass.id, "Bridge", bank.info.id, quiz_engine.BankQuiz("all"),
                                         "practice", NOW)  # fmt: skip
    assert isinstance(assignment, store.AssignmentRecord)
    for number, (learner, answers) in enumerate(PLAN.items()):
        ids = quiz_engine.draw(bank, quiz_engine.BankQuiz("all"), number)
        orders = [quiz_engine.shown_order(bank.questions[qid], number) for qid in ids]
        attempt = store.start_attempt(engine, assignment, learner, "v1", number, ids, orders, NOW)
        assert isinstance(attempt, store.AttemptRecord)
        for position, question_id in enumerate(ids):
            if question_id not in answers:
                break
            question = bank.questions[question_id]
            mark = float(quiz_engine.grade(question, answers[question_id]).correct)
            when = NOW + timedelta(seconds=10 * position)
            opened = ("gazette",) if position % 2 else ()
            recorded = store.record_response(engine, attempt.resume_id, position, question_id, answers[question_id],
                                             mark, when, seconds=9.5, opened_sources=opened, advance=True)  # fmt: skip
            assert isinstance(recorded, store.Recorded)

    attempts, found = report_input(store.attempts_of(engine, assignment.id),
                                   store.responses_of_assignment(engine, assignment.id), "Bridge")  # fmt: skip
    report = views.report(attempts, found, bank)
    assert [(row.learner, row.status, row.score) for row in report.roster] == [
        ("Ada", "finished", 6.0),
        ("Bo", "finished", 1.0),  # ferry-date only
        ("Cy", "finished", 3.0),  # bridge-cost, who-spoke, story-order
        ("Di", "in progress", 0.0),
    ]
    assert report.stats.quiz.attempts == 3 and report.stats.quiz.mean == pytest.approx(100 * 10 / 18)
    assert [cell.symbol for cell in report.grid.cells[3] if cell] == ["✗", "–", "–", "–", "–", "–"]

    # The download holds the finished attempts; quiz stats on it prints exactly the report's figures.
    path = tmp_path / "responses.csv"
    path.write_text(responses_csv.text(views.finished_responses(attempts, found)), encoding="utf-8")
    printed = io.StringIO()
    with redirect_stdout(printed):
        assert main(["stats", str(path), "--format", "json"]) == 0
    document = json.loads(printed.getvalue())
    assert document["quiz"] == {key: getattr(report.stats.quiz, key) for key in QUIZ_KEYS}
    for question, shown in zip(document["questions"], report.stats.questions):
        assert {key: question[key] for key in QUESTION_KEYS} == {key: getattr(shown, key) for key in QUESTION_KEYS}

    # Back to the author: the flags of this assignment, with n and its title.
    flags = views.author_flags(bank_statistics(engine, bank))
    expected = {question.question: len(question.flags) for question in report.stats.questions if question.flags}
    assert {question: len(found) for question, found in flags.items()} == expected
    assert {(flag.assignment, flag.n) for found in flags.values() for flag in found} == {("Bridge", 3)}
