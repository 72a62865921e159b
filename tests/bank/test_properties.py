"""Property tests of the loader (parse, structure, checks, load) and of the quote matcher.

Generated banks go through the real loader. A valid bank loads with no error. A broken one,
broken on purpose in one place or scrambled at random, yields only issues an editor can jump
to (``FILE:LINE:COL: error: ...``), each targeted break reported with its own message at the
line (and, where the break is one token, the column) where it was made; nothing ever raises.

Example counts come from a Hypothesis profile: ``CI=true`` selects "ci" (derandomized, so a
red run reproduces exactly; 6,600 examples in all, 5,100 of them banks through the loader and 1,500 of
the quote matcher), anything else "dev" (about 260, new each run).
Every example must load within Hypothesis' deadline of one second; the slowest load is
reported as the target "load seconds" under ``--hypothesis-show-statistics``.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import random
import re
import tempfile
import time
import types
import typing
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings, target
from hypothesis import strategies as st
from pydantic import BaseModel

from quiz.bank.checks import check_bank
from quiz.bank.load import load_bank, read_file
from quiz.bank.model import (
    BUILTIN_SKILLS,
    DIFFICULTIES,
    QUESTION_TYPES,
    Bank,
    BankFile,
    BankInfo,
    Choice,
    Cite,
    Claim,
    ClaimCheckQuestion,
    MultipleQuestion,
    OrderQuestion,
    Quiz,
    SingleQuestion,
    Skill,
    Source,
    SourceKind,
    TrueFalseQuestion,
    Verdict,
)
from quiz.bank.quotes import SourceText
from quiz.errors import Issue

# ---------------------------------------------------------------- how many examples

CI = os.environ.get("CI") == "true"
_SLOW_IS_EXPECTED = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci", max_examples=1000, derandomize=True, deadline=1000, suppress_health_check=_SLOW_IS_EXPECTED
)
settings.register_profile("dev", max_examples=40, deadline=1000, suppress_health_check=_SLOW_IS_EXPECTED)
PROFILE = settings.get_profile("ci" if CI else "dev")


def share(weight: float) -> settings:
    """This test's part of the profile's examples (applied per test, so other test files keep theirs)."""
    return settings(PROFILE, max_examples=round(PROFILE.max_examples * weight))


# ---------------------------------------------------------------- the bank format, read from the models

QUESTION_MODELS: dict[str, type[BaseModel]] = {
    typing.get_args(model.model_fields["type"].annotation)[0]: model
    for model in (SingleQuestion, MultipleQuestion, TrueFalseQuestion, OrderQuestion, ClaimCheckQuestion)
}
MODELS: dict[str, type[BaseModel]] = {
    "file": BankFile,
    "bank": BankInfo,
    "skill": Skill,
    "source": Source,
    "claim": Claim,
    "cite": Cite,
    "choice": Choice,
    "quiz": Quiz,
}
LIST_KINDS = {"skills": "skill", "sources": "source", "claims": "claim", "questions": "question", "quizzes": "quiz"}
BUILTIN = tuple(skill.id for skill in BUILTIN_SKILLS)
STATUSES = typing.get_args(Claim.model_fields["status"].annotation)
MODES = typing.get_args(Quiz.model_fields["mode"].annotation)


def model_of(kind: str, mapping: dict[str, Any]) -> type[BaseModel]:
    return QUESTION_MODELS[mapping["type"]] if kind == "question" else MODELS[kind]


def shape(annotation: Any) -> str:
    """What a field holds, as far as a wrong value is concerned."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return shape(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return shape(next(arg for arg in typing.get_args(annotation) if arg is not type(None)))
    if origin is typing.Literal:
        return "literal"
    if origin is tuple:
        return "list"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "mapping"
    return {bool: "bool", int: "int", str: "text", dt.date: "date"}[annotation]


# Values of the wrong shape for each shape of field, and what the loader must say about each.
# (.inf and .nan belong under "bool" and "int" too, once test_hostile's typed-infinity is fixed.)
WRONG: dict[str, tuple[tuple[Any, str], ...]] = {
    "bool": (
        ("maybe_1", r"expected true or false, found 'maybe_1'"),
        (1.5, r"expected true or false, found '1\.5'"),
        (0, r"expected true or false, found '0'"),
    ),
    "int": (
        ("many_1", r"expected a whole number, found 'many_1'"),
        (1.5, r"expected a whole number, found '1\.5'"),
        (True, r"expected a whole number, found true"),
        (0, r"must be at least 1, found '0'"),
    ),
    "list": (("oops_1", r"expected a list, found 'oops_1'"), ({"oops_1": 1}, r"expected a list, found a mapping")),
    "text": ((["oops_1"], r"expected text, found a list"), ({"oops_1": 1}, r"expected text, found a mapping")),
    "date": (
        (["oops_1"], r"expected a date like 2020-09-11, found a list"),
        ("oops_1", r"expected a date like 2020-09-11, found 'oops_1'"),
    ),
    "literal": (("bogus_1", r"expected one of .*; found 'bogus_1'|unknown question type 'bogus_1'"),),
    "mapping": (
        ("oops_1", r"expected a mapping of keys, found 'oops_1'"),
        (["oops_1"], r"expected a mapping of keys, found a list"),
    ),
}
FIELD_NAMES = frozenset(name for model in (*MODELS.values(), *QUESTION_MODELS.values()) for name in model.model_fields)

