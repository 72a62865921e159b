"""The ``quiz`` command: ``validate``, ``schema``, ``new`` and ``draft``. Each subcommand is one
small function returning an exit code; ``main`` is the one place that turns a refusal into a message."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.bank.model import QUESTION_TYPES
from quiz.errors import QuizError, format_issues, in_order
from quiz.interop import FORMATS
from quiz.text import count

if TYPE_CHECKING:
    from sqlalchemy.exc import SQLAlchemyError

# Each subcommand imports what it needs when it runs: the drafter, the record (SQLAlchemy, Alembic)
# and the statistics (numpy) cost seconds to import, and `quiz validate` needs none of them.


def validate(paths: Sequence[str], strict: bool, output: str) -> int:
    from quiz.bank.load import load_banks

    results, path_issues = load_banks(paths)
    issues = in_order([*path_issues, *(issue for result in results for issue in result.issues)])
    error_count = sum(issue.is_error for issue in issues)
    warning_count = len(issues) - error_count
    question_count = sum(len(result.bank.questions) for result in results if result.bank)
    if output == "json":
        print(json.dumps([issue.as_dict() for issue in issues], indent=2, ensure_ascii=False))
    elif issues:
        print(format_issues(issues))
    print(
        f"{count(len(results), 'bank')}, {count(question_count, 'question')}, "
        f"{count(error_count, 'error')}, {count(warning_count, 'warning')}",
        file=sys.stderr if output == "json" else sys.stdout,
    )
    failed = error_count > 0 or (strict and warning_count > 0) or not results
    return 1 if failed else 0


def schema() -> int:
    from quiz.bank.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def new_bank_command(folder: str, title: str) -> int:
    from quiz.authoring.scaffold import new_bank

    for path in new_bank(Path(folder), title):
        print(f"wrote {path}")
    print(
        f"next: quiz draft ARTICLE --bank {folder}, "
        f"or add a source and run quiz new question --bank {folder} --type single"
    )
    return 0


def new_question_command(folder: str, question_type: str, question_id: str | None, file: str) -> int:
    from quiz.authoring.new import new_question

    path, written_id, warnings = new_question(Path(folder), question_type, question_id, file)
    print(f"added {question_type} question {written_id!r} (draft: true) to {path}")
    print(f"checked: {count(len(warnings), 'warning')}, 0 errors; see them with: quiz validate {folder}")
    return 0


def draft_command(articles: Sequence[str], folder: str, title: str | None) -> int:
    from quiz.authoring.drafting.draft import draft

    result = draft(articles, Path(folder), title)
    if result.created_bank:
        print(f"created bank {Path(folder) / 'bank.yaml'}")
    for entry in result.sources:
        print(f"source {entry.id}: " + ("already in the bank" if entry.existing else entry.file))
    statuses = ", ".join(
        f"{sum(claim.status == status for claim in result.claims)} {status}"
        for status in ("conflicting", "consistent", "unsupported")
    )
    print(
        f"wrote {result.file}: {count(len(result.claims), 'claim')} ({statuses}), "
        f"{count(result.questions, 'question')}, every one a draft"
    )
    errors = [issue for issue in result.issues if issue.is_error]
    if errors:
        print(format_issues(errors))
        print(
            f"error: the bank does not validate: {count(len(errors), 'error')}; "
            f"if they are in {result.file.name}, that is a bug in quiz draft",
            file=sys.stderr,
        )
        return 1
    print(
        f"checked: 0 errors, {count(len(result.issues), 'warning')} (drafts are warnings); "
        f"review with: quiz validate {folder}"
    )
    return 0


def stats_command(file: str, output: str) -> int:
    """Moodle's quiz and item statistics of a responses.csv; a malformed file gets FILE:LINE: errors."""
    from quiz.report import analysis, responses
    from quiz.report import output as report_output

    found, issues = responses.read(Path(file), file)
    if issues:
        print("\n".join(responses.format_issue(issue) for issue in issues), file=sys.stderr)
        return 1
    result = analysis.analyse(found)
    print(report_output.as_json(result) if output == "json" else report_output.as_text(result))
    return 0


