"""Confidence on every answer, in the app: the picker before checking (and nothing of the key with
it), the word after checking, the CBM score and the calibration view on Results, the switch in
*Build your own*, and quizzes without confidence unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from quiz.bank.load import load_bank
from quiz.bank.model import Bank
from quiz.play import cbm, engine, urltoken
from quiz.ui import confidence, markup
from tests.conftest import MINI
from tests.support.apptest import HOME, QUIZ, RESULTS, current_attempt, give, key_of, markdown, open_page, sent_text

ALL = "[bridge-cost, who-spoke, vote-margin, story-order, petition-check, ferry-date]"
SURE_QUIZZES = f"""\
quizzes:
  - id: sure
    title: How sure are you?
    questions: {ALL}
    confidence: true
  - id: sure-exam
    title: A sure exam
    questions: [bridge-cost, vote-margin, ferry-date]
    mode: exam
    confidence: true
"""
LABELS = ["Not very (less than 67%)", "Fairly (more than 67%)", "Very (more than 80%)"]


@pytest.fixture(scope="module")
def banks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the mini bank and two quizzes of it that ask for confidence."""
    folder = tmp_path_factory.mktemp("banks")
    shutil.copytree(MINI, folder / "mini")
    (folder / "mini" / "sure.yaml").write_text(SURE_QUIZZES, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bank(banks: Path) -> Bank:
    loaded = load_bank(banks / "mini")
    assert loaded.bank is not None, loaded.issues
    return loaded.bank


def open_attempt(monkeypatch: pytest.MonkeyPatch, banks: Path, attempt: engine.Attempt, page: str = QUIZ) -> AppTest:
    return open_page(monkeypatch, page, banks=banks, t=urltoken.encode(attempt))


# ---------------------------------------------------------------- the words


def test_marks_as_a_learner_reads_them() -> None:
    assert [confidence.signed(mark) for mark in (3, -6, 0, 1.5, -2, 0.3333333, 10)] == [
        "+3",
        "−6",
        "0",
        "+1.5",
        "−2",
        "+0.33",
        "+10",
    ]


@pytest.mark.parametrize(
    ("level", "fraction", "line"),
    [
        (3, 1.0, "**Confidence well placed:** you were very sure, and right (+3)."),
        (2, 1.0, "**You could have been surer:** you were fairly sure, and right (+2); “Very” would earn +3."),
        (1, 1.0, "**You could have been surer:** you were not very sure, and right (+1); “Very” would earn +3."),
        (
            1,
            0.0,
            "**Confidence well placed:** you were not very sure, and it was wrong (0); being sure would have cost you.",
        ),
        (2, 0.0, "**Confidence misplaced:** you were fairly sure, and wrong (−2); “Not very” would have cost nothing."),
        (3, 0.0, "**Confidence misplaced:** you were very sure, and wrong (−6); “Not very” would have cost nothing."),
        (3, 0.5, "**Confidence well placed:** you were very sure, and right (+1.5)."),
    ],
)
def test_whether_the_confidence_was_well_placed(level: int, fraction: float, line: str) -> None:
    assert confidence.placement(level, fraction) == line


def test_the_calibration_in_one_plain_line() -> None:
    very = [cbm.Response(1.0, 3)] * 5 + [cbm.Response(0.0, 3)] * 4
    assert (
        confidence.advice(cbm.calibrate(very))
        == "When you were very sure, you were right 5 times out of 9: slow down on those."
    )
    fairly = [cbm.Response(0.0, 2)] * 2 + [cbm.Response(1.0, 2)]
    assert (
        confidence.advice(cbm.calibrate(fairly))
        == "When you were fairly sure, you were right 1 time out of 3: look again at the sources before you commit."
    )
    unsure = [cbm.Response(1.0, 1)] * 4
    assert (
        confidence.advice(cbm.calibrate(unsure))
        == "When you were not very sure, you were right 4 times out of 4: you know more than you think, so say so."
    )
    modest = [cbm.Response(1.0, 2)] * 13
    assert (
        confidence.advice(cbm.calibrate(modest))
        == "When you were fairly sure, you were right 13 times out of 13: you can say “Very” more often."
    )
    well = [cbm.Response(1.0, 3)] * 4 + [cbm.Response(0.0, 1)]
    assert confidence.advice(cbm.calibrate(well)) == (
        "Your confidence matched how often you were right: keep judging how sure you are."
    )


# ---------------------------------------------------------------- the Quiz page


def test_the_picker_in_moodles_words_and_nothing_of_the_key(
    monkeypatch: pytest.MonkeyPatch, banks: Path, bank: Bank
) -> None:
    attempt = engine.start(bank, engine.BankQuiz("sure"), 11)
    at = open_attempt(monkeypatch, banks, attempt)
    picker = at.radio(key=f"{key_of(attempt)}-confidence")
    assert picker.label == "How sure are you?"
    assert picker.options == LABELS
    assert picker.value is None and picker.proto.horizontal
    question = bank.questions["bridge-cost"]
    before = sent_text(at)
    for secret in [markup.author(question.explanation), "Right answer", "In the sources", "Confidence well placed"]:
        assert secret not in before, secret
    assert "If you choose none, it counts as “Not very”." in before


def test_a_practice_quiz_with_three_levels_ends_in_the_calibration_view(
    monkeypatch: pytest.MonkeyPatch, banks: Path, bank: Bank
) -> None:
    steps = [  # answer, level, what the page says of the confidence after checking
        ((0,), 3, "**Confidence well placed:** you were very sure, and right (+3)."),
        (
            (0, 2),
            3,
            "**Confidence misplaced:** you were very sure, and wrong (−6); “Not very” would have cost nothing.",
        ),
        ((0,), 3, "**Confidence well placed:** you were very sure, and right (+3)."),
        (
            (1, 0, 2),
            1,
            "**Confidence well placed:** you were not very sure, and it was wrong (0); being sure would have cost you.",
        ),
        ((2,), 2, "**You could have been surer:** you were fairly sure, and right (+2); “Very” would earn +3."),
        (
            (1,),
            None,
            "**Confidence well placed:** you were not very sure, and it was wrong (0); being sure would have cost you.",
        ),
    ]
    at = open_attempt(monkeypatch, banks, engine.start(bank, engine.BankQuiz("sure"), 11))
    for answer, level, says in steps:
        attempt = current_attempt(at, bank)
        give(at, bank, attempt, answer, level)
        at.button(key="quiz-check").click().run()
        assert not at.exception
        assert says in markdown(at)
        at.button(key="quiz-next").click().run()
    assert not at.exception
    assert [title.value for title in at.title] == ["Results"]
    finished = current_attempt(at, bank)
    assert finished.confidence == (3, 3, 3, 1, 2, 1)
    # +3 -6 +3 +0 +2 +0 = 2 over 6 questions
    assert [(metric.label, metric.value) for metric in at.metric] == [
        ("Score", "3 / 6"),
        ("Right", "50%"),
        ("CBM score", "0.33"),
    ]
    assert confidence.MEANING in [caption.value for caption in at.caption]
    assert "How sure you were" in [header.value for header in at.subheader]
    text = markdown(at)
    assert "**When you were very sure, you were right 2 times out of 3: slow down on those.**" in text
    assert "| Very (more than 80%) | 3 | 2 | 67% | 80% to 100% | :material/warning: A bit over-confident |" in text
    assert "| Fairly (more than 67%) | 1 | 1 | 100% | 67% to 80% | :material/info: A bit under-confident |" in text
    assert "| Not very (less than 67%) | 2 | 0 | 0% | 0% to 67% | :material/check_circle: Well placed |" in text
    # each reviewed question says how sure the learner was
    assert text.count("**Confidence well placed:**") == 4 and text.count("**Confidence misplaced:**") == 1


def test_an_exam_with_confidence_records_it_and_says_nothing_until_results(
    monkeypatch: pytest.MonkeyPatch, banks: Path, bank: Bank
) -> None:
    attempt = engine.start(bank, engine.BankQuiz("sure-exam"), 5)
    at = open_attempt(monkeypatch, banks, attempt)
    for level in (3, 2, 1):
        attempt = current_attempt(at, bank)
        give(at, bank, attempt, engine.right_answer(engine.current(attempt, bank)), level)
        at.button(key="quiz-next").click().run()
        assert not at.exception
        if level > 1:
            assert "Confidence" not in markdown(at) and not at.success
    assert [title.value for title in at.title] == ["Results"]
    assert [metric.value for metric in at.metric] == ["3 / 3", "100%", "2.00"]
    text = markdown(at)
    assert "| Very (more than 80%) | 1 | 1 | 100% | 80% to 100% | :material/check_circle: Well placed |" in text
    assert "| Not very (less than 67%) | 1 | 1 | 100% | 0% to 67% | :material/info: A bit under-confident |" in text


def test_a_quiz_without_confidence_is_unchanged(monkeypatch: pytest.MonkeyPatch, banks: Path, bank: Bank) -> None:
    attempt = engine.start(bank, engine.BankQuiz("all"), 11)
    at = open_attempt(monkeypatch, banks, attempt)
    assert "How sure are you?" not in sent_text(at)
    assert [radio.key for radio in at.radio] == [f"{key_of(attempt)}-choice"]
    while not attempt.finished:
        attempt = engine.advance(engine.submit(attempt, bank, engine.right_answer(engine.current(attempt, bank))))
    results = open_attempt(monkeypatch, banks, attempt, RESULTS)
    assert [metric.label for metric in results.metric] == ["Score", "Right"]
    assert "How sure you were" not in [header.value for header in results.subheader]
    assert "Confidence" not in markdown(results)


# ---------------------------------------------------------------- Home


def test_home_says_which_quizzes_ask_and_builds_one_that_does(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = open_page(monkeypatch, HOME, banks=banks)
    captions = [caption.value for caption in at.caption]
    assert "6 questions · Practice · Asks how sure you are" in captions
    assert "6 questions · Practice" in captions  # the "all" quiz does not ask
    toggle = at.toggle(key="home-build-mini-confidence")
    assert toggle.label == "Ask how sure I am" and toggle.value is False
    toggle.set_value(True)
    at.button(key="home-build-mini-start").click().run()
    assert not at.exception
    attempt = current_attempt(at, load_bank(banks / "mini").bank)  # type: ignore[arg-type]
    assert isinstance(attempt.quiz, engine.CustomQuiz) and attempt.quiz.confidence and attempt.asks_confidence
    assert at.radio(key=f"{key_of(attempt)}-confidence").label == "How sure are you?"


def test_build_your_own_asks_nothing_by_default(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = open_page(monkeypatch, HOME, banks=banks)
    at.button(key="home-build-mini-start").click().run()
    attempt = current_attempt(at, load_bank(banks / "mini").bank)  # type: ignore[arg-type]
    assert not attempt.asks_confidence
    assert "How sure are you?" not in sent_text(at)


# ---------------------------------------------------------------- for the teacher


def _teacher_view(records, bank):  # type: ignore[no-untyped-def]  # run by AppTest from its source alone
    from quiz.ui import confidence

    confidence.class_calibration_ui(records, bank)


def test_the_class_calibration_for_the_teacher(bank: Bank) -> None:
    from quiz.report.records import Response

    def answer(attempt: str, learner: str, question: str, right: bool, level: int | None) -> Response:
        return Response(attempt, learner, question, mark=1.0 if right else 0.0, confidence=level)

    records = [
        answer("a1", "Ada", "vote-margin", False, 3),
        answer("a1", "Ada", "bridge-cost", True, 3),
        answer("a2", "Ben", "vote-margin", False, 3),
        answer("a2", "Ben", "bridge-cost", False, 2),
        answer("a3", "Ada", "vote-margin", False, 3),
        answer("a3", "Ada", "bridge-cost", True, 1),
        answer("a4", "Cy", "vote-margin", False, None),  # a quiz that did not ask
    ]
    at = AppTest.from_function(_teacher_view, args=(records, bank), default_timeout=30).run()
    assert not at.exception
    assert [header.value for header in at.subheader] == ["How sure the class was"]
    assert [caption.value for caption in at.caption] == [
        "6 answers given with a confidence, by 2 learners in 3 attempts."
    ]
    text = markdown(at)
    # Very sure: 4 answers, 1 right (25%): (0.25 - 0.8)^2 * 4 = 1.21, over-confident.
    assert "**When very sure, the class was right 1 time out of 4: over-confident.**" in text
    assert "| Very (more than 80%) | 4 | 1 | 25% | 80% to 100% | :material/warning: Over-confident |" in text
    assert "| Fairly (more than 67%) | 1 | 0 | 0% | 67% to 80% | :material/warning: A bit over-confident |" in text
    prompt = markup.author(bank.questions["vote-margin"].prompt)
    assert f"- **{prompt}**: wrong 3 times while very sure (2 learners), of 3 answers" in text
    assert markup.author(bank.questions["bridge-cost"].prompt) not in text  # never wrong while very sure


def test_the_teacher_view_is_empty_without_confidence(bank: Bank) -> None:
    from quiz.report.records import Response

    records = [Response("a1", "Ada", "vote-margin", mark=0.0, confidence=None)]
    at = AppTest.from_function(_teacher_view, args=(records, bank), default_timeout=30).run()
    assert not at.exception and not at.subheader and not at.markdown


# ---------------------------------------------------------------- an assignment


def test_an_assignment_that_asks_records_confidence_and_shows_the_calibration(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, banks: Path, bank: Bank
) -> None:
    from quiz.record import db, play, store
    from quiz.ui import recording

    url = f"sqlite:///{tmp_path / 'quiz.sqlite3'}"
    monkeypatch.setenv("QUIZ_DATABASE_URL", url)
    record = db.open_engine(url)
    db.upgrade(record)
    made = store.create_class(record, "9B", store.now_utc())
    assert isinstance(made, store.ClassRecord)
    assignment = store.create_assignment(
        record, made.id, "How sure?", "mini", engine.BankQuiz("sure-exam"), "exam", store.now_utc()
    )
    assert isinstance(assignment, store.AssignmentRecord)
    started = play.start(record, assignment, bank, "Ada", "v1", 7, store.now_utc())
    assert isinstance(started, store.AttemptRecord)
    at = open_page(monkeypatch, "quiz/ui/pages/assignment.py", banks=banks, **{recording.RESUME: started.resume_id})
    for level in (3, 3, None):  # the last left unchosen: it counts as "Not very"
        loaded = play.load(record, started.resume_id, {"mini": bank})
        assert isinstance(loaded, play.Recorded)
        attempt = loaded.attempt
        key = f"assignment-{started.resume_id}-{attempt.position}"
        assert at.radio(key=f"{key}-confidence").label == "How sure are you?"
        question = engine.current(attempt, bank)
        right = engine.right_answer(question)
        wrong = question.id == "vote-margin"
        at.radio(key=f"{key}-choice").set_value((right[0] + 1) % 2 if wrong else right[0])
        if level is not None:
            at.radio(key=f"{key}-confidence").set_value(level)
        at.button(key="assignment-submit").click().run()
        assert not at.exception
    levels = [response.confidence for response in store.responses_of(record, started.id)]
    assert levels == [3, 3, 1]  # in the record's column
    # bridge-cost right at 3 (+3), vote-margin wrong at 3 (-6), ferry-date right at 1 (+1): -2 / 3
    assert [(metric.label, metric.value) for metric in at.metric] == [
        ("Score", "2 / 3"),
        ("Right", "67%"),
        ("CBM score", "−0.67"),
    ]
    text = markdown(at)
    assert "**When you were very sure, you were right 1 time out of 2: slow down on those.**" in text
    assert "| Very (more than 80%) | 2 | 1 | 50% | 80% to 100% | :material/warning: A bit over-confident |" in text


def test_a_teacher_sets_an_assignment_to_ask(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, banks: Path, bank: Bank
) -> None:
    from quiz.record import db, play, store

    url = f"sqlite:///{tmp_path / 'quiz.sqlite3'}"
    monkeypatch.setenv("QUIZ_DATABASE_URL", url)
    monkeypatch.setenv("QUIZ_TEACHER_PASSWORD", "pass")
    record = db.open_engine(url)
    db.upgrade(record)
    made = store.create_class(record, "9B", store.now_utc())
    assert isinstance(made, store.ClassRecord)
    at = open_page(monkeypatch, "quiz/ui/pages/teach.py", banks=banks)
    at.text_input(key="teach-password").input("pass")
    at.button(key="FormSubmitter:teach-login-Unlock").click().run()
    assert not at.exception
    at.selectbox(key="teach-quiz").set_value("all").run()
    switch = at.toggle(key="teach-confidence-mini-all")
    assert switch.label == "Ask how sure learners are with each answer (certainty-based marks)"
    assert switch.value is False  # the bank's "all" quiz does not ask
    switch.set_value(True)
    at.button(key="teach-create").click().run()
    assert not at.exception
    at.selectbox(key="teach-quiz").set_value("sure").run()
    assert at.toggle(key="teach-confidence-mini-sure").value is True  # "sure" asks in its bank
    at.toggle(key="teach-confidence-mini-sure").set_value(False)
    at.button(key="teach-create").click().run()
    at.selectbox(key="teach-quiz").set_value("build").run()
    at.toggle(key="teach-confidence-mini-build").set_value(True)
    at.button(key="teach-create").click().run()
    assert not at.exception
    made_ones = store.list_assignments(record, made.id)
    assert [assignment.quiz for assignment in made_ones[:2]] == [
        engine.BankQuiz("all", confidence=True),
        engine.BankQuiz("sure", confidence=False),
    ]
    built = made_ones[2].quiz
    assert isinstance(built, engine.CustomQuiz) and built.confidence
    for assignment, asks in zip(made_ones, (True, False)):
        started = play.start(record, assignment, bank, "Ada", "v1", 7, store.now_utc())
        assert isinstance(started, store.AttemptRecord)
        loaded = play.load(record, started.resume_id, {"mini": bank})
        assert isinstance(loaded, play.Recorded) and loaded.attempt.asks_confidence is asks


def _report_with_confidence():  # type: ignore[no-untyped-def]  # run by AppTest from its source alone

    import streamlit as st

    from quiz.bank.load import load_bank
    from quiz.ui import nav
    from quiz.ui.report import report_ui
    from tests.conftest import MINI
    from tests.report.test_views import ATTEMPTS, RESPONSES

    bank = load_bank(MINI).bank
    sure = [response._replace(confidence=3) for response in RESPONSES]

    def page() -> None:
        report_ui(("sure", len(sure)), ATTEMPTS, sure, bank)

    st.navigation([st.Page(page, title="Report", default=True), st.Page(nav.SOURCES, url_path="sources")]).run()


def test_the_teachers_report_shows_the_class_calibration() -> None:
    from quiz.report.calibration import class_calibration
    from tests.report.test_views import RESPONSES

    at = AppTest.from_function(_report_with_confidence, default_timeout=30).run()
    assert not at.exception, at.exception
    assert "How sure the class was" in [header.value for header in at.subheader]
    expected = class_calibration([response._replace(confidence=3) for response in RESPONSES])
    high = expected.calibration.levels[2]
    row = f"| Very (more than 80%) | {high.answers} | {high.right} | {confidence.percent(high.accuracy or 0)} |"
    assert row in markdown(at)
