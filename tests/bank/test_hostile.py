"""tests/fixtures/hostile/: one folder per hostile input, loaded as a bank.

Each case gives exactly its expected lines (file relative to the case folder, line, column,
message), constructs no object and reads nothing outside its bank: every case is loaded from a
copy beside a file holding MARKER, in a working folder where a payload that ran would leave a
``pwned-*`` file. Cases that need the file system's help (symbolic links, a 16 MiB file, a lower
size limit) are set up at test time. Known bugs are pinned at the end, each as a strict xfail.
"""

from __future__ import annotations

import os
import shutil
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from quiz.bank import parse as parse_module
from quiz.bank.load import LoadResult, load_bank

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile"
MARKER = "MARKER-7f3a-outside-the-bank"
OUTSIDE = "@OUTSIDE@"  # in a case file: the absolute path of the file outside the bank
TAG_HINT = " (hint: remove the tag; a bank holds only plain text, numbers, true/false, lists and mappings)"
OUT_HINT = " (hint: keep source texts inside the bank, e.g. sources/NAME.md)"


def _tagged(line: int, col: int, tag: str, path: str, found: str) -> list[str]:
    """One error per tag: the models' complaint about the refused (null) value at the same
    place is not repeated. ``path`` and ``found`` name what the tag stood in for."""
    return [f"bank.yaml:{line}:{col}: error: tags are not allowed, found {tag!r}{TAG_HINT}"]


def _text_tag(tag: str) -> list[str]:
    return _tagged(4, 16, tag, "bank.description", "expected text, found nothing")


def _list_tag(tag: str) -> list[str]:
    return _tagged(
        4,
        12,
        tag,
        "bank.authors",
        "expected a list, found nothing (hint: write items on lines starting with '- ', or [a, b])",
    )


EXPECTED: dict[str, list[str]] = {
    "tag-python-object": _text_tag("tag:yaml.org,2002:python/object:subprocess.Popen"),
    "tag-python-object-apply": _text_tag("tag:yaml.org,2002:python/object/apply:os.system"),
    "tag-python-object-new": _text_tag("tag:yaml.org,2002:python/object/new:tuple"),
    "tag-python-name": _text_tag("tag:yaml.org,2002:python/name:os.system"),
    "tag-python-module": _text_tag("tag:yaml.org,2002:python/module:os"),
    "tag-python-tuple": _list_tag("tag:yaml.org,2002:python/tuple"),
    "tag-set": _list_tag("tag:yaml.org,2002:set"),
    "tag-omap": _list_tag("tag:yaml.org,2002:omap"),
    "tag-binary": _text_tag("tag:yaml.org,2002:binary"),
    "tag-timestamp": _text_tag("tag:yaml.org,2002:timestamp"),
    "tag-custom": _text_tag("!foo"),
    "tag-directive": _tagged(
        6, 16, "tag:yaml.org,2002:python/object/apply:os.system", "bank.description", "expected text, found nothing"
    ),
    "tag-on-key": ["bank.yaml:4:3: error: a key must be plain text"],
    "alias-bomb": [
        "hostile.yaml:1:11: error: the document expands to more than 1,000,000 values (aliases repeated too deeply?) "
        "(hint: avoid anchors and aliases that repeat large parts)"
    ],
    "alias-loop": ["hostile.yaml:1:9: error: nesting is deeper than the limit of 64 levels"],
    # Both ways of measuring depth (building values; past 2,000 brackets, the event stream first)
    # count the top mapping as level 1, so the same bracket is reported however deep the file goes.
    "deep-flow-nesting": ["hostile.yaml:1:75: error: nesting is deeper than the limit of 64 levels"],
    "deep-nesting-past-the-c-stack": ["hostile.yaml:1:75: error: nesting is deeper than the limit of 64 levels"],
    "deep-block-nesting": ["hostile.yaml:2:127: error: nesting is deeper than the limit of 64 levels"],
    "huge-scalar-small-limit": [
        "hostile.yaml:1:1: error: file is larger than the limit of 1,024 bytes (hint: split the bank into several "
        "files)"
    ],
    "invalid-utf8": ["hostile.yaml:3:16: error: file is not valid UTF-8 (byte 0xe9) (hint: save the file as UTF-8)"],
    "byte-order-mark": [],
    "crlf": [],
    "crlf-error": [
        "bank.yaml:17:14: error: questions[id=vote].skills[0]: unknown skill 'numbrs' (hint: did you mean 'numbers'?)"
    ],
    "tabs": [
        "hostile.yaml:2:1: error: invalid YAML: while scanning for the next token found character that cannot start "
        "any token "
        "(hint: YAML indents with spaces, not tabs)"
    ],
    "source-symlink-out": [
        "bank.yaml:7:11: error: sources[id=gazette].file: source file 'sources/gazette.md' is outside the bank "
        f"folder{OUT_HINT}"
    ],
    "source-dotdot": [
        "bank.yaml:7:11: error: sources[id=gazette].file: source file '../secret.md' is outside the bank "
        f"folder{OUT_HINT}"
    ],
    "source-dotdot-inside": [
        "bank.yaml:7:11: error: sources[id=gazette].file: source file 'sources/../../secret.md' is outside the bank "
        f"folder{OUT_HINT}"
    ],
    "source-absolute": [
        "bank.yaml:7:11: error: sources[id=gazette].file: source file must be a path relative to the bank folder, "
        f"found '{OUTSIDE}'"
    ],
    "empty-file": [],
    "list-root": [
        "list.yaml:1:1: error: a bank file must be a mapping of keys (bank, skills, sources, claims, questions, "
        "quizzes), found a list"
    ],
    "scalar-root": [
        "scalar.yaml:1:1: error: a bank file must be a mapping of keys (bank, skills, sources, claims, questions, "
        "quizzes), found 'just text'"
    ],
}

