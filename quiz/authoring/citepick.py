"""Cite by picking: the sentences of a source that hold the words an author typed, and a part of one.

The sentences are the drafter's (``quiz/authoring/sentences.py``), which keep the source's own
characters, so a picked quote, or any run of its words, is in its source by construction: the quote
check (``quiz/bank/quotes.py``) proves it the same way it proves a typed quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.authoring.sentences import article_sentences
from quiz.bank.quotes import normalize

SHOWN = 12


@dataclass(frozen=True)
class Pick:
    """A sentence offered for a typed search, and how many of the typed words it holds."""

    number: int  # position in the source, from 0
    text: str
    found: int


def _words(text: str) -> list[str]:
    return [word.strip(".,;:!?\"'()[]") for word in normalize(text).casefold().split()]


def matches(source_text: str, typed: str, limit: int = SHOWN) -> list[Pick]:
    """The source's sentences holding most of the typed words (as words or word beginnings, any
    case), best first, then in reading order; nothing when nothing was typed or nothing matches."""
    wanted = [word for word in _words(typed) if word]
    if not wanted:
        return []
    picks = []
    for sentence in article_sentences("", source_text):
        words = _words(sentence.text)
        found = sum(any(word.startswith(want) for word in words) for want in wanted)
        if found:
            picks.append(Pick(sentence.number, sentence.text, found))
    picks.sort(key=lambda pick: (-pick.found, pick.number))
    return picks[:limit]


def narrowed(sentence: str, first: int, last: int) -> str:
    """Words ``first`` to ``last`` (0-based, inclusive) of a sentence, as the source has them."""
    words = sentence.split(" ")  # the drafter's sentences have single spaces between words
    first, last = max(0, min(first, len(words) - 1)), max(0, min(last, len(words) - 1))
    if last < first:
        first, last = last, first
    return " ".join(words[first : last + 1])
