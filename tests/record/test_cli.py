"""``quiz db upgrade`` and ``quiz db purge``, through the command's own main."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quiz.cli import main
from quiz.play.engine import BankQuiz
from quiz.record import db, store


def test_upgrade_then_purge(empty_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "--url", empty_url, "upgrade"]) == 0
    assert f"at revision {db.head()} (the newest)" in capsys.readouterr().out
    engine = db.open_engine(empty_url)
    now = store.now_utc()
    made = store.create_class(engine, "9B", now)
    assert isinstance(made, store.ClassRecord)
    target = store.create_assignment(engine, made.id, "Q", "mini", BankQuiz("all"), "practice", now)
    assert isinstance(target, store.AssignmentRecord)
    for name, age in (("Old", 40), ("New", 1)):
        store.start_attempt(engine, target, name, "v", 1, ("q",), ((0,),), now - timedelta(days=age))
    assert main(["db", "--url", empty_url, "purge", "--older-than", "30"]) == 0
    assert capsys.readouterr().out == "deleted 1 attempt older than 30 days, with their answers\n"
    assert [attempt.display_name for attempt in store.attempts_of(engine, target.id)] == ["New"]
    engine.dispose()


def test_an_unreachable_database_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:9/none"
    assert main(["db", "--url", url, "upgrade"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: postgresql+psycopg://nobody:***@127.0.0.1:9/none: cannot upgrade: OperationalError")
    assert "secret" not in error and "Traceback" not in error


def test_the_default_database_is_a_file_in_the_working_folder(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUIZ_DATABASE_URL", raising=False)
    assert main(["db", "upgrade"]) == 0
    assert (tmp_path / ".quiz-data" / "quiz.sqlite3").exists()
    (tmp_path / ".streamlit").mkdir()
    other = tmp_path / "other.sqlite3"
    (tmp_path / ".streamlit" / "secrets.toml").write_text(f'[connections.quiz]\nurl = "sqlite:///{other}"\n')
    assert main(["db", "upgrade"]) == 0
    assert other.exists()
    assert main(["db", "purge", "--older-than", "-1"]) == 1
