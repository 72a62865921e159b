"""quiz/edit.py: the bank as it would be with an edited file, and saving it safely."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest

from quiz.authoring import edit
from quiz.bank.load import as_if_saved, bank_files, load_bank
from quiz.play import catalog
from tests.conftest import MINI

WRONG_BOOLEAN = (
    "{file}:8:18: error: questions[id=bridge-cost].choices[0].correct: expected true or false, "
    "found 'yes' (hint: only true and false are booleans: write true)"
)


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    """A banks root holding a copy of the mini bank."""
    shutil.copytree(MINI, tmp_path / "banks" / "mini")
    return tmp_path / "banks"


def questions(banks: Path) -> Path:
    return banks / "mini" / "questions.yaml"


def broken(text: str) -> str:
    return text.replace("correct: true", "correct: yes", 1)


def stray_files(folder: Path) -> list[str]:
    """Anything in the folder that is not the mini bank's own files or a backup."""
    return sorted(
        path.name
        for path in folder.iterdir()
        if path.name not in {"bank.yaml", "questions.yaml", "quizzes.yaml", "sources"}
        and not path.name.endswith(".bak")
    )


# ---------------------------------------------------------------- as if saved


def test_as_if_saved_reports_the_edited_text_with_its_place(banks: Path) -> None:
    path = questions(banks)
    on_disk = path.read_text(encoding="utf-8")
    result = as_if_saved(banks / "mini", banks / "mini" / "questions.yaml", broken(on_disk))
    assert result.bank is None
    assert [issue.format() for issue in result.errors] == [WRONG_BOOLEAN.format(file=path)]
    assert path.read_text(encoding="utf-8") == on_disk  # nothing written


def test_as_if_saved_reads_the_other_files_from_disk(banks: Path) -> None:
    """Removing a question from the edited file breaks the quiz that lists it, in another file."""
    text = questions(banks).read_text(encoding="utf-8").replace("  - id: who-spoke", "  - id: who-spoke-2")
    result = as_if_saved(banks / "mini", banks / "mini" / "questions.yaml", text)
    assert [issue.format() for issue in result.errors] == [
        (
            f"{banks / 'mini' / 'quizzes.yaml'}:5:30: error: quizzes[id=all].questions[1]: unknown question "
            "'who-spoke' (hint: did you mean 'who-spoke-2'?)"
        )
    ]


def test_as_if_saved_gives_the_bank_as_it_would_be(banks: Path) -> None:
    text = (
        questions(banks)
        .read_text(encoding="utf-8")
        .replace("How much will the bridge cost", "What will the bridge cost")
    )
    result = as_if_saved(banks / "mini", banks / "mini" / "questions.yaml", text)
    assert not result.errors and result.bank is not None
    assert result.bank.questions["bridge-cost"].prompt.startswith("What will the bridge cost")
    assert [issue.message for issue in result.warnings] == ["draft: checked, but never served in a quiz"]


def test_as_if_saved_adds_a_new_file(banks: Path) -> None:
    text = "questions:\n  - id: bridge-cost\n"
    result = as_if_saved(banks / "mini", banks / "mini" / "more.yaml", text)
    assert [issue.format() for issue in result.errors] == [
        (
            f"{banks / 'mini' / 'more.yaml'}:2:5: error: questions[id=bridge-cost]: missing required key 'type' "
            "(hint: one of: single, multiple, true-false, order, claim-check)"
        )
    ]
    assert not (banks / "mini" / "more.yaml").exists()


def test_the_starter_of_a_new_file_loads(banks: Path) -> None:
    text = edit.starter_text(banks / "mini")
    assert text.endswith("questions: []\n")
    assert not as_if_saved(banks / "mini", banks / "mini" / "new.yaml", text).errors


def test_excerpt_numbers_the_lines_and_marks_the_column(banks: Path) -> None:
    text = broken(questions(banks).read_text(encoding="utf-8"))
    assert edit.excerpt(text, 8, 18) == (
        "   6 |     choices:\n"
        "   7 |       - text: £2.4 million\n"
        ">  8 |         correct: yes\n"
        "     |                  ^\n"
        "   9 |         feedback: That is the council's own estimate.\n"
        "  10 |       - text: £3 million"
    )


def test_excerpt_edges() -> None:
    assert edit.excerpt("a: 1\nb: [\n", 2, 0) == "  1 | a: 1\n> 2 | b: [\n  3 |"
    assert edit.excerpt("a: 1\r\nb: 2", 1, 1) == "> 1 | a: 1\n    | ^\n  2 | b: 2"  # CRLF is one line break
    assert edit.excerpt("a: 1", 0, 0) == ""
    assert edit.excerpt("a: 1", 9, 1) == "> 1 | a: 1\n    | ^"  # past the end (an error at end of file): the last line


# ---------------------------------------------------------------- saving


