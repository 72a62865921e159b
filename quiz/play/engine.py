"""Attempts at a quiz: draw the questions, fix their order, grade answers, score, retry.

Pure: frozen data in, frozen data out. Randomness comes only from the seed an attempt is
started with, so an attempt is reproducible from its seed and its question ids (see
``quiz.token``). Nothing here reads files or knows about the browser.

An answer is a tuple of option indexes into ``options(question)``, in the bank's order:
one index for single, true-false and claim-check; the picked ones, sorted, for multiple;
every item, in the learner's order, for order.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from quiz.bank.model import (
    VERDICT_LABELS,
    Bank,
    ClaimCheckQuestion,
    MultipleQuestion,
    Question,
    SingleQuestion,
    TrueFalseQuestion,
    matching,
    quiz_questions,
)
from quiz.play import cbm

Mode = Literal["practice", "exam"]
MODES: tuple[Mode, ...] = ("practice", "exam")
Answer = tuple[int, ...]

VERDICTS: tuple[str, ...] = tuple(VERDICT_LABELS)
TRUE_FALSE: tuple[str, ...] = ("True", "False")


@dataclass(frozen=True)
class BankQuiz:
    """A quiz written in the bank. ``confidence``, an assignment's setting, says whether to ask how
    sure the learner is whatever the bank's quiz says (None: as it says). Self-study tokens do not
    carry it: they carry each answer's level, which is what an attempt needs."""

    quiz_id: str
    confidence: bool | None = None


@dataclass(frozen=True)
class CustomQuiz:
    """ "Build your own": draw ``count`` questions sharing any of ``skills`` at one of ``difficulties``."""

    count: int
    skills: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    mode: Mode = "practice"
    confidence: bool = False  # ask how sure the learner is with each answer (quiz.play.cbm)


QuizRef = BankQuiz | CustomQuiz


@dataclass(frozen=True)
class Grade:
    """How an answer fared. Option indexes are into ``options(question)``."""

    correct: bool
    picked_right: tuple[int, ...] = ()  # picked, and right
    picked_wrong: tuple[int, ...] = ()  # picked, and wrong
    missed: tuple[int, ...] = ()  # right, and not picked
    positions: tuple[bool, ...] = ()  # order questions: whether each position holds the right item


@dataclass(frozen=True)
class Attempt:
    """One learner's go at a quiz. ``orders[i]`` is how question i's options are shown;
    ``position`` is the question on screen (``len(question_ids)`` once finished)."""

    bank_id: str
    quiz: QuizRef
    mode: Mode
    seed: int
    question_ids: tuple[str, ...]
    orders: tuple[Answer, ...]
    answers: tuple[Answer | None, ...]
    grades: tuple[Grade | None, ...]
    position: int = 0
    retry: bool = False  # the missed questions of an earlier attempt
    # How sure the learner was of each answer, a level of quiz.play.cbm (None until answered);
    # None for the whole attempt when its quiz does not ask.
    confidence: tuple[int | None, ...] | None = None

    @property
    def asks_confidence(self) -> bool:
        return self.confidence is not None

    @property
    def finished(self) -> bool:
        return self.position >= len(self.question_ids)

    @property
    def size(self) -> int:
        return len(self.question_ids)


@dataclass(frozen=True)
class SkillScore:
    skill: str
    title: str
    right: int
    total: int


@dataclass(frozen=True)
class Score:
    right: int
    total: int
    skills: tuple[SkillScore, ...]

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.total) if self.total else 0


# ---------------------------------------------------------------- questions


def options(question: Question) -> tuple[str, ...]:
    """What a learner picks from, in the bank's order (author Markdown for choices and items)."""
    if isinstance(question, (SingleQuestion, MultipleQuestion)):
        return tuple(choice.text for choice in question.choices)
    if isinstance(question, TrueFalseQuestion):
        return TRUE_FALSE
    if isinstance(question, ClaimCheckQuestion):
        return tuple(VERDICT_LABELS[verdict] for verdict in VERDICTS)
    return question.items


def right_answer(question: Question) -> Answer:
    """The answer key as an answer: what a learner must give to be right."""
    if isinstance(question, (SingleQuestion, MultipleQuestion)):
        return tuple(index for index, choice in enumerate(question.choices) if choice.correct)
    if isinstance(question, TrueFalseQuestion):
        return (0,) if question.answer else (1,)
    if isinstance(question, ClaimCheckQuestion):
        return (VERDICTS.index(question.verdict),)
    return tuple(range(len(question.items)))


