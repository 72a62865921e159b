"""Helpers for the AppTest tests: open a page of the app on chosen banks, and read what it sent."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from quiz.bank.load import load_bank
from quiz.bank.model import Bank, MultipleQuestion, OrderQuestion, Question
from quiz.play import engine, urltoken
from tests.conftest import MINI, REPO

BANKS = REPO / "tests" / "fixtures" / "banks"
HOME, QUIZ, RESULTS, SOURCES, CLAIMS = (
    f"quiz/ui/pages/{name}.py" for name in ("home", "attempt", "results", "sources", "claims")
)


def mini() -> Bank:
    bank = load_bank(MINI).bank
    assert bank is not None
    return bank


def open_page(monkeypatch: pytest.MonkeyPatch, page: str = HOME, banks: Path | str = BANKS, **params: str) -> AppTest:
    """Run the app on ``page`` with QUIZ_BANKS=``banks`` and the given query params."""
    monkeypatch.setenv("QUIZ_BANKS", str(banks))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    if page != HOME:
        # AppTest finds a page by its file name until a run has registered the pages; the Quiz
        # page's file (attempt.py) is served at /quiz, so the pages are registered first.
        at.run()
        at.switch_page(page)
    at.query_params.update(params)
    at.run()
    assert not at.exception
    return at


def open_attempt(monkeypatch: pytest.MonkeyPatch, attempt: engine.Attempt, page: str = QUIZ) -> AppTest:
    return open_page(monkeypatch, page, t=urltoken.encode(attempt))


def attempt_at(bank: Bank, question_id: str, quiz: str = "all") -> engine.Attempt:
    """An attempt of a bank quiz, every question before ``question_id`` answered right."""
    attempt = engine.start(bank, engine.BankQuiz(quiz), 11)
    while attempt.question_ids[attempt.position] != question_id:
        attempt = engine.advance(engine.submit(attempt, bank, engine.right_answer(engine.current(attempt, bank))))
    return attempt


def key_of(attempt: engine.Attempt) -> str:
    """The key prefix of the Quiz page's widgets for the attempt's current question (quiz/ui/pages/attempt.py)."""
    return f"quiz-{attempt.seed}-{attempt.position}"


def give(at: AppTest, bank: Bank, attempt: engine.Attempt, answer: tuple[int, ...], level: int | None = None) -> None:
    """Set the current question's widgets to ``answer`` (option indexes) and, when the quiz asks for
    it, the confidence picker to ``level`` (None: left alone), without running."""
    set_answer(at, engine.current(attempt, bank), key_of(attempt), answer, level)


def set_answer(at: AppTest, question: Question, key: str, answer: tuple[int, ...], level: int | None = None) -> None:
    """Set the widgets of ``question``, drawn under the key prefix ``key``, as :func:`give` does."""
    if isinstance(question, MultipleQuestion):
        for index in answer:
            at.checkbox(key=f"{key}-pick-{index}").check()
    elif isinstance(question, OrderQuestion):
        for position, item in enumerate(answer):
            at.selectbox(key=f"{key}-place-{position}").set_value(item)
    else:
        at.radio(key=f"{key}-choice").set_value(answer[0])
    if level is not None:
        at.radio(key=f"{key}-confidence").set_value(level)


def current_attempt(at: AppTest, bank: Bank) -> engine.Attempt:
    decoded = urltoken.decode(at.query_params["t"], {bank.info.id: bank})
    assert isinstance(decoded, engine.Attempt), decoded
    return decoded


def sent_text(at: AppTest) -> str:
    """Every string of every element the page sent to the browser (labels, bodies, options, help...)."""
    return "\n".join(_strings_under(at.main))


def _strings_under(node: Any) -> Iterator[str]:
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield from _strings(proto)
    for child in getattr(node, "children", {}).values():
        yield from _strings_under(child)


def _strings(message: Any) -> Iterator[str]:
    for _, value in message.ListFields():
        single = isinstance(value, (str, bytes, int, float)) or hasattr(value, "ListFields")
        for item in [value] if single else value:  # a repeated field is a container
            if hasattr(item, "ListFields"):
                yield from _strings(item)
            elif isinstance(item, str):
                yield item


def markdown(at: AppTest) -> str:
    return "\n".join(element.value for element in at.markdown)


def page_links(at: AppTest) -> list[tuple[str, str, str]]:
    """(label, page, query string) of every page link."""
    return [(link.proto.label, link.proto.page, link.proto.query_string) for link in at.get("page_link")]


def copy_mini_and_broken(tmp_path: Path) -> Path:
    """A folder of banks: the mini bank, and a bank whose questions file has two errors."""
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    broken = banks / "broken"
    broken.mkdir()
    (broken / "bank.yaml").write_text(
        "bank:\n  id: broken\n  title: Broken bank\nquestions:\n  - id: q1\n    type: singel\n", encoding="utf-8"
    )
    return banks
