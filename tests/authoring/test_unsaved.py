"""Unsaved edits kept on the server: copies in and out, expired after a while, the oldest dropped first."""

from __future__ import annotations

from quiz.authoring import unsaved


def test_kept_edits_come_back_as_copies_and_expire() -> None:
    now = [0.0]
    drafts = unsaved.Drafts(clock=lambda: now[0])
    edits = {"author-text-x": "questions: []\n", "author-form-edits": {("k", "questions"): ["a"]}}
    drafts.keep("d" * 20, edits)
    edits["author-form-edits"][("k", "questions")].append("changed later")  # the session goes on
    back = drafts.restore("d" * 20)
    assert back == {"author-text-x": "questions: []\n", "author-form-edits": {("k", "questions"): ["a"]}}
    back["author-text-x"] = "mutated"  # type: ignore[index]
    assert drafts.restore("d" * 20)["author-text-x"] == "questions: []\n"  # type: ignore[index]
    assert drafts.restore("e" * 20) is None
    now[0] = unsaved.KEPT_FOR + 1
    assert drafts.restore("d" * 20) is None and len(drafts) == 0


def test_at_most_so_many_drafts_the_oldest_going_first() -> None:
    drafts = unsaved.Drafts()
    for number in range(unsaved.MOST + 5):
        drafts.keep(f"draft-{number:016d}", {"n": number})
    assert len(drafts) == unsaved.MOST
    assert drafts.restore(f"draft-{0:016d}") is None
    assert drafts.restore(f"draft-{unsaved.MOST + 4:016d}") == {"n": unsaved.MOST + 4}
    drafts.forget(f"draft-{unsaved.MOST + 4:016d}")
    assert drafts.restore(f"draft-{unsaved.MOST + 4:016d}") is None


def test_only_a_random_looking_id_is_taken_from_a_url() -> None:
    assert unsaved.good_id(unsaved.new_id()) and unsaved.new_id() != unsaved.new_id()
    assert not unsaved.good_id("short") and not unsaved.good_id("x" * 20 + "/../") and not unsaved.good_id(None)
