"""Checks across a whole bank: one bank section, unique ids, references, answer keys, quizzes,
source files, and every quote proven against its source. Each finding is an Issue at its node."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from quiz.bank import itemcheck
from quiz.bank.locate import issue_at
from quiz.bank.model import (
    BUILTIN_SKILLS,
    Bank,
    BankInfo,
    ChoiceQuestion,
    Cite,
    MultipleQuestion,
    OrderQuestion,
    Question,
    Quiz,
    SingleQuestion,
    Skill,
    Source,
    quiz_questions,
)
from quiz.bank.quotes import SourceText
from quiz.bank.structure import FileContent
from quiz.errors import Issue, Severity
from quiz.text import Unreadable, inside, read_utf8

MAX_SOURCE_BYTES = 4 * 1024 * 1024
WARNING = Severity.WARNING


@dataclass(frozen=True)
class Site:
    """Where an item of a bank list was written: its file and its index in that file's list."""

    content: FileContent
    key: str
    index: int

    def issue(
        self,
        loc: Sequence[Any],
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
        at_key: bool = False,
    ) -> Issue:
        return issue_at(
            self.content.file,
            self.content.value,
            self.content.root,
            (self.key, self.index, *loc),
            message,
            hint,
            severity,
            at_key,
        )

    def where(self) -> str:
        issue = self.issue((), "")
        return f"{issue.file}:{issue.line}"


def check_bank(folder: Path, contents: Sequence[FileContent]) -> tuple[Bank | None, list[Issue]]:
    """Check the files of one bank together; return the frozen bank only when nothing is wrong."""
    issues: list[Issue] = []
    info = _bank_info(folder, contents, issues)
    items = {
        key: [(model, Site(content, key, index)) for content in contents for model, index in content.items[key]]
        for key in ("skills", "sources", "claims", "questions", "quizzes")
    }
    known = {key: {item_id for content in contents for item_id in content.raw_ids[key]} for key in items}

    skills: dict[str, Skill] = {skill.id: skill for skill in BUILTIN_SKILLS}
    for skill, site in _unique(items["skills"], "skill", issues):
        if skill.id in skills:
            issues.append(
                site.issue(
                    ("id",), f"skill {skill.id!r} is built in", "use it without defining it, or choose another id"
                )
            )
        else:
            skills[skill.id] = skill
    known["skills"] |= set(skills)

    sources = _unique(items["sources"], "source", issues)
    texts: dict[str, SourceText] = {}
    for source, site in sources:
        text = read_source(folder, source, site)
        if isinstance(text, Issue):
            issues.append(text)
        else:
            texts[source.id] = text
    claims = _unique(items["claims"], "claim", issues)
    questions = _unique(items["questions"], "question", issues)
    quizzes = _unique(items["quizzes"], "quiz", issues)

    refs = _References(known, texts, issues)
    for claim, site in claims:
        for number, report in enumerate(claim.reports):
            refs.cite(report, site, ("reports", number))
    for question, site in questions:
        _check_question(question, site, refs, issues)
    by_id = {question.id: question for question, _ in questions}
    served = [question for question in by_id.values() if not question.draft]
    for quiz, site in quizzes:
        _check_quiz(quiz, site, served, by_id, refs, issues)
    issues += itemcheck.review(contents, claims, questions, quizzes, texts)

    if info is None or any(issue.is_error for issue in issues):
        return None, issues
    return Bank(
        folder=str(folder),
        info=info,
        skills=MappingProxyType(skills),
        sources=MappingProxyType({source.id: source for source, _ in sources}),
        texts=MappingProxyType(texts),
        claims=MappingProxyType({claim.id: claim for claim, _ in claims}),
        questions=MappingProxyType(by_id),
        quizzes=MappingProxyType({quiz.id: quiz for quiz, _ in quizzes}),
        files=tuple(content.file for content in contents),
    ), issues


