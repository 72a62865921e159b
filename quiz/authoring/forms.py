"""A question as form values, and back into its bank file without touching the rest of the file.

The Author page's form (``quiz/ui/authorform.py``) draws a :class:`QuestionForm`; this module reads
one out of a file's text and writes one into it. Writing replaces exactly the lines of that question's
item in the ``questions:`` list (found by the loader's own node positions) with the item as
``quiz/bank/emit.py`` writes it, or appends a new item: every other character of the file (comments,
order, quoting, line endings) stays as the author wrote it. Problems are values (:class:`Refusal`).
:func:`splice` does the same for any of the file's lists; ``sectionforms.py`` uses it for sources,
claims and quizzes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quiz.authoring.edit import Refusal
from quiz.bank import emit
from quiz.bank.locate import walk
from quiz.bank.model import QUESTION_TYPES, TYPED_KEYS
from quiz.bank.parse import parse

SECTIONS: tuple[str, ...] = ("questions", "sources", "claims", "quizzes")  # the lists the forms edit
SINGULAR = {"questions": "question", "sources": "source", "claims": "claim", "quizzes": "quiz"}
TYPES: tuple[str, ...] = QUESTION_TYPES  # a new type needs a label here, and its fields in the form
TYPE_LABELS = {
    "single": "One right answer",
    "multiple": "Several right answers",
    "true-false": "True or false",
    "order": "Put in order",
    "claim-check": "Check a claim",
}
# The keys this form writes; an item with any other key is left to the text editor, not dropped.
KNOWN_KEYS = frozenset(
    "id type draft prompt choices answer items claim verdict explanation hint cite claims skills difficulty".split()
)
CHOICE_KEYS = frozenset(("text", "correct", "feedback", "fixed"))
CITE_KEYS = frozenset(("source", "quote", "note"))
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class ChoiceForm:
    text: str = ""
    correct: bool = False
    feedback: str = ""
    fixed: bool = False


@dataclass
class CiteForm:
    source: str = ""
    quote: str = ""
    note: str = ""


@dataclass
class QuestionForm:
    """What the form shows; every field of every type, so switching type loses nothing typed."""

    id: str = ""
    type: str = "single"
    prompt: str = ""
    choices: list[ChoiceForm] = field(default_factory=lambda: [ChoiceForm(correct=True), ChoiceForm()])
    answer: bool = True
    items: list[str] = field(default_factory=lambda: ["", "", ""])
    claim: str = ""
    verdict: str = "supported"
    explanation: str = ""
    hint: str = ""
    skills: list[str] = field(default_factory=list)
    difficulty: str = "medium"
    claims: list[str] = field(default_factory=list)
    cite: list[CiteForm] = field(default_factory=list)
    draft: bool = False


# ---------------------------------------------------------------- reading


def as_text(value: Any) -> str:
    return "" if value is None else str(value)


def as_texts(value: Any) -> list[str]:
    return [as_text(item) for item in value] if isinstance(value, list) else []


def as_mappings(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def from_values(item: dict[str, Any]) -> QuestionForm | Refusal:
    """A question's parsed mapping as form values; refused when it holds what the form cannot show."""
    unknown = sorted(set(item) - KNOWN_KEYS)
    unknown += sorted(
        f"choices: {key}" for choice in as_mappings(item.get("choices")) for key in set(choice) - CHOICE_KEYS
    )
    unknown += sorted(f"cite: {key}" for cite in as_mappings(item.get("cite")) for key in set(cite) - CITE_KEYS)
    if unknown:
        return Refusal(f"this question has fields the form does not show ({', '.join(unknown)}): edit it as text")
    kind = as_text(item.get("type"))
    return QuestionForm(
        id=as_text(item.get("id")),
        type=kind if kind in TYPES else "single",
        prompt=as_text(item.get("prompt")),
        choices=[
            ChoiceForm(
                as_text(c.get("text")), c.get("correct") is True, as_text(c.get("feedback")), c.get("fixed") is True
            )
            for c in as_mappings(item.get("choices"))
        ]
        or QuestionForm().choices,
        answer=item.get("answer") is not False,
        items=as_texts(item.get("items")) or QuestionForm().items,
        claim=as_text(item.get("claim")),
        verdict=as_text(item.get("verdict")) or "supported",
        explanation=as_text(item.get("explanation")),
        hint=as_text(item.get("hint")),
        skills=as_texts(item.get("skills")),
        difficulty=as_text(item.get("difficulty")) or "medium",
        claims=as_texts(item.get("claims")),
        cite=[
            CiteForm(as_text(c.get("source")), as_text(c.get("quote")), as_text(c.get("note")))
            for c in as_mappings(item.get("cite"))
        ],
        draft=item.get("draft") is True,
    )


