"""quiz/bank/model.py: which questions a quiz serves, the one rule the engine, Home and the check share."""

from __future__ import annotations

from quiz.bank.load import load_bank
from quiz.bank.model import Quiz, matching, quiz_length, quiz_questions
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
