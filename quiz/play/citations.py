"""Who cites what: every passage of a source that the bank quotes, and where it stands in the text.

A cite is named by its owner (a question or a claim), the owner's id and its number in the
owner's list (``n``), which is what a "Read in context" link carries: ``link`` writes that link's
query parameters and ``linked`` reads them back, the one place either is done.

Passages are marked by kind (``cited``: quoted by the bank; ``opened``: the one a link opened);
the UI chooses how each kind looks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from quiz.bank.model import Bank, Cite
from quiz.text import paragraphs

Owner = Literal["question", "claim"]
Kind = Literal["cited", "opened"]
Mark = tuple[int, int, Kind]
CITED: Kind = "cited"  # every passage the bank quotes
OPENED: Kind = "opened"  # the passage a link opened
LINK_KEYS = ("q", "claim", "n")  # what a link adds to a Sources page's ?bank=…&source=…
AROUND = 1  # lines of the source shown before and after the lines of an opened passage

_LINE = re.compile(r"[^\n]*\S[^\n]*")  # a line with something on it
_NUMBER = re.compile(r"[0-9]{1,4}")
_CONTENT_NOTE = re.compile(r"[*_\s]*content note\b", re.IGNORECASE)


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


def link(bank_id: str, ref: CiteRef) -> dict[str, str]:
    """The query parameters of the Sources page that opens ``ref`` ("Read in context")."""
    owner = {"q": ref.owner_id} if ref.owner == "question" else {"claim": ref.owner_id}
    return {"bank": bank_id, "source": ref.cite.source, **owner, "n": str(ref.number)}


def linked(bank: Bank, params: Mapping[str, str]) -> CiteRef | None:
    """The cite that query parameters written by ``link`` name; None for no link or a wrong one."""
    number = params.get("n", "")
    if not _NUMBER.fullmatch(number):
        return None
    if params.get("q"):
        return find(bank, "question", params["q"], int(number))
    if params.get("claim"):
        return find(bank, "claim", params["claim"], int(number))
    return None


def marks(bank: Bank, source_id: str, focus: CiteRef | None = None) -> list[Mark]:
    """Marked ranges of a source's full text: every cited passage, the opened one last."""
    text = bank.texts[source_id]
    found: list[Mark] = [
        (start, end, CITED) for ref in cites(bank, source_id) for start, end in text.spans(ref.cite.quote)
    ]
    if focus is not None and focus.cite.source == source_id:
        found += [(start, end, OPENED) for start, end in text.spans(focus.cite.quote)]
    return found


def in_context(bank: Bank, ref: CiteRef, around: int = AROUND) -> tuple[str, list[Mark]]:
    """The lines of a cited passage with ``around`` lines before and after, and the passage's
    ranges within them ("", [] when the quote is not in its source).

    A line is the unit, not a blank-line paragraph: a source keeps one paragraph, post or
    signature per line (a single newline shows as a line break), and in the Cuties reports one
    "paragraph" runs through eleven quoted posts, profane ones among them, around a harmless quote."""
    text = bank.texts[ref.cite.source].text
    spans = bank.texts[ref.cite.source].spans(ref.cite.quote)
    if not spans:
        return "", []
    first, last = spans[0][0], spans[-1][1]
    lines = [(match.start(), match.end()) for match in _LINE.finditer(text)]
    holding = [number for number, (start, end) in enumerate(lines) if start < last and end > first]
    if not holding:  # a passage of blanks only: nothing to show around it
        return "", []
    low = max(holding[0] - around, 0)
    high = min(holding[-1] + around, len(lines) - 1)
    start, end = lines[low][0], lines[high][1]
    return text[start:end], [(a - start, b - start, OPENED) for a, b in spans]


def content_note(bank: Bank) -> str:
    """The paragraph of the bank's description that starts "Content note" (Markdown, as the author
    wrote it), or "" when it has none."""
    for paragraph in paragraphs(bank.info.description):
        if _CONTENT_NOTE.match(paragraph):
            return paragraph.strip()
    return ""
