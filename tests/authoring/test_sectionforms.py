"""Sources, claims and quizzes as forms <-> a bank file's text: only the item written changes, byte for byte."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from quiz.authoring import forms, sectionforms
from quiz.authoring.sectionforms import ClaimForm, QuizForm, ReportForm, SourceForm
from quiz.bank.load import load_bank
from tests.conftest import MINI, REPO

CUTIES = REPO / "questions" / "cuties-2020"
HOSTILE = '<script>alert("x")</script> <b>bold</b> &amp; {{x}} ${x} \\n: # not a comment \u2028 "\' \t'


@pytest.fixture(params=[CUTIES, MINI], ids=["cuties", "mini"])
def bank(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    folder = tmp_path / "bank"
    shutil.copytree(request.param, folder)
    return folder


def only_inserted(old: str, new: str) -> bool:
    """``new`` is ``old`` with one run of text inserted somewhere: every byte of ``old`` kept, in order."""
    prefix = len(os.path.commonprefix([old, new]))
    suffix = len(os.path.commonprefix([old[prefix:][::-1], new[prefix:][::-1]]))
    return prefix + suffix == len(old) and len(new) > len(old)


def changed(form: sectionforms.Form) -> sectionforms.Form:
    if isinstance(form, SourceForm):
        form.note = f"Changed: {form.note}"
    elif isinstance(form, ClaimForm):
        form.note = f"Changed: {form.note}"
    elif isinstance(form, QuizForm):
        form.title = f"Changed: {form.title}"
    return form


@pytest.mark.parametrize("section", ["sources", "claims", "quizzes"])
def test_every_bundled_item_rewritten_keeps_the_rest_of_its_file_byte_for_byte(bank: Path, section: str) -> None:
    before = load_bank(bank).bank
    assert before is not None
    count = 0
    for path in sorted(bank.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        located = forms.locate(text, section)
        assert not isinstance(located, forms.Refusal)
        edited = text
        for item in located:
            form = sectionforms.from_values(section, item.values)
            assert not isinstance(form, forms.Refusal), form
            new = sectionforms.write(text, changed(form), item.id)
            assert isinstance(new, str)
            assert new[: item.start] == text[: item.start]  # the bytes before the item and after it are the file's
            assert new[len(new) - (len(text) - item.end) :] == text[item.end :]
            assert sectionforms.read(new, section, item.id) == form
            edited = sectionforms.write(edited, form, item.id)  # type: ignore[assignment]
            count += 1
        result = load_bank(bank, (path, edited))
        assert not result.errors, result.errors[:3]
        assert result.bank is not None
        for item in located:
            old, now = getattr(before, section)[item.id], getattr(result.bank, section)[item.id]
            key = "title" if section == "quizzes" else "note"
            assert getattr(now, key) == f"Changed: {getattr(old, key)}"
            assert now.model_copy(update={key: getattr(old, key)}) == old  # nothing else moved
    assert count >= 2


def test_new_items_of_each_kind_load_with_exactly_the_values_typed(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    path = folder / "bank.yaml"
    text = path.read_text(encoding="utf-8")
    source = SourceForm("second-gazette", HOSTILE, "sources/harbour-gazette.md", HOSTILE, HOSTILE, "2026-03-05")
    source.url, source.kind, source.note = "https://example.org/x", "statement", HOSTILE
    claim = ClaimForm(
        "vote-count",
        HOSTILE,
        "false",
        [ReportForm("gazette", "voted 5 to 4 on Tuesday to build a footbridge", HOSTILE, HOSTILE)],
        HOSTILE,
    )
    listed = QuizForm("listed", HOSTILE, HOSTILE, questions=["bridge-cost", "who-spoke"], mode="exam", confidence=True)
    drawn = QuizForm("drawn", "Drawn", by_pick=True, pick=2, skills=["numbers"], difficulty=["easy", "hard"])
    for form in (source, claim, listed, drawn):
        new = sectionforms.write(text, form, None)
        assert isinstance(new, str) and only_inserted(text, new), form
        text = new
    assert text.count("\nquizzes:\n") == 1  # bank.yaml had no quizzes: the key was made once, at the end
    result = load_bank(folder, (path, text))
    assert not result.errors, result.errors[:3]
    assert result.bank is not None
    loaded = result.bank.sources["second-gazette"]
    assert (loaded.title, loaded.outlet, loaded.note, str(loaded.published)) == (
        HOSTILE,
        HOSTILE,
        HOSTILE,
        "2026-03-05",
    )
    assert loaded.kind == "statement"
    ledger = result.bank.claims["vote-count"]
    assert ledger.status == "false" and ledger.claim == HOSTILE and ledger.reports[0].upstream == HOSTILE
    quiz = result.bank.quizzes["listed"]
    assert quiz.questions == ("bridge-cost", "who-spoke") and quiz.mode == "exam" and quiz.confidence
    quiz = result.bank.quizzes["drawn"]
    assert quiz.pick == 2 and quiz.questions is None and quiz.difficulty == ("easy", "hard")
    for section, form in (("sources", source), ("claims", claim), ("quizzes", listed), ("quizzes", drawn)):
        assert sectionforms.read(text, section, form.id) == form  # read back as written


def test_what_the_form_cannot_show_is_refused_in_words() -> None:
    text = (
        "sources:\n  - id: s\n    title: T\n    file: f.md\n    future: 1\n"
        "claims:\n  - id: c\n    claim: C\n    status: consistent\n    reports:\n      - {source: s, quote: q, x: 1}\n"
        "quizzes:\n  - id: q\n    title: Q\n    pick: many\n  - id: both\n    title: B\n    pick: 2\n"
        "    questions: [a]\n"
    )
    assert sectionforms.read(text, "sources", "s") == forms.Refusal(
        "it has fields the form does not show (future): edit it as text"
    )
    assert sectionforms.read(text, "claims", "c") == forms.Refusal(
        "it has fields the form does not show (reports: x): edit it as text"
    )
    assert sectionforms.read(text, "quizzes", "q") == forms.Refusal(
        "its pick is 'many', not a whole number: edit it as text"
    )
    assert sectionforms.read(text, "quizzes", "both") == forms.Refusal(
        "it has both a list of questions and a pick: edit it as text"
    )
    assert sectionforms.read(text, "sources", "gone") == forms.Refusal("no source 'gone' in this file")
    assert isinstance(forms.locate("sources: {a: 1}\n", "sources"), forms.Refusal)
