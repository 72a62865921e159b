"""What the Teach page draws for one assignment, computed from plain records and the bank (no Streamlit).

Input: one :class:`~quiz.report.records.Response` per answered question and one :class:`AttemptInfo`
per attempt (so an attempt with no answer yet still shows), whatever the record's tables look like.
Every view is a frozen value; the page only draws it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

from quiz.bank.model import Bank, Claim
from quiz.play import engine
from quiz.report import analysis, stats
from quiz.report.records import Response

Status = Literal["not started", "in progress", "finished"]


@dataclass(frozen=True)
class AttemptInfo:
    """One attempt: whose, which questions (in the order shown), and when it finished (``""``: not yet)."""

    attempt: str
    learner: str
    question_ids: tuple[str, ...]
    started_at: str = ""
    finished_at: str = ""


# ---------------------------------------------------------------- roster


@dataclass(frozen=True)
class SkillMark:
    skill: str
    title: str
    right: float  # the sum of the marks
    total: int


@dataclass(frozen=True)
class RosterRow:
    attempt: str
    learner: str
    status: Status
    answered: int
    score: float  # the sum of the marks
    total: int
    percent: float
    seconds: float | None  # on the questions answered; None when no time was recorded
    skills: tuple[SkillMark, ...]
    finished_at: str


def roster(attempts: Sequence[AttemptInfo], responses: Sequence[Response], bank: Bank) -> tuple[RosterRow, ...]:
    """Each attempt's status, score, time and score per skill (skills in the bank's order)."""
    by_attempt = _by_attempt(responses)
    rows = []
    for info in attempts:
        answers = by_attempt.get(info.attempt, {})
        status: Status = "finished" if info.finished_at else ("in progress" if answers else "not started")
        score = sum(response.mark for response in answers.values())
        times = [response.seconds for response in answers.values() if response.seconds is not None]
        tally: dict[str, list[float]] = {}
        for question_id in info.question_ids:
            question = bank.questions.get(question_id)
            mark = answers[question_id].mark if question_id in answers else 0.0
            for skill in question.skills if question else ():
                counts = tally.setdefault(skill, [0.0, 0])
                counts[0] += mark
                counts[1] += 1
        order = list(bank.skills)
        skills = tuple(
            SkillMark(skill, bank.skills[skill].title if skill in bank.skills else skill, right, int(total))
            for skill, (right, total) in sorted(tally.items(), key=lambda item: _rank(order, item[0]))
        )
        total = len(info.question_ids)
        rows.append(
            RosterRow(
                attempt=info.attempt,
                learner=info.learner,
                status=status,
                answered=len(answers),
                score=score,
                total=total,
                percent=100 * score / total if total else 0.0,
                seconds=sum(times) if times else None,
                skills=skills,
                finished_at=info.finished_at,
            )
        )
    return tuple(rows)


# ---------------------------------------------------------------- grid


CellKind = Literal["right", "partial", "wrong", "unanswered"]
# A symbol as well as a colour, so the grid reads without colour (WCAG 1.4.1).
SYMBOLS: dict[CellKind, str] = {"right": "✓", "partial": "◐", "wrong": "✗", "unanswered": "–"}
COLOURS: dict[CellKind, str] = {"right": "green", "partial": "orange", "wrong": "red", "unanswered": "gray"}


@dataclass(frozen=True)
class Cell:
    kind: CellKind
    symbol: str
    colour: str
    mark: float | None


@dataclass(frozen=True)
class Grid:
    questions: tuple[str, ...]
    learners: tuple[tuple[str, str], ...]  # (attempt, learner) per row
    cells: tuple[tuple[Cell | None, ...], ...]  # None: the attempt did not have that question


def grid(attempts: Sequence[AttemptInfo], responses: Sequence[Response]) -> Grid:
    """Learners by questions (questions in the order they were first shown)."""
    questions = list(dict.fromkeys(question_id for info in attempts for question_id in info.question_ids))
    by_attempt = _by_attempt(responses)
    rows = []
    for info in attempts:
        answers = by_attempt.get(info.attempt, {})
        held = set(info.question_ids)
        rows.append(tuple(_cell(answers.get(qid)) if qid in held else None for qid in questions))
    return Grid(tuple(questions), tuple((info.attempt, info.learner) for info in attempts), tuple(rows))


def _cell(response: Response | None) -> Cell:
    if response is None or response.answer is None:
        kind: CellKind = "unanswered"
    elif response.mark >= 1:
        kind = "right"
    elif response.mark > 0:
        kind = "partial"
    else:
        kind = "wrong"
    return Cell(kind, SYMBOLS[kind], COLOURS[kind], None if response is None else response.mark)


# ---------------------------------------------------------------- choices


@dataclass(frozen=True)
class ChoiceCount:
    option: int
    label: str  # author Markdown, as the bank has it
    correct: bool
    picked: int
    share: float | None  # of the answers to this question


@dataclass(frozen=True)
class Distribution:
    question: str
    answered: int
    unanswered: int
    choices: tuple[ChoiceCount, ...]  # empty for an order question: its answers are orders, not picks


def distribution(
    question_id: str, attempts: Sequence[AttemptInfo], responses: Sequence[Response], bank: Bank
) -> Distribution:
    """How often each option was picked in the finished attempts, the ones the statistics use (as
    Moodle's response analysis counts the attempts its statistics count): an attempt in progress
    would move the bars while its facility stays put. A multiple answer counts once for each option
    picked; a finished attempt that left the question unanswered counts as unanswered."""
    question = bank.questions[question_id]
    mine = [response for response in finished_responses(attempts, responses) if response.question == question_id]
    answered = [response.answer for response in mine if response.answer is not None]
    choices: tuple[ChoiceCount, ...] = ()
    if question.answer_shape != "order":  # the options are picked, so each can be counted
        right = set(engine.right_answer(question))
        choices = tuple(
            ChoiceCount(
                option,
                label,
                option in right,
                picked := sum(option in answer for answer in answered),
                picked / len(answered) if answered else None,
            )
            for option, label in enumerate(engine.options(question))
        )
    return Distribution(question_id, len(answered), len(mine) - len(answered), choices)


# ---------------------------------------------------------------- what the class misread


@dataclass(frozen=True)
class Misread:
    """A claim of the ledger (or a skill): how often the questions on it were got right."""

    id: str
    title: str
    share_right: float | None  # the mean mark of the responses to its questions
    responses: int
    questions: tuple[str, ...]
    claim: Claim | None = None  # for a claim: its reports, to show side by side


def misread_claims(responses: Sequence[Response], bank: Bank) -> tuple[Misread, ...]:
    """Per claim, the claims most often got wrong first; claims no response touched are left out."""
    return _misread(responses, bank, lambda question: question.claims, lambda cid: bank.claims[cid].claim, True)


def misread_skills(responses: Sequence[Response], bank: Bank) -> tuple[Misread, ...]:
    return _misread(
        responses,
        bank,
        lambda question: question.skills,
        lambda sid: bank.skills[sid].title if sid in bank.skills else sid,
        False,
    )


def _misread(
    responses: Sequence[Response],
    bank: Bank,
    keys: Callable[..., Sequence[str]],
    title: Callable[[str], str],
    claims: bool,
) -> tuple[Misread, ...]:
    marks: dict[str, list[float]] = {}
    questions: dict[str, dict[str, None]] = {}
    for response in responses:
        question = bank.questions.get(response.question)
        for key in keys(question) if question else ():
            if claims and key not in bank.claims:
                continue
            marks.setdefault(key, []).append(response.mark)
            questions.setdefault(key, {})[response.question] = None
    found = [
        Misread(
            key,
            title(key),
            sum(values) / len(values),
            len(values),
            tuple(questions[key]),
            bank.claims[key] if claims else None,
        )
        for key, values in marks.items()
    ]
    return tuple(sorted(found, key=lambda item: (item.share_right, item.id)))


# ---------------------------------------------------------------- lateral reading


@dataclass(frozen=True)
class LateralReading:
    answers: int
    after_opening: int  # answers given after opening one of the question's cited sources in context
    share_after_opening: float | None
    accuracy_with: float | None  # the mean mark of those answers
    accuracy_without: float | None


def lateral_reading(responses: Sequence[Response], bank: Bank) -> LateralReading:
    answered = [response for response in responses if response.answer is not None]
    opened: list[float] = []
    not_opened: list[float] = []
    for response in answered:
        question = bank.questions.get(response.question)
        cited = {cite.source for cite in question.cite} if question else set()
        (opened if cited & set(response.opened_sources) else not_opened).append(response.mark)
    return LateralReading(
        answers=len(answered),
        after_opening=len(opened),
        share_after_opening=len(opened) / len(answered) if answered else None,
        accuracy_with=sum(opened) / len(opened) if opened else None,
        accuracy_without=sum(not_opened) / len(not_opened) if not_opened else None,
    )


# ---------------------------------------------------------------- gradebook


GRADEBOOK_COLUMNS = ("learner", "score", "out_of", "percent", "finished_at")


def gradebook_csv(rows: Sequence[RosterRow]) -> str:
    """One row per learner: their best finished attempt (Moodle's default, highest grade), or empty cells."""
    best: dict[str, RosterRow | None] = {}
    for row in rows:
        current = best.get(row.learner)
        if row.status == "finished" and (current is None or row.percent > current.percent):
            best[row.learner] = row
        else:
            best.setdefault(row.learner, None)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(GRADEBOOK_COLUMNS)
    for learner, chosen in best.items():
        name = "'" + learner if learner[:1] in ("=", "+", "-", "@") else learner  # never a spreadsheet formula
        if chosen is None:
            writer.writerow((name, "", "", "", ""))
        else:
            writer.writerow((name, f"{chosen.score:g}", chosen.total, f"{chosen.percent:.1f}", chosen.finished_at))
    return out.getvalue()


# ---------------------------------------------------------------- the whole report, cached


@dataclass(frozen=True)
class Report:
    stats: stats.Stats
    roster: tuple[RosterRow, ...]
    grid: Grid
    claims: tuple[Misread, ...]
    skills: tuple[Misread, ...]
    lateral: LateralReading


def report(attempts: Sequence[AttemptInfo], responses: Sequence[Response], bank: Bank) -> Report:
    """Everything but the per-question distributions (drawn when a question is opened). The statistics
    (and the distributions) use finished attempts only, as Moodle's do; a question left unanswered counts 0."""
    return Report(
        stats=analysis.analyse(finished_responses(attempts, responses), bank),
        roster=roster(attempts, responses, bank),
        grid=grid(attempts, responses),
        claims=misread_claims(responses, bank),
        skills=misread_skills(responses, bank),
        lateral=lateral_reading(responses, bank),
    )


# ---------------------------------------------------------------- back to the author


@dataclass(frozen=True)
class AuthorFlag:
    """A flag on a question, from one assignment's statistics, for the Author page."""

    assignment: str
    n: int
    flag: stats.Flag


def author_flags(per_assignment: Sequence[tuple[str, stats.Stats]]) -> dict[str, tuple[AuthorFlag, ...]]:
    """Each question's flags with the number of attempts and the assignment they come from."""
    found: dict[str, list[AuthorFlag]] = {}
    for assignment, computed in per_assignment:
        for question in computed.questions:
            for flag in question.flags:
                found.setdefault(question.question, []).append(AuthorFlag(assignment, question.n, flag))
    return {question: tuple(flags) for question, flags in found.items()}


def finished_responses(attempts: Sequence[AttemptInfo], responses: Sequence[Response]) -> list[Response]:
    """The responses of finished attempts, with a mark-0 row for each question one left unanswered:
    what the statistics use, and what ``responses.csv`` holds."""
    finished = {info.attempt: info for info in attempts if info.finished_at}
    answered = {(response.attempt, response.question) for response in responses}
    return [response for response in responses if response.attempt in finished] + [
        Response(info.attempt, info.learner, qid, 0.0)
        for info in finished.values()
        for qid in info.question_ids
        if (info.attempt, qid) not in answered
    ]


class ReportCache:
    """The last few reports by a key the caller gives: responses are append-only, so (assignment,
    number of responses, number of finished attempts, bank version) names the input, and a rerun
    with nothing new does no recomputation (nor hashes thousands of records)."""

    def __init__(self, size: int = 16):
        self.size = size
        self.reports: dict[Hashable, Report] = {}

    def get(self, key: Hashable, compute: Callable[[], Report]) -> Report:
        if key in self.reports:
            self.reports[key] = self.reports.pop(key)  # most recently used last
            return self.reports[key]
        found = self.reports[key] = compute()
        while len(self.reports) > self.size:
            del self.reports[next(iter(self.reports))]
        return found


def _by_attempt(responses: Sequence[Response]) -> dict[str, dict[str, Response]]:
    found: dict[str, dict[str, Response]] = {}
    for response in responses:
        found.setdefault(response.attempt, {})[response.question] = response
    return found


def _rank(order: list[str], skill: str) -> int:
    return order.index(skill) if skill in order else len(order)
