"""WCAG 2.1 A and AA on every page, at 1280 px and 390 px, checked by axe-core in real Chromium.

axe-core comes from npm (``tests/node``, locked) and is injected by Playwright. Streamlit scrolls an
inner container, so at a normal viewport axe-core would see only what is above the fold: the viewport
is stretched to the page's full height first. Each page's counts are printed (``pytest -s``); the
test fails on any serious or critical violation, and on any heading out of order.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from quiz.bank.load import load_bank
from quiz.bank.model import Bank, OrderQuestion
from quiz.play import engine, urltoken
from tests.browser.conftest import APP_SCRIPT, screenshot, wait_for_app
from tests.browser.test_learner_flow import CUTIES, click, finished_attempt, pick_radio, progress
from tests.conftest import MINI
from tests.support.node import node_modules
from tests.support.server import StreamlitServer, start_streamlit

PASSWORD = "axe-secret"
#: The bundled Cuties bank; AXE_BANK names another copy of it (while the bundled one is being edited).
BANK_FOLDER = Path(os.environ.get("AXE_BANK", str(CUTIES)))
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
#: Moderate, but it fails too: headings out of order break a screen reader's outline of the page.
BLOCKING_RULES = ("heading-order",)
#: axe-core files these under "best-practice", not WCAG; the issue names them, so they are counted too.
NAMED_RULES = ["heading-order", "empty-table-header", "page-has-heading-one"]

#: The tallest scrolling content of the page: Streamlit's main section scrolls, not the document.
_FULL_HEIGHT_JS = """() => {
  let height = document.documentElement.scrollHeight;
  for (const el of document.querySelectorAll('*')) {
    const overflow = getComputedStyle(el).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight) {
      height = Math.max(height, window.innerHeight + el.scrollHeight - el.clientHeight);
    }
  }
  return Math.ceil(height);
}"""

_AXE_RUN_JS = """async (only) => {
  const result = await axe.run(document, {runOnly: only, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n')[1]),
    count: v.nodes.length,
  }));
}"""


@dataclass(frozen=True)
class Violation:
    id: str
    impact: str
    count: int
    targets: tuple[str, ...]

    @property
    def blocks(self) -> bool:
        """Whether it fails the test: serious or critical, or one of the rules that fail at any impact."""
        return self.impact in BLOCKING or self.id in BLOCKING_RULES


def assert_none_block(report: dict[str, list[Violation]], heading: str, details: bool = False) -> None:
    """Print each page's counts under ``heading`` (and where each violation is, with ``details`` or
    AXE_DETAILS set), then fail on any violation that blocks."""
    print(f"\naxe-core {heading}:")
    for name, violations in report.items():
        print(f"  {name}: {counts(violations)}")
        if details or os.environ.get("AXE_DETAILS"):  # where each violation is, to fix it
            for violation in violations:
                print("   ", violation.id, *violation.targets, sep="\n      ")
    blocking = {name: [v for v in violations if v.blocks] for name, violations in report.items()}
    assert {name: found for name, found in blocking.items() if found} == {}


@pytest.fixture(scope="module")
def axe_server(browser: Browser) -> Iterator[StreamlitServer]:
    """The Cuties bank, with the Author page on."""
    with start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(BANK_FOLDER), "QUIZ_AUTHOR_PASSWORD": PASSWORD}) as server:
        yield server


def axe(page: Page) -> list[Violation]:
    """axe-core's WCAG 2.1 A/AA violations on the whole page (viewport stretched to its full height)."""
    wait_for_app(page)
    script = node_modules() / "axe-core" / "axe.min.js"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(script))
    viewport = page.viewport_size
    assert viewport is not None
    height = page.evaluate(_FULL_HEIGHT_JS)
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    try:
        found = page.evaluate(_AXE_RUN_JS, {"type": "tag", "values": WCAG_21_AA})
        found += page.evaluate(_AXE_RUN_JS, {"type": "rule", "values": NAMED_RULES})
    finally:
        page.set_viewport_size(viewport)
    return [Violation(v["id"], v["impact"] or "", v["count"], tuple(v["targets"])) for v in found]


def counts(violations: list[Violation]) -> str:
    """``serious 3 (color-contrast 3) · moderate 1 (heading-order 1)``: what axe-core found, by impact."""
    by_impact: dict[str, Counter[str]] = {}
    for violation in violations:
        by_impact.setdefault(violation.impact, Counter())[violation.id] += violation.count
    if not by_impact:
        return "0 violations"
    order = ["critical", "serious", "moderate", "minor"]
    return " · ".join(
        f"{impact} {sum(rules.values())} ({', '.join(f'{rule} {n}' for rule, n in rules.items())})"
        for impact, rules in sorted(by_impact.items(), key=lambda item: order.index(item[0]) if item[0] in order else 9)
    )


def _cuties() -> Bank:
    bank = load_bank(BANK_FOLDER).bank
    assert bank is not None, f"{BANK_FOLDER} does not load"
    return bank


