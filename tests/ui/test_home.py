"""The home page: banks, their quizzes, "Build your own", and banks that fail to load."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.apptest import copy_mini_and_broken, current_attempt, markdown, mini, open_page, sent_text


def test_home_lists_the_bank_with_its_quizzes(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch)
    # The join form after the quizzes, its heading as high as a bank's (an h3 after the h1 skipped a level).
    assert [header.value for header in at.header] == ["Millbrook bridge (test bank)", "Join with a code"]
    text = markdown(at)
    assert "A small invented bank that exercises every question type." in text
    assert "6 questions · 2 sources · 2 claims" in [caption.value for caption in at.caption]
    assert ":blue-badge[Conflicting reports]" in text and ":blue-badge[Numbers]" in text
    assert "**Every question type**" in text and "**A short exam**" in text
    assert {"6 questions · Practice", "3 questions · Exam"} <= {caption.value for caption in at.caption}
    starts = [button.label for button in at.button if button.label.startswith("Start")]
    assert starts == ["Start Every question type", "Start A short exam", "Start your quiz"]


def test_start_opens_the_quiz_with_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch)
    at.button(key="home-start-mini-all").click().run()
    assert not at.exception
    attempt = current_attempt(at, mini())
    assert attempt.question_ids[0] == "bridge-cost" and attempt.size == 6 and attempt.mode == "practice"
    assert at.get("progress")[0].proto.text == "Question 1 of 6"
    assert at.button(key="quiz-check").label == "Check answer"


def test_build_your_own(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch)
    at.multiselect(key="home-build-mini-skills").set_value(["numbers"])
    at.multiselect(key="home-build-mini-difficulty").set_value(["easy"])
    at.run()
    assert "2 questions match; your quiz will have 2." in [caption.value for caption in at.caption]
    at.number_input(key="home-build-mini-count").set_value(1)
    at.radio(key="home-build-mini-mode").set_value("exam")
    at.button(key="home-build-mini-start").click().run()
    assert not at.exception
    attempt = current_attempt(at, mini())
    assert attempt.size == 1 and attempt.mode == "exam" and attempt.question_ids[0] in ("bridge-cost", "vote-margin")
    assert at.get("progress")[0].proto.text == "Question 1 of 1"
    assert at.button(key="quiz-next").label == "Finish"


def test_no_question_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch)
    at.multiselect(key="home-build-mini-skills").set_value(["context-and-timing"])
    at.multiselect(key="home-build-mini-difficulty").set_value(["easy"])
    at.run()
    assert [warning.value for warning in at.warning] == ["No question matches: choose more skills or difficulties."]
    assert "home-build-mini-start" not in [button.key for button in at.button]


def test_a_broken_bank_shows_its_errors_and_hides_no_other(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    banks = copy_mini_and_broken(tmp_path)
    at = open_page(monkeypatch, banks=banks)
    broken = banks / "broken" / "bank.yaml"
    assert len(at.error) == 1
    assert at.error[0].value.startswith("The bank in **") and at.error[0].value.endswith(
        "broken** could not be loaded: 1 error."
    )
    assert [code.value for code in at.code] == [
        f"{broken}:6:11: error: questions[id=q1].type: unknown question type 'singel' (hint: did you mean 'single'?)"
    ]
    # The join form after the quizzes, its heading as high as a bank's (an h3 after the h1 skipped a level).
    assert [header.value for header in at.header] == ["Millbrook bridge (test bank)", "Join with a code"]
    assert "home-start-mini-all" in [button.key for button in at.button]


def test_a_missing_path_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = open_page(monkeypatch, banks=tmp_path / "nowhere")
    assert [warning.value for warning in at.warning] == ["Some bank paths in QUIZ_BANKS could not be used."]
    assert [code.value for code in at.code] == [f"{tmp_path / 'nowhere'}:0:0: error: no such file or folder"]


def test_an_edited_bank_shows_on_the_next_load(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    banks = copy_mini_and_broken(tmp_path)
    assert "Millbrook bridge (test bank)" in sent_text(open_page(monkeypatch, banks=banks))
    bank_file = banks / "mini" / "bank.yaml"
    bank_file.write_text(
        bank_file.read_text(encoding="utf-8").replace("Millbrook bridge (test bank)", "Renamed bank"), encoding="utf-8"
    )
    assert [header.value for header in open_page(monkeypatch, banks=banks).header] == [
        "Renamed bank",
        "Join with a code",
    ]
