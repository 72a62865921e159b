"""quiz/ledger.py: the claims found in articles the drafter has never seen, and in the seeds."""

from __future__ import annotations

from pathlib import Path

from quiz.authoring.drafting.ledger import DraftClaim, ledger
from quiz.bank.quotes import SourceText

ARTICLES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"
SEEDS = ("000_10d12caac7ace896.txt", "003_2fd3939b84a33804.txt")


def read(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8-sig")


def claims_of(*names: str) -> tuple[list[DraftClaim], dict[str, str]]:
    texts = {f"a{number}": read(name) for number, name in enumerate(names)}
    return ledger(list(texts.items())), texts


def summary(claim: DraftClaim) -> tuple[str, str, list[str]]:
    return claim.kind, claim.status, [statement.value for statement in claim.statements]


def with_asides(claims: list[DraftClaim]) -> list[DraftClaim]:
    return [found for claim in claims for found in (claim, *claim.asides)]


def test_every_quote_is_in_its_article():
    for names in (SEEDS, ("millbrook-library.md", "alder-flood.txt")):
        claims, texts = claims_of(*names)
        for claim in claims:
            for statement in claim.statements:
                assert SourceText(texts[statement.sentence.source]).contains(
                    statement.quote or statement.sentence.text
                ), statement


def test_seeds_disagree_on_the_petition_counts_and_on_what_kind_of_film_it_is():
    claims, _ = claims_of(*SEEDS)
    conflicting = [summary(claim) for claim in claims if claim.status == "conflicting"]
    assert ("count", "conflicting", ["over 300,000", "more than 600,000"]) in conflicting
    label = next(claim for claim in claims if claim.kind == "label")
    assert label.status == "conflicting" and label.topic == "Cuties"
    values = [(statement.sentence.source, statement.value) for statement in label.statements]
    assert ("a0", "feature; coming-of-age comedy-drama") in values
    assert ("a1", "docuseries film") in values
    assert ("rating", "conflicting", ["18+", "TV-MA"]) in conflicting


def test_seeds_unsourced_assertion_and_netflix_statement_across_articles():
    claims, _ = claims_of(*SEEDS)
    unsupported = [claim.statements[0].value for claim in claims if claim.status == "unsupported"]
    assert "The Doucouré receives death threats." in unsupported
    netflix = next(claim for claim in claims if claim.kind == "speech" and claim.topic == "Netflix")
    assert {(s.sentence.source, s.value, s.via) for s in netflix.statements} >= {
        ("a0", "Variety", ""),  # "According to Variety:" and the statement on the next line
        ("a1", "A spokesperson of Netflix", "Variety"),
    }


def test_a_local_story_with_two_counts_a_date_and_speech():
    claims, _ = claims_of("millbrook-library.md")
    found = [summary(claim) for claim in claims]
    assert found[0] == ("count", "conflicting", ["More than 2,000", "About 1,200"])
    assert ("date", "consistent", ["March 12"]) in found
    assert ("speech", "consistent", ["Councillor Tom Reyes"]) in found
    # "..., according to a council spokesperson": who gave the second count, drafted under the count's claim;
    # "its organisers said on Monday" dates the saying, not an event, and is no date claim
    assert [summary(aside) for aside in claims[0].asides] == [
        ("speech", "consistent", ["Its organisers"]),
        ("speech", "consistent", ["A council spokesperson"]),
    ]
    assert ("unsourced", "unsupported", ["Vandals set fire to its reading room last year."]) in found
    reyes = next(claim for claim in claims if claim.topic == "Councillor Tom Reyes")
    assert reyes.statements[0].subject == "costs more to heat than it lends in books."


def test_according_to_and_told_with_counts_in_different_words():
    claims, _ = claims_of("alder-flood.txt")
    found = [summary(claim) for claim in claims]
    assert found[0] == ("count", "conflicting", ["140", "at least 200"])  # homes and houses count the same thing
    speakers = {claim.topic: claim.statements[0] for claim in with_asides(claims) if claim.kind == "speech"}
    assert speakers["Maria Lund"].subject == '"We have never seen the water this high,"'
    assert speakers["The Environment Agency"].subject == "140 homes were flooded."
    assert (speakers["Peter Holm"].via, speakers["Peter Holm"].subject) == ("Alder Gazette", "at least 200 houses")
    assert ("date", "consistent", ["on Saturday"]) in found


def test_the_same_count_in_two_articles_is_consistent():
    claims = ledger(
        [
            ("x", "About 300 people attended the vigil on Friday.\n"),
            ("y", "The vigil drew about 300 people, police said.\n"),
        ]
    )
    count = next(claim for claim in claims if claim.kind == "count")
    assert (count.status, [s.sentence.source for s in count.statements]) == ("consistent", ["x", "y"])


def test_unrelated_counts_stay_apart():
    claims = ledger([("x", "Ten people were injured. The storm destroyed 40 homes and 3,000 trees.\n")])
    assert not any(claim.status == "conflicting" for claim in claims)


def test_ledger_is_deterministic():
    texts = [("a", read(SEEDS[0])), ("b", read(SEEDS[1]))]
    assert ledger(texts) == ledger(texts)


def test_a_share_in_words_agrees_with_its_percentage_and_a_score_disagrees_with_another():
    one = "A quarter of the new flats will be affordable. The cafe got a hygiene rating of 1 out of 5."
    same = "Some 25 percent of the flats will be affordable. The cafe got a hygiene rating of 1 out of 5."
    other = "About 30 percent of the flats will be affordable. Inspectors gave it a hygiene rating of 2 out of 5."
    agreed = [summary(claim) for claim in ledger([("a", one), ("b", same)]) if claim.kind in ("percent", "score")]
    assert agreed == [
        ("percent", "consistent", ["A quarter", "Some 25 percent"]),
        ("score", "consistent", ["1 out of 5"] * 2),
    ]
    disputed = [summary(claim) for claim in ledger([("a", one), ("b", other)]) if claim.kind in ("percent", "score")]
    assert disputed == [
        ("percent", "conflicting", ["A quarter", "About 30 percent"]),
        ("score", "conflicting", ["1 out of 5", "2 out of 5"]),
    ]


def test_people_counted_by_what_they_did_and_the_number_who_did_it_later():
    import datetime as dt

    first = "Inspectors closed the cafe after 23 people fell ill with food poisoning."
    second = "The cafe was shut after 31 people reported food poisoning."
    later = "The number of people who fell ill after eating at the cafe has risen to 38, the council said."
    days = {"a": dt.date(2026, 9, 8), "b": dt.date(2026, 9, 8), "c": dt.date(2026, 9, 15)}
    claims = [c for c in ledger([("a", first), ("b", second), ("c", later)], published=days) if c.kind == "count"]
    assert [(summary(claim), claim.change) for claim in claims] == [
        (("count", "conflicting", ["23", "31"]), ""),
        (("count", "consistent", ["23", "31", "38"]), "growth"),
    ]


def test_days_of_one_event_worded_apart_and_what_does_not_make_a_conflict():
    import datetime as dt

    days = {"a": dt.date(2026, 9, 8), "b": dt.date(2026, 9, 8)}
    one = (
        "Health inspectors closed the Copper Kettle cafe on Friday after food poisoning cases. "
        "Anyone who ate at the Copper Kettle between August 30 and September 4 should call a doctor. "
        "A plan to build homes was approved on Monday night. The total cost to growers is £4.5 million."
    )
    other = (
        "The Copper Kettle cafe was shut down by inspectors on Thursday after food poisoning cases. "
        "The Copper Kettle opened in 2019. The committee approved the homes on Monday. "
        "Growers can buy frost fans, which cost about £30,000 each."
    )
    claims = ledger([("a", one), ("b", other)], published=days)
    assert [summary(claim) for claim in claims if claim.status == "conflicting"] == [
        ("date", "conflicting", ["on Friday", "on Thursday"])
    ]


def test_a_sum_named_by_what_follows_it_and_a_date_whose_subject_is_a_pronoun():
    one = (
        "A former treasurer was found guilty of stealing $410,000 from the charity over five years. "
        "Judge Helen Okafor told him he had betrayed the town. She will pass sentence on June 30."
    )
    other = (
        "The treasurer was convicted on Tuesday of taking $460,000 from the charity. "
        "Judge Helen Okafor adjourned the case and will sentence him on July 7."
    )
    claims = [summary(claim) for claim in ledger([("a", one), ("b", other)]) if claim.status == "conflicting"]
    assert ("money", "conflicting", ["$410,000", "$460,000"]) in claims
    assert ("date", "conflicting", ["June 30", "July 7"]) in claims


def test_a_pictures_medium_told_two_ways_is_a_conflict_and_oil_prices_are_no_medium():
    one = "The work, an oil painting on canvas, was found in an attic at Upper Tolley. Oil prices rose."
    other = "The picture, a watercolour on paper, turned up in an attic at Upper Tolley."
    claims = [claim for claim in ledger([("a", one), ("b", other)]) if claim.kind == "label"]
    assert [(summary(claim), claim.topic) for claim in claims] == [
        (("label", "conflicting", ["oil painting", "watercolour"]), "the picture")
    ]


def test_a_count_reached_by_a_later_day_is_growth_and_a_count_told_separately_is_another_thing():
    import datetime as dt

    first = "So far 6,200 tickets have been sold for the summer concerts, the box office said."
    later = (
        "The number of concert tickets sold had reached 9,400 by Monday, the box office said. "
        "Separately, the theatre has sold 1,300 tickets for its winter plays."
    )
    days = {"a": dt.date(2026, 5, 2), "b": dt.date(2026, 5, 20)}
    claims = with_asides(ledger([("a", first), ("b", later)], published=days))
    assert [(summary(claim), claim.change) for claim in claims if claim.kind == "count"] == [
        (("count", "consistent", ["6,200", "9,400"]), "growth"),
        (("count", "consistent", ["1,300"]), ""),
    ]
    assert not [claim for claim in claims if claim.status == "conflicting"]  # nor the two days in the sentences


def test_what_kind_of_thing_two_articles_say_the_same_thing_is():
    one = "Work on its new lakeside building, a sports science laboratory, will begin in May."
    other = "The building, a staff car park, was approved last week. The hall, a former Methodist church, opens soon."
    third = "Its old hall, a converted Methodist church, will host the fair."
    claims = ledger([("a", one), ("b", other), ("c", third)])
    found = [(summary(claim), claim.topic) for claim in claims if claim.kind == "description"]
    assert found == [
        (
            ("description", "conflicting", ["a sports science laboratory", "a staff car park"]),
            "the new lakeside building",
        ),
        (("description", "consistent", ["a former Methodist church", "a converted Methodist church"]), "the old hall"),
    ]
    from quiz.authoring.drafting.wording import claim_text

    assert claim_text(next(c for c in claims if c.kind == "description")) == (
        "What kind of building is the new lakeside building?"
    )


def test_a_count_that_jumped_or_topped_a_figure_on_a_later_date_is_growth():
    import datetime as dt

    first = "About 2,400 children have joined the library's summer reading challenge."
    later = "The number of children who have joined the summer reading challenge has jumped to 3,900, the library said."
    days = {"a": dt.date(2026, 6, 1), "b": dt.date(2026, 6, 20)}
    claims = [c for c in ledger([("a", first), ("b", later)], published=days) if c.kind == "count"]
    assert [(summary(claim), claim.change) for claim in claims] == [
        (("count", "consistent", ["About 2,400", "3,900"]), "growth")
    ]
