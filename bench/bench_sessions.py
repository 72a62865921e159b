"""Many learners at once on one server: each takes its own quiz with its own seed, answers by
script (some right, some wrong), and must end on Results with exactly its own score and answers.

    python bench/bench_sessions.py                    # 30 sessions on the mini bank
    python bench/bench_sessions.py --sessions 40
    python bench/bench_sessions.py --think 3          # learners who read before they click

Prints the time from a click on "Check answer" to the feedback being visible (p50, p95, and for
one learner alone, for scale); the CPU time the server and the whole machine used while the
learners answered (the browsers run on the same cores: when the machine is saturated, they, not
the server, set the pace); and the server's memory per session: the RSS of the `streamlit run`
process (VmRSS in /proc/PID/status) after a warm-up quiz (which pays the one-off imports) and
after every session has connected, divided by the sessions.

One Chromium, one browser context per learner, driven with Playwright's async API (its sync API
is not thread-safe). Importable: `plans` and `run_sessions` are what tests/browser/test_load.py
runs, with its own assertions on the outcomes.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from playwright.async_api import Browser, Page, async_playwright, expect  # noqa: E402

from quiz.bank.load import load_bank  # noqa: E402
from quiz.bank.model import Bank, MultipleQuestion, OrderQuestion, Question  # noqa: E402
from quiz.play import engine, urltoken
from quiz.play.engine import Answer, CustomQuiz  # noqa: E402
from tests.support.server import (  # noqa: E402
    CHROMIUM_ARGS,
    CHROMIUM_MISSING,
    find_chromium,
    start_streamlit,
)

MINI = REPO_ROOT / "tests" / "fixtures" / "banks" / "mini"
APP = REPO_ROOT / "app.py"
#: Generous: 30 pages rendering at once on 2 cores are slow, and slow is what is measured.
TIMEOUT_MS = 120_000
FEEDBACK = '[data-testid="stAlertContentSuccess"], [data-testid="stAlertContentError"]'


@dataclass(frozen=True)
class Plan:
    """One learner: a quiz built to order, a seed, and the answer to give to each question."""

    quiz: CustomQuiz
    seed: int
    answers: tuple[Answer, ...]

    def start(self, bank: Bank) -> engine.Attempt:
        return engine.start(bank, self.quiz, self.seed)

    def expected(self, bank: Bank) -> engine.Attempt:
        """The attempt as it should end: every scripted answer given, finished."""
        attempt = self.start(bank)
        for answer in self.answers:
            attempt = engine.advance(engine.submit(attempt, bank, answer))
        return attempt


@dataclass
class Outcome:
    """What one learner's browser saw."""

    plan: Plan
    feedback_seconds: list[float] = field(default_factory=list)  # click on "Check answer" -> feedback visible
    verdicts: list[bool] = field(default_factory=list)  # practice: whether each feedback said "right"
    foreign_keys: list[str] = field(default_factory=list)  # quiz widgets of another seed, if ever seen
    results_url: str = ""
    shown_score: str = ""  # as the Results page shows it: "R / T"
    shown_marks: list[bool] = field(default_factory=list)  # Results: right or not, per question
    console_errors: list[str] = field(default_factory=list)  # "TEXT (URL)", and uncaught exceptions

    def final_attempt(self, bank: Bank) -> engine.Attempt | urltoken.BadToken:
        raw = parse_qs(urlsplit(self.results_url).query).get("t", [""])[0]
        return urltoken.decode(raw, {bank.info.id: bank})


def _wrong(question: Question, order: Answer) -> Answer:
    """A wrong answer that is cheap to give: the shown order, a wrong pick, or part of the key."""
    key = engine.right_answer(question)
    if isinstance(question, OrderQuestion):
        return order  # never shown already solved
    wrong = [index for index in range(len(engine.options(question))) if index not in key]
    if isinstance(question, MultipleQuestion) and not wrong:
        return key[:1]
    return (wrong[0],)


