"""An author's round trip in Chromium: unlock the Author page, break a file and see the error at
its line, fix it, preview and check a question, save; the file changes and the old one is kept."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import APP_SCRIPT, ConsoleErrors, screenshot, wait_for_app
from tests.conftest import MINI

PASSWORD = "secret"


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label``."""
    page.get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def type_yaml(page: Page, text: str) -> None:
    """Replace the editor's text and send it, as Ctrl+Enter does."""
    editor = page.get_by_role("textbox", name="questions.yaml (YAML)")
    editor.fill(text)
    editor.press("Control+Enter")


def test_author_edits_previews_and_saves(
    tmp_path: Path, start_streamlit, page: Page, console_errors: ConsoleErrors
) -> None:
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    path = banks / "mini" / "questions.yaml"
    before = path.read_text(encoding="utf-8")
    server = start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(banks), "QUIZ_AUTHOR_PASSWORD": PASSWORD})

    page.goto(server.url)
    wait_for_app(page)
    page.get_by_role("link", name="Author").click()
    expect(page.get_by_label("Password", exact=True)).to_be_visible()
    wait_for_app(page)
    screenshot(page, "author-1-locked")
    expect(page.get_by_test_id("stTextArea")).to_have_count(0)

    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_test_id("stSelectbox").filter(has_text="File")).to_be_visible()
    wait_for_app(page)
    choose(page, "File", "questions.yaml")
    expect(page.get_by_role("textbox", name="questions.yaml (YAML)")).to_have_value(before)

    type_yaml(page, before.replace("correct: true", "correct: yes", 1))
    message = (
        "questions.yaml:8:18: error: questions[id=bridge-cost].choices[0].correct: expected true or false, "
        "found 'yes' (hint: only true and false are booleans: write true)"
    )
    expect(page.get_by_test_id("stCode").filter(has_text=message)).to_have_count(1)
    expect(page.get_by_test_id("stCode").filter(has_text=">  8 |         correct: yes")).to_have_count(1)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("1 error, 1 warning: fix the errors to save.")
    expect(page.get_by_role("button", name="Save")).to_be_disabled()
    wait_for_app(page)
    screenshot(page, "author-2-error-at-its-line")

    fixed = before.replace("How much will the bridge cost", "What will the bridge cost")
    type_yaml(page, fixed)
    expect(page.get_by_test_id("stAlertContentWarning").filter(has_text="the bank loads")).to_contain_text(
        "1 warning: the bank loads, and you can save."  # the other warning: "Unsaved changes in questions.yaml."
    )
    expect(page.get_by_test_id("stCode").filter(has_text="correct: yes")).to_have_count(0)
    preview = page.locator(".st-key-author-preview")
    expect(preview).to_contain_text("What will the bridge cost, according to the council?")
    expect(preview).not_to_contain_text("Right answer")
    preview.get_by_test_id("stRadioOption").filter(has_text="£2.4 million").click()
    preview.get_by_role("button", name="Check answer").click()
    expect(preview.get_by_test_id("stAlertContentSuccess")).to_contain_text("Right!")
    expect(preview).to_contain_text("That is the council's own estimate.")
    expect(preview).to_contain_text("Right answer: £2.4 million")
    wait_for_app(page)
    screenshot(page, "author-3-preview-checked")

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text="Saved questions.yaml.")).to_be_visible()
    wait_for_app(page)
    screenshot(page, "author-4-saved")
    assert path.read_text(encoding="utf-8") == fixed
    assert (banks / "mini" / ".questions.yaml.bak").read_text(encoding="utf-8") == before
    assert console_errors.unexpected() == []
