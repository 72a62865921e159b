"""Node.js checkers from npm (``tests/node/package.json``): gift-pegjs for GIFT, axe-core for pages.

``node_modules()`` installs them once with ``npm ci`` from the committed lock file (the registry is
the only download, at test time, never at run time) and returns the folder; without node or npm the
test skips with a message, or fails under ``CI=true``.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

from tests.support.requires import missing

NODE_DIR = Path(__file__).resolve().parents[1] / "node"
NODE_MISSING = "Node.js and npm not found: install Debian's nodejs and npm to run the independent checkers"
_installing = threading.Lock()


def node() -> str:
    """The node executable (skips or fails the test without one)."""
    found = shutil.which("node")
    if found is None:
        missing(NODE_MISSING)
    assert found is not None
    return found


def node_modules() -> Path:
    """``tests/node/node_modules`` with the locked packages installed."""
    node()
    npm = shutil.which("npm")
    if npm is None:
        missing(NODE_MISSING)
    assert npm is not None
    folder = NODE_DIR / "node_modules"
    stamp = folder / ".package-lock.json"
    with _installing:
        lock = NODE_DIR / "package-lock.json"
        if not stamp.is_file() or stamp.stat().st_mtime < lock.stat().st_mtime:
            done = subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund", "--silent"],
                cwd=NODE_DIR,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if done.returncode != 0:
                missing(f"npm ci in {NODE_DIR} failed: {done.stderr.strip()[-500:]}")
    return folder
