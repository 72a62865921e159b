"""Questions on the two disputes the ledger tells apart from a plain conflict: who said some words, and a
count that changed between two dates. Like every drafted question: a draft, cited, with feedback on
every wrong choice and an explanation that ends with a habit.
"""

from __future__ import annotations

from quiz.authoring.drafting.extract import Statement
from quiz.authoring.drafting.ledger import DraftClaim
from quiz.authoring.drafting.templates import Drafting, Fields, choices, for_claim, question, quote_of, shown
from quiz.authoring.drafting.wording import figure_phrase


def questions_for(claim: DraftClaim, cid: str, drafting: Drafting) -> list[Fields]:
    """The questions a claim gets: a dispute's own, else those of its kind."""
    if claim.change == "speaker":
        return _who_said(claim, cid, drafting)
    if claim.change == "growth":
        return _growth(claim, cid, drafting)
    return for_claim(claim, cid, drafting)


def _who_said(claim: DraftClaim, cid: str, d: Drafting) -> list[Fields]:
    first, second = claim.statements[0], claim.statements[1]
    one, other = d.article(first.sentence.source), d.article(second.sentence.source)
    body = choices(
        f"The articles disagree: {one} gives them to {first.value}, {other} to {second.value}",
        [
            (f"{first.value}, as both articles say", f"Only {one} says so; {other} gives the words to {second.value}."),
            (f"{second.value}, as both articles say", f"Only {other} says so; {one} gives the words to {first.value}."),
            ("Neither article says who said them", "Both do, and they name different people."),
        ],
    )
    explanation = f"{one.capitalize()} reads {shown(quote_of(first), 50)}; {other} reads {shown(quote_of(second), 50)}."
    habit = "When two reports quote the same words, check that they give them to the same person."
    return [
        found
        for found in (
            body
            and question(
                d,
                claim,
                cid,
                "who",
                "single",
                f"Who said {shown(first.subject, 25)}, according to the articles?",
                body,
                explanation,
                habit,
                ["attribution", "conflicting-reports"],
            ),
        )
        if found
    ]


def _growth(claim: DraftClaim, cid: str, d: Drafting) -> list[Fields]:
    earliest, latest = claim.statements[0], claim.statements[-1]

    def dated(statement: Statement) -> str:
        when = d.published.get(statement.sentence.source)
        return f"{d.article(statement.sentence.source)}{f' ({when})' if when else ''}"

    body = choices(
        "The figure changed between the two dates: both can be right for their day",
        [
            (
                "The articles contradict each other",
                "They were written on different dates, and the later one says the count moved on.",
            ),
            (
                "The earlier figure was a mistake",
                "Nothing says it was wrong on its day; the count grew (or fell) afterwards.",
            ),
            (
                "Add them up to get the total",
                "The later figure already includes the earlier count; adding counts it twice.",
            ),
        ],
    )
    return [
        found
        for found in (
            body
            and question(
                d,
                claim,
                cid,
                "over-time",
                "single",
                f"{dated(earliest).capitalize()} gives {shown(figure_phrase(earliest))}; {dated(latest)} gives "
                f"{shown(figure_phrase(latest))}. What is the most careful reading?",
                body,
                f"The passages read {shown(quote_of(earliest), 50)} and {shown(quote_of(latest), 50)}.",
                "Before calling two figures a conflict, check when each was counted.",
                ["numbers", "context-and-timing"],
                [earliest, latest],
            ),
        )
        if found
    ]
