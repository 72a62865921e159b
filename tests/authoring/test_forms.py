"""Form values <-> a bank file's text: only the question written changes, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quiz.authoring import forms
from quiz.authoring.forms import ChoiceForm, CiteForm, QuestionForm
from quiz.bank.load import load_bank
from tests.conftest import REPO

CUTIES = REPO / "questions" / "cuties-2020"
HOSTILE = '<script>alert("x")</script> <b>bold</b> &amp; {{x}} ${x} \\n: # not a comment \u2028 "\' \t'


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    folder = tmp_path / "cuties"
    shutil.copytree(CUTIES, folder)
    return folder


def question_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("questions-*.yaml"))


def test_every_bundled_question_rewritten_keeps_the_rest_of_its_file_byte_for_byte(bank: Path) -> None:
    before = load_bank(bank).bank
    assert before is not None
    count = 0
    for path in question_files(bank):
        text = path.read_text(encoding="utf-8")
        located = forms.locate(text)
        assert not isinstance(located, forms.Refusal)
        edited, changed = text, {}
        for item in located:
            form = forms.from_values(item.values)
            assert isinstance(form, QuestionForm), form
            form.prompt = f"Changed: {form.prompt}"
            new = forms.write(text, form, item.id)
            assert isinstance(new, str)
            tail = len(text) - item.end
            assert new[: item.start] == text[: item.start]
            assert new[len(new) - tail :] == text[item.end :]
            assert forms.read(new, item.id) == form  # the form read back is the form written
            edited = forms.write(edited, form, item.id)  # type: ignore[assignment]
            changed[item.id] = form.prompt
            count += 1
        # the file with every question rewritten loads, each question as it was but for its prompt
        result = load_bank(bank, (path, edited))
        assert not result.errors, result.errors[:3]
        assert result.bank is not None
        for question_id, question in before.questions.items():
            now = result.bank.questions[question_id]
            if question_id in changed:
                assert now.prompt == changed[question_id]
                now = now.model_copy(update={"prompt": question.prompt})
            assert now == question
    assert count >= 40


def test_a_file_with_comments_and_odd_quoting_keeps_them(bank: Path) -> None:
    text = (
        "# yaml-language-server: $schema=../bank.schema.json\n"
        "questions:   # the list\n"
        "# before the first\n"
        "- id: first-one\n"
        "  type: true-false\n"
        "  prompt: 'It''s plain: or is it?'   # trailing comment\n"
        "  answer: false\n"
        "  explanation: |\n"
        "    Literal\n"
        "      block\n"
        "\n"
        "  cite:\n"
        '  - {source: cancelnetflix-backlash, quote: "Cuties"}\n'
        "  skills: [numbers]\n"
        "# between, about the second\n"
        "\n"
        "- id: second-one\n"
        "  type: true-false\n"
        "  prompt: >\n"
        "    Folded\n"
        "    prompt\n"
        "  answer: true\n"
        '  explanation: "x"\n'
        "  cite: [{source: cancelnetflix-backlash, quote: Cuties}]\n"
        "  skills: [numbers]\n"
        "# the end\n"
    )
    form = forms.read(text, "first-one")
    assert isinstance(form, QuestionForm)
    assert form.prompt == "It's plain: or is it?" and form.answer is False
    assert form.explanation == "Literal\n  block\n"
    form.answer = True
    new = forms.write(text, form, "first-one")
    assert isinstance(new, str)
    head, tail = text.split("- id: first-one")[0], text[text.index("# between") - 1 :]
    assert new.startswith(head) and new.endswith(tail)
    assert '  prompt: "It\'s plain: or is it?"' in new
    assert forms.read(new, "first-one") == form
    second = forms.read(new, "second-one")
    assert isinstance(second, QuestionForm) and second.prompt == "Folded prompt\n"
    appended = forms.write(new, QuestionForm(id="third-one", type="order", items=["a", "b", "c"]), None)
    assert isinstance(appended, str) and appended.startswith(new.removesuffix("# the end\n"))
    assert appended.endswith("# the end\n")
    assert [item.id for item in forms.locate(appended)] == ["first-one", "second-one", "third-one"]  # type: ignore[union-attr]


def test_crlf_files_stay_crlf() -> None:
    text = "questions:\r\n  - id: a\r\n    type: true-false\r\n    prompt: x\r\n    answer: true\r\n# end\r\n"
    form = forms.read(text, "a")
    assert isinstance(form, QuestionForm)
    new = forms.write(text, form, "a")
    assert isinstance(new, str) and "\n" not in new.replace("\r\n", "")
    assert new.endswith("\r\n# end\r\n")


@pytest.mark.parametrize("kind", forms.TYPES)
def test_a_new_question_of_each_type_loads_with_exactly_the_values_typed(bank: Path, kind: str) -> None:
    path = bank / "questions-single.yaml"
    text = path.read_text(encoding="utf-8")
    form = QuestionForm(
        id=f"new-{kind}",
        type=kind,
        prompt=HOSTILE + " prompt " + "long " * 20_000,
        choices=[ChoiceForm(HOSTILE, True, HOSTILE), ChoiceForm("two\nlines"), ChoiceForm("three", fixed=True)],
        answer=False,
        items=["first " + HOSTILE, "second", "third"],
        claim=HOSTILE,
        verdict="conflicting",
        explanation=HOSTILE,
        hint=HOSTILE,
        skills=["numbers", "attribution"],
        difficulty="hard",
        claims=["petition-size"],
        cite=[CiteForm("netflix-defends-cuties", "Netflix defended the docuseries film", HOSTILE)],
    )
    new = forms.write(text, form, None)
    assert isinstance(new, str) and new.startswith(text.rstrip("\n"))
    result = load_bank(bank, (path, new))
    assert not result.errors, result.errors[:3]
    assert result.bank is not None
    written = result.bank.questions[f"new-{kind}"]
    assert written.prompt == form.prompt and written.explanation == HOSTILE and written.hint == HOSTILE
    assert written.cite[0].note == HOSTILE
    again = forms.read(new, f"new-{kind}")
    assert isinstance(again, QuestionForm) and forms.fields(again) == forms.fields(form)  # what the type uses


def test_problems_are_refusals_not_crashes() -> None:
    assert isinstance(forms.read("questions: [\n", "a"), forms.Refusal)
    assert isinstance(forms.read("questions: {a: 1}\n", "a"), forms.Refusal)
    assert isinstance(forms.read("questions: [{id: a}]\n", "a"), forms.Refusal)
    assert forms.read("questions:\n  - id: a\n    type: single\n", "b") == forms.Refusal("no question 'b' in this file")
    unknown = forms.read("questions:\n  - id: a\n    future: 1\n", "a")
    assert isinstance(unknown, forms.Refusal) and "future" in unknown.reason
    assert isinstance(forms.write("questions:\n  - id: a\n", QuestionForm(id="a"), "gone"), forms.Refusal)


def test_an_emptied_choice_list_is_written_and_the_loader_says_so(bank: Path) -> None:
    path = bank / "questions-single.yaml"
    text = path.read_text(encoding="utf-8")
    form = forms.read(text, "film-type-labels")
    assert isinstance(form, QuestionForm)
    form.choices = []
    new = forms.write(text, form, "film-type-labels")
    assert isinstance(new, str) and "choices: []" in new
    errors = load_bank(bank, (path, new)).errors
    assert errors and any("choices" in issue.path for issue in errors)


def test_every_question_type_the_models_know_has_a_label_in_the_form() -> None:
    assert set(forms.TYPE_LABELS) == set(forms.TYPES)
