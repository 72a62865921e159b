"""Who cites which passage of a source, and where the passage stands."""

from __future__ import annotations

import pytest

from quiz.bank.load import load_bank
from quiz.bank.model import Bank
from quiz.play import citations
from quiz.play.citations import CiteRef
from tests.conftest import MINI


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load_bank(MINI)
    assert result.bank is not None
    return result.bank


def test_cites_of_a_source_name_their_questions_and_claims(bank: Bank) -> None:
    found = [(ref.owner, ref.owner_id, ref.number) for ref in citations.cites(bank, "post")]
    assert found == [
        ("question", "who-spoke", 1),
        ("question", "vote-margin", 1),
        ("question", "petition-check", 1),
        ("claim", "bridge-cost", 1),
        ("claim", "petition-size", 1),
    ]  # the draft 'vanity' is left out


def test_find_a_cite_by_link(bank: Bank) -> None:
    ref = citations.find(bank, "question", "story-order", 1)
    assert ref is not None and ref.cite.quote == "Building starts in March."
    assert citations.find(bank, "claim", "bridge-cost", 0) == CiteRef(
        "claim", "bridge-cost", 0, bank.claims["bridge-cost"].reports[0]
    )
    assert citations.find(bank, "question", "story-order", 2) is None
    assert citations.find(bank, "question", "vanity", 0) is None  # drafts are not shown
    assert citations.find(bank, "question", "nope", 0) is None
    assert citations.find(bank, "other", "bridge-cost", 0) is None


def test_marks_cover_every_cited_passage_and_the_focus_last(bank: Bank) -> None:
    text = bank.texts["gazette"].text
    focus = citations.find(bank, "question", "story-order", 1)
    marks = citations.marks(bank, "gazette", focus)
    assert marks[-1][2] == citations.FOCUS
    assert text[marks[-1][0] : marks[-1][1]] == "Building starts in March."
    assert {text[start:end] for start, end, colour in marks if colour == citations.CITED} >= {
        "voted 5 to 4 on Tuesday",
        "since the ferry closed",
        "Building starts in March.",
    }


def test_in_context_is_the_paragraph_around_the_passage(bank: Bank) -> None:
    ref = citations.find(bank, "question", "petition-check", 0)
    assert ref is not None
    paragraph, marks = citations.in_context(bank, ref)
    assert (
        paragraph
        == "A petition against the bridge gathered more than 1,200 signatures, its organisers said. Residents fear the noise of construction."
    )
    assert [paragraph[start:end] for start, end, _ in marks] == [
        "gathered more than 1,200 signatures, its organisers said"
    ]
