"""Who cites what: every passage of a source that the bank quotes, and where it stands in the text.

A cite is named by its owner (a question or a claim), the owner's id and its number in the
owner's list (``n``), which is what a "Read in context" link carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from quiz.bank.model import Bank, Cite

Owner = Literal["question", "claim"]
CITED = "yellow"  # background colour of every cited passage
FOCUS = "orange!"  # the passage a link opened: orange and bold (see markup.highlighted)

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True)
class CiteRef:
    owner: Owner
    owner_id: str
    number: int
    cite: Cite


def cites(bank: Bank, source_id: str) -> tuple[CiteRef, ...]:
    """Every cite of a source: served questions' first, in bank order, then claims'."""
    found = [
        CiteRef("question", question.id, number, cite)
        for question in bank.served()
        for number, cite in enumerate(question.cite)
        if cite.source == source_id
    ]
    found += [
        CiteRef("claim", claim.id, number, cite)
        for claim in bank.claims.values()
        for number, cite in enumerate(claim.reports)
        if cite.source == source_id
    ]
    return tuple(found)


def find(bank: Bank, owner: str, owner_id: str, number: int) -> CiteRef | None:
    """The cite a link names, or None when the bank has no such cite (or only in a draft)."""
    if owner == "question":
        question = bank.questions.get(owner_id)
        items = question.cite if question is not None and not question.draft else ()
    elif owner == "claim":
        claim = bank.claims.get(owner_id)
        items = claim.reports if claim is not None else ()
    else:
        return None
    if not 0 <= number < len(items):
        return None
    return CiteRef("question" if owner == "question" else "claim", owner_id, number, items[number])


def marks(bank: Bank, source_id: str, focus: CiteRef | None = None) -> list[tuple[int, int, str]]:
    """Highlight ranges for a source's full text: every cited passage, the focused one last."""
    text = bank.texts[source_id]
    found = [(start, end, CITED) for ref in cites(bank, source_id) for start, end in text.spans(ref.cite.quote)]
    if focus is not None and focus.cite.source == source_id:
        found += [(start, end, FOCUS) for start, end in text.spans(focus.cite.quote)]
    return found


def in_context(bank: Bank, ref: CiteRef) -> tuple[str, list[tuple[int, int, str]]]:
    """The paragraph(s) around a cited passage, and the passage's ranges within them."""
    text = bank.texts[ref.cite.source].text
    spans = bank.texts[ref.cite.source].spans(ref.cite.quote)
    if not spans:
        return "", []
    first, last = spans[0][0], spans[-1][1]
    starts = [match.end() for match in _PARAGRAPH_BREAK.finditer(text, 0, first)]
    start = starts[-1] if starts else 0
    after = _PARAGRAPH_BREAK.search(text, last)
    end = after.start() if after else len(text)
    return text[start:end], [(low - start, high - start, FOCUS) for low, high in spans]
