"""A learner's way through the app in headless Chromium, against `streamlit run app.py`.

On the mini test bank, whose answers are known: a practice quiz from Home to "Retry the ones I
missed", through every kind of control (radio, checkboxes, order selectboxes), a detour to the
cited passage and back, and reloads that must not lose the attempt; an exam on a phone. On the
real Cuties bank: screenshots of every page, desktop and phone, into artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from quiz.bank.load import load_bank
from quiz.bank.model import Bank, MultipleQuestion, OrderQuestion, Question
from quiz.play import engine, urltoken
from tests.browser.conftest import APP_SCRIPT, ConsoleErrors, screenshot, wait_for_app, watch_console
from tests.support.server import REPO_ROOT, StreamlitServer, start_streamlit

MINI = REPO_ROOT / "tests" / "fixtures" / "banks" / "mini"
CUTIES = REPO_ROOT / "questions" / "cuties-2020"
#: Theme colours of .streamlit/config.toml as the browser computes them.
FOCUS_BACKGROUND = "rgb(255, 214, 165)"  # orangeBackgroundColor: the passage a link opened
CITED_BACKGROUND = "rgb(252, 239, 161)"  # yellowBackgroundColor: every other cited passage
#: Opening or reloading a page's own URL (/quiz?t=..., /sources?...) makes Streamlit's frontend
#: probe /PAGE/_stcore/health and /PAGE/_stcore/host-config for a base path first; both answer
#: 404 and the console logs them (streamlit/streamlit#7074). The app is fine: the next probes
#: at / answer. Nothing else is allowed.
DEEP_LINK_PROBES = (
    re.compile(
        r"^Failed to load resource: the server responded with a status of 404 \(Not Found\)"
        r" \(http://127\.0\.0\.1:\d+/(quiz|results|sources|claims)/_stcore/(health|host-config)\)$"
    ),
)


@pytest.fixture(scope="module")
def mini_server(browser: Browser) -> Iterator[StreamlitServer]:
    """One server for the module, on the mini bank only (`browser` first: no Chromium, no server)."""
    with start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(MINI)}) as server:
        yield server


# ---------------------------------------------------------------- what a learner does


def progress(page: Page) -> Locator:
    return page.get_by_test_id("stProgress")


def pick_radio(page: Page, label: str) -> None:
    # The input is visually hidden: a learner clicks the label.
    page.get_by_test_id("stRadioOption").filter(has=page.get_by_text(label, exact=True)).click()
    expect(page.get_by_role("radio", name=label, exact=True)).to_be_checked()


def tick(page: Page, label: str) -> None:
    page.get_by_test_id("stCheckbox").filter(has=page.get_by_text(label, exact=True)).click()
    expect(page.get_by_role("checkbox", name=label, exact=True)).to_be_checked()


def position_box(page: Page, position: int) -> Locator:
    return page.get_by_role("combobox", name=f"Position {position}", exact=True)


def place(page: Page, position: int, item: str, count: int) -> None:
    """Choose `item` at `position` (1-based) of an order question; the item that was there
    takes `item`'s old place. Waits for the server's swap to show (it proves the rerun ended)."""
    before = [position_box(page, number).input_value() for number in range(1, count + 1)]
    if before[position - 1] == item:
        return
    after = before[:]
    after[before.index(item)], after[position - 1] = before[position - 1], item
    position_box(page, position).click()
    page.get_by_role("option", name=item, exact=True).click()
    for number, value in enumerate(after, start=1):
        expect(position_box(page, number)).to_have_value(value)


def click(page: Page, key: str) -> None:
    page.locator(f".st-key-{key} button").click()


def check_answer(page: Page) -> None:
    click(page, "quiz-check")
    expect(page.locator(".st-key-quiz-next button")).to_be_visible()


def next_question(page: Page, number: int, of: int) -> None:
    click(page, "quiz-next")
    expect(progress(page)).to_contain_text(f"Question {number} of {of}")
    wait_for_app(page)


def message(page: Page | Locator, kind: str) -> Locator:
    """The text of st.success / st.error / st.info / st.warning boxes (`kind`), icon aside."""
    return page.get_by_test_id(f"stAlertContent{kind}").get_by_test_id("stMarkdownContainer")


def alert(page: Page | Locator, right: bool) -> Locator:
    return message(page, "Success" if right else "Error")


def expect_review(page: Page, right: bool, summary: str, right_answer: str, says: list[str]) -> None:
    """The checked question: right or wrong, the right answer, feedback and explanation."""
    expect(alert(page, right)).to_have_text(summary)
    expect(alert(page, not right)).to_have_count(0)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text(f"Right answer: {right_answer}")
    for text in says:
        expect(main).to_contain_text(text)


def expect_citation(page: Page, quote: str, source: str) -> None:
    """A cited quote as a block quote in its source's box, the source's title · outlet · date once
    at the top of the box (what is not known is left out)."""
    box = page.get_by_test_id("stVerticalBlock").filter(has=page.locator("blockquote", has_text=quote)).last
    expect(box.locator("blockquote", has_text=quote)).to_have_text(quote)
    expect(box.get_by_test_id("stMarkdownContainer").first).to_have_text(source)
    expect(box.get_by_role("link", name="Read in context").first).to_be_visible()


def expect_nothing_given_away(page: Page) -> None:
    """Before checking, the page holds none of the answer key."""
    main = page.get_by_test_id("stMain")
    for text in ("Right answer", "In the sources", "Read in context", "Why"):
        expect(main).not_to_contain_text(text)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def query(page: Page) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlparse(page.url).query).items()}


GAZETTE = "Bridge vote splits Millbrook council · Harbour Gazette · 4 March 2026"
POST = "Millbrook approves £3 million bridge · River Post"  # no date: none is printed
COST_QUOTE = "The project will cost £2.4 million, according to the council's own estimate."


# ---------------------------------------------------------------- the tests


def test_practice_quiz_from_home_to_retrying_the_missed_ones(
    mini_server: StreamlitServer, page: Page, console_errors: ConsoleErrors
) -> None:
    page.goto(mini_server.url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Millbrook bridge (test bank)")).to_be_visible()
    click(page, "home-start-mini-all")
    expect(progress(page)).to_contain_text("Question 1 of 6")
    wait_for_app(page)
    assert urlparse(page.url).path == "/quiz" and query(page)["t"]

    # 1. single choice (radio), answered right, with the hint first.
    expect(page.get_by_role("heading", name="How much will the bridge cost, according to the council?")).to_be_visible()
    expect_nothing_given_away(page)
    page.get_by_role("button", name="Show hint").click()
    expect(message(page, "Info")).to_have_text('Look for "according to".')
    pick_radio(page, "£2.4 million")
    check_answer(page)
    expect_review(
        page,
        True,
        "Right!",
        "£2.4 million",
        [
            "That is the council's own estimate.",
            "The Gazette gives the council's estimate. Habit: ask who counted a number.",
        ],
    )
    expect_citation(page, COST_QUOTE, GAZETTE)

    # The cited passage in context, highlighted, then back with the browser.
    quiz_url = page.url
    page.get_by_role("link", name="Read in context").click()
    expect(page.get_by_role("heading", name="The passage cited")).to_be_visible()
    wait_for_app(page)
    assert urlparse(page.url).path == "/sources"
    assert {k: v for k, v in query(page).items() if k != "t"} == {
        "bank": "mini",
        "source": "gazette",
        "q": "bridge-cost",
        "n": "0",
    }
    focus = page.locator(".stMarkdownColoredBackground", has_text=COST_QUOTE)
    expect(focus).to_have_count(2)  # in the passage box and in the full text below it
    for index in range(2):
        expect(focus.nth(index)).to_have_css("background-color", FOCUS_BACKGROUND)
        expect(focus.nth(index).locator("strong")).to_have_text(COST_QUOTE)
    expect(focus.first).to_be_in_viewport()
    expect(page.locator(".stMarkdownColoredBackground", has_text="voted 5 to 4 on Tuesday")).to_have_css(
        "background-color", CITED_BACKGROUND
    )
    page.go_back()
    expect(alert(page, True)).to_have_text("Right!")
    wait_for_app(page)
    assert page.url == quiz_url
    expect(progress(page)).to_contain_text("Question 1 of 6")

    # 2. multiple choice (checkboxes), answered wrong; a reload keeps the checked answer.
    next_question(page, 2, 6)
    expect_nothing_given_away(page)
    tick(page, "Mayor Ada Okafor")
    tick(page, "The petition's organisers")
    check_answer(page)
    wrong_two = "Not quite: 1 right pick, 1 wrong pick, 1 right answer missed."
    says_two = [
        "They are reported, not quoted.",
        "The Post quotes him.",
        "Two people are quoted; the organisers are paraphrased.",
    ]
    expect_review(page, False, wrong_two, "Mayor Ada Okafor; Councillor Ben Hale", says_two)
    expect_citation(page, '"It is a waste of money," said councillor Ben Hale', POST)
    page.reload()
    wait_for_app(page)
    expect(progress(page)).to_contain_text("Question 2 of 6")
    expect_review(page, False, wrong_two, "Mayor Ada Okafor; Councillor Ben Hale", says_two)

    # 3. true-false (radio), answered wrong, after a reload before answering.
    next_question(page, 3, 6)
    page.reload()
    wait_for_app(page)
    expect(progress(page)).to_contain_text("Question 3 of 6")
    expect(
        page.get_by_role("heading", name="Both articles agree that the vote was decided by one vote.")
    ).to_be_visible()
    expect_nothing_given_away(page)
    pick_radio(page, "False")
    check_answer(page)
    expect_review(page, False, "Not quite.", "True", ["5 to 4 is a margin of one"])

    # 4. order (a selectbox per position; the item displaced swaps places), answered right.
    next_question(page, 4, 6)
    expect_nothing_given_away(page)
    for position, item in enumerate(["Two years of debate", "The council votes", "Building starts"], start=1):
        place(page, position, item, 3)
    click(page, "quiz-check")
    expect(alert(page, True)).to_have_text("Right!")
    expect(page.get_by_role("table")).to_contain_text("Two years of debate")
    expect(page.get_by_test_id("stMain")).to_contain_text("The debate came first, the vote ended it")

    # 5. claim check (radio, the claim in a block quote), answered right; back by the Sources link.
    next_question(page, 5, 6)
    expect(page.locator("blockquote")).to_have_text(
        "Claim: More than 1,200 people signed the petition against the bridge."
    )
    pick_radio(page, "The sources disagree")
    check_answer(page)
    expect_review(
        page, True, "Right!", "The sources disagree", ["The Gazette says more than 1,200; the Post says about 800."]
    )
    expect_citation(page, "About 800 people signed a petition against it.", POST)
    page.get_by_role("link", name="Read in context").last.click()
    expect(page.get_by_role("heading", name="The passage cited")).to_be_visible()
    expect(
        page.locator(".stMarkdownColoredBackground", has_text="About 800 people signed a petition against it.").first
    ).to_have_css("background-color", FOCUS_BACKGROUND)
    page.get_by_role("link", name="Back to your quiz").click()
    expect(alert(page, True)).to_have_text("Right!")
    expect(progress(page)).to_contain_text("Question 5 of 6")
    wait_for_app(page)

    # 6. the last claim check, then the results.
    next_question(page, 6, 6)
    pick_radio(page, "Not in the sources")
    check_answer(page)
    expect(alert(page, True)).to_have_text("Right!")
    expect(page.locator(".st-key-quiz-next button")).to_have_text(re.compile("See results"))
    click(page, "quiz-next")
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    wait_for_app(page)
    assert urlparse(page.url).path == "/results"
    expect(page.get_by_test_id("stMetric").filter(has_text="Score")).to_contain_text("4 / 6")
    expect(page.get_by_test_id("stMetric").filter(has_text="Right")).to_contain_text("67%")
    answers = page.get_by_test_id("stExpander")
    expect(answers).to_have_count(6)
    # The missed ones are open, with the same review as in the quiz; the right ones are closed.
    for number, summary in ((1, wrong_two), (2, "Not quite.")):
        expect(alert(answers.nth(number), False)).to_be_visible()
        expect(alert(answers.nth(number), False)).to_have_text(summary)
    for number in (0, 3, 4, 5):
        expect(alert(answers.nth(number), True)).to_be_hidden()

    # Retry: exactly the two missed, in the order they were shown, answered right this time.
    click(page, "results-retry")
    expect(progress(page)).to_contain_text("Question 1 of 2")
    wait_for_app(page)
    expect(page.get_by_test_id("stCaptionContainer").first).to_contain_text("Retrying the ones you missed")
    expect(page.get_by_role("heading", name="Who is quoted directly in the two articles?")).to_be_visible()
    tick(page, "Mayor Ada Okafor")
    tick(page, "Councillor Ben Hale")
    check_answer(page)
    expect(alert(page, True)).to_have_text("Right!")
    next_question(page, 2, 2)
    expect(
        page.get_by_role("heading", name="Both articles agree that the vote was decided by one vote.")
    ).to_be_visible()
    pick_radio(page, "True")
    check_answer(page)
    click(page, "quiz-next")
    expect(page.get_by_test_id("stMetric").filter(has_text="Score")).to_contain_text("2 / 2")
    wait_for_app(page)
    expect(page.locator(".st-key-results-retry")).to_have_count(0)  # nothing missed, nothing to retry
    assert console_errors.unexpected(DEEP_LINK_PROBES) == []


EXAM_ANSWERS = {  # text only that question shows -> the right option
    "How much will the bridge cost": "£2.4 million",
    "Both articles agree that the vote was decided by one vote.": "True",
    "More than 1,200 people signed the petition": "The sources disagree",
    "The ferry closed in 1998.": "Not in the sources",
}


def test_exam_on_a_phone_shows_answers_only_at_the_end(mini_server: StreamlitServer, phone_page: Page) -> None:
    page = phone_page
    errors = watch_console(page)
    page.goto(mini_server.url)
    wait_for_app(page)
    click(page, "home-start-mini-exam")
    expect(progress(page)).to_contain_text("Question 1 of 3")
    wait_for_app(page)
    expect(page.get_by_test_id("stCaptionContainer").first).to_contain_text("Exam")
    click(page, "quiz-next")  # nothing chosen yet
    expect(message(page, "Warning")).to_have_text("Choose an answer first.")
    expect(progress(page)).to_contain_text("Question 1 of 3")
    for number in range(1, 4):
        expect(progress(page)).to_contain_text(f"Question {number} of 3")
        wait_for_app(page)
        shown = [text for text in EXAM_ANSWERS if page.get_by_text(text).count()]
        assert len(shown) == 1, shown
        pick_radio(page, EXAM_ANSWERS[shown[0]])
        expect(page.locator(".st-key-quiz-next button")).to_have_text(re.compile("Finish" if number == 3 else "Next"))
        click(page, "quiz-next")
        if number < 3:  # an exam moves on at once: no verdict, no key
            expect(progress(page)).to_contain_text(f"Question {number + 1} of 3")
            expect_nothing_given_away(page)
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetric").filter(has_text="Score")).to_contain_text("3 / 3")
    expect(page.get_by_test_id("stMetric").filter(has_text="Right")).to_contain_text("100%")
    expect(page.locator(".st-key-results-retry")).to_have_count(0)
    expect(page.locator(".st-key-results-new button")).to_be_visible()
    assert _overflowing(page) == []
    assert errors.unexpected(DEEP_LINK_PROBES) == []


# ---------------------------------------------------------------- screenshots, real bank

#: What does not fit the screen: elements wider than the viewport (ignoring what sits in a box
#: that scrolls sideways on purpose: code, tables, charts), and one-line text cut off by its box
#: (a page link's label never wraps; long ones were clipped on a phone).
_OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX; if (x === 'auto' || x === 'scroll' || x === 'hidden') return true; }
    return false; };
  const name = el => (el.getAttribute('data-testid') || el.tagName) + ': ' + (el.innerText || '').slice(0, 60);
  const shown = [...document.querySelectorAll('[data-testid="stMain"] *')].filter(el => {
      const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  const wide = shown.filter(el => { const r = el.getBoundingClientRect();
      return (r.right > width + 1 || r.left < -1) && !scrolls(el); });
  const clipped = shown.filter(el => { const s = getComputedStyle(el);
      return s.overflowX === 'hidden' && s.whiteSpace === 'nowrap' && el.scrollWidth > el.clientWidth + 1
        && (el.innerText || '').trim() !== ''; });
  return [...wide.map(el => 'wider than the screen: ' + name(el)), ...clipped.map(el => 'cut off: ' + name(el))];
}"""


