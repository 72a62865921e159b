"""YAML text to plain values, keeping the node tree so any value can be traced to its line.

Safe by construction: nothing is built from a tag; any explicit tag is an error.
YAML 1.2 scalars as editors see them: only ``true``/``false`` are booleans, no
sexagesimal numbers, and scalars under keys that the schema types as text stay text.
Bounded: file size, alias expansion and nesting depth are capped before they cost memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from quiz.errors import Issue


class _PureParser(Reader, Scanner, Parser, Composer):
    """PyYAML's own parser and composer: slower than libyaml's, but with no nesting limit of its own."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)


try:  # libyaml's parser and composer, when PyYAML was built with it
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on the PyYAML build
    _Parser = _PureParser  # type: ignore[misc, assignment]

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_VALUES = 1_000_000  # values built per file, aliases expanded: a 10,000-question file needs about 400,000
MAX_DEPTH = 64
# libyaml's composer recurses in C: tens of thousands of levels overflow an 8 MiB stack (seen here
# between 20,000 and 40,000). Texts whose nesting cannot pass this bound are composed directly; the
# rest get an event-by-event depth check first, which costs about a quarter of a load.
_SAFE_DEPTH = 4000
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"
_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:[-?:](?:[ \t]+|$))*", re.MULTILINE)

# Tags the resolver gives to untagged nodes; YAML cannot spell them, so any other tag was written.
_STR, _NULL, _BOOL, _INT, _FLOAT, _MAP, _SEQ = "?str", "?null", "?bool", "?int", "?float", "?map", "?seq"
_INT_RE = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_NUMBER_START = frozenset("0123456789+-.")


class _Loader(_Parser):
    """The composer alone (no constructor), with YAML 1.2 core-schema tags."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool] | bool) -> str:
        if kind is MappingNode:
            return _MAP
        if kind is SequenceNode:
            return _SEQ
        plain = implicit[0] if isinstance(implicit, tuple) else implicit
        if not plain or value is None:
            return _STR
        if value in _NULLS:
            return _NULL
        if value == "true" or value == "false":
            return _BOOL
        if value[0] in _NUMBER_START:
            if _INT_RE.fullmatch(value):
                return _INT
            if _FLOAT_RE.fullmatch(value):
                return _FLOAT
        return _STR

    # The pure-Python composer asks these; the C one does not.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


@dataclass(frozen=True)
class Parsed:
    """A YAML document as plain values, with its node tree for locating any of them."""

    value: Any
    node: Node | None


def parse(text: str, file: str, typed_keys: frozenset[str] = frozenset()) -> tuple[Parsed, list[Issue]]:
    """Parse one YAML document. Scalars under ``typed_keys`` resolve as YAML 1.2 values;
    every other non-null scalar stays text, as the author wrote it."""
    if len(text) > MAX_FILE_BYTES:  # characters, not bytes: a cheap first bound
        return Parsed(None, None), [too_large(file, MAX_FILE_BYTES)]
    loader = _Loader(text)
    try:
        deep = _first_too_deep(text) if _could_be_deep(text) else None
        if deep is not None:
            return Parsed(None, None), [_too_deep(file, text, deep)]
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        if _LIBYAML_TOO_DEEP in str(exc.problem):  # nested past libyaml's own limit, under our bound
            return Parsed(None, None), [_too_deep(file, text, _first_too_deep(text, _PureParser))]
        mark = exc.problem_mark or exc.context_mark
        line, col = position(text, mark.index) if mark else (1, 1)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return Parsed(None, None), [
            Issue(file, line, col, "", f"invalid YAML: {message}", _yaml_hint(message, text, line, col))
        ]
    except yaml.reader.ReaderError as exc:
        line, col = position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return Parsed(None, None), [
            Issue(
                file,
                line,
                col,
                "",
                f"invalid YAML: character U+{code:04X} is not allowed in YAML",
                "remove the control character",
            )
        ]
    except yaml.YAMLError as exc:
        return Parsed(None, None), [Issue(file, 1, 1, "", f"invalid YAML: {exc}")]
    except RecursionError:
        return Parsed(None, None), [_too_deep(file, text, None)]
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose:
            dispose()
    if node is None:
        return Parsed(None, None), []
    if _OTHER_BREAKS.search(text):
        _remark(node, text)
    builder = _Builder(file, typed_keys)
    try:
        value = builder.build(node, 1, False)  # the root is level 1, as in _first_too_deep
    except _Abort as stop:
        return Parsed(None, node), builder.issues + [stop.issue]
    return Parsed(value, node), builder.issues


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, counting lines as editors do: by '\\n' only.

    libyaml also breaks lines at a lone '\\r', U+0085, U+2028 and U+2029, and puts an error at the
    end of a file with no final newline on a line after the last; the character index is always right."""
    index = max(0, min(index, len(text)))
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - start + 1


