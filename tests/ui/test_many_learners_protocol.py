"""Thirty learners at once on one server each see their own attempt and nothing else, driven
over Streamlit's WebSocket protocol (tests/support/protocol.py) instead of Chromium.

The learners are tests/browser/test_many_learners.py's (`plans`: each its own quiz and seed, a scripted
mix of right and wrong answers; all connected before any answers, then all answering at once),
and so are the assertions, made on what the server sent each session: the score on Results is the
engine's for the answers sent, the Results link carries exactly those answers, practice feedback
says right or wrong (in the engine's words) per the engine's grade, an exam shows none before the
end, and no session is ever sent a widget of another attempt (quiz widget keys carry the seed).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from quiz.bank.load import load_bank
from quiz.ui import feedback
from tests.conftest import MINI
from tests.support.learners import APP, plans
from tests.support.load_checks import assert_each_learner_got_its_own_attempt
from tests.support.protocol_learners import run_apart, run_sessions
from tests.support.server import start_streamlit

SESSIONS = 30


def test_thirty_protocol_learners_at_once_each_see_only_their_own_attempt() -> None:
    bank = load_bank(MINI).bank
    assert bank is not None
    learners = plans(bank, SESSIONS)
    assert len({plan.quiz for plan in learners}) == len({plan.seed for plan in learners}) == SESSIONS

    with start_streamlit(APP, env={"QUIZ_BANKS": str(MINI)}) as server:
        outcomes = run_apart(run_sessions(server.url, bank, learners))

    assert_each_learner_got_its_own_attempt(outcomes, bank, learners)
    for outcome in outcomes:  # what only the protocol shows: every message of every run
        who = f"learner with seed {outcome.plan.seed}"
        assert outcome.app_errors == [], who
        assert urlsplit(outcome.results_url).path == "/results", who
        expected = outcome.plan.expected(bank)
        if expected.mode == "practice":  # feedback in the UI's words, for the engine's grade
            summaries = [
                feedback.grade_summary(bank.questions[question_id], grade)
                for question_id, grade in zip(expected.question_ids, expected.grades)
                if grade is not None
            ]
            assert outcome.feedback_bodies == summaries, who
