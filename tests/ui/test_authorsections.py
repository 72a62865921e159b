"""Sources, claims and quizzes in the Author page's form: added and edited without typing YAML, a
claim's reports picked from the sources, the rest of the file kept byte for byte, bad input met in words."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from quiz.bank.load import load_bank
from tests.conftest import REPO
from tests.ui.test_authorform import HOSTILE, form_open, pick

CUTIES = REPO / "questions" / "cuties-2020"


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    shutil.copytree(CUTIES, tmp_path / "banks" / "cuties")
    return tmp_path / "banks" / "cuties"


def open_section(monkeypatch: pytest.MonkeyPatch, bank: Path, file: str, section: str) -> AppTest:
    at = form_open(monkeypatch, bank, file)
    at.radio(key="author-form-section").set_value(section).run()
    assert not at.exception
    return at


def widget(at: AppTest, kind: str, section: str, name: str) -> Any:
    pattern = rf"author-form-{section}-\d+-{re.escape(name)}(?:-r\d+)?"
    found = [w for w in getattr(at, kind) if w.key and re.fullmatch(pattern, w.key)]
    assert len(found) == 1, (name, [w.key for w in getattr(at, kind)])
    return found[0]


def fill(at: AppTest, kind: str, section: str, name: str, value: Any) -> None:
    element = widget(at, kind, section, name)
    typed = kind in ("text_input", "text_area")
    (element.input(value) if typed else element.set_value(value)).run()
    assert not at.exception


def save(at: AppTest) -> None:
    button = at.button(key="author-save")
    assert not button.disabled, [e.value for e in at.code if "error:" in e.value][:3]
    button.click().run()
    assert not at.exception


def choose(at: AppTest, bank: Path, file: str, what: str, item: int) -> None:
    at.selectbox(key=f"author-form-{what}-author-text-{bank / file}").set_value(item).run()
    assert not at.exception


def test_a_new_claim_with_reports_picked_from_two_sources_is_saved(monkeypatch: pytest.MonkeyPatch, bank: Path) -> None:
    before = (bank / "claims.yaml").read_text(encoding="utf-8")
    at = open_section(monkeypatch, bank, "claims.yaml", "claims")
    fill(at, "text_input", "claims", "id", "netflix-response")
    fill(at, "text_area", "claims", "claim", "How did Netflix answer the criticism?")
    assert "No report yet: pick at least one from a source below." in [w.value for w in at.warning]
    fill(at, "selectbox", "claims", "status", "consistent")
    first = pick(at, "netflix-defends-cuties", "Netflix defended")
    second = pick(at, "cancelnetflix-backlash", "Netflix apologized")
    fill(at, "text_input", "claims", "report-1-upstream", "Netflix's statement")
    fill(at, "text_area", "claims", "note", "Both report the same defence.")
    save(at)
    after = (bank / "claims.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # appended: every earlier byte kept
    claim = load_bank(bank).bank.claims["netflix-response"]  # type: ignore[union-attr]
    assert [(r.source, r.quote) for r in claim.reports] == [
        ("netflix-defends-cuties", first),
        ("cancelnetflix-backlash", second),
    ]
    assert claim.reports[1].upstream == "Netflix's statement" and claim.status == "consistent"


def test_editing_a_claim_changes_only_its_lines(monkeypatch: pytest.MonkeyPatch, bank: Path) -> None:
    before = (bank / "claims.yaml").read_text(encoding="utf-8")
    at = open_section(monkeypatch, bank, "claims.yaml", "claims")
    choose(at, bank, "claims.yaml", "claim", 1)
    assert widget(at, "text_input", "claims", "id").value == "petition-size"
    assert at.text_area(key=f"author-text-{bank / 'claims.yaml'}").value == before  # opened, not changed
    widget(at, "button", "claims", "report-2-remove").click().run()
    save(at)
    after = (bank / "claims.yaml").read_text(encoding="utf-8")
    start, end = before.index("  - id: petition-size"), before.index("  - id: petition-wording")
    assert after.startswith(before[:start]) and after.endswith(before[end - 2 :])  # the blank line between kept
    assert len(load_bank(bank).bank.claims["petition-size"].reports) == 2  # type: ignore[union-attr]


def test_a_new_source_and_an_edited_one(monkeypatch: pytest.MonkeyPatch, bank: Path) -> None:
    shutil.copy(bank / "sources" / "netflix-defends-cuties.md", bank / "sources" / "copy.md")
    before = (bank / "bank.yaml").read_text(encoding="utf-8")
    at = open_section(monkeypatch, bank, "bank.yaml", "sources")
    fill(at, "text_input", "sources", "id", "a-copy")
    fill(at, "text_input", "sources", "title", HOSTILE)
    fill(at, "selectbox", "sources", "file", "sources/copy.md")
    fill(at, "text_input", "sources", "published", "2020-09-12")
    fill(at, "selectbox", "sources", "kind", "statement")
    fill(at, "text_area", "sources", "note", HOSTILE)
    save(at)
    source = load_bank(bank).bank.sources["a-copy"]  # type: ignore[union-attr]
    assert (source.title, source.note, source.kind, str(source.published)) == (
        HOSTILE,
        HOSTILE,
        "statement",
        "2020-09-12",
    )
    drawn = [element.value for element in (*at.markdown, *at.caption, *at.info, *at.success)]
    assert not any("<script>" in value for value in drawn)  # the title is shown escaped, never as HTML
    middle = (bank / "bank.yaml").read_text(encoding="utf-8")
    at.radio(key="author-form-section").set_value("sources").run()
    choose(at, bank, "bank.yaml", "source", 0)
    fill(at, "text_input", "sources", "outlet", "Unknown outlet")
    save(at)
    after = (bank / "bank.yaml").read_text(encoding="utf-8")
    start, end = middle.index("  - id: cancelnetflix-backlash"), middle.index("  - id: netflix-defends-cuties")
    assert after.startswith(middle[:start]) and after.endswith(middle[end - 1 :])
    assert before.rstrip("\n")[: before.index("sources:")] == after[: before.index("sources:")]
    assert load_bank(bank).bank.sources["cancelnetflix-backlash"].outlet == "Unknown outlet"  # type: ignore[union-attr]


def test_a_new_quiz_of_chosen_questions_and_one_drawn_by_skill(monkeypatch: pytest.MonkeyPatch, bank: Path) -> None:
    at = open_section(monkeypatch, bank, "quizzes.yaml", "quizzes")
    fill(at, "text_input", "quizzes", "id", "two-questions")
    fill(at, "text_input", "quizzes", "title", "Two questions")
    assert "No question yet: choose at least one." in [w.value for w in at.warning]
    fill(at, "multiselect", "quizzes", "questions", ["film-type-labels", "petition-two-counts"])
    widget(at, "button", "quizzes", "question-1-up").click().run()  # the order they are served in
    assert widget(at, "multiselect", "quizzes", "questions").value == ["petition-two-counts", "film-type-labels"]
    fill(at, "selectbox", "quizzes", "mode", "exam")
    fill(at, "checkbox", "quizzes", "confidence", True)
    save(at)
    at.radio(key="author-form-section").set_value("quizzes").run()
    choose(at, bank, "quizzes.yaml", "quiz", 0)  # the chooser back on "New quiz…" first
    at.selectbox(key=f"author-form-quiz-author-text-{bank / 'quizzes.yaml'}").set_value(-1).run()
    fill(at, "text_input", "quizzes", "id", "numbers-drawn")
    fill(at, "text_input", "quizzes", "title", "Numbers, drawn")
    fill(at, "radio", "quizzes", "by-pick", True)
    widget(at, "number_input", "quizzes", "pick").set_value(3).run()
    fill(at, "multiselect", "quizzes", "skills", ["numbers"])
    save(at)
    quizzes = load_bank(bank).bank.quizzes  # type: ignore[union-attr]
    assert quizzes["two-questions"].questions == ("petition-two-counts", "film-type-labels")
    assert quizzes["two-questions"].mode == "exam" and quizzes["two-questions"].confidence
    assert (quizzes["numbers-drawn"].pick, quizzes["numbers-drawn"].skills) == (3, ("numbers",))


def test_a_report_whose_source_changed_on_disk_is_refused_in_words_and_nothing_is_lost(
    monkeypatch: pytest.MonkeyPatch, bank: Path
) -> None:
    before = (bank / "claims.yaml").read_text(encoding="utf-8")
    at = open_section(monkeypatch, bank, "claims.yaml", "claims")
    fill(at, "text_input", "claims", "id", "count")
    fill(at, "text_area", "claims", "claim", "How many signed?")
    quote = pick(at, "netflix-defends-cuties", "petition 300,000")
    source = bank / "sources" / "netflix-defends-cuties.md"
    source.write_text(source.read_text(encoding="utf-8").replace("300,000", "400,000"), encoding="utf-8")
    at.run()
    assert at.button(key="author-save").disabled
    assert any("claims.yaml" in element.value and "quote" in element.value for element in at.code)
    assert (bank / "claims.yaml").read_text(encoding="utf-8") == before
    assert widget(at, "text_input", "claims", "id").value == "count"
    assert quote in [element.value for element in at.text]  # the report is still in the form


def test_html_and_script_in_every_field_of_a_claim_and_a_quiz_stay_text(
    monkeypatch: pytest.MonkeyPatch, bank: Path
) -> None:
    at = open_section(monkeypatch, bank, "claims.yaml", "claims")
    long_claim = HOSTILE + " " + "x" * 100_000
    fill(at, "text_input", "claims", "id", "hostile")
    fill(at, "text_area", "claims", "claim", long_claim)
    pick(at, "netflix-defends-cuties", "Netflix defended")
    fill(at, "text_input", "claims", "report-0-note", HOSTILE + "note")
    fill(at, "text_input", "claims", "report-0-upstream", HOSTILE + "upstream")
    fill(at, "text_area", "claims", "note", HOSTILE + "claim note")
    save(at)
    claim = load_bank(bank).bank.claims["hostile"]  # type: ignore[union-attr]
    assert claim.claim == long_claim and claim.note == HOSTILE + "claim note"
    assert (claim.reports[0].note, claim.reports[0].upstream) == (HOSTILE + "note", HOSTILE + "upstream")

    at.selectbox(key=f"author-file-{bank}").select("quizzes.yaml").run()
    quizzes = at.text_area(key=f"author-text-{bank / 'quizzes.yaml'}")
    assert quizzes.value == (bank / "quizzes.yaml").read_text(encoding="utf-8")  # the claim form's values stay behind
    at.radio(key="author-form-section").set_value("quizzes").run()
    fill(at, "text_input", "quizzes", "id", "hostile-quiz")
    fill(at, "text_input", "quizzes", "title", HOSTILE + "title")
    fill(at, "text_area", "quizzes", "description", HOSTILE + "description")
    fill(at, "multiselect", "quizzes", "questions", ["petition-two-counts"])
    save(at)
    quiz = load_bank(bank).bank.quizzes["hostile-quiz"]  # type: ignore[union-attr]
    assert (quiz.title, quiz.description) == (HOSTILE + "title", HOSTILE + "description")
    drawn = [element.value for element in (*at.markdown, *at.caption, *at.info, *at.success, *at.warning)]
    assert not any("<script>" in value or "<img" in value for value in drawn)  # escaped wherever shown


def test_a_claim_whose_reports_are_all_removed_says_so_and_keeps_the_rest(
    monkeypatch: pytest.MonkeyPatch, bank: Path
) -> None:
    before = (bank / "claims.yaml").read_text(encoding="utf-8")
    at = open_section(monkeypatch, bank, "claims.yaml", "claims")
    choose(at, bank, "claims.yaml", "claim", 0)
    claim_text = widget(at, "text_area", "claims", "claim").value
    for _ in range(3):
        widget(at, "button", "claims", "report-0-remove").click().run()
    assert not at.exception
    assert "No report yet: pick at least one from a source below." in [w.value for w in at.warning]
    assert at.button(key="author-save").disabled
    assert any("claims[id=film-genre].reports" in element.value for element in at.code)
    assert widget(at, "text_area", "claims", "claim").value == claim_text  # nothing else lost
    assert (bank / "claims.yaml").read_text(encoding="utf-8") == before
    pick(at, "netflix-defends-cuties", "Netflix defended")
    assert not at.button(key="author-save").disabled


def test_a_new_source_from_pasted_text_never_written_over_a_file(monkeypatch: pytest.MonkeyPatch, bank: Path) -> None:
    pasted = "Council statement\n\nThe council said the bridge will open in May. " + HOSTILE + "\n"
    at = open_section(monkeypatch, bank, "bank.yaml", "sources")
    assert widget(at, "button", "sources", "pasted-add").disabled  # no id yet: no file name
    fill(at, "text_input", "sources", "id", "council-statement")
    fill(at, "text_area", "sources", "pasted", pasted)
    widget(at, "button", "sources", "pasted-add").click().run()
    assert not at.exception and not any("Not added" in element.value for element in at.error)
    assert (bank / "sources" / "council-statement.md").read_bytes() == pasted.encode("utf-8")  # exactly as pasted
    assert widget(at, "selectbox", "sources", "file").value == "sources/council-statement.md"
    fill(at, "text_input", "sources", "title", "Council statement")
    save(at)
    loaded = load_bank(bank).bank
    assert loaded is not None and loaded.sources["council-statement"].file == "sources/council-statement.md"

    at.radio(key="author-form-section").set_value("sources").run()
    choose(at, bank, "bank.yaml", "source", 0)
    at.selectbox(key=f"author-form-source-author-text-{bank / 'bank.yaml'}").set_value(-1).run()
    fill(at, "text_input", "sources", "id", "council-statement")  # the same id again: its file is there
    fill(at, "text_area", "sources", "pasted", "Another text")
    widget(at, "button", "sources", "pasted-add").click().run()
    assert "Not added: sources/council\\-statement\\.md exists already\\: nothing was saved." in [
        element.value for element in at.error
    ]
    assert str(bank) not in "\n".join(element.value for element in at.error)
    assert (bank / "sources" / "council-statement.md").read_bytes() == pasted.encode("utf-8")  # never overwritten


def test_the_source_picker_offers_no_link_leading_out_of_the_bank(tmp_path: Path) -> None:
    from quiz.ui.authorsections import text_files

    folder = tmp_path / "bank"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "gazette.md").write_text("text", encoding="utf-8")
    (tmp_path / "secret.md").write_text("secret", encoding="utf-8")
    (folder / "sources" / "secret.md").symlink_to(tmp_path / "secret.md")
    (folder / "sources" / "alias.md").symlink_to(folder / "sources" / "gazette.md")
    assert text_files(folder) == ["sources/alias.md", "sources/gazette.md"]
