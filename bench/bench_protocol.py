"""Many learners at once on one server, without browsers: each learner is a `bench.protocol`
session speaking Streamlit's WebSocket protocol, so the numbers are the server's alone.

    python bench/bench_protocol.py                                        # 30 sessions, mini bank
    python bench/bench_protocol.py --sessions 100 --bank questions/cuties-2020   # mini has 43 quizzes
    python bench/bench_protocol.py --quick-ack        # without the 40 ms delayed-ACK wait per run
    STREAMLIT_RUNNER_POST_SCRIPT_GC=true python bench/bench_protocol.py   # Streamlit's default GC, to compare

The learners are bench_sessions.py's (`plans`: each its own quiz and seed, about two answers in
three right); all connect and show their first question, then all answer at once. Prints the time
from sending a "Check answer" rerun to receiving the feedback box (p50, p95, max), the same for
learners one at a time, for scale; the CPU the server, this client process and the whole machine
used while they answered; and the server's memory per session (VmRSS of `streamlit run` after a
warm-up quiz and with every session connected). Every learner must end on Results with exactly
its own score, as in bench_sessions.py.

A client waits for each run to finish before its next interaction (see `bench.protocol`), so
each click here is a full run the server completes; a browser learner may click while a run is
still going. Importable: `run_sessions` is what tests/test_load_protocol.py runs, with its own
assertions on the outcomes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from streamlit.proto.Alert_pb2 import Alert  # noqa: E402

from bench.bench_sessions import (  # noqa: E402
    APP,
    MINI,
    Outcome,
    Plan,
    cpu_seconds,
    percentile,
    plans,
    rss_bytes,
    score_text,
)
from quiz.bank.load import load_bank  # noqa: E402
from quiz.bank.model import Bank, MultipleQuestion, OrderQuestion, Question  # noqa: E402
from quiz.play import engine, urltoken
from quiz.play.engine import Answer  # noqa: E402
from tests.support.protocol import ProtocolError, Run, Session, is_feedback  # noqa: E402
from tests.support.server import start_streamlit  # noqa: E402

QUIZ_PAGE, RESULTS_PAGE = "quiz", "results"
#: Learners measured one at a time, after the warm-up (each is a whole quiz).
ALONE = 10
QUIZ_KEY = re.compile(r"^quiz-(\d+)-")


@dataclass
class ProtocolOutcome(Outcome):
    """What one protocol learner saw. ``verdicts`` holds every feedback box that arrived on the
    quiz page, in order (a practice check shows one; an exam none)."""

    feedback_bodies: list[str] = field(default_factory=list)  # the text of each of those boxes
    app_errors: list[str] = field(default_factory=list)  # exceptions drawn, pages not found, where it got stuck
    reruns: int = 0


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
    outcome.shown_marks = ["check_circle" in label for label in session.expanders()]  # the Material icon's name
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


def _timings(samples: Sequence[float]) -> str:
    if not samples:
        return "no checks"
    return (
        f"p50 {statistics.median(samples) * 1000:.0f} ms, p95 {percentile(samples, 95) * 1000:.0f} ms, "
        f"max {max(samples) * 1000:.0f} ms ({len(samples)} checks)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--bank", default=str(MINI), help="a bank folder (default: the mini test bank)")
    parser.add_argument(
        "--quick-ack",
        action="store_true",
        help="acknowledge every TCP segment at once (no 40 ms delayed-ACK wait per run: the server alone)",
    )
    args = parser.parse_args(argv)
    bank = load_bank(args.bank).bank
    if bank is None:
        print(f"{args.bank}: the bank does not load (run quiz validate)", file=sys.stderr)
        return 1
    try:
        learners = plans(bank, args.sessions)
    except ValueError as problem:
        print(f"{problem}: ask for fewer sessions, or a bigger bank (--bank questions/cuties-2020)", file=sys.stderr)
        return 1
    with start_streamlit(APP, env={"QUIZ_BANKS": args.bank}) as server:
        assert server.process is not None
        pid = server.process.pid
        asyncio.run(run_alone(server.url, bank, learners[:1]))  # warm-up: imports, the bank, every page once
        alone = asyncio.run(run_alone(server.url, bank, learners[:ALONE], args.quick_ack))
        before = rss_bytes(pid)
        marks: dict[str, tuple[int, float, float, float]] = {}

        def mark(name: str) -> Callable[[], None]:
            return lambda: marks.__setitem__(
                name, (rss_bytes(pid), cpu_seconds(pid), cpu_seconds(), time.process_time())
            )

        started = time.perf_counter()
        outcomes = asyncio.run(
            run_sessions(server.url, bank, learners, mark("connected"), mark("answered"), args.quick_ack)
        )
        elapsed = time.perf_counter() - started
    rss_connected, server_cpu_connected, machine_cpu_connected, client_cpu_connected = marks["connected"]
    rss_answered, server_cpu_answered, machine_cpu_answered, client_cpu_answered = marks["answered"]
    wrong = [outcome for outcome in outcomes if outcome.shown_score != score_text(outcome.plan, bank)]
    errors = [f"seed {outcome.plan.seed}: {error}" for outcome in [*alone, *outcomes] for error in outcome.app_errors]
    samples = [seconds for outcome in outcomes for seconds in outcome.feedback_seconds]
    answers = sum(len(plan.answers) for plan in learners)
    reruns = sum(outcome.reruns for outcome in outcomes)
    mib = 1024 * 1024
    acks = "quick ACKs" if args.quick_ack else "delayed ACKs"
    print(
        f"{args.sessions} protocol sessions on one server ({Path(args.bank).name} bank), {answers} answers, "
        f"{reruns} reruns, no pauses, {acks}, {elapsed:.1f} s"
    )
    print(
        f"click -> feedback, one learner alone ({len(alone)} learners in turn): "
        f"{_timings([seconds for outcome in alone for seconds in outcome.feedback_seconds])}"
    )
    print(f"click -> feedback, {args.sessions} at once: {_timings(samples)}")
    print(
        f"CPU while answering: server {server_cpu_answered - server_cpu_connected:.1f} s, "
        f"this client {client_cpu_answered - client_cpu_connected:.1f} s, "
        f"whole machine {machine_cpu_answered - machine_cpu_connected:.1f} s ({os.cpu_count()} cores)"
    )
    print(
        f"server RSS: {before / mib:.1f} MiB after a warm-up, {rss_connected / mib:.1f} MiB with all connected, "
        f"{rss_answered / mib:.1f} MiB after all answered"
    )
    print(
        f"per session: {(rss_connected - before) / args.sessions / mib:.2f} MiB connected, "
        f"{(rss_answered - before) / args.sessions / mib:.2f} MiB after answering"
    )
    if wrong or errors:
        print(f"{len(wrong)} sessions saw a score that is not theirs; errors: {errors[:5]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
