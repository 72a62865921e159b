"""Full bank load (parse, validate, quote check) against a bare ``yaml.load(..., Loader=CSafeLoader)``
of the same files, on a generated 10,000-question bank with 200 sources, in one run.

    python -m bench.bench_load [--questions N] [--rounds R]

Goal: ratio at most 1.3. Rounds alternate the two so machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from bench.generate import generate
from quiz.bank.load import bank_files, load_bank


def bare_load(folder: Path) -> None:
    for path in bank_files(folder):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def full_load(folder: Path) -> None:
    result = load_bank(folder)
    if result.errors:
        raise SystemExit(
            "the generated bank should be valid:\n" + "\n".join(issue.format() for issue in result.errors[:5])
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = generate(Path(temp) / "bank", questions=args.questions, sources=args.sources)
        size = sum(path.stat().st_size for path in bank_files(folder))
        times: dict[str, list[float]] = {"bare": [], "full": []}
        full_load(folder)  # warm the file cache and imports
        for _ in range(args.rounds):
            for name, run in (("bare", bare_load), ("full", full_load)):
                start = time.perf_counter()
                run(folder)
                times[name].append(time.perf_counter() - start)
    bare, full = statistics.median(times["bare"]), statistics.median(times["full"])
    print(f"bank: {args.questions:,} questions, {args.sources} sources, {size / 2**20:.1f} MiB of YAML")
    print(f"bare yaml.load(CSafeLoader): {bare:.3f} s (median of {args.rounds})")
    print(f"full load (parse, validate, quotes): {full:.3f} s")
    print(f"ratio: {full / bare:.2f} (goal: at most 1.3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
