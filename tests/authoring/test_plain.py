"""The Author page's problems in plain words: files named in the bank, never by the server's path."""

from __future__ import annotations

import shutil
from pathlib import Path

from quiz.authoring import plain
from quiz.bank.load import load_bank
from quiz.errors import Issue, Severity
from tests.conftest import MINI


def test_a_missing_source_file_and_a_wrong_boolean_are_named_in_the_bank(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    (folder / "sources" / "river-post.md").unlink()
    text = (folder / "questions.yaml").read_text(encoding="utf-8").replace("correct: true", "correct: yes", 1)
    issues = [plain.in_bank(issue, folder) for issue in load_bank(folder, (folder / "questions.yaml", text)).issues]
    shown = [plain.sentence(issue) for issue in issues]
    assert not any(str(tmp_path) in line for line in shown + [issue.format() for issue in issues])
    assert (
        "Error in questions.yaml, line 8, question bridge-cost, choice 1, correct: expected true or false, "
        "found 'yes'. Hint: Only true and false are booleans: write true."
    ) in shown
    assert (
        "Error in bank.yaml, line 17, source post, file: source file 'sources/river-post.md' does not exist. "
        "Hint: Looked for sources/river-post.md."
    ) in shown
    assert [issue.path for issue in plain.about(issues, "questions", "bridge-cost")] == [
        "questions[id=bridge-cost].choices[0].correct"
    ]


def test_where_reads_a_path_by_ids_and_places() -> None:
    assert plain.where("quizzes[id=all].questions[1]") == "quiz all, question 2"
    assert plain.where("claims[id=c].reports[0].quote") == "claim c, report 1, quote"
    assert plain.where("bank") == "bank"
    warning = Issue("x.yaml", 0, 0, "", "no questions", severity=Severity.WARNING)
    assert plain.sentence(warning) == "Warning in x.yaml: no questions."
    assert plain.in_bank(Issue("/elsewhere/y.yaml", 1, 1, "", "m"), Path("/banks/b")).file == "y.yaml"


def test_a_bank_is_named_inside_its_banks_folder(tmp_path: Path) -> None:
    (tmp_path / "banks" / "group" / "mini").mkdir(parents=True)
    roots = [tmp_path / "other", tmp_path / "banks"]
    assert plain.in_banks(tmp_path / "banks" / "group" / "mini", roots) == "group/mini"
    assert plain.in_banks(tmp_path / "banks", roots) == "banks"  # QUIZ_BANKS naming one bank folder
    assert plain.in_banks(tmp_path / "elsewhere" / "b", roots) == "b"