# ---------------------------------------------------------------- generating valid banks

# Words a bank's author might write: many scripts, NFKC look-alikes, invisible characters, and YAML
# look-alikes that text fields must keep as text. Banks draw whole phrases and paragraphs from fixed
# tables built from them, one choice each: a bank costs a hundred-odd draws, not a thousand.
VOCABULARY = (
    "0",
    "a",
    "council",
    "voted",
    "Ada",
    "Okafor",
    "£2.4",
    "million",
    "300,000",
    "petition",
    "“Cuties”",
    "it's",
    "(sic)",
    "café",
    "cafe\u0301",
    "naïve",
    "Straße",
    "İstanbul",
    "Ελλάδα",
    "Москва",
    "東京",
    "مرحبا",
    "שלום",
    "हिन्दी",
    "한국어",
    "ǅemal",
    "ﬁnal",
    "ＡＢＣ",
    "①",
    "x²",
    "a\u200bb",
    "\u200fright",
    "\u202eevil",
    "😀",
    "🇫🇷",
    "yes",
    "no",
    "on",
    "null",
    "~",
    "true",
    "false",
    "1.10",
    "1:20",
    "0x1F",
    "010",
    ".inf",
    "-",
    "#",
    "&a",
    "*a",
    "!x",
    "%",
    "@",
    "`",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ",",
    "?",
    "|",
    ">",
    "—",
    "<<",
    "...",
    "…",
    "[...]",
    "x" * 120,
)
ELLIPSES = frozenset(("...", "…", "[...]"))


