"""What a learner on a phone (390 px) and a learner with a keyboard meet first: the first quiz's Start
button on the first screen of Home, options a finger can hit (WCAG 2.5.8: at least 24 px tall), a focus
ring that can be seen (WCAG 2.4.7, 1.4.11: at least 2 px, 3:1 against the page), and an order
question whose items are written out in full."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from quiz.bank.load import load_bank
from quiz.bank.model import Bank, MultipleQuestion, OrderQuestion, Question, SingleQuestion
from quiz.play import engine, urltoken
from tests.browser.conftest import screenshot, wait_for_app
from tests.browser.test_learner_flow import CUTIES, progress
from tests.support.server import StreamlitServer

#: The phone fixture's viewport is 390 x 844 CSS pixels.
PHONE_HEIGHT = 844
OPTIONS = '[data-testid="stRadioOption"], [data-testid="stCheckbox"] > label'


def _cuties() -> Bank:
    bank = load_bank(CUTIES).bank
    assert bank is not None
    return bank


def attempt_at(kind: type[Question], seed: int = 2020) -> engine.Attempt:
    """An attempt of the first-visit quiz standing, unanswered, at its first question of ``kind``."""
    bank = _cuties()
    attempt = engine.start(bank, engine.BankQuiz("first-visit"), seed)
    while not isinstance(engine.current(attempt, bank), kind):
        attempt = engine.advance(engine.submit(attempt, bank, engine.right_answer(engine.current(attempt, bank))))
    return attempt


def test_the_first_start_button_is_on_a_phones_first_screen(app_server: StreamlitServer, phone_page: Page) -> None:
    page = phone_page
    page.goto(app_server.url)
    wait_for_app(page)
    start = page.locator('[class*="st-key-home-start-"] button').first
    expect(start).to_have_text(re.compile("Start First visit"))
    box = start.bounding_box()
    assert box is not None
    screenshot(page, "phone-home-first-screen")
    # It was 1,671 px down (a description of 25 lines and the join form above it).
    assert box["y"] + box["height"] <= PHONE_HEIGHT, f"Start at y={box['y']:.0f}, under the first screen"
    # Folded, not gone: the description and its content note are one tap away.
    about = page.get_by_text("About these sources, with a content note")
    expect(about).to_be_visible()
    note = page.get_by_text("Content note:").locator("visible=true")  # the wide screen's copy is not displayed
    expect(note).to_have_count(0)
    about.click()
    expect(note).to_have_count(1)
    # The join form is below the quizzes; a link near the top leads to it.
    page.get_by_role("link", name="Join with it").click()
    expect(page.get_by_label("Code from your teacher")).to_be_in_viewport()


def test_the_join_form_comes_first_from_a_join_link(app_server: StreamlitServer, phone_page: Page) -> None:
    page = phone_page
    page.goto(f"{app_server.url}/?join=ABCD-EFGH")
    wait_for_app(page)
    code = page.get_by_label("Code from your teacher")
    expect(code).to_have_value("ABCD-EFGH")
    join = code.bounding_box()
    start = page.locator('[class*="st-key-home-start-"] button').first.bounding_box()
    assert join is not None and start is not None
    assert join["y"] < start["y"]


@pytest.mark.parametrize("kind", [SingleQuestion, MultipleQuestion], ids=["radio", "checkbox"])
def test_options_on_a_phone_are_at_least_24_px_tall(
    app_server: StreamlitServer, phone_page: Page, kind: type[Question]
) -> None:
    page = phone_page
    attempt = attempt_at(kind)
    page.goto(f"{app_server.url}/quiz?t={urltoken.encode(attempt)}")
    expect(progress(page)).to_contain_text(f"Question {attempt.position + 1} of")
    wait_for_app(page)
    heights = page.locator(OPTIONS).evaluate_all("els => els.map(el => el.getBoundingClientRect().height)")
    assert len(heights) >= 2
    assert min(heights) >= 24, f"option heights {heights}"  # 22.4 px for a one-line option before


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two CSS ``rgb(...)`` colours."""
    lighter, darker = sorted(
        (
            0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)
            for r, g, b in (map(float, re.findall(r"[\d.]+", colour)[:3]) for colour in (first, second))
        ),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)


_FOCUSED_OPTION = """() => {
  const input = document.activeElement;
  if (!input || !['radio', 'checkbox'].includes(input.type)) return null;
  const option = input.closest('label');
  const style = getComputedStyle(option);
  const app = document.querySelector('[data-testid=stApp]');
  return {text: option.innerText, style: style.outlineStyle, width: parseFloat(style.outlineWidth),
          colour: style.outlineColor, page: getComputedStyle(app).backgroundColor};
}"""


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_focused_option_has_a_ring_that_can_be_seen(
    app_server: StreamlitServer, request: pytest.FixtureRequest, device: str
) -> None:
    page: Page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    attempt = attempt_at(SingleQuestion)
    page.goto(f"{app_server.url}/quiz?t={urltoken.encode(attempt)}")
    expect(progress(page)).to_contain_text(f"Question {attempt.position + 1} of")
    wait_for_app(page)
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED_OPTION)
        if focused:
            break
    else:
        raise AssertionError("no option reached by Tab")
    screenshot(page, f"{device}-quiz-focused-option")
    # Before: Streamlit's faint grey background only (outline none).
    assert focused["style"] == "solid" and focused["width"] >= 2, focused
    assert contrast(focused["colour"], focused["page"]) >= 3, focused


