"""Editing a bank file from the app: the bank as it would be with one file's new text, where
its problems are, and a save that cannot break a bank, lose the old version or leave the banks.

Nothing here imports Streamlit: the Author page (``quiz/ui/pages/author.py``) draws, this decides.
Refusals are values (:class:`Refusal`), shown to the author as they are.
"""

from __future__ import annotations

import hmac
import os
import re
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from quiz.authoring.scaffold import MODELINE, schema_reference
from quiz.bank.load import BANK_SUFFIXES, as_if_saved, bank_text
from quiz.errors import Issue
from quiz.text import count, inside, plural

PASSWORD_VARIABLE = "QUIZ_AUTHOR_PASSWORD"
# Letters, digits, '-', '_' and inner dots, then .yaml or .yml: no folder, no '..', not hidden
# (hidden files are left out of the app's cache fingerprint, so an edit to one would not show).
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break
_SAVING = threading.Lock()  # one save at a time per server: the check of the disk and the write go together


@dataclass(frozen=True)
class Refusal:
    """Why an edit was not written (or a file name not accepted), in words for the author."""

    reason: str


@dataclass(frozen=True)
class Saved:
    """A written file, and where its previous version now is (None for a new file)."""

    path: Path
    backup: Path | None


# ---------------------------------------------------------------- who may edit


def password(environ: Mapping[str, str], secrets: Mapping[str, object]) -> str | None:
    """The password that unlocks editing: ``QUIZ_AUTHOR_PASSWORD`` from the environment, else from
    the secrets; None when neither sets a non-blank one (then editing is off)."""
    for source in (environ, secrets):
        value = source.get(PASSWORD_VARIABLE)
        if isinstance(value, str) and value.strip():
            return value
    return None


def password_matches(given: str, expected: str) -> bool:
    """Compare in constant time, so the time taken says nothing about how much of it was right."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


# ---------------------------------------------------------------- where


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a bank file, or None: a plain ``NAME.yaml`` (or ``.yml``)."""
    suffix = Path(name).suffix
    if not name.strip():
        return "type a file name, e.g. questions-2.yaml"
    if suffix not in BANK_SUFFIXES:
        return f"a bank file's name ends in .yaml or .yml, found {name!r}"
    if not _NAME.fullmatch(name[: -len(suffix)]):  # the whole name: Path("../x.yaml").stem is only "x"
        return (
            f"expected a plain file name directly in the bank folder (letters, digits, '-', '_', '.'; "
            f"not starting with '.'), found {name!r}"
        )
    return None


def locate(roots: Sequence[Path], folder: Path, name: str) -> Path | Refusal:
    """``folder / name``, if writing it stays inside one of the banks ``roots`` and inside the bank
    folder itself: a plain name, no link at the file, the resolved folder under a resolved root."""
    problem = name_problem(name)
    if problem:
        return Refusal(problem)
    if not any(inside(folder, root) for root in roots):
        return Refusal(f"{folder} is not inside the banks folder ({', '.join(str(root) for root in roots)})")
    path = folder / name
    if path.is_symlink():
        return Refusal(f"{path} is a link: edit the file it points to where it is")
    if path.exists() and not path.is_file():
        return Refusal(f"{path} is not a file")
    if not inside(path, folder, directly=True):
        return Refusal(f"{path} is outside the bank folder")
    return path


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept: ``.NAME.yaml.bak`` beside it. Hidden, and
    not ending in .yaml, so it is neither a bank file nor part of the cache fingerprint."""
    return path.with_name(f".{path.name}.bak")


# ---------------------------------------------------------------- the bank as it would be


def starter_text(folder: Path) -> str:
    """What a new file starts with: the schema modeline (when the schema is in reach) and no questions."""
    reference = schema_reference(folder)
    head = MODELINE.format(reference) + "\n" if reference else ""
    return head + "questions: []\n"


def lines(text: str) -> list[str]:
    """The lines of ``text`` as YAML numbers them."""
    return _LINE_BREAK.split(text)


def excerpt(text: str, line: int, col: int, context: int = 2) -> str:
    """The lines around ``line`` (1-based), numbered, the line itself marked with ``>`` and a caret
    under ``col`` (1-based; 0 for none). Empty when ``line`` is 0 (the issue has no place)."""
    rows = lines(text)
    if line < 1 or not rows:
        return ""
    line = min(line, len(rows))
    first, last = max(1, line - context), min(len(rows), line + context)
    width = len(str(last))
    shown = []
    for number in range(first, last + 1):
        shown.append(f"{'>' if number == line else ' '} {number:>{width}} | {rows[number - 1]}".rstrip())
        if number == line and col > 0:
            shown.append(f"  {'':>{width}} | {' ' * (col - 1)}^")
    return "\n".join(shown)


# ---------------------------------------------------------------- saving


def disk_text(path: Path) -> str | Refusal:
    """A bank file's text as on disk (byte-order mark dropped), or why it cannot be edited here."""
    text = bank_text(path)
    return Refusal(text.format()) if isinstance(text, Issue) else text


