"""quiz/schema.py: the checked-in JSON Schema is current, and an independent validator agrees with it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.bank.schema import schema_text
from tests.conftest import MINI, REPO

SCHEMA = REPO / "questions" / "bank.schema.json"


def test_checked_in_schema_is_current():
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), "run: quiz schema > questions/bank.schema.json"


def test_every_bank_file_carries_the_modeline():
    files = sorted((REPO / "questions").glob("*/*.y*ml")) + sorted(MINI.glob("*.yaml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith("bank.schema.json"), path


def _check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    if tool is None:
        pytest.fail("check-jsonschema is not installed: pip install -e '.[test]'")
    return subprocess.run([tool, "--schemafile", str(SCHEMA), *map(str, files)], capture_output=True, text=True)


def test_independent_validator_accepts_the_bundled_banks():
    files = sorted((REPO / "questions").glob("*/*.yaml")) + sorted(MINI.glob("*.yaml"))
    done = _check_jsonschema(*files)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "text, complaint",
    [
        ("questions:\n  - id: q\n    type: single\n    prompt: P\n", "'explanation' is a required property"),
        ("questions:\n  - {id: q, type: sometimes}\n", "sometimes"),
        ("bank: {id: x, title: T, colour: red}\n", "Additional properties are not allowed ('colour' was unexpected)"),
        ("sources:\n  - {id: s, title: S, file: s.md, kind: blog}\n", "'blog' is not one of"),
        ("quizzes: not-a-list\n", "'not-a-list' is not of type 'array'"),
    ],
)
def test_independent_validator_rejects_broken_structure(tmp_path: Path, text: str, complaint: str):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    done = _check_jsonschema(path)
    assert done.returncode == 1
    assert complaint in done.stdout + done.stderr