@dataclass(frozen=True)
class Located:
    """A question item in a file: its id and the span of text it occupies (whole lines, no final break)."""

    id: str
    start: int
    end: int
    values: dict[str, Any]


def _section_node(text: str, section: str) -> tuple[Any, Node | None] | Refusal:
    parsed, issues = parse(text, "<text>", TYPED_KEYS)
    errors = [issue for issue in issues if issue.is_error]
    if errors or (parsed.value is not None and not isinstance(parsed.value, dict)):
        return Refusal("the file is not readable YAML right now: fix it in the text editor first")
    steps = list(walk(parsed.node, (section,)))
    return (parsed.value or {}).get(section), (steps[-1][0] if steps else None)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _content_end(text: str, node: Node) -> int:
    """Where the item's last written character's line ends: the furthest end of a scalar or flow
    collection in it, back over blank lines and the line break. Not a block collection's own end
    mark, which lies at the next token, after any comment that follows the item; and a block
    scalar's end lies after its trailing breaks."""
    end = node.start_mark.index
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ScalarNode) or getattr(current, "flow_style", False):
            end = max(end, current.end_mark.index)
            continue
        if isinstance(current, MappingNode):
            stack.extend(part for pair in current.value for part in pair)
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)
    end = len(text[:end].rstrip())
    newline = text.find("\n", end)
    end = len(text) if newline < 0 else newline
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def locate(text: str, section: str = "questions") -> list[Located] | Refusal:
    """Every item of a file's ``section`` list (``questions``, ``sources``, ``claims``, ``quizzes``), in file order."""
    found = _section_node(text, section)
    if isinstance(found, Refusal):
        return found
    values, node = found
    if node is None or (isinstance(node, ScalarNode) and not node.value):
        return []
    if not isinstance(node, SequenceNode) or not isinstance(values, list):
        return Refusal(f"'{section}' is not a list in this file: fix it in the text editor first")
    if node.flow_style and node.value:
        return Refusal(f"the {section} are written as a [flow] list: edit them in the text editor")
    located = []
    what = SINGULAR.get(section, section)
    for item_node, item in zip(node.value, values, strict=True):
        if not isinstance(item, dict) or not isinstance(item_node, MappingNode) or item_node.flow_style:
            return Refusal(f"a {what} in this file is not a block mapping: edit it in the text editor")
        start = _line_start(text, item_node.start_mark.index)
        if not re.fullmatch(r"[ \t]*-[ \t]+", text[start : item_node.start_mark.index]):
            return Refusal(f"a {what} in this file does not start on its own '- ' line: edit it in the text editor")
        located.append(Located(as_text(item.get("id")), start, _content_end(text, item_node), item))
    return located


def read(text: str, question_id: str) -> QuestionForm | Refusal:
    """The form of the question ``question_id`` in a file's text."""
    found = locate(text)
    if isinstance(found, Refusal):
        return found
    for item in found:
        if item.id == question_id:
            return from_values(item.values)
    return Refusal(f"no question {question_id!r} in this file")


# ---------------------------------------------------------------- writing


def word(value: str) -> str:
    """An id or keyword: written plain when it is one, quoted otherwise (so the loader says what is wrong)."""
    return emit.Plain(value) if _SLUG.fullmatch(value) else value


