"""Finding banks, noticing when they change on disk, and what each offers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from quiz.bank.load import load_bank
from quiz.bank.model import Quiz
from quiz.play import catalog
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
        "bank.yaml",
        "questions.yaml",
        "quizzes.yaml",
        "sources/harbour-gazette.md",
        "sources/river-post.md",
    ]
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
    assert (
        found.broken[0].errors[0].format()
        == f"{broken / 'bank.yaml'}:4:12: error: questions: expected a list, found 'nope' (hint: write items on lines "
        "starting with '- ', or [a, b])"
    )
    assert [issue.message for issue in found.issues] == ["no such file or folder"]


def test_a_second_bank_with_the_same_id_is_shadowed(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "a")
    shutil.copytree(MINI, tmp_path / "b")
    found = catalog.build([tmp_path / "a", tmp_path / "b"], load_bank)
    assert [bank.folder for bank in found.banks] == [str(tmp_path / "a")]
    assert [(result.folder, winner) for result, winner in found.shadowed()] == [
        (str(tmp_path / "b"), str(tmp_path / "a"))
    ]


def test_what_a_bank_offers() -> None:
    bank = load_bank(MINI).bank
    assert bank is not None
    assert catalog.counts(bank) == catalog.Counts(questions=6, sources=2, claims=2)  # the draft is not counted
    assert [skill.id for skill in catalog.skills_used(bank)] == [
        "conflicting-reports",
        "claim-verification",
        "attribution",
        "context-and-timing",
        "numbers",
    ]
    assert catalog.quiz_size(bank, bank.quizzes["all"]) == 6
    assert catalog.quiz_size(bank, bank.quizzes["exam"]) == 3
    assert catalog.quiz_size(bank, Quiz(id="x", title="X", pick=9, difficulty=("easy",))) == 2


def _break(folder: Path) -> None:
    (folder / "quizzes.yaml").write_text("quizzes:\n  - id: all\n    title: [unclosed\n", encoding="utf-8")


def test_a_bank_an_edit_breaks_is_still_served_as_it_last_loaded(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    last_good = catalog.LastGood()
    good = catalog.build([folder], load_bank, last_good)
    assert good.results[0].bank is not None and good.broken == () and good.stale == ()

    _break(folder)
    found = catalog.build([folder], load_bank, last_good)
    broken, kept = found.results
    assert broken.bank is None
    assert [issue.format() for issue in broken.errors] == [
        f"{folder / 'quizzes.yaml'}:4:1: error: invalid YAML: while parsing a flow sequence did not find expected ',' "
        "or ']'"
    ]
    assert kept is good.results[0]  # the very result loaded before: held, never copied or changed
    assert found.broken == (broken,) and found.stale == (kept,)
    assert found.by_id["mini"] is good.results[0].bank
    assert list(found.by_id["mini"].quizzes) == ["all", "exam"]
    assert found.shadowed() == ()


def test_a_fixed_bank_replaces_the_one_kept(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    last_good = catalog.LastGood()
    catalog.build([folder], load_bank, last_good)
    questions = folder / "questions.yaml"
    questions.write_text(
        questions.read_text(encoding="utf-8").replace("How much will the bridge cost", "What will the bridge cost"),
        encoding="utf-8",
    )
    edited = catalog.build([folder], load_bank, last_good)
    assert edited.by_id["mini"].questions["bridge-cost"].prompt.startswith("What will the bridge cost")

    _break(folder)
    found = catalog.build([folder], load_bank, last_good)
    assert found.by_id["mini"] is edited.by_id["mini"]  # the latest good version, not the first


def test_a_bank_broken_from_the_start_is_not_served(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    _break(folder)
    last_good = catalog.LastGood()
    found = catalog.build([folder], load_bank, last_good)
    assert [result.bank for result in found.results] == [None]
    assert found.banks == () and found.stale == ()


def test_without_last_good_a_broken_bank_is_not_served(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    catalog.build([folder], load_bank)
    _break(folder)
    found = catalog.build([folder], load_bank)
    assert [result.bank for result in found.results] == [None]
    assert found.banks == ()


def test_last_good_is_kept_per_folder(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "banks" / "a")
    shutil.copytree(MINI, tmp_path / "banks" / "b")
    for name in ("a", "b"):  # two ids, so neither shadows the other
        bank_file = tmp_path / "banks" / name / "bank.yaml"
        bank_file.write_text(
            bank_file.read_text(encoding="utf-8").replace("id: mini", f"id: mini-{name}"), encoding="utf-8"
        )
    last_good = catalog.LastGood()
    catalog.build([tmp_path / "banks"], load_bank, last_good)
    _break(tmp_path / "banks" / "b")
    found = catalog.build([tmp_path / "banks"], load_bank, last_good)
    assert [(Path(result.folder).name, result.bank is not None) for result in found.results] == [
        ("a", True),
        ("b", False),
        ("b", True),
    ]
    assert [bank.info.id for bank in found.banks] == ["mini-a", "mini-b"]
    assert [Path(result.folder).name for result in found.stale] == ["b"]
