"""quiz/text.py: what several stages share about text."""

from __future__ import annotations

from pathlib import Path

from quiz.text import (
    UTF8_HINT,
    Unreadable,
    count,
    decode_utf8,
    inside,
    paragraph_spans,
    paragraphs,
    plural,
    read_utf8,
    slugify,
)


def test_count_says_one_or_many() -> None:
    assert count(1, "question") == "1 question"
    assert count(0, "question") == "0 questions"
    assert count(2, "source") == "2 sources"
    assert count(2, "entry", "entries") == "2 entries"
    assert [plural(n, "it", "them") for n in (1, 2)] == ["it", "them"]


def test_slugify() -> None:
    assert slugify('"Cuties" and #CancelNetflix') == "cuties-and-cancelnetflix"
    assert slugify("Maïmouna Doucouré") == "maimouna-doucoure"
    assert slugify("!!!") == ""
    assert slugify("one two three", 8) == "one-two"


def test_a_paragraph_ends_at_a_line_holding_only_spaces_or_tabs() -> None:
    text = "One.\nStill one.\n \t\nTwo.\n\n\n\nThree."
    assert paragraphs(text) == ["One.\nStill one.", "Two.", "Three."]
    assert [text[start:end] for start, end in paragraph_spans(text)] == paragraphs(text)


def test_blank_text_has_no_paragraphs_and_a_single_line_break_does_not_split() -> None:
    assert paragraphs("\n \n\t\n") == []
    assert paragraph_spans("") == ()
    assert paragraphs("a\nb") == ["a\nb"]
    assert paragraph_spans("  a\nb  ") == ((0, 7),)


def test_read_utf8_drops_the_byte_order_mark_and_keeps_line_endings_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbfone\r\ntwo\rthree\n")
    assert read_utf8(path) == "one\r\ntwo\rthree\n"
    assert read_utf8(path, newlines=True) == "one\ntwo\nthree\n"


def test_a_byte_that_is_not_utf8_is_named_at_its_line_and_column_in_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"first\nna\xc3\xafve \xff")  # "naïve ": six characters, seven bytes
    problem = read_utf8(path, name="a.md")
    assert problem == Unreadable("a.md", "not valid UTF-8 (byte 0xff)", 2, 7, "save the file as UTF-8")
    assert isinstance(problem, Unreadable)
    assert (
        problem.issue().format()
        == "a.md:2:7: error: file is not valid UTF-8 (byte 0xff) (hint: save the file as UTF-8)"
    )
    assert decode_utf8(b"ok \xe9", "pasted") == Unreadable("pasted", "not valid UTF-8 (byte 0xe9)", 1, 4, UTF8_HINT)


def test_a_file_that_cannot_be_read_says_why_without_a_place(tmp_path: Path) -> None:
    problem = read_utf8(tmp_path / "missing.md", name="missing.md")
    assert isinstance(problem, Unreadable)
    assert problem.issue().format() == "missing.md:0:0: error: file cannot be read: No such file or directory"
    assert problem.where == "missing.md"


def test_inside_follows_links_and_dots(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    (bank / "sources").mkdir(parents=True)
    (tmp_path / "secret.md").write_text("x", encoding="utf-8")
    (bank / "sources" / "link.md").symlink_to(tmp_path / "secret.md")
    assert inside(bank / "sources" / "a.md", bank)
    assert not inside(bank / "sources" / ".." / ".." / "secret.md", bank)
    assert not inside(bank / "sources" / "link.md", bank)
    assert inside(bank, bank) and not inside(bank, bank, strictly=True)
    assert inside(bank / "bank.yaml", bank, directly=True)
    assert not inside(bank / "sources" / "a.md", bank, directly=True)
