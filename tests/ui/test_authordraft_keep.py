"""A draft under review survives a reload of the Author page (a new session with the same URL) as the
page's unsaved edits do: after the password, with each item's Accept or Reject and edited YAML; it is
marked unsaved, the browser is asked to warn before leaving, and once saved or discarded nothing is kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.authoring.drafting.test_review import GAZETTE, HERALD
from tests.conftest import MINI
from tests.support.apptest import sent_text
from tests.ui.test_authordraft import ASK, MONEY, NAME, SOURCES, TALLY, files_of, paste, verdict, widget
from tests.ui.test_authorkeep import guard, opened


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "banks" / "mini")
    return tmp_path / "banks"


def draft_id(at: AppTest) -> str:
    value = at.query_params["draft"]
    return value[0] if isinstance(value, list) else value


def drafted(monkeypatch: pytest.MonkeyPatch, banks: Path) -> AppTest:
    at = opened(monkeypatch, banks)
    return paste(at, GAZETTE.read_text(encoding="utf-8"), HERALD.read_text(encoding="utf-8"))


def test_a_draft_under_review_comes_back_after_a_reload_with_its_choices(
    monkeypatch: pytest.MonkeyPatch, banks: Path
) -> None:
    before = files_of(banks)
    at = drafted(monkeypatch, banks)
    assert guard(at) == "true"  # leaving now would lose the draft: the browser asks first
    assert f"Unsaved changes in {NAME} (the draft under review)." in [element.value for element in at.warning]
    verdict(at, f"sources:{SOURCES[0]}").set_value("Accept")
    verdict(at, f"claims:{MONEY}").set_value("Reject")
    box = at.text_area(key=widget(at, "text", f"claims:{TALLY}"))
    edited = str(box.value).replace("- id: ", "# Checked with the clerk's minutes.\n- id: ", 1)
    box.input(edited)
    at.run()
    assert not at.exception
    draft = draft_id(at)

    locked = opened(monkeypatch, banks, draft, unlock=False)  # the reload: a new session, the same URL
    assert "Brindle Street" not in sent_text(locked)  # the draft id alone shows nothing of it
    assert [element.value for element in locked.info] == [
        "Your unsaved changes are kept: give the password to get them back."
    ]
    again = opened(monkeypatch, banks, draft)
    assert not again.exception
    assert any(
        f"Unsaved changes in {NAME} (the draft under review), kept from before the page was reloaded" in element.value
        for element in again.warning
    )
    assert again.subheader[0].value.startswith("Drafted: 2 sources, ")
    assert verdict(again, f"sources:{SOURCES[0]}").value == "Accept"
    assert verdict(again, f"claims:{MONEY}").value == "Reject"
    assert verdict(again, f"questions:{ASK}").value is None  # undecided stays undecided
    assert again.text_area(key=widget(again, "text", f"claims:{TALLY}")).value == edited
    assert "Edited: the file gets your text." in [caption.value for caption in again.caption]
    assert guard(again) == "true"
    assert files_of(banks) == before  # kept in the server's memory, nothing written

    # Saved from the reloaded page: the file holds what was accepted, and nothing is kept any more.
    verdict(again, f"sources:{SOURCES[1]}").set_value("Accept")
    verdict(again, f"claims:{TALLY}").set_value("Accept")
    again.run()
    again.button(key="author-draft-save").click().run()
    assert not again.exception
    written = (banks / "mini" / NAME).read_text(encoding="utf-8")
    assert "# Checked with the clerk's minutes." in written and f"- id: {MONEY}\n" not in written
    assert guard(again) == "false"
    assert not opened(monkeypatch, banks, draft, unlock=False).info


def test_a_discarded_draft_is_not_kept(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    before = files_of(banks)
    at = drafted(monkeypatch, banks)
    draft = draft_id(at)
    at.button(key="author-draft-discard").click().run()
    assert not at.exception
    assert not [radio for radio in at.radio if "-verdict-" in str(radio.key)]
    assert guard(at) == "false" and not any("Unsaved" in element.value for element in at.warning)
    assert not opened(monkeypatch, banks, draft, unlock=False).info  # nothing waits behind the password
    again = opened(monkeypatch, banks, draft)
    assert not [radio for radio in again.radio if "-verdict-" in str(radio.key)]
    assert files_of(banks) == before


def test_choices_survive_another_bank_chosen_and_back(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Streamlit forgets a widget's value after a run that does not draw it: the draft's own copy puts it back."""
    banks = tmp_path / "banks"
    for name in ("mini", "other"):
        shutil.copytree(MINI, banks / name)
    at = drafted(monkeypatch, banks)
    verdict(at, f"sources:{SOURCES[0]}").set_value("Accept")
    box = at.text_area(key=widget(at, "text", f"claims:{TALLY}"))
    edited = str(box.value).replace("- id: ", "# Checked with the clerk's minutes.\n- id: ", 1)
    box.input(edited).run()
    at.selectbox(key="author-bank").select(str(banks / "other")).run()
    assert not at.exception
    assert not [radio for radio in at.radio if "-verdict-" in str(radio.key)]  # another bank's page: not drawn
    assert f"Unsaved changes in {NAME} (the draft under review)." in [element.value for element in at.warning]
    at.selectbox(key="author-bank").select(str(banks / "mini")).run()
    assert not at.exception
    assert verdict(at, f"sources:{SOURCES[0]}").value == "Accept"
    assert at.text_area(key=widget(at, "text", f"claims:{TALLY}")).value == edited
