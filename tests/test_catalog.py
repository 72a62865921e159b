"""Finding banks, noticing when they change on disk, and what each offers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from quiz import catalog
from quiz.load import load_bank
from quiz.model import Quiz
from tests.conftest import MINI


def test_bank_paths_from_the_environment(tmp_path: Path) -> None:
    assert catalog.bank_paths(None, "questions") == ("questions",)
    assert catalog.bank_paths("  ", "questions") == ("questions",)
    assert catalog.bank_paths(os.pathsep.join(["a", "", "b/c"]), "questions") == ("a", "b/c")


def test_fingerprint_changes_with_any_bank_file(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    before = catalog.fingerprint(folder)
    assert [path for path, _, _ in before] == [
        "bank.yaml", "questions.yaml", "quizzes.yaml", "sources/harbour-gazette.md", "sources/river-post.md"]
    assert catalog.fingerprint(folder) == before

    source = folder / "sources" / "river-post.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    edited = catalog.fingerprint(folder)
    assert edited != before

    (folder / "extra.yaml").write_text("questions: []\n", encoding="utf-8")
    assert catalog.fingerprint(folder) != edited
    (folder / ".hidden.swp").write_text("x", encoding="utf-8")
    assert [path for path, _, _ in catalog.fingerprint(folder)][1] == "extra.yaml"
    assert len(catalog.fingerprint(folder)) == 6


def test_build_keeps_broken_banks_beside_good_ones(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "banks" / "mini")
    broken = tmp_path / "banks" / "broken"
    broken.mkdir()
    (broken / "bank.yaml").write_text("bank:\n  id: broken\n  title: Broken\nquestions: nope\n", encoding="utf-8")
    loaded: list[Path] = []

    def load(folder: Path):
        loaded.append(folder)
        return load_bank(folder)

    found = catalog.build([tmp_path / "banks", tmp_path / "missing"], load)
    assert loaded == [broken, tmp_path / "banks" / "mini"]
    assert [bank.info.id for bank in found.banks] == ["mini"]
    assert [result.folder for result in found.broken] == [str(broken)]
    assert found.broken[0].errors[0].format() == f"{broken / 'bank.yaml'}:4:12: error: questions: expected a list, found 'nope' (hint: write items on lines starting with '- ', or [a, b])"
    assert [issue.message for issue in found.issues] == ["no such file or folder"]


def test_a_second_bank_with_the_same_id_is_shadowed(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "a")
    shutil.copytree(MINI, tmp_path / "b")
    found = catalog.build([tmp_path / "a", tmp_path / "b"], load_bank)
    assert [bank.folder for bank in found.banks] == [str(tmp_path / "a")]
    assert [(result.folder, winner) for result, winner in found.shadowed()] == [(str(tmp_path / "b"), str(tmp_path / "a"))]


def test_what_a_bank_offers() -> None:
    bank = load_bank(MINI).bank
    assert bank is not None
    assert catalog.counts(bank) == catalog.Counts(questions=6, sources=2, claims=2)  # the draft is not counted
    assert [skill.id for skill in catalog.skills_used(bank)] == [
        "conflicting-reports", "claim-verification", "attribution", "context-and-timing", "numbers"]
    assert catalog.quiz_size(bank, bank.quizzes["all"]) == 6
    assert catalog.quiz_size(bank, bank.quizzes["exam"]) == 3
    assert catalog.quiz_size(bank, Quiz(id="x", title="X", pick=9, difficulty=("easy",))) == 2
