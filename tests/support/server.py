"""Run `streamlit run` on a free local port and find a Chromium to drive it.

Shared by the browser tests (`tests/browser/conftest.py`) and the benchmark
(`bench/bench_browser.py`), so both start servers and browsers the same way.
Nothing here imports pytest or Playwright.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

REPO_ROOT = Path(__file__).resolve().parents[2]

#: Set to a path to force which Chromium is used; a path that does not exist
#: hides Chromium, which is how the skip/fail logic is exercised.
CHROMIUM_ENV = "QUIZ_CHROMIUM"
CHROMIUM_MISSING = "Chromium not found: install Debian's chromium (apt-get install chromium) to run browser tests"
#: `playwright install` cannot download browsers here, so the system Chromium
#: is launched directly. The flags keep it from phoning home (no network here)
#: and from needing a sandbox, a GPU or a large /dev/shm inside containers.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

HEALTH_TIMEOUT_S = 30.0
STOP_GRACE_S = 5.0


def find_chromium() -> str | None:
    """Return the path of a Chromium executable, or None when there is none.

    `QUIZ_CHROMIUM`, when set, is the only candidate considered.
    """
    override = os.environ.get(CHROMIUM_ENV)
    if override is not None:
        return override if os.access(override, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerError(RuntimeError):
    """The Streamlit server did not come up."""


class StreamlitServer:
    """One `streamlit run SCRIPT` process on 127.0.0.1:PORT.

    Usable as a context manager; `stop()` is safe to call more than once.
    The server's stdout and stderr go to a temporary log file (a pipe could
    fill up and block the server); `log()` reads it.
    """

    def __init__(
        self,
        script: str | os.PathLike[str],
        env: Mapping[str, str | None] | None = None,
        port: int | None = None,
    ) -> None:
        self.script = Path(script).resolve()
        self.port = port if port is not None else free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.startup_seconds: float | None = None
        # Entries whose value is None are removed from the inherited environment.
        self._env = dict(os.environ)
        for name, value in (env or {}).items():
            if value is None:
                self._env.pop(name, None)
            else:
                self._env[name] = value
        self._log = tempfile.NamedTemporaryFile(prefix=f"streamlit-{self.port}-", suffix=".log", delete=False)

    @property
    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(self.script),
            "--server.headless",
            "true",
            # Without an address Streamlit tries to look up the external IP.
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(self.port),
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            "--server.runOnSave",
            "false",
        ]

    def start(self, timeout: float = HEALTH_TIMEOUT_S) -> StreamlitServer:
        """Start the process and return once `/_stcore/health` answers `ok`."""
        if self.process is not None and self.process.poll() is None:
            raise ServerError(f"server on port {self.port} is already running")
        started = time.monotonic()
        self._log.write(f"\n--- {' '.join(self.command)}\n".encode())
        self._log.flush()
        self.process = subprocess.Popen(
            self.command,
            cwd=REPO_ROOT,
            env=self._env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait_healthy(timeout)
        except BaseException:
            self.kill()
            raise
        self.startup_seconds = time.monotonic() - started
        return self

    def _wait_healthy(self, timeout: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        health = f"{self.url}/_stcore/health"
        while True:
            code = self.process.poll()
            if code is not None:
                raise ServerError(f"streamlit exited with code {code} before it was healthy:\n{self.log()}")
            try:
                with urllib.request.urlopen(health, timeout=1) as response:
                    if response.read().decode().strip() == "ok":
                        return
            except (OSError, urllib.error.URLError):
                pass  # not listening yet
            if time.monotonic() > deadline:
                raise ServerError(f"{health} did not answer 'ok' within {timeout:.0f} s:\n{self.log()}")
            time.sleep(0.05)

    def stop(self) -> None:
        """Terminate the server; SIGKILL it if it is still alive after 5 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL the server, as a crash would: no shutdown handlers run."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def restart(self, timeout: float = HEALTH_TIMEOUT_S) -> StreamlitServer:
        """Start again on the same port (after `kill()` or `stop()`)."""
        self.stop()
        return self.start(timeout)

    def log(self) -> str:
        """Everything the server printed so far (all runs of this object)."""
        self._log.flush()
        return Path(self._log.name).read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        """Stop the server and delete its log file."""
        self.stop()
        self._log.close()
        Path(self._log.name).unlink(missing_ok=True)

    def __enter__(self) -> StreamlitServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "stopped"
        if self.process is not None and self.process.poll() is None:
            state = f"pid {self.process.pid}"
        return f"<StreamlitServer {self.script.name} {self.url} {state}>"


def start_streamlit(
    script_path: str | os.PathLike[str],
    env: Mapping[str, str | None] | None = None,
    port: int | None = None,
    timeout: float = HEALTH_TIMEOUT_S,
) -> StreamlitServer:
    """Start `streamlit run script_path` from the repo root; return it healthy.

    `env` is laid over the current environment (a None value unsets a
    variable). Use the result as a context manager, or call `.close()`.
    """
    return StreamlitServer(script_path, env=env, port=port).start(timeout)
