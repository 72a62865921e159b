"""The ``quiz`` command: ``validate`` and ``schema``. Each subcommand is one small function
returning an exit code; ``main`` is the one place that turns a crash into a message."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .errors import format_issues
from .load import load_banks
from .schema import schema_text


def validate(paths: Sequence[str], strict: bool, output: str) -> int:
    results, path_issues = load_banks(paths)
    issues = list(path_issues) + [issue for result in results for issue in result.issues]
    error_count = sum(issue.is_error for issue in issues)
    warning_count = len(issues) - error_count
    question_count = sum(len(result.bank.questions) for result in results if result.bank)
    if output == "json":
        print(json.dumps([issue.as_dict() for issue in issues], indent=2, ensure_ascii=False))
    elif issues:
        print(format_issues(issues))
    print(f"{_plural(len(results), 'bank')}, {_plural(question_count, 'question')}, "
          f"{_plural(error_count, 'error')}, {_plural(warning_count, 'warning')}",
          file=sys.stderr if output == "json" else sys.stdout)
    failed = error_count > 0 or (strict and warning_count > 0) or not results
    return 1 if failed else 0


def schema() -> int:
    sys.stdout.write(schema_text())
    return 0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quiz", description="Media-literacy quiz banks: check them, and describe their format.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check banks; print FILE:LINE:COL: error: ... for every problem")
    check.add_argument("paths", nargs="*", default=["questions"], metavar="PATH", help="a bank folder, or a folder of banks (default: questions)")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=("text", "json"), default="text", help="json: the problems as a list of objects")
    commands.add_parser("schema", help="print the JSON Schema of a bank file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return validate(args.paths, args.strict, args.format)
        return schema()
    except KeyboardInterrupt:
        return 130
