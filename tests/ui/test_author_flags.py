"""The Author page shows a question's flags from the record beside its preview, with n and the
assignment (quiz/ui/report.py's question_flags_ui), and nothing when nothing is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from quiz.bank.load import load_bank
from quiz.report import views
from quiz.report.from_record import bank_statistics
from quiz.ui import report
from tests.conftest import MINI
from tests.ui.test_author import banks, editing, preview  # noqa: F401  (banks is a fixture)
from tests.ui.test_teach_report import record, take  # noqa: F401  (record is a fixture)


def test_a_questions_flags_show_beside_its_preview(
    monkeypatch: pytest.MonkeyPatch,
    record: Engine,  # noqa: F811
    banks: Path,  # noqa: F811
) -> None:
    report._bank_flags.clear()
    take(record)
    bank = load_bank(MINI).bank
    assert bank is not None
    flags = views.author_flags(bank_statistics(record, bank))
    flagged = next(question_id for question_id in bank.questions if flags.get(question_id))
    at = preview(editing(monkeypatch, banks), flagged)
    assert not at.exception
    shown = [warning.value for warning in at.warning if "(n = " in warning.value]
    assert len(shown) == len(flags[flagged])
    assert all(text.endswith("(n = 3, assignment Bridge)") for text in shown)


def test_nothing_recorded_shows_no_flag(
    monkeypatch: pytest.MonkeyPatch,
    record: Engine,  # noqa: F811
    banks: Path,  # noqa: F811
) -> None:
    report._bank_flags.clear()
    at = preview(editing(monkeypatch, banks), "bridge-cost")
    assert not at.exception
    assert not [warning.value for warning in at.warning if "(n = " in warning.value]