def test_save_refuses_a_bank_with_errors(banks: Path) -> None:
    path = questions(banks)
    on_disk = path.read_text(encoding="utf-8")
    outcome = edit.save([banks], banks / "mini", "questions.yaml", broken(on_disk), on_disk)
    assert outcome == edit.Refusal("the bank would have 1 error: nothing was saved; fix it first")
    assert path.read_text(encoding="utf-8") == on_disk
    assert not edit.backup_path(path).exists()
    assert stray_files(banks / "mini") == []


def test_save_allows_warnings_writes_and_keeps_the_previous_version(banks: Path) -> None:
    path = questions(banks)
    on_disk = path.read_text(encoding="utf-8")
    text = on_disk.replace("How much will the bridge cost", "What will the bridge cost")
    outcome = edit.save([banks], banks / "mini", "questions.yaml", text, on_disk)
    assert outcome == edit.Saved(path, banks / "mini" / ".questions.yaml.bak")
    assert path.read_text(encoding="utf-8") == text
    assert (banks / "mini" / ".questions.yaml.bak").read_text(encoding="utf-8") == on_disk
    assert stray_files(banks / "mini") == []  # no temporary file left behind
    loaded = load_bank(banks / "mini")
    assert loaded.bank is not None and loaded.bank.questions["bridge-cost"].prompt.startswith("What will")


def test_a_second_save_keeps_only_the_version_before_it(banks: Path) -> None:
    path = questions(banks)
    first = path.read_text(encoding="utf-8")
    second = first.replace("How much", "What")
    third = second.replace("What will", "What would")
    assert isinstance(edit.save([banks], banks / "mini", "questions.yaml", second, first), edit.Saved)
    assert isinstance(edit.save([banks], banks / "mini", "questions.yaml", third, second), edit.Saved)
    assert path.read_text(encoding="utf-8") == third
    assert edit.backup_path(path).read_text(encoding="utf-8") == second


def test_backups_are_not_bank_files(banks: Path) -> None:
    path = questions(banks)
    on_disk = path.read_text(encoding="utf-8")
    edit.save([banks], banks / "mini", "questions.yaml", on_disk.replace("How much", "What"), on_disk)
    assert [file.name for file in bank_files(banks / "mini")] == ["bank.yaml", "questions.yaml", "quizzes.yaml"]
    assert not load_bank(banks / "mini").errors


def test_every_save_changes_the_fingerprint_the_app_caches_on(banks: Path) -> None:
    """Two saves of texts of one size, in quick succession: the cache must see both."""
    path = questions(banks)
    texts = [path.read_text(encoding="utf-8")]
    seen = {catalog.fingerprint(banks / "mini")}
    for word in ("Who", "Why", "Hey"):
        texts.append(texts[0].replace("How much", f"{word} much"))
    for before, after in itertools.pairwise(texts):
        assert len(after) == len(before)
        assert isinstance(edit.save([banks], banks / "mini", "questions.yaml", after, before), edit.Saved)
        seen.add(catalog.fingerprint(banks / "mini"))
    assert len(seen) == len(texts)


def test_save_refuses_a_file_changed_on_disk_since_it_was_opened(banks: Path) -> None:
    path = questions(banks)
    opened = path.read_text(encoding="utf-8")
    path.write_text(opened.replace("How much", "What"), encoding="utf-8")  # someone else saved meanwhile
    outcome = edit.save([banks], banks / "mini", "questions.yaml", opened.replace("How much", "Why"), opened)
    assert isinstance(outcome, edit.Refusal) and "was changed on disk since you opened it" in outcome.reason
    assert path.read_text(encoding="utf-8") == opened.replace("How much", "What")


def test_save_a_new_file(banks: Path) -> None:
    text = edit.starter_text(banks / "mini")
    outcome = edit.save([banks], banks / "mini", "more.yaml", text, None)
    assert outcome == edit.Saved(banks / "mini" / "more.yaml", None)
    assert (banks / "mini" / "more.yaml").read_text(encoding="utf-8") == text
    assert (banks / "mini" / "more.yaml").stat().st_mode & 0o777 == 0o644
    again = edit.save([banks], banks / "mini", "more.yaml", text, None)
    assert again == edit.Refusal(
        f"{banks / 'mini' / 'more.yaml'} already exists: open it from the list of files instead"
    )


def test_save_keeps_crlf_line_endings(banks: Path) -> None:
    path = questions(banks)
    crlf = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(crlf.encode("utf-8"))
    edited = crlf.replace("\r\n", "\n").replace("How much", "What")  # as a browser sends it
    assert isinstance(edit.save([banks], banks / "mini", "questions.yaml", edited, crlf), edit.Saved)
    assert path.read_bytes() == edited.replace("\n", "\r\n").encode("utf-8")


