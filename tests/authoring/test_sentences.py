"""quiz/sentences.py: sentences that can be quoted, posts told apart from narration."""

from __future__ import annotations

from quiz.authoring.sentences import article_sentences, first_sentence, split_sentences


def test_never_split_inside_a_quotation_or_after_an_abbreviation():
    text = 'Dr. Okafor said, "It works. It really works." Then she left. Mr. J. Smith agreed.'
    assert split_sentences(text) == [
        'Dr. Okafor said, "It works. It really works."',
        "Then she left.",
        "Mr. J. Smith agreed.",
    ]


def test_soft_wraps_join_and_complete_lines_end_a_unit():
    text = "The council voted on a plan\nthat splits the town.\nA second line stands alone.\n\nNew paragraph"
    found = [(s.paragraph, s.text, s.role) for s in article_sentences("x", text)]
    assert found == [
        (0, "The council voted on a plan that splits the town.", "text"),
        (0, "A second line stands alone.", "text"),
        (1, "New paragraph", "heading"),
    ]


def test_embedded_posts_and_their_credit_lines():
    text = (
        "Netflix apologised on Thursday.\n"
        "We're deeply sorry for the artwork.\n"
        "— Netflix (@netflix) August 20, 2020\n"
        "#Cuties #CancelNetflix\n"
        "The film is streaming.\n"
    )
    found = [(s.text, s.role, s.credit) for s in article_sentences("x", text)]
    assert found == [
        ("Netflix apologised on Thursday.", "text", ""),
        ("We're deeply sorry for the artwork.", "post", "— Netflix (@netflix) August 20, 2020"),
        ("#Cuties #CancelNetflix", "post", ""),
        ("The film is streaming.", "text", ""),
    ]


def test_first_sentence_skips_markdown_markers():
    assert first_sentence("\n\n# Bridge vote splits council\n\nText.") == "Bridge vote splits council"
    assert first_sentence("- One item. Two.") == "One item."
    assert first_sentence("   \n") == ""
