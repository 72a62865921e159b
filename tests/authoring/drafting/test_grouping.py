"""quiz/authoring/drafting/ledger.py: two statements of one fact in two articles, worded apart, become one claim.

Small article pairs written for these tests (not taken from the corpus): each test plants one fact told
two ways, and a trap beside it where one is natural, so that a rule fitted to one phrasing fails here.
"""

from __future__ import annotations

import datetime as dt

from quiz.authoring.drafting.ledger import DraftClaim, ledger


def claims(*texts: str, dates: tuple[dt.date, ...] = ()) -> list[DraftClaim]:
    named = [(f"s{number}", text) for number, text in enumerate(texts)]
    published = {source: day for (source, _), day in zip(named, dates)}
    return ledger(named, published=published)


def holding(found: list[DraftClaim], kind: str, *values: str) -> list[DraftClaim]:
    """The claims of ``kind`` whose statements include every value."""
    return [claim for claim in found if claim.kind == kind and set(values) <= {s.value for s in claim.statements}]


def test_an_event_told_with_an_irregular_verb_and_a_regular_one_is_one_date():
    found = claims(
        "The spill into Marden Brook began on March 9, when a pump failed.",
        "Residents say the leak started on March 11 after a pump broke.",
    )
    assert [claim.status for claim in holding(found, "date", "March 9", "March 11")] == ["conflicting"]


def test_a_month_with_a_day_after_until_is_the_whole_date():
    found = claims(
        "Magistrates adjourned the hearing of the Colby quarry case to October 14 for a pre-trial review.",
        "The Colby quarry hearing was adjourned by magistrates until October 21 for a pre-trial review.",
    )
    assert [claim.status for claim in holding(found, "date", "October 14", "October 21")] == ["conflicting"]


def test_hundreds_then_a_figure_that_has_risen_is_growth_not_a_conflict():
    found = claims(
        "Hundreds of starlings have died near the Orsett reservoir. Rangers had counted more than 300 dead starlings"
        " by Tuesday, the park trust said.",
        "The number of dead starlings found at the Orsett reservoir has risen to 1,100, rangers said on Monday.",
        dates=(dt.date(2026, 3, 4), dt.date(2026, 3, 10)),
    )
    grouped = holding(found, "count", "more than 300", "1,100")
    assert [(claim.status, claim.change) for claim in grouped] == [("consistent", "growth")]


def test_a_crowd_of_and_a_number_of_fans_are_one_count():
    found = claims(
        "A crowd of 3,400 packed the Delmore velodrome on Sunday for the first race meeting since the fire.",
        "About 2,100 fans watched the first race meeting at the rebuilt Delmore velodrome on Sunday.",
    )
    assert [claim.status for claim in holding(found, "count", "3,400", "About 2,100")] == ["conflicting"]


def test_an_age_after_a_name_and_an_age_before_a_person_noun_are_compared():
    found = claims(
        "Priya Walcott, 38, of Kennet Road, was elected chair of the allotment society on Monday."
        " A seven-year-old boy won the society's prize for the largest marrow.",
        "The society's new chair, Priya Walcott, 41, said plots would be shared out fairly."
        " The prize went to an eight-year-old boy from Kennet Road.",
    )
    assert [claim.status for claim in holding(found, "age", "38", "41")] == ["conflicting"]
    assert [claim.status for claim in holding(found, "age", "seven-year-old", "eight-year-old")] == ["conflicting"]


def test_grades_in_quotation_marks_after_rated_are_compared_and_asked_in_words():
    from quiz.authoring.drafting.wording import claim_text

    found = claims(
        "Inspectors rated the nursery 'outstanding' in March, the first time it had been inspected.",
        "Parents were surprised, because the nursery was rated 'requires improvement' at its inspection.",
        "Staff at the nursery, which was rated 'outstanding', have been asked to stay on.",
    )
    grouped = holding(found, "rating", "outstanding", "requires improvement")
    assert [claim.status for claim in grouped] == ["conflicting"]
    assert claim_text(grouped[0]) == "How was the nursery rated?"


def test_what_a_named_person_is_and_which_kind_of_a_class_a_thing_is():
    found = claims(
        "The dig was led by Tomas Brenner, a volunteer from the village, who found a mosasaur, a giant marine"
        " reptile, in the clay.",
        "Experts say the find is a pliosaur, a short-necked reptile with huge jaws. Tomas Brenner, the museum's"
        " head of collections, said it would be cleaned over the winter.",
    )
    person = holding(found, "description", "a volunteer", "the museum's head of collections")
    assert [claim.status for claim in person] == ["conflicting"]
    kind = holding(found, "description", "a mosasaur", "a pliosaur")
    assert [claim.status for claim in kind] == ["conflicting"]


