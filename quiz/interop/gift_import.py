"""``quiz import FILE.gift --bank FOLDER``: a teacher's GIFT questions as drafts in a new file of a bank.

Multiple choice (one right answer) becomes ``single``, Moodle's multiple answers (weights)
``multiple``, true-false ``true-false``; titles, ids, tags, feedback and general feedback come
along, and each category becomes a skill. Numerical, short answer, essay, matching and
description entries are not questions this bank format can hold: each is reported with its line
and why, and nothing else is left out. Every imported question is ``draft: true`` and has no
citations yet (a draft may go without); the bank is checked as it would be with the new file
before anything is written, and an author's own files are never touched.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from quiz.authoring.scaffold import modeline, unique_id, write_files
from quiz.bank.emit import Comment, Fields, Plain, item_lines
from quiz.bank.load import bank_files, load_bank, read_file
from quiz.bank.model import BUILTIN_SKILLS
from quiz.errors import Issue, Refused, Severity
from quiz.interop import gift_parse
from quiz.interop.gift_parse import Item, Text
from quiz.text import Unreadable, read_utf8, slugify

MAX_GIFT_BYTES = 2 * 1024 * 1024  # about 5,000 questions; a larger file is refused before it is read
NO_EXPLANATION = "No explanation yet: the GIFT question had no general feedback."
UNSUPPORTED = {
    "Short": "short answer questions are not imported: this bank's questions are answered by choosing, not typing",
    "Numerical": "numerical questions are not imported: this bank has no numeric answers",
    "Essay": "essay questions are not imported: this bank has no free-text answers",
    "Matching": "matching questions are not imported: this bank has no matching type",
    "Description": "a description (text with no answers) is not imported: it is not a question",
}


@dataclass(frozen=True)
class Imported:
    """What ``import_gift`` did: the new file and its questions, what was left out and why
    (warnings, one per entry), or the errors that stopped it (then nothing is written)."""

    file: Path | None
    questions: tuple[str, ...]
    skipped: tuple[Issue, ...]
    errors: tuple[Issue, ...]
    checked: tuple[Issue, ...] = ()


class _Text(HTMLParser):
    """The text of an HTML fragment, paragraphs and line breaks kept."""

    BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def markdown(text: Text | None) -> str:
    """A GIFT text as bank Markdown: Markdown and Moodle's own format as written, HTML as its text."""
    if text is None:
        return ""
    if text["format"] != "html":
        return text["text"].strip()
    reader = _Text()
    reader.feed(text["text"])
    reader.close()
    plain = html.unescape("".join(reader.parts)).replace("\u00a0", " ")
    return re.sub(r"\n\s*\n+", "\n\n", "\n".join(line.strip() for line in plain.split("\n"))).strip()


def read_gift(path: Path) -> tuple[str, Issue | None]:
    """The file's text, or why it cannot be read (too large, not UTF-8, missing)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return "", Unreadable(str(path), f"cannot be read: {exc.strerror}").issue()
    if size > MAX_GIFT_BYTES:
        return "", Issue(
            str(path),
            1,
            1,
            "",
            f"file is larger than {MAX_GIFT_BYTES // (1024 * 1024)} MiB ({size:,} bytes)",
            "split it into smaller GIFT files",
        )
    text = read_utf8(path)
    return ("", text.issue()) if isinstance(text, Unreadable) else (text, None)


def _skipped(file: str, item: Item, reason: str) -> Issue:
    name = f" {item.title!r}" if item.title else ""
    return Issue(file, item.line, item.col, "", f"question{name} not imported: {reason}", severity=Severity.WARNING)


def _choice_fields(text: str, correct: bool, feedback: str) -> Fields:
    fields: Fields = [("text", text)]
    if correct:
        fields.append(("correct", True))
    if feedback:
        fields.append(("feedback", feedback))
    return fields


def _answers(item: Item) -> tuple[str, list[tuple[str, object]]] | str:
    """The question's type and answer fields, or why it cannot be imported."""
    if item.type == "TF":
        return "true-false", [("answer", bool(item.is_true))]
    choices = item.choices
    if not 2 <= len(choices) <= 8:
        return f"it has {len(choices)} answers; a question here has 2 to 8"
    texts = [markdown(choice.text) for choice in choices]
    if len(set(texts)) < len(texts):
        return "two of its answers have the same text"
    feedback = [markdown(choice.feedback) for choice in choices]
    weights = [choice.weight for choice in choices]
    full = [choice.is_correct and choice.weight in (None, 100) for choice in choices]
    partial = [not full[number] and (weight or 0) > 0 for number, weight in enumerate(weights)]
    if not any(choice.is_correct for choice in choices) and any(partial):  # Moodle's multiple answers
        return "multiple", [("choices", [_choice_fields(t, p, f) for t, p, f in zip(texts, partial, feedback)])]
    if sum(full) == 1 and not any(partial):
        return "single", [("choices", [_choice_fields(t, r, f) for t, r, f in zip(texts, full, feedback)])]
    if any(partial):
        return "it gives partial credit to an answer; a single-answer question here is right or wrong"
    if sum(full) > 1:
        return "several answers give full credit; a single-answer question here has one right answer"
    return "no answer is right"


