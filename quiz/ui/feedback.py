"""The engine's values in the learner's words: the engine grades and names nothing; this says it.

Kept out of ``quiz/play`` so the core returns values (a :class:`~quiz.play.engine.Grade`, a quiz
reference) and only the UI decides how they read."""

from __future__ import annotations

from quiz.bank.model import Bank, Question
from quiz.play.engine import BankQuiz, Grade, QuizRef
from quiz.text import count

OWN_QUIZ = "Your own quiz"  # the title of a quiz built with Build your own


def grade_summary(question: Question, result: Grade) -> str:
    """One line saying how the answer fared: right, or how far from right by the answer's shape."""
    if result.correct:
        return "Right!"
    if question.answer_shape == "set":
        return (
            f"Not quite: {count(len(result.picked_right), 'right pick')}, "
            f"{count(len(result.picked_wrong), 'wrong pick')}, {count(len(result.missed), 'right answer')} missed."
        )
    if question.answer_shape == "order":
        return f"Not quite: {sum(result.positions)} of {len(result.positions)} in the right place."
    return "Not quite."


def quiz_title(bank: Bank, quiz: QuizRef) -> str:
    """A bank quiz's own title, or what a quiz built to order is called."""
    return bank.quizzes[quiz.quiz_id].title if isinstance(quiz, BankQuiz) else OWN_QUIZ
