"""The bank format, version 1, as frozen pydantic models.

These classes are the single table of fields: they validate parsed YAML, generate the
JSON Schema editors use, and are what the engine and the UI read.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

from quiz.bank.quotes import SourceText

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


Text = Annotated[str, StringConstraints(min_length=1)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$")]
Bool = Annotated[bool, Strict()]

Verdict = Literal["supported", "contradicted", "conflicting", "not-in-sources"]
VERDICT_LABELS: dict[str, str] = {
    "supported": "Supported",
    "contradicted": "Contradicted",
    "conflicting": "The sources disagree",
    "not-in-sources": "Not in the sources",
}
Difficulty = Literal["easy", "medium", "hard"]
# What an answer is: one option (its index), a set of them (indexes, ascending), or an order (every index once).
AnswerShape = Literal["one", "set", "order"]
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Skill(Frozen):
    id: Slug
    title: Text
    description: str = ""


BUILTIN_SKILLS: tuple[Skill, ...] = (
    Skill(
        id="conflicting-reports",
        title="Conflicting reports",
        description="Notice when sources, or one source, give different facts about the same thing.",
    ),
    Skill(
        id="claim-verification",
        title="Claim verification",
        description="Judge a claim by what the sources actually show: supported, contradicted, disputed or absent.",
    ),
    Skill(
        id="source-evaluation",
        title="Source evaluation",
        description="Ask what a source is, who made it, and what it leaves unknown.",
    ),
    Skill(
        id="attribution",
        title="Attribution",
        description="Tell who is speaking, and through whom: a report, a quote, or a quote of a quote.",
    ),
    Skill(
        id="emotional-language",
        title="Emotional language",
        description="Notice loaded words that push a feeling rather than state a fact.",
    ),
    Skill(
        id="fact-vs-opinion",
        title="Fact vs opinion",
        description="Separate what can be checked from what someone thinks of it.",
    ),
    Skill(
        id="context-and-timing",
        title="Context and timing",
        description="Check when something was said or counted, and what came before.",
    ),
    Skill(id="numbers", title="Numbers", description="Ask what a number counts, who counted it, and when."),
)


class BankInfo(Frozen):
    id: Slug
    title: Text
    description: str = ""
    language: Text = "en"
    license: str = ""
    authors: tuple[Text, ...] = ()


SourceKind = Literal["article", "social-post", "statement", "petition", "review", "other"]


class Source(Frozen):
    id: Slug
    title: Text
    file: Text = Field(description="The full text, UTF-8, relative to the bank folder.")
    outlet: str = ""
    author: str = ""
    published: dt.date | None = None
    url: Url | None = None
    kind: SourceKind = "article"
    note: str = ""


class Cite(Frozen):
    source: Slug
    quote: Text
    note: str = ""


def _bare_false_too(schema: dict[str, Any]) -> None:
    """Editors read a bare ``status: false`` as a boolean; the loader keeps it as text, so the schema allows both."""
    schema.pop("type", None)
    schema["enum"] = [*schema["enum"], False]


class Report(Cite):
    """What one source says about a claim; upstream names the text it copies, when it copies one."""

    upstream: str = ""


ClaimStatus = Literal["consistent", "conflicting", "unsupported", "false", "single-source"]


class Claim(Frozen):
    id: Slug
    claim: Text
    status: ClaimStatus = Field(json_schema_extra=_bare_false_too)
    reports: tuple[Report, ...] = Field(min_length=1)
    note: str = ""


class Choice(Frozen):
    text: Text
    correct: Bool = False
    feedback: str = ""
    fixed: Bool = False


class QuestionBase(Frozen):
    answer_shape: ClassVar[AnswerShape] = "one"  # how the engine checks and grades an answer; not a YAML key

    id: Slug
    prompt: Text
    explanation: Text
    cite: tuple[Cite, ...] = Field(
        default=(), description="At least one; only a draft may go without (an imported question has none yet)."
    )
    claims: tuple[Slug, ...] = ()
    skills: tuple[Slug, ...] = Field(min_length=1)
    difficulty: Difficulty = "medium"
    hint: str = ""
    draft: Bool = False


class SingleQuestion(QuestionBase):
    type: Literal["single"]
    choices: tuple[Choice, ...] = Field(min_length=2, max_length=8)


class MultipleQuestion(QuestionBase):
    answer_shape: ClassVar[AnswerShape] = "set"
    type: Literal["multiple"]
    choices: tuple[Choice, ...] = Field(min_length=2, max_length=8)


class TrueFalseQuestion(QuestionBase):
    type: Literal["true-false"]
    answer: Bool


class OrderQuestion(QuestionBase):
    answer_shape: ClassVar[AnswerShape] = "order"
    type: Literal["order"]
    items: tuple[Text, ...] = Field(min_length=3, max_length=8)


class ClaimCheckQuestion(QuestionBase):
    type: Literal["claim-check"]
    claim: Text
    verdict: Verdict


Question = Annotated[
    SingleQuestion | MultipleQuestion | TrueFalseQuestion | OrderQuestion | ClaimCheckQuestion,
    Field(discriminator="type"),
]
ChoiceQuestion = SingleQuestion | MultipleQuestion


class Quiz(Frozen):
    id: Slug
    title: Text
    description: str = ""
    questions: tuple[Slug, ...] | None = None
    pick: Annotated[int, Strict(), Field(ge=1)] | None = None
    skills: tuple[Slug, ...] = ()
    difficulty: tuple[Difficulty, ...] = ()
    mode: Literal["practice", "exam"] = "practice"
    confidence: Bool = Field(
        default=False,
        description="Ask how sure the learner is with each answer, and mark by it (certainty-based marking).",
    )


def matching(
    questions: Iterable[Question], skills: Sequence[str] = (), difficulties: Sequence[str] = ()
) -> tuple[Question, ...]:
    """Those of ``questions`` that share any of ``skills`` and have one of ``difficulties`` (empty = any)."""
    return tuple(
        question
        for question in questions
        if (not skills or set(question.skills) & set(skills))
        and (not difficulties or question.difficulty in difficulties)
    )


def quiz_questions(served: Iterable[Question], quiz: Quiz) -> tuple[Question, ...]:
    """Which questions a written quiz serves, out of ``served`` (the bank's questions that are not
    drafts): its list, in its order, leaving out what is not served; for a ``pick``, the questions
    its filters select, of which each attempt draws ``pick``. The one rule the engine draws by, the
    Home page counts by, the check warns by and a finished attempt restarts by."""
    if quiz.questions is None:
        return matching(served, quiz.skills, quiz.difficulty)
    by_id = {question.id: question for question in served}
    return tuple(by_id[question_id] for question_id in quiz.questions if question_id in by_id)


def quiz_length(served: Iterable[Question], quiz: Quiz) -> int:
    """How many questions an attempt at a written quiz gets (see :func:`quiz_questions`)."""
    chosen = quiz_questions(served, quiz)
    return len(chosen) if quiz.questions is not None else min(quiz.pick or 0, len(chosen))


class BankFile(Frozen):
    """One YAML file of a bank: every key optional; a bank's files together hold one ``bank``."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Media-literacy quiz bank file",
        json_schema_extra={"description": "One YAML file of a question bank (format version 1)."},
    )

    bank: BankInfo | None = None
    skills: tuple[Skill, ...] = ()
    sources: tuple[Source, ...] = ()
    claims: tuple[Claim, ...] = ()
    questions: tuple[Question, ...] = ()
    quizzes: tuple[Quiz, ...] = ()


