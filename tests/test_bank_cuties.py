"""The Cuties / #CancelNetflix bank: it loads cleanly and holds what its issue promised."""

from __future__ import annotations

from collections import Counter

import pytest

from quiz.bank.load import load_bank
from quiz.bank.model import BUILTIN_SKILLS, ClaimCheckQuestion, MultipleQuestion, SingleQuestion
from tests.conftest import REPO

FOLDER = REPO / "questions" / "cuties-2020"


@pytest.fixture(scope="module")
def bank():
    result = load_bank(FOLDER)
    assert result.issues == (), [issue.format() for issue in result.issues]
    assert result.bank is not None
    return result.bank


def test_sources_are_the_two_articles_verbatim(bank):
    assert len(bank.sources) == 2
    for source in bank.sources.values():
        assert source.note, f"{source.id}: say what is unknown about it"
        assert not source.outlet and not source.author and source.published is None
    texts = sorted(text.text for text in bank.texts.values())
    assert any(text.startswith("Netflix has often pushed the bar") for text in texts)
    assert any(text.startswith("Netflix defended the docuseries film") and "Check these out:" in text for text in texts)


def test_claims_ledger(bank):
    statuses = Counter(claim.status for claim in bank.claims.values())
    assert len(bank.claims) >= 15
    assert statuses["conflicting"] + statuses["unsupported"] + statuses["false"] >= 6
    linked = {claim for question in bank.questions.values() for claim in question.claims}
    unlinked = [claim.id for claim in bank.claims.values() if claim.status == "conflicting" and claim.id not in linked]
    assert unlinked == []


def test_the_three_named_disagreements_are_in_the_ledger(bank):
    reported = " ".join(
        report.quote for claim in bank.claims.values() if claim.status == "conflicting" for report in claim.reports
    )
    for words in ("300,000", "600,000", "docuseries", "coming-of-age comedy-drama", "18+", "TV-MA"):
        assert words in reported


def test_question_counts(bank):
    questions = list(bank.questions.values())
    assert len(questions) >= 40 and not any(question.draft for question in questions)
    types = Counter(question.type for question in questions)
    assert all(types[kind] >= 5 for kind in ("single", "multiple", "true-false", "order", "claim-check")), types
    verdicts = {question.verdict for question in questions if isinstance(question, ClaimCheckQuestion)}
    assert verdicts == {"supported", "contradicted", "conflicting", "not-in-sources"}
    skills = Counter(skill for question in questions for skill in question.skills)
    assert all(skills[skill.id] >= 4 for skill in BUILTIN_SKILLS), skills
    levels = Counter(question.difficulty for question in questions)
    assert all(levels[level] * 4 >= len(questions) for level in ("easy", "medium", "hard")), levels


def test_every_question_teaches(bank):
    for question in bank.questions.values():
        assert question.explanation.strip() and question.cite
        assert "Habit:" in question.explanation, question.id
        if isinstance(question, (SingleQuestion, MultipleQuestion)):
            assert all(choice.feedback.strip() for choice in question.choices if not choice.correct), question.id


def test_quizzes(bank):
    quizzes = bank.quizzes
    sizes = {
        quiz.id: (len(quiz.questions) if quiz.questions is not None else quiz.pick, quiz.mode)
        for quiz in quizzes.values()
    }
    assert (10, "practice") in sizes.values()
    assert (15, "exam") in sizes.values()
    assert len(quizzes) >= 4
