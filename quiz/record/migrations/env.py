"""Alembic's entry: run the migrations on the engine :func:`quiz.record.db.upgrade` hands over.

Every server applies new migrations when it starts, so several may start on one database at once:
one migrates while the others wait, then find the database at the newest revision and do nothing
(without this, two would both create the tables and one would fail). PostgreSQL: a
transaction-level advisory lock. SQLite: the migration runs in an exclusive transaction (Python's
sqlite3 would otherwise run each CREATE outside any), which the others wait for (busy timeout)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from quiz.record.tables import metadata

MIGRATION_LOCK = 0x71756979  # any fixed number: the servers of one database agree on it

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN EXCLUSIVE")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters a table by copying it
    )
    with context.begin_transaction():
        context.run_migrations()
