"""quiz/extract.py: the statements found in one article's sentences, each with its value and who says it."""

from __future__ import annotations

import pytest

from quiz.authoring.drafting.extract import Statement, dates_conflict, find_statements
from quiz.authoring.drafting.lexicon import lemma
from quiz.authoring.sentences import article_sentences


def statements(text: str) -> list[Statement]:
    return find_statements(article_sentences("a", text))


def found(text: str, kind: str) -> list[tuple[str, str]]:
    return [(s.value, s.norm) for s in statements(text) if s.kind == kind]


def test_numbers_with_what_they_count():
    text = "Over 3,500 people signed, and the cost rose to $2.4 million. About 45% agreed. The 11-year-old girl left."
    assert found(text, "count") == [("Over 3,500", "3500")]
    assert found(text, "money") == [("$2.4 million", "2.4e+06")]
    assert found(text, "percent") == [("About 45%", "45")]
    assert found(text, "age") == [("11-year-old", "11")]
    assert [s.subject for s in statements(text) if s.kind == "count"] == ["Over 3,500 people signed"]


def test_years_times_and_ranges_are_not_counts():
    text = "The bridge opened in 1962 and the vote was 5 to 4 at 10:30 on COVID-19 day, in a 43 minute meeting."
    assert found(text, "count") == []
    assert found(text, "date") == [("1962", "1962")]


def test_dates_and_what_they_normalise_to():
    text = "It opened on September 9. The vote is on 12 March 2026. On Thursday, the mayor spoke. Last week it rained."
    assert found(text, "date") == [
        ("September 9", "?-09-09"),
        ("12 March 2026", "2026-03-12"),
        ("On Thursday", "thursday"),
        ("Last week", "last week"),
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker", "via", "words"),
    [
        (
            'A spokesperson of Netflix said in a statement to Variety that "Cuties" is a "social commentary".',
            "A spokesperson of Netflix",
            "Variety",
            '"Cuties" is a "social commentary"',
        ),
        (
            "According to the Environment Agency, 140 homes were flooded.",
            "The Environment Agency",
            "",
            "140 homes were flooded.",
        ),
        ('"We never saw it this high," said Mayor Ann Lee.', "Mayor Ann Lee", "", "We never saw it this high"),
        (
            "Ashby's mayor, Peter Holm, told the Alder Gazette that the water rose above the wall.",
            "Peter Holm",
            "Alder Gazette",
            "the water rose above the wall",
        ),
        (
            "NME called the film in a four-star review a powerful exploration of youth.",
            "NME",
            "",
            "the film in a four-star review a powerful exploration of youth",
        ),
    ],
)
def test_who_said_it_and_through_whom(sentence: str, speaker: str, via: str, words: str):
    speech = [s for s in statements(sentence) if s.kind == "speech"]
    assert [(s.value, s.via, s.subject) for s in speech] == [(speaker, via, words)]


def test_passive_and_pronouns():
    assert [s for s in statements("It is described as a comedy.") if s.kind == "speech"] == []
    text = 'The mayor said the bridge will open. "It joins the town," she added.'
    assert [s.value for s in statements(text) if s.kind == "speech"] == ["The mayor", "The mayor"]


def test_opinions_are_marked():
    text = "The critic said the film was a powerful debut. The council said the road will close."
    assert [(s.value, s.opinion) for s in statements(text) if s.kind == "speech"] == [
        ("The critic", True),
        ("The council", False),
    ]


def test_kinds_of_work_and_ratings():
    text = 'Netflix released the docuseries film "Cuties". The TV-MA-rated film is a coming-of-age comedy-drama.'
    assert found(text, "label") == [
        ("docuseries film", "nonfiction serial single"),
        ("coming-of-age comedy-drama", "fiction single"),
    ]
    assert found(text, "rating") == [("TV-MA", "TV-MA")]
    assert found("The Sundance Film Festival opened. A series of talks followed.", "label") == []


def test_unsourced_assertions_need_a_charged_word_and_no_attribution():
    text = (
        "The mayor receives death threats. The bridge is blue and long and new. "
        "Police said the mayor receives death threats. We received death threats."
    )
    assert found(text, "unsourced") == [("The mayor receives death threats.", "5")]


def test_embedded_posts_count_when_the_article_names_their_author():
    text = (
        "Netflix apologised for the poster.\n"
        "We are deeply sorry for the artwork we used.\n"
        "— Netflix (@netflix) August 20, 2020\n"
        "This is the worst thing I have seen.\n"
        "— Someone (@someone) August 21, 2020\n"
    )
    posts = [s for s in statements(text) if s.kind == "post"]
    assert [(s.value, s.norm, s.quote) for s in posts] == [
        (
            "Netflix (@netflix)",
            "August 20, 2020",
            "We are deeply sorry for the artwork we used. [...] — Netflix (@netflix) August 20, 2020",
        )
    ]


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ("2019", "2020", True),
        ("2019", "2019-?-?", False),
        ("?-09-09", "2020-09-09", False),
        ("?-09-09", "?-09-10", True),
        ("thursday", "?-09-10", False),
        ("yesterday", "today", False),
    ],
)
def test_dates_conflict_only_on_a_part_both_give(first: str, second: str, conflict: bool):
    assert dates_conflict(first, second) is conflict


