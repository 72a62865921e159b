"""quiz/quotes.py: normalised matching, elisions within a paragraph, closest passage, spans."""

from __future__ import annotations

import pytest

from quiz.bank.quotes import SourceText, fragments, normalize

TEXT = """First paragraph says “curly quotes” and an en–dash — and an em dash… then   spaces.

Second paragraph: There are over 300,000 people who signed a petition demanding “Cuties” to be removed.
It goes on to a second line in the same paragraph.

Third paragraph has the ﬁ ligature and full-width ＡＢＣ."""


@pytest.mark.parametrize(
    "quote",
    [
        'says "curly quotes" and an en-dash - and an em dash... then spaces.',
        "says “curly quotes”",
        "There are over 300,000 people who signed a petition",
        "removed. It goes on",  # a line break inside a paragraph is a space
        "There are over 300,000 people ... demanding",
        "There are over 300,000 people [...] a second line",
        "There are over 300,000 people […] a second line",
        "the fi ligature and full-width ABC",
    ],
)
def test_found(quote: str):
    assert SourceText(TEXT).contains(quote)


@pytest.mark.parametrize(
    "quote",
    [
        "there are over 300,000 people",  # case matters
        "There are over 30,000 people",
        "a second line ... There are over",  # fragments out of order
        "then spaces. ... Second paragraph",  # fragments in different paragraphs
        "spaces. Second paragraph",  # no elision across a paragraph break either
    ],
)
def test_not_found(quote: str):
    assert not SourceText(TEXT).contains(quote)


def test_normalize():
    assert normalize("  “A”\u00a0–\n\tB…  ") == '"A" - B...'


def test_fragments():
    assert fragments("one ... two [...] three […] four") == ["one", "two", "three", "four"]


def test_closest_passage_shows_the_typo_and_its_line():
    passage = SourceText(TEXT).closest("There are over 30,000 people who signed")
    assert passage is not None
    assert (passage.line, passage.text) == (3, "There are over 300,000 people who signed")


def test_closest_passage_of_the_fragment_not_found():
    passage = SourceText(TEXT).closest("There are over 300,000 people ... a secnd line")
    assert passage is not None and passage.text.startswith("a second line")


def test_spans_point_into_the_original_text():
    text = SourceText(TEXT)
    spans = text.spans('says "curly quotes" ... an em dash… then')
    assert [TEXT[start:end] for start, end in spans] == ["says “curly quotes”", "an em dash", "then"]
    assert text.spans("not there at all") == []
