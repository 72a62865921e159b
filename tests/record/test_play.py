"""An assignment's attempt through the record: the engine's attempt rebuilt from recorded rows
at every step, exactly as the pure engine would have it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine

from quiz.bank.load import load_bank
from quiz.bank.model import Bank, MultipleQuestion, OrderQuestion
from quiz.play import engine as quiz_engine
from quiz.play.engine import BankQuiz
from quiz.record import play, store
from tests.conftest import MINI

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load_bank(MINI)
    assert result.bank is not None
    return result.bank


def assignment(engine: Engine, mode: str = "practice", quiz: str = "all") -> store.AssignmentRecord:
    made = store.create_class(engine, "9B", NOW)
    assert isinstance(made, store.ClassRecord)
    found = store.create_assignment(engine, made.id, "Quiz", "mini", BankQuiz(quiz), mode, NOW)  # type: ignore[arg-type]
    assert isinstance(found, store.AssignmentRecord)
    return found


def right(bank: Bank, attempt: quiz_engine.Attempt) -> tuple[int, ...]:
    return quiz_engine.right_answer(quiz_engine.current(attempt, bank))


def wrong(bank: Bank, attempt: quiz_engine.Attempt) -> tuple[int, ...]:
    question = quiz_engine.current(attempt, bank)
    key = quiz_engine.right_answer(question)
    if isinstance(question, OrderQuestion):
        return tuple(reversed(key))
    if isinstance(question, MultipleQuestion):
        return ()
    return ((key[0] + 1) % len(quiz_engine.options(question)),)


def test_a_practice_attempt_rebuilt_at_every_step_matches_the_pure_engine(engine: Engine, bank: Bank) -> None:
    target = assignment(engine)
    started = play.start(engine, target, bank, "Ana", "v1", 11, NOW)
    assert isinstance(started, store.AttemptRecord)
    pure = quiz_engine.start(bank, target.quiz, 11)
    loaded = play.load(engine, started.resume_id, {"mini": bank})
    assert isinstance(loaded, play.Recorded) and loaded.attempt == pure
    for step in range(pure.size):
        answer = right(bank, pure) if step % 2 == 0 else wrong(bank, pure)
        pure = quiz_engine.submit(pure, bank, answer)
        submitted = play.submit(engine, loaded, bank, answer, NOW, seconds=3.0)
        assert isinstance(submitted, play.Recorded) and submitted.attempt == pure
        # a reload at this point shows the same thing
        reloaded = play.load(engine, started.resume_id, {"mini": bank})
        assert isinstance(reloaded, play.Recorded) and reloaded.attempt == pure
        pure = quiz_engine.advance(pure)
        moved = play.advance(engine, submitted, bank, NOW)
        assert isinstance(moved, play.Recorded) and moved.attempt == pure
        loaded = moved
    assert loaded.attempt.finished and loaded.record.finished_at == NOW
    marks = [response.mark for response in store.responses_of(engine, started.id)]
    assert marks == [1.0 if grade and grade.correct else 0.0 for grade in pure.grades]


def test_a_repeated_submit_from_a_stale_page_shows_the_answer_first_recorded(engine: Engine, bank: Bank) -> None:
    target = assignment(engine, mode="exam")
    started = play.start(engine, target, bank, "Ana", "v1", 5, NOW)
    assert isinstance(started, store.AttemptRecord)
    page = play.load(engine, started.resume_id, {"mini": bank})
    assert isinstance(page, play.Recorded)
    first = play.submit(engine, page, bank, right(bank, page.attempt), NOW)
    second = play.submit(engine, page, bank, wrong(bank, page.attempt), NOW)  # the same page's button, clicked again
    assert isinstance(first, play.Recorded) and isinstance(second, play.Recorded)
    assert second.attempt == first.attempt and second.attempt.position == 1
    assert second.attempt.answers[0] == right(bank, page.attempt)
    assert len(store.responses_of(engine, started.id)) == 1


def test_a_resume_link_that_is_not_one_is_refused(engine: Engine, bank: Bank) -> None:
    refused = play.load(engine, "not-a-real-resume-link", {"mini": bank})
    assert isinstance(refused, store.Refusal) and refused.reason.startswith("This resume link does not name")
    target = assignment(engine)
    started = play.start(engine, target, bank, "Ana", "v1", 5, NOW)
    assert isinstance(started, store.AttemptRecord)
    gone = play.load(engine, started.resume_id, {})
    assert gone == store.Refusal("Bank 'mini' of this attempt is not served here any more.")


def edited(bank: Bank, question_id: str, **changes: object) -> Bank:
    """The bank as it is after an author's edit of one question."""
    from dataclasses import replace

    question = bank.questions[question_id].model_copy(update=changes)
    return replace(bank, questions={**bank.questions, question_id: question})


