"""The quiz page: every question type answered right and wrong, the answer key kept back until
checking, hints, resuming from the URL, exams, and bad links."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from quiz.bank.model import Bank, MultipleQuestion, SingleQuestion
from quiz.play import engine, urltoken
from quiz.ui import markup
from tests.conftest import MINI
from tests.support.apptest import (
    QUIZ,
    attempt_at,
    current_attempt,
    give,
    key_of,
    markdown,
    mini,
    open_attempt,
    open_page,
    page_links,
    sent_text,
)

BANK = mini()


def check(monkeypatch: pytest.MonkeyPatch, question_id: str, answer: tuple[int, ...]) -> AppTest:
    attempt = attempt_at(BANK, question_id)
    at = open_attempt(monkeypatch, attempt)
    give(at, BANK, attempt, answer)
    at.button(key="quiz-check").click().run()
    assert not at.exception
    return at


def answer_key_texts(bank: Bank, question_id: str) -> list[str]:
    """Everything a learner must not see before checking, as it would be rendered."""
    question = bank.questions[question_id]
    texts = [
        question.explanation,
        markup.author(question.explanation),
        "Right answer",
        "In the sources",
        "Read in context",
    ]
    for cite in question.cite:
        texts += [cite.quote, markup.literal(cite.quote)]
    if isinstance(question, (SingleQuestion, MultipleQuestion)):
        texts += [choice.feedback for choice in question.choices if choice.feedback]
    return texts


CASES = [  # question, answer, right?, what the page says
    ("bridge-cost", (0,), True, ["Right!", "**Right answer:** £2.4 million", "That is the council's own estimate."]),
    (
        "bridge-cost",
        (1,),
        False,
        [
            "Not quite.",
            "**Right answer:** £2.4 million",
            "That is the independent engineers' figure, in the other article.",
        ],
    ),
    (
        "who-spoke",
        (0, 1),
        True,
        ["Right!", "**Right answer:** Mayor Ada Okafor; Councillor Ben Hale", "The Post quotes him."],
    ),
    (
        "who-spoke",
        (0, 2),
        False,
        [
            "Not quite: 1 right pick, 1 wrong pick, 1 right answer missed.",
            "They are reported, not quoted.",
            "The Post quotes him.",
        ],
    ),
    ("vote-margin", (0,), True, ["Right!", "**Right answer:** True"]),
    ("vote-margin", (1,), False, ["Not quite.", "**Right answer:** True"]),
    (
        "story-order",
        (0, 1, 2),
        True,
        ["Right!", "| 2 | The council votes :green-badge[✓ right place] | The council votes |"],
    ),
    (
        "story-order",
        (1, 0, 2),
        False,
        [
            "Not quite: 1 of 3 in the right place.",
            "| 1 | The council votes :red-badge[✗ wrong place] | Two years of debate |",
        ],
    ),
    ("petition-check", (2,), True, ["Right!", "**Right answer:** The sources disagree"]),
    ("petition-check", (0,), False, ["Not quite.", "**Right answer:** The sources disagree"]),
    ("ferry-date", (3,), True, ["Right!", "**Right answer:** Not in the sources"]),
    ("ferry-date", (1,), False, ["Not quite.", "**Right answer:** Not in the sources"]),
]


@pytest.mark.parametrize(("question_id", "answer", "right", "says"), CASES)
def test_checking_an_answer(
    monkeypatch: pytest.MonkeyPatch, question_id: str, answer: tuple[int, ...], right: bool, says: list[str]
) -> None:
    at = check(monkeypatch, question_id, answer)
    question = BANK.questions[question_id]
    alerts = [alert.value for alert in (at.success if right else at.error)]
    assert alerts == [says[0]]
    assert not (at.error if right else at.success)
    text = markdown(at)
    for line in says[1:]:
        assert line in text
    assert markup.author(question.explanation) in text
    for number, cite in enumerate(question.cite):
        assert markup.block_quote(markup.literal(cite.quote)) in text
        link = (
            "Read in context",
            "sources",
            f"bank=mini&source={cite.source}&q={question_id}&n={number}&t={at.query_params['t']}",
        )
        assert link in page_links(at)
    assert current_attempt(at, BANK).grades[current_attempt(at, BANK).position] == engine.grade(question, answer)
    assert not at.radio and not at.checkbox and not at.selectbox  # locked
    assert at.button(key="quiz-next").label == ("See results" if question_id == "ferry-date" else "Next question")


@pytest.mark.parametrize("question_id", list(BANK.quizzes["all"].questions or ()))
def test_the_answer_key_is_not_sent_before_checking(monkeypatch: pytest.MonkeyPatch, question_id: str) -> None:
    attempt = attempt_at(BANK, question_id)
    at = open_attempt(monkeypatch, attempt)
    before = sent_text(at)
    assert markup.author(BANK.questions[question_id].prompt) in before
    for secret in answer_key_texts(BANK, question_id):
        assert secret not in before, secret
    give(
        at,
        BANK,
        attempt,
        engine.right_answer(BANK.questions[question_id]) if question_id != "story-order" else (0, 1, 2),
    )
    at.button(key="quiz-check").click().run()
    after = sent_text(at)
    assert markup.author(BANK.questions[question_id].explanation) in after
    assert "Read in context" in after


def test_the_source_citations_show_title_outlet_date_and_url(monkeypatch: pytest.MonkeyPatch) -> None:
    at = check(monkeypatch, "bridge-cost", (0,))
    assert "**Bridge vote splits Millbrook council** · Harbour Gazette · 4 March 2026" in markdown(at)
    assert ("Original", "https://example.org/gazette/bridge", "") in page_links(at)
    at = check(monkeypatch, "vote-margin", (0,))
    # What is not known is not printed: no "date unknown", no "outlet unknown".
    assert "**Millbrook approves £3 million bridge** · River Post" in [element.value for element in at.markdown]
    assert "unknown" not in sent_text(at)


def test_evidence_shows_each_sources_details_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # story-order cites two passages of the Gazette: one box, the source's line and its link once.
    at = check(monkeypatch, "story-order", (0, 1, 2))
    question = BANK.questions["story-order"]
    assert [cite.source for cite in question.cite] == ["gazette", "gazette"]
    line = "**Bridge vote splits Millbrook council** · Harbour Gazette · 4 March 2026"
    assert [element.value for element in at.markdown].count(line) == 1
    assert [label for label, _, _ in page_links(at)].count("Original") == 1
    box = _innermost_block_with(at.main, line)  # the source's box: the line, its quotes, its links
    quotes = [text for text in _texts(box) if text.startswith("> ")]
    assert quotes == [markup.block_quote(markup.literal(cite.quote)) for cite in question.cite]
    assert [label for label, _, _ in page_links(at)].count("Read in context") == 2


def _innermost_block_with(block: Any, text: str) -> Any:
    for child in getattr(block, "children", {}).values():
        if getattr(child, "children", None) and text in _texts(child):
            return _innermost_block_with(child, text)
    return block


def _texts(block: object) -> list[str]:
    """The Markdown of every element in a block, depth first."""
    found = []
    for child in getattr(block, "children", {}).values():
        if getattr(child, "type", "") == "markdown":
            found.append(child.value)
        found += _texts(child)
    return found


def test_the_shown_options_follow_the_seed_and_fixed_choices_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    attempt = attempt_at(BANK, "bridge-cost")
    at = open_attempt(monkeypatch, attempt)
    assert at.radio(key=f"{key_of(attempt)}-choice").options == [
        engine.options(BANK.questions["bridge-cost"])[index] for index in attempt.orders[0]
    ]
    assert at.radio(key=f"{key_of(attempt)}-choice").options[2] == "The sources do not say"
    assert at.radio(key=f"{key_of(attempt)}-choice").value is None  # nothing picked for the learner


def test_the_claim_and_the_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    attempt = attempt_at(BANK, "petition-check")
    at = open_attempt(monkeypatch, attempt)
    assert "> **Claim:** More than 1,200 people signed the petition against the bridge." in markdown(at)
    assert at.radio(key=f"{key_of(attempt)}-choice").options == [
        "Supported",
        "Contradicted",
        "The sources disagree",
        "Not in the sources",
    ]


def test_order_items_start_shuffled_and_swap_places(monkeypatch: pytest.MonkeyPatch) -> None:
    attempt = attempt_at(BANK, "story-order")
    at = open_attempt(monkeypatch, attempt)
    key = key_of(attempt)
    shown = [at.selectbox(key=f"{key}-place-{position}").value for position in range(3)]
    assert tuple(shown) == attempt.orders[attempt.position] != (0, 1, 2)
    at.selectbox(key=f"{key}-place-0").set_value(shown[1]).run()
    assert [at.selectbox(key=f"{key}-place-{position}").value for position in range(3)] == [
        shown[1],
        shown[0],
        shown[2],
    ]
    assert at.selectbox(key=f"{key}-place-0").format_func(shown[1]) == BANK.questions["story-order"].items[shown[1]]


def test_the_hint_comes_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    attempt = attempt_at(BANK, "bridge-cost")
    at = open_attempt(monkeypatch, attempt)
    assert 'Look for "according to".' not in sent_text(at)
    at.button(key=f"{key_of(attempt)}-hint-button").click().run()
    assert [info.value for info in at.info] == ['Look for "according to".']


def test_checking_without_an_answer_asks_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    attempt = attempt_at(BANK, "who-spoke")
    at = open_attempt(monkeypatch, attempt)
    at.button(key="quiz-check").click().run()
    assert [warning.value for warning in at.warning] == ["Choose an answer first."]
    assert current_attempt(at, BANK) == attempt
    give(at, BANK, attempt, (0, 1))
    at.button(key="quiz-check").click().run()
    assert not at.warning and [success.value for success in at.success] == ["Right!"]


def test_next_then_results(monkeypatch: pytest.MonkeyPatch) -> None:
    at = check(monkeypatch, "petition-check", (2,))
    at.button(key="quiz-next").click().run()
    assert at.get("progress")[0].proto.text == "Question 6 of 6"
    attempt = current_attempt(at, BANK)
    give(at, BANK, attempt, (3,))
    at.button(key="quiz-check").click().run()
    at.button(key="quiz-next").click().run()
    assert not at.exception
    assert [title.value for title in at.title] == ["Results"]


def test_a_reload_resumes_the_checked_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    checked = check(monkeypatch, "bridge-cost", (1,))
    again = open_page(monkeypatch, QUIZ, t=checked.query_params["t"])
    assert [error.value for error in again.error] == ["Not quite."]
    assert not again.radio
    assert again.get("progress")[0].proto.text == "Question 1 of 6"


def test_an_exam_records_without_telling(monkeypatch: pytest.MonkeyPatch) -> None:
    attempt = engine.start(BANK, engine.BankQuiz("exam"), 3)
    at = open_attempt(monkeypatch, attempt)
    assert "quiz-check" not in [button.key for button in at.button]
    for number in range(3):
        current = engine.current(attempt, BANK)
        assert at.button(key="quiz-next").label == ("Finish" if number == 2 else "Next")
        give(at, BANK, attempt, engine.right_answer(current))
        at.button(key="quiz-next").click().run()
        assert not at.exception
        if number < 2:
            assert not at.success and not at.error
            assert markup.author(current.explanation) not in sent_text(at)
            attempt = current_attempt(at, BANK)
            assert attempt.position == number + 1
    assert [title.value for title in at.title] == ["Results"]
    assert [metric.value for metric in at.metric] == ["3 / 3", "100%"]


def test_a_bad_link_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch, QUIZ, t="garbage")
    reason = markup.literal("the link is damaged or incomplete (was it cut short when copied?)")
    assert [error.value for error in at.error] == [f"This quiz link cannot be opened: {reason}."]
    assert [label for label, _, _ in page_links(at)] == ["Choose a quiz"]


def test_a_link_to_a_removed_question_is_explained(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "mini")
    for name in ("questions.yaml", "quizzes.yaml"):
        path = tmp_path / "mini" / name
        path.write_text(path.read_text(encoding="utf-8").replace("ferry-date", "ferry-year"), encoding="utf-8")
    shared = urltoken.encode(engine.start(BANK, engine.BankQuiz("all"), 1))
    at = open_page(monkeypatch, QUIZ, banks=tmp_path, t=shared)
    reason = markup.literal("question 'ferry-date' is not in bank 'mini' any more")
    assert [error.value for error in at.error] == [f"This quiz link cannot be opened: {reason}."]


def test_without_a_quiz_the_page_points_home(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch, QUIZ)
    assert [info.value for info in at.info] == ["No quiz in progress: choose one on the home page."]


def test_a_finished_attempt_goes_to_the_results(monkeypatch: pytest.MonkeyPatch) -> None:
    attempt = attempt_at(BANK, "ferry-date")
    attempt = engine.advance(engine.submit(attempt, BANK, (3,)))
    at = open_attempt(monkeypatch, attempt)
    assert [title.value for title in at.title] == ["Results"]
