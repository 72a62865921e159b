"""The teacher's report and ``quiz stats``, each as a ratio against a baseline measured in the same run.

    python -m bench.bench_stats [--rounds R]

1. ``quiz stats`` (in process, JSON to /dev/null) on 100,000 responses (2,000 attempts x 50 questions)
   against reading the same file with the ``csv`` module alone (rows dropped as read, and kept in a
   list); and the whole ``python -m quiz stats`` process, start-up included.
2. The report (Moodle's statistics with choice flags, roster, grid, what the class misread, lateral
   reading) for 1,000 learners x 50 questions against 10 learners x 50, computed from scratch; and a
   page rerun with nothing new, which the cache answers (goal: at most 1.5 x the small class's rerun).

Rounds alternate the sides so that a busy machine slows both alike; medians.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.generate import generate
from quiz.bank.load import load_bank
from quiz.bank.model import Bank
from quiz.cli import main as quiz_main
from quiz.play import engine
from quiz.report import responses as responses_csv
from quiz.report import views
from quiz.report.records import Response
from quiz.report.views import AttemptInfo


def simulate(bank: Bank, learners: int, seed: int) -> tuple[list[AttemptInfo], list[Response]]:
    """A class answering every served question of ``bank``: right with a two-parameter IRT chance."""
    rng = random.Random(seed)
    questions = list(bank.served())
    items = {question.id: (rng.uniform(0.6, 2.0), rng.uniform(-1.5, 1.5)) for question in questions}
    attempts, found = [], []
    for number in range(learners):
        attempt, learner, theta = f"attempt-{number}", f"learner {number}", rng.gauss(0, 1)
        ids = tuple(question.id for question in questions)
        attempts.append(AttemptInfo(attempt, learner, ids, "2026-12-02T10:00:00Z", "2026-12-02T10:30:00Z"))
        for position, question in enumerate(questions):
            a, b = items[question.id]
            right = rng.random() < 1 / (1 + math.exp(-a * (theta - b)))
            key = engine.right_answer(question)
            count = len(engine.options(question))
            answer = key if right else _wrong(key, count, rng)
            opened = tuple(cite.source for cite in question.cite[:1]) if rng.random() < 0.3 else ()
            found.append(
                Response(
                    attempt,
                    learner,
                    question.id,
                    float(right),
                    "bench",
                    position,
                    answer,
                    None,
                    round(rng.uniform(3, 60), 1),
                    opened,
                    "2026-12-02T10:10:00Z",
                )
            )
    return attempts, found


def _wrong(key: tuple[int, ...], count: int, rng: random.Random) -> tuple[int, ...]:
    if len(key) == count:  # an order: swap the first two
        return (key[1], key[0], *key[2:])
    return (rng.choice([option for option in range(count) if option not in key]),)


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def alternate(runs: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            times[name].append(timed(run))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = generate(Path(temp) / "bank", questions=50, sources=10, files=1)
        loaded = load_bank(folder)
        assert loaded.bank is not None, [issue.format() for issue in loaded.errors[:3]]
        bank = loaded.bank
        assert len(bank.served()) == 50, len(bank.served())

        # 1. quiz stats on 100,000 responses against csv.reader alone.
        _, many = simulate(bank, 2_000, seed=1)
        path = Path(temp) / "responses.csv"
        path.write_text(responses_csv.text(many), encoding="utf-8")

        def read_csv() -> None:
            with path.open(encoding="utf-8", newline="") as stream:
                for _ in csv.reader(stream):
                    pass

        def keep_csv() -> None:
            with path.open(encoding="utf-8", newline="") as stream:
                list(csv.reader(stream))

        def quiz_stats() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                assert quiz_main(["stats", str(path), "--format", "json"]) == 0

        cli = alternate({"csv": read_csv, "kept": keep_csv, "stats": quiz_stats}, args.rounds)
        process = statistics.median(
            timed(
                lambda: subprocess.run(
                    [sys.executable, "-m", "quiz", "stats", str(path), "--format", "json"],
                    check=True,
                    stdout=subprocess.DEVNULL,
                    env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
                )
            )
            for _ in range(3)
        )
        print(f"responses.csv: {len(many):,} responses, {path.stat().st_size / 2**20:.1f} MiB")
        print(f"csv.reader alone: {cli['csv']:.3f} s; quiz stats (in process): {cli['stats']:.3f} s")
        print(f"quiz stats / csv.reader: {cli['stats'] / cli['csv']:.2f}")
        print(
            f"csv.reader keeping every row in a list: {cli['kept']:.3f} s; quiz stats / that: "
            f"{cli['stats'] / cli['kept']:.2f}"
        )
        print(f"python -m quiz stats (the whole process, start-up included): {process:.3f} s")

        # 2. The report: 1,000 learners x 50 against 10 x 50; computed, then a rerun through the cache.
        classes = {size: simulate(bank, size, seed=size) for size in (10, 1_000)}
        computed = alternate(
            {f"compute {size}": lambda size=size: views.report(*classes[size], bank) for size in classes},
            args.rounds,
        )
        cache = views.ReportCache()
        keys = {size: ("bench", len(classes[size][1]), size, "v1") for size in classes}
        for size in classes:
            cache.get(keys[size], lambda size=size: views.report(*classes[size], bank))
        reruns = alternate(
            {
                f"rerun {size}": lambda size=size: cache.get(keys[size], lambda: views.report(*classes[size], bank))
                for size in classes
            },
            args.rounds * 100,
        )
    small, large = computed["compute 10"], computed["compute 1000"]
    print(f"report computed, 10 learners x 50: {small * 1000:.1f} ms; 1,000 x 50: {large * 1000:.1f} ms")
    print(f"  ratio {large / small:.1f} (the work grows with the responses: 500 against 50,000)")
    rerun_small, rerun_large = reruns["rerun 10"], reruns["rerun 1000"]
    print(
        f"report rerun with nothing new (cached): 10 learners {rerun_small * 1e6:.2f} us; "
        f"1,000 learners {rerun_large * 1e6:.2f} us; ratio {rerun_large / rerun_small:.2f} (goal: at most 1.5)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
