"""100 learners at once over Streamlit's protocol, through nginx (deploy/nginx.conf) onto two
servers sharing one PostgreSQL: each ends with exactly its own answers in the record."""

from __future__ import annotations

import shutil
from pathlib import Path

from quiz.bank.load import load_bank
from quiz.record import db
from tests.support import nginx, postgres
from tests.support.learners import plans
from tests.support.protocol_learners import run_apart
from tests.support.record_learners import check, enrol, run_all
from tests.support.requires import missing
from tests.support.server import REPO_ROOT, start_streamlit

SESSIONS = 100


def test_a_hundred_learners_on_two_servers_and_postgresql(tmp_path: Path) -> None:
    binary, folder = nginx.find(), postgres.find_bin()
    if binary is None:
        missing(nginx.MISSING)
    if folder is None:
        missing(postgres.MISSING)
    assert binary is not None and folder is not None
    banks = tmp_path / "banks"
    shutil.copytree(REPO_ROOT / "tests" / "fixtures" / "banks" / "mini", banks / "mini")
    bank = load_bank(banks / "mini").bank
    assert bank is not None
    learners = (plans(bank, 43) * 3)[:SESSIONS]  # a quiz may be taken by several learners: each has its attempt
    with postgres.Cluster(folder) as cluster:
        postgres.wait_ready(cluster)
        url = cluster.database("school")
        record = db.open_engine(url)
        db.upgrade(record)
        resumes = enrol(record, bank, learners)
        env = {"QUIZ_BANKS": str(banks), "QUIZ_DATABASE_URL": url, "STREAMLIT_SERVER_COOKIE_SECRET": "one secret"}
        with (
            start_streamlit(REPO_ROOT / "app.py", env=env) as first,
            start_streamlit(REPO_ROOT / "app.py", env=env) as second,
            nginx.proxy(binary, tmp_path, (first.port, second.port)) as base,
        ):
            outcomes = run_apart(run_all(base, bank, learners, resumes))
        assert check(record, bank, outcomes) == []
        seconds = sorted(second for outcome in outcomes for second in outcome.feedback_seconds)
        p95 = seconds[round(0.95 * (len(seconds) - 1))]
        print(
            f"\n{SESSIONS} learners, two servers, PostgreSQL, nginx: click to feedback p95 {p95:.2f} s "
            f"(n={len(seconds)})"
        )
        record.dispose()