# ---------------------------------------------------------------- what the models say, as data

# Each question type's model by its ``type`` value, in the union's order: a new type is a class
# above and a member of ``Question``; this table, the JSON Schema and the "one of:" hints follow.
QUESTION_MODELS: dict[str, type[QuestionBase]] = {
    typing.get_args(model.model_fields["type"].annotation)[0]: model
    for model in typing.get_args(typing.get_args(Question)[0])
}
QUESTION_TYPES: tuple[str, ...] = tuple(QUESTION_MODELS)

# The lists a bank file holds (``skills:``, ``sources:`` …): BankFile's tuple fields, in its order.
LIST_KEYS: tuple[str, ...] = tuple(
    name for name, field in BankFile.model_fields.items() if typing.get_origin(field.annotation) is tuple
)


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models an annotation holds (``tuple[Choice, ...] | None`` holds Choice)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models(arg)


def _scalars(annotation: Any) -> set[Any]:
    """The scalar types an annotation allows, Annotated, None and containers seen through."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is Annotated:
        return _scalars(args[0])
    if args:
        return set().union(*(_scalars(arg) for arg in args))
    return {annotation}


def _typed_keys() -> frozenset[str]:
    """Keys whose scalar values are YAML values (``true``, ``3``): every field of every model under
    BankFile whose type is a bool or an int. Every other scalar is text, as the author wrote it."""
    seen: set[type[BaseModel]] = set()
    pending: list[type[BaseModel]] = [BankFile]
    typed: set[str] = set()
    textual: set[str] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            pending.extend(_models(field.annotation))
            scalars = _scalars(field.annotation)
            if scalars & {bool, int}:
                typed.add(name)
            if str in scalars:
                textual.add(name)
    if typed & textual:  # the parser reads a key one way wherever it stands
        raise TypeError(f"keys both typed and text in the bank models: {sorted(typed & textual)}")
    return frozenset(typed)


TYPED_KEYS = _typed_keys()


@dataclass(frozen=True)
class Bank:
    """A loaded, checked bank: read-only mappings in file order, source texts included."""

    folder: str
    info: BankInfo
    skills: Mapping[str, Skill]  # built-in first, then the bank's own
    sources: Mapping[str, Source]
    texts: Mapping[str, SourceText]
    claims: Mapping[str, Claim]
    questions: Mapping[str, Question]  # drafts included; quizzes never serve them
    quizzes: Mapping[str, Quiz]
    files: tuple[str, ...]

    def served(self) -> tuple[Question, ...]:
        """The questions a quiz may serve: every one that is not a draft."""
        return tuple(question for question in self.questions.values() if not question.draft)
