"""The scripted learners (`tests.support.learners`) in Chromium: one browser, one context per
learner, driven with Playwright's async API (its sync API is not thread-safe).

`run_sessions` is what tests/browser/test_many_learners.py runs, with its own assertions on the
outcomes, and what `python -m bench.bench_sessions` times.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Sequence

from playwright.async_api import Browser, Page, async_playwright, expect

from quiz.bank.model import Bank, MultipleQuestion, OrderQuestion, Question
from quiz.play import engine, urltoken
from quiz.play.engine import Answer
from tests.support.learners import Outcome, Plan, marked_right
from tests.support.server import CHROMIUM_ARGS

#: Generous: 30 pages rendering at once on 2 cores are slow, and slow is what is measured.
TIMEOUT_MS = 120_000
FEEDBACK = '[data-testid="stAlertContentSuccess"], [data-testid="stAlertContentError"]'


async def _answer(page: Page, question: Question, order: Answer, answer: Answer, key: str) -> None:
    """Set the widgets of the question on screen to ``answer``."""
    labels = engine.options(question)
    if isinstance(question, MultipleQuestion):
        for index in answer:
            await page.locator(f".st-key-{key}-pick-{index} label").click()
            await expect(page.locator(f".st-key-{key}-pick-{index} input")).to_be_checked()
    elif isinstance(question, OrderQuestion):
        arranged = list(order)
        for position, item in enumerate(answer):
            if arranged[position] == item:
                continue
            await page.locator(f".st-key-{key}-place-{position} input").click()
            await page.keyboard.press("ArrowDown")
            await page.get_by_role("option", name=labels[item], exact=True).click()
            # The app swaps the displaced item into the chosen one's old place: wait for it, or
            # the next click would send the browser's stale view of the other boxes.
            displaced = arranged.index(item)
            arranged[displaced], arranged[position] = arranged[position], item
            for place, shown in enumerate(arranged):
                await expect(page.locator(f".st-key-{key}-place-{place} input")).to_have_value(labels[shown])
    else:
        option = page.locator(f".st-key-{key}-choice").get_by_test_id("stRadioOption").nth(order.index(answer[0]))
        await option.click()
        await expect(option.locator("input")).to_be_checked()


async def _foreign_keys(page: Page, seed: int) -> list[str]:
    """Quiz widget keys on the page that belong to another attempt's seed."""
    return await page.evaluate(
        """seed => Array.from(document.querySelectorAll('[class*="st-key-quiz-"]'))
             .flatMap(el => Array.from(el.classList))
             .filter(name => /^st-key-quiz-\\d+-/.test(name) && !name.startsWith(`st-key-quiz-${seed}-`))""",
        seed,
    )


async def open_session(browser: Browser, url: str, bank: Bank, plan: Plan, errors: list[str]) -> Page:
    """A new browser context on the plan's quiz link, its first question on screen; the page's
    console errors go to ``errors``. Reduced motion: 30 pages share 2 cores with the server here,
    and spinners and transitions would measure the browsers more than the app."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    context.set_default_timeout(TIMEOUT_MS)
    page = await context.new_page()
    page.on(
        "console",
        lambda message: (
            errors.append(f"{message.text} ({message.location.get('url', '')})") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    await page.goto(f"{url}/quiz?t={urltoken.encode(plan.start(bank))}", timeout=TIMEOUT_MS)
    await expect(page.locator(f'[class*="st-key-quiz-{plan.seed}-0-"]').first).to_be_visible(timeout=TIMEOUT_MS)
    return page


async def take_quiz(page: Page, bank: Bank, outcome: Outcome, think: float = 0.0) -> Outcome:
    """Answer every question as planned, then read what Results shows. ``think``: seconds of
    reading before each answer and each check, on average (0: click as fast as possible)."""
    plan = outcome.plan
    attempt = plan.start(bank)
    feedback = page.locator(FEEDBACK)
    pause = random.Random(plan.seed)
    for position, (question_id, answer) in enumerate(zip(attempt.question_ids, plan.answers)):
        key = f"quiz-{plan.seed}-{position}"
        await expect(page.locator(f'[class*="st-key-{key}-"]').first).to_be_visible(timeout=TIMEOUT_MS)
        await expect(feedback).to_have_count(0, timeout=TIMEOUT_MS)  # the last question's is gone
        outcome.foreign_keys += await _foreign_keys(page, plan.seed)
        question = bank.questions[question_id]
        await asyncio.sleep(think * 2 * pause.random())
        await _answer(page, question, attempt.orders[position], answer, key)
        await asyncio.sleep(think * 2 * pause.random())
        if attempt.mode == "practice":
            started = time.perf_counter()
            await page.locator(".st-key-quiz-check button").click()
            await feedback.first.wait_for(state="visible", timeout=TIMEOUT_MS)
            outcome.feedback_seconds.append(time.perf_counter() - started)
            outcome.verdicts.append(await page.get_by_test_id("stAlertContentSuccess").count() > 0)
        await page.locator(".st-key-quiz-next button").click()
    score = page.get_by_test_id("stMetricValue").first
    await expect(score).to_be_visible(timeout=TIMEOUT_MS)
    await expect(page.get_by_test_id("stExpander")).to_have_count(attempt.size, timeout=TIMEOUT_MS)
    outcome.results_url = page.url
    outcome.shown_score = (await score.inner_text()).strip()
    for summary in await page.get_by_test_id("stExpander").locator("summary").all_inner_texts():
        outcome.shown_marks.append(marked_right(summary))
    return outcome


# ---------------------------------------------------------------- many learners


async def run_sessions(
    url: str,
    bank: Bank,
    learners: Sequence[Plan],
    chromium: str,
    on_connected: Callable[[], None] = lambda: None,
    think: float = 0.0,
) -> list[Outcome]:
    """Open every learner's quiz at once, call ``on_connected`` once all show their first
    question, then let them all answer at once (``think``: see :func:`take_quiz`). Returns their
    outcomes, in plan order."""
    expect.set_options(timeout=TIMEOUT_MS)
    async with async_playwright() as runner:
        browser = await runner.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            outcomes = [Outcome(plan) for plan in learners]
            pages = await asyncio.gather(
                *(open_session(browser, url, bank, outcome.plan, outcome.console_errors) for outcome in outcomes)
            )
            on_connected()
            return list(
                await asyncio.gather(*(take_quiz(page, bank, outcome, think) for page, outcome in zip(pages, outcomes)))
            )
        finally:
            await browser.close()


async def warm_up(url: str, bank: Bank, plan: Plan, chromium: str) -> Outcome:
    """One learner through a whole quiz, then gone: the server has loaded the bank and imported
    what every page needs (the Results chart's libraries weigh about 80 MiB), once."""
    expect.set_options(timeout=TIMEOUT_MS)
    async with async_playwright() as runner:
        browser = await runner.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            outcome = Outcome(plan)
            page = await open_session(browser, url, bank, plan, outcome.console_errors)
            await take_quiz(page, bank, outcome)
            await page.context.close()
            return outcome
        finally:
            await browser.close()