_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]|\r(?!\n)")  # the '\r' of a CRLF is no extra break


def _remark(root: Node, text: str) -> None:
    """Rewrite every node's start mark with editors' line numbers (rare: only texts with the
    line breaks libyaml counts and editors do not)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        mark = node.start_mark
        line, col = position(text, mark.index)
        node.start_mark = yaml.Mark(mark.name, mark.index, line - 1, col - 1, None, None)  # type: ignore[arg-type]
        if isinstance(node, MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


def _could_be_deep(text: str) -> bool:
    """A cheap bound: flow nesting needs brackets, block nesting needs indentation or indicators."""
    if text.count("[") + text.count("{") > _SAFE_DEPTH // 2:
        return True
    return max(map(len, _BLOCK_PREFIX.findall(text)), default=0) > _SAFE_DEPTH // 4


def _first_too_deep(text: str, parser_class: type = _Parser) -> Any:
    """Walk the events (no recursion) and return where nesting first passes ``MAX_DEPTH``.

    libyaml 0.2.6 (PyYAML 6.0.4) stops at 1,000 levels of its own, and may do so before it
    yields the event at level 65: its scanner looks far ahead in a flow collection. PyYAML's
    own scanner looks at most 1,024 characters ahead, so it finds the exact place instead."""
    parser = parser_class(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if parser_class is _PureParser or _LIBYAML_TOO_DEEP not in str(exc.problem):
            raise
        return _first_too_deep(text, _PureParser)
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()
    return None


def _too_deep(file: str, text: str, mark: Any) -> Issue:
    line, col = position(text, mark.index) if mark is not None else (1, 1)
    return Issue(file, line, col, "", f"nesting is deeper than the limit of {MAX_DEPTH} levels")


def too_large(file: str, limit: int) -> Issue:
    size = f"{limit / 2**20:g} MiB" if limit >= 2**20 else f"{limit:,} bytes"
    return Issue(file, 1, 1, "", f"file is larger than the limit of {size}", "split the bank into several files")


def _yaml_hint(message: str, text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    here = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
    if here == "\t" or "'\\t'" in message:
        return "YAML indents with spaces, not tabs"
    if "mapping values are not allowed" in message:
        return "a value containing ': ' must be quoted"
    return ""


class _Abort(Exception):
    def __init__(self, issue: Issue):
        self.issue = issue


def _float(value: str) -> float:
    """A YAML 1.2 float: Python reads '1e3' and '.5' but not '.inf' or '.NaN'."""
    special = value.lstrip("+-").lower()
    if special in (".inf", ".nan"):
        return float(("-" if value.startswith("-") else "") + special[1:])
    return float(value)


class _Builder:
    def __init__(self, file: str, typed_keys: frozenset[str]):
        self.file = file
        self.typed_keys = typed_keys
        self.issues: list[Issue] = []
        self.budget = MAX_VALUES

    def build(self, node: Node, depth: int, typed: bool) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _Abort(
                self._issue(
                    node,
                    f"the document expands to more than {MAX_VALUES:,} values (aliases repeated too deeply?)",
                    "avoid anchors and aliases that repeat large parts",
                )
            )
        if depth > MAX_DEPTH:
            raise _Abort(self._issue(node, f"nesting is deeper than the limit of {MAX_DEPTH} levels"))
        tag = node.tag
        if not tag.startswith("?"):
            self.issues.append(
                self._issue(
                    node,
                    f"tags are not allowed, found {tag!r}",
                    "remove the tag; a bank holds only plain text, numbers, true/false, lists and mappings",
                )
            )
            return None
        if tag == _MAP:
            return self._mapping(node, depth)  # type: ignore[arg-type]
        if tag == _SEQ:
            return [self.build(item, depth + 1, typed) for item in node.value]
        value: str = node.value
        if tag == _NULL:
            return None
        if not typed or tag == _STR:
            return value
        if tag == _BOOL:
            return value == "true"
        if tag == _INT:
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        return _float(value)

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or not key_node.tag.startswith("?"):
                self.issues.append(self._issue(key_node, "a key must be plain text"))
                continue
            key = key_node.value
            if key in seen:
                first = seen[key].start_mark
                self.issues.append(
                    self._issue(
                        key_node,
                        f"key {key!r} is repeated (first at line {first.line + 1})",
                        "remove one of them; YAML would silently keep only the last",
                    )
                )
                continue
            seen[key] = key_node
            result[key] = self.build(value_node, depth + 1, key in self.typed_keys)
        return result

    def _issue(self, node: Node, message: str, hint: str = "") -> Issue:
        mark = node.start_mark
        return Issue(self.file, mark.line + 1, mark.column + 1, "", message, hint)
