"""quiz/draft.py: `quiz draft` end to end: sources copied, a ledger and draft questions that validate."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.bank.load import load_bank
from quiz.cli import main
from tests.authoring.drafting.test_ledger import ARTICLES, SEEDS

LOCAL = ("millbrook-library.md", "alder-flood.txt")


def run_draft(
    capsys: pytest.CaptureFixture[str], folder: Path, *names: str, extra: tuple[str, ...] = ()
) -> tuple[int, str, str]:
    code = main(["draft", *(str(ARTICLES / name) for name in names), "--bank", str(folder), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def draft_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("draft-*.yaml"))


def test_seeds_draft_into_a_new_bank_that_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    folder = tmp_path / "cuties"
    code, out, err = run_draft(capsys, folder, *SEEDS, extra=("--title", "Cuties, drafted"))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"created bank {folder / 'bank.yaml'}",
        "source netflix-often-pushed-bar: sources/netflix-often-pushed-bar.md",
        "source netflix-defended-docuseries-film: sources/netflix-defended-docuseries-film.md",
        # the figures docs/authoring.md reports (tests/test_docs.py checks they are there)
        f"wrote {folder / 'draft-netflix-often-pushed-bar.yaml'}: 17 claims (3 conflicting, 10 consistent, 4"
        f" unsupported), 32 questions, every one a draft",
        f"checked: 0 errors, 32 warnings (drafts are warnings); review with: quiz validate {folder}",
    ]
    for name, source_id in zip(SEEDS, ("netflix-often-pushed-bar", "netflix-defended-docuseries-film")):
        assert (folder / "sources" / f"{source_id}.md").read_bytes() == (ARTICLES / name).read_bytes()
    result = load_bank(folder)
    assert result.errors == ()
    bank = result.bank
    assert bank is not None and bank.info.title == "Cuties, drafted"
    assert bank.questions and all(question.draft for question in bank.questions.values())
    assert {issue.message for issue in result.warnings} == {
        "draft: checked, but never served in a quiz"
    }  # no wrong choice without feedback
    claims = bank.claims
    assert claims["count-people-signed-petition"].status == "conflicting"
    assert [report.quote for report in claims["count-people-signed-petition"].reports] == [
        'There are over 300,000 people who signed a petition demanding "Cuties" to be removed.',
        "A petition on Change.org calling Netflix subscribers to cancel their subscription due to the inappropriate"
        " content "
        '"that exploits children and makes a disturbing vibe," gained more than 600,000 signatures.',
    ]
    assert claims["kind-of-cuties"].status == "conflicting"
    assert {report.source for report in claims["kind-of-cuties"].reports} == {
        "netflix-often-pushed-bar",
        "netflix-defended-docuseries-film",
    }
    assert claims["unsourced-doucoure-receives-death-threats"].status == "unsupported"
    source = bank.sources["netflix-often-pushed-bar"]
    assert source.note.startswith(
        "Drafted by quiz draft from 000_10d12caac7ace896.txt, copied unedited. Unknown: outlet, author, publication"
        " date;"
    )
    assert source.note.endswith(
        "The latest embedded post is dated September 11, 2020, so the text was put together on or after that day."
    )
    assert main(["validate", str(folder)]) == 0


def test_every_question_type_the_ledger_implies(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    folder = tmp_path / "cuties"
    assert run_draft(capsys, folder, *SEEDS)[0] == 0
    bank = load_bank(folder).bank
    assert bank is not None
    by_id = bank.questions
    assert by_id["kind-of-cuties-check"].verdict == "conflicting"  # type: ignore[union-attr]
    assert by_id["unsourced-doucoure-receives-death-threats-check"].verdict == "not-in-sources"  # type: ignore[union-attr]
    source = by_id["unsourced-doucoure-receives-death-threats-source"]
    assert [(choice.text, choice.correct) for choice in source.choices][0] == ("The article gives no source", True)  # type: ignore[union-attr]
    assert {question.type for question in by_id.values()} == {"single", "true-false", "claim-check"}
    assert by_id["said-nme-opinion"].prompt == (
        "In the second article, is “a powerful exploration of how young girls subconsciously are encouraged to perform"
        " for the male gaze” a fact, an opinion or the article's own conclusion?"
    )
    for question in by_id.values():
        assert question.explanation and question.cite and question.claims and question.skills
        assert "**Habit:**" in question.explanation


def test_articles_it_has_never_seen(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    folder = tmp_path / "local"
    code, out, _ = run_draft(capsys, folder, *LOCAL)
    assert code == 0
    bank = load_bank(folder).bank
    assert bank is not None
    assert bank.sources["library-closure-plan-draws-protest-in-millbrook"].author == "Jane Porter"
    assert str(bank.sources["library-closure-plan-draws-protest-in-millbrook"].published) == "2026-03-04"
    assert bank.sources["alder-flood"].title == "Alder flood"
    assert {claim_id for claim_id, claim in bank.claims.items() if claim.status == "conflicting"} == {
        "count-residents-signed-petition",
        "count-homes-flooded",
    }
    assert "2 conflicting" in out.splitlines()[3]


def test_same_input_gives_byte_identical_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    outputs = []
    for name in ("one", "two"):
        assert run_draft(capsys, tmp_path / name, *SEEDS, *LOCAL)[0] == 0
        outputs.append(
            {path.name: path.read_bytes() for path in sorted((tmp_path / name).rglob("*")) if path.is_file()}
        )
    assert outputs[0] == outputs[1]


def test_drafting_into_an_existing_bank_twice(make_bank, capsys: pytest.CaptureFixture[str]):
    folder = make_bank()
    assert run_draft(capsys, folder, "alder-flood.txt")[0] == 0
    code, out, _ = run_draft(capsys, folder, "alder-flood.txt")
    assert code == 0
    assert out.splitlines()[0] == "source alder-flood: already in the bank"
    assert [path.name for path in draft_files(folder)] == ["draft-alder-flood-2.yaml", "draft-alder-flood.yaml"]
    assert "sources:" not in (folder / "draft-alder-flood-2.yaml").read_text(encoding="utf-8")
    result = load_bank(folder)
    assert result.errors == ()
    assert list(result.bank.sources) == ["gazette", "alder-flood"]  # type: ignore[union-attr]


def test_an_article_already_in_sources_is_not_copied_twice(make_bank, capsys: pytest.CaptureFixture[str]):
    folder = make_bank()
    shutil.copy(ARTICLES / "alder-flood.txt", folder / "sources" / "alder-flood.md")
    assert run_draft(capsys, folder, "alder-flood.txt")[0] == 0
    assert sorted(path.name for path in (folder / "sources").iterdir()) == [
        "alder-flood-2.md",
        "alder-flood.md",
        "gazette.md",
    ]
    assert load_bank(folder).errors == ()


def test_missing_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    code, out, err = run_draft(capsys, tmp_path / "bank", "alder-flood.txt", "no-such-article.md")
    assert (code, out) == (1, "")
    assert err == f"error: {ARTICLES / 'no-such-article.md'}: no such file\n"
    assert not (tmp_path / "bank").exists()  # nothing written when any article cannot be read


def test_non_utf8_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    article = tmp_path / "latin1.txt"
    article.write_bytes("Le conseil a voté.\nLa mairie a répondu.\n".encode("latin-1"))
    assert main(["draft", str(article), "--bank", str(tmp_path / "bank")]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {article}:1: not valid UTF-8 (byte 0xe9); save the article as UTF-8 and try again\n"
    )
    assert not (tmp_path / "bank").exists()


def test_an_article_with_nothing_checkable_still_adds_the_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    article = tmp_path / "note.md"
    article.write_text("# A quiet week\n\nNothing happened here.\n", encoding="utf-8")
    assert main(["draft", str(article), "--bank", str(tmp_path / "bank")]) == 0
    out = capsys.readouterr().out
    assert "0 claims (0 conflicting, 0 consistent, 0 unsupported), 0 questions" in out
    result = load_bank(tmp_path / "bank")
    assert result.errors == () and list(result.bank.sources) == ["a-quiet-week"]  # type: ignore[union-attr]


def test_a_file_where_the_bank_should_be(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "bank").write_text("x", encoding="utf-8")
    code, _, err = run_draft(capsys, tmp_path / "bank", "alder-flood.txt")
    assert (code, err) == (1, f"error: {tmp_path / 'bank'}: exists and is not a folder\n")


def test_same_output_under_any_hash_seed(tmp_path: Path):
    """Nothing depends on set or dict order that Python randomises between runs."""
    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        command = [
            sys.executable,
            "-m",
            "quiz",
            "draft",
            *(str(ARTICLES / name) for name in (*SEEDS, *LOCAL)),
            "--bank",
            str(folder),
        ]
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        outputs.append({path.name: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()})
    assert outputs[0] == outputs[1]
