"""Sources, claims and quizzes as form values, and back into a bank file as :mod:`quiz.authoring.forms`
writes a question: only that item's lines change (``forms.splice``), every other character stays.

A form holds every field of its model (``quiz/bank/model.py``) as text, lists and booleans; an item
with a key the form does not show is refused in words and left to the text editor, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from quiz.authoring import forms
from quiz.authoring.forms import QuestionForm, Refusal, as_mappings, as_text, as_texts, word
from quiz.bank import emit
from quiz.bank.model import Claim, Quiz, Report, Source

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SOURCE_KINDS: tuple[str, ...] = ("article", "social-post", "statement", "petition", "review", "other")
STATUSES: dict[str, str] = {
    "consistent": "Consistent: independent reports agree",
    "conflicting": "Conflicting: the reports disagree",
    "unsupported": "Unsupported: asserted with no source",
    "false": "False: the sources show it is wrong",
    "single-source": "Single source: nothing to agree or disagree with",
}
MODES: dict[str, str] = {"practice": "Practice: each answer explained at once", "exam": "Exam: results at the end"}


@dataclass
class SourceForm:
    id: str = ""
    title: str = ""
    file: str = ""
    outlet: str = ""
    author: str = ""
    published: str = ""
    url: str = ""
    kind: str = "article"
    note: str = ""


@dataclass
class ReportForm:
    source: str = ""
    quote: str = ""
    note: str = ""
    upstream: str = ""


@dataclass
class ClaimForm:
    id: str = ""
    claim: str = ""
    status: str = "consistent"
    reports: list[ReportForm] = field(default_factory=list)
    note: str = ""


@dataclass
class QuizForm:
    id: str = ""
    title: str = ""
    description: str = ""
    by_pick: bool = False  # False: a fixed list of questions; True: draw ``pick`` at random
    questions: list[str] = field(default_factory=list)
    pick: int = 5
    skills: list[str] = field(default_factory=list)
    difficulty: list[str] = field(default_factory=list)
    mode: str = "practice"
    confidence: bool = False


Form = QuestionForm | SourceForm | ClaimForm | QuizForm
SECTION_OF: dict[type, str] = {
    QuestionForm: "questions",
    SourceForm: "sources",
    ClaimForm: "claims",
    QuizForm: "quizzes",
}
FORM_OF: dict[str, type] = {section: kind for kind, section in SECTION_OF.items()}


def _unknown(item: dict[str, Any], model: type, nested: str = "", nested_model: type | None = None) -> Refusal | None:
    unknown = sorted(set(item) - set(model.model_fields))  # type: ignore[attr-defined]
    if nested and nested_model is not None:
        keys = set(nested_model.model_fields)  # type: ignore[attr-defined]
        unknown += sorted(f"{nested}: {key}" for one in as_mappings(item.get(nested)) for key in set(one) - keys)
    if unknown:
        return Refusal(f"it has fields the form does not show ({', '.join(unknown)}): edit it as text")
    return None


# ---------------------------------------------------------------- reading


def source_from(item: dict[str, Any]) -> SourceForm | Refusal:
    refused = _unknown(item, Source)
    if refused:
        return refused
    values = {name: as_text(item.get(name)) for name in SourceForm.__dataclass_fields__}
    values["kind"] = values["kind"] or "article"
    return SourceForm(**values)


def claim_from(item: dict[str, Any]) -> ClaimForm | Refusal:
    refused = _unknown(item, Claim, "reports", Report)
    if refused:
        return refused
    reports = [
        ReportForm(
            as_text(one.get("source")),
            as_text(one.get("quote")),
            as_text(one.get("note")),
            as_text(one.get("upstream")),
        )
        for one in as_mappings(item.get("reports"))
    ]
    status = item.get("status")
    return ClaimForm(
        as_text(item.get("id")),
        as_text(item.get("claim")),
        "false" if status is False else (as_text(status) or "consistent"),
        reports,
        as_text(item.get("note")),
    )


def quiz_from(item: dict[str, Any]) -> QuizForm | Refusal:
    refused = _unknown(item, Quiz)
    if refused:
        return refused
    pick = item.get("pick")
    if "pick" in item and (isinstance(pick, bool) or not isinstance(pick, int)):
        return Refusal(f"its pick is {as_text(pick)!r}, not a whole number: edit it as text")
    if "pick" in item and "questions" in item:
        return Refusal("it has both a list of questions and a pick: edit it as text")
    return QuizForm(
        id=as_text(item.get("id")),
        title=as_text(item.get("title")),
        description=as_text(item.get("description")),
        by_pick="pick" in item,
        questions=as_texts(item.get("questions")),
        pick=pick if isinstance(pick, int) else QuizForm().pick,
        skills=as_texts(item.get("skills")),
        difficulty=as_texts(item.get("difficulty")),
        mode=as_text(item.get("mode")) or "practice",
        confidence=item.get("confidence") is True,
    )


def from_values(section: str, item: dict[str, Any]) -> Form | Refusal:
    """An item of ``section`` as its form; refused, in words, when it holds what the form cannot show."""
    if section == "questions":
        return forms.from_values(item)
    reader = {"sources": source_from, "claims": claim_from, "quizzes": quiz_from}[section]
    return reader(item)


# ---------------------------------------------------------------- writing


def _optional(out: emit.Fields, key: str, value: str) -> None:
    if value:
        out.append((key, value))


def source_fields(form: SourceForm) -> emit.Fields:
    out: emit.Fields = [("id", word(form.id)), ("title", form.title), ("file", form.file)]
    _optional(out, "outlet", form.outlet)
    _optional(out, "author", form.author)
    if form.published:
        out.append(("published", emit.Plain(form.published) if _DATE.fullmatch(form.published) else form.published))
    _optional(out, "url", form.url)
    if form.kind and form.kind != "article":
        out.append(("kind", word(form.kind)))
    _optional(out, "note", form.note)
    return out


def claim_fields(form: ClaimForm) -> emit.Fields:
    out: emit.Fields = [("id", word(form.id)), ("claim", form.claim), ("status", word(form.status))]
    reports: list[emit.Fields] = []
    for report in form.reports:
        one: emit.Fields = [("source", word(report.source)), ("quote", report.quote)]
        _optional(one, "note", report.note)
        _optional(one, "upstream", report.upstream)
        reports.append(one)
    out.append(("reports", reports))
    _optional(out, "note", form.note)
    return out


def quiz_fields(form: QuizForm) -> emit.Fields:
    out: emit.Fields = [("id", word(form.id)), ("title", form.title)]
    _optional(out, "description", form.description)
    if form.by_pick:
        out.append(("pick", emit.Plain(str(form.pick))))
        if form.skills:
            out.append(("skills", [word(skill) for skill in form.skills]))
        if form.difficulty:
            out.append(("difficulty", [word(level) for level in form.difficulty]))
    else:
        out.append(("questions", [word(question) for question in form.questions]))
    out.append(("mode", word(form.mode)))
    if form.confidence:
        out.append(("confidence", True))
    return out


def entry_fields(form: Form) -> emit.Fields:
    if isinstance(form, QuestionForm):
        return forms.fields(form)
    if isinstance(form, SourceForm):
        return source_fields(form)
    if isinstance(form, ClaimForm):
        return claim_fields(form)
    return quiz_fields(form)


def write(text: str, form: Form, replacing: str | int | None) -> str | Refusal:
    """``text`` with the item ``replacing`` of the form's list replaced by ``form`` (appended when None)."""
    return forms.splice(text, SECTION_OF[type(form)], entry_fields(form), replacing)


def read(text: str, section: str, item_id: str) -> Form | Refusal:
    """The form of the item ``item_id`` of ``section`` in a file's text."""
    found = forms.locate(text, section)
    if isinstance(found, Refusal):
        return found
    for item in found:
        if item.id == item_id:
            return from_values(section, item.values)
    return Refusal(f"no {forms.SINGULAR[section]} {item_id!r} in this file")