def _bank_info(folder: Path, contents: Sequence[FileContent], issues: list[Issue]) -> BankInfo | None:
    having = [
        content
        for content in contents
        if content.bank is not None or (isinstance(content.value, dict) and "bank" in content.value)
    ]
    if not having:
        if not all(content.readable for content in contents):
            return None  # the section may well be in the file that could not be read: its error says enough
        file = contents[0].file if contents else str(folder)
        issues.append(
            Issue(
                file,
                1,
                1,
                "",
                "no file of this bank has a 'bank:' section",
                "add 'bank: {id: ..., title: ...}' to one file, usually bank.yaml",
            )
        )
        return None
    first = having[0]
    for other in having[1:]:
        here = issue_at(first.file, first.value, first.root, ("bank",), "", at_key=True)
        issues.append(
            issue_at(
                other.file,
                other.value,
                other.root,
                ("bank",),
                f"a second 'bank:' section (the first is at {here.file}:{here.line})",
                "a bank has exactly one 'bank:' section",
                at_key=True,
            )
        )
    return first.bank


def _unique(entries: Iterable[tuple[Any, Site]], kind: str, issues: list[Issue]) -> list[tuple[Any, Site]]:
    """Keep the first item of each id; report every later one, naming both places."""
    first: dict[str, Site] = {}
    kept: list[tuple[Any, Site]] = []
    for item, site in entries:
        if item.id in first:
            issues.append(
                site.issue(
                    ("id",),
                    f"duplicate {kind} id {item.id!r} (first defined at {first[item.id].where()})",
                    f"{kind} ids must be unique across the bank's files",
                )
            )
            continue
        first[item.id] = site
        kept.append((item, site))
    return kept


def read_source(folder: Path, source: Source, site: Site) -> SourceText | Issue:
    """A source's text, read only from inside the bank folder through :func:`quiz.text.read_utf8`, or
    the issue saying why not, at the source's ``file:`` key (as :func:`quiz.bank.load.bank_text` gives a
    bank file's text or its issue)."""
    file = source.file

    def refused(message: str, hint: str = "") -> Issue:
        return site.issue(("file",), message, hint)

    relative = Path(file)
    if relative.is_absolute() or file.startswith(("/", "\\")) or (relative.parts and ":" in relative.parts[0]):
        return refused(f"source file must be a path relative to the bank folder, found {file!r}")
    if "\0" in file:
        return refused(f"source file {file!r} is not a valid file name")
    try:
        path = folder / relative
        if ".." in relative.parts or not inside(path, folder):
            return refused(
                f"source file {file!r} is outside the bank folder",
                "keep source texts inside the bank, e.g. sources/NAME.md",
            )
        if not path.exists():
            return refused(f"source file {file!r} does not exist", f"looked for {folder / relative}")
        if not path.is_file():
            return refused(f"source file {file!r} is not a file", "name a text file, e.g. sources/NAME.md")
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return refused(f"source file {file!r} is larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MiB")
    except (OSError, ValueError) as exc:
        return refused(f"source file {file!r} cannot be read: {getattr(exc, 'strerror', None) or exc}")
    text = read_utf8(path, newlines=True)
    if isinstance(text, Unreadable):
        at = f", at line {text.line}, column {text.col}" if text.line else ""
        return refused(f"source file {file!r} {text.said}{at}", text.hint)
    return SourceText(text)


class _References:
    """Checks that ids point somewhere and quotes stand in their sources."""

    def __init__(self, known: dict[str, set[str]], texts: dict[str, SourceText], issues: list[Issue]):
        self.known = known
        self.texts = texts
        self.issues = issues

    def exists(self, kind: str, item_id: str, site: Site, loc: Sequence[Any], label: str) -> bool:
        if item_id in self.known[kind]:
            return True
        close = difflib.get_close_matches(item_id, sorted(self.known[kind]), n=1, cutoff=0.6)
        self.issues.append(
            site.issue(
                loc,
                f"unknown {label} {item_id!r}",
                f"did you mean {close[0]!r}?" if close else f"known: {', '.join(sorted(self.known[kind])) or 'none'}",
            )
        )
        return False

    def cite(self, cite: Cite, site: Site, loc: Sequence[Any]) -> None:
        if not self.exists("sources", cite.source, site, (*loc, "source"), "source"):
            return
        text = self.texts.get(cite.source)
        if text is None or text.contains(cite.quote):
            return  # an unreadable source is reported once, at the source
        passage = text.closest(cite.quote)
        hint = (
            f'closest passage, line {passage.line}: "{passage.text}"'
            if passage
            else "copy the words exactly from the source; elide with ... or [...]"
        )
        self.issues.append(site.issue((*loc, "quote"), f"quote not found in source {cite.source!r}", hint))


