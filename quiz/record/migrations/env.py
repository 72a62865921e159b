"""Alembic's entry: run the migrations on the engine :func:`quiz.record.db.upgrade` hands over."""

from __future__ import annotations

from alembic import context

from quiz.record.tables import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters a table by copying it
    )
    with context.begin_transaction():
        context.run_migrations()
