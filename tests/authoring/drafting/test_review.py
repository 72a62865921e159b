"""Drafting for the Author page: articles checked as ``quiz draft`` checks them, a draft reviewed item
by item without writing anything, and only the accepted items saved, beside their articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quiz.authoring import edit
from quiz.authoring.drafting import review as drafting
from quiz.bank.load import load_bank
from tests.conftest import MINI, REPO

STORY = REPO / "tests" / "fixtures" / "drafting" / "dev" / "council-pool"
GAZETTE, HERALD = (STORY / name for name in ("a-harwick-gazette.md", "b-northside-herald.md"))
TALLY = "tally-harwick-council-voted"  # the 7-4 against 6-5 vote: a planted disagreement
FRENCH = (
    "Le conseil municipal a voté mardi soir la fermeture de la piscine de la rue Brindle. Les travaux de "
    "réparation du toit et des filtres coûteraient trois millions et demi de dollars, selon les services."
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "banks" / "mini")
    return tmp_path / "banks" / "mini"


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def two_articles() -> list[tuple[str, bytes]]:
    return [(GAZETTE.name, GAZETTE.read_bytes()), (HERALD.name, HERALD.read_bytes())]


def drafted(folder: Path) -> drafting.Review:
    articles = drafting.read_articles(two_articles())
    assert isinstance(articles, list)
    return drafting.draft_review(folder, articles)


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ([], "paste an article's text or upload an article first"),
        ([("a.txt", b"x")] * 5, "5 articles given: draft from one to 4 at a time"),
        ([("empty.txt", b" \n\t\n")], "empty.txt: the article is empty"),
        (
            [("big.txt", b"word " * (1024 * 1024))],
            "big.txt: 5.0 MiB, larger than the limit of 2 MiB for an article (a long news article is some 50 KiB);"
            " is this the right file?",
        ),
        (
            [("latin1.txt", "Caf\u00e9 owners said\n".encode("latin-1"))],
            "latin1.txt:1: not valid UTF-8 (byte 0xe9); save the article as UTF-8 and try again",
        ),
        (
            [("page.html", b"<!doctype html><html><body><p>The council voted.</p></body></html>")],
            "page.html: this is HTML (a saved web page), not the article's text; copy the article's text into a .txt"
            " or .md file (or save the page as plain text) and try again",
        ),
        (
            [("fr.txt", FRENCH.encode())],
            "fr.txt: the article reads as French, not English; quiz draft reads English articles only",
        ),
    ],
)
def test_each_bad_input_is_refused_in_words(given: list[tuple[str, bytes]], reason: str) -> None:
    assert drafting.read_articles(given) == edit.Refusal(reason)


def test_the_same_article_twice_is_refused_whatever_its_name() -> None:
    text = GAZETTE.read_bytes()
    assert drafting.read_articles([("one.md", text), ("pasted article 2", text.replace(b"\n", b"\r\n"))]) == (
        edit.Refusal("pasted article 2: the same article as one.md; give each article once (nothing was written)")
    )


def test_drafting_writes_nothing_and_reviews_every_item(folder: Path) -> None:
    before = files_of(folder)
    review = drafted(folder)
    assert files_of(folder) == before
    assert [item.section for item in review.items[:2]] == ["sources", "sources"]
    assert review.name == "draft-council-votes-to-close-brindle-street-pool.yaml"
    assert review.drafted.errors == ()  # every item together loads: what the page previews
    bank = review.drafted.bank
    assert bank is not None and bank.claims[TALLY].status == "conflicting"
    assert {report.source for report in bank.claims[TALLY].reports} == {item.id for item in review.section("sources")}
    questions = [item for item in review.section("questions") if item.about == TALLY]
    assert questions and all("draft: true" not in item.text for item in questions)  # accepting is the review


def test_only_the_accepted_items_are_saved_and_the_bank_then_serves_the_question(folder: Path) -> None:
    review = drafted(folder)
    ask = next(item for item in review.section("questions") if item.about == TALLY)
    rejected = next(item for item in review.section("claims") if item.id != TALLY)
    accepted = [*review.section("sources"), next(i for i in review.section("claims") if i.id == TALLY), ask]
    text = drafting.file_text(review, [(item, item.text) for item in accepted])
    sources = [item.id for item in review.section("sources")]
    assert drafting.check(review, text, sources).errors == ()

    saved = drafting.save([folder.parent], review, text, sources)

    assert isinstance(saved, edit.Saved) and saved.path == folder / review.name and saved.backup is None
    written = saved.path.read_text(encoding="utf-8")
    assert written == text and f"id: {rejected.id}\n" not in written
    assert (folder / "sources" / f"{sources[0]}.md").read_bytes() == GAZETTE.read_bytes()  # byte for byte
    result = load_bank(folder)
    assert result.errors == () and result.bank is not None
    assert ask.id in {question.id for question in result.bank.served()}
    assert rejected.id not in result.bank.claims


def test_a_question_without_its_claim_and_sources_is_an_error_named_in_the_new_file(folder: Path) -> None:
    review = drafted(folder)
    ask = next(item for item in review.section("questions") if item.about == TALLY)
    text = drafting.file_text(review, [(ask, ask.text)])
    errors = drafting.check(review, text, []).errors
    assert [issue.format().split(": error: ")[1].split(" (hint")[0] for issue in errors] == [
        f"questions[id={ask.id}].claims[0]: unknown claim '{TALLY}'",
        f"questions[id={ask.id}].cite[0].source: unknown source '{review.section('sources')[0].id}'",
        f"questions[id={ask.id}].cite[1].source: unknown source '{review.section('sources')[1].id}'",
    ]
    assert {issue.file for issue in errors} == {str(folder / review.name)}  # the bank's path, not the scratch copy
    before = files_of(folder)
    assert isinstance(drafting.save([folder.parent], review, text, []), edit.Refusal)
    assert files_of(folder) == before


def test_an_edited_item_is_saved_as_edited(folder: Path) -> None:
    review = drafted(folder)
    source = review.section("sources")[0]
    edited = source.text.replace('title: "Council votes to close Brindle Street pool"', "title: Pool to close")
    assert edited != source.text
    text = drafting.file_text(review, [(source, edited)])
    assert isinstance(drafting.save([folder.parent], review, text, [source.id]), edit.Saved)
    bank = load_bank(folder).bank
    assert bank is not None and bank.sources[source.id].title == "Pool to close"


def test_a_refused_save_takes_its_articles_away_again(folder: Path) -> None:
    review = drafted(folder)
    source = review.section("sources")[0]
    text = drafting.file_text(review, [(source, source.text)])
    before = files_of(folder)
    assert drafting.save([folder.parent / "elsewhere"], review, text, [source.id]) == edit.Refusal(
        f"{folder} is not inside the banks folder: nothing was saved"
    )
    (folder / review.name).write_text("questions: []\n", encoding="utf-8")  # someone else took the name
    assert drafting.save([folder.parent], review, text, [source.id]) == edit.Refusal(
        f"{folder / review.name} exists already: nothing was saved; draft again"
    )
    (folder / review.name).unlink()
    broken = text.replace("kind: article", "kind: [")
    assert isinstance(drafting.save([folder.parent], review, broken, [source.id]), edit.Refusal)
    assert files_of(folder) == before  # the article written before the refused save is gone again


def test_each_drafted_claim_and_question_opens_in_the_pages_form_and_is_written_back_unchanged(
    folder: Path,
) -> None:
    review = drafted(folder)
    opened = [item for item in review.items if item.section in drafting.FORM_SECTIONS]
    assert {item.section for item in opened} == {"claims", "questions"}
    for item in opened:
        form = drafting.form_of(item, item.text)
        assert not isinstance(form, edit.Refusal), (item.key, form)
        assert drafting.with_form(item, item.text, form) == item.text


def test_a_value_changed_in_the_form_changes_only_its_line(folder: Path) -> None:
    item = next(item for item in drafted(folder).items if item.key == f"claims:{TALLY}")
    form = drafting.form_of(item, item.text)
    assert not isinstance(form, edit.Refusal)
    form.claim = "Reworded by the teacher: what was the tally?"
    changed = drafting.with_form(item, item.text, form)
    assert isinstance(changed, str)
    before, after = item.text.strip("\n").split("\n"), changed.strip("\n").split("\n")
    assert [line for line in after if line not in before] == ['  claim: "Reworded by the teacher: what was the tally?"']
    assert len(before) == len(after)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("- id: x\n  claim: Why?\n  status: consistent\n  reports: []\n  colour: red\n", "colour"),
        ("- id: x\n  claim: Why?\n- id: y\n  claim: Two?\n", "the text holds 2 items, not one: edit it as YAML"),
        ("- id: x\n  claim: [unclosed\n", ""),
    ],
    ids=["a field the form has no place for", "two items", "not YAML"],
)
def test_what_the_form_cannot_show_is_left_to_the_yaml_in_words(text: str, reason: str) -> None:
    refused = drafting.form_of(drafting.Item("claims", "x", text), text)
    assert isinstance(refused, edit.Refusal) and reason in refused.reason and refused.reason
