"""quiz/report/responses.py: responses.csv read back exactly, and every malformed file refused at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.report import responses
from quiz.report.records import Response, table

ROWS = (
    Response("a1", "Ada", "q1", 1.0, "as1", 0, (2,), 0.75, 12.5, ("gazette", "herald"), "2026-12-02T10:00:00Z"),
    Response("a1", "Ada", "q2", 0.0, "as1", 1, None, None, 3.0, (), "2026-12-02T10:00:09Z"),
    Response("a2", 'Bo, "the" second', "q1", 0.5, "as1", 0, (0, 3), None, None, (), ""),
)


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "responses.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    found, issues = responses.read(path, "responses.csv")
    assert found == ()
    return [responses.format_issue(issue) for issue in issues]


def test_written_responses_read_back_equal(tmp_path: Path):
    text = responses.text(ROWS)
    assert text.splitlines()[0] == (
        "assignment,attempt,learner,position,question,answer,mark,confidence,seconds,opened_sources,answered_at"
    )
    assert text.splitlines()[1] == "as1,a1,Ada,0,q1,2,1,0.75,12.5,gazette herald,2026-12-02T10:00:00Z"
    found, issues = responses.read(write(tmp_path, text))
    assert issues == () and found == ROWS


def test_only_four_columns_are_needed_and_unknown_ones_are_ignored(tmp_path: Path):
    path = write(tmp_path, "\ufeffnote,mark,question,learner,attempt\nhello,1,q1,Ada,a1\n\nhi,0,q2,Ada,a1\n")
    found, issues = responses.read(path)
    assert issues == ()
    assert found == (Response("a1", "Ada", "q1", 1.0), Response("a1", "Ada", "q2", 0.0))


def test_a_missing_column(tmp_path: Path):
    assert messages(write(tmp_path, "attempt,learner,question,answer\na1,Ada,q1,2\n")) == [
        "responses.csv:1: error: the header has no column 'mark'; found: attempt, learner, question, answer "
        "(hint: the columns needed are attempt, learner, question, mark)"
    ]
    assert messages(write(tmp_path, "")) == [
        "responses.csv:1: error: the header has no column 'attempt', 'learner', 'question', 'mark'; found: nothing "
        "(hint: the columns needed are attempt, learner, question, mark)"
    ]


def test_a_mark_outside_0_to_1_and_every_other_bad_cell_in_one_pass(tmp_path: Path):
    text = (
        "attempt,learner,question,mark,seconds,answer\n"
        "a1,Ada,q1,1.5,3,0\n"
        "a1,Ada,q2,-0.1,,\n"
        "a1,Ada,q3,nan,,\n"
        'a1,"Ada\nLovelace",q4,right,,\n'
        "a1,,q5,1,-2,b\n"
    )
    assert messages(write(tmp_path, text)) == [
        "responses.csv:2: error: mark: expected a fraction from 0 to 1, found '1.5' (hint: 0 for wrong or unanswered, "
        "1 for right)",
        "responses.csv:3: error: mark: expected a fraction from 0 to 1, found '-0.1' (hint: 0 for wrong or unanswered, "
        "1 for right)",
        "responses.csv:4: error: mark: expected a fraction from 0 to 1, found 'nan' (hint: 0 for wrong or unanswered, "
        "1 for right)",
        "responses.csv:5: error: mark: expected a fraction from 0 to 1, found 'right' (hint: 0 for wrong or "
        "unanswered, 1 for right)",
        "responses.csv:7: error: learner: empty; every row needs one",
        "responses.csv:7: error: answer: expected option indexes separated by spaces, found 'b' (hint: for example: 2, "
        "or 0 3)",
        "responses.csv:7: error: seconds: expected a number from 0, found '-2'",
    ]


def test_a_duplicated_attempt_and_question(tmp_path: Path):
    text = "attempt,learner,question,mark\na1,Ada,q1,1\na1,Ada,q2,0\na2,Bo,q1,1\na1,Ada,q1,0\n"
    assert messages(write(tmp_path, text)) == [
        "responses.csv:5: error: attempt 'a1' has question 'q1' twice: it is on line 2 too "
        "(hint: keep one row per question of each attempt)"
    ]


def test_not_utf8(tmp_path: Path):
    path = write(tmp_path, "attempt,learner,question,mark\na1,Ada,q1,1\na2,Zo\xe9,q1,1\n".encode("latin-1"))
    assert messages(path) == [
        "responses.csv:3: error: not UTF-8: byte 0xe9 cannot start or continue a character (hint: save the file as "
        "UTF-8)"
    ]


def test_a_file_that_cannot_be_read(tmp_path: Path):
    assert messages(tmp_path / "missing.csv") == ["responses.csv: error: cannot be read: No such file or directory"]


def test_table_orders_attempts_and_questions_by_first_appearance():
    arrays = table(ROWS)
    assert arrays.attempts == ("a1", "a2") and arrays.questions == ("q1", "q2")
    assert arrays.marks.tolist() == [[1.0, 0.0], [0.5, 0.0]]
    assert arrays.present.tolist() == [[True, True], [True, False]]
    assert arrays.answers == (((2,), None), ((0, 3), None))


@pytest.mark.parametrize("mark", ["0", "1", "0.25", "1.0", "1e-1"])
def test_marks_in_range(tmp_path: Path, mark: str):
    found, issues = responses.read(write(tmp_path, f"attempt,learner,question,mark\na,b,c,{mark}\n"))
    assert issues == () and found[0].mark == float(mark)


def test_a_clean_file_and_the_same_file_with_one_bad_row_read_alike(tmp_path: Path):
    # The whole-file path (every row good) and the row-by-row path (at the first doubt) agree.
    good = responses.text(ROWS)
    with_blank = good.replace("\n", "\n\n", 2)
    first, _ = responses.read(write(tmp_path, good))
    second, issues = responses.read(write(tmp_path, with_blank))
    assert issues == () and first == second == ROWS
    assert messages(write(tmp_path, good + "as1,a3,Cy,,q1,,2,,,,\n")) == [
        "responses.csv:5: error: mark: expected a fraction from 0 to 1, found '2' (hint: 0 for wrong or unanswered, 1 "
        "for right)"
    ]
