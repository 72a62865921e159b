"""quiz/parse.py: safe YAML, YAML 1.2 scalars, duplicate keys, limits."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from quiz.bank import parse as parse_module
from quiz.bank.model import TYPED_KEYS
from quiz.bank.parse import parse


def load(text: str):
    parsed, issues = parse(text, "bank.yaml", TYPED_KEYS)
    return parsed.value, [issue.format() for issue in issues]


def test_only_true_and_false_are_booleans():
    value, issues = load("correct: true\nfixed: false\nanswer: yes\ndraft: on\ntitle: no\n")
    assert value == {"correct": True, "fixed": False, "answer": "yes", "draft": "on", "title": "no"}
    assert issues == []


def test_text_fields_keep_the_authors_text():
    value, _ = load("title: 2020\nclaim: 1.10\nquote: 1:20\nitems: [1, 010, true, null]\npick: 010\n")
    assert value == {"title": "2020", "claim": "1.10", "quote": "1:20", "items": ["1", "010", "true", None], "pick": 10}


def test_no_sexagesimal_numbers_even_where_typed():
    value, _ = load("pick: 1:20\n")
    assert value == {"pick": "1:20"}


def test_empty_values_are_null():
    value, _ = load("feedback:\nhint: ~\n")
    assert value == {"feedback": None, "hint": None}


def test_repeated_key_is_an_error_naming_the_first():
    _, issues = load("bank:\n  id: a\n  title: x\n  id: b\n")
    assert issues == [
        "bank.yaml:4:3: error: key 'id' is repeated (first at line 2) (hint: remove one of them; YAML would silently "
        "keep only the last)"
    ]


def test_python_tags_construct_nothing(tmp_path: Path):
    marker = tmp_path / "ran"
    text = f"title: !!python/object/apply:os.system ['touch {marker}']\n"
    value, issues = load(text)
    assert not marker.exists()
    assert value == {"title": None}
    assert issues == [
        "bank.yaml:1:8: error: tags are not allowed, found 'tag:yaml.org,2002:python/object/apply:os.system' "
        "(hint: remove the tag; a bank holds only plain text, numbers, true/false, lists and mappings)"
    ]


@pytest.mark.parametrize(
    "tagged", ["!!str 5", "!custom x", "!!python/name:os.system ''", "!!set {a, b}", "!!binary aGk="]
)
def test_every_explicit_tag_is_an_error(tagged: str):
    _, issues = load(f"title: {tagged}\n")
    assert len(issues) == 1 and issues[0].startswith("bank.yaml:1:8: error: tags are not allowed")


def test_alias_bomb_is_refused_without_swelling_memory():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    tracemalloc.start()
    value, issues = load("\n".join(lines) + "\n")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert value is None
    assert issues[-1].startswith("bank.yaml:") and "expands to more than 1,000,000 values" in issues[-1]
    assert peak < 300 * 1024 * 1024


def test_small_aliases_are_fine():
    value, issues = load("a: &x [1, 2]\nb: *x\n")
    assert value == {"a": ["1", "2"], "b": ["1", "2"]} and issues == []


def test_deep_nesting_is_refused():
    _, issues = load("a: " + "[" * 200 + "]" * 200 + "\n")
    assert issues == [
        "bank.yaml:1:67: error: nesting is deeper than the limit of 64 levels"
    ]  # the 64th bracket: level 65


def test_syntax_error_points_at_the_problem():
    _, issues = load("bank:\n  id: x\n title: y\n")
    assert issues[0].startswith("bank.yaml:3:2: error: invalid YAML:")


def test_tab_indentation_gets_a_hint():
    _, issues = load("bank:\n\tid: x\n")
    assert issues[0].startswith("bank.yaml:2:1: error: invalid YAML:") and issues[0].endswith(
        "(hint: YAML indents with spaces, not tabs)"
    )


def test_a_key_must_be_plain_text():
    _, issues = load("[a, b]: 1\n")
    assert issues == ["bank.yaml:1:1: error: a key must be plain text"]


def test_size_limit(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(parse_module, "MAX_FILE_BYTES", 100)
    _, issues = load("title: " + "x" * 200 + "\n")
    assert issues == [
        "bank.yaml:1:1: error: file is larger than the limit of 100 bytes (hint: split the bank into several files)"
    ]


def test_empty_document():
    assert load("") == (None, [])
    assert load("# only a comment\n") == (None, [])


def test_pure_python_parser_agrees(monkeypatch: pytest.MonkeyPatch):
    """The fallback for PyYAML builds without libyaml resolves the same way."""

    class Loader(parse_module._PureParser):
        resolve = parse_module._Loader.resolve
        descend_resolver = parse_module._Loader.descend_resolver
        ascend_resolver = parse_module._Loader.ascend_resolver

    text = "correct: true\nanswer: yes\ntitle: 2020\nx: !!str y\na: 1\na: 2\n"
    fast = load(text)
    monkeypatch.setattr(parse_module, "_Loader", Loader)
    assert load(text) == fast


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 200_000 + "]" * 200_000 + "\n",
        "a:\n" + "- " * 100_000 + "x\n",
        "a: " + "{b: " * 50_000 + "}" * 50_000 + "\n",
    ],
)
def test_nesting_deep_enough_to_overflow_the_c_stack_is_an_error_not_a_crash(text: str):
    _, issues = load(text)
    assert len(issues) == 1 and issues[0].endswith("error: nesting is deeper than the limit of 64 levels")


@pytest.mark.parametrize("depth", [500, 1_500])
def test_nesting_past_libyamls_own_limit_gets_the_same_message_at_the_same_place(depth: int):
    # libyaml 0.2.6 stops at 1,000 levels with a message of its own; below the cheap pre-check's
    # bound (2,000 brackets) that message used to reach the author as "invalid YAML: ...".
    _, issues = load("a: " + "[" * depth + "]" * depth + "\n")
    assert len(issues) == 1 and issues[0].endswith("error: nesting is deeper than the limit of 64 levels")
    assert issues[0].startswith("bank.yaml:1:67:")  # the 64th bracket: level 65, counting the top mapping as 1
