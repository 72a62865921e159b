"""A teacher writes a question in the Author page's form, with two citations picked from two
sources, and a quiz for it in the quiz form, never typing YAML; the bank validates, and a learner
then answers it in that quiz."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

from quiz.bank.load import load_bank
from tests.browser.conftest import APP_SCRIPT, ConsoleErrors, screenshot, wait_for_app
from tests.conftest import MINI

PASSWORD = "secret"
FIRST = "The project will cost £2.4 million, according to the council's own estimate."
SECOND = "Independent engineers put the cost at £3 million."


def type_in(page: Page, label: str, text: str, key: str = "Enter") -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    box.press(key)  # Enter sends a text input, Ctrl+Enter a text area
    wait_for_app(page)


def choose(page: Page, label: str, option: str) -> None:
    box = page.get_by_role("combobox", name=label, exact=True)
    if box.input_value() == option:
        return  # already chosen
    box.click()
    box.press_sequentially(option[:12])
    box.press("Enter")
    wait_for_app(page)
    expect(box).to_have_value(option)


def unlock(page: Page) -> None:
    expect(page.get_by_label("Password", exact=True)).to_be_visible()
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    wait_for_app(page)


def open_author(page: Page, url: str, file: str | None) -> None:
    """Home, then the Author page unlocked, and ``file`` chosen in it (none: the page as it opens)."""
    page.goto(url)
    wait_for_app(page)
    page.get_by_role("link", name="Author").click()
    unlock(page)
    if file is None:
        return
    page.get_by_test_id("stSelectbox").filter(has_text="File").click()
    page.get_by_role("option", name=file, exact=True).click()
    wait_for_app(page)


def cite(page: Page, source: str, words: str, sentence: str) -> None:
    choose(page, "Source", source)
    type_in(page, "Words to find", words)
    page.locator(".st-key-author-form-pick-sentence").get_by_test_id("stRadioOption").filter(has_text=sentence).click()
    wait_for_app(page)
    shown = page.get_by_text(re.compile(r"^Citation \d+, from ")).count()
    page.get_by_role("button", name="Add this citation").click()
    # Adding one draws the form's widgets anew: wait for it before the next step, or it acts on the old ones.
    expect(page.get_by_text(re.compile(r"^Citation \d+, from "))).to_have_count(shown + 1)
    wait_for_app(page)


def test_a_teacher_writes_and_cites_a_question_in_the_form_and_a_learner_answers_it(
    tmp_path: Path, start_streamlit, page: Page, console_errors: ConsoleErrors
) -> None:
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    path = banks / "mini" / "questions.yaml"
    before = path.read_text(encoding="utf-8")
    server = start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(banks), "QUIZ_AUTHOR_PASSWORD": PASSWORD})

    open_author(page, server.url, "questions.yaml")
    page.locator(".st-key-author-form-on").get_by_text("Edit as a form").click()
    wait_for_app(page)

    type_in(page, "Id", "two-costs")
    type_in(page, "Prompt", "The two articles give the bridge's cost. Why do the figures differ?", "Control+Enter")
    # The form's boxes hold prose, wrapped in the body font; only the file's own box is code, a row per line.
    white_space = "el => getComputedStyle(el).whiteSpace"
    assert page.get_by_label("Prompt", exact=True).evaluate(white_space) == "pre-wrap"
    assert page.get_by_role("textbox", name="questions.yaml (YAML)").evaluate(white_space) == "pre"
    type_in(page, "Choice 1", "They come from different estimates: the council's and independent engineers'.")
    type_in(page, "Choice 2", "One of the articles made a typo.")
    type_in(page, "Feedback for choice 2", "Each article names who made its estimate.", "Control+Enter")
    type_in(page, "Explanation", "The Gazette gives the council's estimate; the Post the engineers'.", "Control+Enter")
    skills = page.get_by_test_id("stMultiSelect").filter(has_text="Skills").locator("input")
    skills.click()
    skills.press_sequentially("numbers")
    skills.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)
    cite(page, "Bridge vote splits Millbrook council", "cost estimate", FIRST)
    cite(page, "Millbrook approves £3 million bridge", "engineers cost", SECOND)
    expect(page.get_by_text("Unsaved changes.")).to_be_visible()
    preview = page.locator(".st-key-author-preview")
    expect(preview).to_contain_text("Why do the figures differ?")
    loads = page.get_by_test_id("stAlertContentWarning").filter(has_text="the bank loads")  # beside "Unsaved changes"
    expect(loads).to_contain_text("the bank loads, and you can save")
    screenshot(page, "author-form-1-question-with-two-citations")

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text="Saved questions.yaml.")).to_be_visible()
    wait_for_app(page)
    screenshot(page, "author-form-2-saved")
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # every line the author wrote is still there, as written
    loaded = load_bank(banks / "mini")
    assert not loaded.errors and loaded.bank is not None
    question = loaded.bank.questions["two-costs"]
    assert [(c.source, c.quote) for c in question.cite] == [("gazette", FIRST), ("post", SECOND)]

    # An existing question edited in the form: only its own lines change, every other byte is kept.
    choose(page, "Question to edit", "bridge-cost")
    expect(page.get_by_text("0 problems of the question in the form, bridge-cost.")).to_be_visible()
    wait_for_app(page)
    expect(page.get_by_label("Id", exact=True)).to_have_value("bridge-cost")
    type_in(page, "Hint (optional)", "Look for who made each estimate.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text="Saved questions.yaml.")).to_be_visible()
    edited = path.read_text(encoding="utf-8")
    start, end = after.index("  - id: bridge-cost"), after.index("\n  - id: who-spoke")
    assert edited.startswith(after[:start]) and edited.endswith(after[end:])  # the bytes around it, compared
    assert 'hint: "Look for who made each estimate."' in edited[start : len(edited) - len(after) + end]
    assert load_bank(banks / "mini").bank.questions["bridge-cost"].hint == "Look for who made each estimate."  # type: ignore[union-attr]

    # A quiz of its own, written in the quiz form too.
    quizzes = (banks / "mini" / "quizzes.yaml").read_text(encoding="utf-8")
    choose(page, "File", "quizzes.yaml")
    page.locator(".st-key-author-form-section").get_by_text("A quiz", exact=True).click()
    expect(page.get_by_text("Quiz to edit", exact=True)).to_be_visible()
    wait_for_app(page)
    type_in(page, "Id", "costs")
    type_in(page, "Title", "The two costs")
    listed = page.get_by_test_id("stMultiSelect").filter(has_text="Questions, in the order chosen").locator("input")
    listed.click()
    listed.press_sequentially("two-costs")
    listed.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(page.get_by_role("textbox", name="quizzes.yaml (YAML)")).to_have_value(
        re.compile(r"questions: \[two-costs\]")
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text="Saved quizzes.yaml.")).to_be_visible()
    assert (banks / "mini" / "quizzes.yaml").read_text(encoding="utf-8").startswith(quizzes.rstrip("\n"))
    page.goto(server.url)
    wait_for_app(page)
    page.locator(".st-key-home-start-mini-costs button").click()
    wait_for_app(page)
    expect(
        page.get_by_role("heading", name="The two articles give the bridge's cost. Why do the figures differ?")
    ).to_be_visible()
    page.get_by_test_id("stRadioOption").filter(has_text="One of the articles made a typo.").click()
    page.locator(".st-key-quiz-check button").click()
    wait_for_app(page)
    expect(page.get_by_text("Each article names who made its estimate.")).to_be_visible()
    expect(page.get_by_text(SECOND).first).to_be_visible()
    screenshot(page, "author-form-3-learner-sees-it")
    assert console_errors.unexpected() == []
