"""quiz/report/views.py: roster, grid, choices, what the class misread, lateral reading, gradebook, cache.

A class of four on the mini bank's bridge-cost (single, key 0; claim bridge-cost; skills numbers,
attribution; cites gazette), who-spoke (multiple, key 0 1; attribution), vote-margin (true-false,
key True = 0; numbers, claim-verification) and petition-check (claim-check, key 2; claim petition-size;
conflicting-reports; cites gazette and post).
"""

from __future__ import annotations

import pytest

from quiz.bank.load import load_bank
from quiz.bank.model import Bank
from quiz.report import views
from quiz.report.records import Response
from quiz.report.views import AttemptInfo
from tests.conftest import MINI

QUESTIONS = ("bridge-cost", "who-spoke", "vote-margin", "petition-check")
ATTEMPTS = (
    AttemptInfo("t1", "Ada", QUESTIONS, "2026-12-02T10:00:00Z", "2026-12-02T10:05:00Z"),
    AttemptInfo("t2", "Bo", QUESTIONS, "2026-12-02T10:00:00Z", "2026-12-02T10:06:00Z"),
    AttemptInfo("t3", "Cy", QUESTIONS, "2026-12-02T10:01:00Z"),
    AttemptInfo("t4", "=Di", QUESTIONS, "2026-12-02T10:02:00Z"),
)
RESPONSES = (
    Response("t1", "Ada", "bridge-cost", 1.0, position=0, answer=(0,), seconds=10, opened_sources=("gazette",)),
    Response("t1", "Ada", "who-spoke", 1.0, position=1, answer=(0, 1), seconds=20),
    Response("t1", "Ada", "vote-margin", 0.0, position=2, answer=(1,), seconds=5),
    Response("t1", "Ada", "petition-check", 1.0, position=3, answer=(2,), seconds=15, opened_sources=("post",)),
    Response("t2", "Bo", "bridge-cost", 0.0, position=0, answer=(1,), opened_sources=("post",)),
    Response("t2", "Bo", "who-spoke", 0.0, position=1, answer=(0,)),
    Response("t2", "Bo", "vote-margin", 1.0, position=2, answer=(0,)),
    Response("t3", "Cy", "bridge-cost", 1.0, position=0, answer=(0,), seconds=8, opened_sources=("gazette",)),
)


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load_bank(MINI)
    assert result.bank is not None
    return result.bank


def test_roster(bank: Bank):
    ada, bo, cy, di = views.roster(ATTEMPTS, RESPONSES, bank)
    assert (ada.status, bo.status, cy.status, di.status) == ("finished", "finished", "in progress", "not started")
    assert (ada.score, ada.total, ada.percent, ada.answered, ada.seconds) == (3.0, 4, 75.0, 4, 50.0)
    assert (bo.score, bo.percent, bo.answered, bo.seconds) == (1.0, 25.0, 3, None)
    assert (cy.score, cy.answered, di.answered, di.score) == (1.0, 1, 0, 0.0)
    # Skills in the bank's order; Ada: petition-check right; vote-margin wrong; bridge-cost and who-spoke right.
    assert [(skill.skill, skill.right, skill.total) for skill in ada.skills] == [
        ("conflicting-reports", 1.0, 1),
        ("claim-verification", 0.0, 1),
        ("attribution", 2.0, 2),
        ("numbers", 1.0, 2),
    ]
    assert ada.skills[0].title == "Conflicting reports"


def test_grid_has_a_symbol_and_a_colour_per_cell(bank: Bank):
    found = views.grid(ATTEMPTS, RESPONSES)
    assert found.questions == QUESTIONS
    assert found.learners[0] == ("t1", "Ada")
    symbols = ["".join(cell.symbol for cell in row if cell) for row in found.cells]
    assert symbols == ["✓✓✗✓", "✗✗✓–", "✓–––", "––––"]
    assert [cell.colour for cell in found.cells[0] if cell] == ["green", "green", "red", "green"]
    assert found.cells[1][3] is not None and found.cells[1][3].kind == "unanswered"
    partial = views.grid([ATTEMPTS[0]], [Response("t1", "Ada", "who-spoke", 0.5, answer=(0,))])
    assert partial.cells[0][1] == views.Cell("partial", "◐", "orange", 0.5)
    narrower = views.grid([AttemptInfo("x", "Ed", ("vote-margin",))] + list(ATTEMPTS[:1]), RESPONSES)
    assert narrower.questions == ("vote-margin", "bridge-cost", "who-spoke", "petition-check")
    assert narrower.cells[0][1] is None  # Ed's attempt did not have bridge-cost


