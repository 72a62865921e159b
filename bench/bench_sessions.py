"""Many learners at once on one server: each takes its own quiz with its own seed, answers by
script (some right, some wrong), and must end on Results with exactly its own score and answers.

    python -m bench.bench_sessions                    # 30 sessions on the mini bank
    python -m bench.bench_sessions --sessions 40
    python -m bench.bench_sessions --think 3          # learners who read before they click

Prints the time from a click on "Check answer" to the feedback being visible (p50, p95, and for
one learner alone, for scale); the CPU time the server and the whole machine used while the
learners answered (the browsers run on the same cores: when the machine is saturated, they, not
the server, set the pace); and the server's memory per session: the RSS of the `streamlit run`
process (VmRSS in /proc/PID/status) after a warm-up quiz (which pays the one-off imports) and
after every session has connected, divided by the sessions.

The learners are `tests.support.learners`' (`plans`), driven by `tests.support.browser_learners`
(one Chromium, one browser context per learner), which tests/browser/test_many_learners.py runs
too, with its own assertions on the outcomes. Run from the repository root.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Sequence

from bench.measure import cpu_seconds, percentile, rss_bytes
from quiz.bank.load import load_bank
from tests.support.browser_learners import run_sessions, warm_up
from tests.support.learners import APP, MINI, plans, score_text
from tests.support.server import CHROMIUM_MISSING, find_chromium, start_streamlit


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--bank", default=str(MINI), help="a bank folder (default: the mini test bank)")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="average pause before each answer and each check (default 0: all click at once)",
    )
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print(CHROMIUM_MISSING, file=sys.stderr)
        return 1
    bank = load_bank(args.bank).bank
    if bank is None:
        print(f"{args.bank}: the bank does not load (run quiz validate)", file=sys.stderr)
        return 1
    learners = plans(bank, args.sessions)
    with start_streamlit(APP, env={"QUIZ_BANKS": args.bank}) as server:
        assert server.process is not None
        pid = server.process.pid
        alone = asyncio.run(warm_up(server.url, bank, learners[0], chromium))
        before = rss_bytes(pid)
        marks: dict[str, tuple[int, float, float]] = {}

        def connected() -> None:
            marks["connected"] = (rss_bytes(pid), cpu_seconds(pid), cpu_seconds())

        started = time.perf_counter()
        outcomes = asyncio.run(run_sessions(server.url, bank, learners, chromium, connected, args.think))
        elapsed = time.perf_counter() - started
        after, server_cpu, machine_cpu = rss_bytes(pid), cpu_seconds(pid), cpu_seconds()
    rss_connected, server_cpu_connected, machine_cpu_connected = marks["connected"]
    wrong = [outcome for outcome in outcomes if outcome.shown_score != score_text(outcome.plan, bank)]
    samples = [seconds for outcome in outcomes for seconds in outcome.feedback_seconds]
    answers = sum(len(plan.answers) for plan in learners)
    mib = 1024 * 1024
    pace = f"{args.think:g} s average pause before each answer and check" if args.think else "no pauses"
    print(f"{args.sessions} sessions on one server, {answers} answers, {pace}, {elapsed:.1f} s")
    print(f"click -> feedback, one learner alone: {' '.join(f'{s * 1000:.0f} ms' for s in alone.feedback_seconds)}")
    print(
        f"click -> feedback, {args.sessions} at once: p50 {statistics.median(samples) * 1000:.0f} ms, "
        f"p95 {percentile(samples, 95) * 1000:.0f} ms, max {max(samples) * 1000:.0f} ms ({len(samples)} checks)"
    )
    print(
        f"CPU while answering: server {server_cpu - server_cpu_connected:.1f} s, "
        f"whole machine {machine_cpu - machine_cpu_connected:.1f} s ({os.cpu_count()} cores)"
    )
    print(
        f"server RSS: {before / mib:.1f} MiB after a warm-up quiz, {rss_connected / mib:.1f} MiB with all connected, "
        f"{after / mib:.1f} MiB after all answered"
    )
    print(
        f"per session: {(rss_connected - before) / args.sessions / mib:.2f} MiB connected, "
        f"{(after - before) / args.sessions / mib:.2f} MiB after answering"
    )
    if wrong:
        print(f"{len(wrong)} sessions saw a score that is not theirs", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
