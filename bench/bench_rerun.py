"""Server time of one "Check answer" rerun of the quiz page, through Streamlit's AppTest, in one run:

1. the quiz on the bundled bank (questions/) against a minimal app with one radio and a button
   that shows st.success: what the quiz adds to Streamlit's own cost of a rerun (goal ≤ 2.5);
2. the quiz on a generated 10,000-question, 200-source bank against the same quiz on the bundled
   bank: no per-rerun work may grow with the bank (goal ≤ 1.2).

    python -m bench.bench_rerun [--reps N] [--questions N]

Each repetition opens a fresh attempt of one single-choice question (a new seed, so new widget
keys), picks a wrong answer and times only ``at.button(key="quiz-check").click().run()``.
The three sides alternate, one repetition each per round, so machine noise hits them alike;
the figures are medians. Every AppTest runs in this process, so the banks are parsed once
(``st.cache_resource``) and only per-rerun work is timed.

Each round is taken twice. "AppTest as is" recompiles every script on every run: AppTest makes a
new ScriptCache per run, and compiling (with Streamlit's "magic" AST pass) costs the two-file quiz
page several milliseconds that the five-line app does not pay. ``streamlit run`` compiles a script
once per server, so the "as the server runs it" figures keep one ScriptCache across runs; those are
the figures the goals are about, and the others are printed beside them.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from bench.generate import generate
from quiz.bank.load import load_bank
from quiz.bank.model import Bank, SingleQuestion
from quiz.play import engine, urltoken

REPO_ROOT = Path(__file__).resolve().parents[1]

APP = str(REPO_ROOT / "app.py")
QUIZ_PAGE = "quiz/ui/pages/attempt.py"
BUNDLED = REPO_ROOT / "questions"
TIMEOUT_S = 60  # the generated bank's first load (parse and check) takes several seconds

MINIMAL_APP = """\
import streamlit as st

choice = st.radio("Which headline is backed by its source?", ["Left", "Right", "Neither"], index=None, key="choice")
if st.button("Check answer", key="check"):
    st.success(f"You picked {choice}")