def plans(bank: Bank, sessions: int) -> list[Plan]:
    """``sessions`` learners, each with a different quiz and seed; about two answers in three right."""
    skills = [skill.id for skill in bank.skills.values() if engine.pool(bank, (skill.id,))]
    choices = [()] + [(skill,) for skill in skills] + list(itertools.combinations(skills, 2))
    levels = [(), ("easy",), ("medium",), ("hard",), ("easy", "hard"), ("medium", "hard")]
    found: list[Plan] = []
    for chosen, level in itertools.product(choices, levels):  # each pair once: every quiz differs
        if len(found) == sessions:
            break
        if len(engine.pool(bank, chosen, level)) < 2:
            continue
        number = len(found)
        mode: engine.Mode = "exam" if number % 4 == 3 else "practice"
        quiz = CustomQuiz(2 + number % 3, tuple(chosen), tuple(level), mode)
        seed = 1_000 + 7 * number
        attempt = engine.start(bank, quiz, seed)
        answers = []
        for position, question_id in enumerate(attempt.question_ids):
            question = bank.questions[question_id]
            right = (number + position) % 3 != 2
            answers.append(engine.right_answer(question) if right else _wrong(question, attempt.orders[position]))
        found.append(Plan(quiz, seed, tuple(answers)))
    if len(found) < sessions:
        raise ValueError(f"the bank offers only {len(found)} different quizzes of 2 or more questions")
    return found


# ---------------------------------------------------------------- one learner


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
        outcome.shown_marks.append("check_circle" in summary)  # the Material icon's name is its text
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


def rss_bytes(pid: int) -> int:
    """Resident memory of a process, from /proc/PID/status (VmRSS, in kB)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time used so far: by one process (user + system, /proc/PID/stat), or by the whole
    machine (every non-idle state, /proc/stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    if pid is not None:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks
    states = [int(value) for value in Path("/proc/stat").read_text(encoding="ascii").splitlines()[0].split()[1:]]
    return (sum(states) - states[3] - states[4]) / ticks  # all but idle and iowait


def percentile(samples: Sequence[float], percent: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--bank", default=str(MINI), help="a bank folder (default: the mini test bank)")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="average pause before each answer and each check (default 0: all click at once)",
    )
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print(CHROMIUM_MISSING, file=sys.stderr)
        return 1
    bank = load_bank(args.bank).bank
    if bank is None:
        print(f"{args.bank}: the bank does not load (run quiz validate)", file=sys.stderr)
        return 1
    learners = plans(bank, args.sessions)
    with start_streamlit(APP, env={"QUIZ_BANKS": args.bank}) as server:
        assert server.process is not None
        pid = server.process.pid
        alone = asyncio.run(warm_up(server.url, bank, learners[0], chromium))
        before = rss_bytes(pid)
        marks: dict[str, tuple[int, float, float]] = {}

        def connected() -> None:
            marks["connected"] = (rss_bytes(pid), cpu_seconds(pid), cpu_seconds())

        started = time.perf_counter()
        outcomes = asyncio.run(run_sessions(server.url, bank, learners, chromium, connected, args.think))
        elapsed = time.perf_counter() - started
        after, server_cpu, machine_cpu = rss_bytes(pid), cpu_seconds(pid), cpu_seconds()
    rss_connected, server_cpu_connected, machine_cpu_connected = marks["connected"]
    wrong = [outcome for outcome in outcomes if outcome.shown_score != score_text(outcome.plan, bank)]
    samples = [seconds for outcome in outcomes for seconds in outcome.feedback_seconds]
    answers = sum(len(plan.answers) for plan in learners)
    mib = 1024 * 1024
    pace = f"{args.think:g} s average pause before each answer and check" if args.think else "no pauses"
    print(f"{args.sessions} sessions on one server, {answers} answers, {pace}, {elapsed:.1f} s")
    print(f"click -> feedback, one learner alone: {' '.join(f'{s * 1000:.0f} ms' for s in alone.feedback_seconds)}")
    print(
        f"click -> feedback, {args.sessions} at once: p50 {statistics.median(samples) * 1000:.0f} ms, "
        f"p95 {percentile(samples, 95) * 1000:.0f} ms, max {max(samples) * 1000:.0f} ms ({len(samples)} checks)"
    )
    print(
        f"CPU while answering: server {server_cpu - server_cpu_connected:.1f} s, "
        f"whole machine {machine_cpu - machine_cpu_connected:.1f} s ({os.cpu_count()} cores)"
    )
    print(
        f"server RSS: {before / mib:.1f} MiB after a warm-up quiz, {rss_connected / mib:.1f} MiB with all connected, "
        f"{after / mib:.1f} MiB after all answered"
    )
    print(
        f"per session: {(rss_connected - before) / args.sessions / mib:.2f} MiB connected, "
        f"{(after - before) / args.sessions / mib:.2f} MiB after answering"
    )
    if wrong:
        print(f"{len(wrong)} sessions saw a score that is not theirs", file=sys.stderr)
        return 1
    return 0


def score_text(plan: Plan, bank: Bank) -> str:
    """The score Results should show for the plan's answers: "R / T" (bench_protocol checks it too)."""
    score = engine.score(plan.expected(bank), bank)
    return f"{score.right} / {score.total}"


if __name__ == "__main__":
    raise SystemExit(main())
