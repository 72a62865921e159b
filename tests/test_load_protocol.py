"""Thirty learners at once on one server each see their own attempt and nothing else, driven
over Streamlit's WebSocket protocol (bench/protocol.py) instead of Chromium.

The learners are tests/browser/test_load.py's (`plans`: each its own quiz and seed, a scripted
mix of right and wrong answers; all connected before any answers, then all answering at once),
and so are the assertions, made on what the server sent each session: the score on Results is the
engine's for the answers sent, the Results link carries exactly those answers, practice feedback
says right or wrong (in the engine's words) per the engine's grade, an exam shows none before the
end, and no session is ever sent a widget of another attempt (quiz widget keys carry the seed).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from bench.bench_protocol import run_sessions
from bench.bench_sessions import APP, plans
from quiz import engine
from quiz.load import load_bank
from tests.browser.streamlit_server import start_streamlit
from tests.conftest import MINI

SESSIONS = 30


def test_thirty_protocol_learners_at_once_each_see_only_their_own_attempt() -> None:
    bank = load_bank(MINI).bank
    assert bank is not None
    learners = plans(bank, SESSIONS)
    assert len({plan.quiz for plan in learners}) == len({plan.seed for plan in learners}) == SESSIONS

    with start_streamlit(APP, env={"QUIZ_BANKS": str(MINI)}) as server:
        # An event loop of its own: Playwright's sync API, in browser tests of the same run, may
        # hold this thread's.
        with ThreadPoolExecutor(max_workers=1) as thread:
            outcomes = thread.submit(asyncio.run, run_sessions(server.url, bank, learners)).result()

    right_answers = 0
    for outcome in outcomes:
        plan = outcome.plan
        expected = plan.expected(bank)
        score = engine.score(expected, bank)
        grades = [grade is not None and grade.correct for grade in expected.grades]
        right_answers += score.right
        who = f"learner with seed {plan.seed}"
        assert outcome.foreign_keys == [], f"{who} was sent another attempt's widgets"
        assert outcome.app_errors == [], who
        assert urlsplit(outcome.results_url).path == "/results", who
        assert outcome.shown_score == f"{score.right} / {score.total}", who
        assert outcome.shown_marks == grades, who
        final = outcome.final_attempt(bank)  # the link on Results: what the server recorded
        assert isinstance(final, engine.Attempt), f"{who}: {final}"
        assert (final.seed, final.quiz, final.question_ids) == (plan.seed, plan.quiz, expected.question_ids), who
        assert final.answers == plan.answers and final.finished, who
        if expected.mode == "practice":
            assert outcome.verdicts == grades, f"{who}: feedback said right/wrong for another answer"
            summaries = [engine.grade_summary(bank.questions[question_id], grade)
                         for question_id, grade in zip(expected.question_ids, expected.grades) if grade is not None]
            assert outcome.feedback_bodies == summaries, who
            assert len(outcome.feedback_seconds) == len(plan.answers)
        else:
            assert outcome.verdicts == [], f"{who}: an exam showed feedback"
    total = sum(len(plan.answers) for plan in learners)
    assert 0 < right_answers < total, "the script must mix right and wrong answers, or a mix-up could hide"
    assert {plan.quiz.mode for plan in learners} == {"practice", "exam"}
