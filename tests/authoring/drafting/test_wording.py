"""quiz/authoring/drafting/wording.py and disputes.py: drafted claims read as questions, growth and who-said
disputes get their own note and question, with feedback on every wrong choice."""

from __future__ import annotations

from pathlib import Path

from quiz.authoring.drafting.draft import draft
from quiz.bank.load import load_bank

STORY = Path(__file__).resolve().parents[2] / "fixtures" / "drafting" / "dev" / "council-pool"


def test_council_story_claims_questions_and_notes(tmp_path: Path):
    draft(sorted(STORY.glob("*.md")), tmp_path / "bank")
    bank = load_bank(tmp_path / "bank").bank
    assert bank is not None
    claims = {claim.claim: claim for claim in bank.claims.values()}
    tally = claims["By what margin did Harwick's council vote on Tuesday to close the Brindle Street swimming pool?"]
    assert tally.status == "conflicting" and "“7-4”" in tally.note and "“6-5”" in tally.note
    who = claims["Who said “We cannot keep pouring money into a building that leaks”?"]
    assert who.status == "conflicting"
    assert "Councillor Dana Whitlow" in who.note and "Mayor Ruth Okonjo" in who.note
    growth = claims["How many signatures did a petition to save the pool have by Monday?"]
    assert growth.status == "consistent"
    assert "from different dates" in growth.note and "changed over time; that is not a conflict" in growth.note
    assert claims["The pool is used by how many swimmers a year?"].status == "consistent"  # about / nearly 40,000
    asked = [q for q in bank.questions.values() if q.claims == (who.id,)]
    assert [q.prompt for q in asked] == [
        "Who said “We cannot keep pouring money into a building that leaks”, according to the articles?"
    ]
    for q in bank.questions.values():
        assert all(choice.feedback for choice in getattr(q, "choices", ()) if not choice.correct), q.id


def test_a_pictures_medium_is_asked_of_the_picture_the_sentence_names():
    from quiz.authoring.drafting.ledger import ledger
    from quiz.authoring.drafting.wording import claim_text

    one = "The work, an oil painting on canvas, was found in an attic."
    other = "The picture, a watercolour on paper, turned up in an attic."
    (claim,) = [claim for claim in ledger([("a", one), ("b", other)]) if claim.kind == "label"]
    assert claim_text(claim) == "What medium is the work in?"


def test_a_short_clause_takes_the_one_before_and_a_second_statement_is_cut_off():
    from quiz.authoring.drafting.ledger import ledger
    from quiz.authoring.drafting.wording import claim_text

    one = (
        "Fenbury's planning committee approved 420 new homes on the former brickworks on Monday, by eight votes to "
        "three, after a long meeting. Building work is due to start in September and should take about eighteen months."
    )
    other = (
        "The planning committee approved the homes on Monday night, splitting 7-4 in favour. "
        "Building work is due to start in January, the developer says."
    )
    texts = [(claim.kind, claim_text(claim)) for claim in ledger([("a", one), ("b", other)])]
    assert (
        "tally",
        "Fenbury's planning committee approved 420 new homes on the former brickworks on Monday, by what margin?",
    ) in texts
    assert ("date", "when is building work due to start?") in [(kind, text.lower()) for kind, text in texts]


def _claim_texts(*articles: str) -> list[tuple[str, str]]:
    from quiz.authoring.drafting.ledger import ledger
    from quiz.authoring.drafting.wording import claim_text

    claims = ledger([(f"s{number}", text) for number, text in enumerate(articles)])
    return [(claim.kind, claim_text(found)) for claim in claims for found in (claim, *claim.asides)]


def test_a_claim_puts_its_question_word_first_where_the_clause_turns_simply():
    one = (
        "The ferry company carried 48,000 passengers over the summer. "
        "So far 1,900 residents have signed the letter to the harbour board. "
        "The new terminal will cost $14 million. "
        "The harbour trust owns 12 boats in all. "
        "The dockers voted 310 to 45 in favour of the new rota."
    )
    other = (
        "The ferry company carried 51,000 passengers over the summer. "
        "The new terminal will cost $17 million. "
        "The dockers voted 280 to 70 in favour of the new rota."
    )
    texts = _claim_texts(one, other)
    assert ("count", "How many passengers did the ferry company carry over the summer?") in texts
    assert ("money", "How much will the new terminal cost?") in texts
    assert ("tally", "By what margin did the dockers vote in favour of the new rota?") in texts
    assert ("count", "How many residents have signed the letter to the harbour board so far?") in texts


