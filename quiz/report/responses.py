"""``responses.csv``: the report's download and ``quiz stats``'s input, read and written.

UTF-8 (a byte-order mark is allowed), a header row, one row per question of each finished attempt.
Required columns: ``attempt``, ``learner``, ``question``, ``mark`` (a fraction 0 to 1; 0 for a question
left unanswered, whose ``answer`` is empty). Optional: ``assignment``, ``position`` (0-based),
``answer`` (option indexes in the bank's order, separated by spaces), ``confidence``, ``seconds``,
``opened_sources`` (source ids separated by spaces), ``answered_at`` (ISO 8601, UTC). Unknown
columns are ignored. Every problem of a file is found in one pass and is an :class:`Issue` whose
line is the row's first line; a CSV has no useful column, so it is formatted ``FILE:LINE: error: …``.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from quiz.errors import Issue
from quiz.report.records import Response, collector_paused

REQUIRED = ("attempt", "learner", "question", "mark")
COLUMNS = (
    "assignment",
    "attempt",
    "learner",
    "position",
    "question",
    "answer",
    "mark",
    "confidence",
    "seconds",
    "opened_sources",
    "answered_at",
)


def format_issue(issue: Issue) -> str:
    """``FILE:LINE: error: COLUMN: MESSAGE (hint: HINT)``: Issue's own format without the column number."""
    what = f"{issue.path}: {issue.message}" if issue.path else issue.message
    where = f"{issue.file}:{issue.line}" if issue.line else issue.file
    text = f"{where}: {issue.severity.value}: {what}"
    return text + (f" (hint: {issue.hint})" if issue.hint else "")


def read(path: Path, name: str | None = None) -> tuple[tuple[Response, ...], tuple[Issue, ...]]:
    """The responses of a file, or every reason it is refused (``name`` is how issues name the file)."""
    shown = name or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return (), (Issue(shown, 0, 0, "", f"cannot be read: {exc.strerror or exc}"),)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return (), (
            Issue(
                shown,
                line,
                0,
                "",
                f"not UTF-8: byte 0x{data[exc.start]:02x} cannot start or continue a character",
                "save the file as UTF-8",
            ),
        )
    with collector_paused():
        return parse(text, shown)


