"""Where a place in a bank file is: follow a path of keys and indexes (``questions, 3, choices``)
through the parsed nodes to the line and column, and name it for people (``questions[id=…].choices``).

The walker that attaches the location once: the checks (pydantic's and ours) only say what is wrong
and where in the data, and :func:`issue_at` turns that into a located Issue.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quiz.bank.model import QUESTION_TYPES
from quiz.errors import Issue, Severity


def walk(node: Node | None, loc: tuple[Any, ...]) -> Iterator[tuple[Node, Node | None]]:
    """Follow a path of keys and indexes through the node tree, yielding (value node, key node)
    at each step that exists. The last pair yielded is the deepest one found."""
    key_node: Node | None = None
    for part in loc:
        if node is None:
            return
        if isinstance(node, MappingNode) and isinstance(part, str):
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == part:
                    key_node, node = k, v
                    break
            else:
                return
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            key_node, node = None, node.value[part]
        else:
            return
        yield node, key_node


def clean_loc(value: Any, loc: Sequence[Any]) -> tuple[Any, ...]:
    """Drop the union tags pydantic puts in a location (``questions, 3, 'single', 'choices'``)."""
    out: list[Any] = []
    current = value
    for part in loc:
        if (
            isinstance(current, dict)
            and isinstance(part, str)
            and part not in current
            and part == current.get("type")
            and part in QUESTION_TYPES
        ):
            continue
        out.append(part)
        if isinstance(current, dict) and isinstance(part, str):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            current = None
    return tuple(out)


def display_path(value: Any, loc: Sequence[Any]) -> str:
    """``questions[id=two-petition-counts].choices[2].correct``: items named by id where they have one."""
    text = ""
    current = value
    for part in loc:
        if isinstance(part, int):
            item = current[part] if isinstance(current, list) and 0 <= part < len(current) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            text += f"[id={item_id}]" if isinstance(item_id, str) and item_id else f"[{part}]"
            current = item
        else:
            text += f".{part}" if text else str(part)
            current = current.get(part) if isinstance(current, dict) else None
    return text


def locate(file: str, root: Node | None, loc: Sequence[Any], *, at_key: bool = False) -> tuple[int, int]:
    """Line and column of the deepest node on ``loc`` (of its key, with ``at_key``)."""
    best: Node | None = root
    for node, key in walk(root, tuple(loc)):
        best = key if at_key and key is not None else node
    if best is None:
        return 1, 1
    return best.start_mark.line + 1, best.start_mark.column + 1


def issue_at(
    file: str,
    value: Any,
    root: Node | None,
    loc: Sequence[Any],
    message: str,
    hint: str = "",
    severity: Severity = Severity.ERROR,
    at_key: bool = False,
) -> Issue:
    line, col = locate(file, root, loc, at_key=at_key)
    return Issue(file, line, col, display_path(value, loc), message, hint, severity)
