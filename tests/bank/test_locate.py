"""quiz/bank/locate.py: from a path in the data to a line and column, and a name people read."""

from __future__ import annotations

from quiz.bank.locate import clean_loc, display_path, issue_at, locate, walk
from quiz.bank.parse import parse

TEXT = """questions:
  - id: a
    type: single
  - id: two-counts
    type: single
    choices:
      - text: one
      - text: two
      - text: three
"""


def test_display_path_names_items_by_id_not_index():
    value = {"questions": [{"id": "a"}, {"id": "two-counts", "choices": [{}, {}, {}]}]}
    assert display_path(value, ("questions", 1, "choices", 2)) == "questions[id=two-counts].choices[2]"


def test_the_walker_finds_the_deepest_node_on_the_path_and_its_key():
    parsed, issues = parse(TEXT, "q.yaml", frozenset())
    assert not issues
    steps = list(walk(parsed.node, ("questions", 1, "choices", 2, "text")))
    assert [node.start_mark.line + 1 for node, _ in steps] == [2, 4, 7, 9, 9]
    assert locate("q.yaml", parsed.node, ("questions", 1, "choices", 2, "text")) == (9, 15)
    assert locate("q.yaml", parsed.node, ("questions", 1, "choices"), at_key=True) == (6, 5)
    assert locate("q.yaml", parsed.node, ("questions", 1, "nowhere")) == (4, 5)  # as deep as it goes


def test_an_issue_at_a_path_is_located_and_named_and_union_tags_are_dropped():
    parsed, _ = parse(TEXT, "q.yaml", frozenset())
    loc = clean_loc(parsed.value, ("questions", 1, "single", "choices", 0))
    assert loc == ("questions", 1, "choices", 0)
    issue = issue_at("q.yaml", parsed.value, parsed.node, loc, "too plain")
    assert issue.format() == "q.yaml:7:9: error: questions[id=two-counts].choices[0]: too plain"
