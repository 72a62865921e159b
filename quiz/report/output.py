"""Statistics for the command line: the JSON contract of ``quiz stats`` and its text form."""

from __future__ import annotations

import json

from quiz.report.stats import QuestionStats, Stats

QUIZ_KEYS = ("attempts", "mean", "median", "sd", "skewness", "kurtosis", "cic", "error_ratio", "standard_error")
QUESTION_KEYS = ("question", "n", "facility", "sd", "discrimination_index", "discriminative_efficiency")


def as_json(result: Stats) -> str:
    """``{"quiz": {...}, "questions": [{..., "flags": [{"code", "reason"}]}]}``; ``null`` where not computable."""
    document = {
        "quiz": {key: getattr(result.quiz, key) for key in QUIZ_KEYS},
        "questions": [
            {key: getattr(question, key) for key in QUESTION_KEYS}
            | {"flags": [{"code": flag.code, "reason": flag.reason} for flag in question.flags]}
            for question in result.questions
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


QUIZ_LABELS = (
    ("mean", "Mean", "%"),
    ("median", "Median", "%"),
    ("sd", "Standard deviation", "%"),
    ("skewness", "Skewness", ""),
    ("kurtosis", "Excess kurtosis", ""),
    ("cic", "Coefficient of internal consistency", "%"),
    ("error_ratio", "Error ratio", "%"),
    ("standard_error", "Standard error", "%"),
)


def as_text(result: Stats) -> str:
    """Moodle's two tables as text, two decimals, with why a figure is empty and every flag's reason."""
    quiz = result.quiz
    lines = [f"Attempts: {quiz.attempts}"]
    for key, label, unit in QUIZ_LABELS:
        value = getattr(quiz, key)
        shown = f"{value:.2f}{unit}" if value is not None else f"- ({quiz.why.get(key, 'not computable')})"
        lines.append(f"{label}: {shown}")
    lines.append("")
    width = max([len("question"), *(len(question.question) for question in result.questions)])
    lines.append(f"{'question':<{width}}  {'n':>5}  {'facility':>8}  {'SD':>7}  {'DI':>7}  {'DE':>7}")
    for question in result.questions:
        cells = [
            _cell(question, key) for key in ("facility", "sd", "discrimination_index", "discriminative_efficiency")
        ]
        lines.append(
            f"{question.question:<{width}}  {question.n:>5}  {cells[0]:>8}  {cells[1]:>7}  {cells[2]:>7}  {cells[3]:>7}"
        )
    for question in result.questions:
        for flag in question.flags:
            lines.append(f"{question.question}: {flag.reason}")
        for key in ("discrimination_index", "discriminative_efficiency"):
            if getattr(question, key) is None and key in question.why:
                lines.append(f"{question.question}: no {key.replace('_', ' ')}: {question.why[key]}")
    return "\n".join(lines)


def _cell(question: QuestionStats, key: str) -> str:
    value = getattr(question, key)
    return "-" if value is None else f"{value:.2f}"