def test_a_when_question_moves_the_time_out_and_a_time_inside_a_name_is_asked_as_such():
    one = (
        "Storm Ada closed the coast road on Tuesday. "
        "Ferry crews will stop work later this month after rejecting the offer. "
        "The harbour has won this year's clean beach award."
    )
    texts = [text for kind, text in _claim_texts(one) if kind == "date"]
    assert "When did Storm Ada close the coast road?" in texts
    assert "When will ferry crews stop work?" in texts
    assert "When is “this year” in “The harbour has won this year's clean beach award”?" in texts
    assert not [text for text in texts if " when " in text or "when's" in text]


def test_a_clause_that_does_not_turn_simply_keeps_its_order():
    one = (
        "Inspectors closed the pier after 14 people fell ill. "
        "A survey carried out by the council in May found that 62 percent backed the plan."
    )
    other = (
        "Inspectors closed the pier after 19 people fell ill. "
        "A survey carried out by the council in May found that 48 percent backed the plan."
    )
    texts = _claim_texts(one, other)
    assert ("count", "Inspectors closed the pier after how many people fell ill?") in texts
    assert (
        "percent",
        "A survey carried out by the council in May found that what percentage backed the plan?",
    ) in texts


def test_a_prompt_shows_a_figure_with_what_it_counts_not_the_rest_of_its_sentence():
    from quiz.authoring.drafting.extract import find_statements
    from quiz.authoring.drafting.wording import figure_phrase
    from quiz.authoring.sentences import article_sentences

    text = (
        "About 80 mm of rain fell in six hours. The shuttle makes nearly 3,000 trips a day across the valley. "
        "The vote was carried by 40 votes to 12, the union said. The bridge will close for three weeks in May."
    )
    shown = [
        figure_phrase(s) for s in find_statements(article_sentences("a", text)) if s.kind not in ("date", "speech")
    ]
    assert shown == ["About 80 mm of rain", "nearly 3,000 trips a day", "40 votes to 12", "three weeks"]


def test_a_time_in_a_name_or_before_the_sentence_is_asked_of_the_sentences_main_clause():
    one = (
        "Inspired by a true story, Harbour Lights premiered at the 2024 Tallin Film Festival, where it won a prize. "
        "On Friday, a spokesman for the ferry company, Ian Rowe, posted a long apology."
    )
    other = "Harbour Lights, a drama about a lighthouse keeper, was shown at the 2024 Tallin Film Festival."
    texts = [text for kind, text in _claim_texts(one, other) if kind == "date"]
    assert texts == [
        "When did Harbour Lights premiere at the Tallin Film Festival?",
        "When is “On Friday” in “On Friday, a spokesman for the ferry company, Ian Rowe, posted a long apology”?",
    ]


def test_an_aside_and_the_reporting_verb_are_left_out_of_the_question():
    one = (
        "The council confirmed on Monday that work on its new depot, a bus maintenance garage, will start in June. "
        "The operator had offered a 3 percent rise."
    )
    other = "The operator had offered a 5 percent rise."
    texts = _claim_texts(one, other)
    assert ("date", "When will work on its new depot start?") in texts
    assert ("percent", "What percentage rise had the operator offered?") in texts


def test_how_long_and_a_report_without_that_and_a_subject_with_a_place_in_it():
    one = (
        "The ferry service went down for four hours on Sunday. "
        "Doctors said the outbreak could last eight weeks. "
        "Schools in the valley stayed closed on Monday."
    )
    other = "The ferry service went down for six hours on Sunday. Doctors said the outbreak could last ten weeks."
    texts = _claim_texts(one, other)
    assert ("duration", "How long did the ferry service go down on Sunday?") in texts
    assert ("duration", "How long could the outbreak last?") in texts
    assert ("date", "When did schools in the valley stay closed?") in texts


def test_an_age_is_asked_of_the_person_named_after_it():
    one = "The 12-year-old who spotted the fire, Amir Khan, was praised by the crew."
    other = "The twelve-year-old who spotted the fire, Amir Khan, will get an award."
    assert ("age", "How old is Amir Khan?") in _claim_texts(one, other)


def test_a_time_in_a_clause_after_another_is_asked_of_that_clause():
    one = "The old pier will close and its cafes will move inland after the council approved the plan by 6-3 on Monday."
    other = "The council approved the plan for the pier on Monday night."
    texts = [text for kind, text in _claim_texts(one, other) if kind == "date"]
    assert texts[0] == "When did the council approve the plan by 6-3?"
