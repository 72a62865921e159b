"""The results page: score, per-skill chart, every question reviewed, retry and new attempt."""

from __future__ import annotations

import pytest

from quiz.play import engine
from quiz.ui import markup
from tests.support.apptest import QUIZ, RESULTS, current_attempt, markdown, mini, open_attempt, page_links

BANK = mini()
RIGHT = {"bridge-cost", "story-order", "ferry-date"}


def finished(quiz: str = "all", seed: int = 5) -> engine.Attempt:
    attempt = engine.start(BANK, engine.BankQuiz(quiz), seed)
    while not attempt.finished:
        question = engine.current(attempt, BANK)
        key = engine.right_answer(question)
        answer = key if question.id in RIGHT else ((key[0] + 1) % len(engine.options(question)),)
        attempt = engine.advance(engine.submit(attempt, BANK, answer))
    return attempt


def test_score_chart_and_review(monkeypatch: pytest.MonkeyPatch) -> None:
    attempt = finished()
    at = open_attempt(monkeypatch, attempt, RESULTS)
    assert [title.value for title in at.title] == ["Results"]
    assert [metric.value for metric in at.metric] == ["3 / 6", "50%"]
    assert len(at.get("vega_lite_chart")) == 1
    assert [expander.label for expander in at.expander] == [
        f"{':green[**✓ Right**]' if question_id in RIGHT else ':red[**✗ Wrong**]'} **{number}.** "
        f"{markup.author(BANK.questions[question_id].prompt)}"
        for number, question_id in enumerate(attempt.question_ids, start=1)
    ]
    assert [expander.proto.expanded for expander in at.expander] == [
        question_id not in RIGHT for question_id in attempt.question_ids
    ]
    assert [alert.value for alert in at.error] == [
        "Not quite: 1 right pick, 0 wrong picks, 1 right answer missed.",
        "Not quite.",
        "Not quite.",
    ]
    text = markdown(at)
    for question_id in attempt.question_ids:
        assert markup.author(BANK.questions[question_id].explanation) in text
    assert "**Right answer:** The sources disagree" in text
    assert sum(label == "Read in context" for label, _, _ in page_links(at)) == 10  # every cite of every question


def test_retry_the_ones_i_missed(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_attempt(monkeypatch, finished(), RESULTS)
    at.button(key="results-retry").click().run()
    assert not at.exception
    retry = current_attempt(at, BANK)
    assert retry.question_ids == ("who-spoke", "vote-margin", "petition-check") and retry.retry
    assert at.get("progress")[0].proto.text == "Question 1 of 3"
    assert "Retrying the ones you missed" in at.caption[0].value


def test_new_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    attempt = finished("exam")
    at = open_attempt(monkeypatch, attempt, RESULTS)
    at.button(key="results-new").click().run()
    assert not at.exception
    again = current_attempt(at, BANK)
    assert (again.quiz, again.mode, again.position, again.size) == (engine.BankQuiz("exam"), "exam", 0, 3)
    assert again.seed != attempt.seed


def test_all_right_offers_no_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    attempt = engine.start(BANK, engine.BankQuiz("exam"), 1)
    while not attempt.finished:
        attempt = engine.advance(engine.submit(attempt, BANK, engine.right_answer(engine.current(attempt, BANK))))
    at = open_attempt(monkeypatch, attempt, RESULTS)
    assert [button.key for button in at.button] == ["results-new"]


def test_an_unfinished_attempt_has_no_results_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_attempt(monkeypatch, engine.start(BANK, engine.BankQuiz("all"), 1), RESULTS)
    assert [info.value for info in at.info] == ["This quiz is not finished yet."]
    assert [(label, page) for label, page, _ in page_links(at)] == [("Back to the quiz", "quiz")]
    assert not at.metric
    assert QUIZ.endswith("attempt.py")
