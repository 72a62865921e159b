"""The Author page: off without a password, locked until it is given; live problems with their
lines; a preview drawn by the quiz's own functions; saving only a bank that loads, with a backup."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import MINI, REPO
from tests.support.apptest import HOME, markdown, sent_text

AUTHOR = "quiz/ui/pages/author.py"
PASSWORD = "correct horse battery"
WRONG_BOOLEAN = (
    "{file}:8:18: error: questions[id=bridge-cost].choices[0].correct: expected true or false, "
    "found 'yes' (hint: only true and false are booleans: write true)"
)
WRONG_BOOLEAN_LINES = (
    "   6 |     choices:\n"
    "   7 |       - text: £2.4 million\n"
    ">  8 |         correct: yes\n"
    "     |                  ^\n"
    "   9 |         feedback: That is the council's own estimate.\n"
    "  10 |       - text: £3 million"
)


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "banks" / "mini")
    return tmp_path / "banks"


def open_author(monkeypatch: pytest.MonkeyPatch, banks: Path, password: str | None = PASSWORD) -> AppTest:
    monkeypatch.setenv("QUIZ_BANKS", str(banks))
    if password is None:
        monkeypatch.delenv("QUIZ_AUTHOR_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("QUIZ_AUTHOR_PASSWORD", password)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.switch_page(AUTHOR)
    at.run()
    assert not at.exception
    return at


def unlock(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input(key="author-password").input(password)
    at.button(key="FormSubmitter:author-login-Unlock").click().run()
    assert not at.exception
    return at


def editing(monkeypatch: pytest.MonkeyPatch, banks: Path, name: str = "questions.yaml") -> AppTest:
    """Unlocked, with ``name`` of the mini bank open in the editor."""
    at = unlock(open_author(monkeypatch, banks))
    at.selectbox(key=f"author-file-{banks / 'mini'}").select(name).run()
    assert not at.exception
    return at


def editor(at: AppTest, path: Path):  # the text area of one file
    return at.text_area(key=f"author-text-{path}")


def unescaped(markdown_text: str) -> str:
    """Text the page shows literally (every Markdown character escaped), as the reader sees it."""
    return re.sub(r"\\(.)", r"\1", markdown_text)


def codes(at: AppTest) -> list[str]:
    return [element.value for element in at.code]


# ---------------------------------------------------------------- the lock


@pytest.mark.parametrize("password", [None, "", "   "])
def test_without_a_password_there_is_no_author_page(
    monkeypatch: pytest.MonkeyPatch, banks: Path, password: str | None
) -> None:
    at = open_author(monkeypatch, banks, password)
    assert [title.value for title in at.title] == ["Media-literacy quiz"]  # the page does not exist: home instead
    assert not at.text_area and [field.key for field in at.text_input] == ["join-code", "join-name"]  # Home's join
    assert "questions.yaml" not in sent_text(at)


def test_with_a_password_the_page_asks_for_it_before_anything(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = open_author(monkeypatch, banks)
    assert [title.value for title in at.title] == ["Author"]
    assert [field.label for field in at.text_input] == ["Password"]
    assert not at.selectbox and not at.text_area and not at.code
    sent = sent_text(at)
    assert "questions.yaml" not in sent and "bridge-cost" not in sent and str(banks) not in sent


def test_a_wrong_password_is_refused(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = unlock(open_author(monkeypatch, banks), "correct horse")
    assert [error.value for error in at.error] == ["Wrong password."]
    assert not at.selectbox and not at.text_area
    assert at.text_input(key="author-password").value == ""  # what was typed is not kept
    unlock(at)
    assert not at.error
    assert [box.label for box in at.selectbox][:2] == ["Bank", "File"]


def test_the_password_may_come_from_the_secrets(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    monkeypatch.setenv("QUIZ_BANKS", str(banks))
    monkeypatch.delenv("QUIZ_AUTHOR_PASSWORD", raising=False)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.secrets["QUIZ_AUTHOR_PASSWORD"] = "from secrets"
    at.switch_page(AUTHOR)
    at.run()
    assert [title.value for title in at.title] == ["Author"]
    unlock(at, "from secrets")
    assert not at.error and at.text_area


# ---------------------------------------------------------------- live problems


def test_the_editor_opens_the_file_as_on_disk(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    path = banks / "mini" / "questions.yaml"
    at = editing(monkeypatch, banks)
    assert editor(at, path).value == path.read_text(encoding="utf-8")
    assert [box.value for box in at.selectbox][:2] == [str(banks / "mini"), "questions.yaml"]
    assert at.selectbox(key="author-bank").options == ["mini"]  # named in the banks folder, not by the server's path
    assert [alert.value for alert in at.warning] == ["1 warning: the bank loads, and you can save."]


def test_an_error_shows_at_once_with_its_line(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    path = banks / "mini" / "questions.yaml"
    at = editing(monkeypatch, banks)
    editor(at, path).input(path.read_text(encoding="utf-8").replace("correct: true", "correct: yes", 1)).run()
    assert not at.exception
    assert [alert.value for alert in at.error] == ["1 error, 1 warning: fix the errors to save."]
    shown = codes(at)
    message = WRONG_BOOLEAN.format(file="questions.yaml")  # named in the bank: no server path on the page
    assert message in shown
    assert str(banks) not in "\n".join(shown + [element.value for element in at.markdown])
    assert (
        "Error in questions.yaml, line 8, question bridge-cost, choice 1, correct: expected true or false, found "
        "'yes'. Hint: Only true and false are booleans: write true."
    ) in [re.sub(r"\\(.)", r"\1", element.value) for element in at.markdown]  # shown escaped: text, not Markdown
    assert shown[shown.index(message) + 1] == WRONG_BOOLEAN_LINES  # the offending line, marked, under its issue
    assert at.button(key="author-save").disabled
    assert len(at.get("download_button")) == 1  # downloading works, valid or not


def test_fixing_the_error_clears_it(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    path = banks / "mini" / "questions.yaml"
    at = editing(monkeypatch, banks)
    text = path.read_text(encoding="utf-8")
    editor(at, path).input(text.replace("correct: true", "correct: yes", 1)).run()
    editor(at, path).input(text).run()
    assert not at.exception and not at.error
    assert WRONG_BOOLEAN.format(file="questions.yaml") not in codes(at)
    assert not at.button(key="author-save").disabled


def test_an_error_in_another_file_caused_by_this_one(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    path = banks / "mini" / "questions.yaml"
    at = editing(monkeypatch, banks)
    editor(at, path).input(path.read_text(encoding="utf-8").replace("  - id: who-spoke", "  - id: who-spoke-2")).run()
    shown = codes(at)
    message = (
        "quizzes.yaml:5:30: error: quizzes[id=all].questions[1]: unknown question 'who-spoke' "
        "(hint: did you mean 'who-spoke-2'?)"
    )
    assert message in shown
    assert (
        "> 5 |     questions: [bridge-cost, who-spoke, vote-margin, story-order, petition-check, ferry-date]"
        in shown[shown.index(message) + 1]
    )


# ---------------------------------------------------------------- preview


def preview(at: AppTest, question_id: str) -> AppTest:
    at.selectbox(key="author-preview-question").select(question_id).run()
    assert not at.exception
    return at


def test_preview_before_and_after_checking(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = preview(editing(monkeypatch, banks), "bridge-cost")
    text = markdown(at)
    assert "How much will the bridge cost, **according to the council**?" in [header.value for header in at.header]
    assert "Right answer" not in text and "council's own estimate" not in text  # the key is kept back
    radio = at.radio(key="author-preview-0-bridge-cost-choice")
    assert sorted(radio.options) == ["The sources do not say", "£2.4 million", "£3 million"]
    at.button(key="author-preview-check").click().run()
    assert [alert.value for alert in at.warning][-1] == "Choose an answer first."
    at.radio(key="author-preview-0-bridge-cost-choice").set_value(0)  # the right choice, by its index
    at.button(key="author-preview-check").click().run()
    assert not at.exception
    assert [alert.value for alert in at.success] == ["Right!"]
    text = markdown(at)
    assert "**Right answer:** £2.4 million" in text
    assert "The Gazette gives the council's estimate. **Habit:** ask who counted a number." in text
    at.button(key="author-preview-again").click().run()
    assert not at.success and at.radio(key="author-preview-0-bridge-cost-choice").value is None


def test_preview_shows_the_text_being_edited(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    path = banks / "mini" / "questions.yaml"
    at = editing(monkeypatch, banks)
    editor(at, path).input(path.read_text(encoding="utf-8").replace("Both articles agree", "The articles agree")).run()
    preview(at, "vote-margin")
    assert "The articles agree that the vote was decided by one vote." in [header.value for header in at.header]
    at.radio(key="author-preview-0-vote-margin-choice").set_value(1)
    at.button(key="author-preview-check").click().run()
    assert [alert.value for alert in at.error] == ["Not quite."]
    assert "**Right answer:** True" in markdown(at)


def test_no_preview_while_the_bank_has_errors(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    path = banks / "mini" / "questions.yaml"
    at = editing(monkeypatch, banks)
    editor(at, path).input(path.read_text(encoding="utf-8").replace("correct: true", "correct: yes", 1)).run()
    assert "The preview shows once the bank has no errors." in [alert.value for alert in at.info]
    assert not at.radio


# ---------------------------------------------------------------- saving


def test_save_is_refused_while_the_bank_has_errors(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    path = banks / "mini" / "questions.yaml"
    on_disk = path.read_text(encoding="utf-8")
    at = editing(monkeypatch, banks)
    editor(at, path).input(on_disk.replace("correct: true", "correct: yes", 1)).run()
    save = at.button(key="author-save")
    assert save.disabled and save.help == "Fix the errors to save."
    # A forged click is refused by edit.save itself (tests/authoring/test_edit.py); AppTest cannot click a
    # disabled button.
    at.run()
    assert path.read_text(encoding="utf-8") == on_disk
    assert not (banks / "mini" / ".questions.yaml.bak").exists()


def test_save_writes_keeps_a_backup_and_learners_see_it(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    path = banks / "mini" / "bank.yaml"
    on_disk = path.read_text(encoding="utf-8")
    at = editing(monkeypatch, banks, "bank.yaml")
    edited = on_disk.replace("title: Millbrook bridge (test bank)", "title: Millbrook footbridge")
    editor(at, path).input(edited).run()
    assert "Unsaved changes." in [caption.value for caption in at.caption]
    at.switch_page(HOME).run()
    assert "Millbrook bridge (test bank)" in [header.value for header in at.header]  # learners see only what is saved
    at.switch_page(AUTHOR).run()
    assert editor(at, path).value == edited  # the edit was kept while away
    at.button(key="author-save").click().run()
    assert not at.exception
    assert [unescaped(alert.value) for alert in at.success] == [
        "Saved bank.yaml. The previous version is kept as .bank.yaml.bak. Learners get the new version on their next "
        "page load."
    ]
    assert path.read_text(encoding="utf-8") == edited
    assert (banks / "mini" / ".bank.yaml.bak").read_text(encoding="utf-8") == on_disk
    assert "Unsaved changes." not in [caption.value for caption in at.caption]
    at.switch_page(HOME).run()  # the cached bank is keyed on the files' fingerprint
    assert not at.exception
    assert "Millbrook footbridge" in [header.value for header in at.header]


def test_save_refuses_a_file_changed_on_disk_meanwhile(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    path = banks / "mini" / "questions.yaml"
    on_disk = path.read_text(encoding="utf-8")
    at = editing(monkeypatch, banks)
    path.write_text(on_disk.replace("How much", "What"), encoding="utf-8")  # another author saved
    editor(at, path).input(on_disk.replace("How much", "Why")).run()
    at.button(key="author-save").click().run()
    assert any("was changed on disk since you opened it" in alert.value for alert in at.error)
    assert path.read_text(encoding="utf-8") == on_disk.replace("How much", "What")
    at.button(key="author-reload").click().run()
    assert editor(at, path).value == on_disk.replace("How much", "What")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("../x.yaml", "expected a plain file name directly in the bank folder"),
        ("sub/x.yaml", "expected a plain file name directly in the bank folder"),
        ("x.txt", "a bank file's name ends in .yaml or .yml"),
        ("questions.yaml", "questions.yaml already exists: choose it from the list of files"),
    ],
)
def test_a_new_file_name_must_be_plain_and_new(
    monkeypatch: pytest.MonkeyPatch, banks: Path, name: str, problem: str
) -> None:
    at = unlock(open_author(monkeypatch, banks))
    at.selectbox(key=f"author-file-{banks / 'mini'}").select("").run()
    at.text_input(key=f"author-new-name-{banks / 'mini'}").input(name).run()
    assert not at.exception
    assert len(at.error) == 1 and unescaped(at.error[0].value).startswith(f"Cannot create this file: {problem}")
    assert not at.text_area
    assert sorted(path.name for path in banks.rglob("*.yaml")) == ["bank.yaml", "questions.yaml", "quizzes.yaml"]


def test_a_new_file_is_created_on_save(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = unlock(open_author(monkeypatch, banks))
    at.selectbox(key=f"author-file-{banks / 'mini'}").select("").run()
    at.text_input(key=f"author-new-name-{banks / 'mini'}").input("more.yaml").run()
    path = banks / "mini" / "more.yaml"
    assert editor(at, path).value.endswith("questions: []\n")
    assert "A new file: it is written when you save." in [caption.value for caption in at.caption]
    at.button(key="author-save").click().run()
    assert not at.exception
    assert path.read_text(encoding="utf-8").endswith("questions: []\n")
    assert at.selectbox(key=f"author-file-{banks / 'mini'}").value == "more.yaml"
    assert not (banks / "mini" / ".more.yaml.bak").exists()
