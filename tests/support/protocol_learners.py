"""The scripted learners (`tests.support.learners`) over Streamlit's WebSocket protocol: each
learner is a `tests.support.protocol` session, so what is measured is the server alone.

A client waits for each run to finish before its next interaction (see `tests.support.protocol`),
so each click here is a full run the server completes; a browser learner may click while a run is
still going. `run_sessions` is what tests/ui/test_many_learners_protocol.py runs, with its own
assertions on the outcomes, and what `python -m bench.bench_protocol` times.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from streamlit.proto.Alert_pb2 import Alert

from quiz.bank.model import Bank, MultipleQuestion, OrderQuestion, Question
from quiz.play import engine, urltoken
from quiz.play.engine import Answer
from tests.support.learners import Outcome, Plan, marked_right
from tests.support.protocol import ProtocolError, Run, Session, is_feedback

QUIZ_PAGE = "quiz"
QUIZ_KEY = re.compile(r"^quiz-(\d+)-")


@dataclass
class ProtocolOutcome(Outcome):
    """What one protocol learner saw. ``verdicts`` holds every feedback box that arrived on the
    quiz page, in order (a practice check shows one; an exam none)."""

    feedback_bodies: list[str] = field(default_factory=list)  # the text of each of those boxes
    app_errors: list[str] = field(default_factory=list)  # exceptions drawn, pages not found, where it got stuck
    reruns: int = 0


T = TypeVar("T")


def run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to its end in an event loop of its own thread: Playwright's sync API, in
    browser tests of the same pytest run, may hold the calling thread's loop."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def _note(outcome: ProtocolOutcome, run: Run) -> Run:
    """Record what a run drew that the checks need: feedback on the quiz page, exceptions."""
    outcome.reruns += 1
    for arrival in run.arrivals:
        if arrival.page == QUIZ_PAGE and is_feedback(arrival.element):
            outcome.verdicts.append(arrival.element.alert.format == Alert.SUCCESS)
            outcome.feedback_bodies.append(arrival.element.alert.body)
        if arrival.element.WhichOneof("type") == "exception":
            outcome.app_errors.append(
                f"/{arrival.page}: {arrival.element.exception.type}: {arrival.element.exception.message}"
            )
    return run


async def _answer(
    session: Session, outcome: ProtocolOutcome, question: Question, order: Answer, answer: Answer, key: str
) -> None:
    """Set the widgets of the question on the page to ``answer``, one rerun per change, as a
    browser sends one per click."""
    labels = engine.options(question)
    if isinstance(question, MultipleQuestion):
        for index in answer:
            _note(outcome, await session.set_checkbox(f"{key}-pick-{index}", True))
    elif isinstance(question, OrderQuestion):
        arranged = list(order)
        for position, item in enumerate(answer):
            if arranged[position] == item:
                continue
            # The options are the labels in shown order; the app swaps the displaced item into
            # the chosen one's old place, and the next change must start from that.
            _note(outcome, await session.set_selectbox(f"{key}-place-{position}", list(order).index(item)))
            displaced = arranged.index(item)
            arranged[displaced], arranged[position] = arranged[position], item
            shown = [session.value(f"{key}-place-{place}") for place in range(len(order))]
            if shown != [labels[index] for index in arranged]:
                raise ProtocolError(f"{key}: the boxes show {shown}, not the order {arranged}")
    else:
        _note(outcome, await session.set_radio(f"{key}-choice", order.index(answer[0])))


async def open_session(url: str, bank: Bank, plan: Plan, quick_ack: bool = False) -> Session:
    """A session on the plan's quiz link, its first question drawn (``quick_ack``: see `Session`)."""
    session = Session(url, QUIZ_PAGE, f"t={urltoken.encode(plan.start(bank))}", quick_ack=quick_ack)
    await session.connect()
    if not any(key.startswith(f"quiz-{plan.seed}-0-") for key in session.widget_keys()):
        await session.close()
        raise ProtocolError(f"seed {plan.seed}: no first question on /{session.path}: {session.widget_keys()}")
    return session


async def take_quiz(session: Session, bank: Bank, outcome: ProtocolOutcome) -> ProtocolOutcome:
    """Answer every question as planned, then read what Results shows. A learner that cannot go
    on (its question is not on the page, no feedback came, no answer in time) stops there, with
    the reason in ``app_errors``: the other learners go on, and the checks say who saw what."""
    plan = outcome.plan
    try:
        await _answer_all(session, bank, outcome)
    except ProtocolError as stuck:
        outcome.app_errors.append(f"stuck on /{session.path}: {stuck}")
    outcome.results_url = session.url
    outcome.shown_score = next((value for label, value in session.metrics() if label == "Score"), "")
    outcome.shown_marks = [marked_right(label) for label in session.expanders()]
    outcome.foreign_keys = sorted(
        key for key in session.seen_keys if (match := QUIZ_KEY.match(key)) and int(match[1]) != plan.seed
    )
    outcome.app_errors += [f"page not found: /{name}" for name in session.pages_not_found]
    return outcome


async def _answer_all(session: Session, bank: Bank, outcome: ProtocolOutcome) -> None:
    plan = outcome.plan
    attempt = plan.start(bank)
    for position, (question_id, answer) in enumerate(zip(attempt.question_ids, plan.answers)):
        key = f"quiz-{plan.seed}-{position}"
        if not any(shown.startswith(f"{key}-") for shown in session.widget_keys()):
            raise ProtocolError(f"seed {plan.seed}: question {position} is not on the page: {session.widget_keys()}")
        await _answer(session, outcome, bank.questions[question_id], attempt.orders[position], answer, key)
        if attempt.mode == "practice":
            checked = _note(outcome, await session.click("quiz-check"))
            feedback = checked.first(is_feedback)
            if feedback is None:
                raise ProtocolError(f"seed {plan.seed}: no feedback after checking question {position}")
            outcome.feedback_seconds.append(feedback.seconds)
        _note(outcome, await session.click("quiz-next"))


# ---------------------------------------------------------------- many learners


async def run_sessions(
    url: str,
    bank: Bank,
    learners: Sequence[Plan],
    on_connected: Callable[[], None] = lambda: None,
    on_answered: Callable[[], None] = lambda: None,
    quick_ack: bool = False,
) -> list[ProtocolOutcome]:
    """Open every learner's quiz at once, call ``on_connected`` once all show their first
    question, let them all answer at once, call ``on_answered`` while all are still connected.
    Returns their outcomes, in plan order."""
    outcomes = [ProtocolOutcome(plan) for plan in learners]
    opened = await asyncio.gather(
        *(open_session(url, bank, plan, quick_ack) for plan in learners), return_exceptions=True
    )
    sessions = [session for session in opened if isinstance(session, Session)]
    try:
        failed = [error for error in opened if isinstance(error, BaseException)]
        if failed:
            raise failed[0]
        on_connected()
        await asyncio.gather(*(take_quiz(session, bank, outcome) for session, outcome in zip(sessions, outcomes)))
        on_answered()
        return outcomes
    finally:
        await asyncio.gather(*(session.close() for session in sessions))


async def run_alone(url: str, bank: Bank, learners: Sequence[Plan], quick_ack: bool = False) -> list[ProtocolOutcome]:
    """The learners one after another, each alone on the server."""
    outcomes = []
    for plan in learners:
        session = await open_session(url, bank, plan, quick_ack)
        try:
            outcomes.append(await take_quiz(session, bank, ProtocolOutcome(plan)))
        finally:
            await session.close()
    return outcomes
