"""What ``quiz new`` and ``quiz draft`` share: the schema modeline, ids not yet taken, files
written only inside the bank folder, and a new bank folder.

Below both commands: the drafter uses it, never ``new.py``, and it uses neither.
"""

from __future__ import annotations

import os
from pathlib import Path

from quiz.bank.emit import Comment, Fields, Plain, mapping
from quiz.bank.load import bank_files
from quiz.bank.schema import schema_text
from quiz.errors import Refused
from quiz.text import inside, slugify

SCHEMA_FILE = "bank.schema.json"
MODELINE = "# yaml-language-server: $schema={}"


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... whichever is not taken yet (and take it)."""
    found, number = wanted, 2
    while found in taken:
        found, number = f"{wanted}-{number}", number + 1
    taken.add(found)
    return found


def schema_reference(folder: Path) -> str | None:
    """The schema path a bank file's modeline should name, relative to the bank folder:
    the bank's own copy, or the nearest repository's ``questions/bank.schema.json``."""
    target = folder.resolve()
    if (target / SCHEMA_FILE).is_file():
        return SCHEMA_FILE
    for ancestor in (target, *target.parents):
        schema = ancestor / "questions" / SCHEMA_FILE
        if schema.is_file():
            return Path(os.path.relpath(schema, target)).as_posix()
    return None


def modeline(folder: Path) -> tuple[str, list[Path]]:
    """The schema modeline for a new file in ``folder``, and the schema file to write when no
    schema is in reach (then the bank carries its own copy)."""
    reference = schema_reference(folder)
    if reference is not None:
        return MODELINE.format(reference), []
    return MODELINE.format(SCHEMA_FILE), [folder / SCHEMA_FILE]


def write_files(folder: Path, files: dict[Path, str]) -> None:
    """Write new text files, refusing any path that would land outside ``folder``."""
    for path in files:
        if not inside(path, folder):
            raise Refused(f"{path}: refusing to write outside the bank folder {folder}")
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)


def bank_text(bank_id: str, title: str, line: str) -> str:
    fields: Fields = [
        ("id", Plain(bank_id)),
        ("title", title),
        ("description", ""),
        Comment("language: a BCP 47 tag; license: for the questions (sources keep theirs); authors: a list of names"),
        ("language", Plain("en")),
        ("license", ""),
        ("authors", []),
    ]
    return "\n".join(
        [
            line,
            "bank:",
            *mapping(fields, 2),
            "",
            "# Next: put each article's full text in sources/ and list it under 'sources:',",
            "# or let `quiz draft ARTICLE --bank FOLDER` do both and draft claims and questions.",
            "# Then `quiz new question --bank FOLDER --type single`. See docs/authoring.md.",
            "",
        ]
    )


def new_bank(folder: Path, title: str) -> list[Path]:
    """Create a bank folder: ``bank.yaml`` with the schema modeline, and ``sources/``."""
    if folder.exists() and not folder.is_dir():
        raise Refused(f"{folder}: exists and is not a folder")
    if folder.is_dir() and bank_files(folder):
        names = ", ".join(path.name for path in bank_files(folder))
        raise Refused(f"{folder}: already holds a bank ({names}); quiz new bank never overwrites one")
    if not title.strip():
        raise Refused("--title: must not be empty")
    bank_id = slugify(title) or slugify(folder.resolve().name) or "bank"
    folder.mkdir(parents=True, exist_ok=True)
    line, schema_files = modeline(folder)
    files = {folder / "bank.yaml": bank_text(bank_id, title.strip(), line)}
    files.update({path: schema_text() for path in schema_files})
    write_files(folder, files)
    (folder / "sources").mkdir(exist_ok=True)
    return list(files)
