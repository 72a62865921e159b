"""Shared helpers: small banks written into a temporary folder, one break at a time."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "tests" / "fixtures" / "banks" / "mini"

SOURCE_TEXT = """Bridge vote splits Millbrook council

The council voted 5 to 4 on Tuesday to build a footbridge, ending a debate that lasted two years.

Mayor Ada Okafor said the bridge “will join the two halves of our town.” The project will cost £2.4 million.
"""

BANK_YAML = """\
bank:
  id: test
  title: Test bank
sources:
  - id: gazette
    title: The Gazette
    file: sources/gazette.md
"""

QUESTION_YAML = """\
questions:
  - id: cost
    type: single
    prompt: How much?
    choices:
      - text: £2.4 million
        correct: true
      - text: £3 million
        feedback: Another estimate.
    explanation: The article says so.
    cite:
      - source: gazette
        quote: The project will cost £2.4 million.
    skills: [numbers]
"""


@pytest.fixture
def make_bank(tmp_path: Path) -> Callable[..., Path]:
    """Write a bank folder: the base bank (bank.yaml, one source) plus the given files.

    Pass ``bank_yaml=None`` to leave bank.yaml out; file texts are dedented."""

    def make(files: dict[str, str] | None = None, *, bank_yaml: str | None = BANK_YAML, name: str = "test") -> Path:
        folder = tmp_path / name
        (folder / "sources").mkdir(parents=True, exist_ok=True)
        (folder / "sources" / "gazette.md").write_text(SOURCE_TEXT, encoding="utf-8")
        if bank_yaml is not None:
            (folder / "bank.yaml").write_text(bank_yaml, encoding="utf-8")
        for relative, text in (files or {}).items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return make
