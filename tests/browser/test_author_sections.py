"""Chromium: a teacher writes a claim in the Author page's form, its two reports picked from two
sources, without typing YAML; and unsaved edits survive a reload, after a warning before leaving."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from playwright.sync_api import Dialog, Page, expect

from quiz.bank.load import load_bank
from tests.browser.conftest import APP_SCRIPT, ConsoleErrors, screenshot, wait_for_app
from tests.browser.test_accessibility import axe
from tests.browser.test_author_form import PASSWORD, choose, open_author, type_in, unlock
from tests.conftest import MINI
from tests.support.node import node_modules


#: Reloading /author?draft=... makes Streamlit's frontend probe /author/_stcore/health and
#: /author/_stcore/host-config for a base path first (404, logged; streamlit/streamlit#7074), as
#: tests/browser/test_learner_flow.py's DEEP_LINK_PROBES describes. Nothing else is allowed.
def reload_leaving(page: Page) -> list[str]:
    """Reload the page, leaving anyway if the browser asks; the kinds of dialog it showed ("beforeunload")."""
    shown: list[str] = []

    def leave(dialog: Dialog) -> None:
        shown.append(dialog.type)
        dialog.accept()

    page.on("dialog", leave)
    page.reload()
    page.remove_listener("dialog", leave)
    return shown


AUTHOR_PROBES = (
    re.compile(
        r"^Failed to load resource: the server responded with a status of 404 \(Not Found\)"
        r" \(http://127\.0\.0\.1:\d+/author/_stcore/(health|host-config)\)$"
    ),
)
FIRST = "The project will cost £2.4 million, according to the council's own estimate."
SECOND = "Independent engineers put the cost at £3 million."


def report(page: Page, source: str, words: str, sentence: str) -> None:
    choose(page, "Source", source)
    type_in(page, "Words to find", words)
    page.locator(".st-key-author-form-pick-sentence").get_by_test_id("stRadioOption").filter(has_text=sentence).click()
    wait_for_app(page)
    shown = page.get_by_text(re.compile(r"^Report \d+, from ")).count()
    page.get_by_role("button", name="Add this report").click()
    # Adding one draws the form's widgets anew: wait for it before typing, or the typing goes to the old ones.
    expect(page.get_by_text(re.compile(r"^Report \d+, from "))).to_have_count(shown + 1)
    wait_for_app(page)


def test_a_teacher_writes_a_claim_with_reports_picked_from_two_sources(
    tmp_path: Path, start_streamlit, page: Page, console_errors: ConsoleErrors
) -> None:
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    path = banks / "mini" / "bank.yaml"
    before = path.read_text(encoding="utf-8")
    server = start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(banks), "QUIZ_AUTHOR_PASSWORD": PASSWORD})
    open_author(page, server.url, "bank.yaml")
    page.locator(".st-key-author-form-on").get_by_text("Edit as a form").click()
    wait_for_app(page)
    page.locator(".st-key-author-form-section").get_by_text("A claim", exact=True).click()
    expect(page.get_by_text("Claim to edit", exact=True)).to_be_visible()
    wait_for_app(page)
    type_in(page, "Id", "two-estimates")
    expect(page.get_by_text("claim in the form, two-estimates")).to_be_visible()
    type_in(page, "Claim", "What will the bridge cost, and by whose estimate?", "Control+Enter")
    choose(page, "Status", "Conflicting: the reports disagree")
    report(page, "Bridge vote splits Millbrook council", "cost estimate", FIRST)
    report(page, "Millbrook approves £3 million bridge", "engineers cost", SECOND)
    type_in(
        page, "Note on the claim (optional)", "Two estimates by two estimators: not one wrong figure.", "Control+Enter"
    )
    expect(page.get_by_text("Unsaved changes in bank.yaml.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^0 problems of the claim in the form, two-estimates\.$"))).to_be_visible()
    screenshot(page, "author-form-4-claim-with-two-reports")

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text="Saved bank.yaml.")).to_be_visible()
    wait_for_app(page)
    after = path.read_text(encoding="utf-8")
    start = before.index("  - id: petition-size")
    assert after.startswith(before.rstrip("\n"))  # appended after the last claim, the end of this file
    assert after[start:].startswith(before[start:].rstrip("\n"))
    loaded = load_bank(banks / "mini")
    assert not loaded.errors and loaded.bank is not None
    claim = loaded.bank.claims["two-estimates"]
    assert claim.status == "conflicting"
    assert [(r.source, r.quote) for r in claim.reports] == [("gazette", FIRST), ("post", SECOND)]
    assert console_errors.unexpected() == []


def test_unsaved_edits_survive_a_reload_after_a_warning_before_leaving(
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
    type_in(page, "Id", "kept-over-reload")
    type_in(page, "Prompt", "Typed before the reload: is it still here?", "Control+Enter")
    expect(page.get_by_text("Unsaved changes in questions.yaml.")).to_be_visible()
    assert "draft=" in page.url

    assert reload_leaving(page) == ["beforeunload"]  # the browser asked first
    expect(page.get_by_text("Your unsaved changes are kept: give the password to get them back.")).to_be_visible()
    unlock(page)
    expect(page.get_by_text(re.compile("kept from before the page was reloaded"))).to_be_visible()
    expect(page.get_by_label("Id", exact=True)).to_have_value("kept-over-reload")
    expect(page.get_by_label("Prompt", exact=True)).to_have_value("Typed before the reload: is it still here?")
    editor = page.get_by_role("textbox", name="questions.yaml (YAML)")
    expect(editor).to_have_value(re.compile("kept-over-reload"))
    screenshot(page, "author-form-5-kept-after-a-reload")
    assert path.read_text(encoding="utf-8") == before  # nothing written without Save

    page.get_by_role("button", name="Reload from disk").click()  # drop them: now leaving says nothing
    expect(editor).to_have_value(before)
    wait_for_app(page)
    assert reload_leaving(page) == []
    wait_for_app(page)
    assert console_errors.unexpected(AUTHOR_PROBES) == []


def test_each_form_has_no_serious_wcag_violation(
    tmp_path: Path, start_streamlit, page: Page, console_errors: ConsoleErrors
) -> None:
    """axe-core, as tests/browser/test_accessibility.py runs it, on the question, source, claim and quiz forms."""
    node_modules()  # skips (fails under CI) when npm is missing
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    server = start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(banks), "QUIZ_AUTHOR_PASSWORD": PASSWORD})
    open_author(page, server.url, "bank.yaml")
    page.locator(".st-key-author-form-on").get_by_text("Edit as a form").click()
    wait_for_app(page)
    found = {}
    for what, chooser in [("A question", "Question"), ("A source", "Source"), ("A claim", "Claim"), ("A quiz", "Quiz")]:
        page.locator(".st-key-author-form-section").get_by_text(what, exact=True).click()
        expect(page.get_by_text(f"{chooser} to edit", exact=True)).to_be_visible()
        wait_for_app(page)
        found[what] = [v for v in axe(page) if v.blocks]
    assert {what: violations for what, violations in found.items() if violations} == {}
    assert console_errors.unexpected() == []
