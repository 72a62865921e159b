"""YAML text for the files ``quiz new`` and ``quiz draft`` write, scalars that read back exactly.

Text is written double-quoted through ``json.dumps`` (JSON strings are YAML double-quoted
scalars), with the few characters YAML reads differently escaped as well, so a quote written
here is character for character the quote in the source. Ids and keywords are written plain.
Files are appended to as text, never re-dumped, so an author's comments and layout survive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

# Characters that JSON leaves alone but YAML does not read back as themselves: C1 controls (NEL
# is a YAML line break), the Unicode line and paragraph separators, the byte-order mark, non-characters.
_YAML_UNSAFE = re.compile("[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


class Plain(str):
    """A scalar written as is: an id, a keyword, ``true``/``false``."""


class Comment(str):
    """A comment line in a mapping, written before the next key."""


# A value is text, a keyword, true/false, a list of keywords (written [a, b]), a list of texts,
# or a list of mappings (both written as block lists).
Value = str | bool | Sequence[str] | Sequence["Fields"]
Fields = list[tuple[str, "Value"] | Comment]


def text(value: str) -> str:
    """A double-quoted YAML scalar that parses back to exactly ``value``."""
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def scalar(value: str | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Plain):
        return str(value)
    return text(value)


def mapping(fields: Fields, indent: int) -> list[str]:
    """The lines of a block mapping whose keys start at column ``indent``."""
    pad = " " * indent
    lines: list[str] = []
    for field in fields:
        if isinstance(field, Comment):
            lines.append(f"{pad}# {field}")
            continue
        key, value = field
        if isinstance(value, (str, bool)):
            lines.append(f"{pad}{key}: {scalar(value)}")
        elif value and all(isinstance(item, Plain) for item in value):
            lines.append(f"{pad}{key}: [{', '.join(str(item) for item in value)}]")
        elif not value:
            lines.append(f"{pad}{key}: []")
        elif all(isinstance(item, str) for item in value):
            lines.append(f"{pad}{key}:")
            lines.extend(f"{pad}  - {text(item)}" for item in value)  # type: ignore[arg-type]
        else:
            lines.append(f"{pad}{key}:")
            for item in value:
                lines.extend(item_lines(item, indent + 2))  # type: ignore[arg-type]
    return lines


def item_lines(fields: Fields, indent: int) -> list[str]:
    """A mapping as an item of a block list, its dash at column ``indent``."""
    lines = mapping(fields, indent + 2)
    for number, line in enumerate(lines):
        if not line.lstrip().startswith("#"):
            lines[number] = " " * indent + "- " + line[indent + 2 :]
            break
    return lines