def export_command(folder: str, quiz_id: str | None, fmt: str, output: str) -> int:
    """One file for Moodle (GIFT, Moodle XML) or Canvas (QTI); a bank with errors gets them, and nothing is written."""
    from quiz.interop import export as interop_export

    done = interop_export.export_file(folder, quiz_id, fmt, output)
    if done.errors:
        print(format_issues(done.errors), file=sys.stderr)
        return 1
    print(f"wrote {done.path}: {count(done.questions, 'question')} ({fmt})")
    return 0


def _database(url: str | None) -> str:
    from quiz.record import db

    return url or db.database_url(os.environ, db.file_secrets(Path.cwd()), Path.cwd())


def _database_failed(target: str, action: str, problem: SQLAlchemyError) -> int:
    from quiz.record import db

    cause = getattr(problem, "orig", None) or problem
    print(f"error: {db.describe(target)}: cannot {action}: {cause.__class__.__name__}: {cause}", file=sys.stderr)
    return 1


def db_upgrade_command(url: str | None) -> int:
    """Apply the record's migrations up to the newest (the app does this at start too)."""
    from sqlalchemy.exc import SQLAlchemyError

    from quiz.record import db

    target = _database(url)
    engine = db.open_engine(target)
    try:
        db.upgrade(engine)
        print(f"{db.describe(target)}: at revision {db.current(engine)} (the newest)")
    except SQLAlchemyError as problem:
        return _database_failed(target, "upgrade", problem)
    finally:
        engine.dispose()
    return 0


def db_purge_command(days: int, url: str | None) -> int:
    """Delete the attempts (and their answers) started more than ``days`` days ago."""
    from datetime import timedelta

    from sqlalchemy.exc import SQLAlchemyError

    from quiz.record import db, store

    if days < 0:
        print("error: --older-than: expected a number of days, 0 or more", file=sys.stderr)
        return 1
    target = _database(url)
    engine = db.open_engine(target)
    try:
        db.upgrade(engine)
        deleted = store.purge(engine, timedelta(days=days), store.now_utc())
    except SQLAlchemyError as problem:
        return _database_failed(target, "purge", problem)
    finally:
        engine.dispose()
    print(f"deleted {count(deleted, 'attempt')} older than {count(days, 'day')}, with their answers")
    return 0


def import_command(file: str, folder: str) -> int:
    """GIFT questions as drafts in a new bank file; what cannot come in is listed, one line each."""
    from quiz.interop import gift_import

    done = gift_import.import_gift(file, folder)
    if done.errors:
        print(format_issues(done.errors), file=sys.stderr)
        return 1
    if done.skipped:
        print(format_issues(done.skipped))
    if done.file is None:
        print(f"error: {file}: no question that this bank format can hold; nothing written", file=sys.stderr)
        return 1
    left_out = f"{count(len(done.skipped), 'entry', 'entries')} not imported"
    print(f"wrote {done.file}: {count(len(done.questions), 'question')}, drafts, no citations yet; {left_out}")
    warnings = count(len(done.checked), "warning")
    print(f"checked: 0 errors, {warnings} (drafts are warnings); review with: quiz validate {folder}")
    return 0


