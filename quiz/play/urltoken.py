"""An attempt as a short URL-safe token, and back: compact JSON, zlib, base64url.

The token carries what cannot be recomputed (bank id, quiz, mode, seed, question ids,
position, answers, and how sure the learner was of each when the quiz asks); option orders and
grades are recomputed from the bank. Tokens made before confidence existed still open. Decoding
checks everything against the bank and returns a :class:`BadToken` instead of raising.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quiz.bank.model import DIFFICULTIES, Bank
from quiz.play import cbm
from quiz.play.engine import MODES, Answer, Attempt, BankQuiz, CustomQuiz, Grade, QuizRef, grade, is_valid, shown_order

VERSION = 1
MAX_TOKEN_CHARS = 8192
MAX_JSON_BYTES = 64 * 1024  # a token must not inflate into a memory bomb
_MODE_CODES = {"practice": "p", "exam": "e"}


@dataclass(frozen=True)
class BadToken:
    """Why a token cannot be turned back into an attempt, in words a learner can read."""

    reason: str


def encode(attempt: Attempt) -> str:
    """The attempt as a URL-safe token (no padding)."""
    payload: dict[str, Any] = {
        "v": VERSION,
        "b": attempt.bank_id,
        "q": attempt.quiz.quiz_id
        if isinstance(attempt.quiz, BankQuiz)
        else [
            attempt.quiz.count,
            list(attempt.quiz.skills),
            list(attempt.quiz.difficulties),
            _MODE_CODES[attempt.quiz.mode],
            *([1] if attempt.quiz.confidence else []),
        ],
        "m": _MODE_CODES[attempt.mode],
        "s": attempt.seed,
        "i": list(attempt.question_ids),
        "p": attempt.position,
        "a": [list(answer) if answer is not None else None for answer in attempt.answers],
    }
    if attempt.retry:
        payload["r"] = 1
    if attempt.confidence is not None:
        payload["c"] = list(attempt.confidence)
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(data, 9)).rstrip(b"=").decode("ascii")


def decode(token: str, banks: Mapping[str, Bank]) -> Attempt | BadToken:
    """The attempt a token describes, checked against ``banks`` (by bank id)."""
    payload = _payload(token)
    if isinstance(payload, BadToken):
        return payload
    try:
        return _attempt(payload, banks)
    except _Bad as bad:
        return BadToken(str(bad))


class _Bad(Exception):
    pass


def _payload(token: str) -> dict[str, Any] | BadToken:
    damaged = BadToken("the link is damaged or incomplete (was it cut short when copied?)")
    text = token.strip()
    if not text or len(text) > MAX_TOKEN_CHARS:
        return damaged
    try:
        compressed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        data = inflater.decompress(compressed, MAX_JSON_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            return damaged
        payload = json.loads(data.decode("utf-8"))
    except (binascii.Error, ValueError, zlib.error, UnicodeDecodeError):
        return damaged
    if not isinstance(payload, dict):
        return damaged
    if payload.get("v") != VERSION:
        return BadToken(
            f"the link was made by another version of the quiz (version {payload.get('v')!r}, expected {VERSION})"
        )
    return payload


def _attempt(payload: dict[str, Any], banks: Mapping[str, Bank]) -> Attempt:
    bank_id = _field(payload, "b", str)
    bank = banks.get(bank_id)
    if bank is None:
        raise _Bad(f"no bank {bank_id!r} is loaded here")
    quiz = _quiz(payload.get("q"), bank)
    mode = _mode(payload.get("m"))
    seed = _field(payload, "s", int)
    ids = _field(payload, "i", list)
    answers = _field(payload, "a", list)
    position = _field(payload, "p", int)
    if not ids or len(answers) != len(ids) or not 0 <= position <= len(ids):
        raise _Bad("the link's questions and answers do not match")
    orders: list[Answer] = []
    given: list[Answer | None] = []
    grades: list[Grade | None] = []
    for index, (question_id, answer) in enumerate(zip(ids, answers)):
        question = bank.questions.get(question_id) if isinstance(question_id, str) else None
        if question is None or question.draft:
            raise _Bad(f"question {question_id!r} is not in bank {bank_id!r} any more")
        orders.append(shown_order(question, seed))
        must_answer = index < position
        if answer is None:
            if must_answer:
                raise _Bad(f"question {question_id!r} was passed without an answer")
            given.append(None)
            grades.append(None)
            continue
        if not isinstance(answer, list) or index > position:
            raise _Bad(f"the answer to question {question_id!r} is not possible at this point")
        answer = tuple(answer)
        if question.answer_shape == "set" and list(answer) != sorted(set(answer)):
            raise _Bad(f"the answer to question {question_id!r} does not fit it")
        if not is_valid(question, answer):
            raise _Bad(f"the answer to question {question_id!r} does not fit it (has the question changed?)")
        given.append(answer)
        grades.append(grade(question, answer))
    if len(set(ids)) != len(ids):
        raise _Bad("the link repeats a question")
    confidence = _confidence(payload, given)
    return Attempt(
        bank_id=bank_id,
        quiz=quiz,
        mode=mode,
        seed=seed,
        question_ids=tuple(ids),
        orders=tuple(orders),
        answers=tuple(given),
        grades=tuple(grades),
        position=position,
        retry=payload.get("r") == 1,
        confidence=confidence,
    )


def _confidence(payload: dict[str, Any], answers: list[Answer | None]) -> tuple[int | None, ...] | None:
    """How sure the learner was of each answer: a level with every answer and none without."""
    if "c" not in payload:
        return None  # the quiz does not ask (and every token made before confidence existed)
    levels = payload["c"]
    if not isinstance(levels, list) or len(levels) != len(answers):
        raise _Bad("the link's answers and confidence do not match")
    for level, answer in zip(levels, answers):
        fits = level is None if answer is None else isinstance(level, int) and level in cbm.LEVELS
        if not fits or isinstance(level, bool):
            raise _Bad("the link's answers and confidence do not match")
    return tuple(levels)


def _field(payload: dict[str, Any], key: str, kind: type) -> Any:
    value = payload.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _Bad("the link is damaged or incomplete")
    return value


def _mode(code: Any) -> Any:
    for mode in MODES:
        if _MODE_CODES[mode] == code:
            return mode
    raise _Bad("the link is damaged or incomplete")


def _quiz(value: Any, bank: Bank) -> QuizRef:
    if isinstance(value, str):
        if value not in bank.quizzes:
            raise _Bad(f"quiz {value!r} is not in bank {bank.info.id!r} any more")
        return BankQuiz(value)
    if isinstance(value, list) and len(value) in (4, 5):
        count, skills, difficulties, mode, *asks = value
        if (
            asks in ([], [1])
            and not any(isinstance(flag, bool) for flag in asks)
            and isinstance(count, int)
            and not isinstance(count, bool)
            and count >= 1
            and isinstance(skills, list)
            and all(skill in bank.skills for skill in skills if isinstance(skill, str))
            and all(isinstance(skill, str) for skill in skills)
            and isinstance(difficulties, list)
            and all(level in DIFFICULTIES for level in difficulties)
        ):
            return CustomQuiz(count, tuple(skills), tuple(difficulties), _mode(mode), confidence=asks == [1])
    raise _Bad("the link's quiz is not one this bank can serve")