def test_a_bank_edited_mid_attempt_lets_the_learner_go_on(engine: Engine, bank: Bank) -> None:
    target = assignment(engine)
    started = play.start(engine, target, bank, "Ana", "v1", 5, NOW)
    assert isinstance(started, store.AttemptRecord) and started.question_ids[:2] == ("bridge-cost", "who-spoke")
    loaded = play.load(engine, started.resume_id, {"mini": bank})
    assert isinstance(loaded, play.Recorded)
    loaded = play.submit(engine, loaded, bank, right(bank, loaded.attempt), NOW)
    assert isinstance(loaded, play.Recorded)
    loaded = play.advance(engine, loaded, bank, NOW)
    assert isinstance(loaded, play.Recorded) and loaded.changed == frozenset()
    # The author fixes the explanation of the answered question: its answer still means the same.
    cost = bank.questions["bridge-cost"]
    reworded = edited(bank, "bridge-cost", explanation="Reworded.")
    again = play.load(engine, started.resume_id, {"mini": reworded})
    assert isinstance(again, play.Recorded) and again.changed == frozenset()
    # Now the key of the answered question changes, and the next question loses an option.
    choices = cost.choices  # type: ignore[union-attr]
    rekeyed = tuple(choice.model_copy(update={"correct": not choice.correct}) for choice in choices)
    spoke = bank.questions["who-spoke"]
    fewer = edited(edited(bank, "bridge-cost", choices=rekeyed), "who-spoke", choices=spoke.choices[:2])  # type: ignore[union-attr]
    after = play.load(engine, started.resume_id, {"mini": fewer})
    assert isinstance(after, play.Recorded), after
    assert after.changed == frozenset({0})  # said beside the answer
    assert after.attempt.grades[0] is not None and after.attempt.grades[0].correct  # the mark recorded stands
    assert sorted(after.attempt.orders[1]) == [0, 1]  # asked as it is now, its options drawn again
    assert quiz_engine.current(after.attempt, fewer) == fewer.questions["who-spoke"]
    answered = play.submit(engine, after, fewer, (0, 1), NOW)
    assert isinstance(answered, play.Recorded) and answered.attempt.grades[1] is not None
    assert answered.attempt.grades[1].correct and answered.changed == frozenset({0})
    first, second = store.responses_of(engine, started.id)
    assert (
        first.question_version == play.question_version(cost) != play.question_version(fewer.questions["bridge-cost"])
    )
    assert second.question_version == play.question_version(fewer.questions["who-spoke"])
    assert quiz_engine.score(answered.attempt, fewer).right == 2


def test_a_question_removed_from_its_bank_is_said(engine: Engine, bank: Bank) -> None:
    from dataclasses import replace

    started = play.start(engine, assignment(engine), bank, "Ana", "v1", 5, NOW)
    assert isinstance(started, store.AttemptRecord)
    gone = replace(bank, questions={key: value for key, value in bank.questions.items() if key != "who-spoke"})
    refused = play.load(engine, started.resume_id, {"mini": gone})
    assert refused == store.Refusal("Question 'who-spoke' is no longer in bank 'mini'; tell your teacher.")
