"""``quiz new``: scaffold a bank folder, or add a question skeleton to one of its files.

Files are written as text, so an author's comments and layout survive an append. What is
written is checked as the bank would load it before anything touches the disk, and nothing
is written outside the bank folder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from quiz.authoring.scaffold import modeline, unique_id, write_files
from quiz.authoring.sentences import first_sentence
from quiz.bank.checks import Site, read_source
from quiz.bank.emit import Comment, Fields, Plain, item_lines
from quiz.bank.load import BANK_SUFFIXES, as_if_saved, bank_files, read_file
from quiz.bank.model import QUESTION_TYPES, SLUG_PATTERN, TYPED_KEYS
from quiz.bank.parse import parse
from quiz.bank.schema import schema_text
from quiz.bank.structure import FileContent
from quiz.errors import Issue, QuizError, Refused, format_issues
from quiz.text import Unreadable, inside, read_utf8

# ---------------------------------------------------------------- new question


@dataclass(frozen=True)
class FirstSource:
    id: str
    sentence: str


def skeleton(question_type: str, question_id: str, source: FirstSource) -> Fields:
    """A question of ``question_type`` that validates as a draft, every field to rewrite marked TODO."""
    head: Fields = [
        ("id", Plain(question_id)),
        ("type", Plain(question_type)),
        Comment("a draft is checked but never served; remove the next line once the question is reviewed"),
        ("draft", True),
        ("prompt", "TODO: ask about one thing the sources say (Markdown)."),
    ]
    body: Fields
    if question_type in ("single", "multiple"):
        right: Fields = [("text", "TODO: the right answer"), ("correct", True)]
        second: Fields = (
            [("text", "TODO: another right answer"), ("correct", True)]
            if question_type == "multiple"
            else [
                ("text", "TODO: a tempting wrong answer"),
                ("feedback", "TODO: why a learner might pick it, and why it is wrong"),
            ]
        )
        third: Fields = [("text", "TODO: another wrong answer"), ("feedback", "TODO: why it is wrong")]
        body = [("choices", [right, second, third])]
    elif question_type == "true-false":
        body = [("answer", True)]
    elif question_type == "order":
        body = [
            Comment("items in the right order; the quiz shuffles them"),
            ("items", ["TODO: first", "TODO: second", "TODO: third"]),
        ]
    else:
        body = [
            ("claim", "TODO: a claim to judge using only the sources."),
            Comment("verdict: supported | contradicted | conflicting | not-in-sources"),
            ("verdict", Plain("supported")),
        ]
    citation: Fields = [("source", Plain(source.id)), ("quote", source.sentence)]
    tail: Fields = [
        ("explanation", "TODO: what the sources say, quoted; end with the habit this question teaches."),
        Comment("cite: exact quotes (elide with [...]); the first sentence of the first source, to replace"),
        ("cite", [citation]),
        ("skills", [Plain("claim-verification")]),
        ("difficulty", Plain("medium")),
    ]
    return [*head, *body, *tail]


def new_question(
    folder: Path, question_type: str, question_id: str | None = None, file: str = "questions.yaml"
) -> tuple[Path, str, list[Issue]]:
    """Add a ``question_type`` skeleton to ``file`` in the bank; return the file, the id, and the bank's warnings."""
    if question_type not in QUESTION_TYPES:
        raise Refused(f"--type: unknown question type {question_type!r}; one of: {', '.join(QUESTION_TYPES)}")
    if not folder.is_dir() or not bank_files(folder):
        raise Refused(f"{folder}: no bank here (no .yaml files); create one with: quiz new bank {folder} --title TITLE")
    path = _bank_file_path(folder, file)
    contents = [read_file(candidate)[0] for candidate in bank_files(folder)]
    taken = {item_id for content in contents for item_id in content.raw_ids["questions"]}
    if question_id is not None:
        if not re.match(SLUG_PATTERN, question_id):
            raise Refused(f"--id: expected a slug (lowercase letters, digits and hyphens), found {question_id!r}")
        if question_id in taken:
            raise Refused(f"--id: the bank already has a question {question_id!r}")
    else:
        question_id = unique_id(f"new-{question_type}-question", taken)
    source = first_source(folder, contents)
    lines = item_lines(skeleton(question_type, question_id, source), 0)
    before = read_utf8(path) if path.is_file() else None  # line endings kept: the text is spliced byte for byte
    if isinstance(before, Unreadable):
        raise Refused(f"{before.where}: {before.reason}; fix it first (quiz validate)")
    schema_files: list[Path] = []
    if before is None:
        line, schema_files = modeline(folder)
        after = "\n".join([line, "questions:", *("  " + item for item in lines), ""])
    else:
        after = append_question(before, lines, str(path))
    _same_errors_or_refuse(folder, path, before, after)
    files = {path: after}
    files.update({schema: schema_text() for schema in schema_files})
    write_files(folder, files)
    warnings = [issue for issue in as_if_saved(folder, path, after).issues if not issue.is_error]
    return path, question_id, warnings


