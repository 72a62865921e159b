"""Click to feedback with the record against without, on one server, in one run:

    python -m bench.bench_record                     # 30 learners, record on SQLite
    python -m bench.bench_record --sessions 30 --rounds 3

The same plans (tests.support.learners) are taken as self-study links (no record: the attempt is
in the URL) and as assignments (each answer written to SQLite before its feedback), alternating
rounds so that a busy machine slows both alike. Prints p50 and p95 of each, and the ratio of the
p95s (goal: at most 1.3). Every assignment learner must end with exactly its answers recorded.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
from pathlib import Path

from quiz.bank.load import load_bank
from quiz.record import db
from tests.support.learners import APP, MINI, plans
from tests.support.protocol_learners import run_sessions
from tests.support.record_learners import check, enrol, run_all
from tests.support.server import start_streamlit


def p(samples: list[float], percent: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-record-"))
    shutil.copytree(MINI, folder / "banks" / "mini")
    bank = load_bank(folder / "banks" / "mini").bank
    assert bank is not None
    url = f"sqlite:///{folder / 'quiz.sqlite3'}"
    record = db.open_engine(url)
    db.upgrade(record)
    learners = plans(bank, args.sessions)
    plain: list[float] = []
    recorded: list[float] = []
    try:
        with start_streamlit(APP, env={"QUIZ_BANKS": str(folder / "banks"), "QUIZ_DATABASE_URL": url}) as server:
            asyncio.run(run_all(server.url, bank, learners[:2], enrol(record, bank, learners[:2])))  # warm-up
            for _ in range(args.rounds):
                outcomes = asyncio.run(run_sessions(server.url, bank, learners))
                plain += [second for outcome in outcomes for second in outcome.feedback_seconds]
                resumes = enrol(record, bank, learners)
                done = asyncio.run(run_all(server.url, bank, learners, resumes))
                problems = check(record, bank, done)
                if problems:
                    print("record problems:", *problems[:5], sep="\n  ")
                    return 1
                recorded += [second for outcome in done for second in outcome.feedback_seconds]
    finally:
        record.dispose()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{args.sessions} learners at once, {args.rounds} rounds, one server (2 cores shared)")
    print(
        f"without record: p50 {statistics.median(plain) * 1000:.0f} ms, p95 {p(plain, 95) * 1000:.0f} ms "
        f"(n={len(plain)})"
    )
    print(
        f"with record (SQLite): p50 {statistics.median(recorded) * 1000:.0f} ms, p95 {p(recorded, 95) * 1000:.0f} ms "
        f"(n={len(recorded)})"
    )
    print(f"ratio of p95s: {p(recorded, 95) / p(plain, 95):.2f} (goal <= 1.3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
