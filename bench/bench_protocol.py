"""Many learners at once on one server, without browsers: each learner is a `tests.support.protocol`
session speaking Streamlit's WebSocket protocol, so the numbers are the server's alone.

    python -m bench.bench_protocol                                        # 30 sessions, mini bank
    python -m bench.bench_protocol --sessions 100 --bank questions/cuties-2020   # mini has 43 quizzes
    python -m bench.bench_protocol --quick-ack        # without the 40 ms delayed-ACK wait per run
    STREAMLIT_RUNNER_POST_SCRIPT_GC=true python -m bench.bench_protocol   # Streamlit's default GC, to compare

The learners are `tests.support.learners`' (`plans`: each its own quiz and seed, about two answers in
three right); all connect and show their first question, then all answer at once. Prints the time
from sending a "Check answer" rerun to receiving the feedback box (p50, p95, max), the same for
learners one at a time, for scale; the CPU the server, this client process and the whole machine
used while they answered; and the server's memory per session (VmRSS of `streamlit run` after a
warm-up quiz and with every session connected). Every learner must end on Results with exactly
its own score, as in bench_sessions.py.

They are driven by `tests.support.protocol_learners`, which tests/ui/test_many_learners_protocol.py
runs too, with its own assertions on the outcomes. Run from the repository root.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.measure import cpu_seconds, percentile, rss_bytes
from quiz.bank.load import load_bank
from tests.support.learners import APP, MINI, plans, score_text
from tests.support.protocol_learners import run_alone, run_sessions
from tests.support.server import start_streamlit

#: Learners measured one at a time, after the warm-up (each is a whole quiz).
ALONE = 10


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
