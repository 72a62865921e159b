"""Joining an assignment on Home and answering it on the Assignment page (AppTest, SQLite): every
answer is in the record before its feedback shows, and the record refuses what it must."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from quiz.play import engine as quiz_engine
from quiz.play.engine import BankQuiz
from quiz.record import codes, db, store
from quiz.ui import recording
from tests.support.apptest import mini, open_page, sent_text, set_answer

BANK = mini()
ASSIGNMENT = "quiz/ui/pages/assignment.py"


@pytest.fixture
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    url = f"sqlite:///{tmp_path / 'quiz.sqlite3'}"
    monkeypatch.setenv("QUIZ_DATABASE_URL", url)
    opened = db.open_engine(url)
    db.upgrade(opened)
    return opened


def make(record: Engine, mode: str = "practice", **settings: object) -> store.AssignmentRecord:
    made = store.create_class(record, "9B", store.now_utc())
    assert isinstance(made, store.ClassRecord)
    quiz = BankQuiz("all" if mode == "practice" else "exam")
    found = store.create_assignment(record, made.id, "Bridge homework", "mini", quiz, mode, store.now_utc(), **settings)  # type: ignore[arg-type]
    assert isinstance(found, store.AssignmentRecord)
    return found


def join(at: AppTest, code: str, name: str) -> AppTest:
    at.text_input(key="join-code").input(code)
    at.text_input(key="join-name").input(name)
    at.button(key="FormSubmitter:join-Join").click()
    at.run()
    assert not at.exception
    return at


def errors(at: AppTest) -> list[str]:
    """The error messages as a learner reads them (markup.literal escapes Markdown with backslashes)."""
    return [re.sub(r"\\(.)", r"\1", element.value) for element in at.error]


def the_attempt(record: Engine) -> store.AttemptRecord:
    with record.connect() as connection:
        resume = connection.execute(sa.text("select resume_id from attempts")).scalar_one()
    found = store.attempt_by_resume(record, resume)
    assert found is not None
    return found


def current(record: Engine) -> tuple[store.AttemptRecord, quiz_engine.Attempt]:
    attempt = the_attempt(record)
    return attempt, quiz_engine.Attempt(
        "mini",
        BankQuiz("all"),
        "practice",
        attempt.seed,
        attempt.question_ids,
        attempt.orders,
        (None,) * len(attempt.question_ids),
        (None,) * len(attempt.question_ids),
        attempt.position,
    )


def choose_right(at: AppTest, attempt: store.AttemptRecord) -> None:
    question = BANK.questions[attempt.question_ids[attempt.position]]
    key = f"assignment-{attempt.resume_id}-{attempt.position}"
    set_answer(at, question, key, quiz_engine.right_answer(question))


def test_a_learner_joins_with_a_code_and_each_answer_is_recorded_before_its_feedback(
    monkeypatch: pytest.MonkeyPatch, record: Engine
) -> None:
    target = make(record)
    at = open_page(monkeypatch)
    join(at, codes.shown_code(target.join_code).lower(), "Ana")
    assert errors(at) == []
    attempt = the_attempt(record)
    assert at.query_params[recording.RESUME] == attempt.resume_id
    assert attempt.display_name == "Ana" and attempt.position == 0
    assert f"assignment?r={attempt.resume_id}" in sent_text(at)  # the resume link, in a code block with a copy button
    choose_right(at, attempt)
    at.button(key="assignment-submit").click().run()
    assert not at.exception
    responses = store.responses_of(record, attempt.id)
    assert [(response.position, response.mark) for response in responses] == [(0, 1.0)]
    assert responses[0].seconds is not None and responses[0].seconds >= 0
    assert at.success[0].value == "Your answer is recorded."
    assert "Right!" in [element.value for element in at.success]
    at.button(key="assignment-next").click().run()
    assert the_attempt(record).position == 1
    # the same attempt, opened from its resume link in a new session, is where the learner left it
    again = open_page(monkeypatch, ASSIGNMENT, r=attempt.resume_id)
    assert "Question 2 of 6" in sent_text(again)


def test_the_join_link_fills_in_the_code(monkeypatch: pytest.MonkeyPatch, record: Engine) -> None:
    target = make(record)
    at = open_page(monkeypatch, join=codes.shown_code(target.join_code))
    assert at.text_input(key="join-code").value == codes.shown_code(target.join_code)


def test_a_wrong_code_says_nothing_of_which_exist_and_many_are_slowed(
    monkeypatch: pytest.MonkeyPatch, record: Engine
) -> None:
    make(record)
    at = open_page(monkeypatch)
    for _ in range(3):
        join(at, "2222-2222", "Ana")
        assert errors(at) == [store.NO_SUCH_CODE]
    join(at, "2222-2222", "Ana")
    assert errors(at)[0].startswith("Too many wrong tries: wait ")


def test_bad_names_are_refused_and_nothing_is_recorded(monkeypatch: pytest.MonkeyPatch, record: Engine) -> None:
    target = make(record)
    at = open_page(monkeypatch)
    for name in ("<img src=x onerror=alert(1)>", "x" * 10_000, "Ana\x1b[31m"):
        join(at, target.join_code, name)
        assert errors(at) and errors(at)[0].startswith("That name cannot be used:")
    assert store.attempts_of(record, target.id) == ()


def test_a_closed_assignment_is_said_plainly(monkeypatch: pytest.MonkeyPatch, record: Engine) -> None:
    target = make(record, closes_at=store.now_utc() - timedelta(minutes=1))
    at = open_page(monkeypatch)
    join(at, target.join_code, "Ana")
    assert target.closes_at is not None
    assert errors(at) == [f"This assignment closed at {store.when(target.closes_at)}: answers are no longer taken."]


def test_an_exam_assignment_hides_claims_and_shows_answers_only_after_closing(
    monkeypatch: pytest.MonkeyPatch, record: Engine
) -> None:
    target = make(record, mode="exam", answers_after_close=True)
    at = open_page(monkeypatch)
    join(at, target.join_code, "Ben")
    assert errors(at) == []
    assert (
        "Claims" not in [page.title for page in at.get("navigation")[0].proto.app_pages]
        if at.get("navigation")
        else True
    )
    assert at.session_state[recording.EXAM]
    attempt = the_attempt(record)
    for _ in attempt.question_ids:
        choose_right(at, the_attempt(record))
        at.button(key="assignment-submit").click().run()
        assert not at.exception
    finished = the_attempt(record)
    assert finished.finished and len(store.responses_of(record, finished.id)) == len(attempt.question_ids)
    assert not at.session_state[recording.EXAM]
    assert "The right answers are shown here after the assignment closes." in [e.value for e in at.info]
    assert "Why" not in sent_text(at)
    store.set_closed(record, target.id, True)
    at.run()
    assert "Why" in sent_text(at)


def test_a_database_that_cannot_be_reached_is_said_and_self_study_still_works(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("QUIZ_DATABASE_URL", f"sqlite:///{tmp_path / 'no-such-folder' / 'x.sqlite3'}")
    (tmp_path / "no-such-folder").write_text("a file where the folder should be")
    at = open_page(monkeypatch)
    join(at, "2222-2222", "Ana")
    assert errors(at)[0].startswith(recording.UNAVAILABLE)
    page = open_page(monkeypatch, ASSIGNMENT, r="a" * 22)
    assert errors(page)[0].startswith(recording.UNAVAILABLE)
    assert any(button.key and button.key.startswith("home-start") for button in at.button)


def test_a_resume_link_that_is_not_one(monkeypatch: pytest.MonkeyPatch, record: Engine) -> None:
    at = open_page(monkeypatch, ASSIGNMENT, r="not-a-real-resume-id-at-all")
    assert errors(at)[0].startswith("This resume link does not name an attempt")


def test_self_study_exam_results_say_that_back_can_change_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.apptest import RESULTS, open_attempt

    attempt = quiz_engine.start(BANK, BankQuiz("exam"), 3)
    while not attempt.finished:
        attempt = quiz_engine.advance(
            quiz_engine.submit(attempt, BANK, quiz_engine.right_answer(quiz_engine.current(attempt, BANK)))
        )
    at = open_attempt(monkeypatch, attempt, RESULTS)
    assert any("Back button can change this exam's answers" in caption.value for caption in at.caption)


def test_a_failure_mid_attempt_is_not_shown_as_recorded_and_the_answer_can_be_sent_again(
    monkeypatch: pytest.MonkeyPatch, record: Engine
) -> None:
    target = make(record)
    at = open_page(monkeypatch)
    join(at, target.join_code, "Ana")
    attempt = the_attempt(record)
    choose_right(at, attempt)
    real = store.record_response

    def unreachable(*args: object, **kwargs: object) -> object:
        raise sa.exc.OperationalError("INSERT", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(store, "record_response", unreachable)
    at.button(key="assignment-submit").click().run()
    assert not at.exception
    assert errors(at)[0].startswith("Your answer is **not** recorded")
    assert "Your answer is recorded." not in [element.value for element in at.success]
    assert store.responses_of(record, attempt.id) == ()
    monkeypatch.setattr(store, "record_response", real)
    at.button(key="assignment-submit").click().run()  # the choice is still selected: send it again
    assert [response.mark for response in store.responses_of(record, attempt.id)] == [1.0]
    assert "Your answer is recorded." in [element.value for element in at.success]


def test_the_sources_opened_during_an_attempt_go_with_the_next_answer(
    monkeypatch: pytest.MonkeyPatch, record: Engine
) -> None:
    from tests.support.apptest import SOURCES

    target = make(record)
    at = open_page(monkeypatch)
    join(at, target.join_code, "Ana")
    attempt = the_attempt(record)
    choose_right(at, attempt)
    at.button(key="assignment-submit").click().run()
    at.button(key="assignment-next").click().run()
    # In the same session, from the menu: the session knows the attempt in progress.
    at.switch_page(SOURCES)
    at.query_params.clear()
    at.query_params.update({"bank": "mini", "source": "post"})
    at.run()
    assert not at.exception
    # In another tab, from a Read in context link: it carries the resume id.
    question = BANK.questions[attempt.question_ids[0]]
    cited = question.cite[0].source
    tab = open_page(monkeypatch, SOURCES, bank="mini", source=cited, q=question.id, n="0", r=attempt.resume_id)
    assert not tab.exception
    at.switch_page(ASSIGNMENT)
    at.query_params.clear()
    at.query_params[recording.RESUME] = attempt.resume_id
    at.run()
    choose_right(at, the_attempt(record))
    at.button(key="assignment-submit").click().run()
    assert not at.exception
    first, second = store.responses_of(record, attempt.id)
    assert first.opened_sources == ()  # nothing was opened before the first answer
    assert second.opened_sources == tuple(dict.fromkeys(("post", cited)))
    assert [(item.source_id, item.passage) for item in store.openings_of(record, attempt.id)] == [
        ("post", ""),
        (cited, f"question:{question.id}:0"),
    ]
    # Self-study opens nothing in the record: no attempt in the URL or the session.
    alone = open_page(monkeypatch, SOURCES, bank="mini", source="post")
    assert not alone.exception
    assert len(store.openings_of(record, attempt.id)) == 2


def test_the_record_is_migrated_when_the_app_first_runs_not_when_it_is_first_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh' / 'quiz.sqlite3'}"
    monkeypatch.setenv("QUIZ_DATABASE_URL", url)
    at = open_page(monkeypatch)  # Home, for self-study: nothing on it reads the record
    assert any(button.key and button.key.startswith("home-start") for button in at.button)
    opened = db.open_engine(url)
    assert db.current(opened) == db.head()
    assert set(sa.inspect(opened).get_table_names()) >= {"attempts", "responses", "openings"}
    opened.dispose()


def test_a_database_unreachable_at_start_leaves_self_study_working(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "file").write_text("a file where the folder should be")
    monkeypatch.setenv("QUIZ_DATABASE_URL", f"sqlite:///{tmp_path / 'file' / 'quiz.sqlite3'}")
    with caplog.at_level("WARNING", logger="quiz.ui.recording"):
        at = open_page(monkeypatch)
    assert [record.message for record in caplog.records if "cannot be opened" in record.message]
    start = next(button for button in at.button if button.key and button.key.startswith("home-start"))
    start.click().run()  # a self-study quiz starts as usual
    assert not at.exception
    assert at.query_params.get("t")
    joined = join(open_page(monkeypatch), "2222-2222", "Ana")
    assert errors(joined)[0].startswith(recording.UNAVAILABLE)


def test_a_bank_edited_mid_attempt_goes_on_and_the_teacher_sees_what_changed(
    monkeypatch: pytest.MonkeyPatch, record: Engine, tmp_path: Path
) -> None:
    import shutil

    from tests.conftest import MINI

    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    target = make(record)
    at = open_page(monkeypatch, banks=banks)
    join(at, target.join_code, "Ana")
    attempt = the_attempt(record)
    assert attempt.question_ids[0] == "bridge-cost"
    choose_right(at, attempt)
    at.button(key="assignment-submit").click().run()
    # The teacher rewrites the answered question's prompt while Ana reads her feedback.
    questions = banks / "mini" / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    questions.write_text(text.replace("the council**?", "the engineers**?"), encoding="utf-8")
    at = open_page(monkeypatch, ASSIGNMENT, banks=banks, r=attempt.resume_id)  # the bank is read again on a reload
    assert not at.exception and errors(at) == []
    assert "Your answer is recorded." in [element.value for element in at.success]
    assert [element.value for element in at.info] == [
        "This question has been changed in its bank since you answered it, so your answer is not shown "
        "against it. It keeps the mark it was given: right."
    ]
    at.button(key="assignment-next").click().run()
    assert not at.exception and "Question 2 of 6" in sent_text(at)  # the attempt goes on
    # The teacher's report says it beside the answer.
    monkeypatch.setenv("QUIZ_TEACHER_PASSWORD", "pw")
    teach = open_page(monkeypatch, "quiz/ui/pages/teach.py", banks=banks)
    teach.text_input(key="teach-password").input("pw")
    teach.button(key="FormSubmitter:teach-login-Unlock").click()
    teach.run()
    teach.toggle(key=f"report-open-{target.id}").set_value(True).run()
    learner = next(box for box in teach.selectbox if box.label == "Open a learner's answers")
    learner.set_value(attempt.label).run()
    assert not teach.exception
    assert "This question changed since this answer was given; it was marked right then." in [
        element.value for element in teach.warning
    ]
    assert any(expander.label.endswith(" · changed since") for expander in teach.expander)


def submit_right(at: AppTest, record: Engine) -> None:
    choose_right(at, the_attempt(record))
    at.button(key="assignment-submit").click().run()
    assert not at.exception


def test_a_read_only_sqlite_file_is_said_and_the_answer_can_be_sent_again(
    monkeypatch: pytest.MonkeyPatch, record: Engine, tmp_path: Path
) -> None:
    target = make(record)
    at = open_page(monkeypatch)
    join(at, target.join_code, "Ana")
    attempt = the_attempt(record)
    # Root may write any file, so the server opens it read-only, as SQLite does a file it may not write.
    monkeypatch.setenv("QUIZ_DATABASE_URL", f"sqlite:///file:{tmp_path / 'quiz.sqlite3'}?mode=ro&uri=true")
    submit_right(at, record)
    assert errors(at)[0] == (
        "Your answer is **not** recorded: the record's database is read-only on this server. "
        "Your choice is still selected: submit it again in a moment."
    )
    assert "Your answer is recorded." not in [element.value for element in at.success]
    assert store.responses_of(record, attempt.id) == ()
    assert not (tmp_path / "file:").exists()  # the URI is not taken for a folder to make
    monkeypatch.setenv("QUIZ_DATABASE_URL", f"sqlite:///{tmp_path / 'quiz.sqlite3'}")  # writable again
    at.button(key="assignment-submit").click().run()  # the choice is still selected
    assert [response.mark for response in store.responses_of(record, attempt.id)] == [1.0]
    assert "Your answer is recorded." in [element.value for element in at.success]


def test_a_sqlite_file_locked_past_the_busy_timeout_is_said_and_the_answer_can_be_sent_again(
    monkeypatch: pytest.MonkeyPatch, record: Engine, tmp_path: Path
) -> None:
    import sqlite3

    target = make(record)
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)  # the server's engine is opened by the page, after this
    at = open_page(monkeypatch)
    join(at, target.join_code, "Ana")
    attempt = the_attempt(record)
    blocker = sqlite3.connect(tmp_path / "quiz.sqlite3", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        submit_right(at, record)
        assert errors(at)[0] == (
            "Your answer is **not** recorded: the record's database is busy (another program holds it locked). "
            "Your choice is still selected: submit it again in a moment."
        )
        assert "Your answer is recorded." not in [element.value for element in at.success]
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert store.responses_of(record, attempt.id) == ()
    at.button(key="assignment-submit").click().run()
    assert [response.mark for response in store.responses_of(record, attempt.id)] == [1.0]
    assert "Your answer is recorded." in [element.value for element in at.success]