def _check_question(question: Question, site: Site, refs: _References, issues: list[Issue]) -> None:
    for number, skill in enumerate(question.skills):
        refs.exists("skills", skill, site, ("skills", number), "skill")
    for number, claim in enumerate(question.claims):
        refs.exists("claims", claim, site, ("claims", number), "claim")
    for number, cite in enumerate(question.cite):
        refs.cite(cite, site, ("cite", number))
    if isinstance(question, (SingleQuestion, MultipleQuestion)):
        _check_choices(question, site, issues)
    if isinstance(question, OrderQuestion):
        _no_repeats(question.items, site, "items", "item", issues)
    if question.draft:
        issues.append(
            site.issue(
                ("draft",),
                "draft: checked, but never served in a quiz",
                "remove 'draft: true' once the question is reviewed",
                WARNING,
            )
        )
    if not question.cite:  # a draft may wait for its citations (``quiz import`` writes such drafts); nothing else may
        issues.append(
            site.issue(
                ("cite",),
                "no citations yet: a draft may go without, but it needs one before it is served"
                if question.draft
                else "missing required key 'cite'",
                "add 'cite:' with a quote from a source of the bank",
                WARNING if question.draft else Severity.ERROR,
            )
        )


def _check_choices(question: ChoiceQuestion, site: Site, issues: list[Issue]) -> None:
    right = [choice for choice in question.choices if choice.correct]
    if isinstance(question, SingleQuestion) and len(right) != 1:
        issues.append(
            site.issue(
                ("choices",),
                f"a single-answer question needs exactly one choice with 'correct: true', found {len(right)}",
                "use type: multiple for several right answers",
            )
        )
    if isinstance(question, MultipleQuestion) and not right:
        issues.append(
            site.issue(
                ("choices",), "a multiple-answer question needs at least one choice with 'correct: true', found none"
            )
        )
    _no_repeats([choice.text for choice in question.choices], site, "choices", "choice", issues, field="text")
    for number, choice in enumerate(question.choices):
        if not choice.correct and not choice.feedback.strip():
            issues.append(
                site.issue(
                    ("choices", number),
                    "wrong choice without feedback",
                    "say why a learner might pick it, and why it is wrong",
                    WARNING,
                )
            )


def _no_repeats(
    texts: Sequence[str], site: Site, key: str, label: str, issues: list[Issue], field: str | None = None
) -> None:
    seen: set[str] = set()
    for number, text in enumerate(texts):
        if text in seen:
            loc = (key, number, field) if field else (key, number)
            issues.append(site.issue(loc, f"{label} {text!r} is repeated"))
        seen.add(text)


def _check_quiz(
    quiz: Quiz, site: Site, served: list[Question], by_id: dict[str, Question], refs: _References, issues: list[Issue]
) -> None:
    for number, skill in enumerate(quiz.skills):
        refs.exists("skills", skill, site, ("skills", number), "skill")
    if quiz.questions is None and quiz.pick is None:
        issues.append(site.issue((), "a quiz needs either 'questions' (a list of ids) or 'pick' (how many to draw)"))
        return
    if quiz.questions is not None and quiz.pick is not None:
        issues.append(site.issue(("pick",), "give either 'questions' or 'pick', not both", at_key=True))
        return
    if quiz.questions is not None:
        if quiz.skills or quiz.difficulty:
            issues.append(
                site.issue(
                    ("questions",),
                    "filters ('skills', 'difficulty') apply only with 'pick'",
                    "remove the filters, or draw with 'pick'",
                    WARNING,
                    at_key=True,
                )
            )
        if not quiz.questions:
            issues.append(site.issue(("questions",), "the list of questions is empty"))
        _no_repeats(quiz.questions, site, "questions", "question", issues)
        for number, question_id in enumerate(quiz.questions):
            if (
                refs.exists("questions", question_id, site, ("questions", number), "question")
                and question_id in by_id
                and by_id[question_id].draft
            ):
                issues.append(
                    site.issue(
                        ("questions", number),
                        f"question {question_id!r} is a draft: the quiz will skip it",
                        severity=WARNING,
                    )
                )
        return
    pool = quiz_questions(served, quiz)
    assert quiz.pick is not None
    if quiz.pick > len(pool):
        issues.append(
            site.issue(
                ("pick",),
                f"pick {quiz.pick}, but the filters offer only {len(pool)} question(s)",
                "lower 'pick' or widen 'skills'/'difficulty'",
            )
        )