def _tables() -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Phrases and paragraphs from the vocabulary and from letters of every script, simplest first."""
    chooser = random.Random(20240611)

    def letter() -> str:
        top = chooser.choice((0x250, 0x3000, 0x30000))  # Latin, other scripts, CJK and the supplementary planes
        while unicodedata.category(char := chr(chooser.randrange(0x41, top))) not in ("Lu", "Ll", "Lo", "Nd"):
            pass
        return char

    words = list(VOCABULARY) + ["".join(letter() for _ in range(chooser.randint(1, 7))) for _ in range(200)]

    def pick(most: int) -> list[str]:
        return [chooser.choice(words) for _ in range(chooser.randint(1, most))]

    phrases = ["0", "a", "0 a"] + [" ".join(pick(4)) for _ in range(500)]
    paragraphs = [("0",), ("a", "0")] + [tuple(pick(10)) for _ in range(300)]
    return tuple(dict.fromkeys(phrases)), tuple(paragraphs)


PHRASES, PARAGRAPHS = _tables()
phrases = st.sampled_from(PHRASES)
SLUGS = (
    "a",
    "b",
    "0",
    "x1",
    "2020",
    "a-",
    "a--b",
    "9-9",
    "gazette",
    "two-petition-counts",
    "numbers",
    *(f"{letter}{number}" for letter in "cdefgh" for number in range(6)),
    "s" * 40,
)
slugs = st.sampled_from(SLUGS)  # any slug; "numbers" is also a built-in skill's id
own_skill_ids = st.sampled_from([slug for slug in SLUGS if slug not in BUILTIN])
booleans = st.booleans()
ELISIONS = (" ... ", " [...] ", " … ", " […] ")


@dataclass(frozen=True)
class SourceDraft:
    text: str
    paragraphs: tuple[tuple[str, ...], ...]  # the words of each paragraph


@st.composite
def source_texts(draw: st.DrawFn) -> SourceDraft:
    """Paragraphs of words, wrapped into lines, between blank lines."""
    paragraphs = draw(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=3))
    text = ""
    for paragraph in paragraphs:
        width = draw(st.integers(2, 12))
        text += "\n".join(" ".join(paragraph[at : at + width]) for at in range(0, len(paragraph), width))
        text += draw(st.sampled_from(["\n\n", "\n \n", "\n\n\n"]))
    return SourceDraft(text, tuple(tuple(paragraph) for paragraph in paragraphs))


@st.composite
def quotes_from(draw: st.DrawFn, source: SourceDraft) -> str:
    """Words copied from one paragraph, sometimes with a later run after an elision."""
    paragraph = draw(st.sampled_from(source.paragraphs))
    start = draw(st.integers(0, len(paragraph) - 1))
    end = draw(st.integers(start + 1, min(len(paragraph), start + 8)))
    quote = " ".join(paragraph[start:end])
    if end < len(paragraph) and draw(booleans):
        later = draw(st.integers(end, len(paragraph) - 1))
        rest = paragraph[later : draw(st.integers(later + 1, len(paragraph)))]
        if not ELLIPSES & {*paragraph[start:end], *rest}:  # see test_a_quote_may_end_with_an_elision
            quote += draw(st.sampled_from(ELISIONS)) + " ".join(rest)
    return quote


@dataclass
class Draft:
    """A bank as Python values, before it is written as YAML (mutable, so it can be broken)."""

    docs: dict[str, dict[str, Any]]  # file name -> document
    sources: dict[str, str]  # path relative to the bank folder -> text
    prompts: dict[str, str]  # question id -> prompt: what the loaded bank must hold
    style: dict[str, Any]  # how yaml.dump writes it


@st.composite
def banks(draw: st.DrawFn) -> Draft:
    """A valid bank: quotes drawn from their sources, ids unique, references resolved, answer keys sound."""

    def optional(item: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
        if draw(booleans):
            item[key] = draw(strategy)

    source_ids = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    drafts = {source_id: draw(source_texts()) for source_id in source_ids}
    sources, files = [], {}
    for source_id in source_ids:
        path = draw(st.sampled_from([f"sources/{source_id}.md", f"{source_id}.txt", f"texts/deep/{source_id}.md"]))
        files[path] = drafts[source_id].text
        source = {"id": source_id, "title": draw(phrases), "file": path}
        optional(source, "outlet", phrases)
        optional(source, "published", st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)).map(str))
        optional(source, "url", slugs.map(lambda slug: f"https://example.org/{slug}"))
        optional(source, "kind", st.sampled_from(typing.get_args(SourceKind)))
        sources.append(source)

    def cite() -> dict[str, Any]:
        source_id = draw(st.sampled_from(source_ids))
        return {"source": source_id, "quote": draw(quotes_from(drafts[source_id]))}

    skill_ids = draw(st.lists(own_skill_ids, max_size=2, unique=True))
    skills = [{"id": skill_id, "title": draw(phrases)} for skill_id in skill_ids]
    claim_ids = draw(st.lists(slugs, max_size=2, unique=True))
    claims = [
        {
            "id": claim_id,
            "claim": draw(phrases),
            "status": draw(st.sampled_from(STATUSES)),
            "reports": [cite() for _ in range(draw(st.integers(1, 2)))],
        }
        for claim_id in claim_ids
    ]

    # Shared objects are written once and aliased (&id001 / *id001): valid YAML the loader must follow.
    shared_skills = draw(st.lists(st.sampled_from(BUILTIN + tuple(skill_ids)), min_size=1, max_size=2, unique=True))
    shared_cite = cite()
    questions = []
    for question_id in draw(st.lists(slugs, min_size=1, max_size=4, unique=True)):
        kind = draw(st.sampled_from(QUESTION_TYPES))
        question: dict[str, Any] = {
            "id": question_id,
            "type": kind,
            "prompt": draw(phrases),
            "explanation": draw(phrases),
        }
        question["cite"] = [shared_cite if draw(booleans) else cite() for _ in range(draw(st.integers(1, 2)))]
        question["skills"] = (
            shared_skills
            if draw(booleans)
            else draw(st.lists(st.sampled_from(BUILTIN + tuple(skill_ids)), min_size=1, max_size=2, unique=True))
        )
        if claim_ids:
            optional(question, "claims", st.lists(st.sampled_from(claim_ids), min_size=1, max_size=2, unique=True))
        if kind in ("single", "multiple"):
            texts = draw(st.lists(phrases, min_size=2, max_size=5, unique=True))
            indexes = st.integers(0, len(texts) - 1)
            right = {draw(indexes)} if kind == "single" else set(draw(st.lists(indexes, min_size=1, unique=True)))
            question["choices"] = [
                {"text": text, "correct": True} if number in right else {"text": text, "feedback": draw(phrases)}
                for number, text in enumerate(texts)
            ]
            for choice in question["choices"]:
                optional(choice, "fixed", booleans)
        elif kind == "true-false":
            question["answer"] = draw(booleans)
        elif kind == "order":
            question["items"] = draw(st.lists(phrases, min_size=3, max_size=5, unique=True))
        else:
            question["claim"] = draw(phrases)
            question["verdict"] = draw(st.sampled_from(typing.get_args(Verdict)))
        optional(question, "difficulty", st.sampled_from(DIFFICULTIES))
        optional(question, "hint", phrases)
        optional(question, "draft", booleans)
        questions.append(question)

    question_ids = [question["id"] for question in questions]
    served = [question for question in questions if not question.get("draft")]
    quizzes = []
    for quiz_id in draw(st.lists(slugs, max_size=2, unique=True)):
        quiz: dict[str, Any] = {"id": quiz_id, "title": draw(phrases)}
        if served and draw(booleans):
            quiz["pick"] = draw(st.integers(1, len(served)))
        else:
            quiz["questions"] = draw(st.lists(st.sampled_from(question_ids), min_size=1, max_size=3, unique=True))
        optional(quiz, "mode", st.sampled_from(MODES))
        quizzes.append(quiz)

    names = draw(
        st.lists(
            st.sampled_from(["bank.yaml", "more.yml", "questions.yaml", "z.yaml"]), min_size=1, max_size=3, unique=True
        )
    )
    docs: dict[str, dict[str, Any]] = {name: {} for name in names}
    info = {"id": draw(slugs), "title": draw(phrases)}
    optional(info, "authors", st.lists(phrases, max_size=2))
    docs[draw(st.sampled_from(names))]["bank"] = info
    for key, items in (
        ("skills", skills),
        ("sources", sources),
        ("claims", claims),
        ("questions", questions),
        ("quizzes", quizzes),
    ):
        for item in items:
            docs[draw(st.sampled_from(names))].setdefault(key, []).append(item)
    shuffle = draw(st.randoms(use_true_random=False)).shuffle
    for name, doc in docs.items():
        keys = list(doc)
        shuffle(keys)
        docs[name] = {key: doc[key] for key in keys}
    style = draw(
        st.fixed_dictionaries(
            {
                "default_flow_style": st.sampled_from([False, None, True]),
                "indent": st.integers(2, 6),
                "explicit_start": st.booleans(),
            }
        )
    )
    return Draft(docs, files, {question["id"]: question["prompt"] for question in questions}, style)


@dataclass(frozen=True)
class Tagged:
    """A value written with an explicit YAML tag."""

    tag: str
    value: Any


class _Dumper(yaml.CSafeDumper):
    pass


def _represent_tagged(dumper: yaml.BaseDumper, tagged: Tagged) -> yaml.Node:
    if isinstance(tagged.value, dict):
        return dumper.represent_mapping(tagged.tag, tagged.value)
    if isinstance(tagged.value, list):
        return dumper.represent_sequence(tagged.tag, tagged.value)
    return dumper.represent_scalar(
        tagged.tag, str(tagged.value).lower() if isinstance(tagged.value, bool) else str(tagged.value)
    )


_Dumper.add_representer(Tagged, _represent_tagged)


def render(draft: Draft) -> dict[str, str]:
    """Each file's YAML text; an empty document is an empty file."""
    return {
        name: yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6, **draft.style)
        if doc
        else ""
        for name, doc in draft.docs.items()
    }