#: What the closed box of an order item's drop-down shows: its own words, and whether the item's copy is painted.
_CLOSED_BOX = """(input) => {
  const group = input.closest('[role=group]');
  return {says: getComputedStyle(group, '::before').content,
          painted: getComputedStyle(input).color !== 'rgba(0, 0, 0, 0)'};
}"""
#: Each option of the open list: its text, and whether it is shown in full (not cut, not over the next, on screen).
_OPTIONS_IN_FULL = """(options) => options.map(option => {
  const text = option.firstElementChild, box = option.getBoundingClientRect();
  return {text: option.innerText, fits: text.scrollWidth <= text.clientWidth + 1
          && text.scrollHeight <= option.clientHeight + 1 && box.left >= 0 && box.right <= window.innerWidth};
})"""


def _at_order_question(
    app_server: StreamlitServer, request: pytest.FixtureRequest, device: str
) -> tuple[Page, OrderQuestion]:
    """The desktop or phone page, opened on the bundled bank's first order question."""
    page: Page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    attempt = attempt_at(OrderQuestion)
    question = engine.current(attempt, _cuties())
    assert isinstance(question, OrderQuestion)
    page.goto(f"{app_server.url}/quiz?t={urltoken.encode(attempt)}")
    expect(progress(page)).to_contain_text(f"Question {attempt.position + 1} of")
    wait_for_app(page)
    return page, question


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_an_order_items_drop_down_says_what_it_does_and_lists_the_items_in_full(
    app_server: StreamlitServer, request: pytest.FixtureRequest, device: str
) -> None:
    page, question = _at_order_question(app_server, request, device)
    count = len(question.items)
    for position in range(1, count + 1):
        shown = page.get_by_role("combobox", name=f"Position {position}", exact=True).evaluate(_CLOSED_BOX)
        # Before: a copy of the item written out above it, cut after 20 characters or so on a phone.
        assert shown == {"says": '"Swap with\u2026"', "painted": False}, f"Position {position}: {shown}"
    first, third = (page.locator(f'[class*="-item-{n}"] [data-testid="stMarkdownContainer"]').first for n in (0, 2))
    first_item, third_item = (line.inner_text().split(" ", 1)[1] for line in (first, third))
    box = page.get_by_role("combobox", name="Position 3", exact=True)
    box.tap() if device == "phone" else box.click()  # a finger on a phone, a mouse on a desktop
    options = page.get_by_role("option")
    expect(options).to_have_count(count)
    screenshot(page, f"{device}-order-drop-down-open")
    listed = options.evaluate_all(_OPTIONS_IN_FULL)
    # Before: on a phone the list was as narrow as the box, and cut every item again.
    assert all(option["fits"] for option in listed), listed
    # Choosing still swaps: the first item comes third, the third goes first, and the box closes to its words.
    options.filter(has_text=first_item).click()
    expect(third).to_contain_text(first_item)
    expect(first).to_contain_text(third_item)
    assert box.evaluate(_CLOSED_BOX)["painted"] is False


#: Elements in the main section that show ``text`` in full, with whether each fits its box.
_SHOWN_IN_FULL = """(text) => {
  const norm = s => s.replace(/\\s+/g, ' ').trim();
  const found = [];
  for (const el of document.querySelectorAll('[data-testid=stMain] input, [data-testid=stMain] p')) {
    const shown = norm(el.tagName === 'INPUT' ? el.value : el.innerText);
    const box = el.getBoundingClientRect();
    if (!shown.includes(text) || box.width === 0) continue;
    found.push({tag: el.tagName, fits: el.scrollWidth <= el.clientWidth + 1 && box.right <= window.innerWidth});
  }
  return found;
}"""


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_order_items_are_written_out_in_full(
    app_server: StreamlitServer, request: pytest.FixtureRequest, device: str
) -> None:
    page, question = _at_order_question(app_server, request, device)
    screenshot(page, f"{device}-order-items")
    # Before: only the drop-downs showed the items, cut after about 20 characters on a phone.
    for item in question.items:
        text = item.replace("*", "")
        shown = page.evaluate(_SHOWN_IN_FULL, text)
        assert any(element["fits"] for element in shown), f"{text!r} is not shown in full: {shown}"
    # Moving an item moves its written-out text too.
    first = page.locator('[class*="-item-0"] [data-testid="stMarkdownContainer"]').first
    second = page.locator('[class*="-item-1"] [data-testid="stMarkdownContainer"]').first
    was = second.inner_text().split(" ", 1)[1]
    page.locator('[class*="-move-1-up"] button').click()
    expect(first).to_contain_text(was)
