"""quiz/load.py with structure.py and checks.py: every rule gives one exact FILE:LINE:COL line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quiz.bank.load import find_banks, load_bank
from tests.conftest import BANK_YAML, MINI, QUESTION_YAML


def problems(folder: Path) -> list[str]:
    result = load_bank(folder)
    return [issue.format().replace(f"{folder}{os.sep}", "") for issue in sorted(result.issues)]


def test_the_test_bank_loads(make_bank):
    folder = make_bank({"questions.yaml": QUESTION_YAML})
    result = load_bank(folder)
    assert result.errors == () and result.bank is not None
    assert list(result.bank.questions) == ["cost"]
    assert result.bank.sources["gazette"].title == "The Gazette"


def test_mini_bank_loads_with_one_draft_warning():
    result = load_bank(MINI)
    assert result.errors == ()
    assert [issue.message for issue in result.warnings] == ["draft: checked, but never served in a quiz"]
    assert result.bank is not None and len(result.bank.questions) == 7 and len(result.bank.served()) == 6


def test_unknown_key_with_did_you_mean(make_bank):
    folder = make_bank({"questions.yaml": QUESTION_YAML.replace("        correct: true", "        corect: true")})
    assert problems(folder) == [
        "questions.yaml:7:9: error: questions[id=cost].choices[0].corect: unknown key 'corect' (hint: did you mean "
        "'correct'?)",
    ]


def test_missing_required_fields(make_bank):
    folder = make_bank({"questions.yaml": QUESTION_YAML.replace("    explanation: The article says so.\n", "")})
    assert problems(folder) == [
        "questions.yaml:2:5: error: questions[id=cost].explanation: missing required key 'explanation'"
    ]


def test_wrong_types(make_bank):
    text = QUESTION_YAML.replace("    skills: [numbers]", "    skills: numbers").replace(
        "        correct: true", "        correct: yes"
    )
    assert problems(make_bank({"questions.yaml": text})) == [
        "questions.yaml:7:18: error: questions[id=cost].choices[0].correct: expected true or false, found 'yes' (hint: "
        "only true and false are booleans: write true)",
        "questions.yaml:14:13: error: questions[id=cost].skills: expected a list, found 'numbers' (hint: write items "
        "on lines starting with '- ', or [a, b])",
    ]


def test_bad_slug(make_bank):
    folder = make_bank({"questions.yaml": QUESTION_YAML.replace("  - id: cost", "  - id: The Cost")})
    assert problems(folder) == [
        "questions.yaml:2:9: error: questions[id=The Cost].id: expected a slug (lowercase letters, digits and "
        "hyphens), found 'The Cost' (hint: try 'the-cost')",
    ]


def test_unknown_question_type(make_bank):
    folder = make_bank({"questions.yaml": QUESTION_YAML.replace("type: single", "type: singel")})
    assert problems(folder) == [
        "questions.yaml:3:11: error: questions[id=cost].type: unknown question type 'singel' (hint: did you mean "
        "'single'?)"
    ]


def test_bad_enum_and_url(make_bank):
    bank = (
        "bank: {id: test, title: T}\nsources:\n"
        "  - {id: gazette, title: G, file: sources/gazette.md, kind: blog, url: 'javascript:alert(1)'}\n"
    )
    assert problems(make_bank(bank_yaml=bank)) == [
        "bank.yaml:3:61: error: sources[id=gazette].kind: expected one of article, social-post, statement, petition, "
        "review, other; found 'blog'",
        "bank.yaml:3:72: error: sources[id=gazette].url: expected an http or https URL, found 'javascript:alert(1)' "
        "(hint: a link must start with http:// or https://)",
    ]


def test_duplicate_ids_name_both_places(make_bank):
    folder = make_bank({"a.yaml": QUESTION_YAML, "b.yaml": "\n" + QUESTION_YAML})
    assert problems(folder) == [
        "b.yaml:3:9: error: questions[id=cost].id: duplicate question id 'cost' (first defined at a.yaml:2) "
        "(hint: question ids must be unique across the bank's files)",
    ]


def test_bank_section_exactly_once(make_bank):
    assert problems(make_bank({"more.yaml": "\nbank: {id: other, title: Other}\n"})) == [
        "more.yaml:2:1: error: bank: a second 'bank:' section (the first is at bank.yaml:1) (hint: a bank has exactly "
        "one 'bank:' section)",
    ]
    none = make_bank(
        {"sources.yaml": BANK_YAML.split("sources:")[1].join(["sources:", ""])}, bank_yaml=None, name="headless"
    )
    assert problems(none) == [
        "sources.yaml:1:1: error: no file of this bank has a 'bank:' section (hint: add 'bank: {id: ..., title: ...}' "
        "to one file, usually bank.yaml)"
    ]


def test_unknown_references(make_bank):
    text = (
        QUESTION_YAML.replace("source: gazette", "source: gazete").replace("[numbers]", "[numbers, numbrs]")
        + "    claims: [nope]\n"
    )
    quizzes = "quizzes:\n  - {id: z, title: Z, questions: [cost, costs]}\n"
    assert problems(make_bank({"questions.yaml": text, "quizzes.yaml": quizzes})) == [
        "questions.yaml:12:17: error: questions[id=cost].cite[0].source: unknown source 'gazete' (hint: did you mean "
        "'gazette'?)",
        "questions.yaml:14:23: error: questions[id=cost].skills[1]: unknown skill 'numbrs' (hint: did you mean "
        "'numbers'?)",
        "questions.yaml:15:14: error: questions[id=cost].claims[0]: unknown claim 'nope' (hint: known: none)",
        "quizzes.yaml:2:41: error: quizzes[id=z].questions[1]: unknown question 'costs' (hint: did you mean 'cost'?)",
    ]


def test_answer_key_rules(make_bank):
    none_right = QUESTION_YAML.replace("        correct: true\n", "")
    two_right = QUESTION_YAML.replace("        feedback: Another estimate.", "        correct: true")
    multiple_none = none_right.replace("type: single", "type: multiple")
    order = """\
    questions:
      - id: steps
        type: order
        prompt: Order them.
        items: [a, b, a]
        explanation: E.
        cite: [{source: gazette, quote: The project will cost £2.4 million.}]
        skills: [numbers]
    """
    assert problems(make_bank({"questions.yaml": none_right})) == [
        "questions.yaml:6:7: error: questions[id=cost].choices: a single-answer question needs exactly one choice with "
        "'correct: true', found 0 (hint: use type: multiple for several right answers)",
        "questions.yaml:6:9: warning: questions[id=cost].choices[0]: wrong choice without feedback (hint: say why a "
        "learner might pick it, and why it is wrong)",
    ]
    assert problems(make_bank({"questions.yaml": two_right}, name="two"))[0].startswith(
        "questions.yaml:6:7: error: questions[id=cost].choices: a single-answer question needs exactly one choice with "
        "'correct: true', found 2"
    )
    assert (
        problems(make_bank({"questions.yaml": multiple_none}, name="multi"))[0]
        == "questions.yaml:6:7: error: questions[id=cost].choices: a multiple-answer question needs at least one "
        "choice with 'correct: true', found none"
    )
    assert problems(make_bank({"questions.yaml": order}, name="order")) == [
        "questions.yaml:5:19: error: questions[id=steps].items[2]: item 'a' is repeated"
    ]


def test_too_few_choices_and_items(make_bank):
    text = (
        QUESTION_YAML.split("      - text: £3 million")[0]
        + "    explanation: E.\n    cite: [{source: gazette, quote: The project will cost £2.4 million.}]\n    skills: "
        "[numbers]\n"
    )
    assert problems(make_bank({"questions.yaml": text})) == [
        "questions.yaml:6:7: error: questions[id=cost].choices: needs at least 2 item(s), found 1"
    ]


def test_pick_beyond_what_the_filters_offer(make_bank):
    quizzes = "quizzes:\n  - id: z\n    title: Z\n    pick: 2\n    difficulty: [hard]\n"
    assert problems(make_bank({"questions.yaml": QUESTION_YAML, "quizzes.yaml": quizzes})) == [
        "quizzes.yaml:4:11: error: quizzes[id=z].pick: pick 2, but the filters offer only 0 question(s) (hint: lower "
        "'pick' or widen 'skills'/'difficulty')",
    ]


def test_quiz_needs_questions_or_pick(make_bank):
    quizzes = "quizzes:\n  - {id: z, title: Z}\n  - {id: y, title: Y, pick: 1, questions: [cost]}\n"
    assert problems(make_bank({"questions.yaml": QUESTION_YAML, "quizzes.yaml": quizzes})) == [
        "quizzes.yaml:2:5: error: quizzes[id=z]: a quiz needs either 'questions' (a list of ids) or 'pick' (how many "
        "to draw)",
        "quizzes.yaml:3:23: error: quizzes[id=y].pick: give either 'questions' or 'pick', not both",
    ]


def test_quote_not_in_source_names_the_closest_passage(make_bank):
    folder = make_bank({"questions.yaml": QUESTION_YAML.replace("cost £2.4 million.", "cost £24 million.")})
    assert problems(folder) == [
        "questions.yaml:13:16: error: questions[id=cost].cite[0].quote: quote not found in source 'gazette' "
        '(hint: closest passage, line 5: "The project will cost £2.4 million.")',
    ]


def test_drafts_are_warnings(make_bank):
    folder = make_bank({"questions.yaml": QUESTION_YAML + "    draft: true\n"})
    result = load_bank(folder)
    assert result.bank is not None and result.bank.served() == ()
    assert problems(folder) == [
        "questions.yaml:15:12: warning: questions[id=cost].draft: draft: checked, but never served in a quiz (hint: "
        "remove 'draft: true' once the question is reviewed)"
    ]


@pytest.mark.parametrize(
    "path, message",
    [
        ("../outside.md", "source file '../outside.md' is outside the bank folder"),
        ("/etc/passwd", "source file must be a path relative to the bank folder, found '/etc/passwd'"),
        ("sources/missing.md", "source file 'sources/missing.md' does not exist"),
    ],
)
def test_source_file_must_stay_inside_the_bank(make_bank, path: str, message: str):
    bank = f"bank: {{id: test, title: T}}\nsources:\n  - id: gazette\n    title: G\n    file: {path}\n"
    lines = problems(make_bank(bank_yaml=bank))
    assert len(lines) == 1 and lines[0].startswith(f"bank.yaml:5:11: error: sources[id=gazette].file: {message}")


def test_source_symlink_out_of_the_bank_is_refused(make_bank, tmp_path: Path):
    secret = tmp_path / "secret.md"
    secret.write_text("top secret", encoding="utf-8")
    folder = make_bank()
    (folder / "sources" / "gazette.md").unlink()
    (folder / "sources" / "gazette.md").symlink_to(secret)
    assert problems(folder) == [
        "bank.yaml:7:11: error: sources[id=gazette].file: source file 'sources/gazette.md' is outside the bank folder "
        "(hint: keep source texts inside the bank, e.g. sources/NAME.md)"
    ]


def test_source_must_be_utf8(make_bank):
    folder = make_bank()
    (folder / "sources" / "gazette.md").write_bytes(b"line one\nbad \xff byte\n")
    assert problems(folder) == [
        "bank.yaml:7:11: error: sources[id=gazette].file: source file 'sources/gazette.md' is not valid UTF-8 (byte "
        "0xff), at line 2, column 5 (hint: save the file as UTF-8)"
    ]


def test_bank_file_must_be_utf8_and_a_mapping(make_bank):
    folder = make_bank()
    (folder / "broken.yaml").write_bytes(b"questions:\n  - id: \xe9t\xe9\n")
    (folder / "list.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    assert problems(folder) == [
        "broken.yaml:2:9: error: file is not valid UTF-8 (byte 0xe9) (hint: save the file as UTF-8)",
        "list.yaml:1:1: error: a bank file must be a mapping of keys (bank, skills, sources, claims, questions, "
        "quizzes), found a list",
    ]


def test_byte_order_mark_and_crlf_are_fine(make_bank):
    folder = make_bank()
    (folder / "questions.yaml").write_bytes(b"\xef\xbb\xbf" + QUESTION_YAML.replace("\n", "\r\n").encode("utf-8"))
    assert problems(folder) == []


def test_all_problems_in_one_run(make_bank):
    text = (
        QUESTION_YAML.replace("corect", "x")
        .replace("        correct: true", "        corect: true")
        .replace("source: gazette", "source: nowhere")
    )
    quizzes = "quizzes:\n  - {id: Bad, title: Z, questions: [cost]}\n  - {id: z, title: Z, pick: 5}\n"
    lines = problems(make_bank({"questions.yaml": text, "quizzes.yaml": quizzes}))
    assert [line.split(": error: ")[1].split(":")[0] for line in lines] == [
        "questions[id=cost].choices[0].corect",
        "quizzes[id=Bad].id",
        "quizzes[id=z].pick",
    ]


def test_find_banks_takes_a_bank_or_a_folder_of_banks(make_bank, tmp_path: Path):
    one = make_bank({"questions.yaml": QUESTION_YAML}, name="one")
    make_bank({"questions.yaml": QUESTION_YAML}, name="two")
    assert find_banks([one])[0] == [one]
    assert [path.name for path in find_banks([tmp_path])[0]] == ["one", "two"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert [issue.format() for issue in find_banks([empty, tmp_path / "nope"])[1]] == [
        f"{empty}:0:0: error: no bank here: no .yaml files in this folder or its sub-folders",
        f"{tmp_path / 'nope'}:0:0: error: no such file or folder",
    ]
