"""The real migrations take an empty database to the newest revision on both engines, and build
exactly the tables the code declares."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from quiz.record import db
from quiz.record.tables import metadata


def test_an_empty_database_upgrades_to_the_newest_revision(empty_url: str) -> None:
    engine = db.open_engine(empty_url)
    try:
        assert db.current(engine) is None
        db.upgrade(engine)
        assert db.current(engine) == db.head()
        assert set(sa.inspect(engine).get_table_names()) >= {"classes", "assignments", "attempts", "responses"}
        db.upgrade(engine)  # again: nothing to do, no error
        assert db.current(engine) == db.head()
    finally:
        engine.dispose()


def test_the_migrations_build_what_the_tables_declare(engine: sa.Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    # Types aside (the migration writes DateTime, the table reads it through UTCDateTime).
    assert [difference for difference in differences if difference[0] != "modify_type"] == []


def test_sqlite_gets_foreign_keys_wal_and_a_busy_timeout(tmp_path) -> None:
    engine = db.open_engine(f"sqlite:///{tmp_path / 'deep' / 'quiz.sqlite3'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS
    assert (tmp_path / "deep" / "quiz.sqlite3").exists()
    engine.dispose()


def test_the_url_comes_from_the_environment_then_the_secrets_then_the_default(tmp_path) -> None:
    secrets = {"connections": {"quiz": {"url": "postgresql+psycopg://u@h/d"}}}
    assert db.database_url({"QUIZ_DATABASE_URL": "sqlite:///x.db"}, secrets, tmp_path) == "sqlite:///x.db"
    assert db.database_url({}, secrets, tmp_path) == "postgresql+psycopg://u@h/d"
    assert db.database_url({}, {}, tmp_path) == f"sqlite:///{tmp_path}/.quiz-data/quiz.sqlite3"
    assert db.describe("postgresql+psycopg://u:secret@h/d") == "postgresql+psycopg://u:***@h/d"


def test_the_migrations_are_in_the_package() -> None:
    from importlib import resources

    versions = resources.files("quiz.record.migrations") / "versions"
    assert any(entry.name.endswith(".py") and entry.name[0].isdigit() for entry in versions.iterdir())
    assert (resources.files("quiz.record.migrations") / "env.py").is_file()


def test_servers_starting_at_once_on_an_empty_database_all_upgrade_it(empty_url: str) -> None:
    """As several servers behind nginx do when they start on a new PostgreSQL: each its own process
    (Alembic's context is one per process)."""
    import subprocess
    import sys

    script = "import sys; from quiz.record import db; db.upgrade(db.open_engine(sys.argv[1]))"
    servers = [
        subprocess.Popen([sys.executable, "-c", script, empty_url], stderr=subprocess.PIPE, text=True) for _ in range(3)
    ]
    errors = [server.communicate(timeout=120)[1] for server in servers]
    assert [server.returncode for server in servers] == [0, 0, 0], errors
    engine = db.open_engine(empty_url)
    try:
        assert db.current(engine) == db.head()
    finally:
        engine.dispose()


def test_a_record_made_at_the_first_revision_keeps_its_answers_through_the_newest(empty_url: str) -> None:
    from datetime import UTC, datetime

    from quiz.play.engine import BankQuiz
    from quiz.record import store

    now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    engine = db.open_engine(empty_url)
    try:
        db.upgrade(engine, "0001")
        with engine.begin() as connection:  # as the first revision's code wrote them
            connection.exec_driver_sql("INSERT INTO classes (id, name, created_at) VALUES (1, '9B', '2026-12-02')")
            connection.execute(
                sa.text(
                    "INSERT INTO assignments (id, class_id, title, bank_id, quiz, mode, answers_after_close,"
                    " join_code, closed, created_at) VALUES (1, 1, 'Q', 'mini', :quiz, 'practice', false,"
                    " 'K7RM3XQA', false, '2026-12-02')"
                ),
                {"quiz": '{"quiz": "all"}'},
            )
        db.upgrade(engine)
        assignment = store.assignment_by_code(engine, "K7RM-3XQA")
        assert assignment is not None and assignment.quiz == BankQuiz("all")
        attempt = store.start_attempt(engine, assignment, "Ana", "v1", 1, ("q1",), ((0, 1),), now)
        assert isinstance(attempt, store.AttemptRecord)
        assert store.note_opening(engine, attempt.resume_id, "mini", "post", "", now)
        recorded = store.record_response(engine, attempt.resume_id, 0, "q1", (1,), 1.0, now)
        assert isinstance(recorded, store.Recorded) and recorded.response.opened_sources == ("post",)
    finally:
        engine.dispose()