def is_valid(question: Question, answer: Answer) -> bool:
    """Whether ``answer`` has the shape ``question`` needs (a multiple answer may be empty)."""
    count = len(options(question))
    if any(not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < count for index in answer):
        return False
    if question.answer_shape == "order":
        return sorted(answer) == list(range(count))
    if question.answer_shape == "set":
        return list(answer) == sorted(set(answer))
    return len(answer) == 1


def grade(question: Question, answer: Answer) -> Grade:
    """Right only when the answer is exactly the key: the whole set, or the whole order."""
    if not is_valid(question, answer):
        raise ValueError(f"answer {answer!r} does not fit question {question.id!r}")
    key = right_answer(question)
    if question.answer_shape == "order":
        positions = tuple(item == right for item, right in zip(answer, key))
        return Grade(correct=all(positions), positions=positions)
    right = set(key)
    return Grade(
        correct=set(answer) == right,
        picked_right=tuple(index for index in answer if index in right),
        picked_wrong=tuple(index for index in answer if index not in right),
        missed=tuple(index for index in key if index not in answer),
    )


def shown_order(question: Question, seed: int) -> Answer:
    """The order to show the options in, fixed by the seed.

    Choices marked ``fixed`` keep their place; true-false and verdicts keep theirs (a scale
    reads best in one order); order items are shuffled and never shown already solved."""
    count = len(options(question))
    identity = tuple(range(count))
    rng = random.Random(f"{seed}/{question.id}")
    if question.answer_shape == "order":
        order = list(identity)
        while tuple(order) == identity and count > 1:  # order questions have 3 items or more: a try or two
            rng.shuffle(order)
        return tuple(order)
    if isinstance(question, (SingleQuestion, MultipleQuestion)):
        movable = [index for index, choice in enumerate(question.choices) if not choice.fixed]
        shuffled = movable[:]
        rng.shuffle(shuffled)
        placed = dict(zip(movable, shuffled))
        return tuple(placed.get(index, index) for index in identity)
    return identity


# ---------------------------------------------------------------- drawing


def pool(bank: Bank, skills: Sequence[str] = (), difficulties: Sequence[str] = ()) -> tuple[Question, ...]:
    """Served questions that share any of ``skills`` and have one of ``difficulties`` (empty = any)."""
    return matching(bank.served(), skills, difficulties)


def quiz_mode(bank: Bank, quiz: QuizRef) -> Mode:
    return bank.quizzes[quiz.quiz_id].mode if isinstance(quiz, BankQuiz) else quiz.mode


def quiz_confidence(bank: Bank, quiz: QuizRef) -> bool:
    """Whether the quiz asks how sure the learner is with each answer."""
    if isinstance(quiz, BankQuiz):
        return bank.quizzes[quiz.quiz_id].confidence if quiz.confidence is None else quiz.confidence
    return quiz.confidence


def draw(bank: Bank, quiz: QuizRef, seed: int) -> tuple[str, ...]:
    """The ids of the questions a quiz serves: its list in order, or a seeded draw. Never drafts."""
    if isinstance(quiz, BankQuiz):
        if quiz.quiz_id not in bank.quizzes:
            raise ValueError(f"bank {bank.info.id!r} has no quiz {quiz.quiz_id!r}")
        written = bank.quizzes[quiz.quiz_id]
        if written.questions is not None:
            return tuple(question.id for question in quiz_questions(bank.served(), written))
        count, candidates = written.pick or 0, quiz_questions(bank.served(), written)
    else:
        count, candidates = quiz.count, pool(bank, quiz.skills, quiz.difficulties)
    if count < 1 or not candidates:
        raise ValueError("no questions to draw: widen the skills or difficulties")
    return tuple(question.id for question in random.Random(seed).sample(candidates, min(count, len(candidates))))


def start(bank: Bank, quiz: QuizRef, seed: int, confidence: bool | None = None) -> Attempt:
    """A new attempt: questions drawn and options ordered once, by ``seed``. It asks for
    ``confidence`` with each answer as the quiz says, unless ``confidence`` (an assignment's
    setting) says otherwise."""
    asks = quiz_confidence(bank, quiz) if confidence is None else confidence
    return _attempt(bank, quiz, quiz_mode(bank, quiz), seed, draw(bank, quiz, seed), retry=False, confidence=asks)


