"""Problems found in a bank are values; only the edges (CLI, app) format them.

An :class:`Issue` carries where (file, line, column, YAML path), what, and a hint.
Checks return issues; nothing below the edges prints or raises for bad input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Issue:
    """One problem, located in a file. ``line`` and ``col`` are 1-based (0 when unknown)."""

    file: str
    line: int
    col: int
    path: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """``FILE:LINE:COL: error: PATH: MESSAGE (hint: HINT)`` -- one line an editor can jump to."""
        where = f"{self.file}:{self.line}:{self.col}"
        what = f"{self.path}: {self.message}" if self.path else self.message
        text = f"{where}: {self.severity.value}: {what}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return " ".join(text.split("\n"))

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def in_order(issues: Iterable[Issue]) -> list[Issue]:
    """Issues in the one order every output lists them: by file, line, column, then message."""
    return sorted(issues, key=_order)


def format_issues(issues: Iterable[Issue]) -> str:
    return "\n".join(issue.format() for issue in in_order(issues))


def _order(issue: Issue) -> tuple[str, int, int, str]:
    return (issue.file, issue.line, issue.col, issue.message)


class QuizError(Exception):
    """Root of the project's own exceptions; only ``cli.main`` and the app's entry catch it."""


class Refused(QuizError):
    """A request the authoring commands refuse; the message says what to do instead."""
