"""The report on the Teach page (AppTest, SQLite): an assignment four learners took, three to the
end, shows the report once its toggle is on (quiz/ui/report.py's assignment_report_ui)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from quiz.bank.load import load_bank
from quiz.play import engine as quiz_engine
from quiz.record import db, store
from tests.conftest import MINI
from tests.report.test_from_record import NOW, PLAN
from tests.support.apptest import open_page

TEACH = "quiz/ui/pages/teach.py"
PASSWORD = "correct horse"


@pytest.fixture
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    url = f"sqlite:///{tmp_path / 'quiz.sqlite3'}"
    monkeypatch.setenv("QUIZ_DATABASE_URL", url)
    monkeypatch.setenv("QUIZ_TEACHER_PASSWORD", PASSWORD)
    opened = db.open_engine(url)
    db.upgrade(opened)
    return opened


def take(record: Engine) -> store.AssignmentRecord:
    bank = load_bank(MINI).bank
    assert bank is not None
    klass = store.create_class(record, "7B", NOW)
    assert isinstance(klass, store.ClassRecord)
    quiz = quiz_engine.BankQuiz("all")
    assignment = store.create_assignment(record, klass.id, "Bridge", bank.info.id, quiz, "practice", NOW)
    assert isinstance(assignment, store.AssignmentRecord)
    for number, (learner, answers) in enumerate(PLAN.items()):
        ids = quiz_engine.draw(bank, quiz, number)
        orders = [quiz_engine.shown_order(bank.questions[qid], number) for qid in ids]
        attempt = store.start_attempt(record, assignment, learner, "v1", number, ids, orders, NOW)
        assert isinstance(attempt, store.AttemptRecord)
        for position, question_id in enumerate(ids):
            if question_id not in answers:
                break
            mark = float(quiz_engine.grade(bank.questions[question_id], answers[question_id]).correct)
            when = NOW + timedelta(seconds=10 * position)
            done = store.record_response(
                record, attempt.resume_id, position, question_id, answers[question_id], mark, when, advance=True
            )
            assert isinstance(done, store.Recorded)
    return assignment


def test_the_teach_page_shows_an_assignments_report(monkeypatch: pytest.MonkeyPatch, record: Engine) -> None:
    assignment = take(record)
    at = open_page(monkeypatch, TEACH)
    at.text_input(key="teach-password").input(PASSWORD)
    at.button(key="FormSubmitter:teach-login-Unlock").click()
    at.run()
    assert not at.exception
    toggle = at.toggle(key=f"report-open-{assignment.id}")
    assert toggle.value is False and not [metric for metric in at.metric if metric.label == "Finished"]
    toggle.set_value(True).run()
    assert not at.exception, at.exception
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Finished"] == "3 of 4"
    assert metrics["Mean"] == f"{100 * 10 / 18:.1f}%"  # Ada 6, Bo 1, Cy 3 of 6 each
    assert any("check the key" in warning.value or "needs checking" in warning.value for warning in at.warning)
    labels = [button.label for button in at.get("download_button")]
    assert "responses.csv" in labels and "gradebook.csv" in labels
