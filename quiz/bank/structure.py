"""Check one parsed bank file against the models; turn every pydantic error into a located Issue.

The walker (``locate.py``) attaches the location once: checks (pydantic's and ours) only say what is wrong.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from yaml.nodes import Node

from quiz.bank.locate import clean_loc, issue_at
from quiz.bank.model import (
    LIST_KEYS,
    QUESTION_MODELS,
    QUESTION_TYPES,
    BankFile,
    BankInfo,
    Claim,
    Question,
    Quiz,
    Skill,
    Source,
)
from quiz.errors import Issue
from quiz.text import slugify

_ITEM_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    "skills": TypeAdapter(Skill),
    "sources": TypeAdapter(Source),
    "claims": TypeAdapter(Claim),
    "questions": TypeAdapter(Question),
    "quizzes": TypeAdapter(Quiz),
}


@dataclass(frozen=True)
class FileContent:
    """What one file contributes to its bank: the valid items, and where each came from."""

    file: str
    value: Any  # the parsed document, for naming items by id in messages
    root: Node | None
    bank: BankInfo | None
    items: dict[str, list[tuple[Any, int]]]  # list key -> (model, index in the file's list)
    raw_ids: dict[str, set[str]]  # ids present in the file, valid or not: no "unknown id" noise for broken items
    readable: bool = True  # False when the file could not be read or parsed: what it holds is unknown


def check_file(file: str, value: Any, root: Node | None) -> tuple[FileContent, list[Issue]]:
    """Validate a parsed file; keep every item that is valid on its own, report every error."""
    raw_ids = _raw_ids(value)
    empty = FileContent(file, value, root, None, {key: [] for key in LIST_KEYS}, raw_ids)
    if value is None:
        return empty, []
    try:
        parsed = BankFile.model_validate(value)
    except ValidationError as exc:
        issues = to_issues(file, value, root, exc.errors())
        return _salvage(file, value, root, raw_ids), issues
    items = {key: [(item, index) for index, item in enumerate(getattr(parsed, key))] for key in LIST_KEYS}
    return FileContent(file, value, root, parsed.bank, items, raw_ids), []


def _salvage(file: str, value: Any, root: Node | None, raw_ids: dict[str, set[str]]) -> FileContent:
    """After an error, keep the items that are valid by themselves, so later checks still run."""
    items: dict[str, list[tuple[Any, int]]] = {key: [] for key in LIST_KEYS}
    bank = None
    if isinstance(value, dict):
        try:
            bank = BankInfo.model_validate(value.get("bank")) if value.get("bank") is not None else None
        except ValidationError:
            pass
        for key in LIST_KEYS:
            entries = value.get(key)
            if not isinstance(entries, list):
                continue
            for index, entry in enumerate(entries):
                try:
                    items[key].append((_ITEM_ADAPTERS[key].validate_python(entry), index))
                except ValidationError:
                    pass
    return FileContent(file, value, root, bank, items, raw_ids)


def _raw_ids(value: Any) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {key: set() for key in LIST_KEYS}
    if isinstance(value, dict):
        for key in LIST_KEYS:
            entries = value.get(key)
            if isinstance(entries, list):
                ids[key] = {
                    entry["id"] for entry in entries if isinstance(entry, dict) and isinstance(entry.get("id"), str)
                }
    return ids


# ---------------------------------------------------------------- messages


def to_issues(file: str, value: Any, root: Node | None, errors: Sequence[Any]) -> list[Issue]:
    return [issue for issue in (to_issue(file, value, root, error) for error in errors) if issue is not None]


def to_issue(file: str, value: Any, root: Node | None, error: Any) -> Issue | None:
    loc = clean_loc(value, error["loc"])
    kind = error["type"]
    found = error.get("input")
    if kind in ("too_short", "too_long") and isinstance(found, (list, tuple)):
        ctx = error.get("ctx") or {}
        if ctx.get("min_length", 0) <= len(found) <= ctx.get("max_length", len(found)):
            return None  # the list is long enough; some of its items are invalid and say so themselves
    if kind == "union_tag_invalid":
        loc += ("type",)
    message, hint = _message(kind, error, value, loc, found)
    return issue_at(file, value, root, loc, message, hint, at_key=kind == "extra_forbidden")


def _message(kind: str, error: Any, value: Any, loc: tuple[Any, ...], found: Any) -> tuple[str, str]:
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = loc[-1] if loc else "?"
        allowed = sorted(_fields_at(value, loc[:-1]))
        return f"unknown key {key!r}", _did_you_mean(str(key), allowed) or (
            f"allowed keys: {', '.join(allowed)}" if allowed else ""
        )
    if kind == "missing":
        return f"missing required key {loc[-1]!r}" if loc else "missing value", ""
    if kind == "union_tag_not_found":
        return "missing required key 'type'", f"one of: {', '.join(QUESTION_TYPES)}"
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", found)
        return f"unknown question type {tag!r}", _did_you_mean(
            str(tag), QUESTION_TYPES
        ) or f"one of: {', '.join(QUESTION_TYPES)}"
    if kind == "bool_type":
        hint = "only true and false are booleans"
        if isinstance(found, str) and found.lower() in ("yes", "on", "y", "true"):
            hint += ": write true"
        elif isinstance(found, str) and found.lower() in ("no", "off", "n", "false"):
            hint += ": write false"
        return f"expected true or false, found {_show(found)}", hint
    if kind in ("string_type",):
        return f"expected text, found {_show(found)}", ""
    if kind == "string_too_short":
        return "must not be empty", ""
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "https?" in pattern:
            return f"expected an http or https URL, found {_show(found)}", "a link must start with http:// or https://"
        return (
            f"expected a slug (lowercase letters, digits and hyphens), found {_show(found)}",
            f"try {slugify(found)!r}" if isinstance(found, str) and slugify(found) else "",
        )
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        options = [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",") if part.strip()]
        return f"expected one of {', '.join(options)}; found {_show(found)}", _did_you_mean(str(found), options)
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, found {_show(found)}", "write items on lines starting with '- ', or [a, b]"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if not loc:
            return (
                f"a bank file must be a mapping of keys ({', '.join(('bank',) + LIST_KEYS)}), found {_show(found)}",
                "",
            )
        return f"expected a mapping of keys, found {_show(found)}", ""
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s), found {ctx.get('actual_length', 0)}", ""
    if kind == "too_long":
        return f"allows at most {ctx.get('max_length')} items, found {ctx.get('actual_length')}", ""
    if kind.startswith("date"):
        return f"expected a date like 2020-09-11, found {_show(found)}", ""
    if kind in ("int_type", "int_parsing"):
        return f"expected a whole number, found {_show(found)}", ""
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, found {_show(found)}", ""
    return str(error.get("msg", kind)), ""


def _show(found: Any) -> str:
    if found is None:
        return "nothing"
    if isinstance(found, dict):
        return "a mapping"
    if isinstance(found, list):
        return "a list"
    if isinstance(found, bool):
        return "true" if found else "false"
    text = str(found)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _did_you_mean(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def _fields_at(value: Any, loc: tuple[Any, ...]) -> set[str]:
    """The keys allowed in the mapping at ``loc`` (for "did you mean")."""
    annotation: Any = BankFile
    current = value
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        annotation = _step(annotation, part, current)
        if annotation is None:
            return set()
    model = _as_model(annotation, current)
    return set(model.model_fields) if model else set()


def _step(annotation: Any, part: Any, current: Any) -> Any:
    model = _as_model(annotation, current)
    if isinstance(part, str):
        return model.model_fields[part].annotation if model and part in model.model_fields else None
    for arg in typing.get_args(annotation):  # tuple[X, ...] | None
        if arg is not type(None) and arg is not Ellipsis:
            found = arg if typing.get_origin(arg) is not tuple else typing.get_args(arg)[0]
            return found
    return None


def _as_model(annotation: Any, current: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if annotation is Question or typing.get_origin(annotation) is typing.Annotated:
        if isinstance(current, dict) and current.get("type") in QUESTION_MODELS:
            return QUESTION_MODELS[current["type"]]
        return QUESTION_MODELS["single"] if annotation is Question else None
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _as_model(arg, current)
            if found:
                return found
    return None