def _overflowing(page: Page) -> list[str]:
    return page.evaluate(_OVERFLOW_JS)


def _cuties() -> Bank:
    bank = load_bank(CUTIES).bank
    assert bank is not None
    return bank


def _wrong(question: Question) -> engine.Answer:
    right = engine.right_answer(question)
    if isinstance(question, OrderQuestion):
        return tuple(reversed(right))
    wrong = next(index for index in range(len(engine.options(question))) if index not in right)
    return tuple(sorted({*right[:1], wrong})) if isinstance(question, MultipleQuestion) else (wrong,)


def finished_attempt(bank: Bank, quiz_id: str, seed: int = 2020) -> engine.Attempt:
    """A finished attempt of a bank quiz, answers 2, 5, 8... wrong (3 of 10 wrong)."""
    attempt = engine.start(bank, engine.BankQuiz(quiz_id), seed)
    while not attempt.finished:
        question = engine.current(attempt, bank)
        answer = _wrong(question) if attempt.position % 3 == 1 else engine.right_answer(question)
        attempt = engine.advance(engine.submit(attempt, bank, answer))
    return attempt


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshots_of_every_page(app_server: StreamlitServer, request: pytest.FixtureRequest, device: str) -> None:
    """Home, Quiz before and after checking, Sources, Results, Claims on the Cuties bank."""
    page: Page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    errors = watch_console(page)
    bank = _cuties()
    shots = []

    def shoot(name: str) -> None:
        wait_for_app(page)
        assert _overflowing(page) == [], f"{name} does not fit the {device} screen"
        shots.append(screenshot(page, f"{device}-{name}"))

    page.goto(app_server.url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name=bank.info.title)).to_be_visible()
    shoot("home")

    click(page, "home-start-cuties-2020-first-visit")
    expect(progress(page)).to_contain_text("Question 1 of 10")
    expect(
        page.get_by_role("heading", name="How do the two articles describe what kind of film Cuties is?")
    ).to_be_visible()
    shoot("quiz")
    pick_radio(page, "Both call it a documentary.")
    check_answer(page)
    expect(alert(page, False)).to_have_text("Not quite.")
    expect(page.locator("blockquote").first).to_be_visible()
    shoot("quiz-checked")

    page.get_by_role("link", name="Read in context").first.click()
    expect(page.get_by_role("heading", name="The passage cited")).to_be_visible()
    expect(page.locator(".stMarkdownColoredBackground").first).to_have_css("background-color", FOCUS_BACKGROUND)
    shoot("sources")

    page.goto(f"{app_server.url}/results?t={urltoken.encode(finished_attempt(bank, 'first-visit'))}")
    expect(page.get_by_test_id("stMetric").filter(has_text="Score")).to_contain_text("7 / 10")
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
    shoot("results")

    page.goto(f"{app_server.url}/claims?bank={bank.info.id}")
    expect(page.get_by_role("heading", name="Claims")).to_be_visible()
    shoot("claims")

    assert all(shot.stat().st_size > 10_000 for shot in shots)
    assert errors.unexpected(DEEP_LINK_PROBES) == []