def test_choice_distribution_counts_the_finished_attempts_as_the_statistics_do(bank: Bank):
    # Ada and Bo finished; Cy's bridge-cost answer (£2.4 million) is in an attempt in progress: left out.
    found = views.distribution("bridge-cost", ATTEMPTS, RESPONSES, bank)
    assert (found.answered, found.unanswered) == (2, 0)
    assert [(c.label, c.correct, c.picked) for c in found.choices] == [
        ("£2.4 million", True, 1),
        ("£3 million", False, 1),
        ("The sources do not say", False, 0),
    ]
    assert [c.share for c in found.choices] == pytest.approx([1 / 2, 1 / 2, 0])
    multiple = views.distribution("who-spoke", ATTEMPTS, RESPONSES, bank)
    assert [c.picked for c in multiple.choices] == [2, 1, 0]  # Ada picked 0 and 1, Bo 0
    # Bo finished without answering petition-check: unanswered, as the statistics count it (mark 0).
    unanswered = views.distribution("petition-check", ATTEMPTS, RESPONSES, bank)
    assert (unanswered.answered, unanswered.unanswered) == (1, 1)
    counted = {stats.question: stats.n for stats in views.report(ATTEMPTS, RESPONSES, bank).stats.questions}
    for question_id in QUESTIONS:
        shown = views.distribution(question_id, ATTEMPTS, RESPONSES, bank)
        assert shown.answered + shown.unanswered == counted[question_id], question_id
    assert views.distribution("story-order", ATTEMPTS, RESPONSES, bank) == views.Distribution("story-order", 0, 0, ())


def test_what_the_class_misread_most_often_wrong_first(bank: Bank):
    claims = views.misread_claims(RESPONSES, bank)
    # bridge-cost: Ada 1, Bo 0, Cy 1 -> 2/3; petition-size: Ada 1 -> 1.
    assert [(c.id, c.share_right, c.responses, c.questions) for c in claims] == [
        ("bridge-cost", pytest.approx(2 / 3), 3, ("bridge-cost",)),
        ("petition-size", 1.0, 1, ("petition-check",)),
    ]
    assert claims[0].title == "What the bridge will cost" and claims[0].claim is bank.claims["bridge-cost"]
    skills = views.misread_skills(RESPONSES, bank)
    # claim-verification: vote-margin 0, 1 -> .5; attribution: bridge-cost 1, 0, 1 + who-spoke 1, 0 -> .6;
    # numbers: bridge-cost 1, 0, 1 + vote-margin 0, 1 -> .6; conflicting-reports: 1.
    assert [(s.id, s.share_right) for s in skills] == [
        ("claim-verification", 0.5),
        ("attribution", pytest.approx(0.6)),
        ("numbers", pytest.approx(0.6)),
        ("conflicting-reports", 1.0),
    ]
    assert skills[1].questions == ("bridge-cost", "who-spoke")


def test_lateral_reading(bank: Bank):
    found = views.lateral_reading(RESPONSES, bank)
    # 8 answers; after opening a cited source: Ada bridge-cost (gazette), Ada petition-check (post), Cy
    # bridge-cost (gazette); Bo opened post for bridge-cost, which cites only the gazette: not counted.
    assert (found.answers, found.after_opening) == (8, 3)
    assert found.share_after_opening == 3 / 8
    assert found.accuracy_with == 1.0
    assert found.accuracy_without == pytest.approx(2 / 5)  # Ada 1, 0; Bo 0, 0, 1
    assert views.lateral_reading((), bank) == views.LateralReading(0, 0, None, None, None)


def test_gradebook(bank: Bank):
    rows = views.roster(ATTEMPTS, RESPONSES, bank)
    second = views.RosterRow("t5", "Bo", "finished", 4, 2.0, 4, 50.0, None, (), "2026-12-02T11:00:00Z")
    assert views.gradebook_csv((*rows, second)).splitlines() == [
        "learner,score,out_of,percent,finished_at",
        "Ada,3,4,75.0,2026-12-02T10:05:00Z",
        "Bo,2,4,50.0,2026-12-02T11:00:00Z",  # the better of Bo's two finished attempts
        "Cy,,,,",
        "'=Di,,,,",  # a name a spreadsheet would run as a formula stays text
    ]


def test_the_report_uses_finished_attempts_and_flags_choices_from_the_bank(bank: Bank):
    found = views.report(ATTEMPTS, RESPONSES, bank)
    assert found.stats.quiz.attempts == 2  # Ada and Bo
    assert found.stats.quiz.mean == 50.0  # (3 + 1) / 2 of 4; Bo's unanswered petition-check counts 0
    assert [question.question for question in found.stats.questions] == list(QUESTIONS)
    bridge = found.stats.questions[0]
    assert bridge.random_guess_score == pytest.approx(100 / 3)
    assert "wrong choice 'The sources do not say': nobody picked it; it does no work" in [
        flag.reason for flag in bridge.flags
    ]
    assert found.stats.questions[1].random_guess_score is None  # multiple answers: none, as Moodle
    assert found.stats.questions[2].random_guess_score == 50.0


def test_the_cache_computes_once_per_input(bank: Bank):
    cache = views.ReportCache(size=2)
    calls = []

    def compute() -> views.Report:
        calls.append(1)
        return views.report(ATTEMPTS, RESPONSES, bank)

    first = cache.get(("as1", 8, 2), compute)
    assert cache.get(("as1", 8, 2), compute) is first and len(calls) == 1
    cache.get(("as1", 9, 2), compute)
    cache.get(("as2", 1, 0), compute)
    assert len(calls) == 3 and len(cache.reports) == 2
    cache.get(("as1", 8, 2), compute)  # evicted: computed again
    assert len(calls) == 4
