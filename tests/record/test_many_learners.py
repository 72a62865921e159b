"""30 learners at once on one server with the record on SQLite, over Streamlit's protocol: each
ends with exactly its own answers in the record, none lost or doubled."""

from __future__ import annotations

import shutil
from pathlib import Path

from quiz.bank.load import load_bank
from quiz.record import db
from tests.support.learners import MINI, plans
from tests.support.protocol_learners import run_apart
from tests.support.record_learners import check, enrol, run_all
from tests.support.server import REPO_ROOT, start_streamlit

SESSIONS = 30


def test_thirty_learners_on_sqlite_each_end_with_exactly_their_answers(tmp_path: Path) -> None:
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    bank = load_bank(banks / "mini").bank
    assert bank is not None
    url = f"sqlite:///{tmp_path / 'quiz.sqlite3'}"
    record = db.open_engine(url)
    db.upgrade(record)
    learners = plans(bank, SESSIONS)
    resumes = enrol(record, bank, learners)
    with start_streamlit(REPO_ROOT / "app.py", env={"QUIZ_BANKS": str(banks), "QUIZ_DATABASE_URL": url}) as server:
        outcomes = run_apart(run_all(server.url, bank, learners, resumes))
    assert check(record, bank, outcomes) == []
    seconds = sorted(second for outcome in outcomes for second in outcome.feedback_seconds)
    assert seconds, "no practice feedback was timed"
    print(
        f"\n{SESSIONS} learners, record on SQLite: click to feedback p95 {seconds[int(0.95 * (len(seconds) - 1))]:.3f} "
        "s"
    )
    record.dispose()
