"""quiz/bank/model.py: the tables derived from the models, and which questions a quiz serves."""

from __future__ import annotations

from typing import Literal

from quiz.bank.load import load_bank
from quiz.bank.model import (
    LIST_KEYS,
    QUESTION_MODELS,
    QUESTION_TYPES,
    TYPED_KEYS,
    Quiz,
    matching,
    quiz_length,
    quiz_questions,
)
from quiz.play import engine
from tests.conftest import MINI


def test_a_listed_quiz_serves_its_list_in_order_without_drafts() -> None:
    bank = load_bank(MINI).bank
    assert bank is not None
    drafts = [question.id for question in bank.questions.values() if question.draft]
    assert drafts
    listed = Quiz(id="x", title="X", questions=("ferry-date", drafts[0], "bridge-cost", "not-there"))
    assert [question.id for question in quiz_questions(bank.served(), listed)] == ["ferry-date", "bridge-cost"]
    assert quiz_length(bank.served(), listed) == 2
    assert engine.draw(bank, engine.BankQuiz("all"), 1) == tuple(
        question.id for question in quiz_questions(bank.served(), bank.quizzes["all"])
    )


def test_a_picking_quiz_serves_pick_of_what_its_filters_select() -> None:
    bank = load_bank(MINI).bank
    assert bank is not None
    easy = matching(bank.served(), difficulties=("easy",))
    assert easy and all(question.difficulty == "easy" and not question.draft for question in easy)
    picking = Quiz(id="x", title="X", pick=1, difficulty=("easy",))
    assert quiz_questions(bank.served(), picking) == easy
    assert quiz_length(bank.served(), picking) == 1
    assert quiz_length(bank.served(), Quiz(id="x", title="X", pick=99, difficulty=("easy",))) == len(easy)
    assert set(engine.draw(bank, engine.BankQuiz("exam"), 7)) <= {
        q.id for q in quiz_questions(bank.served(), bank.quizzes["exam"])
    }


def test_the_tables_the_parser_and_the_hints_use_are_what_the_models_say() -> None:
    assert QUESTION_TYPES == ("single", "multiple", "true-false", "order", "claim-check")
    assert all(QUESTION_MODELS[name].model_fields["type"].annotation == Literal[name] for name in QUESTION_TYPES)
    assert LIST_KEYS == ("skills", "sources", "claims", "questions", "quizzes")
    # true/false and numbers: every other scalar stays text (a title "yes" is not True)
    assert TYPED_KEYS == frozenset({"correct", "fixed", "answer", "draft", "pick", "confidence"})