def _attempt(
    bank: Bank, quiz: QuizRef, mode: Mode, seed: int, question_ids: Sequence[str], retry: bool, confidence: bool
) -> Attempt:
    ids = tuple(question_ids)
    if not ids:
        raise ValueError("an attempt needs at least one question")
    return Attempt(
        bank_id=bank.info.id,
        quiz=quiz,
        mode=mode,
        seed=seed,
        question_ids=ids,
        orders=tuple(shown_order(bank.questions[question_id], seed) for question_id in ids),
        answers=(None,) * len(ids),
        grades=(None,) * len(ids),
        retry=retry,
        confidence=(None,) * len(ids) if confidence else None,
    )


# ---------------------------------------------------------------- answering


def current(attempt: Attempt, bank: Bank) -> Question:
    """The question on screen."""
    if attempt.finished:
        raise ValueError("the attempt is finished")
    return bank.questions[attempt.question_ids[attempt.position]]


def submit(attempt: Attempt, bank: Bank, answer: Sequence[int], confidence: int | None = None) -> Attempt:
    """Record and grade the answer to the current question. Once given, an answer is locked.

    ``confidence`` is how sure the learner was, a level of :mod:`quiz.play.cbm`; when the attempt
    asks for it and none was chosen, it counts as the lowest, as in Moodle."""
    question = current(attempt, bank)
    if attempt.answers[attempt.position] is not None:
        raise ValueError(f"question {question.id!r} is already answered")
    if attempt.confidence is None and confidence is not None:
        raise ValueError("this attempt does not ask how sure the learner is")
    given = tuple(sorted(set(answer))) if question.answer_shape == "set" else tuple(answer)
    result = grade(question, given)
    return replace(
        attempt,
        answers=_put(attempt.answers, attempt.position, given),
        grades=_put(attempt.grades, attempt.position, result),
        confidence=None
        if attempt.confidence is None
        else _put(attempt.confidence, attempt.position, cbm.level_of(confidence)),
    )


def advance(attempt: Attempt) -> Attempt:
    """Move on from an answered question."""
    if attempt.finished or attempt.answers[attempt.position] is None:
        raise ValueError("answer the current question first")
    return replace(attempt, position=attempt.position + 1)


def _put(values: tuple, index: int, value: object) -> tuple:
    return values[:index] + (value,) + values[index + 1 :]


# ---------------------------------------------------------------- after


def score(attempt: Attempt, bank: Bank) -> Score:
    """Right answers overall and per skill (skills in the bank's order); unanswered counts as wrong."""
    tally: dict[str, list[int]] = {}
    for question_id, result in zip(attempt.question_ids, attempt.grades):
        right = int(result is not None and result.correct)
        for skill in bank.questions[question_id].skills:
            counts = tally.setdefault(skill, [0, 0])
            counts[0] += right
            counts[1] += 1
    order = list(bank.skills)
    skills = tuple(
        SkillScore(skill, bank.skills[skill].title if skill in bank.skills else skill, right, total)
        for skill, (right, total) in sorted(
            tally.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)
        )
    )
    right = sum(1 for result in attempt.grades if result is not None and result.correct)
    return Score(right, attempt.size, skills)


def missed(attempt: Attempt) -> tuple[str, ...]:
    """The questions not answered right, in the order they were shown."""
    return tuple(
        question_id
        for question_id, result in zip(attempt.question_ids, attempt.grades)
        if result is None or not result.correct
    )


def retry_missed(attempt: Attempt, bank: Bank, seed: int) -> Attempt:
    """A new attempt of the missed questions only, options reshuffled by ``seed``."""
    return _attempt(
        bank, attempt.quiz, attempt.mode, seed, missed(attempt), retry=True, confidence=attempt.asks_confidence
    )


def can_restart(attempt: Attempt, bank: Bank) -> bool:
    """Whether the bank, as it is now, can still serve the attempt's quiz."""
    if isinstance(attempt.quiz, BankQuiz):
        written = bank.quizzes.get(attempt.quiz.quiz_id)
        return written is not None and bool(quiz_questions(bank.served(), written))
    return attempt.quiz.count >= 1 and bool(pool(bank, attempt.quiz.skills, attempt.quiz.difficulties))


def restart(attempt: Attempt, bank: Bank, seed: int) -> Attempt:
    """The same quiz again, drawn and ordered by a new seed (asking for confidence if this one did)."""
    return start(bank, attempt.quiz, seed, confidence=attempt.asks_confidence)
