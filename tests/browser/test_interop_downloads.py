"""Home's "Download for Moodle" and "Download for Canvas", clicked in Chromium: the files arrive,
and they hold the quiz's questions (the Moodle XML read with lxml, the Canvas package's QTI items)."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from playwright.sync_api import Page, expect

from quiz.bank.load import load_bank
from quiz.interop import export
from tests.browser.conftest import APP_SCRIPT, screenshot, wait_for_app
from tests.conftest import MINI

pytestmark = pytest.mark.browser
QTI = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}


def test_both_downloads_hold_the_quiz(start_streamlit, page: Page) -> None:
    bank = load_bank(MINI).bank
    assert bank is not None
    expected = [question.id for question in export.questions(bank, "all")]
    server = start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(MINI)})
    page.goto(server.url)
    wait_for_app(page)
    card = page.get_by_test_id("stVerticalBlock").filter(has_text="Every question type").last
    moodle = card.get_by_role("button", name="Download for Moodle")
    canvas = card.get_by_role("button", name="Download for Canvas")
    expect(moodle).to_be_visible()
    expect(canvas).to_be_visible()
    screenshot(page, "desktop-home-downloads")

    with page.expect_download() as moodle_download:
        moodle.click()
    assert moodle_download.value.suggested_filename == "mini-all-moodle.xml"
    xml = etree.parse(moodle_download.value.path(), etree.XMLParser(resolve_entities=False, no_network=True))
    assert [element.text for element in xml.iterfind("question/idnumber")] == expected

    with page.expect_download() as canvas_download:
        canvas.click()
    assert canvas_download.value.suggested_filename == "mini-all-canvas-qti.zip"
    archive = zipfile.ZipFile(io.BytesIO(open(canvas_download.value.path(), "rb").read()))
    assert "imsmanifest.xml" in archive.namelist()
    (name,) = [n for n in archive.namelist() if "/" in n and n.endswith(".xml") and "meta" not in n]
    items = etree.fromstring(archive.read(name)).iterfind(".//q:item", QTI)
    assert [item.get("title") for item in items] == expected
    expect(page.get_by_test_id("stException")).to_have_count(0)
