"""Confidence in a real browser: a learner answers a practice quiz with each of the three levels,
sees after each check whether the confidence was well placed, and ends on Results with the CBM
score and the calibration view counting right; a quiz without confidence shows no picker."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import APP_SCRIPT, ConsoleErrors, screenshot, wait_for_app
from tests.support.node import node_modules
from tests.support.server import REPO_ROOT, StreamlitServer, start_streamlit

MINI = REPO_ROOT / "tests" / "fixtures" / "banks" / "mini"
SURE = """\
quizzes:
  - id: sure-three
    title: Three, and how sure
    questions: [bridge-cost, vote-margin, ferry-date]
    confidence: true
"""
LEVELS = ["Not very (less than 67%)", "Fairly (more than 67%)", "Very (more than 80%)"]


@pytest.fixture(scope="module")
def sure_server(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """One server on the mini bank with a three-question practice quiz that asks for confidence."""
    banks: Path = tmp_path_factory.mktemp("banks")
    shutil.copytree(MINI, banks / "mini")
    (banks / "mini" / "sure.yaml").write_text(SURE, encoding="utf-8")
    with start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(banks)}) as server:
        yield server


def pick(page: Page, label: str) -> None:
    page.get_by_test_id("stRadioOption").filter(has=page.get_by_text(label, exact=True)).click()
    expect(page.get_by_role("radio", name=label, exact=True)).to_be_checked()


def click(page: Page, key: str) -> None:
    page.locator(f".st-key-{key} button").click()


def picker(page: Page):  # noqa: ANN201 - a Playwright locator
    return page.get_by_role("radiogroup", name="How sure are you?")


WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page, selector: str) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations inside the elements ``selector`` finds, as "rule: node"."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(node_modules() / "axe-core" / "axe.min.js"))
    found = page.evaluate(
        """([selector, tags]) => axe.run({include: [[selector]]}, {runOnly: {type: 'tag', values: tags}})
            .then(result => ({
                passes: result.passes.length,
                violations: result.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + n.html)),
            }))""",
        [selector, WCAG_AA],
    )
    assert found["passes"] > 0, f"axe-core checked nothing under {selector!r}"
    return list(found["violations"])


def test_three_levels_to_the_calibration_view(
    sure_server: StreamlitServer, page: Page, console_errors: ConsoleErrors
) -> None:
    page.goto(sure_server.url)
    wait_for_app(page)
    expect(page.get_by_text("3 questions · Practice · Asks how sure you are")).to_be_visible()
    click(page, "home-start-mini-sure-three")
    progress = page.get_by_test_id("stProgress")
    expect(progress).to_contain_text("Question 1 of 3")
    wait_for_app(page)

    steps = [  # answer, level, the word after checking
        ("£2.4 million", "Very (more than 80%)", "Confidence well placed: you were very sure, and right (+3)."),
        (
            "False",
            "Fairly (more than 67%)",
            "Confidence misplaced: you were fairly sure, and wrong (−2); “Not very” would have cost nothing.",
        ),
        (
            "Not in the sources",
            "Not very (less than 67%)",
            "You could have been surer: you were not very sure, and right (+1); “Very” would earn +3.",
        ),
    ]
    main = page.get_by_test_id("stMain")
    for number, (answer, level, says) in enumerate(steps, start=1):
        expect(picker(page)).to_be_visible()
        for label in LEVELS:  # every level is a radio a screen reader names
            expect(picker(page).get_by_role("radio", name=label, exact=True)).not_to_be_checked()
        for secret in ("Right answer", "In the sources", "Why", "Confidence"):
            expect(main).not_to_contain_text(secret)
        if number == 1:
            screenshot(page, "confidence-1-picker")
            assert page.locator("[class*='-confidence']").count() == 1
            assert axe_violations(page, "[class*='-confidence']") == []
        pick(page, answer)
        pick(page, level)
        click(page, "quiz-check")
        expect(main).to_contain_text(says)
        expect(picker(page)).to_have_count(0)  # locked with the answer
        if number == 2:
            screenshot(page, "confidence-2-misplaced")
        click(page, "quiz-next")
        if number < 3:
            expect(progress).to_contain_text(f"Question {number + 1} of 3")
            wait_for_app(page)

    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    wait_for_app(page)
    metrics = page.get_by_test_id("stMetric")
    expect(metrics).to_have_count(3)
    expect(metrics.nth(0)).to_contain_text("2 / 3")
    expect(metrics.nth(2)).to_contain_text("CBM score")
    expect(metrics.nth(2)).to_contain_text("0.67")  # (+3 −2 +1) / 3
    expect(main).to_contain_text("The CBM score is your average certainty-based mark per question")
    expect(page.get_by_role("heading", name="How sure you were")).to_be_visible()
    expect(main).to_contain_text(
        "When you were fairly sure, you were right 0 times out of 1: look again at the sources before you commit."
    )
    table = page.locator("table").filter(has_text="How sure")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)
    expected = [
        ["Very (more than 80%)", "1", "1", "100%", "80% to 100%", "Well placed"],
        ["Fairly (more than 67%)", "1", "0", "0%", "67% to 80%", "A bit over-confident"],
        ["Not very (less than 67%)", "1", "1", "100%", "0% to 67%", "A bit under-confident"],
    ]
    for row, cells in zip(range(3), expected):
        for column, text in enumerate(cells):
            expect(rows.nth(row).locator("td").nth(column)).to_contain_text(text)
    screenshot(page, "confidence-3-results")
    assert axe_violations(page, "table") == []
    assert console_errors == []


def test_a_quiz_without_confidence_has_no_picker(
    sure_server: StreamlitServer, page: Page, console_errors: ConsoleErrors
) -> None:
    page.goto(sure_server.url)
    wait_for_app(page)
    click(page, "home-start-mini-all")
    expect(page.get_by_test_id("stProgress")).to_contain_text("Question 1 of 6")
    wait_for_app(page)
    expect(page.get_by_role("radiogroup")).to_have_count(1)  # the answer only
    expect(page.get_by_test_id("stMain")).not_to_contain_text("How sure are you?")
    pick(page, "£2.4 million")
    click(page, "quiz-check")
    expect(page.get_by_test_id("stAlertContentSuccess").get_by_test_id("stMarkdownContainer")).to_have_text("Right!")
    expect(page.get_by_test_id("stMain")).not_to_contain_text("Confidence")
    assert console_errors == []


def test_the_picker_on_a_phone(sure_server: StreamlitServer, phone_page: Page) -> None:
    phone_page.goto(sure_server.url)
    wait_for_app(phone_page)
    click(phone_page, "home-start-mini-sure-three")
    expect(phone_page.get_by_test_id("stProgress")).to_contain_text("Question 1 of 3")
    wait_for_app(phone_page)
    for label in LEVELS:
        option = phone_page.get_by_test_id("stRadioOption").filter(has=phone_page.get_by_text(label, exact=True))
        expect(option).to_be_visible()
        box = option.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (label, box)
    pick(phone_page, "Fairly (more than 67%)")
    screenshot(phone_page, "confidence-phone-picker")


@pytest.fixture(scope="module")
def assignment_server(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[StreamlitServer, str]]:
    """A server with a record (SQLite) holding one practice assignment of the quiz that asks; its join code."""
    from quiz.bank.load import load_bank
    from quiz.play.engine import BankQuiz
    from quiz.record import db, store

    folder: Path = tmp_path_factory.mktemp("assigned")
    shutil.copytree(MINI, folder / "banks" / "mini")
    (folder / "banks" / "mini" / "sure.yaml").write_text(SURE, encoding="utf-8")
    assert load_bank(folder / "banks" / "mini").bank is not None
    url = f"sqlite:///{folder / 'quiz.sqlite3'}"
    record = db.open_engine(url)
    db.upgrade(record)
    made = store.create_class(record, "9B", store.now_utc())
    assert isinstance(made, store.ClassRecord)
    assignment = store.create_assignment(
        record, made.id, "How sure?", "mini", BankQuiz("sure-three"), "practice", store.now_utc()
    )
    assert isinstance(assignment, store.AssignmentRecord)
    record.dispose()
    env = {"QUIZ_BANKS": str(folder / "banks"), "QUIZ_DATABASE_URL": url}
    with start_streamlit(APP_SCRIPT, env=env) as server:
        yield server, assignment.join_code


def test_an_assignment_asks_and_shows_the_calibration(
    assignment_server: tuple[StreamlitServer, str], page: Page, console_errors: ConsoleErrors
) -> None:
    server, code = assignment_server
    page.goto(f"{server.url}/?join={code}")
    wait_for_app(page)
    page.get_by_role("textbox", name="Your name").fill("Ada")
    page.get_by_role("button", name="Join").click()
    progress = page.get_by_test_id("stProgress")
    expect(progress).to_contain_text("Question 1 of 3")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    steps = [
        ("£2.4 million", "Very (more than 80%)", "Confidence well placed: you were very sure, and right (+3)."),
        ("False", "Very (more than 80%)", "Confidence misplaced: you were very sure, and wrong (−6)"),
        ("Not in the sources", None, "You could have been surer: you were not very sure, and right (+1)"),
    ]
    for number, (answer, level, says) in enumerate(steps, start=1):
        expect(picker(page)).to_be_visible()
        expect(main).not_to_contain_text("Right answer")
        pick(page, answer)
        if level is not None:
            pick(page, level)
        click(page, "assignment-submit")
        expect(main).to_contain_text("Your answer is recorded.")
        expect(main).to_contain_text(says)
        click(page, "assignment-next")
        if number < 3:
            expect(progress).to_contain_text(f"Question {number + 1} of 3")
            wait_for_app(page)
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    metrics = page.get_by_test_id("stMetric")
    expect(metrics).to_have_count(3)
    expect(metrics.nth(2)).to_contain_text("−0.67")  # (+3 −6 +1) / 3
    expect(main).to_contain_text("When you were very sure, you were right 1 time out of 2: slow down on those.")
    rows = page.locator("table").filter(has_text="How sure").locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("Very (more than 80%)")
    expect(rows.nth(0).locator("td").nth(1)).to_have_text("2")
    expect(rows.nth(0).locator("td").nth(2)).to_have_text("1")
    expect(rows.nth(2).locator("td").nth(1)).to_have_text("1")  # Not very: the one left unchosen
    screenshot(page, "confidence-4-assignment-results")
    assert console_errors == []