# ---------------------------------------------------------------- breaking them in one place


@dataclass(frozen=True)
class Expect:
    """What a break must produce: an error whose message matches, where the token was written."""

    message: str | None  # a regex the start of Issue.message matches; None: any error will do
    token: str | None = None  # text written only at the break: the error's line and column are its own
    line_only: bool = False  # the error is on the token's line (its node starts earlier on that line)
    as_key: bool = False  # the token is a key


def mappings(draft: Draft) -> list[tuple[str, dict[str, Any]]]:
    """Every mapping the models check, with its kind; an aliased object once."""
    found: dict[int, tuple[str, dict[str, Any]]] = {}
    for doc in draft.docs.values():
        found.setdefault(id(doc), ("file", doc))
        if "bank" in doc:
            found.setdefault(id(doc["bank"]), ("bank", doc["bank"]))
        for key, kind in LIST_KINDS.items():
            for item in doc.get(key, []):
                found.setdefault(id(item), (kind, item))
                for child_kind, child_key in (("cite", "cite"), ("cite", "reports"), ("choice", "choices")):
                    for child in item.get(child_key, []) if kind != "skill" else []:
                        if isinstance(child, dict):
                            found.setdefault(id(child), (child_kind, child))
    return [entry for entry in found.values() if entry[1]]


def references(draft: Draft) -> list[tuple[Any, Any, str]]:
    """Every place an id is referred to: (container, key or index, what it names)."""
    sites: list[tuple[Any, Any, str]] = []
    for kind, mapping in mappings(draft):
        if kind == "cite":
            sites.append((mapping, "source", "source"))
        for key, label in (("skills", "skill"), ("claims", "claim"), ("questions", "question")):
            if kind in ("question", "quiz") and isinstance(mapping.get(key), list):
                sites.extend((mapping[key], index, label) for index in range(len(mapping[key])))
    return sites


def _replace_key(mapping: dict[str, Any], old: Any, new: Any) -> None:
    items = [(new if key == old else key, value) for key, value in mapping.items()]
    mapping.clear()
    mapping.update(items)


def drop_required(draw: st.DrawFn, draft: Draft) -> Expect:
    kind, mapping = draw(st.sampled_from([(kind, mapping) for kind, mapping in mappings(draft) if kind != "file"]))
    required = [name for name, field in model_of(kind, mapping).model_fields.items() if field.is_required()]
    key = draw(st.sampled_from(required))
    del mapping[key]
    return Expect(f"missing required key '{key}'")