def test_the_same_role_or_kind_in_other_words_is_not_a_conflict():
    found = claims(
        "Lena Ashdown, the college's head of science, opened the new laboratory on Friday.",
        "Lena Ashdown, head of science at the college, said the laboratory had cost less than planned.",
    )
    assert not [claim for claim in found if claim.kind == "description" and claim.status == "conflicting"]


def test_two_peoples_counts_and_a_margin_are_not_one_count_but_two_sources_of_one_count_are():
    found = claims(
        "Ines Cordero won 2,310 votes in the Selby ward, beating Hal Brick by 95 votes after a recount.",
        "Hal Brick took 2,215 votes in the Selby ward, falling short of Ines Cordero after a recount.",
    )
    conflicting = [claim for claim in found if claim.kind == "count" and claim.status == "conflicting"]
    assert not [claim for claim in conflicting if {"2,215"} & {s.value for s in claim.statements}]
    marched = claims(
        "Police said 300 people marched through Ellan on Saturday against the closure of the ward.",
        "Organisers said 1,000 people marched through Ellan on Saturday to save the ward.",
    )
    assert [claim.status for claim in holding(marched, "count", "300", "1,000")] == ["conflicting"]


def test_the_one_vote_of_each_article_is_one_tally_however_the_motion_is_worded():
    found = claims(
        "Trustees voted 6 to 3 on Thursday to sell the Orchard Street hall to a housing charity.",
        "The sale of the old hall went through by seven votes to two at a heated meeting of the trust.",
    )
    assert [claim.status for claim in holding(found, "tally", "6 to 3", "seven votes to two")] == ["conflicting"]


def test_a_count_that_is_now_somewhere_else_has_not_moved_on():
    found = claims(
        "The academy said 412 students would be taught in temporary classrooms on the Fenn Lane site.",
        "The 377 students on the academy's roll are now being taught in temporary classrooms on Fenn Lane.",
        dates=(dt.date(2026, 9, 1), dt.date(2026, 9, 3)),
    )
    grouped = holding(found, "count", "412", "377")
    assert [(claim.status, claim.change) for claim in grouped] == [("conflicting", "")]


def test_the_one_event_each_article_says_will_happen_is_one_date_however_its_subject_is_worded():
    found = claims(
        "The new parking scheme will start in May, the council said.",
        "Under the plan, permit charges will start in September, giving residents time to apply.",
    )
    assert [claim.status for claim in holding(found, "date", "in May", "in September")] == ["conflicting"]


def test_two_events_with_the_same_verb_in_one_article_are_not_joined_by_the_verb_alone():
    found = claims(
        "The Kerris Road pool will reopen in March. The branch library will reopen in October.",
        "Swimmers were told the leisure centre would reopen in June after repairs to its roof.",
    )
    assert not [claim for claim in found if claim.kind == "date" and claim.status == "conflicting"]


def test_a_sentence_with_two_dates_tells_two_events():
    found = claims(
        "Dara Quill was found guilty on Monday of four breaches of safety rules at the Lyle Street garage, which she"
        " bought in March 2019.",
        "Dara Quill, of Ambry, was convicted on Monday on four counts of breaking safety rules at the garage.",
        dates=(dt.date(2026, 5, 6), dt.date(2026, 5, 6)),
    )
    everything = [one for claim in found for one in (claim, *claim.asides)]
    dated = [
        claim for claim in everything if claim.kind == "date" and "in March 2019" in {s.value for s in claim.statements}
    ]
    assert dated  # the date it was bought is drafted (an aside of the verdict's day), not compared with it
    assert all(claim.status != "conflicting" for claim in dated)
    assert [claim.status for claim in holding(found, "date", "on Monday")] == ["consistent"]


def test_a_cost_and_a_bill_for_the_same_work_are_one_sum():
    found = claims(
        "Resurfacing of the Marl Lane car park is expected to cost £340,000, the highways team said.",
        "Highways officers put the bill at £410,000 and said the work would start in spring.",
    )
    assert [claim.status for claim in holding(found, "money", "£340,000", "£410,000")] == ["conflicting"]


def test_a_role_in_other_words_and_two_people_of_one_surname_are_not_conflicts():
    found = claims(
        "Owen Pryce, a retired fire officer, told the inquiry the doors had been propped open."
        " Carys Pryce, the landlord's sister, was not called.",
        "Owen Pryce, a former firefighter who lives nearby, said he had warned the owner."
        " Owen Pryce's neighbour, Alys Pryce, a teacher at the primary school, backed his account.",
    )
    assert not [claim for claim in found if claim.kind == "description" and claim.status == "conflicting"]
