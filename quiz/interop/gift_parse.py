"""A GIFT file read into questions, the way Moodle and gift-pegjs read it (no maintained Python
GIFT parser exists). Every text comes out as ``{"format", "text"}`` exactly as gift-pegjs gives
it, so the two can be compared; ``gift_import`` turns the result into bank questions.

Questions are separated by blank lines; ``//`` lines are comments (``[id:...]`` and ``[tag:...]``
in them name the next question); ``\\`` escapes ``\\ : # = { } ~`` and ``\\n`` is a line break.
Bad input (an unclosed brace, an unknown weight, a choice with no text...) is an ``Issue`` at its
line and column; nothing raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quiz.errors import Issue

Text = dict[str, str]  # {"format": ..., "text": ...}, as gift-pegjs gives it

_ESCAPES = {"\\": "\ue05c", ":": "\ue03a", "#": "\ue023", "=": "\ue03d", "{": "\ue07b", "}": "\ue07d", "~": "\ue07e"}
_ESCAPES["n"] = "\ue00a"
_DECODE = str.maketrans({code: ("\n" if char == "n" else char) for char, code in _ESCAPES.items()})
_ESCAPE = re.compile(r"\\([\\:#={}~n])")
_LINE_END = re.compile(r"\r\n|\r|\n")
_BLANK = re.compile(r"[ \t]*")
_ID = re.compile(r"\[id:([^\x00-\x1f\x7f]+?)]")
_TAG = re.compile(r"\[tag:([^\x00-\x1f\x7f]+?)]")
_FORMAT = re.compile(r"\[(html|markdown|plain|moodle)]")
# JavaScript's white space (what gift-pegjs trims and collapses)
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
_JS_SPACE += "\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_SPACES = re.compile(f"[{_JS_SPACE}]{{2,}}")
_TRUE_FALSE = re.compile(r"(TRUE|FALSE|T|F)(?=[ \t\r\n]*(?:#|$))")
_NUMBER = re.compile(r"[ \t\r\n]*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)")


@dataclass(frozen=True)
class Choice:
    is_correct: bool
    weight: float | None
    text: Text
    feedback: Text | None


@dataclass(frozen=True)
class Item:
    """One entry of a GIFT file: a category, or a question of one of gift-pegjs's types
    (MC, TF, Short, Numerical, Essay, Matching, Description)."""

    type: str
    line: int
    col: int
    title: str | None = None
    id: str | None = None
    tags: tuple[str, ...] | None = None
    stem: Text | None = None
    choices: tuple[Choice, ...] = ()
    global_feedback: Text | None = None
    is_true: bool | None = None
    true_feedback: Text | None = None
    false_feedback: Text | None = None
    category: str = ""
    embedded: bool = False


@dataclass
class _Block:
    """A question's text with escapes folded to one placeholder character each, and where each
    character stood in the file."""

    text: str
    where: list[tuple[int, int]]
    ids: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


class GiftError(Exception):
    """Raised inside the parser only, caught by ``parse``: an Issue for the file."""

    def __init__(self, at: tuple[int, int], message: str, hint: str = ""):
        super().__init__(message)
        self.at, self.message, self.hint = at, message, hint


def decode(text: str) -> str:
    return text.translate(_DECODE)


def formatted(raw: str, default: str) -> Text:
    """gift-pegjs's ``formattedText``: an optional ``[format]``, trimmed; outside html and
    markdown, line breaks become spaces and runs of white space one space; then escapes decoded."""
    body = raw.lstrip(" \t\r\n")
    found = _FORMAT.match(body)
    fmt = default
    if found:
        fmt, body = found.group(1), body[found.end() :]
    body = body.replace("\r\n", "\n").strip(_JS_SPACE)
    if fmt not in ("html", "markdown"):
        body = _JS_SPACES.sub(" ", re.sub(r"[\n\r]", " ", body))
    return {"format": fmt, "text": decode(body)}


def _blocks(text: str) -> list[_Block]:
    """Blank-line separated blocks, comment lines taken out (their ids and tags kept)."""
    blocks: list[_Block] = []
    current: _Block | None = None
    previous = ""
    for number, line in enumerate(_LINE_END.split(text), 1):
        if _BLANK.fullmatch(line):
            current = None
        elif line.lstrip(" \t").startswith("//"):
            if current is None:
                current = _Block("", [])
                blocks.append(current)
            current.ids += [found.strip().replace("\\]", "]") for found in _ID.findall(line)]
            current.tags += _TAG.findall(line)
        else:
            if current is None:
                current = _Block("", [])
                blocks.append(current)
            if current.where:
                current.text += "\n"
                current.where.append((number - 1, len(previous) + 1))
            folded = _ESCAPE.sub(lambda found: _ESCAPES[found.group(1)], line)
            if len(folded) == len(line):
                current.where += [(number, col) for col in range(1, len(line) + 1)]
            else:
                col = 0
                while col < len(line):
                    current.where.append((number, col + 1))
                    col += 2 if line[col] == "\\" and col + 1 < len(line) and line[col + 1] in _ESCAPES else 1
            current.text += folded
        previous = line
    return [block for block in blocks if block.text.strip()]


def parse(text: str, file: str) -> tuple[list[Item], list[Issue]]:
    """Every question of a GIFT file, or the issues that stop it from being read."""
    items: list[Item] = []
    issues: list[Issue] = []
    for block in _blocks(text):
        try:
            items.extend(_block(block))
        except GiftError as error:
            issues.append(Issue(file, error.at[0], error.at[1], "", error.message, error.hint))
    return items, issues


def _at(block: _Block, index: int) -> tuple[int, int]:
    if not block.where:
        return (1, 1)
    return block.where[min(max(index, 0), len(block.where) - 1)]


def _block(block: _Block) -> list[Item]:
    text = block.text
    start = len(text) - len(text.lstrip())
    if text.startswith("$CATEGORY:", start):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        category = Item("Category", *_at(block, start), category=decode(text[start + 10 : end].lstrip(" \t")))
        rest = _Block(text[end:], block.where[end:], block.ids, block.tags)
        return [category, *(_block(rest) if rest.text.strip() else [])]
    line, col = _at(block, start)
    title: str | None = None
    position = start
    if text.startswith("::", start):
        close = text.find("::", start + 2)
        if close < 0:
            raise GiftError(_at(block, start), "the title's '::' is not closed", "end the title with '::'")
        title, position = decode(text[start + 2 : close]), close + 2
    ident = block.ids[-1] if block.ids else None
    tags = tuple(block.tags) or None
    common: dict[str, object] = {"line": line, "col": col, "title": title, "id": ident, "tags": tags}
    opening = text.find("{", position)
    stray = text.find("}", position)
    if stray >= 0 and (opening < 0 or stray < opening):
        raise GiftError(_at(block, stray), "'}' without a '{' before it", "write \\} for a brace in the text")
    if opening < 0:
        return [Item("Description", stem=formatted(text[position:], "moodle"), **common)]  # type: ignore[arg-type]
    closing = text.find("}", opening)
    if closing < 0:
        raise GiftError(
            _at(block, opening), "'{' is not closed: the answers need a '}'", "write \\{ for a brace in the text"
        )
    nested = text.find("{", opening + 1, closing)
    if nested >= 0:
        raise GiftError(_at(block, nested), "'{' inside the answers", "write \\{ for a brace in the text")
    stem_raw, after = text[position:opening], text[closing + 1 :]
    stem1 = formatted(stem_raw, "moodle") if stem_raw.strip() else None
    default = stem1["format"] if stem1 else "moodle"
    if after.strip() and not after.lstrip().startswith("//"):
        if "{" in after or "}" in after:
            index = closing + 1 + min(i for i in (after.find("{"), after.find("}")) if i >= 0)
            raise GiftError(
                _at(block, index), "a question has one pair of braces", "write \\{ or \\} for a brace in the text"
            )
        stem2 = formatted(after, default)
        stem: Text = {
            "format": (stem1 or stem2)["format"],
            "text": (stem1["text"] + " " if stem1 else "") + "_____ " + stem2["text"],
        }
        embedded = True
    else:
        stem, embedded = stem1 or {"format": "moodle", "text": ""}, False
    return [_answers(block, opening + 1, text[opening + 1 : closing], default, stem, embedded, common)]


def _answers(
    block: _Block, offset: int, inner: str, default: str, stem: Text, embedded: bool, common: dict[str, object]
) -> Item:
    body = inner.lstrip(" \t\r\n")
    lead = offset + len(inner) - len(body)
    item = dict(common, stem=stem, embedded=embedded)
    if not body.strip() or body.startswith("####"):
        general = _general(block, lead, body, default) if body.strip() else None
        return Item("Essay", global_feedback=general, **item)  # type: ignore[arg-type]
    if body.startswith("#"):
        return Item("Numerical", **item)  # type: ignore[arg-type]
    truth = _TRUE_FALSE.match(body)
    if truth:
        feedback, general = _true_false_feedback(block, lead + truth.end(), body[truth.end() :], default)
        return Item(
            "TF",
            is_true=truth.group(1).startswith("T"),
            true_feedback=feedback[0],
            false_feedback=feedback[1],
            global_feedback=general,
            **item,  # type: ignore[arg-type]
        )
    if body[0] not in "=~":
        return Item("Short", **item)  # type: ignore[arg-type]
    if _is_matching(body):
        return Item("Matching", **item)  # type: ignore[arg-type]
    choices, general = _choices(block, lead, body, default)
    kind = "Short" if all(choice.is_correct for choice in choices) else "MC"
    return Item(kind, choices=tuple(choices), global_feedback=general, **item)  # type: ignore[arg-type]


def _is_matching(body: str) -> bool:
    """gift-pegjs tries matching first: every answer ``=left -> right``."""
    answers = body.split("####")[0]
    starts = [index for index, char in enumerate(answers) if char in "=~"]
    pieces = [answers[a:b] for a, b in zip(starts, [*starts[1:], len(answers)])]
    return bool(pieces) and all(piece[0] == "=" and "->" in piece for piece in pieces)


def _general(block: _Block, offset: int, body: str, default: str) -> Text:
    raw = body[4:]
    if not raw.strip():
        raise GiftError(_at(block, offset), "'####' without general feedback after it")
    return formatted(raw, default)


def _true_false_feedback(block: _Block, offset: int, rest: str, default: str) -> tuple[list[Text | None], Text | None]:
    general: Text | None = None
    cut = rest.find("####")
    if cut >= 0:
        general = _general(block, offset + cut, rest[cut:], default)
        rest = rest[:cut]
    parts = rest.split("#")
    if parts[0].strip():
        raise GiftError(_at(block, offset), f"unexpected text after TRUE/FALSE: {decode(parts[0].strip())!r}")
    feedback = [formatted(part, default) if part.strip() else None for part in parts[1:]]
    if len(feedback) > 2:
        raise GiftError(_at(block, offset), "a true-false question takes two feedbacks at most (wrong#right)")
    return (feedback + [None, None])[:2], general


def _choices(block: _Block, offset: int, body: str, default: str) -> tuple[list[Choice], Text | None]:
    general: Text | None = None
    cut = body.find("####")
    if cut >= 0:
        general = _general(block, offset + cut, body[cut:], default)
        body = body[:cut]
    starts = [index for index, char in enumerate(body) if char in "=~"]
    choices = []
    for number, begin in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(body)
        choices.append(_choice(block, offset + begin, body[begin:end], default))
    return choices, general


def _choice(block: _Block, offset: int, raw: str, default: str) -> Choice:
    rest = raw[1:]
    weight: float | None = None
    stripped = rest.lstrip(" \t\r\n")
    if stripped.startswith("%"):
        at = offset + 1 + len(rest) - len(stripped)
        close = stripped.find("%", 1)
        if close < 0:
            raise GiftError(_at(block, at), "a weight's '%' is not closed", "write weights as %50%")
        value = stripped[1:close]
        number = _NUMBER.match(value)
        if not value.strip():
            raise GiftError(_at(block, at), "empty weight '%%'", "give a percentage from -100 to 100, e.g. %50%")
        if number is None or not -100 <= float(number.group(1)) <= 100:
            raise GiftError(
                _at(block, at), f"unknown weight %{decode(value)}%: expected a number from -100 to 100", "e.g. %50%"
            )
        weight = float(number.group(1))
        rest = stripped[close + 1 :]
    text_raw, _, feedback_raw = rest.partition("#")
    if "#" in feedback_raw:
        index = offset + raw.find("#") + 1 + feedback_raw.find("#") + 1
        raise GiftError(_at(block, index), "a second '#' in one answer", "write \\# for a '#' in the text")
    text = formatted(text_raw, default)
    if not text["text"]:
        raise GiftError(_at(block, offset), "an answer with no text", "write its text after '=' or '~'")
    feedback = formatted(feedback_raw, default) if feedback_raw.strip() else None
    return Choice(raw[0] == "=", int(weight) if weight is not None and weight.is_integer() else weight, text, feedback)
