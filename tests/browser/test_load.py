"""Thirty learners at once on one server each see their own attempt and nothing else.

Every learner has its own quiz (built to order: skills, difficulties, size, mode) and its own
seed, and gives a scripted mix of right and wrong answers (bench/bench_sessions.py drives them:
one Chromium, a browser context each, all connected before any answers, then all answering at
once). At the end each one's Results page must show the score the engine gives for the answers
it sent, the link must carry exactly those answers, and no page may ever show another attempt's
widgets. The timings are the bench's business (`python bench/bench_sessions.py`).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from bench.bench_sessions import plans, run_sessions
from quiz import engine
from quiz.load import load_bank
from tests.browser.conftest import APP_SCRIPT, chromium_or_skip
from tests.browser.streamlit_server import StreamlitServer
from tests.conftest import MINI

SESSIONS = 30
#: Streamlit 1.67 first asks a deep link's path for its config (/quiz/_stcore/health), gets 404,
#: then asks the root: two console errors on every direct load of /quiz.
DEEP_LINK_404 = re.compile(
    r"^Failed to load resource: the server responded with a status of 404 \(Not Found\) "
    r"\(http://127\.0\.0\.1:\d+/quiz/_stcore/(health|host-config)\)$")


def test_thirty_learners_at_once_each_see_only_their_own_attempt(
    start_streamlit: Callable[..., StreamlitServer],
) -> None:
    chromium = chromium_or_skip()
    bank = load_bank(MINI).bank
    assert bank is not None
    learners = plans(bank, SESSIONS)
    assert len({plan.quiz for plan in learners}) == len({plan.seed for plan in learners}) == SESSIONS
    server = start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(MINI)})

    # Playwright's async API in a thread of its own: the sync API of other browser tests may
    # hold this thread's event loop.
    with ThreadPoolExecutor(max_workers=1) as thread:
        outcomes = thread.submit(asyncio.run, run_sessions(server.url, bank, learners, chromium)).result()

    right_answers = 0
    for outcome in outcomes:
        plan = outcome.plan
        expected = plan.expected(bank)
        score = engine.score(expected, bank)
        grades = [grade is not None and grade.correct for grade in expected.grades]
        right_answers += score.right
        who = f"learner with seed {plan.seed}"
        assert outcome.shown_score == f"{score.right} / {score.total}", who
        assert outcome.shown_marks == grades, who
        final = outcome.final_attempt(bank)  # the link on Results: what the server recorded
        assert isinstance(final, engine.Attempt), f"{who}: {final}"
        assert (final.seed, final.quiz, final.question_ids) == (plan.seed, plan.quiz, expected.question_ids), who
        assert final.answers == plan.answers and final.finished, who
        if expected.mode == "practice":
            assert outcome.verdicts == grades, f"{who}: feedback said right/wrong for another answer"
            assert len(outcome.feedback_seconds) == len(plan.answers)
        else:
            assert outcome.verdicts == [], f"{who}: an exam showed feedback"
        assert outcome.foreign_keys == [], f"{who} saw another attempt's widgets"
        assert [error for error in outcome.console_errors if not DEEP_LINK_404.search(error)] == [], who
    total = sum(len(plan.answers) for plan in learners)
    assert 0 < right_answers < total, "the script must mix right and wrong answers, or a mix-up could hide"
    assert {plan.quiz.mode for plan in learners} == {"practice", "exam"}