def test_a_failed_write_leaves_the_file_and_no_temporary(banks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = questions(banks)
    on_disk = path.read_text(encoding="utf-8")

    def full_disk(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        edit.save([banks], banks / "mini", "questions.yaml", on_disk.replace("How much", "What"), on_disk)
    assert path.read_text(encoding="utf-8") == on_disk
    assert stray_files(banks / "mini") == []
    assert not [name for name in os.listdir(banks / "mini") if name.endswith(".tmp")]


# ---------------------------------------------------------------- where


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("../x.yaml", "expected a plain file name directly in the bank folder"),
        ("../mini/x.yaml", "expected a plain file name directly in the bank folder"),
        ("sub/x.yaml", "expected a plain file name directly in the bank folder"),
        ("/tmp/x.yaml", "expected a plain file name directly in the bank folder"),
        (".x.yaml", "expected a plain file name directly in the bank folder"),
        ("..yaml", "expected a plain file name directly in the bank folder"),
        ("x..yaml", "expected a plain file name directly in the bank folder"),
        ("x\\y.yaml", "expected a plain file name directly in the bank folder"),
        ("x.txt", "a bank file's name ends in .yaml or .yml, found 'x.txt'"),
        ("x.yaml.bak", "a bank file's name ends in .yaml or .yml"),
        ("", "type a file name"),
    ],
)
def test_names_that_are_not_plain_bank_files_are_refused(banks: Path, name: str, problem: str) -> None:
    found = edit.name_problem(name)
    assert found is not None and found.startswith(problem)
    assert isinstance(edit.locate([banks], banks / "mini", name), edit.Refusal)
    assert isinstance(edit.save([banks], banks / "mini", name, "questions: []\n", None), edit.Refusal)


@pytest.mark.parametrize("name", ["questions-2.yaml", "Quiz_3.yml", "v1.2.yaml"])
def test_plain_names_are_accepted(banks: Path, name: str) -> None:
    assert edit.name_problem(name) is None
    assert edit.locate([banks], banks / "mini", name) == banks / "mini" / name


def test_dot_dot_cannot_write_outside(banks: Path) -> None:
    outcome = edit.save([banks], banks / "mini", "../x.yaml", "questions: []\n", None)
    assert isinstance(outcome, edit.Refusal)
    assert not (banks / "x.yaml").exists()


def test_a_link_out_of_the_bank_is_refused(banks: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("questions: []\n", encoding="utf-8")
    (banks / "mini" / "linked.yaml").symlink_to(outside)
    outcome = edit.save([banks], banks / "mini", "linked.yaml", "questions: []\n# changed\n", "questions: []\n")
    assert outcome == edit.Refusal(
        f"{banks / 'mini' / 'linked.yaml'} is a link: edit the file it points to where it is"
    )
    assert outside.read_text(encoding="utf-8") == "questions: []\n"


def test_a_bank_folder_outside_the_banks_root_is_refused(banks: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(MINI, elsewhere)
    text = (elsewhere / "questions.yaml").read_text(encoding="utf-8")
    outcome = edit.save([banks], elsewhere, "questions.yaml", text.replace("How much", "What"), text)
    assert isinstance(outcome, edit.Refusal) and "is not inside the banks folder" in outcome.reason
    assert (elsewhere / "questions.yaml").read_text(encoding="utf-8") == text


def test_a_bank_folder_linked_from_outside_is_refused(banks: Path, tmp_path: Path) -> None:
    """A link inside the root that leads to a folder outside it does not make that folder writable."""
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(MINI, elsewhere)
    (banks / "linked").symlink_to(elsewhere, target_is_directory=True)
    text = (elsewhere / "questions.yaml").read_text(encoding="utf-8")
    outcome = edit.save([banks], banks / "linked", "questions.yaml", text.replace("How much", "What"), text)
    assert isinstance(outcome, edit.Refusal) and "is not inside the banks folder" in outcome.reason
    assert (elsewhere / "questions.yaml").read_text(encoding="utf-8") == text


def test_the_root_may_itself_be_a_bank(banks: Path) -> None:
    root = banks / "mini"
    text = questions(banks).read_text(encoding="utf-8")
    assert isinstance(edit.save([root], root, "questions.yaml", text.replace("How much", "What"), text), edit.Saved)


# ---------------------------------------------------------------- who


def test_password_comes_from_the_environment_then_the_secrets() -> None:
    variable = edit.PASSWORD_VARIABLE
    assert edit.password({}, {}) is None
    assert edit.password({variable: ""}, {variable: "   "}) is None
    assert edit.password({variable: "env"}, {variable: "secret"}) == "env"
    assert edit.password({variable: " "}, {variable: "secret"}) == "secret"
    assert edit.password({}, {variable: {"nested": "table"}}) is None


def test_password_matches() -> None:
    assert edit.password_matches("s3cret", "s3cret")
    assert edit.password_matches("pässwörd", "pässwörd")
    assert not edit.password_matches("s3cre", "s3cret")
    assert not edit.password_matches("", "s3cret")
    assert not edit.password_matches("S3CRET", "s3cret")
