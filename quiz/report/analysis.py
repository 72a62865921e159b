"""From responses (and, when there is one, the bank) to Moodle's statistics with every flag.

Without a bank (``quiz stats`` on a file) the choices are known only from the answers seen: a wrong
choice is a single-option answer that scored 0 and never 1, and "nobody picked it" cannot be said.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from quiz.bank.model import Bank, ClaimCheckQuestion, Question, SingleQuestion, TrueFalseQuestion
from quiz.play import engine
from quiz.report import stats
from quiz.report.records import Response, Table, collector_paused, table


def random_guess_score(question: Question) -> float | None:
    """Moodle's qtype ``get_random_guess_score``: the mean choice fraction of a single-answer
    question, 0.5 for true/false, none for multiple answers or ordering."""
    if isinstance(question, SingleQuestion):
        return sum(choice.correct for choice in question.choices) / len(question.choices)
    if isinstance(question, TrueFalseQuestion):
        return 0.5
    if isinstance(question, ClaimCheckQuestion):
        return 1 / len(engine.VERDICTS)
    return None


def analyse(responses: Sequence[Response], bank: Bank | None = None) -> stats.Stats:
    """The statistics of these responses (one assignment's), with the choice-level flags."""
    with collector_paused():
        return _analyse(responses, bank)


def _analyse(responses: Sequence[Response], bank: Bank | None) -> stats.Stats:
    arrays = table(responses)
    known = {} if bank is None else {qid: bank.questions[qid] for qid in arrays.questions if qid in bank.questions}
    guesses = {qid: random_guess_score(question) for qid, question in known.items()}
    computed = stats.compute(arrays.questions, arrays.marks, arrays.present, guesses)
    totals = arrays.marks.sum(axis=1).tolist()
    questions = []
    for column, question_stats in enumerate(computed.questions):
        extra = _choice_flags(arrays, column, totals, known.get(question_stats.question))
        questions.append(replace(question_stats, flags=question_stats.flags + extra))
    return stats.Stats(computed.quiz, tuple(questions))


def _choice_flags(arrays: Table, column: int, totals: list[float], question: Question | None) -> tuple[stats.Flag, ...]:
    rows = [row for row in range(len(arrays.attempts)) if arrays.present[row, column]]
    answers = [arrays.answers[row][column] for row in rows]
    picks = [None if answer is None else frozenset(answer) for answer in answers]
    row_totals = [totals[row] for row in rows]
    if question is not None:
        if question.answer_shape == "order":  # its answers are orders, not picks of options
            return ()
        labels = dict(enumerate(engine.options(question)))
        right = set(engine.right_answer(question))
        wrong = [option for option in labels if option not in right]
        return stats.choice_flags(picks, row_totals, wrong, labels, every_choice_known=True)
    marks = [float(arrays.marks[row, column]) for row in rows]
    singles = [(answer[0], mark) for answer, mark in zip(answers, marks) if answer is not None and len(answer) == 1]
    scored_right = {option for option, mark in singles if mark >= 1}
    wrong = sorted({option for option, mark in singles if mark == 0} - scored_right)
    return stats.choice_flags(picks, row_totals, wrong, {option: f"answer {option}" for option in wrong}, False)
