"""Picked quotes are proven by the quote check by construction."""

from __future__ import annotations

from quiz.authoring import citepick
from quiz.bank.quotes import SourceText
from tests.conftest import REPO

SOURCES = sorted((REPO / "questions" / "cuties-2020" / "sources").glob("*.md"))


def test_the_sentence_with_the_typed_words_comes_first() -> None:
    text = (REPO / "questions" / "cuties-2020" / "sources" / "netflix-defends-cuties.md").read_text(encoding="utf-8")
    picks = citepick.matches(text, "PETITION 300,000")
    assert picks[0].found == 2
    assert "over 300,000 people who signed a petition" in picks[0].text
    assert all(a.found >= b.found for a, b in zip(picks, picks[1:], strict=False))
    assert citepick.matches(text, "   ") == [] and citepick.matches(text, "zzzqqq") == []
    assert len(citepick.matches(text, "the", limit=3)) == 3


def test_every_picked_sentence_and_every_narrowing_is_in_its_source() -> None:
    checked = 0
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        proof = SourceText(text)
        for pick in citepick.matches(text, "a the of to and in netflix cuties", limit=10_000):
            assert proof.contains(pick.text), pick.text
            words = pick.text.split(" ")
            for first in range(0, len(words), 3):
                for last in range(first, len(words), 4):
                    quote = citepick.narrowed(pick.text, first, last)
                    assert proof.contains(quote), quote
                    checked += 1
    assert checked > 1000


def test_narrowing_clamps_and_orders() -> None:
    assert citepick.narrowed("one two three four", 1, 2) == "two three"
    assert citepick.narrowed("one two three four", 3, 1) == "two three four"
    assert citepick.narrowed("one two", -5, 99) == "one two"