def test_lemma_is_crude_but_joins_what_counts_agree_on():
    assert {lemma(word) for word in ("signatures", "signed", "signers")} == {"sign"}
    assert lemma("houses") == lemma("homes") == "hom"
    assert lemma("people") == "person"


def test_a_tally_in_words_and_a_speaker_named_after_the_role():
    text = (
        "The committee approved the plan by eight votes to three on Monday.\n\n"
        '"We are cooperating fully with the inspectors," said the cafe\'s owner, Piotr Lewandowski, in a statement.'
    )
    assert found(text, "tally") == [("eight votes to three", "8-3")]
    assert [s.value for s in statements(text) if s.kind == "speech"] == ["Piotr Lewandowski"]


def test_shares_in_words_are_percentages_and_a_mark_out_of_a_scale_is_a_score():
    text = (
        "A quarter of the new houses will be affordable, and two-thirds of voters agreed. "
        "One in four residents objected. The cafe got a hygiene rating of 1 out of 5."
    )
    assert found(text, "percent") == [("A quarter", "25"), ("two-thirds", "66.7"), ("One in four", "25")]
    assert found(text, "score") == [("1 out of 5", "1/5")]
    assert found(text, "count") == []


def test_a_cause_and_a_price_judged_in_the_articles_own_voice_are_unsourced():
    text = (
        "The frost was caused by the new reservoir upstream.\n\n"
        "The museum paid twice what the painting is worth.\n\n"
        "The firm blamed higher flour prices."
    )
    assert [s.value for s in statements(text) if s.kind == "unsourced"] == [
        "The frost was caused by the new reservoir upstream.",
        "The museum paid twice what the painting is worth.",
    ]


@pytest.mark.parametrize(
    "assertion",
    [
        "The mayor lied to the planning inquiry about the contract.",
        "Officials at the port have been deceiving the regulator for months.",
        "The club's owners covered up the injuries of two young players.",
        "The school cheated its way into the top ten of the exam tables.",
        "The contractor paid its way onto the approved list.",
        "Staff at the depot fiddled the overtime records every week.",
        "The council ignored repeated warnings about the bridge.",
        "Managers knew about the leak for months.",
        "The trust wasted public money on consultants.",
        "The club broke the rules on player transfers.",
    ],
)
def test_accusations_of_deceit_and_of_buying_an_advantage_stated_as_fact_are_unsourced(assertion: str):
    assert [s.value for s in statements(assertion) if s.kind == "unsourced"] == [assertion]


def test_an_accusation_with_a_source_or_an_innocent_lie_is_not_unsourced():
    text = (
        "The union said the managers had lied to the drivers. "
        "According to the auditor, the council misled residents about the budget. "
        "The town lies on the river."
    )
    assert found(text, "unsourced") == []


def test_a_count_reached_by_a_day_is_a_count():
    text = "Bookings at the campsite had reached 4,800 by Sunday, the owners said."
    assert found(text, "count") == [("4,800", "4800")]


def test_who_is_speaking_in_a_relative_clause_and_beside_a_role():
    text = (
        "The board had offered a 3 percent rise, which the union said was far too little. "
        "Ravi Shah, the ferry line's chief engineer, said the boats were safe. "
        "Dock organiser Nell Grey said the crews would walk out."
    )
    speech = [(s.value, sorted(s.keys)) for s in statements(text) if s.kind == "speech"]
    assert speech[0] == ("The union", ["union"])
    assert speech[1][0] == "Ravi Shah"
    assert speech[2] == ("Dock organiser Nell Grey", ["grey", "nell", "ng"])  # a person, not the docks


def test_an_unnamed_speaker_takes_the_one_before_only_when_that_one_was_named():
    from quiz.authoring.drafting.ledger import ledger

    text = "The company said it would run a reduced timetable. The city council urged people to work from home."
    claims = [claim for claim in ledger([("a", text)]) if claim.kind == "speech"]
    assert [[s.value for s in claim.statements] for claim in claims] == [["The company"], ["The city council"]]


def test_a_reporting_word_that_describes_a_thing_is_no_one_speaking():
    text = (
        "The bridge cost a reported $40 million to build. The closure hit drivers in the United States and Canada. "
        "The number of confirmed cases in the valley has risen to 31."
    )
    assert found(text, "speech") == []