def parse(text: str, name: str) -> tuple[tuple[Response, ...], tuple[Issue, ...]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    issues: list[Issue] = []
    try:
        header = next(reader)
    except StopIteration:
        header = []
    except csv.Error as exc:
        return (), (Issue(name, 1, 0, "", f"not a CSV row: {exc}"),)
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        found = ", ".join(header) if header else "nothing"
        return (), (
            Issue(
                name,
                1,
                0,
                "",
                f"the header has no column {', '.join(repr(column) for column in missing)}; found: {found}",
                f"the columns needed are {', '.join(REQUIRED)}",
            ),
        )
    # Absent optional columns read the empty cell appended at index len(header).
    empty = len(header)
    at = [header.index(column) if column in header else empty for column in FIELDS]
    fast = _every_row_good(reader, at, empty)
    if fast is not None:
        return fast, ()
    # Something is wrong: read again, row by row, to say what and where.
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    responses: list[Response] = []
    seen: dict[tuple[str, str], int] = {}
    line = reader.line_num + 1
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if len(row) <= empty:
                row += [""] * (empty + 1 - len(row))
            else:
                row[empty] = ""
            cells = [row[index].strip() for index in at]
            if not any(cells) and not any(cell.strip() for cell in row):
                continue
            response = _response(cells, name, start, issues)
            if response is None:
                continue
            key = (response.attempt, response.question)
            if key in seen:
                issues.append(
                    Issue(
                        name,
                        start,
                        0,
                        "",
                        f"attempt {response.attempt!r} has question {response.question!r} twice: it is on line "
                        f"{seen[key]} too",
                        "keep one row per question of each attempt",
                    )
                )
                continue
            seen[key] = start
            responses.append(response)
    except csv.Error as exc:
        issues.append(Issue(name, line, 0, "", f"not a CSV row: {exc}"))
    return (() if issues else tuple(responses)), tuple(issues)


def _every_row_good(reader: Iterator[list[str]], at: list[int], empty: int) -> tuple[Response, ...] | None:
    """The responses, column by column, when every row is good (the usual case, and 3 times faster
    than row by row); None at the first doubt (a bad cell, a blank row, a repeat, a CSV error)."""
    try:
        rows = list(reader)
    except csv.Error:
        return None
    width = empty + 1
    if any(len(row) < width for row in rows):
        rows = [row + [""] * (width - len(row)) if len(row) < width else row for row in rows]
    blank = [""] * len(rows)
    columns = [[row[index].strip() for row in rows] if index != empty else blank for index in at]
    attempt, learner, question, mark_text, assignment, position, answer, confidence, seconds, opened, answered = columns
    if not (all(attempt) and all(learner) and all(question)):
        return None
    if len(set(zip(attempt, question))) != len(rows):
        return None
    marks = [COMMON_MARKS.get(text) for text in mark_text]
    if None in marks:
        marks = [_number(text) for text in mark_text]
        if any(mark is None or not 0 <= mark <= 1 for mark in marks):
            return None
    if not all((text.isdigit() and text.isascii()) or not text for text in position):
        return None
    answers = [(int(text),) if text.isdigit() and text.isascii() else _answer(text) for text in answer]
    if any(found is None and text for found, text in zip(answers, answer)):
        return None
    numbers: list[list[float | None]] = []
    for column in (confidence, seconds):
        values: list[float | None] = (
            [_number(text) if text else None for text in column] if any(column) else [None] * len(rows)
        )
        if any(text and (value is None or value < 0) for text, value in zip(column, values)):
            return None
        numbers.append(values)
    return tuple(
        map(
            Response._make,
            zip(
                attempt,
                learner,
                question,
                marks,
                assignment,
                [int(text) if text else None for text in position],
                answers,
                numbers[0],
                numbers[1],
                [tuple(text.split()) for text in opened],
                answered,
            ),
        )
    )


def _answer(text: str) -> tuple[int, ...] | None:
    tokens = text.split()
    if not tokens or not all(token.isdigit() and token.isascii() for token in tokens):
        return None
    return tuple(int(token) for token in tokens)


# Response's fields in order: the cells a row is read into.
FIELDS = Response._fields
COMMON_MARKS = {"0": 0.0, "1": 1.0}


def _response(cells: list[str], name: str, line: int, issues: list[Issue]) -> Response | None:
    attempt, learner, question, mark_text, assignment, position, answer_text, confidence, seconds, opened, at = cells
    mark = COMMON_MARKS.get(mark_text)
    if mark is None:
        mark = _number(mark_text)
        if mark is not None and not 0 <= mark <= 1:
            mark = None
    if answer_text.isdigit() and answer_text.isascii():
        answer: tuple[int, ...] | None = (int(answer_text),)
    elif answer_text:
        tokens = answer_text.split()
        answer = tuple(int(token) for token in tokens if token.isdigit() and token.isascii())
        answer = answer if len(answer) == len(tokens) else None
    else:
        answer = None
    confidence_value = _number(confidence) if confidence else None
    seconds_value = _number(seconds) if seconds else None
    good_position = not position or (position.isdigit() and position.isascii())
    if (
        attempt
        and learner
        and question
        and mark is not None
        and (answer is not None or not answer_text)
        and good_position
        and (not confidence or (confidence_value is not None and confidence_value >= 0))
        and (not seconds or (seconds_value is not None and seconds_value >= 0))
    ):
        return Response(
            attempt,
            learner,
            question,
            mark,
            assignment,
            int(position) if position else None,
            answer,
            confidence_value,
            seconds_value,
            tuple(opened.split()),
            at,
        )

    def refuse(column: str, message: str, hint: str = "") -> None:
        issues.append(Issue(name, line, 0, column, message, hint))

    for column, cell in (("attempt", attempt), ("learner", learner), ("question", question)):
        if not cell:
            refuse(column, "empty; every row needs one")
    if mark is None:
        refuse(
            "mark", f"expected a fraction from 0 to 1, found {mark_text!r}", "0 for wrong or unanswered, 1 for right"
        )
    if not good_position:
        refuse("position", f"expected a whole number from 0, found {position!r}")
    if answer is None and answer_text:
        refuse(
            "answer", f"expected option indexes separated by spaces, found {answer_text!r}", "for example: 2, or 0 3"
        )
    numbers: tuple[tuple[str, str, float | None], ...] = (
        ("confidence", confidence, confidence_value),
        ("seconds", seconds, seconds_value),
    )
    for column, text, value in numbers:
        if text and (value is None or value < 0):
            refuse(column, f"expected a number from 0, found {text!r}")
    return None


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def write(responses: Iterable[Response], stream: TextIO) -> None:
    """Every column, in ``COLUMNS`` order; reads back to equal responses."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for response in responses:
        writer.writerow(
            (
                response.assignment,
                response.attempt,
                response.learner,
                "" if response.position is None else response.position,
                response.question,
                "" if response.answer is None else " ".join(map(str, response.answer)),
                _plain(response.mark),
                "" if response.confidence is None else _plain(response.confidence),
                "" if response.seconds is None else _plain(response.seconds),
                " ".join(response.opened_sources),
                response.answered_at,
            )
        )


def text(responses: Sequence[Response]) -> str:
    buffer = io.StringIO()
    write(responses, buffer)
    return buffer.getvalue()


def _plain(number: float) -> str:
    """``1`` rather than ``1.0``; otherwise Python's shortest round-tripping form."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))
