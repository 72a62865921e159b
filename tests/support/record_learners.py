"""Scripted learners of assignments over Streamlit's WebSocket protocol (no browsers): each plan
of ``tests.support.learners`` becomes an assignment of its built quiz, the learner's attempt is
started with the plan's seed (so the same questions and orders), and the learner answers on
``/assignment?r=…`` as planned. Shared by the load test and ``bench/bench_record.py``."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from quiz.bank.model import Bank
from quiz.record import play, store
from tests.support.learners import Plan
from tests.support.protocol import Element, ProtocolError, Session
from tests.support.protocol_learners import ProtocolOutcome, _answer

PAGE = "assignment"


@dataclass
class RecordOutcome:
    plan: Plan
    resume_id: str
    feedback_seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def verdict(element: Element) -> bool:
    """The grade's box (not the "Your answer is recorded" one)."""
    if element.WhichOneof("type") != "alert":
        return False
    body = element.alert.body
    return body == "Right!" or body.startswith("Not quite")


def enrol(record: Engine, bank: Bank, learners: Sequence[Plan]) -> list[str]:
    """One class, one assignment per plan's quiz, and each learner's attempt: their resume ids."""
    made = store.create_class(record, "Load", store.now_utc())
    assert isinstance(made, store.ClassRecord)
    resumes = []
    for number, plan in enumerate(learners):
        target = store.create_assignment(
            record, made.id, f"Quiz {number}", bank.info.id, plan.quiz, plan.quiz.mode, store.now_utc()
        )
        assert isinstance(target, store.AssignmentRecord)
        started = play.start(record, target, bank, f"Learner {number}", "load", plan.seed, store.now_utc())
        assert isinstance(started, store.AttemptRecord), started
        resumes.append(started.resume_id)
    return resumes


async def take(url: str, bank: Bank, plan: Plan, resume_id: str) -> RecordOutcome:
    outcome = RecordOutcome(plan, resume_id)
    scratch = ProtocolOutcome(plan)
    attempt = plan.start(bank)
    try:
        async with Session(url, PAGE, f"r={resume_id}") as session:
            for position, (question_id, answer) in enumerate(zip(attempt.question_ids, plan.answers)):
                key = f"assignment-{resume_id}-{position}"
                if not any(shown.startswith(f"{key}-") for shown in session.widget_keys()):
                    raise ProtocolError(f"question {position} is not on the page: {session.widget_keys()}")
                await _answer(session, scratch, bank.questions[question_id], attempt.orders[position], answer, key)
                run = await session.click("assignment-submit")
                if attempt.mode == "practice":
                    shown = run.first(verdict)
                    if shown is None:
                        raise ProtocolError(f"no feedback after question {position}")
                    outcome.feedback_seconds.append(shown.seconds)
                    await session.click("assignment-next")
    except (TimeoutError, ProtocolError, OSError) as stuck:
        outcome.errors.append(f"{resume_id}: {stuck}")
    return outcome


async def run_all(url: str, bank: Bank, learners: Sequence[Plan], resumes: Sequence[str]) -> list[RecordOutcome]:
    """Every learner at once (``url`` may differ per learner: pass a list of the same length)."""
    return list(await asyncio.gather(*(take(url, bank, plan, resume) for plan, resume in zip(learners, resumes))))


def check(record: Engine, bank: Bank, outcomes: Sequence[RecordOutcome]) -> list[str]:
    """What is wrong with the record after the learners: each attempt must hold exactly its own
    planned answers, once each, graded right, and be finished."""
    problems = []
    for outcome in outcomes:
        problems += outcome.errors
        attempt = store.attempt_by_resume(record, outcome.resume_id)
        assert attempt is not None
        expected = outcome.plan.expected(bank)
        got = store.responses_of(record, attempt.id)
        answers = tuple(response.answer for response in got)
        marks = tuple(response.mark for response in got)
        want_marks = tuple(1.0 if grade and grade.correct else 0.0 for grade in expected.grades)
        if [response.position for response in got] != list(range(expected.size)):
            problems.append(f"{outcome.resume_id}: positions {[r.position for r in got]}")
        elif answers != tuple(expected.answers) or marks != want_marks:
            problems.append(f"{outcome.resume_id}: answers {answers} marks {marks}, expected {expected.answers}")
        if not attempt.finished:
            problems.append(f"{outcome.resume_id}: not finished (at {attempt.position})")
    return problems