"""


def single_question(bank: Bank) -> SingleQuestion:
    """The bank's first served single-choice question with one citation (the generated bank's shape)."""
    for question in bank.served():
        if isinstance(question, SingleQuestion) and len(question.cite) == 1:
            return question
    raise SystemExit(f"bank {bank.info.id!r} has no single-choice question with one citation")


def one_question_token(bank: Bank, question: SingleQuestion, seed: int) -> str:
    """A fresh practice attempt of just ``question`` (what "Retry the ones I missed" makes of one miss)."""
    attempt = engine.Attempt(
        bank_id=bank.info.id,
        quiz=engine.CustomQuiz(1),
        mode="practice",
        seed=seed,
        question_ids=(question.id,),
        orders=(engine.shown_order(question, seed),),
        answers=(None,),
        grades=(None,),
        retry=True,
    )
    return urltoken.encode(attempt)


class QuizSide:
    """One AppTest of the quiz page on one folder of banks."""

    def __init__(self, banks: Path, bank_folder: Path) -> None:
        self.banks = str(banks)
        result = load_bank(bank_folder)
        if result.bank is None:
            raise SystemExit(f"{bank_folder} does not load: {result.errors[:3]}")
        self.bank = result.bank
        self.question = single_question(self.bank)
        self.wrong = next(index for index, choice in enumerate(self.question.choices) if not choice.correct)
        self.seed = 1000
        os.environ["QUIZ_BANKS"] = self.banks
        self.at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
        self.at.run()  # AppTest 1.67 finds pages only after the entry script has declared them
        self.at.switch_page(QUIZ_PAGE)

    def once(self) -> float:
        """Open a fresh attempt, pick an answer, and time the "Check answer" rerun."""
        os.environ["QUIZ_BANKS"] = self.banks  # read by the app on every run
        self.seed += 1
        self.at.query_params["t"] = one_question_token(self.bank, self.question, self.seed)
        self.at.run()
        _no_exception(self.at)
        self.at.radio(key=f"quiz-{self.seed}-0-choice").set_value(self.wrong)
        started = time.perf_counter()
        self.at.button(key="quiz-check").click().run()
        elapsed = time.perf_counter() - started
        _no_exception(self.at)
        if [alert.value for alert in self.at.error] != ["Not quite."]:
            raise SystemExit(f"the quiz did not show the graded answer: {[a.value for a in self.at.error]}")
        return elapsed


class MinimalSide:
    """One AppTest of the one-radio app."""

    def __init__(self, script: Path) -> None:
        self.at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
        self.at.run()
        self.picks = 0

    def once(self) -> float:
        self.picks += 1
        self.at.radio(key="choice").set_value(("Left", "Right", "Neither")[self.picks % 3])
        started = time.perf_counter()
        self.at.button(key="check").click().run()
        elapsed = time.perf_counter() - started
        _no_exception(self.at)
        if not self.at.success:
            raise SystemExit("the minimal app did not show st.success")
        return elapsed


def _no_exception(at: AppTest) -> None:
    if at.exception:
        raise SystemExit(f"the app raised: {[e.message for e in at.exception]}")


MODES = ("server", "apptest")
MODE_TITLES = {
    "server": "as the server runs it (scripts compiled once)",
    "apptest": "AppTest as is (every script recompiled on every run)",
}
SIDES = ("minimal", "bundled", "generated")


@contextlib.contextmanager
def compiled_once(shared: ScriptCache) -> Iterator[None]:
    """Make AppTest keep one ScriptCache across runs, as ``streamlit run`` does."""
    saved = app_test.ScriptCache, local_script_runner.ScriptCache
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        app_test.ScriptCache, local_script_runner.ScriptCache = saved  # type: ignore[misc]


def measure(sides: dict[str, Callable[[], float]], reps: int, warmup: int = 3) -> dict[str, dict[str, list[float]]]:
    """samples[mode][side]: every side once per mode per round, rounds interleaved."""
    shared = ScriptCache()
    samples: dict[str, dict[str, list[float]]] = {mode: {name: [] for name in sides} for mode in MODES}
    for round_ in range(warmup + reps):
        for mode in MODES:
            with compiled_once(shared) if mode == "server" else contextlib.nullcontext():
                for name, once in sides.items():
                    elapsed = once()
                    if round_ >= warmup:
                        samples[mode][name].append(elapsed)
    return samples


def _ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:5.1f} ms "
        f"(min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f}, n={len(values)})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=40, help="measured repetitions per side and mode")
    parser.add_argument("--questions", type=int, default=10_000, help="size of the generated bank")
    parser.add_argument("--sources", type=int, default=200)
    args = parser.parse_args(argv)
    # Driving AppTest from a plain script makes Streamlit warn about a missing ScriptRunContext;
    # a filter, because Streamlit resets its loggers' levels when it reads its config.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )
    with tempfile.TemporaryDirectory(prefix="bench-rerun-") as temp:
        minimal = Path(temp) / "minimal.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        started = time.perf_counter()
        generated = generate(Path(temp) / "banks" / "generated", questions=args.questions, sources=args.sources)
        bundled_banks = sorted(path for path in BUNDLED.iterdir() if (path / "bank.yaml").exists())
        if not bundled_banks:
            raise SystemExit(f"no bank under {BUNDLED}")
        sides: dict[str, Callable[[], float]] = {
            "minimal": MinimalSide(minimal).once,
            "bundled": QuizSide(BUNDLED, bundled_banks[0]).once,
            "generated": QuizSide(generated.parent, generated).once,
        }
        print(
            f"set up (a {args.questions:,}-question, {args.sources}-source bank generated and loaded) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        samples = measure(sides, args.reps)
        print(f"{args.reps} interleaved rounds (after 3 warm-up rounds) in {time.perf_counter() - started:.1f} s")
    labels = {
        "minimal": "minimal one-radio app, button rerun",
        "bundled": f"quiz, bundled bank ({bundled_banks[0].name}), Check answer",
        "generated": f"quiz, generated {args.questions:,}-question bank, Check answer",
    }
    for mode in MODES:
        medians = {name: statistics.median(samples[mode][name]) for name in SIDES}
        print(f"\n{MODE_TITLES[mode]}:")
        for name in SIDES:
            print(f"  {labels[name]:<55} {_ms(samples[mode][name])}")
        print(
            f"  ratio quiz (bundled) / minimal app:         {medians['bundled'] / medians['minimal']:.2f}"
            + ("  (goal: at most 2.5)" if mode == "server" else "")
        )
        print(
            f"  ratio quiz ({args.questions:,} questions) / quiz (bundled): "
            f"{medians['generated'] / medians['bundled']:.2f}" + ("  (goal: at most 1.2)" if mode == "server" else "")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
