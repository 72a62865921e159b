"""quiz/text.py: what several stages share about text."""

from __future__ import annotations

from quiz.text import count, paragraph_spans, paragraphs


def test_count_says_one_or_many() -> None:
    assert count(1, "question") == "1 question"
    assert count(0, "question") == "0 questions"
    assert count(2, "source") == "2 sources"


def test_a_paragraph_ends_at_a_line_holding_only_spaces_or_tabs() -> None:
    text = "One.\nStill one.\n \t\nTwo.\n\n\n\nThree."
    assert paragraphs(text) == ["One.\nStill one.", "Two.", "Three."]
    assert [text[start:end] for start, end in paragraph_spans(text)] == paragraphs(text)


def test_blank_text_has_no_paragraphs_and_a_single_line_break_does_not_split() -> None:
    assert paragraphs("\n \n\t\n") == []
    assert paragraph_spans("") == ()
    assert paragraphs("a\nb") == ["a\nb"]
    assert paragraph_spans("  a\nb  ") == ((0, 7),)
