"""``quiz export``: the command line contract, what goes out, and the per-version cache the app uses."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pytest

from quiz.bank.load import load_bank
from quiz.cli import main
from quiz.interop import export
from tests.interop.conftest import BANKS, bank


@pytest.mark.parametrize(("fmt", "start"), [("gift", b"// "), ("moodle-xml", b"<?xml"), ("qti", b"PK")])
def test_export_writes_the_file_and_says_how_many(fmt: str, start: bytes, tmp_path: Path, capsys) -> None:
    output = tmp_path / f"out{export.SUFFIXES[fmt]}"
    assert main(["export", str(BANKS["mini"]), "--format", fmt, "--output", str(output)]) == 0
    assert output.read_bytes().startswith(start)
    assert capsys.readouterr().out == f"wrote {output}: 6 questions ({fmt})\n"


def test_a_quiz_alone(tmp_path: Path, capsys) -> None:
    output = tmp_path / "quiz.gift"
    assert main(["export", str(BANKS["mini"]), "--quiz", "exam", "--format", "gift", "--output", str(output)]) == 0
    pool = [question.id for question in export.questions(bank("mini"), "exam")]
    assert capsys.readouterr().out == f"wrote {output}: {len(pool)} questions (gift)\n"
    assert re.findall(r"\[id:([^\]]+)\]", output.read_text("utf-8")) == pool
    assert len(pool) < len(bank("mini").served())  # the pool, by its filters, not the whole bank


def test_a_quiz_that_picks_at_random_exports_its_pool() -> None:
    loaded = bank("mini")
    picking = [quiz for quiz in loaded.quizzes.values() if quiz.pick is not None]
    assert picking
    for quiz in picking:
        pool = export.questions(loaded, quiz.id)
        assert len(pool) >= (quiz.pick or 0)
        assert all(not question.draft for question in pool)
        assert all(not quiz.skills or set(question.skills) & set(quiz.skills) for question in pool)


def test_drafts_never_go_out() -> None:
    loaded = bank("mini")
    assert any(question.draft for question in loaded.questions.values())
    assert [question.id for question in export.questions(loaded)] == [question.id for question in loaded.served()]


def test_a_broken_bank_gets_its_located_errors_and_nothing_is_written(make_bank, tmp_path: Path, capsys) -> None:
    folder = make_bank({"questions.yaml": "questions:\n  - id: x\n    type: single\n    prompt: [\n"})
    output = tmp_path / "out.gift"
    assert main(["export", str(folder), "--format", "gift", "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert re.match(rf"{re.escape(str(folder / 'questions.yaml'))}:\d+:\d+: error: ", err), err
    assert not output.exists()
    assert not list(tmp_path.glob(".*part"))


def test_an_unknown_quiz_is_refused(tmp_path: Path, capsys) -> None:
    output = tmp_path / "out.gift"
    assert main(["export", str(BANKS["mini"]), "--quiz", "nope", "--format", "gift", "--output", str(output)]) == 1
    assert "error: bank 'mini' has no quiz 'nope' (its quizzes: " in capsys.readouterr().err
    assert not output.exists()


def test_an_unwritable_output_is_an_error_not_a_traceback(tmp_path: Path, capsys) -> None:
    output = tmp_path / "missing-folder" / "out.gift"
    assert main(["export", str(BANKS["mini"]), "--format", "gift", "--output", str(output)]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_the_cache_renders_once_per_bank_version(tmp_path: Path) -> None:
    cache = export.Cache()
    first = load_bank(BANKS["mini"]).bank
    assert first is not None
    data = cache.get(first, None, "gift")
    assert cache.get(first, None, "gift") is data and cache.renders == 1
    cache.get(first, "exam", "gift")
    assert cache.renders == 2
    second = load_bank(BANKS["mini"]).bank  # another version (here the same files, loaded again)
    assert second is not None
    assert cache.get(second, None, "gift") == data and cache.renders == 3
    del first
    gc.collect()
    assert len(cache._made) == 1  # a version no longer loaded is forgotten with it
