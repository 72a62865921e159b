"""Who cites which passage of a source, and where the passage stands."""

from __future__ import annotations

import dataclasses

import pytest

from quiz.bank.load import load_bank
from quiz.bank.model import Bank
from quiz.bank.quotes import SourceText
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
    assert marks[-1][2] == "opened"  # a kind, not a colour: the UI picks the colour
    assert text[marks[-1][0] : marks[-1][1]] == "Building starts in March."
    assert {text[start:end] for start, end, kind in marks if kind == "cited"} >= {
        "voted 5 to 4 on Tuesday",
        "since the ferry closed",
        "Building starts in March.",
    }


def test_in_context_is_the_passage_with_the_lines_around_it(bank: Bank) -> None:
    ref = citations.find(bank, "question", "petition-check", 0)
    assert ref is not None
    context, marks = citations.in_context(bank, ref)
    assert context == (
        'Mayor Ada Okafor said the bridge "will join the two halves of our town for the first time since the ferry'
        " closed.\" The project will cost £2.4 million, according to the council's own estimate.\n\n"
        "A petition against the bridge gathered more than 1,200 signatures, its organisers said. Residents fear"
        " the noise of construction.\n\n"
        "Building starts in March."
    )
    assert [(context[start:end], kind) for start, end, kind in marks] == [
        ("gathered more than 1,200 signatures, its organisers said", "opened")
    ]


def test_in_context_stops_at_the_lines_around_not_the_blank_line_paragraph(bank: Bank) -> None:
    # In the Cuties reports a "paragraph" runs through eleven quoted posts, profane ones among
    # them; the passage's neighbours are its lines, not the whole paragraph.
    text = "Intro.\n\nThe backlash grew, with #CancelNetflix trending.\nPost one.\nPost two, profane.\nPost three."
    shaped = dataclasses.replace(bank, texts={**bank.texts, "gazette": SourceText(text)})
    ref = citations.CiteRef(
        "question",
        "x",
        0,
        bank.questions["petition-check"]
        .cite[0]
        .model_copy(update={"source": "gazette", "quote": "with #CancelNetflix trending"}),
    )
    context, marks = citations.in_context(shaped, ref)
    assert context == "Intro.\n\nThe backlash grew, with #CancelNetflix trending.\nPost one."
    assert "profane" not in context
    assert [context[start:end] for start, end, _ in marks] == ["with #CancelNetflix trending"]
    assert citations.in_context(shaped, ref, around=0)[0] == "The backlash grew, with #CancelNetflix trending."


def test_a_quote_not_in_its_source_has_no_context(bank: Bank) -> None:
    cite = bank.questions["petition-check"].cite[0].model_copy(update={"quote": "never written"})
    assert citations.in_context(bank, CiteRef("question", "petition-check", 0, cite)) == ("", [])


def test_a_link_is_built_and_read_in_one_place(bank: Bank) -> None:
    question_ref = citations.find(bank, "question", "vote-margin", 1)
    claim_ref = citations.find(bank, "claim", "bridge-cost", 1)
    assert question_ref is not None and claim_ref is not None
    assert citations.link("mini", question_ref) == {"bank": "mini", "source": "post", "q": "vote-margin", "n": "1"}
    assert citations.link("mini", claim_ref) == {"bank": "mini", "source": "post", "claim": "bridge-cost", "n": "1"}
    assert citations.linked(bank, citations.link("mini", question_ref)) == question_ref
    assert citations.linked(bank, citations.link("mini", claim_ref)) == claim_ref
    for wrong in (
        {},
        {"q": "vote-margin"},
        {"q": "vote-margin", "n": "-1"},
        {"q": "vote-margin", "n": "²"},
        {"q": "vote-margin", "n": "9"},
        {"n": "1"},
        {"q": "vanity", "n": "0"},
    ):
        assert citations.linked(bank, wrong) is None, wrong


def test_the_content_note_is_the_description_paragraph_that_says_so(bank: Bank) -> None:
    assert citations.content_note(bank) == ""
    description = "Two reports.\n\n**Content note:** profanity,\nquoted.\n\nMore."
    described = dataclasses.replace(bank, info=bank.info.model_copy(update={"description": description}))
    assert citations.content_note(described) == "**Content note:** profanity,\nquoted."