# Cases that once crashed the loader, put a line in the wrong place, or read outside the bank.
FIXED: dict[str, list[str]] = {
    "control-character": [
        "hostile.yaml:3:14: error: invalid YAML: character U+0000 is not allowed in YAML (hint: remove the control "
        "character)"
    ],
    "invalid-utf8-after-accents": [
        "hostile.yaml:3:16: error: file is not valid UTF-8 (byte 0xff) (hint: save the file as UTF-8)"
    ],
    # libyaml breaks a line at a lone '\r' too; editors' count (by '\n') is what is reported.
    "lone-carriage-return": [
        "bank.yaml:3:16: error: tags are not allowed, found '!foo' (hint: remove the tag; a bank holds only plain "
        "text, numbers, true/false, lists and mappings)"
    ],
    "line-separator": [
        "bank.yaml:4:16: error: tags are not allowed, found '!foo' (hint: remove the tag; a bank holds only plain "
        "text, numbers, true/false, lists and mappings)"
    ],
    "no-final-newline": [
        "hostile.yaml:1:13: error: invalid YAML: while parsing a flow node did not find expected node content"
    ],
    "source-file-dot": [
        "bank.yaml:7:11: error: sources[id=gazette].file: source file '.' is not a file (hint: name a text file, e.g. "
        "sources/NAME.md)"
    ],
    "source-file-name-too-long": [
        f"bank.yaml:7:11: error: sources[id=gazette].file: source file '{'x' * 300}' cannot be read: File name too long"
    ],
    "source-file-nul": [
        "bank.yaml:7:11: error: sources[id=gazette].file: source file 'sources/a\\x00b.md' is not a valid file name"
    ],
    "typed-infinity": ["bank.yaml:7:11: error: quizzes[id=all].pick: expected a whole number, found 'inf'"],
    "typed-nan": [
        "bank.yaml:12:13: error: questions[id=vote].answer: expected true or false, found 'nan' (hint: only true and "
        "false are booleans)"
    ],
    "yaml-symlink-out": [
        "more.yaml:0:0: error: this file is a link out of the bank folder: not read (hint: copy the file into the bank "
        "instead)"
    ],
}
EXPECTED.update(FIXED)


