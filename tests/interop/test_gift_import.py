"""``quiz import``: GIFT questions land as drafts in a new file of the bank, the bank still
validates (drafts and their missing citations are warnings), what cannot come in is listed line
by line, and bad input is a located error with nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz.bank.load import load_bank
from quiz.bank.model import MultipleQuestion, SingleQuestion, TrueFalseQuestion
from quiz.cli import main
from quiz.interop import gift_import
from tests.interop.test_gift_parse import FIXTURES, PAIRS

GIFT = """\
// [id:capital-1] [tag:geography]
::Capital::What is the capital of **France**?{
=Paris#Right: the seat of government.
~Lyon#Its third city.
~Marseille
####Paris has been the capital since 987.
}

$CATEGORY: $course$/top/Europe quiz

::Continents::Select the continents.{
~%50%Africa
~%50%Asia
~%-100%China#A country.
}

The Seine flows through Paris.{TRUE}

When was it founded?{#250}

Name a river.{=Seine =Loire}

Write about Paris.{}

Match them.{=France -> Paris =Italy -> Rome =Spain -> Madrid}
"""


def files(folder: Path) -> dict[str, str]:
    return {path.name: path.read_text("utf-8") for path in sorted(folder.glob("*.yaml"))}


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_adds_drafts_in_a_new_file_and_the_bank_validates(make_bank, tmp_path: Path, capsys) -> None:
    folder = make_bank()
    before = files(folder)
    gift = tmp_path / "europe.gift"
    gift.write_text(GIFT, encoding="utf-8")
    code, out, err = run(["import", str(gift), "--bank", str(folder)], capsys)
    assert code == 0, err
    assert {name: text for name, text in files(folder).items() if name in before} == before  # authors' files untouched
    assert set(files(folder)) - set(before) == {"imported-europe.gift.yaml".replace(".gift", "")}
    lines = out.splitlines()
    assert lines[:4] == [
        f"{gift}:{line}:1: warning: question not imported: {gift_import.UNSUPPORTED[kind]}"
        for line, kind in ((19, "Numerical"), (21, "Short"), (23, "Essay"), (25, "Matching"))
    ]
    assert gift_import.UNSUPPORTED["Essay"] == "essay questions are not imported: this bank has no free-text answers"
    assert lines[4].startswith(f"wrote {folder / 'imported-europe.yaml'}: 3 questions, drafts, no citations yet")
    result = load_bank(folder)
    assert result.errors == ()
    capital = result.bank.questions["capital-1"]
    assert isinstance(capital, SingleQuestion) and capital.draft and capital.cite == ()
    assert capital.prompt == "What is the capital of **France**?"
    assert [(c.text, c.correct, c.feedback) for c in capital.choices] == [
        ("Paris", True, "Right: the seat of government."),
        ("Lyon", False, "Its third city."),
        ("Marseille", False, ""),
    ]
    assert capital.explanation == "Paris has been the capital since 987."
    assert capital.skills == ("geography",)
    continents = result.bank.questions["continents"]
    assert isinstance(continents, MultipleQuestion)
    assert [c.correct for c in continents.choices] == [True, True, False]
    assert continents.skills == ("europe-quiz",)
    assert result.bank.skills["europe-quiz"].title == "Europe quiz"
    seine = result.bank.questions["the-seine-flows-through-paris"]
    assert isinstance(seine, TrueFalseQuestion) and seine.answer is True
    assert seine.explanation == gift_import.NO_EXPLANATION
    no_cites = [issue for issue in result.warnings if issue.path.endswith(".cite")]
    assert len(no_cites) == 3 and all("no citations yet" in issue.message for issue in no_cites)
    assert main(["validate", str(folder)]) == 0


def test_a_second_import_gets_its_own_file_and_fresh_ids(make_bank, tmp_path: Path, capsys) -> None:
    folder = make_bank()
    gift = tmp_path / "europe.gift"
    gift.write_text(GIFT, encoding="utf-8")
    assert run(["import", str(gift), "--bank", str(folder)], capsys)[0] == 0
    assert run(["import", str(gift), "--bank", str(folder)], capsys)[0] == 0
    assert (folder / "imported-europe-2.yaml").is_file()
    result = load_bank(folder)
    assert result.errors == ()
    assert {"capital-1", "capital-1-2", "continents-2"} <= set(result.bank.questions)


def test_a_served_question_still_needs_citations(make_bank) -> None:
    folder = make_bank(
        {
            "q.yaml": "questions:\n  - id: q\n    type: true-false\n    prompt: P\n    answer: true\n"
            "    explanation: E\n    skills: [numbers]\n"
        }
    )
    hint = "(hint: add 'cite:' with a quote from a source of the bank)"
    assert [issue.format() for issue in load_bank(folder).errors] == [
        f"{folder / 'q.yaml'}:2:5: error: questions[id=q].cite: missing required key 'cite' {hint}"
    ]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("Q?{=a ~b\n", "1:3", "'{' is not closed: the answers need a '}'"),
        ("Q?{\n=a\n~%abc%b\n}\n", "3:2", "unknown weight %abc%: expected a number from -100 to 100"),
        ("Q?{=a ~%150%b}\n", "1:8", "unknown weight %150%: expected a number from -100 to 100"),
        ("Q?{=a ~}\n", "1:7", "an answer with no text"),
        ("::T::Q?} {=a ~b}\n", "1:8", "'}' without a '{' before it"),
        ("::T{=a ~b}\n", "1:1", "the title's '::' is not closed"),
    ],
)
def test_bad_input_is_a_located_error_and_nothing_is_written(
    make_bank, tmp_path: Path, capsys, text: str, where: str, message: str
) -> None:
    folder = make_bank()
    before = files(folder)
    gift = tmp_path / "bad.gift"
    gift.write_text("Good?{=yes ~no}\n\n" + text, encoding="utf-8")
    code, out, err = run(["import", str(gift), "--bank", str(folder)], capsys)
    line, col = where.split(":")
    assert code == 1
    assert err.splitlines()[0].startswith(f"{gift}:{int(line) + 2}:{col}: error: {message}"), err
    assert files(folder) == before


def test_not_utf8_is_located(make_bank, tmp_path: Path, capsys) -> None:
    folder = make_bank()
    gift = tmp_path / "latin1.gift"
    gift.write_bytes("Q?{=caf\u00e9 ~the}\n".encode("latin-1"))
    code, _, err = run(["import", str(gift), "--bank", str(folder)], capsys)
    assert code == 1
    assert err.startswith(f"{gift}:1:8: error: file is not valid UTF-8 (byte 0xe9)")
    assert not list(folder.glob("imported-*"))


def test_ten_megabytes_is_refused_before_reading(make_bank, tmp_path: Path, capsys) -> None:
    folder = make_bank()
    gift = tmp_path / "huge.gift"
    gift.write_text("Q?{=a ~b}\n\n" * 1_000_000, encoding="utf-8")  # 11 MB
    code, _, err = run(["import", str(gift), "--bank", str(folder)], capsys)
    assert code == 1
    assert re.match(rf"{re.escape(str(gift))}:1:1: error: file is larger than 2 MiB", err)
    assert not list(folder.glob("imported-*"))


def test_only_unsupported_questions_write_nothing(make_bank, tmp_path: Path, capsys) -> None:
    folder = make_bank()
    gift = tmp_path / "essay.gift"
    gift.write_text("Write.{}\n", encoding="utf-8")
    code, out, err = run(["import", str(gift), "--bank", str(folder)], capsys)
    assert code == 1 and "essay questions are not imported" in out and "nothing written" in err
    assert not list(folder.glob("imported-*"))


def test_not_a_bank_is_refused(tmp_path: Path, capsys) -> None:
    gift = tmp_path / "q.gift"
    gift.write_text("Q?{=a ~b}\n", encoding="utf-8")
    code, _, err = run(["import", str(gift), "--bank", str(tmp_path / "nowhere")], capsys)
    assert code == 1 and "not a bank folder" in err


def test_every_fixture_imports_or_is_reported_entry_by_entry(make_bank, tmp_path: Path) -> None:
    """The 51 gift-pegjs fixtures: each MC and TF question comes in with its text, choices and
    feedback, or is reported with its line and reason; each other entry is reported one by one."""
    if not PAIRS:
        pytest.skip(f"gift-pegjs fixtures not found in {FIXTURES} (CI has them: ../shared/third-party/)")
    imported = reported = 0
    for number, path in enumerate(PAIRS):
        folder = make_bank(name=f"bank-{number}")
        text = path.read_text("utf-8")
        yaml_text, ids, skipped, errors = gift_import.import_text(text, str(path), folder)
        assert errors == []
        from quiz.interop.gift_parse import parse

        entries = [item for item in parse(text, str(path))[0] if item.type != "Category"]
        assert len(ids) + len(skipped) == len(entries), path.name
        assert {(issue.line, issue.col) for issue in skipped} <= {(item.line, item.col) for item in entries}
        if ids:
            result = load_bank(folder, edited=(folder / "imported.yaml", yaml_text))
            assert result.errors == (), (path.name, result.errors)
        imported += len(ids)
        reported += len(skipped)
    print(f"fixtures: {imported} questions imported, {reported} entries reported as not imported")
    assert imported >= 35
