"""Chromium: a teacher makes a class and an assignment; three learners join it in their own
browser contexts and answer; the teacher sees them; one learner continues on a new context from
the resume link. Then the server is killed with SIGKILL mid-assignment: no submitted answer is lost.
A source read in context during a practice assignment goes with the next answer; the join link has a QR code."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from quiz.play.engine import BankQuiz
from quiz.record import codes, db, store
from tests.browser.conftest import APP_SCRIPT, screenshot, wait_for_app
from tests.support.server import REPO_ROOT, StreamlitServer, start_streamlit

MINI = REPO_ROOT / "tests" / "fixtures" / "banks" / "mini"
PASSWORD = "correct horse battery"


@pytest.fixture()
def school(tmp_path: Path) -> Iterator[tuple[StreamlitServer, str]]:
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    url = f"sqlite:///{tmp_path / 'quiz.sqlite3'}"
    env = {"QUIZ_BANKS": str(banks), "QUIZ_DATABASE_URL": url, "QUIZ_TEACHER_PASSWORD": PASSWORD}
    with start_streamlit(APP_SCRIPT, env=env) as server:
        yield server, url


def unlock_teach(page: Page, base: str) -> None:
    page.goto(f"{base}/teach")
    wait_for_app(page)
    page.get_by_label("Teacher password").fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_label("New class")).to_be_visible()


def join(page: Page, base: str, code: str, name: str) -> None:
    page.goto(f"{base}/?join={codes.shown_code(code)}")
    wait_for_app(page)
    expect(page.get_by_label("Code from your teacher")).to_have_value(codes.shown_code(code))
    page.get_by_role("textbox", name="Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    expect(page).to_have_url(re.compile(r"/assignment\?r="))
    wait_for_app(page)


def answer_first_option(page: Page) -> None:
    """Pick the first option shown (the first question of the mini bank's quiz is single choice) and submit."""
    page.get_by_test_id("stRadioOption").first.click()
    page.locator(".st-key-assignment-submit button").click()
    expect(page.get_by_text("Your answer is recorded.")).to_be_visible()


def test_a_class_of_three_joins_answers_and_is_seen_by_its_teacher(browser: Browser, school) -> None:
    server, url = school
    teacher = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    unlock_teach(teacher, server.url)
    teacher.get_by_label("New class").fill("Year 9 media")
    teacher.get_by_role("button", name="Create class").click()
    expect(teacher.get_by_text("Class “Year 9 media” created.")).to_be_visible()
    teacher.locator(".st-key-teach-create button").click()
    expect(teacher.get_by_text("its code is")).to_be_visible()
    record = db.open_engine(url)
    (assignment,) = store.list_assignments(record)
    expect(teacher.get_by_text(codes.shown_code(assignment.join_code), exact=True)).to_be_visible()
    screenshot(teacher, "desktop-teach-assignment")

    learners = {}
    for name in ("Ana", "Ben", "Chloé"):
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        join(page, server.url, assignment.join_code, name)
        expect(page.get_by_text("Question 1 of 6")).to_be_visible()
        answer_first_option(page)
        learners[name] = page
    screenshot(learners["Ana"], "phone-assignment-recorded")
    # Chloé moves on, then continues on another device from her resume link
    chloe = learners["Chloé"]
    chloe.locator(".st-key-assignment-next button").click()
    expect(chloe.get_by_text("Question 2 of 6")).to_be_visible()
    chloe.get_by_text("Your resume link").click()
    link = chloe.get_by_test_id("stCode").last.inner_text().strip()
    assert "/assignment?r=" in link
    other = browser.new_context().new_page()
    other.goto(link)
    wait_for_app(other)
    expect(other.get_by_text("Question 2 of 6")).to_be_visible()
    expect(other.get_by_text("Chloé")).to_be_visible()

    unlock_teach(teacher, server.url)  # a reload is a new session: unlock again
    expect(teacher.get_by_text("3 attempts, 0 finished")).to_be_visible()
    for name in ("Ana", "Ben", "Chloé"):
        expect(teacher.get_by_role("cell", name=name, exact=True)).to_be_visible()
    screenshot(teacher, "desktop-teach-learners")
    attempts = store.attempts_of(record, assignment.id)
    assert sorted(attempt.display_name for attempt in attempts) == ["Ana", "Ben", "Chloé"]
    assert all(len(store.responses_of(record, attempt.id)) == 1 for attempt in attempts)
    record.dispose()


def test_a_killed_server_loses_no_submitted_answer_of_an_assignment(browser: Browser, school) -> None:
    server, url = school
    record = db.open_engine(url)
    db.upgrade(record)
    made = store.create_class(record, "9B", store.now_utc())
    assert isinstance(made, store.ClassRecord)
    assignment = store.create_assignment(record, made.id, "Exam", "mini", BankQuiz("exam"), "exam", store.now_utc())
    assert isinstance(assignment, store.AssignmentRecord)
    page = browser.new_context().new_page()
    join(page, server.url, assignment.join_code, "Dana")
    resume = page.url.split("r=", 1)[1]
    for number in (1, 2):
        expect(page.get_by_text(f"Question {number} of 3")).to_be_visible()
        options = page.get_by_test_id("stRadioOption")
        if options.count():
            options.first.click()
        else:
            page.get_by_test_id("stCheckbox").first.click()
        page.locator(".st-key-assignment-submit button").click()
    expect(page.get_by_text("Question 3 of 3")).to_be_visible()
    attempt = store.attempt_by_resume(record, resume)
    assert attempt is not None
    before = store.responses_of(record, attempt.id)
    assert [response.position for response in before] == [0, 1]

    server.kill()
    server.restart()
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("Question 3 of 3")).to_be_visible()
    assert store.responses_of(record, attempt.id) == before  # nothing lost, nothing doubled
    record.dispose()


