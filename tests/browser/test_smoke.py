"""The browser infrastructure works: server up, Chromium clicks, result seen."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import ConsoleErrors, screenshot, wait_for_app

SCRIPT = """\
import streamlit as st

choice = st.radio("Which headline is backed by its source?", ["Left", "Right"], index=None)
if st.button("Check"):
    if choice == "Right":
        st.success("Right")
    else:
        st.error("Wrong")
"""


def test_radio_then_button_shows_success(
    tmp_path: Path, start_streamlit, page: Page, console_errors: ConsoleErrors
) -> None:
    script = tmp_path / "smoke_app.py"
    script.write_text(SCRIPT, encoding="utf-8")
    server = start_streamlit(script)

    page.goto(server.url)
    wait_for_app(page)
    page.get_by_test_id("stRadioOption").filter(has_text="Right").click()
    # The label was clicked because the input itself is visually hidden.
    expect(page.get_by_role("radio", name="Right")).to_be_checked()
    page.get_by_role("button", name="Check").click()

    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Right")
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    wait_for_app(page)
    shot = screenshot(page, "smoke-radio-button-success")
    assert shot.stat().st_size > 0
    assert console_errors.unexpected() == []
