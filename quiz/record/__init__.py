"""The record: classes, assignments, attempts and every submitted answer, in SQLite or PostgreSQL.

No Streamlit here: the UI calls these functions, which take a connection or an engine and
return frozen values (``quiz.record.store``); the tables are declared once (``tables``); schema
changes are Alembic migrations (``migrations/``), applied by :func:`quiz.record.db.upgrade`.
"""
