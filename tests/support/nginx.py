"""nginx from deploy/nginx.conf in front of given servers, on a free loopback port, in the foreground."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tests.support.server import REPO_ROOT, free_port

CONFIG = REPO_ROOT / "deploy" / "nginx.conf"
MISSING = "nginx not found: install Debian's nginx (apt-get install nginx) to run this test"


def find() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def config(folder: Path, listen: int, ports: Sequence[int]) -> Path:
    """deploy/nginx.conf with this run's ports and a private folder for its pid, logs and buffers."""
    text = CONFIG.read_text(encoding="utf-8")
    text = text.replace("127.0.0.1:8080", f"127.0.0.1:{listen}")
    text = text.replace("127.0.0.1:8501", f"127.0.0.1:{ports[0]}").replace("127.0.0.1:8502", f"127.0.0.1:{ports[1]}")
    text = text.replace("/tmp/quiz-nginx", str(folder / "nginx"))
    path = folder / "nginx.conf"
    path.write_text(text, encoding="utf-8")
    return path


@contextmanager
def proxy(binary: str, folder: Path, ports: Sequence[int]) -> Iterator[str]:
    """nginx running; yields its base URL."""
    listen = free_port()
    process = subprocess.Popen([binary, "-c", str(config(folder, listen, ports)), "-g", "daemon off;"])
    base = f"http://127.0.0.1:{listen}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(10)