def _bank_file_path(folder: Path, file: str) -> Path:
    name = Path(file)
    if name.name != file or name.suffix not in BANK_SUFFIXES or file.startswith("."):
        raise Refused(
            f"--file: expected a file name ending in .yaml or .yml, directly in the bank folder, found {file!r}"
        )
    path = folder / file
    if path.exists() and (not path.is_file() or not inside(path, folder)):
        raise Refused(f"--file: {path} is not a file inside the bank folder")
    return path


def first_source(folder: Path, contents: Sequence[FileContent]) -> FirstSource:
    """The bank's first source (in load order) and its first sentence, to cite in a skeleton."""
    for content in contents:
        for source, index in content.items["sources"]:
            text = read_source(folder, source, Site(content, "sources", index))
            if isinstance(text, Issue):
                raise Refused(
                    f"{folder}: the first source, {source.id!r}: {text.message}; fix it first (quiz validate {folder})"
                )
            sentence = first_sentence(text.text)
            if sentence and text.contains(sentence):
                return FirstSource(source.id, sentence)
            raise Refused(f"{folder / source.file}: the first source, {source.id!r}, has no text to cite")
    raise Refused(
        f"{folder}: the bank has no source, and every question must cite one; "
        f"add the article under 'sources:' first, or run: quiz draft ARTICLE --bank {folder}"
    )


_LINES = re.compile(r"[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029])|[^\r\n\x85\u2028\u2029]+$")


def append_question(before: str, lines: list[str], file: str) -> str:
    """``before`` with one more item at the end of its ``questions:`` list, as text."""
    newline = "\r\n" if "\r\n" in before else "\n"
    parsed, issues = parse(before, file, TYPED_KEYS)
    if any(issue.is_error for issue in issues):
        raise Refused(f"{file}: fix this file first ({issues[0].format()})")
    root = parsed.node
    if root is not None and not isinstance(root, MappingNode):
        raise Refused(f"{file}: expected a mapping of keys (bank, sources, questions, ...); choose another --file")
    body = before if before.endswith(("\n", "\r")) or not before else before + newline
    entries = list(root.value) if isinstance(root, MappingNode) else []
    at = next(
        (number for number, (key, _) in enumerate(entries) if isinstance(key, ScalarNode) and key.value == "questions"),
        None,
    )
    if at is None:
        gap = newline if body.strip() and not body.endswith(newline * 2) else ""
        return body + gap + "questions:" + newline + "".join("  " + line + newline for line in lines)
    value = entries[at][1]
    if isinstance(value, SequenceNode) and value.flow_style:
        raise Refused(
            f"{file}: its 'questions:' is a [flow, list]; "
            "write it as a block list (one '- ' item per question) or choose another --file"
        )
    if not isinstance(value, SequenceNode) and not (isinstance(value, ScalarNode) and value.tag == "?null"):
        raise Refused(f"{file}: its 'questions:' is not a list; fix it first (quiz validate)")
    indent = value.start_mark.column if isinstance(value, SequenceNode) and value.value else 2
    rows = _LINES.findall(body)  # lines as YAML counts them, so node marks index them
    insert = len(rows)
    if at + 1 < len(entries):  # questions: is not the last key: insert before the next key and its comments
        insert = entries[at + 1][0].start_mark.line
        while insert > 0 and (not rows[insert - 1].strip() or rows[insert - 1].startswith("#")):
            insert -= 1
    previous = rows[insert - 1] if insert else ""
    spacer = [newline] if previous.strip() and not previous.lstrip().startswith("questions:") else []
    added = [" " * indent + line + newline for line in lines]
    if insert < len(rows):
        added.append(newline)
    return "".join(rows[:insert] + spacer + added + rows[insert:])


def _same_errors_or_refuse(folder: Path, path: Path, before: str | None, after: str) -> None:
    """Refuse to write a question that would add an error to the bank (that would be a bug here)."""

    def keys(issues: Sequence[Issue]) -> set[tuple[str, str, str]]:
        return {(issue.file, issue.path, issue.message) for issue in issues if issue.is_error}

    old = keys(as_if_saved(folder, path, before).issues)
    new = [
        issue
        for issue in as_if_saved(folder, path, after).issues
        if issue.is_error and (issue.file, issue.path, issue.message) not in old
    ]
    if new:
        raise QuizError(
            f"the new question would not validate (a bug in quiz new; nothing was written):\n{format_issues(new)}"
        )
