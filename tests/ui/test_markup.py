"""Author Markdown made safe, and source text shown literally with highlights."""

from __future__ import annotations

import pytest

from quiz.ui.markup import author, block_quote, count, highlighted, literal


@pytest.mark.parametrize(
    "text",
    [
        "See [the report](https://example.org/a_(b)) and [this](http://example.org).",
        "**Habit:** ask who counted a number.",
        "A list:\n\n- one\n- two",
        "Ten o'clock: 10:30, and 5 > 4.",
    ],
)
def test_ordinary_author_markdown_is_kept(text: str) -> None:
    assert author(text) == text


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("[x](javascript:alert(1))", "[x]\\(javascript:alert(1))"),
        ("[x]( JavaScript:alert(1))", "[x]\\( JavaScript:alert(1))"),
        ("[x](data:text/html;base64,AAAA)", "[x]\\(data:text/html;base64,AAAA)"),
        ("[x](/relative/page)", "[x]\\(/relative/page)"),
        ("[x](mailto:a@example.org)", "[x]\\(mailto:a@example.org)"),
        ("[x](<https://example.org>)", "[x]\\(&lt;https://example.org>)"),
        ("[x][ref]\n\n[ref]: javascript:alert(1)", "[x][ref]\n\n[ref]\\: javascript:alert(1)"),
        ("> [ref]: vbscript:x", "> [ref]\\: vbscript:x"),
        ("![tracker](https://example.org/pixel.png)", "!\\[tracker](https://example.org/pixel.png)"),
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("<javascript:alert(1)>", "&lt;javascript:alert(1)>"),
        ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)">'),
        ("It cost $3 and $4.", "It cost \\$3 and \\$4."),
        ("Already \\$3.", "Already \\$3."),
    ],
)
def test_what_could_run_or_load_is_neutralised(text: str, safe: str) -> None:
    assert author(text) == safe


def test_http_reference_definitions_stay_links() -> None:
    text = "[x][ref]\n\n[ref]: https://example.org"
    assert author(text) == text


def test_literal_escapes_every_markdown_character() -> None:
    assert literal("# Not a heading *or* _emphasis_ [x](y) <b> $1 :red[no]") == (
        "\\# Not a heading \\*or\\* \\_emphasis\\_ \\[x\\]\\(y\\) \\<b\\> \\$1 \\:red\\[no\\]"
    )


def test_literal_keeps_lines_and_paragraphs_and_drops_indentation() -> None:
    assert literal("First line\n    second line\n\n\n  New paragraph\n") == "First line  \nsecond line\n\nNew paragraph"


def test_highlighted_marks_ranges_and_later_marks_win() -> None:
    text = "The cost is 2.4 million, said the council."
    assert (
        highlighted(text, [(12, 23, "yellow")]) == "The cost is :yellow-background[2\\.4 million], said the council\\."
    )
    overlapping = highlighted(text, [(4, 23, "yellow"), (12, 23, "orange!")])
    assert overlapping == "The :yellow-background[cost is ]:orange-background[**2\\.4 million**], said the council\\."


def test_a_highlight_across_lines_is_drawn_per_line() -> None:
    text = "one two\nthree four"
    assert highlighted(text, [(4, 13, "yellow")]) == "one :yellow-background[two]  \n:yellow-background[three] four"


def test_block_quote() -> None:
    assert block_quote("one  \ntwo\n\nthree") == "> one  \n> two\n>\n> three"


def test_count_says_the_number_and_the_word() -> None:
    assert [count(n, "question") for n in (0, 1, 2)] == ["0 questions", "1 question", "2 questions"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Petition https://t.co/ycwy4WylJm", "Petition `https://t.co/ycwy4WylJm`"),
        ("see www.example.org/a_b now", "see `www.example.org/a_b` now"),
        ("mail me@example.org.", "mail `me@example.org.`"),
        ("HTTP://X.CO/a`b", "``HTTP://X.CO/a`b``"),
        (
            "(@rosieverse) .@netflix pic.twitter.com/C3b3Z2x96R",
            "\\(@rosieverse\\) \\.@netflix pic\\.twitter\\.com/C3b3Z2x96R",
        ),
    ],
)
def test_addresses_in_source_texts_are_text_not_links(text: str, shown: str) -> None:
    # GitHub Markdown makes a link of a bare address even when its punctuation is escaped: a
    # quoted post's t.co link was live. Code is never made a link, and shows the address as written.
    assert literal(text) == shown


def test_an_address_inside_a_highlight_is_code_too() -> None:
    text = "Petition https://t.co/ycwy4WylJm — name"
    assert highlighted(text, [(0, len(text), "yellow")]) == (
        ":yellow-background[Petition `https://t.co/ycwy4WylJm` — name]"
    )
