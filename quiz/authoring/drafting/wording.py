"""A drafted claim as the question a reader would ask, and its note: what the passages say and what to check.

"A petition to save the pool had how many signatures by Monday?" rather than "The figure 'over
300,000'": the claim's own sentence, cut to the clause that holds the figure, date or duration and
without its attribution ("..., the council said"), with that figure turned into the question word;
"When will the pool close?" where the sentence inverts simply.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from quiz.authoring.drafting.extract import Statement
from quiz.authoring.drafting.ledger import PICTURE, DraftClaim
from quiz.authoring.drafting.lexicon import SAY_VERBS

_ATTRIBUTION_TAIL = re.compile(
    r",\s+(?:[^,]*\s)?(?:" + "|".join(sorted(SAY_VERBS)) + r"|according to)\b[^,]*(?:,[^,]*)?$", re.I
)
_ATTRIBUTION_HEAD = re.compile(r"^(?:According to|As per)\s+[^,]+,\s*", re.I)
_AUXILIARY = re.compile(r"^(?P<subject>.+?)\s+(?P<aux>will|would|should|could|can|is|are|was|were)\s+(?P<rest>.+)$")
_CLAUSE_END = re.compile(r",\s|;\s|\s(?:—|–)\s")
_JOINT = re.compile(r"\s(?:and|after|as|while|because|before|when|in front of)\s")
# "and should take about eighteen months": a second statement begins
_SECOND = re.compile(
    r"\s(?:and|but)\s+(?:(?:it|he|she|they)\s+)?(?:will|would|should|could|can|must|may|is|are|was|were|has|have|had|says|said)\b"
)


def _clause(text: str, value: str) -> str:
    """The part of a sentence that holds ``value``: attribution, and clauses holding other figures, cut off."""
    text = _ATTRIBUTION_HEAD.sub("", text.strip().rstrip(".!?"))
    while (cut := _ATTRIBUTION_TAIL.search(text)) is not None and value in text[: cut.start()]:
        text = text[: cut.start()]
    at = text.find(value)
    if at >= 0:
        end = _CLAUSE_END.search(text, at + len(value))
        joint = _JOINT.search(text, at + len(value))
        if joint is not None and re.search(r"\d", text[joint.start() : end.start() if end else len(text)]):
            end = joint if end is None or joint.start() < end.start() else end
        second = _SECOND.search(text, at + len(value))
        if second is not None and (end is None or second.start() < end.start()):
            end = second
        if end is not None:
            text = text[: end.start()]
        start = max(text.rfind(", ", 0, at), text.rfind("; ", 0, at))
        # a clause of a few words ("by eight votes to three", "painted in 1788") needs the one before it
        while start > 0 and len(text[start + 2 :].split()) - len(value.split()) < 3:
            start = max(text.rfind(", ", 0, start), text.rfind("; ", 0, start))
        if start > 0 and len(text[:start].split()) > 12:
            text = text[start + 2 :]
    text = text.strip(' ,;"“”')
    return text[:1].upper() + text[1:]


def _asked(statement: Statement, asking: str) -> str:
    clause = _clause(statement.sentence.text, statement.value)
    if statement.value not in clause:
        return ""
    asked = clause.replace(statement.value, asking, 1)
    asked = re.sub(r"\bby an? majority of (?:by )?what margin\b", "by what majority", asked)
    return asked[:1].upper() + asked[1:] + "?"


def _figure_words(statement: Statement) -> str:
    if statement.kind == "money":
        return "how much"
    if statement.kind == "percent":
        return "what percentage"
    if statement.kind == "duration":
        return "how long"
    if statement.kind == "score":
        return f"how many out of {statement.value.rsplit(' ', 1)[-1]}"
    if statement.kind == "tally":
        before = statement.sentence.text[: statement.sentence.text.find(statement.value)]
        if re.search(r"\bby\s*$", before):
            return "what margin"
        return "by what score" if re.search(r"\b(?:won|beat|beats|lost|defeated)\b", before) else "by what margin"
    return "how many"


def _when_question(statement: Statement) -> str:
    clause = _clause(statement.sentence.text, statement.value)
    bare = re.sub(rf"(?:\b(?:in|on|at|by)\s+)?{re.escape(statement.value)}", " ", clause, count=1)
    bare = re.sub(r"\s+", " ", bare).strip(" ,")
    if re.search(r"\d", bare) and " and " in bare:  # "The school will have 620 pupils and will open in May"
        left, right = bare.rsplit(" and ", 1)
        head = _AUXILIARY.match(left)
        if head and _AUXILIARY.match("x " + right):
            bare = f"{head.group('subject')} {right}"
    inverted = _AUXILIARY.match(bare)
    if inverted and clause.rstrip().endswith(statement.value):
        subject = inverted.group("subject")
        if subject.split()[0] in ("The", "A", "An", "Its", "Their", "This"):
            subject = subject[0].lower() + subject[1:]
        return f"When {inverted.group('aux')} {subject} {inverted.group('rest')}?"
    return _asked(statement, "when")


def _age_question(statement: Statement) -> str:
    before = statement.sentence.text[: statement.sentence.text.find(statement.value)]
    name = re.search(r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+),?\s+(?:an?|the)?\s*$", before)
    if name:
        return f"How old is {name.group(1)}?"
    noun = statement.subject[len(statement.value) :].split()
    return f"How old is the {noun[0]}?" if noun else "How old is the person the passages describe?"


def _speaker(name: str) -> str:
    first = name.split()[0]
    common = first in ("The", "A", "An", "Its", "Their") or (len(name.split()) > 1 and name.split()[1][:1].isupper())
    return first.lower() + name[len(first) :] if common and first not in ("Mayor", "Judge", "Dr.") else name


def claim_text(claim: DraftClaim) -> str:
    """The claim as the question it settles."""
    first = claim.statements[0]
    found = ""
    if claim.kind in ("count", "money", "percent", "tally", "duration", "score"):
        found = _asked(first, _figure_words(first))
    elif claim.kind == "age":
        found = _age_question(first)
    elif claim.kind == "date":
        found = _when_question(first)
    elif claim.kind == "label" and claim.topic == PICTURE:
        reference = re.match(
            r"(?:The|This|That|Its)\s+(work|picture|painting|portrait|drawing|print)\b", first.sentence.text
        )
        found = f"What medium is the {reference.group(1) if reference else 'picture'} in?"
    elif claim.kind == "label":
        found = f"What kind of work is {claim.topic}?"
    elif claim.kind == "rating":
        found = f"What age rating does {claim.topic} have?"
    elif claim.kind == "stars":
        found = f"How many stars did the review give {claim.topic}?"
    elif claim.kind == "speech" and claim.change == "speaker":
        found = f"Who said “{_short(first.subject)}”?"
    elif claim.kind == "speech":
        found = f"What did {_speaker(first.value)} say" + (f" to {first.via}" if first.via else "") + "?"
    elif claim.kind == "post":
        found = f"What did {claim.topic} post?"
    else:
        sentence = first.value.rstrip(".!")
        opening = sentence.split()[0]
        proper = opening[:1].isupper() and len(sentence.split()) > 1 and sentence.split()[1][:1].isupper()
        found = f"Who says that {sentence if proper else sentence[0].lower() + sentence[1:]}?"
    return found or f"What do the articles say in “{_short(first.sentence.text)}”?"


def _short(text: str, limit: int = 14) -> str:
    parts = text.strip(" ,.").split()
    return " ".join(parts[:limit]) + ("…" if len(parts) > limit else "")


def claim_note(claim: DraftClaim, article: Callable[[str], str], published: Mapping[str, str]) -> str:
    """What the passages say, and what a careful reader should check."""
    where = "; ".join(f"{article(s.sentence.source)}: “{s.value}”" for s in claim.statements)
    if claim.change == "growth":
        dated = "; ".join(
            f"{article(s.sentence.source)} ({published.get(s.sentence.source) or 'undated'}): “{s.value}”"
            for s in claim.statements
        )
        return (
            f"Drafted: the figures are from different dates ({dated}). The count changed over time; "
            "that is not a conflict. Check the date of each figure before comparing them."
        )
    if claim.change == "speaker":
        speakers = "; ".join(f"{article(s.sentence.source)}: {s.value}" for s in claim.statements)
        return (
            f"Drafted: the same words are given to different speakers ({speakers}). "
            "Check who said them, and how each article could know."
        )
    notes = {
        "conflicting": f"Drafted: the passages disagree ({where}). Check whether they mean the same thing, who gives each version, and when.",
        "consistent": f"Drafted: {len(claim.statements)} passage(s) ({where}). Check what each one says, and who says it.",
        "unsupported": "Drafted: stated in the article's own voice with no source. Say what a reader would need to check it.",
    }
    return notes[claim.status]