def attempt_at_order_question(seed: int = 2020) -> engine.Attempt:
    """An attempt of the first-visit quiz standing at its order question, unanswered."""
    bank = _cuties()
    attempt = engine.start(bank, engine.BankQuiz("first-visit"), seed)
    while not isinstance(engine.current(attempt, bank), OrderQuestion):
        attempt = engine.advance(engine.submit(attempt, bank, engine.right_answer(engine.current(attempt, bank))))
    return attempt


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_every_page_has_no_serious_wcag_violation(
    axe_server: StreamlitServer, request: pytest.FixtureRequest, device: str
) -> None:
    page: Page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    node_modules()  # skips (fails under CI) before any page is opened when npm is missing
    bank = _cuties()
    report: dict[str, list[Violation]] = {}

    def check(name: str) -> None:
        report[name] = axe(page)
        screenshot(page, f"axe-{device}-{name}")

    page.goto(axe_server.url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name=bank.info.title)).to_be_visible()
    check("home")

    click(page, "home-start-cuties-2020-first-visit")
    expect(progress(page)).to_contain_text("Question 1 of 10")
    check("question")
    pick_radio(page, "Both call it a documentary.")
    click(page, "quiz-check")
    expect(page.locator(".st-key-quiz-next button")).to_be_visible()
    check("question-checked")

    page.get_by_role("link", name="Read in context").first.click()
    expect(page.get_by_role("heading", name="The passage cited")).to_be_visible()
    check("sources")
    for fold in page.get_by_test_id("stExpander").all():  # the full text and Cited by, unfolded
        fold.locator("summary").click()
        expect(fold.locator("details")).to_have_attribute("open", "")
    check("sources-unfolded")

    order = attempt_at_order_question()
    page.goto(f"{axe_server.url}/quiz?t={urltoken.encode(order)}")
    expect(progress(page)).to_contain_text(f"Question {order.position + 1} of {order.size}")
    check("order-question")
    click(page, "quiz-check")  # checked as shown (the shown order is never the right one)
    expect(page.locator(".st-key-quiz-next button")).to_be_visible()
    check("order-question-checked")

    page.goto(f"{axe_server.url}/results?t={urltoken.encode(finished_attempt(bank, 'first-visit'))}")
    expect(page.get_by_test_id("stMetric").filter(has_text="Score")).to_contain_text("7 / 10")
    check("results")

    page.goto(f"{axe_server.url}/claims?bank={bank.info.id}")
    expect(page.get_by_role("heading", name="Claims")).to_be_visible()
    check("claims")

    page.goto(f"{axe_server.url}/author")
    expect(page.get_by_label("Password", exact=True)).to_be_visible()
    check("author-locked")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_test_id("stSelectbox").filter(has_text="File")).to_be_visible()
    check("author")

    assert_none_block(report, device)


#: Text boxes of the Author page's form that cut their text (wider than their box, not wrapped), and elements
#: of the page that reach past the screen's right edge with no box of theirs to scroll in.
_CUT_OR_OFF_SCREEN = """() => {
  const found = [];
  const scrolls = el => { for (let up = el.parentElement; up; up = up.parentElement) {
    const overflow = getComputedStyle(up).overflowX;
    if (overflow === 'auto' || overflow === 'scroll') return true; } return false; };
  const form = '[class*="st-key-author-form-"]';
  for (const box of document.querySelectorAll(`${form} textarea, ${form} input`)) {
    const name = box.getAttribute('aria-label');
    if (box.scrollWidth > box.clientWidth + 1) found.push(`cut: ${name}: ${box.value.slice(0, 40)}`);
  }
  for (const el of document.querySelectorAll('[data-testid=stMain] *')) {
    const rect = el.getBoundingClientRect();
    if (rect.width > 0 && rect.right > window.innerWidth + 1 && !scrolls(el)) found.push(`off screen: ${el.tagName}`);
  }
  return found;
}"""


def test_the_author_forms_on_a_phone(
    start_streamlit: Callable[..., StreamlitServer], phone_page: Page, tmp_path: Path
) -> None:
    """Each form (a question, a source, a claim, a quiz) at 390 px, filled in with the bank's first item: no
    serious WCAG violation, no text box that cuts its text, nothing past the screen's edge."""
    node_modules()
    page = phone_page
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    server = start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(banks), "QUIZ_AUTHOR_PASSWORD": PASSWORD})
    page.goto(f"{server.url}/author")  # on a phone the navigation is folded behind an icon
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    wait_for_app(page)
    found: dict[str, list[str]] = {}
    for what, item, file in [
        ("A question", "Question", "questions.yaml"),
        ("A source", "Source", "bank.yaml"),
        ("A claim", "Claim", "bank.yaml"),
        ("A quiz", "Quiz", "quizzes.yaml"),
    ]:
        page.get_by_role("combobox", name="File", exact=True).click()
        page.get_by_role("option", name=file, exact=True).click()
        wait_for_app(page)
        form_on = page.locator(".st-key-author-form-on")
        if not form_on.get_by_role("switch").is_checked():
            form_on.get_by_text("Edit as a form").click()
            wait_for_app(page)
        page.locator(".st-key-author-form-section").get_by_text(what, exact=True).click()
        chooser = page.get_by_role("combobox", name=f"{item} to edit", exact=True)
        expect(chooser).to_be_visible()
        chooser.click()
        page.get_by_role("option").nth(1).click()  # the file's first item (0 is a new one)
        wait_for_app(page)
        expect(chooser).not_to_have_value(re.compile("^New "))
        violations = axe(page)
        print(f"\naxe-core phone, Author form {what.lower()}: {counts(violations)}")
        screenshot(page, f"phone-author-form-{item.lower()}")
        found[what] = [f"{v.id} {v.targets}" for v in violations if v.blocks]
        found[what] += page.evaluate(_CUT_OR_OFF_SCREEN)  # before: the Prompt showed "How much will the bridge c"
    assert {what: problems for what, problems in found.items() if problems} == {}
