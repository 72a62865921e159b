"""gift-pegjs, run with node, as a Python function: GIFT text in, its parse (JSON) out."""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path
from typing import Any

from tests.support.node import node, node_modules

SCRIPT = Path(__file__).with_name("gift_parse.js")


class GiftPegjs:
    """One node process that parses every text it is sent (Hypothesis sends hundreds)."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [node(), str(SCRIPT), str(node_modules()), "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self._lock = threading.Lock()

    def parse(self, gift: str) -> Any:
        """The parsed questions (a list), or ``{"error": ..., "line": ..., "column": ...}``."""
        assert self._process.stdin is not None and self._process.stdout is not None
        with self._lock:
            self._process.stdin.write(json.dumps(gift) + "\n")
            self._process.stdin.flush()
            return json.loads(self._process.stdout.readline())

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=10)


def parse_files(*files: Path) -> list[Any]:
    """The parse of each file, by the command line form of the script."""
    done = subprocess.run(
        [node(), str(SCRIPT), str(node_modules()), *map(str, files)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)
