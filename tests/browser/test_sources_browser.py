"""The Sources page in Chromium, on the bundled Cuties bank: a Cited by link lands on its passage,
Read in context opens on the passage with the rest folded behind the content note, and addresses in
the quoted posts are text, not links out of the app."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from quiz.bank.load import load_bank
from quiz.bank.model import Bank
from quiz.play import citations
from tests.browser.conftest import APP_TIMEOUT_MS, SCREENSHOTS, screenshot, wait_for_app
from tests.browser.test_learner_flow import CUTIES, FOCUS_BACKGROUND, click, pick_radio, progress
from tests.support.server import StreamlitServer

SOURCE = "cancelnetflix-backlash"
#: A line of that source far from the first question's passage: a profane post, folded away.
FAR_LINE = "The world is officially fucked."
MAIN_SCROLL = "document.querySelector('[data-testid=stMain]').scrollTop"


def _cuties() -> Bank:
    bank = load_bank(CUTIES).bank
    assert bank is not None
    return bank


def _viewport_shot(page: Page, name: str) -> None:
    """What the reader sees without scrolling (the full-page shot cannot show where the page stands)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_cited_by_link_lands_on_its_passage(
    app_server: StreamlitServer, request: pytest.FixtureRequest, device: str
) -> None:
    page: Page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    bank = _cuties()
    page.goto(f"{app_server.url}/sources?bank={bank.info.id}&source={SOURCE}")
    wait_for_app(page)
    refs = [ref for ref in citations.cites(bank, SOURCE) if ref.owner == "question"]
    owners = len({ref.owner_id for ref in refs})
    fold = page.get_by_test_id("stExpander").filter(has_text=f"{owners} questions · {len(refs)} passages")
    links = fold.get_by_role("link")
    expect(links.first).to_be_hidden()  # folded: the list was 6,348 px long
    fold.locator("summary").click()
    expect(links).to_have_count(len(refs))
    links.last.scroll_into_view_if_needed()
    assert page.evaluate(MAIN_SCROLL) > 2000  # the last link is far below the top of the page
    links.last.click()

    passage = page.locator(".st-key-sources-passage")
    # The link reruns the page; on a loaded machine that takes longer than expect's 5 s.
    expect(passage.get_by_role("heading", name="The passage cited")).to_be_in_viewport(timeout=APP_TIMEOUT_MS)
    quoted = bank.texts[SOURCE].text[slice(*bank.texts[SOURCE].spans(refs[-1].cite.quote)[0])]
    opened = passage.locator(".stMarkdownColoredBackground").first
    expect(opened).to_contain_text(" ".join(quoted.splitlines()[0].split()[:3]))  # a highlight is drawn per line
    expect(opened).to_have_css("background-color", FOCUS_BACKGROUND)
    expect(opened).to_be_in_viewport()
    assert page.evaluate(MAIN_SCROLL) < 600  # it scrolled up to the passage, near the page's top
    _viewport_shot(page, f"{device}-sources-cited-by-landed")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_cited_by_link_to_the_passage_already_open_lands_on_it_again(
    app_server: StreamlitServer, request: pytest.FixtureRequest, device: str
) -> None:
    page: Page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    bank = _cuties()
    refs = [ref for ref in citations.cites(bank, SOURCE) if ref.owner == "question"]
    page.goto(f"{app_server.url}/sources?{urlencode(citations.link(bank.info.id, refs[-1]))}")
    wait_for_app(page)
    heading = page.locator(".st-key-sources-passage").get_by_role("heading", name="The passage cited")
    expect(heading).to_be_in_viewport()
    owners = len({ref.owner_id for ref in refs})
    fold = page.get_by_test_id("stExpander").filter(has_text=f"{owners} questions · {len(refs)} passages")
    fold.locator("summary").click()
    link = fold.get_by_role("link").last  # the link to the passage open at the top
    expect(link).to_be_visible()
    link.scroll_into_view_if_needed()
    assert page.evaluate(MAIN_SCROLL) > 2000
    expect(heading).not_to_be_in_viewport()
    link.click()
    # Before: the page ran again with the same passage and stayed where it was, thousands of pixels below.
    expect(heading).to_be_in_viewport(timeout=APP_TIMEOUT_MS)
    assert page.evaluate(MAIN_SCROLL) < 600
    _viewport_shot(page, f"{device}-sources-cited-by-again")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_read_in_context_shows_the_passage_and_folds_the_rest(
    app_server: StreamlitServer, request: pytest.FixtureRequest, device: str
) -> None:
    page: Page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    bank = _cuties()
    page.goto(app_server.url)
    wait_for_app(page)
    click(page, "home-start-cuties-2020-first-visit")
    expect(progress(page)).to_contain_text("Question 1 of 10")
    pick_radio(page, "Both call it a documentary.")
    click(page, "quiz-check")
    expect(page.locator(".st-key-quiz-next button")).to_be_visible()
    main = page.get_by_test_id("stMain")
    expect(main).not_to_contain_text("unknown")  # no "outlet unknown · date unknown" under the quotes
    screenshot(page, f"{device}-evidence-by-source")

    page.get_by_role("link", name="Read in context").first.click()
    passage = page.locator(".st-key-sources-passage")
    expect(passage.get_by_role("heading", name="The passage cited")).to_be_in_viewport()
    wait_for_app(page)
    first = bank.questions["film-type-labels"].cite[0]
    assert first.source == SOURCE
    expect(passage.locator(".stMarkdownColoredBackground")).to_contain_text(first.quote)
    expect(passage).not_to_contain_text(FAR_LINE)
    note = citations.content_note(bank)
    expect(main.get_by_text(re.compile("^Content note:"))).to_be_visible()
    assert "profanity" in note

    full = page.get_by_test_id("stExpander").filter(has_text="The full text, unedited")
    expect(full.get_by_text(FAR_LINE)).to_be_hidden()  # folded, one click away
    expect(page.locator("a[href*='t.co']")).to_have_count(0)
    _viewport_shot(page, f"{device}-read-in-context")
    screenshot(page, f"{device}-read-in-context-full-page")

    full.locator("summary").click()
    expect(full.get_by_text(FAR_LINE)).to_be_visible()
    last_line = bank.texts[SOURCE].text.strip().splitlines()[-1]
    expect(full).to_contain_text(last_line)  # all of it, unedited
    # The quoted posts' t.co addresses are text (code), not links out of the app.
    expect(full.locator("code", has_text="https://t.co/3UGF5xyd1L")).to_be_visible()
    expect(page.locator("a[href*='t.co']")).to_have_count(0)
    screenshot(page, f"{device}-read-in-context-unfolded")