def question_fields(item: Item, question_id: str, skills: list[str], file: str) -> Fields | str:
    answers = _answers(item)
    if isinstance(answers, str):
        return answers
    kind, fields = answers
    prompt = markdown(item.stem)
    if not prompt:
        return "it has no question text"
    explanation = markdown(item.global_feedback)
    if item.type == "TF":  # Moodle: the first feedback is shown for a wrong answer, the second for a right one
        said = [("A wrong answer", markdown(item.true_feedback)), ("A right answer", markdown(item.false_feedback))]
        explanation = "\n\n".join([explanation] * bool(explanation) + [f"{who}: {what}" for who, what in said if what])
    title = f" ({item.title.strip()})" if item.title and item.title.strip() else ""
    return [
        Comment(f"from {Path(file).name} line {item.line}{title}"),
        ("id", Plain(question_id)),
        ("type", Plain(kind)),
        ("prompt", prompt),
        *fields,  # type: ignore[list-item]
        ("explanation", explanation or NO_EXPLANATION),
        ("skills", [Plain(skill) for skill in skills]),
        ("draft", True),
    ]


def _taken(folder: Path) -> dict[str, set[str]]:
    taken: dict[str, set[str]] = {"skills": {skill.id for skill in BUILTIN_SKILLS}, "questions": set()}
    for path in bank_files(folder):
        content, _ = read_file(path)
        for key in taken:
            taken[key] |= content.raw_ids[key]
    return taken


def _skill(name: str, taken: set[str], defined: dict[str, str], known: dict[str, str]) -> str:
    """The skill for a category or a tag: the bank's own (or a built-in) when one has that id,
    else a new one, defined in the imported file."""
    if name not in known:
        wanted = slugify(name) or "imported"
        if wanted in taken and wanted not in defined.values():
            known[name] = wanted
        else:
            known[name] = defined[name] = unique_id(wanted, taken)
    return known[name]


def import_text(text: str, file: str, folder: Path) -> tuple[str, list[str], list[Issue], list[Issue]]:
    """The new file's YAML, the imported ids, what was skipped, and the parse errors."""
    items, errors = gift_parse.parse(text, file)
    if errors:
        return "", [], [], errors
    taken = _taken(folder)
    defined: dict[str, str] = {}
    known: dict[str, str] = {}
    category = ""
    written: list[Fields] = []
    ids: list[str] = []
    skipped: list[Issue] = []
    for item in items:
        if item.type == "Category":
            category = item.category.removeprefix("$course$/").removeprefix("top/").strip()
            continue
        if item.type not in ("MC", "TF"):
            skipped.append(_skipped(file, item, UNSUPPORTED[item.type]))
            continue
        names = ([category] if category else []) + list(item.tags or ())
        skills = list(dict.fromkeys(_skill(name, taken["skills"], defined, known) for name in names)) or [
            _skill("Imported from GIFT", taken["skills"], defined, known)
        ]
        wanted = slugify(item.id or item.title or markdown(item.stem), 40) or "imported-question"
        question_id = unique_id(wanted, set(taken["questions"]))
        fields = question_fields(item, question_id, skills, file)
        if isinstance(fields, str):
            skipped.append(_skipped(file, item, fields))
            continue
        taken["questions"].add(question_id)
        ids.append(question_id)
        written.append(fields)
    line, _ = modeline(folder)
    out = [
        line,
        f"# Imported by `quiz import` from {Path(file).name}: {len(ids)} questions, every one a draft with no",
        "# citations yet. Review each one: add 'cite:' with quotes from the bank's sources, check its skills",
        "# and explanation, then remove 'draft: true' (drafts are checked, never served).",
        "",
    ]
    if defined:
        out.append("skills:")
        for name, skill_id in defined.items():
            out += item_lines([("id", Plain(skill_id)), ("title", name)], 2)
        out.append("")
    if written:
        out.append("questions:")
        for fields in written:
            out += item_lines(fields, 2) + [""]
    return "\n".join(out).rstrip("\n") + "\n", ids, skipped, []


def target_file(folder: Path, gift: Path) -> Path:
    """A new file of the bank, never one that exists: ``imported-NAME.yaml``, then ``-2``, ``-3``..."""
    stem = slugify(gift.stem, 40) or "gift"
    target, number = folder / f"imported-{stem}.yaml", 2
    while target.exists():
        target, number = folder / f"imported-{stem}-{number}.yaml", number + 1
    return target


def import_gift(gift: str | Path, folder: str | Path) -> Imported:
    """Read, convert, check as saved, and only then write the new file."""
    gift, folder = Path(gift), Path(folder)
    if not folder.is_dir() or not bank_files(folder):
        raise Refused(f"{folder}: not a bank folder (create one with: quiz new bank {folder} --title TITLE)")
    text, problem = read_gift(gift)
    if problem is not None:
        return Imported(None, (), (), (problem,))
    before = load_bank(folder)
    if before.errors:
        raise Refused(f"the bank {folder} has errors; fix them first (quiz validate {folder})")
    yaml_text, ids, skipped, errors = import_text(text, str(gift), folder)
    if errors:
        return Imported(None, (), tuple(skipped), tuple(errors))
    if not ids:
        return Imported(None, (), tuple(skipped), ())
    target = target_file(folder, gift)
    after = load_bank(folder, edited=(target, yaml_text))
    if after.errors:
        raise Refused(f"the imported questions would not load (a bug in quiz import): {after.errors[0].format()}")
    write_files(folder, {target: yaml_text})
    return Imported(target, tuple(ids), tuple(skipped), (), after.issues)
