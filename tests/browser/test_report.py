"""The teacher's report in Chromium (quiz/ui/report.py on a page of its own until the Teach page
draws it): the grid, a learner's answers, a question's choices, both downloads, and `quiz stats` on
the downloaded responses.csv prints the figures the page shows."""

from __future__ import annotations

import json
import re
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

from playwright.sync_api import Page, expect

from quiz.cli import main
from tests.browser.conftest import APP_SCRIPT, ConsoleErrors, screenshot, wait_for_app
from tests.conftest import MINI, REPO

PAGE = REPO / "tests" / "fixtures" / "report" / "report_page.py"
# Opening /teach directly: Streamlit's frontend first probes /teach/_stcore/... (streamlit#7074).
DEEP_LINK_404 = re.compile(
    r"^Failed to load resource: the server responded with a status of 404 \(Not Found\) "
    r"\(http://127\.0\.0\.1:\d+/teach/_stcore/(health|host-config)\)$"
)


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (its list opens on a click on the field;
    a click while the page is still settling can be lost, so it is tried again)."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label)
    expect(box).to_be_visible()
    wanted = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        box.get_by_role("combobox").click()
        try:
            wanted.wait_for(timeout=5_000)
            break
        except Exception:  # noqa: BLE001  the list did not open: click again
            page.keyboard.press("Escape")
    wanted.click()
    wait_for_app(page)


def test_a_teacher_reads_the_report_and_downloads_both_files(
    tmp_path: Path, start_streamlit, page: Page, console_errors: ConsoleErrors
) -> None:
    server = start_streamlit(PAGE, env={"QUIZ_BANKS": str(MINI.parent)})
    page.goto(server.url)
    wait_for_app(page)
    expect(page.get_by_text("3 of 4", exact=True)).to_be_visible()  # finished
    mean = page.get_by_test_id("stMetric").filter(has_text="Mean").get_by_test_id("stMetricValue").inner_text()
    assert mean == "50.0%"  # (3 + 1 + 2) / 3 of 4
    expect(page.get_by_test_id("stMarkdownContainer").locator("tr").filter(has_text="Ada").locator("td")).to_have_text(
        ["Ada", "✓", "✓", "✗", "✓"]
    )
    expect(page.get_by_test_id("stMarkdownContainer").locator("tr").filter(has_text="Di").locator("td")).to_have_text(
        ["Di", "✗", "–", "–", "–"]
    )
    screenshot(page, "report-learners")

    choose(page, "Open a learner's answers", "Ada (finished)")
    page.get_by_test_id("stExpander").filter(has_text="How much").first.click()
    expect(page.get_by_text("Right!").first).to_be_visible()

    page.get_by_role("tab", name="Questions").click()
    wait_for_app(page)
    choose(page, "Open a question", "bridge-cost")
    expect(
        page.get_by_text(re.compile(r"✓ £2\.4 million: 2 · ✗ £3 million: 1 · ✗ The sources do not say: 0"))
    ).to_be_visible()
    screenshot(page, "report-questions")

    page.get_by_role("tab", name="Downloads").click()
    files = {}
    for name in ("responses.csv", "gradebook.csv"):
        with page.expect_download() as download:
            page.get_by_test_id("stDownloadButton").filter(has_text=name).click()
        files[name] = tmp_path / name
        download.value.save_as(files[name])
    assert files["gradebook.csv"].read_text(encoding="utf-8").splitlines() == [
        "learner,score,out_of,percent,finished_at",
        "Ada,3,4,75.0,2026-12-02T10:05:00Z",
        "Bo,1,4,25.0,2026-12-02T10:06:00Z",
        "Cy,2,4,50.0,2026-12-02T10:07:00Z",
        "Di,,,,",
    ]
    printed = StringIO()
    with redirect_stdout(printed):
        assert main(["stats", str(files["responses.csv"]), "--format", "json"]) == 0
    figures = json.loads(printed.getvalue())
    assert figures["quiz"]["attempts"] == 3
    assert f"{figures['quiz']['mean']:.1f}%" == mean
    page.get_by_role("tab", name="Questions").click()
    # The marks' flags, with their figures, read the same; choice flags name choices by the bank's
    # words on the page, by index in a file alone.
    reasons = [
        f"{question['question']}: {flag['reason']}"
        for question in figures["questions"]
        for flag in question["flags"]
        if not flag["code"].startswith("choice-")
    ]
    assert reasons
    for reason in reasons:  # each flag, with its figure, as the file's statistics say it
        expect(page.get_by_test_id("stAlertContentWarning").filter(has_text=reason)).to_have_count(1)
    screenshot(page, "report-flags")
    assert not console_errors.unexpected()


def test_the_report_on_the_teach_page(
    tmp_path: Path, start_streamlit, page: Page, console_errors: ConsoleErrors
) -> None:
    """Four learners took an assignment (three to the end); the teacher opens its report on the
    Teach page, a learner and a question, downloads responses.csv, and quiz stats agrees."""
    from quiz.record import db
    from tests.ui.test_teach_report import take

    url = f"sqlite:///{tmp_path / 'quiz.sqlite3'}"
    record = db.open_engine(url)
    db.upgrade(record)
    take(record)
    record.dispose()
    server = start_streamlit(
        APP_SCRIPT, env={"QUIZ_BANKS": str(MINI), "QUIZ_DATABASE_URL": url, "QUIZ_TEACHER_PASSWORD": "pw"}
    )
    page.goto(f"{server.url}/teach")
    wait_for_app(page)
    page.get_by_label("Teacher password").fill("pw")
    page.get_by_role("button", name="Unlock").click()
    toggle = page.get_by_test_id("stCheckbox").filter(has_text="Show the report")
    expect(toggle).to_be_visible(timeout=20_000)
    wait_for_app(page)
    toggle.click()
    expect(page.get_by_text("3 of 4", exact=True)).to_be_visible(timeout=15_000)
    mean = page.get_by_test_id("stMetric").filter(has_text="Mean").get_by_test_id("stMetricValue").inner_text()
    choose(page, "Open a learner's answers", "Bo (finished)")
    expect(page.get_by_text("Not quite.").first).to_be_attached()
    screenshot(page, "teach-report")
    page.get_by_role("tab", name="Downloads").click()
    with page.expect_download() as download:
        page.get_by_test_id("stDownloadButton").filter(has_text="responses.csv").click()
    path = tmp_path / "responses.csv"
    download.value.save_as(path)
    printed = StringIO()
    with redirect_stdout(printed):
        assert main(["stats", str(path), "--format", "json"]) == 0
    figures = json.loads(printed.getvalue())
    assert figures["quiz"]["attempts"] == 3
    assert f"{figures['quiz']['mean']:.1f}%" == mean
    assert not console_errors.unexpected((DEEP_LINK_404,))
