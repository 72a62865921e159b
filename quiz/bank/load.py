"""Find banks on disk and load them: read, parse, check structure, check across files, freeze.

A bank is a folder whose ``*.yaml``/``*.yml`` files (directly in it) together form the bank.
A path given by a user may be one bank folder or a folder of bank folders.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from quiz.bank import parse as parse_module
from quiz.bank.checks import check_bank
from quiz.bank.model import TYPED_KEYS, Bank
from quiz.bank.parse import parse, too_large
from quiz.bank.structure import FileContent, check_file
from quiz.errors import Issue
from quiz.text import Unreadable, inside, read_utf8

BANK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadResult:
    """One bank folder's outcome: the bank when it has no error, and every issue found."""

    folder: str
    bank: Bank | None
    issues: tuple[Issue, ...]

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.is_error)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if not issue.is_error)


def bank_files(folder: Path) -> list[Path]:
    """The bank's YAML files: directly in the folder, and not links that lead out of it."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix in BANK_SUFFIXES and path.is_file() and inside(path, folder, directly=True)
    )


def find_banks(paths: Iterable[str | Path]) -> tuple[list[Path], list[Issue]]:
    """Bank folders under the given paths: each path is a bank, or a folder of banks."""
    banks: list[Path] = []
    issues: list[Issue] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            issues.append(Issue(str(path), 0, 0, "", "no such file or folder"))
        elif path.is_file():
            issues.append(
                Issue(str(path), 0, 0, "", "expected a bank folder, found a file", f"pass the folder: {path.parent}")
            )
        elif bank_files(path):
            banks.append(path)
        else:
            found = sorted(child for child in path.iterdir() if child.is_dir() and bank_files(child))
            if not found:
                issues.append(
                    Issue(str(path), 0, 0, "", "no bank here: no .yaml files in this folder or its sub-folders")
                )
            banks.extend(found)
    return banks, issues


def load_bank(folder: str | Path, edited: tuple[Path, str] | None = None) -> LoadResult:
    """Load one bank folder, collecting every problem in one pass. With ``edited`` (a path and a
    text), the bank as it would be with that file holding that text (a new file if it is not
    there yet), every other file as on disk: what an editor checks before it writes."""
    folder = Path(folder)
    issues: list[Issue] = []
    files = bank_files(folder)
    if edited is not None and edited[0] not in files:
        files = sorted([*files, edited[0]])
    issues.extend(
        Issue(
            str(path),
            0,
            0,
            "",
            "this file is a link out of the bank folder: not read",
            "copy the file into the bank instead",
        )
        for path in sorted(folder.glob("*.y*ml"))
        if path.suffix in BANK_SUFFIXES and path not in files and path.is_symlink()
    )
    with _collector_paused():
        bank, found = _read_and_check(folder, files, edited)
    issues.extend(found)
    if any(issue.is_error for issue in issues):
        bank = None
    return LoadResult(str(folder), bank, tuple(issues))


def _read_and_check(
    folder: Path, files: Sequence[Path], edited: tuple[Path, str] | None
) -> tuple[Bank | None, list[Issue]]:
    """The bank of these files and every issue found. The files' parse trees (hundreds of thousands of
    nodes) go, by reference count, when this returns: inside the collector's pause, so that the one
    collection after it does not walk them (it walked them for a quarter of a 10,000-question load)."""
    issues: list[Issue] = []
    contents: list[FileContent] = []
    for path in files:
        content, found = read_file(path, edited[1] if edited is not None and path == edited[0] else None)
        contents.append(content)
        issues.extend(found)
    bank, found = check_bank(folder, contents)
    return bank, issues + found


def as_if_saved(folder: Path, path: Path, text: str | None) -> LoadResult:
    """The bank in ``folder`` as it would load with ``path`` holding ``text`` (a new file if it is not
    there yet; ``None``: as on disk) and every other file as on disk: what an editor checks before it
    writes, the Author page at each change as ``quiz new`` before and after adding a question."""
    return load_bank(folder, None if text is None else (path, text))


def read_file(path: Path, text: str | None = None) -> tuple[FileContent, list[Issue]]:
    """Parse and check one bank file (from disk, or ``text`` as it would be)."""
    file = str(path)
    if text is None:
        read = bank_text(path)
        if isinstance(read, Issue):
            return replace(check_file(file, None, None)[0], readable=False), [read]
        text = read
    parsed, issues = parse(text, file, TYPED_KEYS)
    content, found = check_file(file, parsed.value, parsed.node)
    if parsed.value is None and issues:
        content = replace(content, readable=False)
    # A value the parser refused (a tag, say) is null to the models: say it once, not twice.
    refused = {(issue.line, issue.col) for issue in issues}
    return content, issues + [issue for issue in found if (issue.line, issue.col) not in refused]


def bank_text(path: Path) -> str | Issue:
    """A bank file's text as :func:`quiz.text.read_utf8` reads it (line endings kept), or why there is
    none: it cannot be read, is larger than a bank file may be, or is not UTF-8."""
    file = str(path)
    try:
        if path.stat().st_size > parse_module.MAX_FILE_BYTES:
            return too_large(file, parse_module.MAX_FILE_BYTES)
    except OSError as exc:
        return Unreadable(file, f"cannot be read: {exc.strerror}").issue()
    text = read_utf8(path)
    return text.issue() if isinstance(text, Unreadable) else text


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading allocates hundreds of thousands of acyclic objects (nodes, values, models); the
    cycle collector would rescan them all over again, which costs more than the loading itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_banks(paths: Sequence[str | Path]) -> tuple[list[LoadResult], list[Issue]]:
    """Every bank under ``paths``; issues about the paths themselves come separately."""
    folders, issues = find_banks(paths)
    return [load_bank(folder) for folder in folders], issues
