"""Time from `page.goto` to a selector being visible, in fresh browser contexts.

    python -m bench.bench_browser                       # hello page vs itself
    python -m bench.bench_browser --script app.py \\
        --selector '[data-testid="stRadio"]' --runs 15   # app vs hello page

The baseline is a one-line `st.write("hello")` page, so the ratio says how much
slower a page is than the cheapest Streamlit page on the same machine; run
against itself it should be close to 1.0. Importable: `time_to_selector` and
`compare` take any URL/script and selector.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from tests.support.server import (
    CHROMIUM_ARGS,
    CHROMIUM_MISSING,
    find_chromium,
    start_streamlit,
)

REPO_ROOT = Path(__file__).resolve().parents[1]

HELLO_SCRIPT = 'import streamlit as st\n\nst.write("hello")\n'
HELLO_SELECTOR = '[data-testid="stMarkdownContainer"]:has-text("hello")'
TIMEOUT_MS = 30_000


def time_to_selector(
    url: str,
    selector: str,
    runs: int = 10,
    browser: Browser | None = None,
    warmup: int = 1,
) -> dict[str, float | list[float]]:
    """Seconds from `goto(url)` until `selector` is visible, median of `runs`.

    Each run uses a new browser context (no cache, no cookies, a new
    Streamlit session). `warmup` runs first and is not counted: the server's
    first session pays one-off costs (imports, compiling the script).
    Returns {"median": s, "min": s, "max": s, "samples": [s, ...]}.
    """
    if browser is None:
        with sync_playwright() as runner:
            return time_to_selector(url, selector, runs, _launch(runner), warmup)
    samples: list[float] = []
    for index in range(warmup + runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
            page.locator(selector).first.wait_for(state="visible", timeout=TIMEOUT_MS)
            elapsed = time.perf_counter() - started
        finally:
            context.close()
        if index >= warmup:
            samples.append(elapsed)
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "samples": samples,
    }


def compare(
    script: str | Path,
    selector: str,
    baseline_script: str | Path,
    baseline_selector: str,
    runs: int = 10,
) -> float:
    """Print both medians and return script's median / baseline's median.

    Runs alternate between the two servers so that a machine getting busier
    during the benchmark slows both sides alike.
    """
    with sync_playwright() as runner:
        browser = _launch(runner)
        with start_streamlit(baseline_script) as base, start_streamlit(script) as cand:
            print(f"server start: baseline {base.startup_seconds:.2f} s, candidate {cand.startup_seconds:.2f} s")
            base_samples: list[float] = []
            cand_samples: list[float] = []
            for round_ in range(runs + 1):  # round 0 is the warm-up of both servers
                base_run = time_to_selector(base.url, baseline_selector, 1, browser, warmup=0)
                cand_run = time_to_selector(cand.url, selector, 1, browser, warmup=0)
                if round_ > 0:
                    base_samples.append(float(base_run["median"]))
                    cand_samples.append(float(cand_run["median"]))
        browser.close()
    base_median = statistics.median(base_samples)
    cand_median = statistics.median(cand_samples)
    _report("baseline ", baseline_script, baseline_selector, base_samples)
    _report("candidate", script, selector, cand_samples)
    ratio = cand_median / base_median
    print(f"ratio candidate/baseline (medians): {ratio:.2f}")
    return ratio


def _launch(runner) -> Browser:  # type: ignore[no-untyped-def]
    executable = find_chromium()
    if executable is None:
        raise SystemExit(CHROMIUM_MISSING)
    return runner.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


def _report(label: str, script: str | Path, selector: str, samples: list[float]) -> None:
    print(
        f"{label} {Path(script).name} until {selector!r}: median "
        f"{statistics.median(samples) * 1000:.0f} ms (min {min(samples) * 1000:.0f}, "
        f"max {max(samples) * 1000:.0f}, n={len(samples)})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--script", help="candidate Streamlit script (default: the hello page)")
    parser.add_argument("--selector", default=HELLO_SELECTOR, help="candidate's selector")
    parser.add_argument("--runs", type=int, default=10, help="measured runs per side")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO_SCRIPT, encoding="utf-8")
        script = Path(args.script).resolve() if args.script else hello
        compare(script, args.selector, hello, HELLO_SELECTOR, runs=args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