def test_a_source_read_in_context_goes_with_the_next_answer_and_the_join_link_has_a_qr_code(
    browser: Browser, school
) -> None:
    server, url = school
    record = db.open_engine(url)
    db.upgrade(record)  # the server migrates at its first page run; this test writes before one
    klass = store.create_class(record, "9B", store.now_utc())
    assert isinstance(klass, store.ClassRecord)
    made = store.create_assignment(record, klass.id, "Bridge", "mini", BankQuiz("all"), "practice", store.now_utc())
    assert isinstance(made, store.AssignmentRecord)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    join(page, server.url, made.join_code, "Ana")
    answer_first_option(page)
    resume = page.url.split("r=", 1)[1].split("&", 1)[0]
    page.get_by_role("link", name="Read in context").first.click()  # the feedback's first cited passage
    expect(page).to_have_url(re.compile(r"/sources\?"))
    expect(page.get_by_role("heading", name="The passage cited")).to_be_visible()
    screenshot(page, "desktop-assignment-read-in-context")
    page.go_back()  # as a learner returns to the quiz
    expect(page).to_have_url(re.compile(r"/assignment\?r="))
    expect(page.get_by_text("Your answer is recorded.")).to_be_visible()
    page.locator(".st-key-assignment-next button").click()
    expect(page.get_by_text("Question 2 of 6")).to_be_visible()
    page.get_by_test_id("stCheckbox").first.click()
    page.locator(".st-key-assignment-submit button").click()
    expect(page.get_by_text("Your answer is recorded.")).to_be_visible()
    attempt = store.attempt_by_resume(record, resume)
    assert attempt is not None
    first, second = store.responses_of(record, attempt.id)
    assert (first.opened_sources, second.opened_sources) == ((), ("gazette",))  # bridge-cost cites the Gazette
    assert [(item.source_id, item.position) for item in store.openings_of(record, attempt.id)] == [("gazette", 1)]

    teacher = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    unlock_teach(teacher, server.url)
    expect(teacher.get_by_text("1 attempt, 0 finished")).to_be_visible()
    wait_for_app(teacher)  # a click during the unlock's rerun is lost
    box = teacher.get_by_test_id("stExpander").filter(has_text="QR code of the join link")
    box.get_by_text("QR code of the join link").click()
    expect(box.get_by_test_id("stImage")).to_be_visible()
    expect(teacher.get_by_text(f"Scan to join: {server.url}/?join={codes.shown_code(made.join_code)}")).to_be_visible()
    screenshot(teacher, "desktop-teach-qr")
    record.dispose()
