"""``quiz export``: which questions go out, in which format, and the cache the app downloads from.

Without a quiz, the whole bank goes out (drafts aside: they are never served); a quiz exports
its list, or, when it picks at random, the whole pool it draws from (the platform draws then).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from quiz.bank.load import load_bank
from quiz.bank.model import Bank, Question
from quiz.errors import Issue, QuizError
from quiz.interop import FORMATS
from quiz.play import engine

SUFFIXES = {"gift": ".gift", "moodle-xml": ".xml", "qti": ".zip"}


class ExportRefused(QuizError):
    """An export that cannot be made (no such quiz, nothing to export)."""


def questions(bank: Bank, quiz_id: str | None = None) -> tuple[Question, ...]:
    """The questions an export holds, in the bank's (or the quiz's) order."""
    if quiz_id is None:
        return bank.served()
    if quiz_id not in bank.quizzes:
        known = ", ".join(bank.quizzes) or "none"
        raise ExportRefused(f"bank {bank.info.id!r} has no quiz {quiz_id!r} (its quizzes: {known})")
    quiz = bank.quizzes[quiz_id]
    if quiz.questions is not None:
        served = {question.id for question in bank.served()}
        return tuple(bank.questions[question_id] for question_id in quiz.questions if question_id in served)
    return engine.pool(bank, quiz.skills, quiz.difficulty)


def category(bank: Bank, quiz_id: str | None) -> str:
    """The platform category the questions land in: the bank's title, then the quiz's."""
    names = [bank.info.title] + ([bank.quizzes[quiz_id].title] if quiz_id else [])
    return "/".join(name.replace("/", "-") for name in names)


def render(bank: Bank, quiz_id: str | None, fmt: str) -> bytes:
    """One export file's bytes."""
    if fmt not in FORMATS:
        raise ExportRefused(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if not questions(bank, quiz_id):
        raise ExportRefused(
            f"nothing to export: {'quiz ' + repr(quiz_id) if quiz_id else 'the bank'} serves no question"
        )
    return _writer(fmt)(bank, quiz_id)


def _writer(fmt: str) -> Callable[[Bank, str | None], bytes]:
    # Imported here: each writer imports this module for ``questions``.
    if fmt == "gift":
        from quiz.interop import gift

        return gift.export
    if fmt == "moodle-xml":
        from quiz.interop import moodle_xml

        return moodle_xml.export
    from quiz.interop import qti

    return qti.export


@dataclass(frozen=True)
class Exported:
    """What ``export_file`` did: the file written and its question count, or the bank's errors (nothing written)."""

    path: Path
    questions: int
    errors: tuple[Issue, ...] = ()


def export_file(folder: str | Path, quiz_id: str | None, fmt: str, output: str | Path) -> Exported:
    """Load the bank, render, and write ``output`` only when all went well."""
    path = Path(output)
    result = load_bank(folder)
    if result.bank is None:
        return Exported(path, 0, result.errors or (Issue(str(folder), 0, 0, "", "not a bank folder"),))
    data = render(result.bank, quiz_id, fmt)
    temporary = path.with_name(f".{path.name}.part")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ExportRefused(f"{path}: cannot write: {exc.strerror}") from exc
    return Exported(path, len(questions(result.bank, quiz_id)))


class Cache:
    """Exports per bank version: a loaded ``Bank`` is one version of its files and is never
    changed, so its exports are made once, the first time they are asked for, and forgotten
    with it. Safe across threads (Streamlit makes deferred downloads on another thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._made: dict[int, tuple[weakref.ref[Bank], dict[tuple[str | None, str], bytes]]] = {}
        self.renders = 0

    def get(self, bank: Bank, quiz_id: str | None, fmt: str) -> bytes:
        with self._lock:
            key = id(bank)
            entry = self._made.get(key)
            if entry is None or entry[0]() is not bank:
                entry = (weakref.ref(bank, lambda _: self._forget(key)), {})
                self._made[key] = entry
            made = entry[1]
            if (quiz_id, fmt) not in made:
                made[(quiz_id, fmt)] = render(bank, quiz_id, fmt)
                self.renders += 1
            return made[(quiz_id, fmt)]

    def _forget(self, key: int) -> None:
        entry = self._made.get(key)
        if entry is not None and entry[0]() is None:
            self._made.pop(key, None)


CACHE = Cache()
