"""Edit as a form on the Author page: new questions of every type saved without typing YAML,
citations picked from the sources, and bad input met with a clear message and nothing lost."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from quiz.bank.load import load_bank
from tests.conftest import REPO
from tests.ui.test_author import open_author, unlock

PASSWORD = "correct horse battery"
CUTIES = REPO / "questions" / "cuties-2020"
FILE = "questions-single.yaml"
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> **bold** [link](javascript:alert(3))"


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    shutil.copytree(CUTIES, tmp_path / "banks" / "cuties")
    return tmp_path / "banks" / "cuties"


def form_open(monkeypatch: pytest.MonkeyPatch, bank: Path, file: str = FILE) -> AppTest:
    at = unlock(open_author(monkeypatch, bank.parent, PASSWORD), PASSWORD)
    at.selectbox(key=f"author-file-{bank}").select(file).run()
    at.toggle(key="author-form-on").set_value(True).run()
    assert not at.exception
    return at


def widget(at: AppTest, kind: str, name: str) -> Any:
    """The form's widget ``name`` (its key carries a generation number that add/remove/move bump)."""
    found = [
        w for w in getattr(at, kind) if w.key and re.fullmatch(rf"author-form-\d+-{re.escape(name)}(?:-r\d+)?", w.key)
    ]
    assert len(found) == 1, (name, [w.key for w in getattr(at, kind)])
    return found[0]


def fill(at: AppTest, kind: str, name: str, value: Any) -> None:
    element = widget(at, kind, name)
    (element.set_value(value) if kind in ("checkbox", "multiselect", "radio", "selectbox") else element.input(value))
    at.run()
    assert not at.exception


def pick(at: AppTest, source: str, words: str, sentence: int = 0) -> str:
    at.selectbox(key="author-form-pick-source").select(source).run()
    at.text_input(key="author-form-pick-words").input(words).run()
    at.radio(key="author-form-pick-sentence").set_value(sentence).run()
    quote = at.text[-1].value
    at.button(key="author-form-pick-add").click().run()
    assert not at.exception
    return quote


def editor_text(at: AppTest, bank: Path) -> str:
    return at.text_area(key=f"author-text-{bank / FILE}").value


def save(at: AppTest) -> None:
    button = at.button(key="author-save")
    assert not button.disabled, [e.value for e in at.code][:3]
    button.click().run()
    assert not at.exception


def common(at: AppTest, question_id: str, kind: str) -> list[str]:
    fill(at, "text_input", "id", question_id)
    fill(at, "selectbox", "type", kind)
    fill(at, "text_area", "prompt", f"Prompt of {question_id}?")
    if kind in ("single", "multiple"):
        fill(at, "text_input", "choice-0-text", "Right one")
        fill(at, "text_input", "choice-1-text", "Wrong one")
        fill(at, "text_area", "choice-1-feedback", "Because the source says otherwise.")
        if kind == "multiple":
            fill(at, "checkbox", "choice-1-correct", True)
    elif kind == "true-false":
        fill(at, "radio", "answer", False)
    elif kind == "order":
        for index in range(3):
            fill(at, "text_input", f"item-{index}", f"Step {index + 1}")
    else:
        fill(at, "text_area", "claim", "Over 300,000 people signed a petition.")
        fill(at, "selectbox", "verdict", "conflicting")
    fill(at, "text_area", "explanation", "What the sources say. **Habit:** compare them.")
    fill(at, "multiselect", "skills", ["numbers"])
    return [pick(at, "netflix-defends-cuties", "petition 300,000")]


@pytest.mark.parametrize("kind", ["single", "multiple", "true-false", "order", "claim-check"])
def test_a_new_question_of_each_type_is_saved_and_the_rest_of_the_file_kept(
    monkeypatch: pytest.MonkeyPatch, bank: Path, kind: str
) -> None:
    before = (bank / FILE).read_text(encoding="utf-8")
    at = form_open(monkeypatch, bank)
    quotes = common(at, f"new-{kind}", kind)
    assert "Unsaved changes." in [caption.value for caption in at.caption]
    assert at.selectbox(key="author-preview-question").value == f"new-{kind}"  # the preview follows the form
    save(at)
    assert any(f"Saved {FILE}." in re.sub(r"\\(.)", r"\1", element.value) for element in at.success)
    after = (bank / FILE).read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n")) and "  - id: new-" + kind in after
    loaded = load_bank(bank)
    assert not loaded.errors and loaded.bank is not None
    question = loaded.bank.questions[f"new-{kind}"]
    assert question.type == kind and question.prompt == f"Prompt of new-{kind}?"
    assert [cite.quote for cite in question.cite] == quotes
    assert quotes[0] == 'There are over 300,000 people who signed a petition demanding "Cuties" to be removed.'


