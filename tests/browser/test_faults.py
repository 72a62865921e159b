"""Faults a running app meets: its server killed mid-quiz, and its bank edited under it.

(a) The attempt lives in the link (``?t=TOKEN``), not in the server: SIGKILL the server after two
answers, start it again on the same port, reload, and the quiz goes on from the third question
with both answers kept, through to Results.
(b) Banks are reloaded when their files change: an edited prompt shows on the next page load; an
edit that breaks the bank shows its error on Home (FILE:LINE:COL) while the bank as it last
loaded is still served, so learners can still start its quizzes.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from quiz.bank.load import load_bank
from quiz.play import engine, urltoken
from tests.browser.conftest import (
    APP_SCRIPT,
    SERVER_DOWN_CONSOLE_ERRORS,
    ConsoleErrors,
    wait_for_app,
)
from tests.conftest import MINI
from tests.support.learners import marked_right
from tests.support.server import StreamlitServer

SEED = 4242
#: Streamlit 1.67 first asks a deep link's path for its config (/quiz/_stcore/health), gets 404,
#: then asks the root: two console errors on every direct load of a page other than /.
DEEP_LINK_404 = re.compile(
    r"^Failed to load resource: the server responded with a status of 404 \(Not Found\) "
    r"\(http://127\.0\.0\.1:\d+/(quiz|results)/_stcore/(health|host-config)\)$"
)
#: The label to pick for each question of the mini bank's "all" quiz; None keeps the shown order
#: (never the right one). Right, wrong, right, wrong, right, wrong.
PICKS = {
    "bridge-cost": "£2.4 million",
    "who-spoke": "The petition's organisers",
    "vote-margin": "True",
    "story-order": None,
    "petition-check": "The sources disagree",
    "ferry-date": "Supported",
}


def _mini_bank():
    bank = load_bank(MINI).bank
    assert bank is not None
    return bank


def _answer_and_go_on(page: Page, position: int, question_id: str) -> None:
    """Pick the planned answer to the question on screen, check it, and move on."""
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"Question {position + 1} of 6")
    wait_for_app(page)
    label = PICKS[question_id]
    if question_id == "who-spoke":
        page.get_by_test_id("stCheckbox").filter(has_text=label).locator("label").click()
    elif label is not None:
        page.get_by_test_id("stRadioOption").filter(has_text=re.compile(f"^{re.escape(label)}$")).click()
    page.locator(".st-key-quiz-check button").click()
    expect(page.get_by_test_id("stAlertContentSuccess").or_(page.get_by_test_id("stAlertContentError"))).to_be_visible()
    page.locator(".st-key-quiz-next button").click()


def _attempt_in(page: Page) -> engine.Attempt:
    found = urltoken.decode(page.url.split("t=", 1)[1], {"mini": _mini_bank()})
    assert isinstance(found, engine.Attempt), found
    return found


def test_a_killed_server_resumes_the_attempt_from_its_link(
    start_streamlit: Callable[..., StreamlitServer],
    page: Page,
    console_errors: ConsoleErrors,
) -> None:
    bank = _mini_bank()
    attempt = engine.start(bank, engine.BankQuiz("all"), SEED)
    assert list(attempt.question_ids) == list(PICKS)
    server = start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(MINI)})
    page.goto(f"{server.url}/quiz?t={urltoken.encode(attempt)}")
    for position, question_id in enumerate(list(PICKS)[:2]):
        _answer_and_go_on(page, position, question_id)
    expect(page.get_by_test_id("stProgress")).to_contain_text("Question 3 of 6")
    wait_for_app(page)  # nothing left to load: a kill now is a kill mid-attempt, not mid-download
    two_answers = _attempt_in(page)
    assert two_answers.position == 2
    given = two_answers.answers[:2]
    assert given == ((0,), (2,))  # "£2.4 million"; "The petition's organisers"

    server.kill()
    app = page.get_by_test_id("stApp")
    expect(app).not_to_have_attribute("data-test-connection-state", "CONNECTED")  # the page noticed
    server.restart()
    page.reload()
    wait_for_app(page)

    expect(page.get_by_test_id("stProgress")).to_contain_text("Question 3 of 6")
    expect(
        page.get_by_role("heading", name="Both articles agree that the vote was decided by one vote.")
    ).to_be_visible()
    resumed = _attempt_in(page)
    assert (resumed.position, resumed.answers) == (2, (*given, None, None, None, None))
    for position, question_id in enumerate(list(PICKS)[2:], start=2):
        _answer_and_go_on(page, position, question_id)

    expect(page.get_by_test_id("stMetricValue").first).to_have_text("3 / 6")
    expect(page.get_by_test_id("stExpander")).to_have_count(6)
    marks = page.get_by_test_id("stExpander").locator("summary").all_inner_texts()
    assert [marked_right(mark) for mark in marks] == [True, False, True, False, True, False]
    assert _attempt_in(page).answers[:2] == given
    assert console_errors.unexpected((*SERVER_DOWN_CONSOLE_ERRORS, DEEP_LINK_404)) == []


PROMPT = "How much will the bridge cost, **according to the council**?"
EDITED = "What will the footbridge cost, **in the council's own estimate**?"
SHOWN_EDITED = "What will the footbridge cost, in the council's own estimate?"


def test_an_edited_bank_shows_and_a_broken_edit_keeps_the_last_good_bank(
    tmp_path: Path,
    start_streamlit: Callable[..., StreamlitServer],
    page: Page,
    console_errors: ConsoleErrors,
) -> None:
    folder = tmp_path / "banks" / "mini"
    shutil.copytree(MINI, folder)
    questions = folder / "questions.yaml"
    server = start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(tmp_path / "banks")})
    link = f"{server.url}/quiz?t={urltoken.encode(engine.start(_mini_bank(), engine.BankQuiz('all'), SEED))}"
    page.goto(link)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="How much will the bridge cost, according to the council?")).to_be_visible()

    text = questions.read_text(encoding="utf-8")
    assert PROMPT in text
    questions.write_text(text.replace(PROMPT, EDITED), encoding="utf-8")
    page.goto(link)
    wait_for_app(page)
    expect(page.get_by_role("heading", name=SHOWN_EDITED)).to_be_visible()

    broken = text.replace(PROMPT, EDITED).replace("  - id: who-spoke\n", "  - id: [who-spoke\n")  # never closed
    questions.write_text(broken, encoding="utf-8")
    page.goto(server.url)
    wait_for_app(page)
    error = f"{questions}:23:9: error: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'"
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(f"The bank in {folder} could not be loaded")
    expect(page.get_by_test_id("stCode")).to_contain_text(error)
    expect(page.get_by_role("heading", name="Millbrook bridge (test bank)")).to_be_visible()
    page.locator(".st-key-home-start-mini-all button").click()  # still startable, as it last loaded
    expect(page.get_by_test_id("stProgress")).to_contain_text("Question 1 of 6")
    expect(page.get_by_role("heading", name=SHOWN_EDITED)).to_be_visible()
    page.goto(link)  # and links to it still open
    wait_for_app(page)
    expect(page.get_by_role("heading", name=SHOWN_EDITED)).to_be_visible()

    questions.write_text(text, encoding="utf-8")  # fixed: the error goes, the bank is the new one
    page.goto(server.url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Millbrook bridge (test bank)")).to_be_visible()
    expect(page.get_by_test_id("stCode")).to_have_count(0)
    page.goto(link)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="How much will the bridge cost, according to the council?")).to_be_visible()
    assert console_errors.unexpected((DEEP_LINK_404,)) == []
