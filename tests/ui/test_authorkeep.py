"""Unsaved edits survive a reload of the Author page (a new session with the same URL), after the
password, with a clear mark; the browser is asked to warn before leaving while there are some."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import MINI, REPO
from tests.support.apptest import sent_text
from tests.ui.test_author import unlock as unlock_author

AUTHOR = "quiz/ui/pages/author.py"
PASSWORD = "correct horse battery"


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "banks" / "mini")
    return tmp_path / "banks"


def opened(monkeypatch: pytest.MonkeyPatch, banks: Path, draft: str | None = None, unlock: bool = True) -> AppTest:
    monkeypatch.setenv("QUIZ_BANKS", str(banks))
    monkeypatch.setenv("QUIZ_AUTHOR_PASSWORD", PASSWORD)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.switch_page(AUTHOR)
    if draft is not None:
        at.query_params["draft"] = draft
    at.run()
    if unlock:
        unlock_author(at, PASSWORD)
    assert not at.exception
    return at


def guard(at: AppTest) -> str:
    scripts = [element.proto.body for element in at.get("html") if "__quizAuthorUnsaved" in element.proto.body]
    assert len(scripts) == 1
    return re.search(r"__quizAuthorUnsaved = (true|false);", scripts[0]).group(1)  # type: ignore[union-attr]


def test_edits_come_back_after_a_reload_once_the_password_is_given(
    monkeypatch: pytest.MonkeyPatch, banks: Path
) -> None:
    path = banks / "mini" / "questions.yaml"
    at = opened(monkeypatch, banks)
    at.selectbox(key=f"author-file-{banks / 'mini'}").select("questions.yaml").run()
    assert guard(at) == "false"  # nothing to lose yet: leaving says nothing
    edited = path.read_text(encoding="utf-8").replace("How much", "How much, by the council's own estimate,")
    at.text_area(key=f"author-text-{path}").input(edited).run()
    assert guard(at) == "true"
    assert "Unsaved changes in questions.yaml." in [element.value for element in at.warning]
    draft = at.query_params["draft"][0] if isinstance(at.query_params["draft"], list) else at.query_params["draft"]

    locked = opened(monkeypatch, banks, draft, unlock=False)  # the reload: a new session, the same URL
    assert "How much, by the council" not in sent_text(locked)  # the draft id alone shows nothing
    assert [element.value for element in locked.info] == [
        "Your unsaved changes are kept: give the password to get them back."
    ]
    again = opened(monkeypatch, banks, draft)
    assert again.text_area(key=f"author-text-{path}").value == edited
    assert any("kept from before the page was reloaded" in element.value for element in again.warning)
    assert "Unsaved changes." in [caption.value for caption in again.caption]
    assert guard(again) == "true"
    again.button(key="author-save").click().run()
    assert path.read_text(encoding="utf-8") == edited
    assert guard(again) == "false" and not any("Unsaved" in element.value for element in again.warning)
    assert not opened(monkeypatch, banks, draft, unlock=False).info  # once saved, nothing is kept
    after_save = opened(monkeypatch, banks, draft)  # and a reload has nothing to bring back
    assert not any("kept from before" in element.value for element in after_save.warning)


def test_the_form_comes_back_too_and_a_bad_draft_id_starts_afresh(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = opened(monkeypatch, banks, "../../etc/passwd")
    assert at.query_params["draft"] != ["../../etc/passwd"] and at.query_params["draft"] != "../../etc/passwd"
    at.selectbox(key=f"author-file-{banks / 'mini'}").select("questions.yaml").run()
    at.toggle(key="author-form-on").set_value(True).run()
    at.text_input(key="author-form-0-id").input("kept-in-form").run()
    at.text_area(key="author-form-0-prompt").input("A prompt typed in the form").run()
    draft = at.query_params["draft"][0] if isinstance(at.query_params["draft"], list) else at.query_params["draft"]
    again = opened(monkeypatch, banks, draft)
    assert not again.exception
    assert again.toggle(key="author-form-on").value
    ids = [w.value for w in again.text_input if w.key and re.fullmatch(r"author-form-\d+-id", w.key)]
    prompts = [w.value for w in again.text_area if w.key and re.fullmatch(r"author-form-\d+-prompt", w.key)]
    assert ids == ["kept-in-form"] and prompts == ["A prompt typed in the form"]
    text = again.text_area(key=f"author-text-{banks / 'mini' / 'questions.yaml'}").value
    assert "id: kept-in-form" in text and "A prompt typed in the form" in text