def misspell_key(draw: st.DrawFn, draft: Draft) -> Expect:
    kind, mapping = draw(st.sampled_from(mappings(draft)))
    key = draw(st.sampled_from(list(mapping)))
    at = draw(st.integers(0, len(key) - 1))
    new = draw(
        st.sampled_from([key[:at] + key[at + 1 :], key[:at] + key[at] + key[at:], key[:at] + "x" + key[at + 1 :]])
    )
    while not new or new in FIELD_NAMES or new in mapping:
        new += "x"
    _replace_key(mapping, key, new)
    if kind == "question" and key == "type":  # without its type, a question cannot say which keys it allows
        return Expect("missing required key 'type'")
    return Expect(f"unknown key '{new}'", token=new, as_key=True)


def wrong_type(draw: st.DrawFn, draft: Draft) -> Expect:
    kind, mapping = draw(st.sampled_from(mappings(draft)))
    key = draw(st.sampled_from(list(mapping)))
    value, message = draw(st.sampled_from(WRONG[shape(model_of(kind, mapping).model_fields[key].annotation)]))
    mapping[key] = copy.deepcopy(value)
    if isinstance(value, (list, dict)):  # the node starts at '[', '{' or '- ', on the token's line
        return Expect(message, token="oops_1", line_only=True)
    return Expect(message, token=None if isinstance(value, bool) else str(value))


def bad_slug(draw: st.DrawFn, draft: Draft) -> Expect:
    sites = [(mapping, "id") for kind, mapping in mappings(draft) if "id" in mapping and kind != "file"]
    sites += [(container, key) for container, key, _ in references(draft)]
    container, key = draw(st.sampled_from(sites))
    token = draw(st.sampled_from(["Upper", "two words", "ünïcode", "-lead", "dot.ted", "UPPER-CASE"])) + "_1"
    container[key] = token
    return Expect(re.escape(f"expected a slug (lowercase letters, digits and hyphens), found '{token}'"), token=token)


def duplicate_id(draw: st.DrawFn, draft: Draft) -> Expect:
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for kind, mapping in mappings(draft):
        if kind in LIST_KINDS.values():
            by_kind.setdefault(kind, []).append(mapping)
    if by_kind.get("skill") and draw(booleans):
        builtin = draw(st.sampled_from(BUILTIN))
        draw(st.sampled_from(by_kind["skill"]))["id"] = builtin
        return Expect(f"skill '{builtin}' is built in")
    kinds = [kind for kind, items in by_kind.items() if len(items) > 1]
    if not kinds:
        return dangling_reference(draw, draft)
    kind = draw(st.sampled_from(kinds))
    first, second = draw(st.lists(st.sampled_from(by_kind[kind]), min_size=2, max_size=2, unique_by=id))
    second["id"] = first["id"]
    return Expect(re.escape(f"duplicate {kind} id '{first['id']}'"))


def dangling_reference(draw: st.DrawFn, draft: Draft) -> Expect:
    container, key, label = draw(st.sampled_from(references(draft)))
    token = "no-such-thing-here"  # not a generated id
    container[key] = token
    return Expect(f"unknown {label} '{token}'", token=token)


def corrupt_quote(draw: st.DrawFn, draft: Draft) -> Expect:
    cite = draw(st.sampled_from([mapping for kind, mapping in mappings(draft) if kind == "cite"]))
    at = draw(st.integers(0, len(cite["quote"])))
    cite["quote"] = cite["quote"][:at] + "\u2603" + cite["quote"][at:]  # a snowman: never in a generated source
    return Expect(f"quote not found in source '{cite['source']}'", token="\u2603", line_only=True)


TAGS = (
    "tag:yaml.org,2002:python/object/apply:os.system",
    "tag:yaml.org,2002:python/object:os.system",
    "tag:yaml.org,2002:python/object/new:tuple",
    "tag:yaml.org,2002:python/name:os.system",
    "tag:yaml.org,2002:python/module:os",
    "tag:yaml.org,2002:python/tuple",
    "tag:yaml.org,2002:set",
    "tag:yaml.org,2002:omap",
    "tag:yaml.org,2002:binary",
    "!foo",
    "!include",
)  # not !!str or !!timestamp: the
# emitter leaves out a tag the value would resolve to anyway (tests/fixtures/hostile has them written out)


