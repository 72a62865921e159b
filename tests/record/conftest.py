"""The record's tests run on both engines: a SQLite file and a real PostgreSQL, each an empty
database upgraded to the newest revision by the real migrations."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from quiz.record import db
from tests.support import postgres
from tests.support.requires import missing

_names = itertools.count()


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[postgres.Cluster]:
    folder = postgres.find_bin()
    if folder is None:
        missing(postgres.MISSING)
    assert folder is not None
    with postgres.Cluster(folder) as cluster:
        postgres.wait_ready(cluster)
        yield cluster


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'quiz.sqlite3'}"
    cluster = request.getfixturevalue("postgres_cluster")
    return cluster.database(f"quiz_{next(_names)}")


@pytest.fixture
def engine(empty_url: str) -> Iterator[Engine]:
    """An engine on an empty database of each kind, migrated to the newest revision."""
    opened = db.open_engine(empty_url)
    db.upgrade(opened)
    yield opened
    opened.dispose()
