"""Thirty learners at once on one server each see their own attempt and nothing else.

Every learner has its own quiz (built to order: skills, difficulties, size, mode) and its own
seed, and gives a scripted mix of right and wrong answers (tests/support/browser_learners.py drives them:
one Chromium, a browser context each, all connected before any answers, then all answering at
once). At the end each one's Results page must show the score the engine gives for the answers
it sent, the link must carry exactly those answers, and no page may ever show another attempt's
widgets. The timings are the bench's business (`python -m bench.bench_sessions`).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from quiz.bank.load import load_bank
from tests.browser.conftest import APP_SCRIPT, chromium_or_skip
from tests.conftest import MINI
from tests.support.browser_learners import run_sessions
from tests.support.learners import plans
from tests.support.load_checks import assert_each_learner_got_its_own_attempt
from tests.support.server import StreamlitServer

SESSIONS = 30
#: Streamlit 1.67 first asks a deep link's path for its config (/quiz/_stcore/health), gets 404,
#: then asks the root: two console errors on every direct load of /quiz.
DEEP_LINK_404 = re.compile(
    r"^Failed to load resource: the server responded with a status of 404 \(Not Found\) "
    r"\(http://127\.0\.0\.1:\d+/quiz/_stcore/(health|host-config)\)$"
)


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

    assert_each_learner_got_its_own_attempt(outcomes, bank, learners)
    for outcome in outcomes:
        errors = [error for error in outcome.console_errors if not DEEP_LINK_404.search(error)]
        assert errors == [], f"learner with seed {outcome.plan.seed}: {errors}"
