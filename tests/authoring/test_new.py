"""quiz/new.py: `quiz new bank` and `quiz new question`, through main([...]) as an author runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quiz.authoring.scaffold import schema_reference
from quiz.bank.load import load_bank
from quiz.bank.model import QUESTION_TYPES
from quiz.cli import main
from tests.conftest import QUESTION_YAML

MODELINE = "# yaml-language-server: $schema="


def test_new_bank_outside_a_repository_carries_its_own_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    folder = tmp_path / "banks" / "flood"
    assert main(["new", "bank", str(folder), "--title", 'Floods of "2026" & after: Ünïcode']) == 0
    text = (folder / "bank.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE + "bank.schema.json"
    assert (
        json.loads((folder / "bank.schema.json").read_text(encoding="utf-8"))["title"]
        == "Media-literacy quiz bank file"
    )
    assert (folder / "sources").is_dir()
    bank = load_bank(folder).bank
    assert bank is not None
    assert (bank.info.id, bank.info.title) == ("floods-of-2026-after-unicode", 'Floods of "2026" & after: Ünïcode')
    assert f"wrote {folder / 'bank.yaml'}" in capsys.readouterr().out
    assert main(["validate", str(folder)]) == 0


def test_new_bank_inside_questions_points_at_the_repository_schema(tmp_path: Path):
    repo = tmp_path / "repo"
    (repo / "questions").mkdir(parents=True)
    (repo / "questions" / "bank.schema.json").write_text("{}", encoding="utf-8")
    assert main(["new", "bank", str(repo / "questions" / "floods"), "--title", "Floods"]) == 0
    assert (
        (repo / "questions" / "floods" / "bank.yaml")
        .read_text(encoding="utf-8")
        .startswith(MODELINE + "../bank.schema.json\n")
    )
    assert not (repo / "questions" / "floods" / "bank.schema.json").exists()
    assert main(["new", "bank", str(repo / "classes" / "year-9" / "floods"), "--title", "Floods"]) == 0
    assert (
        (repo / "classes" / "year-9" / "floods" / "bank.yaml")
        .read_text(encoding="utf-8")
        .startswith(MODELINE + "../../../questions/bank.schema.json\n")
    )


def test_the_bundled_bank_folder_resolves_to_the_real_schema():
    repo = Path(__file__).resolve().parents[2]
    assert schema_reference(repo / "questions" / "cuties-2020") == "../bank.schema.json"


def test_new_bank_never_overwrites(make_bank, capsys: pytest.CaptureFixture[str]):
    folder = make_bank()
    before = (folder / "bank.yaml").read_text(encoding="utf-8")
    assert main(["new", "bank", str(folder), "--title", "Again"]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {folder}: already holds a bank (bank.yaml); quiz new bank never overwrites one\n"
    )
    assert (folder / "bank.yaml").read_text(encoding="utf-8") == before


def test_new_bank_refuses_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert main(["new", "bank", str(tmp_path / "notes.txt"), "--title", "T"]) == 1
    assert capsys.readouterr().err == f"error: {tmp_path / 'notes.txt'}: exists and is not a folder\n"


@pytest.mark.parametrize("question_type", QUESTION_TYPES)
def test_every_type_of_skeleton_validates_as_a_draft(question_type: str, make_bank, capsys: pytest.CaptureFixture[str]):
    folder = make_bank()
    assert main(["new", "question", "--bank", str(folder), "--type", question_type]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"added {question_type} question 'new-{question_type}-question' (draft: true) to {folder / 'questions.yaml'}\n"
    )
    text = (folder / "questions.yaml").read_text(encoding="utf-8")
    assert text.startswith(MODELINE)
    result = load_bank(folder)
    assert result.errors == ()
    question = result.bank.questions[f"new-{question_type}-question"]  # type: ignore[union-attr]
    assert question.draft and question.type == question_type
    assert question.cite[0].source == "gazette"
    assert question.cite[0].quote == "Bridge vote splits Millbrook council"  # the source's first line
    assert [issue.message for issue in result.warnings] == ["draft: checked, but never served in a quiz"]
    assert main(["validate", str(folder)]) == 0


def test_appending_keeps_the_authors_text_and_picks_a_free_id(make_bank):
    authored = (
        "# Questions about the bridge -- written by hand\n"
        "questions:\n"
        "- id: new-single-question   # an id the skeleton would have wanted\n"
        "  type: true-false\n"
        "  prompt: 'The council voted 5 to 4.'\n"
        "  answer: true\n"
        "  explanation: It says so.\n"
        "  cite: [{source: gazette, quote: The council voted 5 to 4}]\n"
        "  skills: [numbers]\n"
        "\n"
        "# Quizzes come last in this file.\n"
        "quizzes:\n"
        "  - {id: all, title: All, questions: [new-single-question]}\n"
    )
    folder = make_bank({"questions.yaml": authored})
    assert main(["new", "question", "--bank", str(folder), "--type", "single"]) == 0
    text = (folder / "questions.yaml").read_text(encoding="utf-8")
    head, tail = authored.split("\n# Quizzes")
    assert text.startswith(head + "\n- id: new-single-question-2\n  type: single\n")  # the list's own indentation
    assert text.endswith("\n# Quizzes" + tail)
    result = load_bank(folder)
    assert result.errors == ()
    assert list(result.bank.questions) == ["new-single-question", "new-single-question-2"]  # type: ignore[union-attr]


def test_a_file_without_questions_gets_the_key(make_bank):
    folder = make_bank({"more.yml": "# only a comment\n"})
    assert (
        main(["new", "question", "--bank", str(folder), "--type", "order", "--id", "steps", "--file", "more.yml"]) == 0
    )
    text = (folder / "more.yml").read_text(encoding="utf-8")
    assert text.startswith("# only a comment\n\nquestions:\n  - id: steps\n    type: order\n")
    assert load_bank(folder).errors == ()


def test_no_source_to_cite(make_bank, capsys: pytest.CaptureFixture[str]):
    folder = make_bank(bank_yaml="bank: {id: empty, title: Empty}\n")
    assert main(["new", "question", "--bank", str(folder), "--type", "single"]) == 1
    assert capsys.readouterr().err == (
        f"error: {folder}: the bank has no source, and every question must cite one; add the article under 'sources:' "
        f"first, or run: quiz draft ARTICLE --bank {folder}\n"
    )
    assert not (folder / "questions.yaml").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--type", "essay"],
            "--type: unknown question type 'essay'; one of: single, multiple, true-false, order, claim-check",
        ),
        (
            ["--type", "single", "--file", "../outside.yaml"],
            "--file: expected a file name ending in .yaml or .yml, directly in the bank folder, found "
            "'../outside.yaml'",
        ),
        (
            ["--type", "single", "--file", "notes.txt"],
            "--file: expected a file name ending in .yaml or .yml, directly in the bank folder, found 'notes.txt'",
        ),
        (
            ["--type", "single", "--id", "Cost Question"],
            "--id: expected a slug (lowercase letters, digits and hyphens), found 'Cost Question'",
        ),
        (["--type", "single", "--id", "cost"], "--id: the bank already has a question 'cost'"),
    ],
)
def test_refusals(args: list[str], message: str, make_bank, capsys: pytest.CaptureFixture[str]):
    folder = make_bank({"questions.yaml": QUESTION_YAML})
    before = (folder / "questions.yaml").read_text(encoding="utf-8")
    assert main(["new", "question", "--bank", str(folder), *args]) == 1
    assert capsys.readouterr().err == f"error: {message}\n"
    assert (folder / "questions.yaml").read_text(encoding="utf-8") == before
    assert not (folder.parent / "outside.yaml").exists()


def test_a_flow_list_is_not_rewritten(make_bank, capsys: pytest.CaptureFixture[str]):
    folder = make_bank({"questions.yaml": "questions: []\n"})
    assert main(["new", "question", "--bank", str(folder), "--type", "single"]) == 1
    assert "its 'questions:' is a [flow, list]" in capsys.readouterr().err
    assert (folder / "questions.yaml").read_text(encoding="utf-8") == "questions: []\n"


def test_no_bank_here(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["new", "question", "--bank", str(tmp_path), "--type", "single"]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {tmp_path}: no bank here (no .yaml files); create one with: quiz new bank {tmp_path} --title "
        "TITLE\n"
    )


def test_crlf_files_stay_crlf(make_bank):
    folder = make_bank()
    (folder / "questions.yaml").write_bytes(QUESTION_YAML.replace("\n", "\r\n").encode("utf-8"))
    assert main(["new", "question", "--bank", str(folder), "--type", "true-false"]) == 0
    data = (folder / "questions.yaml").read_bytes()
    assert data.startswith(QUESTION_YAML.replace("\n", "\r\n").encode("utf-8"))
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert load_bank(folder).errors == ()
