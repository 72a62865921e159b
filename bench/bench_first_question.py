"""Time from navigation to the first question on screen, in Chromium, against a one-line page.

    python -m bench.bench_first_question [--runs N]

Candidate: `streamlit run app.py` on the bundled bank; each run opens `/quiz?t=TOKEN` for a fresh
attempt (a new seed, so a new token) of the bank's first quiz in a new browser context, and stops
the clock when the progress text, the answer widget and the "Check answer" button are all visible.
Baseline: a `st.write("hello")` page until "hello" is visible (bench/bench_browser.py).
Goal: ratio at most 1.3. Runs alternate between the servers (medians), so a machine getting
busier slows all sides alike; one warm-up round is not counted.

Two more sides, for the record only, split the difference: the same one-line page served as a
hidden `/quiz` page of an `st.navigation` app and opened there (opening any page's own URL costs
Streamlit's frontend a failed probe of /quiz/_stcore/health and a retry at / before it connects,
streamlit/streamlit#7074, which no app code can avoid); and a plain page at / that draws what the
first question draws (caption, progress, heading, radio, button) with none of the app's work
(Streamlit loads each kind of widget's code on first use).

The clock is the page's own: ``performance.now()`` (milliseconds since the navigation started)
read by a check that runs on every animation frame. Playwright's ``locator.wait_for`` polls at
growing intervals (up to 500 ms apart here), which rounded one side up by a whole interval and
not the other: the same pages measured 1.58 that way.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from bench.bench_browser import HELLO_SCRIPT, TIMEOUT_MS, _launch
from quiz.bank.load import load_bank
from quiz.play import engine, urltoken
from tests.support.server import start_streamlit

REPO_ROOT = Path(__file__).resolve().parents[1]

APP = REPO_ROOT / "app.py"
BANK = REPO_ROOT / "questions" / "cuties-2020"
Condition = tuple[str, str]  # (CSS selector, text it must contain; "" for any)
#: All three visible = the first question is drawn and can be answered.
FIRST_QUESTION: tuple[Condition, ...] = (
    ('[data-testid="stProgress"]', "Question 1 of"),
    ('[data-testid="stRadio"], [data-testid="stCheckbox"], [data-testid="stSelectbox"]', ""),
    (".st-key-quiz-check button", ""),
)
HELLO: tuple[Condition, ...] = (('[data-testid="stMarkdownContainer"]', "hello"),)
SAME_WIDGETS = """import streamlit as st

st.caption("Bank · Quiz · Practice")
st.progress(0.0, text="Question 1 of 10")
st.markdown("#### How do the two articles describe what kind of film *Cuties* is?")
st.radio("Your answer", ["One", "Two", "Three", "Four"], index=None, label_visibility="collapsed")
st.button("Check answer", key="quiz-check", type="primary", icon=":material/task_alt:")
"""
HELLO_AT_A_PAGE_URL = """import streamlit as st

st.navigation([st.Page(lambda: None, title="Home", default=True),
               st.Page(lambda: st.write("hello"), title="Quiz", url_path="quiz", visibility="hidden")]).run()
"""

#: performance.now() once every condition has a visible match, else false.
_SHOWN_AT = """(conditions) => {
  const shown = ([css, text]) => [...document.querySelectorAll(css)].some(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden'
      && (!text || el.innerText.includes(text));
  });
  return conditions.every(shown) ? performance.now() : false;
}"""


def time_to_visible(browser: Browser, url: str, conditions: tuple[Condition, ...]) -> float:
    """Seconds from the start of navigating to `url` (a fresh context) until every condition holds."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        shown_at = page.wait_for_function(
            _SHOWN_AT, arg=[list(c) for c in conditions], polling="raf", timeout=TIMEOUT_MS
        )
        return float(shown_at.json_value()) / 1000
    finally:
        context.close()


def _ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:.0f} ms "
        f"(min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f}, n={len(values)})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9, help="measured runs per side")
    args = parser.parse_args(argv)
    bank = load_bank(BANK).bank
    if bank is None:
        raise SystemExit(f"{BANK} does not load")
    quiz = engine.BankQuiz(next(iter(bank.quizzes)))
    with tempfile.TemporaryDirectory(prefix="bench-first-question-") as tmp:
        scripts = {"hello": HELLO_SCRIPT, "hello_nav": HELLO_AT_A_PAGE_URL, "widgets": SAME_WIDGETS}
        for name, text in scripts.items():
            (Path(tmp) / f"{name}.py").write_text(text, encoding="utf-8")
        with sync_playwright() as runner:
            browser = _launch(runner)
            with (
                start_streamlit(Path(tmp) / "hello.py") as base,
                start_streamlit(Path(tmp) / "hello_nav.py") as base_nav,
                start_streamlit(Path(tmp) / "widgets.py") as widgets,
                start_streamlit(APP, env={"QUIZ_BANKS": None}) as app,
            ):
                samples: dict[str, list[float]] = {"hello": [], "hello /quiz": [], "widgets": [], "quiz": []}
                for round_ in range(args.runs + 1):  # round 0 warms the servers up
                    attempt = engine.start(bank, quiz, seed=1000 + round_)
                    runs = {
                        "hello": (base.url, HELLO),
                        "hello /quiz": (f"{base_nav.url}/quiz", HELLO),
                        "widgets": (widgets.url, FIRST_QUESTION),
                        "quiz": (
                            f"{app.url}/quiz?t={urltoken.encode(attempt)}",
                            FIRST_QUESTION,
                        ),  # t: quiz.ui.state.TOKEN
                    }
                    for name, (url, conditions) in runs.items():
                        seconds = time_to_visible(browser, url, conditions)
                        if round_ > 0:
                            samples[name].append(seconds)
            browser.close()
    medians = {name: statistics.median(values) for name, values in samples.items()}
    print(f"bank {BANK.name}, quiz {quiz.quiz_id!r}; {args.runs} interleaved rounds after one warm-up")
    print(f"one-line page at /, until 'hello' visible:                {_ms(samples['hello'])}")
    print(f"quiz at /quiz?t=TOKEN, until the first question answers:    {_ms(samples['quiz'])}")
    print(
        f"ratio first question / one-line page (medians): {medians['quiz'] / medians['hello']:.2f} (goal: at most 1.3)"
    )
    print("for the record:")
    print(f"  one-line page at /quiz (st.navigation), until 'hello':   {_ms(samples['hello /quiz'])}")
    print(f"  the first question's widgets, plain page at /:          {_ms(samples['widgets'])}")
    print(
        f"  Streamlit's page-URL probe (one-line page at /quiz - at /): "
        f"{(medians['hello /quiz'] - medians['hello']) * 1000:+.0f} ms"
    )
    print(
        f"  the same widgets without the app (plain page - one-line page): "
        f"{(medians['widgets'] - medians['hello']) * 1000:+.0f} ms"
    )
    print(f"  first question / the same widgets on a plain page: {medians['quiz'] / medians['widgets']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
