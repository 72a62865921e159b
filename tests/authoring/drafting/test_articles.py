"""quiz/authoring/drafting/articles.py and quiz draft's refusals: bad input gets a clear message, nothing is
written, and an existing bank is left exactly as it was."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.authoring.drafting.articles import article_problem
from quiz.cli import main

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "drafting" / "dev" / "council-pool" / "a-harwick-gazette.md"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


FRENCH = (
    "Le conseil municipal de Harwick a voté mardi soir la fermeture de la piscine de la rue Brindle. "
    "Les réparations du toit coûteraient trois millions et demi de dollars, selon les services de la ville, "
    "et une pétition pour sauver la piscine a déjà recueilli plus de mille deux cents signatures.\n"
)
HTML = (
    "<!DOCTYPE html>\n<html><head><title>Council votes</title></head><body><div class='story'>"
    "<p>Harwick's council voted 7-4 on Tuesday to close the pool.</p></div></body></html>\n"
)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.md", b"  \n\n", "the article is empty"),
        ("huge.md", b"Council news. " * 400_000, "5.3 MiB, larger than the limit of 2 MiB for an article"),
        ("latin1.md", "Le conseil a voté.\n".encode("latin-1"), "not valid UTF-8 (byte 0xe9)"),
        ("page.html", HTML.encode(), "this is HTML (a saved web page), not the article's text"),
        ("french.md", FRENCH.encode(), "the article reads as French, not English"),
        ("kurz.md", "Die Stadt schließt das Hallenbad.\n".encode(), "reads as German, not English (told from its 5"),
        ("two.md", b"Pool closes\n", "the article is 2 words long, too short to draft from"),
    ],
)
def test_bad_article_is_refused_and_the_bank_is_unchanged(
    make_bank: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    message: str,
):
    folder = make_bank()
    before = snapshot(folder)
    article = _write(tmp_path, name, data)
    assert main(["draft", str(SEED), str(article), "--bank", str(folder)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"error: {article}:") and message in captured.err
    assert captured.err.count("\n") == 1  # one line, no traceback
    assert snapshot(folder) == before


def test_the_same_article_twice_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    copy = _write(tmp_path, "copy.md", SEED.read_bytes().replace(b"\n", b"\r\n"))  # the same text, other line ends
    assert main(["draft", str(SEED), str(copy), "--bank", str(tmp_path / "bank")]) == 1
    assert capsys.readouterr().err == (
        f"error: {copy}: the same article as {SEED}; give each article once (nothing was written)\n"
    )
    assert not (tmp_path / "bank").exists()


CORPUS = Path(__file__).resolve().parents[2] / "fixtures"
SEEN = ("dev", "test", "heldout", "fresh", "blind")  # never blind2, kept for the final measurement


def test_english_articles_of_the_corpus_pass():
    articles = [
        *(path for split in SEEN for path in CORPUS.glob(f"drafting/{split}/*/*.md")),
        *CORPUS.glob("articles/*"),
    ]
    assert len(articles) >= 34
    assert [path.name for path in articles if article_problem(path.read_text(encoding="utf-8"))] == []
    assert article_problem("Short note in English.") == ""


def test_short_english_passes_even_when_it_is_mostly_names():
    sentences = [
        sentence
        for split in SEEN
        for path in sorted(CORPUS.glob(f"drafting/{split}/*/*.md"))
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", path.read_text(encoding="utf-8"))
    ]
    cut = [
        " ".join(sentence.split()[:length])
        for sentence in sentences
        for length in (3, 5, 8, 12, 19)
        if len(sentence.split()) >= length
    ]
    assert len(cut) > 2000
    assert [text for text in cut if article_problem(text)] == []
    for text in ("By Gwen Tallis", "Storm floods Carrow homes", "# A quiet week\n\nNothing happened here."):
        assert article_problem(text) == ""


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le maire démissionne.", "French"),
        ("Grève des bus ce lundi", "French"),
        ("Der Bürgermeister tritt zurück.", "German"),
        ("El alcalde dimite tras la votación.", "Spanish"),
        ("Il sindaco si dimette.", "Italian"),
        ("O presidente da câmara demitiu-se ontem.", "Portuguese"),
        ("De burgemeester treedt af.", "Dutch"),
        ("Burmistrz podał się do dymisji.", "Polish"),
        ("Borgmästaren avgår efter omröstningen.", "Swedish"),
        ("Мэр города ушёл в отставку.", "Russian"),
    ],
)
def test_a_short_text_in_another_language_is_refused(text: str, language: str):
    assert article_problem(text) == (
        f"the article reads as {language}, not English (told from its {len(text.split())} words);"
        " quiz draft reads English articles only"
    )


@pytest.mark.parametrize(("text", "count"), [("Haddad", "1 word"), ("Mayor resigns", "2 words")])
def test_a_text_of_one_or_two_words_is_too_short_to_draft_from_or_to_tell(text: str, count: str):
    assert article_problem(text) == (
        f"the article is {count} long, too short to draft from (or to tell its language); give the article's whole text"
    )
