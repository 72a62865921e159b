"""Draft from articles on the Author page: each bad input refused in words with nothing written, a
draft reviewed as a learner and an author see it, and only what was accepted saved into the bank."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from quiz.bank.load import load_bank
from tests.authoring.drafting.test_review import FRENCH, GAZETTE, HERALD, TALLY
from tests.conftest import MINI
from tests.ui.test_author import open_author, unescaped, unlock

DRAFT = "FormSubmitter:author-draft-articles-Draft"
SOURCES = ("council-votes-to-close-brindle-street-pool", "brindle-street-pool-to-shut-after-close-council")
ASK = f"{TALLY}-careful"  # a question on the conflicting vote tally
MONEY = "money"  # another drafted claim: the repair cost, the same in other words
NAME = "draft-council-votes-to-close-brindle-street-pool.yaml"


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "banks" / "mini")
    return tmp_path / "banks"


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def author_page(monkeypatch: pytest.MonkeyPatch, banks: Path) -> AppTest:
    return unlock(open_author(monkeypatch, banks))


def paste(at: AppTest, *texts: str) -> AppTest:
    for number, text in enumerate(texts, start=1):
        at.text_area(key=f"author-draft-paste-{number}").input(text)
    at.button(key=DRAFT).click().run()
    assert not at.exception
    return at


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader(key="author-draft-uploads").set_value([(name, data, "text/plain") for name, data in files])
    at.button(key=DRAFT).click().run()
    assert not at.exception
    return at


def widget(at: AppTest, name: str, item: str) -> str:
    """The key of one drafted item's widget, in this session's latest draft."""
    return f"author-draft-{at.session_state['author-draft-round']}-{name}-{item}"


def verdict(at: AppTest, item: str):  # the Accept / Reject of one drafted item
    return at.radio(key=widget(at, "verdict", item))


def errors(at: AppTest) -> list[str]:
    return [unescaped(alert.value) for alert in at.error]


HTML = "<!doctype html><html><body><p>The council voted 7-4 on Tuesday.</p></body></html>"
EMPTY_ANY = "Nothing was drafted: paste an article's text or upload an article first"


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        (("   \n\n  ",), EMPTY_ANY),
        (("word " * (1024 * 1024),), "Nothing was drafted: pasted article 1: 5.0 MiB, larger than the limit of 2 MiB"),
        ((HTML,), "Nothing was drafted: pasted article 1: this is HTML (a saved web page), not the article's text"),
        ((FRENCH,), "Nothing was drafted: pasted article 1: the article reads as French, not English"),
        (
            (GAZETTE.read_text(encoding="utf-8"), GAZETTE.read_text(encoding="utf-8")),
            "Nothing was drafted: pasted article 2: the same article as pasted article 1; give each article once",
        ),
    ],
    ids=["empty", "5 MB", "HTML", "French", "twice"],
)
def test_a_bad_pasted_article_is_refused_in_words_and_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, banks: Path, texts: tuple[str, ...], message: str
) -> None:
    before = files_of(banks)
    at = paste(author_page(monkeypatch, banks), *texts)
    assert len(errors(at)) == 1 and errors(at)[0].startswith(message), errors(at)
    assert not [radio for radio in at.radio if "verdict" in str(radio.key)]  # no draft to review
    assert files_of(banks) == before


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ((("empty.txt", b""),), "Nothing was drafted: empty.txt: the article is empty"),
        ((("big.txt", b"word " * (1024 * 1024)),), "Nothing was drafted: big.txt: 5.0 MiB, larger than the limit"),
        (
            (("latin1.txt", "Caf\u00e9 owners said the council voted.\n".encode("latin-1")),),
            "Nothing was drafted: latin1.txt:1: not valid UTF-8 (byte 0xe9); save the article as UTF-8 and try again",
        ),
        ((("page.html", HTML.encode()),), "Nothing was drafted: page.html: this is HTML (a saved web page)"),
        ((("fr.md", FRENCH.encode()),), "Nothing was drafted: fr.md: the article reads as French, not English"),
        (
            (("a.md", GAZETTE.read_bytes()), ("copy.md", GAZETTE.read_bytes())),
            "Nothing was drafted: copy.md: the same article as a.md",
        ),
        (
            tuple((f"{n}.md", f"Story {n}\n\nThe council met on Tuesday.".encode()) for n in range(5)),
            "Nothing was drafted: 5 articles given: draft from one to 4 at a time",
        ),
    ],
    ids=["empty", "5 MB", "not UTF-8", "HTML", "French", "twice", "five"],
)
def test_a_bad_uploaded_article_is_refused_in_words_and_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, banks: Path, files: tuple[tuple[str, bytes], ...], message: str
) -> None:
    before = files_of(banks)
    at = upload(author_page(monkeypatch, banks), *files)
    assert len(errors(at)) == 1 and errors(at)[0].startswith(message), errors(at)
    assert files_of(banks) == before


def test_a_draft_shows_each_item_as_a_learner_and_an_author_see_it(
    monkeypatch: pytest.MonkeyPatch, banks: Path
) -> None:
    before = files_of(banks)
    at = upload(author_page(monkeypatch, banks), (GAZETTE.name, GAZETTE.read_bytes()))
    at = paste(at, "", HERALD.read_text(encoding="utf-8"))  # one uploaded, one pasted
    assert files_of(banks) == before  # drafting writes nothing
    assert at.subheader[0].value.startswith("Drafted: 2 sources, ")
    assert [tab.label for tab in at.tabs][:1] == ["Sources (2)"]
    # The claim side by side, each article's words in its column, as on the Claims page.
    shown = [unescaped(block.value) for block in at.markdown]
    assert (
        "> Harwick's council voted 7-4 on Tuesday to close the Brindle Street swimming pool, ending a year"
        in "\n".join(shown)
    )
    assert "> A divided Harwick council decided by 6-5 on Tuesday night" in "\n".join(shown)
    # Its YAML, to edit, as the file would get it.
    assert at.text_area(key=widget(at, "text", f"claims:{TALLY}")).value.startswith(f"- id: {TALLY}\n")
    # Each question in the learner's own widget, and checked as a learner sees it.
    preview = widget(at, "preview", f"questions:{ASK}")
    at.radio(key=f"{preview}-choice").set_value(at.radio(key=f"{preview}-choice").options[0])
    at.button(key=f"{preview}-check").click().run()
    assert not at.exception
    assert any(alert.value.startswith(("Right", "Wrong", "Not")) for alert in [*at.success, *at.error])
    assert files_of(banks) == before


def test_a_drafted_questions_citations_open_in_place_before_it_is_saved(
    monkeypatch: pytest.MonkeyPatch, banks: Path
) -> None:
    """Its sources are not in the bank yet: a link to the Sources page would open nothing, so each
    passage is shown in context where it is cited, marked as the Sources page marks an opened one."""
    at = paste(author_page(monkeypatch, banks), GAZETTE.read_text(encoding="utf-8"), HERALD.read_text(encoding="utf-8"))
    preview = widget(at, "preview", f"questions:{ASK}")
    at.radio(key=f"{preview}-choice").set_value(at.radio(key=f"{preview}-choice").options[0])
    at.button(key=f"{preview}-check").click().run()
    assert not at.exception
    links = [element.proto for element in at.get("page_link")]
    assert not [link for link in links if link.label == "Read in context"], links  # nowhere to go yet
    cites = at.session_state["author-draft-review"].drafted.bank.questions[ASK].cite
    questions = next(tab for tab in at.tabs if tab.label.startswith("Questions"))
    opened = [expander for expander in questions.expander if expander.label == "Read in context"]
    assert len(opened) == len(cites) >= 2  # one per citation, from each article
    for expander, cite in zip(opened, cites):
        shown = unescaped("\n".join(block.value for block in expander.markdown))
        assert f":orange-background[**{' '.join(cite.quote.split())}" in " ".join(shown.split())
        assert len(shown) > len(cite.quote) + 40  # with the lines around it


def test_a_drafted_claims_reports_show_their_context_in_place(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = paste(author_page(monkeypatch, banks), GAZETTE.read_text(encoding="utf-8"), HERALD.read_text(encoding="utf-8"))
    claims = next(tab for tab in at.tabs if tab.label.startswith("Claims"))
    reports = at.session_state["author-draft-review"].drafted.bank.claims[TALLY].reports
    shown = [
        " ".join(unescaped("\n".join(block.value for block in expander.markdown)).split())
        for expander in claims.expander
        if expander.label == "Read in context"
    ]
    for report in reports:
        assert any(f":orange-background[**{' '.join(report.quote.split())}" in passage for passage in shown)


def test_only_what_was_accepted_is_saved_and_the_editor_opens_it(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = paste(author_page(monkeypatch, banks), GAZETTE.read_text(encoding="utf-8"), HERALD.read_text(encoding="utf-8"))
    save = at.button(key="author-draft-save")
    assert save.disabled  # nothing accepted yet
    for item in (f"sources:{SOURCES[0]}", f"sources:{SOURCES[1]}", f"claims:{TALLY}", f"questions:{ASK}"):
        verdict(at, item).set_value("Accept")
    verdict(at, f"claims:{MONEY}").set_value("Reject")
    at.run()
    assert not at.exception and not at.button(key="author-draft-save").disabled
    at.button(key="author-draft-save").click().run()
    assert not at.exception
    assert unescaped(at.success[-1].value).startswith(f"Saved {NAME} and 2 articles in sources/.")
    folder = banks / "mini"
    written = (folder / NAME).read_text(encoding="utf-8")
    assert f"- id: {TALLY}\n" in written and f"- id: {ASK}\n" in written
    assert f"- id: {MONEY}\n" not in written and "draft: true" not in written
    assert (folder / "sources" / f"{SOURCES[0]}.md").read_bytes() == GAZETTE.read_bytes()
    result = load_bank(folder)
    assert result.errors == () and result.bank is not None
    assert ASK in {question.id for question in result.bank.served()} and MONEY not in result.bank.claims
    assert at.selectbox(key=f"author-file-{folder}").value == NAME  # open in the editor, for Edit as a form
    assert at.text_area(key=f"author-text-{folder / NAME}").value == written


def test_a_question_accepted_without_its_claim_cannot_be_saved(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = paste(author_page(monkeypatch, banks), GAZETTE.read_text(encoding="utf-8"), HERALD.read_text(encoding="utf-8"))
    verdict(at, f"questions:{ASK}").set_value("Accept")
    at.run()
    assert errors(at)[0].startswith("With these items the bank would have 3 errors: fix or reject the items at fault")
    shown = [code.value for code in at.code]
    assert (
        f"{NAME}:23:14: error: questions[id={ASK}].claims[0]: unknown claim '{TALLY}'"
        " (hint: known: bridge-cost, petition-size)"
    ) in shown
    assert str(banks) not in "\n".join(shown)  # files named in the bank, no server path
    assert at.button(key="author-draft-save").disabled
    assert not (banks / "mini" / NAME).exists()


def test_an_item_edited_as_yaml_is_saved_as_edited(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = paste(author_page(monkeypatch, banks), GAZETTE.read_text(encoding="utf-8"), HERALD.read_text(encoding="utf-8"))
    box = at.text_area(key=widget(at, "text", f"sources:{SOURCES[0]}"))
    box.input(box.value.replace('title: "Council votes to close Brindle Street pool"', "title: The pool will close"))
    verdict(at, f"sources:{SOURCES[0]}").set_value("Accept")
    at.run()
    assert "Edited: the file gets your text." in [caption.value for caption in at.caption]
    at.button(key="author-draft-save").click().run()
    bank = load_bank(banks / "mini").bank
    assert bank is not None and bank.sources[SOURCES[0]].title == "The pool will close"
    assert SOURCES[1] not in bank.sources and not (banks / "mini" / "sources" / f"{SOURCES[1]}.md").exists()


def test_a_whole_tab_is_accepted_or_rejected_at_once(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = paste(author_page(monkeypatch, banks), GAZETTE.read_text(encoding="utf-8"), HERALD.read_text(encoding="utf-8"))
    at.button(key="author-draft-accept-all-sources").click().run()
    at.button(key="author-draft-reject-all-claims").click().run()
    assert not at.exception
    assert [verdict(at, f"sources:{source}").value for source in SOURCES] == ["Accept", "Accept"]
    assert {radio.value for radio in at.radio if "-verdict-claims:" in str(radio.key)} == {"Reject"}
    assert {radio.value for radio in at.radio if "-verdict-questions:" in str(radio.key)} == {None}
    at.button(key="author-draft-save").click().run()
    bank = load_bank(banks / "mini").bank
    assert bank is not None and set(SOURCES) <= set(bank.sources) and TALLY not in bank.claims


def test_a_bank_broken_on_disk_says_so_and_nothing_is_written(monkeypatch: pytest.MonkeyPatch, banks: Path) -> None:
    at = author_page(monkeypatch, banks)
    quizzes = banks / "mini" / "quizzes.yaml"
    quizzes.write_text(quizzes.read_text(encoding="utf-8").replace("questions:", "questions: [", 1), encoding="utf-8")
    before = files_of(banks)
    at = paste(at, GAZETTE.read_text(encoding="utf-8"), HERALD.read_text(encoding="utf-8"))
    assert [alert.value for alert in at.warning][-1].startswith("The bank does not load as it is")
    assert any(code.value.startswith("quizzes.yaml:") for code in at.code)  # its problem, named in the bank
    at.button(key="author-draft-accept-all-sources").click().run()
    assert not at.exception and at.button(key="author-draft-save").disabled  # accepted, and still not saved
    assert files_of(banks) == before