def test_html_and_script_in_every_field_stay_text_and_a_long_prompt_is_kept(
    monkeypatch: pytest.MonkeyPatch, bank: Path
) -> None:
    at = form_open(monkeypatch, bank)
    common(at, "hostile", "single")
    long_prompt = HOSTILE + " " + "x" * 100_000
    fill(at, "text_area", "prompt", long_prompt)
    for name, kind in [
        ("choice-0-text", "text_input"),
        ("choice-1-text", "text_input"),
        ("choice-0-feedback", "text_area"),
        ("choice-1-feedback", "text_area"),
        ("explanation", "text_area"),
        ("hint", "text_input"),
        ("cite-0-note", "text_input"),
    ]:
        fill(at, kind, name, HOSTILE + name)
    save(at)
    question = load_bank(bank).bank.questions["hostile"]  # type: ignore[union-attr]
    assert question.prompt == long_prompt and question.hint == HOSTILE + "hint"
    assert question.choices[0].text == HOSTILE + "choice-0-text"
    assert question.cite[0].note == HOSTILE + "cite-0-note"
    drawn = [element.value for element in (*at.markdown, *at.caption, *at.info, *at.success)]
    assert not any("<script>" in value or "<img" in value for value in drawn)  # escaped when shown


def test_an_emptied_choice_list_says_so_and_keeps_the_rest(monkeypatch: pytest.MonkeyPatch, bank: Path) -> None:
    at = form_open(monkeypatch, bank)
    common(at, "emptied", "single")
    for _ in range(2):
        widget(at, "button", "choice-0-remove").click().run()
    assert not at.exception
    assert "No choices: add at least two." in [element.value for element in at.warning]
    assert at.button(key="author-save").disabled
    assert any("choices" in element.value for element in at.code)
    assert widget(at, "text_area", "prompt").value == "Prompt of emptied?"  # nothing lost
    widget(at, "button", "choice-add").click().run()
    assert [w.value for w in at.text_input if w.key and re.search(r"-choice-0-text-r\d+$", w.key)] == [""]


def test_a_citation_whose_source_changed_on_disk_is_refused_in_words_and_nothing_is_lost(
    monkeypatch: pytest.MonkeyPatch, bank: Path
) -> None:
    before = (bank / FILE).read_text(encoding="utf-8")
    at = form_open(monkeypatch, bank)
    quote = common(at, "cited", "single")[0]
    source = bank / "sources" / "netflix-defends-cuties.md"
    source.write_text(source.read_text(encoding="utf-8").replace("300,000", "400,000"), encoding="utf-8")
    at.run()
    assert at.button(key="author-save").disabled
    assert any("not found" in element.value or "not in" in element.value for element in at.code), [
        element.value for element in at.code
    ][:4]
    assert (bank / FILE).read_text(encoding="utf-8") == before
    assert quote in editor_text(at, bank) or quote.replace('"', '\\"') in editor_text(at, bank)
    assert widget(at, "text_input", "id").value == "cited"


def test_editing_an_existing_question_changes_only_its_lines(monkeypatch: pytest.MonkeyPatch, bank: Path) -> None:
    before = (bank / FILE).read_text(encoding="utf-8")
    at = form_open(monkeypatch, bank)
    at.selectbox(key=f"author-form-question-author-text-{bank / FILE}").set_value(1).run()
    assert widget(at, "text_input", "id").value == "petition-two-counts"
    assert editor_text(at, bank) == before  # opening a question leaves the text alone
    fill(at, "text_input", "hint", "Read both counts again.")
    save(at)
    after = (bank / FILE).read_text(encoding="utf-8")
    start = before.index("  - id: petition-two-counts")
    end = before.index("  - id: netflix-statement-via-variety")
    assert after.startswith(before[:start]) and after.endswith(before[end - 2 :])
    assert load_bank(bank).bank.questions["petition-two-counts"].hint == "Read both counts again."  # type: ignore[union-attr]


def test_a_stale_text_box_value_from_the_browser_does_not_undo_the_form(
    monkeypatch: pytest.MonkeyPatch, bank: Path
) -> None:
    """A browser that sends a change while the page is still being redrawn sends the text box's
    older value with it; the form's question must stay in the text, and nothing typed be lost."""
    before = (bank / FILE).read_text(encoding="utf-8")
    at = form_open(monkeypatch, bank)
    fill(at, "text_input", "id", "raced")
    assert "  - id: raced" in editor_text(at, bank)
    at.text_area(key=f"author-text-{bank / FILE}").set_value(before)  # the stale value, sent with the next change
    widget(at, "text_area", "prompt").input("Typed while the page was redrawn")
    at.run()
    assert not at.exception
    assert not any("no longer in this file" in element.value for element in at.error)
    text = editor_text(at, bank)
    assert "  - id: raced" in text and "Typed while the page was redrawn" in text
    assert text.count("  - id: raced") == 1
    at.button(key="author-reload").click().run()  # Reload from disk: the text on disk wins, the form stays
    assert editor_text(at, bank) == before
    assert widget(at, "text_input", "id").value == "raced"