def fields(form: QuestionForm) -> emit.Fields:
    """The item's keys in the bank's usual order; empty optional ones left out."""
    out: emit.Fields = [("id", word(form.id)), ("type", word(form.type))]
    if form.draft:
        out.append(("draft", True))
    out.append(("prompt", form.prompt))
    if form.type in ("single", "multiple"):
        choices: list[emit.Fields] = []
        for choice in form.choices:
            one: emit.Fields = [("text", choice.text)]
            if choice.correct:
                one.append(("correct", True))
            if choice.feedback:
                one.append(("feedback", choice.feedback))
            if choice.fixed:
                one.append(("fixed", True))
            choices.append(one)
        out.append(("choices", choices))
    elif form.type == "true-false":
        out.append(("answer", form.answer))
    elif form.type == "order":
        out.append(("items", list(form.items)))
    elif form.type == "claim-check":
        out += [("claim", form.claim), ("verdict", word(form.verdict))]
    out.append(("explanation", form.explanation))
    if form.hint:
        out.append(("hint", form.hint))
    if form.cite:
        cites: list[emit.Fields] = []
        for cite in form.cite:
            one = [("source", word(cite.source)), ("quote", cite.quote)]
            if cite.note:
                one.append(("note", cite.note))
            cites.append(one)
        out.append(("cite", cites))
    if form.claims:
        out.append(("claims", [word(claim) for claim in form.claims]))
    out.append(("skills", [word(skill) for skill in form.skills]))
    out.append(("difficulty", word(form.difficulty)))
    return out


def _item(entry: emit.Fields, indent: int, newline: str) -> str:
    lines = emit.item_lines(entry, indent)
    # Quoted scalars cannot hold a raw line break (json escapes it), so one item is these lines.
    return newline.join(lines)


def write(text: str, form: QuestionForm, replacing: str | int | None) -> str | Refusal:
    """``text`` with the question ``replacing`` (an id in the file, or its place in the list from 0)
    replaced by ``form``, or with ``form`` appended to the questions when ``replacing`` is None.
    Nothing else changes."""
    return splice(text, "questions", fields(form), replacing)


def splice(text: str, section: str, entry: emit.Fields, replacing: str | int | None) -> str | Refusal:
    """``text`` with the item ``replacing`` of its ``section`` list (an id, or its place from 0)
    replaced by ``entry``, or ``entry`` appended to that list (made when the file has none) when
    ``replacing`` is None. Every other character of the file stays as it is."""
    found = locate(text, section)
    if isinstance(found, Refusal):
        return found
    newline = "\r\n" if "\r\n" in text else "\n"
    if replacing is not None:
        if isinstance(replacing, int):
            items = found[replacing : replacing + 1] if replacing >= 0 else []
        else:
            items = [item for item in found if item.id == replacing][:1]
        if not items:
            return Refusal(
                f"the {SINGULAR.get(section, section)} is no longer in this file's text: nothing was changed"
            )
        item = items[0]
        indent = len(text[item.start : item.end]) - len(text[item.start : item.end].lstrip(" \t"))
        return text[: item.start] + _item(entry, indent, newline) + text[item.end :]
    if found:
        last = found[-1]
        indent = len(text[last.start : last.end]) - len(text[last.start : last.end].lstrip(" \t"))
        gap = newline * 2 if len(found) < 2 or text[found[-2].end : found[-1].start].count("\n") > 1 else newline
        return text[: last.end] + gap + _item(entry, indent, newline) + text[last.end :]
    return _first(text, section, entry, newline)


def _first(text: str, section: str, entry: emit.Fields, newline: str) -> str | Refusal:
    """The first item of a list: into an empty ``KEY: []`` (or bare ``KEY:``), or a new key at the end."""
    found = _section_node(text, section)
    if isinstance(found, Refusal):
        return found
    _, node = found
    body = _item(entry, 2, newline)
    if node is None:
        head = text if not text or text.endswith("\n") else text + newline
        return f"{head}{section}:{newline}{body}{newline}"
    start, end = node.start_mark.index, node.end_mark.index  # '[]' or an empty scalar just after 'KEY:'
    return text[:start].rstrip(" \t") + newline + body + text[end:]
