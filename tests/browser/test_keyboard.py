"""A quiz by keyboard alone, and where the page stands after each step: the focus on "Next" after
checking (not back at the top), and Results opened at its top on a desktop and on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from quiz.play import engine, urltoken
from tests.browser.conftest import wait_for_app
from tests.browser.test_learner_flow import mini_server, progress  # noqa: F401 (a fixture)
from tests.support.apptest import mini
from tests.support.server import StreamlitServer

_FOCUSED_IN = "(selector) => !!document.activeElement && !!document.activeElement.closest(selector)"
_ACTIVE = "() => { const el = document.activeElement; return el ? el.tagName + ':' + (el.type || '') : ''; }"
_WHERE = """() => { const el = document.activeElement; if (!el) return 'nothing';
  const keyOf = (node) => (node.closest('[class*="st-key-"]') || {}).className;
  const all = (selector, text) => [...document.querySelectorAll(selector)].map(text).join(' | ');
  return el.tagName + ' ' + (el.innerText || '').slice(0, 40) + ' in ' + keyOf(el)
    + '; Next buttons: ' + document.querySelectorAll('.st-key-quiz-next button').length
    + '; alerts: ' + all('[data-testid=stAlert]', (a) => a.innerText)
    + '; checked: ' + all('input:checked', keyOf) + '; radios: ' + all('[data-testid=stRadio]', keyOf); }"""
_SCROLL = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"


def tab_to(page: Page, selector: str, limit: int = 40) -> int:
    """Press Tab until the focus is inside ``selector``; return how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(_FOCUSED_IN, selector):
            return presses
    raise AssertionError(f"{selector} not reached in {limit} Tabs (focus on {page.evaluate(_ACTIVE)})")


def test_a_practice_quiz_by_keyboard_alone(mini_server: StreamlitServer, page: Page) -> None:  # noqa: F811
    page.goto(mini_server.url)
    wait_for_app(page)
    tab_to(page, ".st-key-home-start-mini-all")
    page.keyboard.press("Enter")
    for number in range(1, 7):
        expect(progress(page)).to_contain_text(f"Question {number} of 6")
        wait_for_app(page)
        inputs = '[data-testid="stRadio"], [data-testid="stCheckbox"], .st-key-quiz-check'
        tab_to(page, inputs)
        if page.evaluate(_FOCUSED_IN, '[data-testid="stRadio"], [data-testid="stCheckbox"]'):
            page.keyboard.press("Space")  # a radio group's first option, or a checkbox ticked
            expect(page.locator("input:checked")).to_have_count(1)
            wait_for_app(page)  # the rerun the pick starts, as a person sees the option stay chosen
            expect(page.locator("input:checked")).to_have_count(1)
        # an order question is checked as shown
        tab_to(page, ".st-key-quiz-check")
        page.keyboard.press("Enter")
        expect(page.get_by_test_id("stAlert").first).to_be_visible()
        # After checking, the focus waits on Next: no Tabs back through the page.
        try:
            page.wait_for_function(_FOCUSED_IN, arg=".st-key-quiz-next", timeout=15_000)
        except Exception as error:
            raise AssertionError(f"question {number}: the focus stayed on {page.evaluate(_WHERE)!r}") from error
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    wait_for_app(page)
    assert page.evaluate(_SCROLL) == 0


def _at_last_question_checked() -> engine.Attempt:
    bank = mini()
    attempt = engine.start(bank, engine.BankQuiz("all"), 7)
    while attempt.position < attempt.size - 1:
        attempt = engine.advance(engine.submit(attempt, bank, engine.right_answer(engine.current(attempt, bank))))
    return engine.submit(attempt, bank, engine.right_answer(engine.current(attempt, bank)))


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_results_open_at_the_top(
    mini_server: StreamlitServer,  # noqa: F811
    request: pytest.FixtureRequest,
    device: str,
) -> None:
    page: Page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    page.goto(f"{mini_server.url}/quiz?t={urltoken.encode(_at_last_question_checked())}")
    wait_for_app(page)
    button = page.locator(".st-key-quiz-next button")
    button.scroll_into_view_if_needed()
    assert page.evaluate(_SCROLL) > 100  # the quiz page was scrolled down to reach "See results"
    button.click()
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetric").first).to_be_in_viewport()
    assert page.evaluate(_SCROLL) == 0
