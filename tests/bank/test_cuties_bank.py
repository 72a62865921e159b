"""The Cuties / #CancelNetflix bank: it loads cleanly (the item-writing checks included) and holds what its
issues promised; a reader who does not read scores no more than 10 points above blind chance."""

from __future__ import annotations

import math
import statistics
from collections import Counter

import pytest

from quiz.bank.itemcheck import length, most_common_key, right_is_longest
from quiz.bank.load import load_bank
from quiz.bank.model import (
    BUILTIN_SKILLS,
    Bank,
    ClaimCheckQuestion,
    MultipleQuestion,
    OrderQuestion,
    Question,
    SingleQuestion,
    TrueFalseQuestion,
)
from quiz.play import engine
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
    assert statuses["single-source"] >= 8, statuses  # one source, or copies of one text: not agreement
    linked = {claim for question in bank.served() for claim in question.claims}
    assert [claim for claim in bank.claims if claim not in linked] == []  # the item checks see every claim
    for claim in bank.claims.values():
        origins = {report.upstream or report.source for report in claim.reports}
        if claim.status == "consistent":
            assert len(origins) >= 2, claim.id
    copied = {report.upstream for report in bank.claims["netflix-statement"].reports}
    assert copied == {"Netflix's statement to Variety"}


def test_the_named_disagreements_are_in_the_ledger(bank):
    def quotes(*statuses: str) -> str:
        return " ".join(
            report.quote for claim in bank.claims.values() if claim.status in statuses for report in claim.reports
        )

    for words in ("docuseries", "coming-of-age comedy-drama", "sexualizes children", "social commentary"):
        assert words in quotes("conflicting")
    # one article's two counts and two ratings: one source, and whether they conflict cannot be told
    for words in ("300,000", "600,000", "18+", "TV-MA"):
        assert words in quotes("single-source")
    assert {bank.claims["petition-size"].status, bank.claims["rating"].status} == {"single-source"}


def test_question_counts(bank):
    questions = list(bank.questions.values())
    assert len(questions) >= 52 and not any(question.draft for question in questions)
    types = Counter(question.type for question in questions)
    assert all(types[kind] >= 5 for kind in ("single", "multiple", "true-false", "order", "claim-check")), types
    verdicts = Counter(question.verdict for question in questions if isinstance(question, ClaimCheckQuestion))
    assert set(verdicts) == {"supported", "contradicted", "conflicting", "not-in-sources"}
    assert max(verdicts.values()) <= 4, verdicts
    keys = Counter(question.answer for question in questions if isinstance(question, TrueFalseQuestion))
    assert abs(keys[True] - keys[False]) <= 1, keys
    skills = Counter(skill for question in questions for skill in question.skills)
    assert all(skills[skill.id] >= 4 for skill in BUILTIN_SKILLS), skills
    assert skills["lateral-reading"] >= 5, skills
    levels = Counter(question.difficulty for question in questions)
    assert all(levels[level] * 4 >= len(questions) for level in ("easy", "medium", "hard")), levels


def test_what_the_review_praised_is_kept(bank):
    praised = {
        "ptc-third-person-quote",
        "free-spirited-quote-marks",
        "report-commented-who",
        "earliest-writing-date",
        "unsourced-assertions",
    }
    assert praised <= set(bank.questions)


def test_lateral_reading_questions_ask_what_to_do_next_and_cite_why(bank):
    lateral = [question for question in bank.served() if "lateral-reading" in question.skills]
    asking = [
        question.id for question in lateral if any(word in question.prompt for word in ("next", "look up", "check"))
    ]
    assert len(asking) >= 4, asking
    assert all(question.cite for question in lateral)


def test_the_right_choice_is_not_the_giveaway(bank):
    singles = [question for question in bank.served() if isinstance(question, SingleQuestion)]
    longest = sum(right_is_longest(question) for question in singles)
    assert longest <= round(sum(1 / len(question.choices) for question in singles)), longest


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


# ---------------------------------------------------------------- a reader who does not read


def no_read_answer(question: Question, bank: Bank, seed: int) -> engine.Answer:
    """What a learner who reads neither the prompt nor the sources picks, from cues alone: the longest
    choice; for multiple, the choices longer than the median (the longest when none is); for true-false
    the bank's most frequent key, for claim-check its most frequent verdict; an order as it is shown."""
    sizes = [length(text) for text in engine.options(question)]
    if isinstance(question, SingleQuestion):
        return (sizes.index(max(sizes)),)
    if isinstance(question, MultipleQuestion):
        middle = statistics.median(sizes)
        return tuple(index for index, size in enumerate(sizes) if size > middle) or (sizes.index(max(sizes)),)
    keys = most_common_key(bank.served())
    if isinstance(question, TrueFalseQuestion):
        return (engine.TRUE_FALSE.index("True" if keys["true-false"][0] == "true" else "False"),)
    if isinstance(question, ClaimCheckQuestion):
        return (engine.VERDICTS.index(keys["claim-check"][0]),)
    return engine.shown_order(question, seed)


def blind_chance(question: Question) -> float:
    """The chance of a right answer picked at random from what the app accepts; the engine scores a
    question right or wrong, with no partial marks (a multiple needs the exact set, an order every place)."""
    if isinstance(question, SingleQuestion):
        return 1 / len(question.choices)
    if isinstance(question, MultipleQuestion):
        return 1 / (2 ** len(question.choices) - 1)  # any non-empty set of picks: the app refuses none
    if isinstance(question, TrueFalseQuestion):
        return 1 / 2
    if isinstance(question, ClaimCheckQuestion):
        return 1 / len(engine.VERDICTS)
    assert isinstance(question, OrderQuestion)
    return 1 / math.factorial(len(question.items))


def no_read_figures(bank: Bank, seed: int = 2020) -> tuple[float, float]:
    """The no-read reader's score and blind chance's, in percent of the served questions."""
    served = bank.served()
    right = sum(engine.grade(question, no_read_answer(question, bank, seed)).correct for question in served)
    return 100 * right / len(served), 100 * sum(blind_chance(question) for question in served) / len(served)


def test_a_reader_who_does_not_read_scores_near_blind_chance(bank):
    score, chance = no_read_figures(bank)
    print(f"no-read reader {score:.1f}%, blind chance {chance:.1f}% over {len(bank.served())} questions")
    assert score <= chance + 10, (score, chance)
