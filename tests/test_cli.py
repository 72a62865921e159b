"""quiz/cli.py: `quiz validate` and `quiz schema`, called as main([...]) and as a real process."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.cli import _parser, main
from tests.conftest import MINI, QUESTION_YAML, REPO


def test_validate_passes_on_a_good_bank(capsys: pytest.CaptureFixture[str], make_bank):
    folder = make_bank({"questions.yaml": QUESTION_YAML})
    assert main(["validate", str(folder)]) == 0
    assert capsys.readouterr().out == "1 bank, 1 question, 0 errors, 0 warnings\n"


def test_warnings_fail_only_under_strict(capsys: pytest.CaptureFixture[str]):
    assert main(["validate", str(MINI)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "1 bank, 7 questions, 0 errors, 1 warning"
    assert out[0].endswith(
        "warning: questions[id=vanity].draft: draft: checked, but never served in a quiz (hint: remove 'draft: true' "
        "once the question is reviewed)"
    )
    assert main(["validate", "--strict", str(MINI)]) == 1


def test_errors_exit_1_and_every_line_is_clickable(capsys: pytest.CaptureFixture[str], make_bank):
    second = QUESTION_YAML.replace("questions:\n", "").replace("id: cost", "id: cost-2").replace("[numbers]", "[nums]")
    folder = make_bank({"questions.yaml": QUESTION_YAML.replace("correct: true", "correct: yes") + second})
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{folder}{os.sep}questions.yaml:7:18: error: questions[id=cost].choices[0].correct: expected true or false, "
        "found 'yes' (hint: only true and false are booleans: write true)",
        f"{folder}{os.sep}questions.yaml:27:14: error: questions[id=cost-2].skills[0]: unknown skill 'nums' (hint: did "
        "you mean 'numbers'?)",
        "1 bank, 0 questions, 2 errors, 0 warnings",
    ]


def test_json_format(capsys: pytest.CaptureFixture[str], make_bank):
    folder = make_bank({"questions.yaml": QUESTION_YAML.replace("[numbers]", "[nums]")})
    assert main(["validate", "--format", "json", str(folder)]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out) == [
        {
            "file": f"{folder}{os.sep}questions.yaml",
            "line": 14,
            "col": 14,
            "path": "questions[id=cost].skills[0]",
            "message": "unknown skill 'nums'",
            "hint": "did you mean 'numbers'?",
            "severity": "error",
        }
    ]
    assert captured.err == "1 bank, 0 questions, 1 error, 0 warnings\n"


def test_a_broken_bank_does_not_hide_the_others(capsys: pytest.CaptureFixture[str], make_bank, tmp_path: Path):
    make_bank({"questions.yaml": QUESTION_YAML}, name="good")
    make_bank({"questions.yaml": "questions: [\n"}, name="bad")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{tmp_path}{os.sep}bad{os.sep}questions.yaml:2:1: error: invalid YAML:")
    assert out[-1] == "2 banks, 1 question, 1 error, 0 warnings"


def test_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    assert main(["validate", str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().out.splitlines()[0] == f"{tmp_path / 'nope'}:0:0: error: no such file or folder"


def test_schema_prints_draft_07(capsys: pytest.CaptureFixture[str]):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert set(schema["properties"]) == {"bank", "skills", "sources", "claims", "questions", "quizzes"}


def test_console_script_and_module_run_the_same(make_bank):
    folder = make_bank({"questions.yaml": QUESTION_YAML})
    for command in ([sys.executable, "-m", "quiz"], [str(Path(sys.executable).with_name("quiz"))]):
        done = subprocess.run([*command, "validate", str(folder)], capture_output=True, text=True, cwd=REPO)
        assert (done.returncode, done.stdout, done.stderr) == (0, "1 bank, 1 question, 0 errors, 0 warnings\n", "")


def test_bundled_banks_validate_strictly():
    done = subprocess.run(
        [sys.executable, "-m", "quiz", "validate", "--strict", "questions"], capture_output=True, text=True, cwd=REPO
    )
    assert done.returncode == 0, done.stdout
    assert done.stdout.endswith(", 0 errors, 0 warnings\n")


BROKEN_FILES = {
    "tag": "questions:\n  - !!python/object/apply:os.system ['echo hi']\n",
    "custom-tag": "bank: !include other.yaml\n",
    "bomb": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + n)}: &{chr(98 + n)} [" + ", ".join([f"*{chr(97 + n)}"] * 10) + "]\n" for n in range(7)),
    "deep": "questions: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "syntax": "questions:\n  - id: x\n   type: single\n",
    "tabs": "questions:\n\t- id: x\n",
    "empty": "",
    "list-root": "- a\n- b\n",
    "scalar-root": "just text\n",
    "questions-not-a-list": "questions: {id: x}\n",
    "item-not-a-mapping": "questions:\n  - just text\n",
    "null-items": "questions:\n  -\n  - ~\n",
    "duplicate-key": "questions:\n  - id: a\n    id: b\n",
    "unknown-top-key": "question:\n  - id: a\n",
    "numbers-everywhere": "questions:\n  - {id: 1, type: 2, prompt: 3, explanation: 4, cite: 5, skills: 6}\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_broken_input_gives_located_errors_never_a_traceback(make_bank, name: str):
    folder = make_bank({"broken.yaml": BROKEN_FILES[name]})
    done = subprocess.run(
        [sys.executable, "-m", "quiz", "validate", str(folder)], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    lines = done.stdout.splitlines()
    assert "Traceback" not in done.stdout + done.stderr and done.stderr == ""
    assert lines[-1].startswith("1 bank, 0 questions, ")
    if name == "empty":
        assert done.returncode == 0
        return
    assert done.returncode == 1
    assert lines[:-1] and all(
        re.match(rf"{re.escape(str(folder))}/broken\.yaml:[1-9]\d*:[1-9]\d*: error: ", line) for line in lines[:-1]
    ), lines


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["new"], ["db"], ["db", "--url", "sqlite://"]])
def test_no_or_an_unknown_command_is_a_usage_error_not_another_command(
    capsys: pytest.CaptureFixture[str], argv: list[str]
):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # above all, not the schema that `main` once fell through to
    assert captured.err.startswith("usage: quiz") and "error:" in captured.err


def test_every_subcommand_names_the_function_it_runs():
    parser = _parser()
    commands = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        nested = [action for action in sub._actions if isinstance(action, argparse._SubParsersAction)]
        leaves = list(nested[0].choices.values()) if nested else [sub]
        for leaf in leaves:
            assert callable(leaf.get_default("run")), f"quiz {name}: its parser sets no run="


def test_json_lists_issues_in_the_order_of_the_text_output(capsys: pytest.CaptureFixture[str], make_bank):
    # Found in this order: the structure of b.yaml (correct: yes), then the checks across the bank
    # (an unknown skill in a.yaml, a duplicate id across both files), which sort before it.
    second = QUESTION_YAML.replace("correct: true", "correct: yes").replace("id: cost", "id: cost-2")
    folder = make_bank(
        {
            "a.yaml": QUESTION_YAML.replace("[numbers]", "[nums]"),
            "b.yaml": second + QUESTION_YAML.replace("questions:\n", ""),
        }
    )
    assert main(["validate", str(folder)]) == 1
    text = capsys.readouterr().out.splitlines()[:-1]
    assert main(["validate", "--format", "json", str(folder)]) == 1
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == len(text) >= 3
    assert [f"{issue['file']}:{issue['line']}:{issue['col']}:" for issue in listed] == [
        line.split(" ", 1)[0] for line in text
    ]
    assert [issue["file"] for issue in listed] == sorted(issue["file"] for issue in listed)


def test_importing_the_cli_leaves_the_subcommands_heavy_libraries_unloaded():
    """quiz validate starts fast: the record, the drafter and the statistics load only for their commands."""
    heavy = ("sqlalchemy", "alembic", "numpy", "quiz.record.db", "quiz.authoring.drafting.draft", "quiz.report.stats")
    script = f"import sys, quiz.cli; print([name for name in {heavy!r} if name in sys.modules])"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    assert done.stdout.strip() == "[]"
