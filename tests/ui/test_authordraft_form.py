"""A drafted question or claim is edited in the Author page's own form before it is saved: the form
writes into the item's YAML, the save writes what the form holds, and what the form cannot show is
said in words and left to the YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from quiz.bank.load import load_bank
from tests.authoring.drafting.test_review import GAZETTE, HERALD
from tests.conftest import MINI
from tests.ui.test_authordraft import ASK, SOURCES, TALLY, author_page, paste, unescaped, verdict, widget

PROMPT = "Two articles give different tallies of the vote. What is the most careful reading?"
CLAIM = "Reworded by the teacher: what was the council's tally on the pool?"


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "banks" / "mini")
    return tmp_path / "banks"


def drafted(monkeypatch: pytest.MonkeyPatch, banks: Path) -> AppTest:
    return paste(
        author_page(monkeypatch, banks), GAZETTE.read_text(encoding="utf-8"), HERALD.read_text(encoding="utf-8")
    )


def open_form(at: AppTest, item: str) -> str:
    """Open ``item``'s form; return the start of its fields' widget keys (``author-form-[claims-]N-``)."""
    at.button(key=widget(at, "form-open", item)).click().run()
    assert not at.exception
    editing, _ = at.session_state[widget(at, "editing", item)]
    where = "" if item.startswith("questions:") else "claims-"
    return f"author-form-{where}{editing.opening}-"


def yaml(at: AppTest, item: str) -> str:
    return str(at.text_area(key=widget(at, "text", item)).value)


def test_a_drafted_question_edited_in_the_form_is_previewed_and_saved_as_the_form_holds_it(
    monkeypatch: pytest.MonkeyPatch, banks: Path
) -> None:
    at = drafted(monkeypatch, banks)
    for item in (f"sources:{SOURCES[0]}", f"sources:{SOURCES[1]}", f"claims:{TALLY}", f"questions:{ASK}"):
        verdict(at, item).set_value("Accept")
    at.run()
    fields = open_form(at, f"questions:{ASK}")
    assert at.text_input(key=f"{fields}id").value == ASK  # the drafted values, in the page's own fields
    question = at.session_state["author-draft-review"].drafted.bank.questions[ASK]
    assert at.text_area(key=f"{fields}explanation").value == question.explanation
    feedbacks = [box for box in at.text_area if str(box.key).startswith(f"{fields}choice-")]
    assert len(feedbacks) == len(question.choices) >= 3  # each choice's feedback, to edit
    at.text_area(key=f"{fields}prompt").input(PROMPT)
    feedback = next(box for box in at.text_area if str(box.key).startswith(f"{fields}choice-0-feedback"))
    feedback.input("Not so: which figure is newer is not said.")
    at.run()
    assert not at.exception
    text = yaml(at, f"questions:{ASK}")
    assert f'prompt: "{PROMPT}"' in text and "Not so: which figure is newer is not said." in text
    assert "Edited: the file gets your text." in [caption.value for caption in at.caption]
    assert PROMPT in [unescaped(header.value) for header in at.header]  # the learner's view follows the form
    at.button(key="author-draft-save").click().run()  # at once: Save has the form's last change too
    assert not at.exception
    bank = load_bank(banks / "mini").bank
    assert bank is not None
    assert bank.questions[ASK].prompt == PROMPT and not bank.questions[ASK].draft
    assert "Not so: which figure is newer is not said." in [choice.feedback for choice in bank.questions[ASK].choices]


def test_an_edit_that_does_not_load_leaves_the_previews_as_drafted(
    monkeypatch: pytest.MonkeyPatch, banks: Path
) -> None:
    at = drafted(monkeypatch, banks)
    box = at.text_area(key=widget(at, "text", f"questions:{ASK}"))
    box.input(str(box.value).replace("type: single", "type: essay")).run()
    assert not at.exception
    assert "With your edits the items do not load yet (see Save), so they are shown as drafted." in [
        caption.value for caption in at.caption
    ]
    drafted_prompt = at.session_state["author-draft-review"].drafted.bank.questions[ASK].prompt
    assert drafted_prompt in [header.value for header in at.header]


def test_a_drafted_claim_edited_in_the_form_keeps_its_reports(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = drafted(monkeypatch, banks)
    before = yaml(at, f"claims:{TALLY}")
    fields = open_form(at, f"claims:{TALLY}")
    assert at.selectbox(key=f"{fields}status").value == "conflicting"
    assert [unescaped(caption.value) for caption in at.caption if caption.value.startswith("Report ")][:2] == [
        f"Report 1, from {SOURCES[0]}",
        f"Report 2, from {SOURCES[1]}",
    ]
    offered = at.selectbox(key="author-form-pick-source").options  # reports picked from the drafted articles too
    assert {
        "Council votes to close Brindle Street pool",
        "Brindle Street pool to shut after close council vote",
    } <= set(offered)
    at.text_area(key=f"{fields}claim").input(CLAIM).run()
    assert not at.exception
    after = yaml(at, f"claims:{TALLY}")
    assert [line for line in after.split("\n") if line not in before.split("\n")] == [f'  claim: "{CLAIM}"']
    at.button(key=widget(at, "form-close", f"claims:{TALLY}")).click().run()
    assert not at.exception and yaml(at, f"claims:{TALLY}") == after  # closing keeps what it wrote


def test_what_the_form_cannot_show_is_said_and_left_to_the_yaml(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = drafted(monkeypatch, banks)
    box = at.text_area(key=widget(at, "text", f"claims:{TALLY}"))
    box.input(str(box.value).rstrip("\n") + "\n  colour: orange\n").run()
    at.button(key=widget(at, "form-open", f"claims:{TALLY}")).click().run()
    assert not at.exception
    assert [unescaped(alert.value) for alert in at.warning if "cannot be shown in the form" in alert.value] == [
        "This claim cannot be shown in the form: it has fields the form does not show (colour): edit it as text."
        " Edit it as YAML below."
    ]
    assert "colour: orange" in yaml(at, f"claims:{TALLY}")  # nothing dropped


def test_one_form_at_a_time(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = drafted(monkeypatch, banks)
    open_form(at, f"questions:{ASK}")
    open_form(at, f"claims:{TALLY}")  # another item's form closes the first: they share the source picker
    assert at.button(key=widget(at, "form-open", f"questions:{ASK}")).value is False  # its button is back
    assert len([box for box in at.text_area if str(box.key).endswith("-explanation")]) == 0  # its fields gone
    at.toggle(key="author-form-on").set_value(True).run()  # the page's own form: they share the source picker
    assert not at.exception
    assert any("one form at a time" in alert.value for alert in at.info)
    assert at.button(key=widget(at, "form-open", f"questions:{ASK}")).disabled
