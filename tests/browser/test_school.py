"""A whole school on loopback: nginx (deploy/nginx.conf) with sticky sessions in front of two
servers sharing one PostgreSQL and one cookie secret. Learners split across both; one server is
killed with SIGKILL mid-attempt; they reload through nginx, land on the other server and finish
with every answer they had submitted, none doubled."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from quiz.play.engine import BankQuiz
from quiz.record import db, store
from tests.browser.conftest import APP_SCRIPT, wait_for_app
from tests.support import nginx, postgres
from tests.support.requires import missing
from tests.support.server import REPO_ROOT, start_streamlit

MINI = REPO_ROOT / "tests" / "fixtures" / "banks" / "mini"


@pytest.fixture()
def school(tmp_path: Path) -> Iterator[tuple[str, list, str]]:
    binary = nginx.find()
    if binary is None:
        missing(nginx.MISSING)
    folder = postgres.find_bin()
    if folder is None:
        missing(postgres.MISSING)
    assert binary is not None and folder is not None
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    with postgres.Cluster(folder) as cluster:
        postgres.wait_ready(cluster)
        url = cluster.database("school")
        env = {
            "QUIZ_BANKS": str(banks),
            "QUIZ_DATABASE_URL": url,
            "STREAMLIT_SERVER_COOKIE_SECRET": "one secret for every server of the school",
        }
        with start_streamlit(APP_SCRIPT, env=env) as first, start_streamlit(APP_SCRIPT, env=env) as second:
            with nginx.proxy(binary, tmp_path, (first.port, second.port)) as base:
                yield base, [first, second], url


def upstream(context: BrowserContext, base: str) -> str:
    """The server nginx sends this browser to (its cookie picks it)."""
    return context.request.get(f"{base}/_stcore/health").headers["x-quiz-upstream"]


def answer(page: Page, number: int) -> None:
    expect(page.get_by_text(f"Question {number} of 3")).to_be_visible()
    options = page.get_by_test_id("stRadioOption")
    if options.count():
        options.first.click()
    else:
        page.get_by_test_id("stCheckbox").first.click()
    page.locator(".st-key-assignment-submit button").click()


def test_learners_split_across_two_servers_and_survive_one_killed(browser: Browser, school) -> None:
    base, servers, url = school
    record = db.open_engine(url)
    db.upgrade(record)
    made = store.create_class(record, "Whole school", store.now_utc())
    assert isinstance(made, store.ClassRecord)
    assignment = store.create_assignment(record, made.id, "Exam", "mini", BankQuiz("exam"), "exam", store.now_utc())
    assert isinstance(assignment, store.AssignmentRecord)

    learners: list[tuple[str, BrowserContext, Page]] = []
    seen: set[str] = set()
    for number in range(12):
        context = browser.new_context()
        context.request.get(f"{base}/_stcore/health")  # takes its cookie
        where = upstream(context, base)
        if len(learners) >= 6 and where in seen and len(seen) == 2:
            context.close()
            continue
        seen.add(where)
        page = context.new_page()
        page.goto(f"{base}/?join={assignment.join_code}")
        wait_for_app(page)
        page.get_by_role("textbox", name="Your name").fill(f"Learner {number}")
        page.get_by_role("button", name="Join").click()
        expect(page).to_have_url(re.compile(r"/assignment\?r="))
        answer(page, 1)
        expect(page.get_by_text("Question 2 of 3")).to_be_visible()
        learners.append((where, context, page))
        if len(learners) == 6:
            break
    ports = {where.rsplit(":", 1)[1] for where, _, _ in learners}
    assert len(ports) == 2, f"every learner went to one server: {ports}"

    killed = next(server for server in servers if str(server.port) in ports)
    killed.kill()
    for _where, context, page in learners:
        page.reload()
        wait_for_app(page)
        answer(page, 2)
        answer(page, 3)
        expect(page.get_by_text("Your results")).to_be_visible()
        assert upstream(context, base) != f"127.0.0.1:{killed.port}"
    attempts = store.attempts_of(record, assignment.id)
    assert len(attempts) == len(learners)
    for attempt in attempts:
        assert attempt.finished
        assert [response.position for response in store.responses_of(record, attempt.id)] == [0, 1, 2]
    record.dispose()