def _link_source_out(folder: Path, secret: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "sources").mkdir()
    (folder / "sources" / "gazette.md").symlink_to(secret)


def _link_bank_file_out(folder: Path, secret: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "more.yaml").symlink_to(secret)


def _lower_the_size_limit(folder: Path, secret: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_module, "MAX_FILE_BYTES", 1024)


SETUP: dict[str, Callable[[Path, Path, pytest.MonkeyPatch], None]] = {
    "source-symlink-out": _link_source_out,
    "yaml-symlink-out": _link_bank_file_out,
    "huge-scalar-small-limit": _lower_the_size_limit,
}


def lines(folder: Path, result: LoadResult) -> list[str]:
    return [issue.format().replace(f"{folder}{os.sep}", "") for issue in sorted(result.issues)]


@pytest.fixture
def load_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], tuple[LoadResult, list[str]]]:
    """Load a copy of a case, from a working folder beside a file outside the bank that holds MARKER."""
    secret = tmp_path / "secret.md"
    secret.write_text(f"{MARKER}: the text outside the bank\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # where a payload that ran would leave its pwned-* file

    def load(name: str) -> tuple[LoadResult, list[str]]:
        folder = tmp_path / name
        shutil.copytree(HOSTILE / name, folder, symlinks=True)
        for path in folder.glob("*.yaml"):
            data = path.read_bytes()
            if OUTSIDE.encode() in data:
                path.write_bytes(data.replace(OUTSIDE.encode(), str(secret).encode()))
        if name in SETUP:
            SETUP[name](folder, secret, monkeypatch)
        result = load_bank(folder)
        return result, [line.replace(str(secret), OUTSIDE) for line in lines(folder, result)]

    return load


def assert_contained(result: LoadResult) -> None:
    """Nothing ran (no pwned-* file in the working folder) and nothing outside the bank was read."""
    assert sorted(path.name for path in Path.cwd().glob("pwned*")) == []
    assert [issue.format() for issue in result.issues if MARKER in issue.format()] == []
    assert result.bank is None or all(MARKER not in text.text for text in result.bank.texts.values())


def test_every_case_has_an_expectation():
    cases = {path.name for path in HOSTILE.iterdir() if path.is_dir()}
    assert cases == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_input_gives_exactly_its_errors(load_case, name: str):
    result, found = load_case(name)
    assert found == EXPECTED[name]
    assert (result.bank is not None) == (found == [])
    assert_contained(result)


def test_a_file_over_16_mib_is_refused_before_it_is_read(tmp_path: Path):
    folder = tmp_path / "huge-scalar"
    folder.mkdir()
    (folder / "bank.yaml").write_text("bank: {id: hostile, title: Huge}\n", encoding="utf-8")
    with (folder / "hostile.yaml").open("wb") as huge:
        huge.write(b"title: ")
        huge.write(b"x" * (parse_module.MAX_FILE_BYTES + 1))
    tracemalloc.start()
    result = load_bank(folder)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert lines(folder, result) == [
        "hostile.yaml:1:1: error: file is larger than the limit of 16 MiB (hint: split the bank into several files)"
    ]
    assert peak < 2**20


@pytest.mark.parametrize(
    "name, marker",
    [
        ("tag-python-object-apply", "pwned-object-apply"),
        ("tag-python-object-new", "pwned-object-new"),
        ("tag-directive", "pwned-tag-directive"),
    ],
)
def test_the_payloads_are_live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, marker: str):
    """yaml.unsafe_load would run them (a harmless ``touch``): so the cases above can fail."""
    monkeypatch.chdir(tmp_path)
    yaml.unsafe_load((HOSTILE / name / "bank.yaml").read_text(encoding="utf-8"))
    assert (tmp_path / marker).exists()
