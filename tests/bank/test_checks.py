"""quiz.bank.checks: what only the whole bank can tell (ids across files, references, quizzes,
source files, quotes), each problem at its line."""

from __future__ import annotations

from quiz.bank.checks import Site, read_source
from quiz.bank.load import load_bank, read_file
from quiz.bank.quotes import SourceText
from quiz.errors import Issue
from tests.conftest import QUESTION_YAML


def _messages(folder) -> list[str]:
    result = load_bank(folder)
    return [issue.format().split(str(folder), 1)[-1] for issue in result.issues]


def test_a_question_id_repeated_in_another_file_is_an_error_there(make_bank):
    folder = make_bank({"a.yaml": QUESTION_YAML, "b.yaml": QUESTION_YAML})
    messages = _messages(folder)
    assert len(messages) == 1 and messages[0].startswith("/b.yaml:2:")
    assert "duplicate" in messages[0] and "'cost'" in messages[0]
    assert load_bank(folder).bank is None


def test_an_unknown_source_and_a_quote_not_in_its_source_are_errors(make_bank):
    unknown = QUESTION_YAML.replace("source: gazette", "source: herald")
    misquoted = QUESTION_YAML.replace("id: cost", "id: cost-2").replace("questions:\n", "")
    misquoted = misquoted.replace("will cost £2.4 million", "will cost £9 million")
    messages = _messages(make_bank({"questions.yaml": unknown + misquoted}))
    assert len(messages) == 2
    assert "unknown source 'herald'" in messages[0]
    assert "quote not found in source 'gazette'" in messages[1]


def test_a_good_bank_has_no_issue_and_serves_its_question(make_bank):
    result = load_bank(make_bank({"questions.yaml": QUESTION_YAML}))
    assert list(result.issues) == []
    assert result.bank is not None and list(result.bank.questions) == ["cost"]


def test_read_source_gives_the_text_or_an_issue_at_the_file_key_as_the_loader_reports_it(make_bank):
    folder = make_bank()
    content, _ = read_file(folder / "bank.yaml")
    (source, index) = content.items["sources"][0]
    text = read_source(folder, source, Site(content, "sources", index))
    assert isinstance(text, SourceText) and text.contains("The project will cost £2.4 million.")
    (folder / "sources" / "gazette.md").write_bytes(b"line one\nbad \xff byte\n")
    problem = read_source(folder, source, Site(content, "sources", index))
    assert problem == Issue(
        str(folder / "bank.yaml"),
        7,
        11,
        "sources[id=gazette].file",
        "source file 'sources/gazette.md' is not valid UTF-8 (byte 0xff), at line 2, column 5",
        "save the file as UTF-8",
    )
    assert [issue for issue in load_bank(folder).issues if issue.is_error] == [problem]
