"""A teacher drafts from two articles on the Author page, never writing YAML: accepts a conflicting
claim and a question on it, rejects another claim, saves; the bank validates, the rejected claim is
not in the file, and a learner then answers the question in a quiz. A draft under review survives a
reload (after the browser's warning and the password), with its choices; and axe-core finds nothing
serious in the drafting section unfolded, at 1280 and 390 px."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quiz.bank.load import load_bank
from quiz.cli import main
from tests.browser.conftest import APP_SCRIPT, APP_TIMEOUT_MS, ConsoleErrors, screenshot, wait_for_app
from tests.browser.test_accessibility import Violation, assert_none_block, axe
from tests.browser.test_author_form import PASSWORD, open_author, unlock
from tests.browser.test_author_sections import AUTHOR_PROBES, reload_leaving
from tests.conftest import MINI, REPO
from tests.support.node import node_modules

STORY = REPO / "tests" / "fixtures" / "drafting" / "dev" / "council-pool"
SOURCES = ("council-votes-to-close-brindle-street-pool", "brindle-street-pool-to-shut-after-close-council")
TALLY = "tally-harwick-council-voted"  # 7-4 in one article, 6-5 in the other
ASK = f"{TALLY}-careful"
MONEY = "money"  # "$3.5 million" and "3,500,000 dollars": the same figure, a claim the teacher rejects
NAME = "draft-council-votes-to-close-brindle-street-pool.yaml"
CLAIM = "Reworded by the teacher: what was the council's tally on the pool?"


def decide(page: Page, section: str, item: str, verdict: str) -> None:
    box = page.locator(f".st-key-author-draft-item-{section}-{item}")
    box.get_by_test_id("stRadioOption").filter(has_text=verdict).click()
    wait_for_app(page)
    expect(box.get_by_role("radio", name=verdict)).to_be_checked()


def tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=re.compile(rf"^{name} \(\d+\)$")).click()
    wait_for_app(page)


def draft(page: Page) -> None:
    """The two articles pasted and drafted, on the unlocked Author page."""
    page.get_by_text("Draft from articles").click()
    for number, article in enumerate(("a-harwick-gazette.md", "b-northside-herald.md"), start=1):
        page.get_by_label(f"Article {number}", exact=True).fill((STORY / article).read_text(encoding="utf-8"))
    page.get_by_role("button", name="Draft").click()
    expect(  # drafting two articles takes a few seconds on a loaded machine
        page.get_by_role("heading", name=re.compile(r"^Drafted: 2 sources, \d+ claims, \d+ questions$"))
    ).to_be_visible(timeout=APP_TIMEOUT_MS)
    wait_for_app(page)


def test_a_teacher_drafts_from_two_articles_keeps_what_is_right_and_a_learner_answers_it(
    tmp_path: Path, start_streamlit, page: Page, console_errors: ConsoleErrors
) -> None:
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    folder = banks / "mini"
    server = start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(banks), "QUIZ_AUTHOR_PASSWORD": PASSWORD})

    open_author(page, server.url, None)
    page.get_by_text("Draft from articles").click()
    for number, article in enumerate(("a-harwick-gazette.md", "b-northside-herald.md"), start=1):
        page.get_by_label(f"Article {number}", exact=True).fill((STORY / article).read_text(encoding="utf-8"))
    screenshot(page, "author-draft-1-articles-pasted")
    page.get_by_role("button", name="Draft").click()
    expect(
        page.get_by_role("heading", name=re.compile(r"^Drafted: 2 sources, \d+ claims, \d+ questions$"))
    ).to_be_visible()
    wait_for_app(page)

    decide(page, "sources", SOURCES[0], "Accept")
    decide(page, "sources", SOURCES[1], "Accept")
    tab(page, "Claims")
    claim = page.locator(f".st-key-author-draft-item-claims-{TALLY}")
    expect(claim).to_contain_text("Conflicting")
    expect(claim).to_contain_text("Harwick's council voted 7-4 on Tuesday")  # one article's column
    expect(claim).to_contain_text("A divided Harwick council decided by 6-5 on Tuesday night")  # the other's
    decide(page, "claims", TALLY, "Accept")
    decide(page, "claims", MONEY, "Reject")
    screenshot(page, "author-draft-2-claims-side-by-side")
    claim.get_by_role("button", name="Edit as a form").click()  # the page's own claim form, no YAML typed
    form = page.locator(f".st-key-author-draft-form-claims-{TALLY}")
    expect(form.get_by_text(f"Report 2, from {SOURCES[1]}")).to_be_visible()
    wording = form.get_by_label("Claim", exact=True)
    wording.fill(CLAIM)
    wording.press("Control+Enter")
    wait_for_app(page)
    expect(claim.get_by_text("Edited: the file gets your text.")).to_be_visible()
    screenshot(page, "author-draft-2b-claim-in-the-form")
    form.get_by_role("button", name="Close the form").click()
    wait_for_app(page)
    tab(page, "Questions")
    ask = page.locator(f".st-key-author-draft-item-questions-{ASK}")
    ask.get_by_test_id("stRadioOption").filter(has_text="One of them must be a typo.").click()
    wait_for_app(page)
    ask.get_by_role("button", name="Check answer").click()
    expect(ask.locator("li").filter(has_text="Different figures are a reason to ask what was counted")).to_be_visible()
    # Its sources are not saved yet: each citation opens its passage in place, with the lines around it.
    context = ask.get_by_test_id("stExpander").filter(has_text="Read in context")
    expect(context).to_have_count(2)
    context.nth(1).get_by_text("Read in context").click()
    expect(context.nth(1).get_by_text("By Cal Turner")).to_be_visible()
    expect(context.nth(1).get_by_text("Officers said fixing the building would cost")).to_be_visible()
    expect(ask.get_by_role("link", name="Read in context")).to_have_count(0)
    decide(page, "questions", ASK, "Accept")
    screenshot(page, "author-draft-3-question-previewed")
    page.set_viewport_size({"width": 390, "height": 844})  # a teacher on a phone: one column, nothing cut off
    expect(ask.get_by_role("radio", name="Accept")).to_be_visible()
    screenshot(page, "phone-author-draft-question")
    page.set_viewport_size({"width": 1280, "height": 900})

    save = page.get_by_role("button", name=f"Save into {NAME}")
    expect(save).to_be_enabled()
    save.click()
    expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text=f"Saved {NAME}")).to_be_visible()
    wait_for_app(page)
    screenshot(page, "author-draft-4-saved")

    written = (folder / NAME).read_text(encoding="utf-8")
    assert f"- id: {TALLY}\n" in written and f"- id: {ASK}\n" in written
    assert f"- id: {MONEY}\n" not in written  # rejected: not in the file
    assert f'claim: "{CLAIM}"' in written  # as the form wrote it
    assert "draft: true" not in written
    assert main(["validate", str(folder)]) == 0
    bank = load_bank(folder).bank
    assert bank is not None and bank.claims[TALLY].status == "conflicting" and MONEY not in bank.claims

    # Quizzes have no form yet: the test lists the new question in a quiz of its own on disk.
    with (folder / "quizzes.yaml").open("a", encoding="utf-8") as quizzes:
        quizzes.write(f"  - id: pool\n    title: The pool vote\n    questions: [{ASK}]\n")
    page.goto(server.url)
    wait_for_app(page)
    page.locator(".st-key-home-start-mini-pool button").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=re.compile("What is the most careful reading"))).to_be_visible()
    page.get_by_test_id("stRadioOption").filter(has_text="They may count different things").click()
    page.locator(".st-key-quiz-check button").click()
    wait_for_app(page)
    expect(page.get_by_text("A divided Harwick council decided by 6-5 on Tuesday night").first).to_be_visible()
    screenshot(page, "author-draft-5-learner-answers")
    assert console_errors.unexpected() == []


def test_a_draft_under_review_survives_a_reload_with_its_choices(
    tmp_path: Path, start_streamlit, page: Page, console_errors: ConsoleErrors
) -> None:
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    server = start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(banks), "QUIZ_AUTHOR_PASSWORD": PASSWORD})
    open_author(page, server.url, None)
    draft(page)
    decide(page, "sources", SOURCES[0], "Accept")
    tab(page, "Claims")
    decide(page, "claims", TALLY, "Accept")
    decide(page, "claims", MONEY, "Reject")
    expect(page.get_by_text(f"Unsaved changes in {NAME} (the draft under review).")).to_be_visible()
    assert "draft=" in page.url

    assert reload_leaving(page) == ["beforeunload"]  # the browser asked first
    expect(page.get_by_text("Your unsaved changes are kept: give the password to get them back.")).to_be_visible()
    expect(page.get_by_text("Brindle Street")).to_have_count(0)  # nothing of the draft before the password
    unlock(page)
    expect(
        page.get_by_text(re.compile("the draft under review\\), kept from before the page was reloaded"))
    ).to_be_visible()
    expect(
        page.get_by_role("heading", name=re.compile(r"^Drafted: 2 sources, \d+ claims, \d+ questions$"))
    ).to_be_visible()
    source = page.locator(f".st-key-author-draft-item-sources-{SOURCES[0]}")
    expect(source.get_by_role("radio", name="Accept")).to_be_checked()
    expect(
        page.locator(f".st-key-author-draft-item-sources-{SOURCES[1]}").get_by_role("radio", name="Accept")
    ).not_to_be_checked()
    tab(page, "Claims")
    expect(
        page.locator(f".st-key-author-draft-item-claims-{TALLY}").get_by_role("radio", name="Accept")
    ).to_be_checked()
    expect(
        page.locator(f".st-key-author-draft-item-claims-{MONEY}").get_by_role("radio", name="Reject")
    ).to_be_checked()
    screenshot(page, "author-draft-6-kept-after-a-reload")
    assert not (banks / "mini" / NAME).exists()  # kept in the server's memory, nothing written

    page.get_by_role("button", name="Discard this draft").click()  # dropped: now leaving says nothing
    expect(page.get_by_role("heading", name=re.compile(r"^Drafted: "))).to_have_count(0)
    wait_for_app(page)
    assert reload_leaving(page) == []
    wait_for_app(page)
    assert console_errors.unexpected(AUTHOR_PROBES) == []


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_drafting_section_unfolded_has_no_serious_wcag_violation(
    tmp_path: Path, start_streamlit, request: pytest.FixtureRequest, device: str
) -> None:
    """axe-core, as tests/browser/test_accessibility.py runs it (the page at its full height), on each tab of
    a draft under review with what folds unfolded: an article's text, a claim and a question in their forms,
    a question checked with a passage opened in context."""
    page: Page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    node_modules()  # skips (fails under CI) when npm is missing
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    server = start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(banks), "QUIZ_AUTHOR_PASSWORD": PASSWORD})
    page.goto(f"{server.url}/author")  # by its address: on a phone the page list is folded away
    wait_for_app(page)
    unlock(page)
    draft(page)
    report: dict[str, list[Violation]] = {}

    def check(name: str) -> None:
        report[name] = axe(page)
        screenshot(page, f"axe-{device}-author-draft-{name}")

    source = page.locator(f".st-key-author-draft-item-sources-{SOURCES[0]}")
    source.get_by_text("The article's text").click()
    source.get_by_text("Edit as YAML").click()
    expect(source.get_by_role("textbox", name=f"{SOURCES[0]} (YAML)")).to_be_visible()
    check("sources")
    tab(page, "Claims")
    claim = page.locator(f".st-key-author-draft-item-claims-{TALLY}")
    claim.get_by_text("Read in context").first.click()
    claim.get_by_role("button", name="Edit as a form").click()
    expect(page.locator(f".st-key-author-draft-form-claims-{TALLY}")).to_be_visible()
    wait_for_app(page)
    check("claim-form")
    tab(page, "Questions")
    ask = page.locator(f".st-key-author-draft-item-questions-{ASK}")
    ask.get_by_test_id("stRadioOption").filter(has_text="One of them must be a typo.").click()
    wait_for_app(page)
    ask.get_by_role("button", name="Check answer").click()
    expect(ask.get_by_text("Read in context").first).to_be_visible()
    ask.get_by_text("Read in context").first.click()
    ask.get_by_role("button", name="Edit as a form").click()
    expect(page.locator(f".st-key-author-draft-form-questions-{ASK}")).to_be_visible()
    wait_for_app(page)
    check("question-form")

    assert_none_block(report, f"{device}, drafting", details=True)
