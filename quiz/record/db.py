"""Which database, and how to open it: SQLite at ``.quiz-data/quiz.sqlite3`` by default,
``QUIZ_DATABASE_URL`` (or ``[connections.quiz] url`` in ``.streamlit/secrets.toml``) for another,
such as PostgreSQL through psycopg 3 (``postgresql+psycopg://user@host:port/db``).

:func:`upgrade` applies the Alembic migrations in ``migrations/`` up to the newest; the app runs it
at start and ``quiz db upgrade`` runs it by hand.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import NullPool

from quiz.errors import QuizError

URL_VARIABLE = "QUIZ_DATABASE_URL"
DEFAULT_FILE = Path(".quiz-data") / "quiz.sqlite3"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 5000
CONNECT_TIMEOUT_S = 5


def database_url(environ: Mapping[str, str], secrets: Mapping[str, Any], root: Path) -> str:
    """``QUIZ_DATABASE_URL``, else the secrets' ``[connections.quiz] url``, else the SQLite file under ``root``."""
    value = environ.get(URL_VARIABLE, "").strip()
    if value:
        return value
    connections = secrets.get("connections")
    quiz = connections.get("quiz") if isinstance(connections, Mapping) else None
    url = quiz.get("url") if isinstance(quiz, Mapping) else None
    if isinstance(url, str) and url.strip():
        return url.strip()
    return f"sqlite:///{(root / DEFAULT_FILE).as_posix()}"


def file_secrets(root: Path) -> Mapping[str, Any]:
    """``.streamlit/secrets.toml`` under ``root``, as the command line reads it (the app uses st.secrets)."""
    path = root / ".streamlit" / "secrets.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as problem:
        raise QuizError(f"{path}: cannot be read: {problem}") from problem


def describe(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


def open_engine(url: str) -> Engine:
    """An engine for ``url``. SQLite: the folder is made, and every connection gets foreign keys on
    (SQLite enforces none otherwise), WAL (readers do not wait for a writer) and a busy timeout
    (a writer waits for another instead of failing at once)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # A server that does not answer is said within seconds, not after the system's TCP timeout.
        postgres = parsed.get_backend_name() == "postgresql"
        timeout = {"connect_timeout": CONNECT_TIMEOUT_S} if postgres else {}
        return create_engine(parsed, pool_pre_ping=True, connect_args=timeout)
    file = _sqlite_file(parsed)
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        parsed,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        poolclass=NullPool if not parsed.database or parsed.database == ":memory:" else None,
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_file(parsed: URL) -> Path | None:
    """The file a SQLite URL names (also as a ``file:`` URI, ``?uri=true``), or None in memory."""
    name = parsed.database or ""
    if parsed.query.get("uri") == "true" and name.startswith("file:"):
        name = name[len("file:") :].split("?", 1)[0]
    return None if not name or name == ":memory:" else Path(name)


def trouble(problem: BaseException) -> str:
    """What a database error means for a learner or teacher, in words (no SQL, no server path):
    SQLite's file held locked past the busy timeout, a file the server may not write, or a database
    that cannot be reached."""
    text = str(getattr(problem, "orig", None) or problem).lower()
    if "locked" in text or "busy" in text:
        return "the record's database is busy (another program holds it locked)"
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "the record's database is read-only on this server"
    return "the record's database cannot be reached right now"


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL, still durable across a process kill
    cursor.close()


def _config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply every migration not yet applied, up to ``revision``."""
    command.upgrade(_config(engine), revision)


def head() -> str:
    """The newest revision in ``migrations/versions``."""
    revision = ScriptDirectory.from_config(_config(create_engine("sqlite://"))).get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The revision the database is at (None: no migration applied yet)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"
