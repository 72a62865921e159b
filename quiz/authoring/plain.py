"""A bank's problems for the Author page, in plain words and without the server's paths.

An :class:`~quiz.errors.Issue` names its file by the path the server read it from; an author needs
only the file's name in the bank (``questions.yaml``, ``sources/x.md``), and "question bridge-cost,
choice 1" reads better than ``questions[id=bridge-cost].choices[0]``. Nothing here imports Streamlit.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from quiz.errors import Issue

_STEP = re.compile(r"([A-Za-z_-]+)(?:\[id=([^\]]*)\]|\[(\d+)\])?")
_ONE = {
    "questions": "question",
    "sources": "source",
    "claims": "claim",
    "quizzes": "quiz",
    "skills": "skill",
    "choices": "choice",
    "reports": "report",
    "cite": "citation",
    "items": "item",
    "difficulty": "difficulty",
    "authors": "author",
}


def in_bank(issue: Issue, folder: Path) -> Issue:
    """The issue with its file named relative to the bank ``folder``, and the folder's path taken out
    of its message and hint (a missing source file is named as the bank names it)."""
    prefixes = sorted({str(folder), str(folder.resolve())}, key=len, reverse=True)
    file = issue.file
    for prefix in prefixes:
        if file == prefix or file.startswith(prefix + "/"):
            file = file[len(prefix) :].lstrip("/") or Path(prefix).name
            break
    else:
        file = Path(file).name if Path(file).is_absolute() else file

    return dataclasses.replace(
        issue, file=file, message=without_folder(issue.message, folder), hint=without_folder(issue.hint, folder)
    )


def without_folder(text: str, folder: Path) -> str:
    """``text`` with the bank folder's path taken out: ``/srv/banks/b/questions.yaml`` -> ``questions.yaml``."""
    for prefix in sorted({str(folder), str(folder.resolve())}, key=len, reverse=True):
        text = text.replace(prefix + "/", "").replace(prefix, Path(prefix).name)
    return text


def in_banks(folder: Path, roots: list[Path]) -> str:
    """A bank folder named inside the banks folder it is found in (``cuties-2020``), else by its own name."""
    for root in roots:
        try:
            return (
                folder.resolve().relative_to(root.resolve()).as_posix()
                if folder.resolve() != root.resolve()
                else folder.name
            )
        except ValueError:
            continue
    return folder.name


def where(path: str) -> str:
    """``questions[id=bridge-cost].choices[0].correct`` -> ``question bridge-cost, choice 1, correct``."""
    parts = []
    for step in path.split("."):
        match = _STEP.fullmatch(step)
        if match is None:
            parts.append(step)
            continue
        name, item_id, index = match.groups()
        if item_id:
            parts.append(f"{_ONE.get(name, name)} {item_id}")
        elif index is not None:
            parts.append(f"{_ONE.get(name, name)} {int(index) + 1}")
        else:
            parts.append(name)
    return ", ".join(parts)


def sentence(issue: Issue) -> str:
    """One line an author reads: ``Error in questions.yaml, line 8, question x, choice 1, correct: ... Hint: ...``."""
    kind = "Error" if issue.is_error else "Warning"
    place = [issue.file] if issue.file else []
    if issue.line:
        place.append(f"line {issue.line}")
    if issue.path:
        place.append(where(issue.path))
    text = f"{kind} in {', '.join(place)}: {issue.message}" if place else f"{kind}: {issue.message}"
    text = text.rstrip(".") + "."
    if issue.hint:
        text += f" Hint: {issue.hint[0].upper()}{issue.hint[1:]}".rstrip(".") + "."
    return " ".join(text.split())


def about(issues: list[Issue], section: str, item_id: str) -> list[Issue]:
    """The issues of one item: those whose path is in ``section[id=item_id]``."""
    head = f"{section}[id={item_id}]"
    return [issue for issue in issues if issue.path == head or issue.path.startswith(head + ".")]