def _parser() -> argparse.ArgumentParser:
    """Every subcommand sets ``run``: a function of the parsed arguments that returns the exit code.
    A subcommand's parser is required, so argparse answers anything else with its usage and exit 2;
    to add one, write one small function above and one parser here that sets ``run`` to it."""
    parser = argparse.ArgumentParser(
        prog="quiz", description="Media-literacy quiz banks: check them, describe their format, start and draft them."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check banks; print FILE:LINE:COL: error: ... for every problem")
    check.add_argument(
        "paths",
        nargs="*",
        default=["questions"],
        metavar="PATH",
        help="a bank folder, or a folder of banks (default: questions)",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="json: the problems as a list of objects"
    )
    check.set_defaults(run=lambda args: validate(args.paths, args.strict, args.format))
    commands.add_parser("schema", help="print the JSON Schema of a bank file").set_defaults(run=lambda args: schema())
    new = commands.add_parser("new", help="scaffold a bank, or add a question skeleton to one").add_subparsers(
        dest="what", required=True
    )
    bank = new.add_parser("bank", help="create a bank folder: bank.yaml with the schema modeline, and sources/")
    bank.add_argument("folder", metavar="DIR")
    bank.add_argument("--title", required=True, help="the bank's title; its id is made from it")
    bank.set_defaults(run=lambda args: new_bank_command(args.folder, args.title))
    question = new.add_parser("question", help="append a question skeleton (draft: true) to a bank file")
    question.add_argument("--bank", required=True, metavar="DIR")
    question.add_argument("--type", required=True, metavar="TYPE", help=f"one of: {', '.join(QUESTION_TYPES)}")
    question.add_argument("--id", help="the question's id (default: new-TYPE-question)")
    question.add_argument(
        "--file", default="questions.yaml", help="the bank file to append to (default: questions.yaml)"
    )
    question.set_defaults(run=lambda args: new_question_command(args.bank, args.type, args.id, args.file))
    drafting = commands.add_parser("draft", help="add articles as sources and draft claims and questions from them")
    drafting.add_argument("articles", nargs="+", metavar="ARTICLE", help="plain-text or Markdown files, UTF-8")
    drafting.add_argument("--bank", required=True, metavar="DIR", help="the bank folder (created if it has no bank)")
    drafting.add_argument("--title", help="the bank's title, when the bank is created (default: the first article's)")
    drafting.set_defaults(run=lambda args: draft_command(args.articles, args.bank, args.title))
    statistics = commands.add_parser("stats", help="Moodle's quiz and item statistics of a responses.csv")
    statistics.add_argument("file", metavar="RESPONSES.csv", help="one row per question of each finished attempt")
    statistics.add_argument("--format", choices=("text", "json"), default="text")
    statistics.set_defaults(run=lambda args: stats_command(args.file, args.format))
    exporting = commands.add_parser("export", help="write a bank or a quiz for Moodle (GIFT, XML) or Canvas (QTI)")
    exporting.add_argument("bank", metavar="BANK", help="the bank folder")
    exporting.add_argument("--quiz", metavar="ID", help="one quiz of the bank (default: every question not a draft)")
    exporting.add_argument("--format", required=True, choices=FORMATS)
    exporting.add_argument("--output", required=True, metavar="FILE")
    exporting.set_defaults(run=lambda args: export_command(args.bank, args.quiz, args.format, args.output))
    importing = commands.add_parser("import", help="add a GIFT file's questions to a bank, as drafts in a new file")
    importing.add_argument("file", metavar="FILE.gift")
    importing.add_argument("--bank", required=True, metavar="FOLDER", help="the bank folder")
    importing.set_defaults(run=lambda args: import_command(args.file, args.bank))
    database = commands.add_parser("db", help="the record of classes and answers: upgrade its schema, purge old ones")
    database.add_argument("--url", help="default: QUIZ_DATABASE_URL, the secrets, .quiz-data/quiz.sqlite3")
    dbs = database.add_subparsers(dest="db_command", required=True)
    dbs.add_parser("upgrade", help="apply the schema's migrations up to the newest").set_defaults(
        run=lambda args: db_upgrade_command(args.url)
    )
    purging = dbs.add_parser("purge", help="delete attempts started more than DAYS days ago, with their answers")
    purging.add_argument("--older-than", type=int, required=True, metavar="DAYS")
    purging.set_defaults(run=lambda args: db_purge_command(args.older_than, args.url))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except QuizError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