def _shorthand(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def tag_value(draw: st.DrawFn, draft: Draft) -> Expect:
    _, mapping = draw(st.sampled_from(mappings(draft)))
    key, tag = draw(st.sampled_from(list(mapping))), draw(st.sampled_from(TAGS))
    mapping[key] = Tagged(tag, mapping[key])
    return Expect(re.escape(f"tags are not allowed, found '{tag}'"), token=_shorthand(tag))


def tag_key(draw: st.DrawFn, draft: Draft) -> Expect:
    _, mapping = draw(st.sampled_from(mappings(draft)))
    key, tag = draw(st.sampled_from(list(mapping))), draw(st.sampled_from(TAGS))
    _replace_key(mapping, key, Tagged(tag, key))
    return Expect("a key must be plain text", token=_shorthand(tag))


def _non_mapping_field(draw: st.DrawFn, draft: Draft) -> tuple[dict[str, Any], str]:
    kind, mapping = draw(st.sampled_from(mappings(draft)))
    fields = model_of(kind, mapping).model_fields
    return mapping, draw(st.sampled_from([key for key in fields if shape(fields[key].annotation) != "mapping"]))


def recursive_alias(draw: st.DrawFn, draft: Draft) -> Expect:
    mapping, key = _non_mapping_field(draw, draft)
    loop: list[Any] = []
    loop.append(loop)  # written as &id001 [*id001]: a list that holds itself
    mapping[key] = loop
    return Expect("nesting is deeper than the limit of 64 levels")


def alias_elsewhere(draw: st.DrawFn, draft: Draft) -> Expect:
    mapping, key = _non_mapping_field(draw, draft)
    mapping[key] = draw(st.sampled_from([other for _, other in mappings(draft) if other is not mapping]))
    return Expect(None)


def alias_fan_out(draw: st.DrawFn, draft: Draft) -> Expect:
    mapping, key = _non_mapping_field(draw, draft)
    width, depth = draw(st.integers(2, 6)), draw(st.integers(1, 4))  # at most 6**4 = 1,296 leaves
    level: Any = ["lol"] * width
    for _ in range(depth):
        level = [level] * width
    mapping[key] = level
    return Expect(None)


BREAKS: dict[str, Callable[[st.DrawFn, Draft], Expect]] = {
    "drop a required key": drop_required,
    "misspell a key": misspell_key,
    "wrong type": wrong_type,
    "bad slug": bad_slug,
    "duplicate id": duplicate_id,
    "dangling reference": dangling_reference,
    "corrupt a quote": corrupt_quote,
    "tag a value": tag_value,
    "tag a key": tag_key,
    "recursive alias": recursive_alias,
    "alias of the wrong shape": alias_elsewhere,
    "alias fan-out": alias_fan_out,
}


@st.composite
def broken_banks(draw: st.DrawFn, name: str) -> tuple[Draft, Expect]:
    draft = draw(banks())
    return draft, BREAKS[name](draw, draft)


# ---------------------------------------------------------------- scrambling the text

YAML_PIECES = tuple("[]{}:,-?*&!|>'\"%@`#\t\n \\") + (
    "- ",
    ": ",
    "&a ",
    "*a",
    "*nowhere",
    "!!python/object/apply:os.system ",
    "!foo ",
    "<<: ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:yaml.org,2002:python/object/apply:\n",
    "? ",
    "\x00",
    "\ufeff",
    "\r",
    "\r\n",
    "\u2028",
    "\x85",
    '"\\0"',
    "'",
    ".inf",
    "0x",
    "~",
    "\u00e9",
    "\U0001f600",
    "\u0301",
)
garbage = st.lists(st.sampled_from(YAML_PIECES), min_size=1, max_size=8).map("".join)


@st.composite
def scrambled(draw: st.DrawFn, text: str) -> str:
    """The text after one to three random edits: garbage inserted, a span cut, a line repeated or re-indented."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "cut", "repeat line", "indent", "anything"]))
        if edit == "insert":
            text = text[:at] + draw(garbage) + text[at:]
        elif edit == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif edit == "anything":
            text = text[:at] + draw(st.text(max_size=10)) + text[at:]
        else:
            lines = text.split("\n")
            line = draw(st.integers(0, len(lines) - 1))
            lines[line : line + 1] = (
                [lines[line]] * 2 if edit == "repeat line" else [draw(st.sampled_from([" ", "\t", "  "])) + lines[line]]
            )
            text = "\n".join(lines)
    return text


# ---------------------------------------------------------------- loading and judging


@contextmanager
def bank_folder(sources: dict[str, str], files: dict[str, bytes] | None = None) -> Iterator[Path]:
    """A fresh bank folder per example (pytest's tmp_path is shared by all of a test's examples)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bank"
        for relative, data in [
            *((path, text.encode("utf-8")) for path, text in sources.items()),
            *(files or {}).items(),
        ]:
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_bytes(data)
        yield folder


def load_texts(folder: Path, texts: dict[str, str]) -> tuple[Bank | None, list[Issue]]:
    """What load_bank does, with each file's text given rather than read: parse, check, check across files."""
    start = time.perf_counter()
    contents, issues = [], []
    for name in sorted(texts):
        content, found = read_file(folder / name, text=texts[name])
        contents.append(content)
        issues += found
    bank, found = check_bank(folder, contents)
    target(time.perf_counter() - start, label="load seconds")
    issues += found
    return (None if any(issue.is_error for issue in issues) else bank), issues


def load_folder(folder: Path) -> tuple[Bank | None, list[Issue]]:
    start = time.perf_counter()
    result = load_bank(folder)
    target(time.perf_counter() - start, label="load seconds")
    return result.bank, list(result.issues)


YAML_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def assert_located(issues: list[Issue], folder: Path, texts: dict[str, str]) -> None:
    """Every issue is one line an editor can jump to, inside the file it names. (No issue here is
    about a path, so none may have the 0:0 of a file that cannot be found or read.)"""
    for issue in issues:
        line = issue.format()
        assert re.match(rf"^{re.escape(issue.file)}:[1-9]\d*:[1-9]\d*: (error|warning): ", line), line
        assert "\n" not in line and "\r" not in line, line
        name = os.path.relpath(issue.file, folder)
        assert name in texts, line
        lines = texts[name].split("\n")  # as editors count them
        assert issue.line <= len(lines), line
        assert issue.col <= len(lines[issue.line - 1]) + 1, line


def where(texts: dict[str, str], token: str, as_key: bool = False) -> tuple[str, int, int] | None:
    """File, line and column of the one place ``token`` was written (of its opening quote, if quoted)."""
    pattern = rf"(?<![^\s{{,?])({re.escape(token)}):" if as_key else f"({re.escape(token)})"
    places = [(name, match.start(1)) for name, text in texts.items() for match in re.finditer(pattern, text)]
    if len(places) != 1:
        return None
    name, index = places[0]
    text = texts[name]
    if index and text[index - 1] in "'\"":
        index -= 1
    return name, text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


# ---------------------------------------------------------------- the properties


@share(1.0)
@given(banks(), st.sampled_from(["in memory", "on disk", "on disk, CRLF and BOM"]))
def test_a_valid_bank_loads_without_errors(draft: Draft, how: str):
    texts = render(draft)
    if how == "in memory":
        with bank_folder(draft.sources) as folder:
            bank, issues = load_texts(folder, texts)
            assert_located(issues, folder, texts)
    else:  # through load_bank, as the CLI and the app read it, in the encodings editors save
        windows = how.endswith("BOM")
        encoded = {
            name: (b"\xef\xbb\xbf" if windows else b"")
            + (text.replace("\n", "\r\n") if windows else text).encode("utf-8")
            for name, text in texts.items()
        }
        with bank_folder(draft.sources, encoded) as folder:
            bank, issues = load_folder(folder)
            assert_located(issues, folder, texts)
    assert [issue.format() for issue in issues if issue.is_error] == []
    assert bank is not None
    assert {question.id: question.prompt for question in bank.questions.values()} == draft.prompts


@pytest.mark.parametrize("name", sorted(BREAKS))
@share(2.4 / len(BREAKS))
@given(data=st.data())
def test_a_break_is_reported_where_it_was_made(name: str, data: st.DataObject):
    draft, expect = data.draw(broken_banks(name), label="broken bank")
    texts = render(draft)
    with bank_folder(draft.sources) as folder:
        bank, issues = load_texts(folder, texts)
        assert_located(issues, folder, texts)
    errors = [issue for issue in issues if issue.is_error]
    assert errors and bank is None, "the break went unnoticed"
    place = where(texts, expect.token, expect.as_key) if expect.token else None
    event(f"{'any error' if expect.message is None else 'its message'}{' at its place' if place else ''}")
    if expect.message is None:
        return
    matching = [issue for issue in errors if re.match(expect.message, issue.message)]
    assert matching, (expect.message, [issue.message for issue in errors])
    if place is not None:
        _, _, col = place
        found = {
            (os.path.relpath(issue.file, folder), issue.line, col if expect.line_only else issue.col)
            for issue in matching
        }
        assert place in found, (place, [issue.format() for issue in matching])


@share(1.0)
@given(banks(), st.data())
def test_scrambled_yaml_gives_located_errors_or_none(draft: Draft, data: st.DataObject):
    texts = render(draft)
    name = data.draw(st.sampled_from(sorted(texts)))
    texts[name] = data.draw(st.one_of(scrambled(texts[name]), st.text()), label="scrambled")
    with bank_folder(draft.sources) as folder:
        _, issues = load_texts(folder, texts)
        assert_located(issues, folder, texts)


@share(0.7)
@given(banks(), st.data())
def test_any_bytes_on_disk_give_located_errors_or_none(draft: Draft, data: st.DataObject):
    texts = render(draft)
    name = data.draw(st.sampled_from(sorted(texts)))
    original = texts[name].encode("utf-8")
    at = data.draw(st.integers(0, len(original)))
    damaged = data.draw(
        st.one_of(
            st.binary(max_size=200),
            st.binary(min_size=1, max_size=4).map(lambda noise: original[:at] + noise + original[at + len(noise) :]),
            st.binary(min_size=1, max_size=4).map(lambda noise: original[:at] + noise + original[at:]),
        ),
        label="bytes",
    )
    try:
        readable: str | None = damaged.decode("utf-8-sig")
    except UnicodeDecodeError:
        readable = None
    with bank_folder(
        draft.sources, {other: text.encode("utf-8") for other, text in texts.items()} | {name: damaged}
    ) as folder:
        _, issues = load_folder(folder)
        # An undecodable file is located in bytes, lines split at b"\n" only (one character per byte here).
        as_bytes = damaged.decode("latin-1").translate({0x0D: "?", 0x85: "?"})
        assert_located(issues, folder, texts | {name: as_bytes if readable is None else readable})
    not_utf8 = [issue for issue in issues if issue.message.startswith("file is not valid UTF-8")]
    assert [os.path.basename(issue.file) for issue in not_utf8] == ([] if readable is not None else [name])


# ---------------------------------------------------------------- the quote matcher

# Characters that have broken text matchers: combining marks, joiners, direction marks, line and
# paragraph separators, NUL, a BOM, compatibility forms that NFKC expands, Hangul jamo that compose.
ODD_CHARACTERS = (
    "\u0301",
    "\u0308",
    "\u200b",
    "\u200d",
    "\u200f",
    "\u202e",
    "\u2028",
    "\u2029",
    "\x85",
    "\x00",
    "\ufeff",
    "\u2026",
    ".",
    "[",
    "]",
    " ",
    "\n",
    "\r",
    "\t",
    "\u00a0",
    "\u3000",
    "\ufb01",
    "\uff21",
    "\u2460",
    "\u01c5",
    "\ufdfa",
    "\u1100",
    "\u1161",
    "\u11a8",
    "\u201c",
    "\u2014",
    "e",
    "a",
)
characters = st.one_of(st.characters(), st.sampled_from(ODD_CHARACTERS))


def _expands(char: str) -> bool:
    return len(unicodedata.normalize("NFKC", char)) > 1


def assert_spans_sound(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans lie in the text, in order, and do not overlap."""
    for start, end in spans:
        assert 0 <= start < end <= len(text), spans
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end <= start, spans


@share(0.5)
@given(st.text(characters), st.text(characters))
@example("a\u2026b", "a. [...] .b")
@example("", "...")
@example(" ", " [ \u2026 ] ")
def test_the_quote_matcher_never_raises(text: str, quote: str):
    source = SourceText(text)
    source.contains(quote)
    passage = source.closest(quote)
    assert passage is None or 1 <= passage.line <= text.count("\n") + 1
    assert_spans_sound(text, source.spans(quote))


@st.composite
def quoted_sources(draw: st.DrawFn) -> tuple[str, str]:
    """Any text as words between whitespace, in paragraphs; a quote copied from one paragraph at word boundaries."""
    word = st.text(characters.filter(lambda char: not char.isspace()), min_size=1, max_size=6)
    paragraphs = []
    for words in draw(st.lists(st.lists(word, min_size=1, max_size=8), min_size=1, max_size=3)):
        gaps = draw(
            st.lists(
                st.sampled_from([" ", "\n", "\t", "\u00a0", "\u2028", "  ", "\r\n"]),
                min_size=len(words) - 1,
                max_size=len(words) - 1,
            )
        )
        paragraphs.append(list(zip(["", *gaps], words)))
    text = "\n\n".join("".join(gap + word for gap, word in paragraph) for paragraph in paragraphs)
    number = draw(st.integers(0, len(paragraphs) - 1))
    body = "".join(gap + word for gap, word in paragraphs[number])
    starts, at = [], 0
    for gap, word in paragraphs[number]:
        starts.append(at + len(gap))
        at += len(gap) + len(word)
    first = draw(st.integers(0, len(starts) - 1))
    last = draw(st.integers(first, len(starts) - 1))
    return text, body[starts[first] : starts[last] + len(paragraphs[number][last][1])]


def _composes(text: str) -> bool:
    """NFKC joins characters here (a letter and a combining accent): see test_spans_of_a_decomposed_accent."""
    return unicodedata.normalize("NFKC", text) != "".join(unicodedata.normalize("NFKC", char) for char in text)


@share(1.0)
@given(quoted_sources())
@example(("Le cafe\u0301 ferme.", "cafe\u0301"))
def test_a_quote_copied_from_its_source_is_found(case: tuple[str, str]):
    text, quote = case
    source = SourceText(text)
    assert source.contains(quote)
    spans = source.spans(quote)
    assert_spans_sound(text, spans)
    assert spans


# ---------------------------------------------------------------- regressions, once pinned as bugs


def test_spans_of_a_decomposed_accent():
    text = "Le cafe\u0301 est ferme\u0301."
    assert SourceText(text).contains("café est")
    assert SourceText(text).spans("café est") == [(3, 12)]


def test_spans_of_fragments_inside_one_ellipsis_do_not_overlap():
    (_, first_end), (second_start, _) = SourceText("a\u2026b").spans("a. [...] .b")
    assert first_end <= second_start


def test_spans_mark_the_passage_that_contains_accepted():
    text = "one\n\ntwo one two"
    assert SourceText(text).contains("one two")
    assert SourceText(text).spans("one two") == [(9, 16)]


def test_a_quote_may_end_with_an_elision():
    source = SourceText("The council voted 5 to 4 on Tuesday.")
    assert source.contains("The council voted ...")
    assert source.contains("... voted 5 to 4")
