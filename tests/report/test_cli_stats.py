"""`quiz stats RESPONSES.csv [--format text|json]`: the contract scripts rely on (quiz/cli.py,
quiz/report/output.py)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.cli import main
from tests.conftest import REPO
from tests.report.test_stats import HAND, IDS

# The hand-worked class of test_stats.py; the answers are option indexes, 0 the keyed one, and on q4
# C picked choice 2, which nobody else did.
PICKED = {("C", "q4"): "2"}


def hand_csv(tmp_path: Path) -> Path:
    lines = ["attempt,learner,question,mark,answer,extra"]
    for learner, row in zip("ABCDEF", HAND):
        for question, mark in zip(IDS, row):
            answer = "0" if mark else PICKED.get((learner, question), "1")
            lines.append(f"attempt-{learner},{learner},{question},{mark},{answer},ignored")
    path = tmp_path / "responses.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["stats", str(hand_csv(tmp_path))]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Attempts: 6",
        "Mean: 62.50%",
        "Median: 62.50%",
        "Standard deviation: 26.22%",
        "Skewness: 0.00",
        "Excess kurtosis: -0.25",
        "Coefficient of internal consistency: 8.08%",
        "Error ratio: 95.87%",
        "Standard error: 25.14%",
        "",
        "question      n  facility       SD       DI       DE",
        "q1            6     83.33    40.82    40.00   100.00",
        "q2            6     50.00    54.77    57.74   100.00",
        "q3            6     66.67    51.64    34.30    40.00",
        "q4            6     50.00    54.77   -57.74   -66.67",
        "q1: discrimination index 40.0 (under 50): likely needs checking",
        "q3: discrimination index 34.3 (under 50): likely needs checking",
        "q4: discrimination index -57.7: learners who did well overall got this wrong more often: check the key",
        "q4: discriminative efficiency -66.7 (under 15): dubious; it does little of the sorting it could do",
        "q4: wrong choice 'answer 2': picked by 1 of the top third and 0 of the bottom third; it may be defensible: "
        "read it again",
    ]


def test_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["stats", str(hand_csv(tmp_path)), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["quiz", "questions"]
    quiz = document["quiz"]
    assert list(quiz) == [
        "attempts",
        "mean",
        "median",
        "sd",
        "skewness",
        "kurtosis",
        "cic",
        "error_ratio",
        "standard_error",
    ]
    assert quiz["attempts"] == 6 and quiz["mean"] == 62.5 and quiz["median"] == 62.5
    assert math.isclose(quiz["cic"], 800 / 99, abs_tol=1e-9)
    assert [question["question"] for question in document["questions"]] == ["q1", "q2", "q3", "q4"]
    q4 = document["questions"][3]
    assert list(q4) == ["question", "n", "facility", "sd", "discrimination_index", "discriminative_efficiency", "flags"]
    assert math.isclose(q4["discrimination_index"], -100 / math.sqrt(3), abs_tol=1e-9)
    assert [flag["code"] for flag in q4["flags"]] == [
        "negative-discrimination",
        "dubious",
        "choice-may-be-defensible",
    ]
    assert q4["flags"][0]["reason"].endswith("check the key")


def test_json_null_where_a_figure_cannot_be_computed(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "one.csv"
    path.write_text("attempt,learner,question,mark\na,Ada,q1,1\na,Ada,q2,0\n", encoding="utf-8")
    assert main(["stats", str(path), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["quiz"] == {
        "attempts": 1,
        "mean": 50.0,
        "median": 50.0,
        "sd": None,
        "skewness": None,
        "kurtosis": None,
        "cic": None,
        "error_ratio": None,
        "standard_error": None,
    }
    assert document["questions"][0] == {
        "question": "q1",
        "n": 1,
        "facility": 100.0,
        "sd": None,
        "discrimination_index": None,
        "discriminative_efficiency": None,
        "flags": [
            {
                "code": "too-easy",
                "reason": "facility 100.0: almost everyone got it right, so it tells learners apart little",
            }
        ],
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "attempt,learner,question\na,Ada,q1\n",
            "{file}:1: error: the header has no column 'mark'; found: attempt, learner, question "
            "(hint: the columns needed are attempt, learner, question, mark)",
        ),
        (
            "attempt,learner,question,mark\na,Ada,q1,1\na,Ada,q2,2\n",
            "{file}:3: error: mark: expected a fraction from 0 to 1, found '2' (hint: 0 for wrong or unanswered, 1 for "
            "right)",
        ),
        (
            "attempt,learner,question,mark\na,Ada,q1,1\na,Ada,q1,0\n",
            "{file}:3: error: attempt 'a' has question 'q1' twice: it is on line 2 too "
            "(hint: keep one row per question of each attempt)",
        ),
        (
            b"attempt,learner,question,mark\n\xff,Ada,q1,1\n",
            "{file}:2: error: not UTF-8: byte 0xff cannot start or continue a character (hint: save the file as UTF-8)",
        ),
    ],
    ids=["missing-column", "mark-outside", "duplicate", "not-utf8"],
)
def test_a_malformed_file_is_one_line_per_problem_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str | bytes, message: str
):
    path = tmp_path / "responses.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    assert main(["stats", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == message.format(file=path) + "\n"


def test_the_real_command(tmp_path: Path):
    path = hand_csv(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "quiz", "stats", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["quiz"]["attempts"] == 6
    broken = tmp_path / "broken.csv"
    broken.write_text("attempt,learner,question,mark\na,Ada,q1,x\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "quiz", "stats", str(broken)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(f"{broken}:2: error: mark: expected a fraction from 0 to 1, found 'x'")


def test_the_worked_example_in_the_docs_is_what_the_command_prints(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    doc = (REPO / "docs" / "statistics.md").read_text(encoding="utf-8")
    block = doc.split("$ quiz stats responses.csv\n", 1)[1].split("```", 1)[0]
    assert main(["stats", str(hand_csv(tmp_path))]) == 0
    printed = capsys.readouterr().out.splitlines()
    shown = [line for line in block.splitlines() if line != "..."]
    assert shown and all(line in printed for line in shown)
