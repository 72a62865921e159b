"""A throwaway PostgreSQL cluster: ``initdb`` in a temporary folder, started on a free loopback
port, stopped and deleted at the end. Debian's server refuses to run as root, so as root the
cluster belongs to the ``postgres`` user. Nothing here imports pytest: the tests' fixture and
the benchmarks share it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

from tests.support.server import free_port

BIN_ENV = "QUIZ_POSTGRES_BIN"
MISSING = "PostgreSQL not found: install Debian's postgresql (apt-get install postgresql) to run these tests"


def find_bin() -> Path | None:
    """The folder holding initdb and pg_ctl (``QUIZ_POSTGRES_BIN``, else Debian's newest), or None."""
    override = os.environ.get(BIN_ENV)
    candidates = [Path(override)] if override else sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    if not override and shutil.which("initdb"):
        candidates.append(Path(shutil.which("initdb") or "").parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


class Cluster:
    """One PostgreSQL server on 127.0.0.1:PORT, in a folder deleted by :meth:`stop`."""

    def __init__(self, bin_folder: Path) -> None:
        self.bin = bin_folder
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="quiz-pg-"))
        self.data = self.folder / "data"
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        self._user = "postgres" if os.geteuid() == 0 else None

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self._user:
            entry = pwd.getpwnam(self._user)
            subprocess.run(
                command, check=True, capture_output=True, user=entry.pw_uid, group=entry.pw_gid, cwd=self.folder
            )
        else:
            subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    def start(self) -> Cluster:
        if self._user:
            entry = pwd.getpwnam(self._user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        options = f"-k {self.folder} -c listen_addresses=127.0.0.1 -p {self.port} -c fsync=on -c max_connections=200"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        return self

    def database(self, name: str) -> str:
        """A fresh, empty database in the cluster; its URL."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.data.exists():
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except subprocess.CalledProcessError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


def wait_ready(cluster: Cluster, timeout: float = 10.0) -> None:
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres"):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