def save(roots: Sequence[Path], folder: Path, name: str, text: str, expected: str | None) -> Saved | Refusal:
    """Write ``text`` to ``folder / name`` if the whole bank then loads (warnings allowed).

    ``expected`` is the text the author started from (None: a new file, which must not exist yet);
    a file changed on disk since is not overwritten. The previous version is kept in
    :func:`backup_path`; both writes are atomic (a temporary file in the folder, fsync, rename),
    so a crash leaves the old file or the new one, never half of one."""
    path = locate(roots, folder, name)
    if isinstance(path, Refusal):
        return path
    with _SAVING:
        before = disk_text(path) if path.exists() else None
        if isinstance(before, Refusal):
            return before
        if expected is None and before is not None:
            return Refusal(f"{path} already exists: open it from the list of files instead")
        if expected is not None and before is None:
            return Refusal(f"{path} was removed since you opened it: nothing was saved; copy your text, then reload")
        if expected is not None and before != expected:
            return Refusal(
                f"{path} was changed on disk since you opened it: nothing was saved; reload it, or download your text"
            )
        errors = as_if_saved(folder, folder / name, text).errors
        if errors:
            return Refusal(
                f"the bank would have {count(len(errors), 'error')}: nothing was saved; "
                f"fix {plural(len(errors), 'it', 'them')} first"
            )
        if before is not None and "\r\n" in before and "\r\n" not in text:
            text = text.replace("\n", "\r\n")  # browsers send LF; keep the file's own line endings
        old = path.stat() if before is not None else None
        backup = None
        if old is not None:
            backup = backup_path(path)
            _write_atomic(backup, path.read_bytes(), old.st_mode & 0o777)
        _write_atomic(path, text.encode("utf-8"), old.st_mode & 0o777 if old else 0o644)
        if old is not None:
            _newer_than(path, old)
        return Saved(path, backup)


def add_files(folder: Path, files: Mapping[str, bytes]) -> list[Path] | Refusal:
    """Write new files (a draft's source texts, by path relative to ``folder``), each atomically.
    Nothing is written if any would land outside the bank folder or is there already."""
    paths = [folder / relative for relative in files]
    for path in paths:
        if not inside(path, folder, strictly=True):
            return Refusal(f"{path} is outside the bank folder: nothing was saved")
        if path.exists() or path.is_symlink():
            return Refusal(f"{path} exists already: nothing was saved; draft again to get new names")
    for path, data in zip(paths, files.values()):
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, data, 0o644)
    return paths


def _write_atomic(path: Path, data: bytes, mode: int) -> None:
    """Replace ``path`` with ``data`` in one rename. The temporary file is hidden and ends in .tmp:
    neither a bank file nor in the fingerprint, even if a crash leaves it behind."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles to sync)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _newer_than(path: Path, old: os.stat_result) -> None:
    """The app reloads a bank when a file's (mtime, size) changes; two saves of the same size within
    one clock tick would keep the mtime, so move it on by a nanosecond when it did not change."""
    now = path.stat()
    if now.st_mtime_ns <= old.st_mtime_ns:
        os.utime(path, ns=(now.st_atime_ns, old.st_mtime_ns + 1))
