"""The Teach page (AppTest, SQLite): locked, slowed against guessing, then a class and an
assignment made, its code shown, learners listed, close and reopen, CSV, delete."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from quiz.record import codes, db, export, store
from quiz.ui import recording
from tests.support.apptest import open_page, sent_text

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


def text(at: AppTest, kind: str = "error") -> list[str]:
    return [re.sub(r"\\(.)", r"\1", element.value) for element in getattr(at, kind)]


def unlock(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input(key="teach-password").input(password)
    at.button(key="FormSubmitter:teach-login-Unlock").click()
    at.run()
    assert not at.exception
    return at


def test_the_page_exists_only_with_a_password(monkeypatch: pytest.MonkeyPatch, record: Engine) -> None:
    at = open_page(monkeypatch, TEACH)
    assert "teach-password" in [widget.key for widget in at.text_input]
    assert "teach-class-name" not in [widget.key for widget in at.text_input]  # locked
    monkeypatch.delenv("QUIZ_TEACHER_PASSWORD")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        open_page(monkeypatch, TEACH)


def test_wrong_passwords_are_slowed(monkeypatch: pytest.MonkeyPatch, record: Engine) -> None:
    at = open_page(monkeypatch, TEACH)
    for _ in range(3):
        unlock(at, "guess")
        assert text(at) == ["Wrong password."]
    unlock(at, PASSWORD)  # even the right one waits once the guesses are too many
    assert text(at)[0].startswith("Too many wrong tries: wait ")
    assert not at.session_state["teach-unlocked"]


def test_a_teacher_makes_a_class_and_an_assignment_and_sees_who_joined(
    monkeypatch: pytest.MonkeyPatch, record: Engine
) -> None:
    at = unlock(open_page(monkeypatch, TEACH))
    at.text_input(key="teach-class-name").input("Year 9 <b>media</b>")
    at.button(key="FormSubmitter:teach-new-class-Create class").click()
    at.run()
    assert not at.exception
    assert [item.name for item in store.list_classes(record)] == ["Year 9 <b>media</b>"]
    at.selectbox(key="teach-bank").set_value("mini")
    at.run()
    at.selectbox(key="teach-quiz").set_value("exam")
    at.radio(key="teach-mode").set_value("exam")
    at.run()
    at.checkbox(key="teach-after").check()
    at.number_input(key="teach-attempts").set_value(2)
    at.button(key="teach-create").click().run()
    assert not at.exception, at.exception
    (made,) = store.list_assignments(record)
    assert (made.bank_id, made.mode, made.attempts_allowed, made.answers_after_close) == ("mini", "exam", 2, True)
    shown = codes.shown_code(made.join_code)
    assert shown in sent_text(at) and f"?join={shown}" in sent_text(at)
    assert "No one has joined yet." in sent_text(at)
    attempt = store.start_attempt(record, made, "Ana", "v", 1, ("q1",), ((0,),), store.now_utc())
    assert isinstance(attempt, store.AttemptRecord)
    store.record_response(record, attempt.resume_id, 0, "q1", (0,), 1.0, store.now_utc(), advance=True)
    at.run()
    assert "1 attempt, 1 finished" in sent_text(at)
    rows = list(csv.reader(io.StringIO(export.csv_text(export.class_rows(record, made.class_id)))))
    assert rows[1][4] == "Ana" and len(rows) == 2
    at.button(key=f"teach-close-{made.id}").click().run()
    assert store.assignment(record, made.id).closed
    at.button(key=f"teach-reopen-{made.id}").click().run()
    assert not store.assignment(record, made.id).closed
    at.button(key="teach-delete-class").click().run()
    assert text(at)[0].startswith("Tick the box to confirm")
    assert store.list_classes(record)
    at.checkbox(key="teach-confirm-delete").check()
    at.button(key="teach-delete-class").click().run()
    assert not at.exception
    assert store.list_classes(record) == () and store.list_assignments(record) == ()


def test_an_unreachable_database_is_said(monkeypatch: pytest.MonkeyPatch, record: Engine, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("QUIZ_DATABASE_URL", f"sqlite:///{tmp_path / 'file' / 'x.sqlite3'}")
    at = unlock(open_page(monkeypatch, TEACH))
    assert text(at)[0].startswith(recording.UNAVAILABLE)


def test_a_locked_sqlite_file_is_said_and_nothing_is_changed(
    monkeypatch: pytest.MonkeyPatch, record: Engine, tmp_path: Path
) -> None:
    import sqlite3

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)
    at = unlock(open_page(monkeypatch, TEACH))
    blocker = sqlite3.connect(tmp_path / "quiz.sqlite3", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        at.text_input(key="teach-class-name").input("9C")
        at.button(key="FormSubmitter:teach-new-class-Create class").click()
        at.run()
        assert not at.exception
        assert text(at) == [
            "Not done: the record's database is busy (another program holds it locked). "
            "Nothing was changed; try again in a moment."
        ]
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert store.list_classes(record) == ()


def test_times_are_typed_and_shown_on_the_teachers_clock_and_stored_in_utc(
    monkeypatch: pytest.MonkeyPatch, record: Engine
) -> None:
    from datetime import UTC, date, datetime, time

    at = open_page(monkeypatch, TEACH)
    at.context["timezone"] = "Europe/Berlin"  # what the browser says; UTC+1 in January
    unlock(at)
    at.text_input(key="teach-class-name").input("9D")
    at.button(key="FormSubmitter:teach-new-class-Create class").click()
    at.run()
    at.selectbox(key="teach-bank").set_value("mini").run()
    assert at.date_input(key="teach-opens-day").label == "Opens (Europe/Berlin time; empty: at once)"
    at.date_input(key="teach-opens-day").set_value(date(2027, 1, 15))
    at.time_input(key="teach-opens-time").set_value(time(9, 0))
    at.date_input(key="teach-closes-day").set_value(date(2027, 7, 1))
    at.time_input(key="teach-closes-time").set_value(time(18, 30))
    at.button(key="teach-create").click().run()
    assert not at.exception, at.exception
    (made,) = store.list_assignments(record)
    assert made.opens_at == datetime(2027, 1, 15, 8, 0, tzinfo=UTC)
    assert made.closes_at == datetime(2027, 7, 1, 16, 30, tzinfo=UTC)  # summer time: UTC+2
    assert "Opens 2027-01-15 09:00 CET" in sent_text(at)
    # A learner in New York who joins early reads the opening time on their own clock.
    learner = open_page(monkeypatch)
    learner.context["timezone"] = "America/New_York"
    learner.text_input(key="join-code").input(made.join_code)
    learner.text_input(key="join-name").input("Ana")
    learner.button(key="FormSubmitter:join-Join").click()
    learner.run()
    assert text(learner) == ["This assignment opens at 2027-01-15 03:00 EST; come back then."]
    # A browser that names no zone (or one unknown here) but its offset: that offset.
    other = open_page(monkeypatch, TEACH)
    other.context.update({"timezone": "Not/AZone", "timezone_offset": -330})  # UTC+5:30
    unlock(other)
    assert "Opens 2027-01-15 13:30 UTC+05:30" in sent_text(other)


def test_each_assignment_shows_a_qr_code_of_its_join_link(monkeypatch: pytest.MonkeyPatch, record: Engine) -> None:
    import io

    import zxingcpp
    from PIL import Image
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from quiz.play.engine import BankQuiz

    made = store.create_class(record, "9E", store.now_utc())
    assert isinstance(made, store.ClassRecord)
    target = store.create_assignment(record, made.id, "Bridge", "mini", BankQuiz("all"), "practice", store.now_utc())
    assert isinstance(target, store.AssignmentRecord)
    sent: list[tuple[bytes, str]] = []  # what the page hands the browser as media files
    keep = MemoryMediaFileStorage.load_and_get_id

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):  # type: ignore[no-untyped-def]
        if isinstance(path_or_data, bytes):
            sent.append((path_or_data, mimetype))
        return keep(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
    at = unlock(open_page(monkeypatch, TEACH))
    link = next(element.value for element in at.code if "?join=" in element.value)
    assert link.endswith(f"?join={codes.shown_code(target.join_code)}")
    (image,) = at.image
    assert image.captions == [f"Scan to join: {link}"] and image.value[0].endswith(".png")
    (png, kind), *_ = [item for item in sent if item[1] == "image/png"]
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [result.text for result in decoded] == [link]
