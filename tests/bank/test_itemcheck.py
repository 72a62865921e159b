"""Item-writing checks: each warning on a small bank that has exactly that fault, with its exact line."""

from __future__ import annotations

import math
import shutil
from collections.abc import Callable
from pathlib import Path

from quiz.bank.itemcheck import balance_limit, length, tail
from quiz.bank.load import load_bank
from quiz.cli import main
from tests.conftest import MINI
from tests.ui.test_author import open_author, unlock

ECHO_TEXT = "The council's statement: the project will cost £2.4 million.\n"
CITE = "The project will cost £2.4 million."
OTHER_CITE = "The council voted 5 to 4 on Tuesday to build a footbridge"


def single(question_id: str, right: str, *wrong: str, claims: str = "", quote: str = CITE) -> str:
    choices = f"      - text: {right}\n        correct: true\n" + "".join(
        f"      - text: {text}\n        feedback: Not what the article says.\n" for text in wrong
    )
    return (
        f"  - id: {question_id}\n    type: single\n    prompt: What does the article say?\n    choices:\n{choices}"
        f"    explanation: The article says so.\n    cite:\n      - source: gazette\n        quote: {quote}\n"
        f"    skills: [numbers]\n" + (f"    claims: [{claims}]\n" if claims else "")
    )


def questions(*entries: str) -> str:
    return "questions:\n" + "".join(entries)


def lines(folder: Path) -> list[str]:
    result = load_bank(folder)
    assert result.errors == (), [issue.format() for issue in result.errors]
    return [issue.format().replace(str(folder) + "/", "") for issue in result.issues]


def test_a_bank_without_the_faults_has_no_warning(make_bank: Callable[..., Path]):
    folder = make_bank({"questions.yaml": questions(single("cost", "£2.4 million", "£3 million", "£1.2 million"))})
    assert lines(folder) == []


def test_a_right_choice_much_longer_than_every_wrong_one(make_bank: Callable[..., Path]):
    folder = make_bank(
        {"questions.yaml": questions(single("cost", "£2.4 million, as the council agreed on Tuesday", "£3 million"))}
    )
    assert lines(folder) == [
        "questions.yaml:6:15: warning: questions[id=cost].choices[0].text: this right choice is 46 characters, "
        "4.6 times the longest wrong one (10): a reader who picks the longest choice gets it without reading "
        "(Haladyna, Downing & Rodriguez 2002, guideline 24: keep the length of choices about equal) "
        "(hint: shorten it to what the sources say, or give the wrong choices the same detail)"
    ]


def test_the_right_choice_longest_more_often_than_chance(make_bank: Callable[..., Path]):
    folder = make_bank(
        {
            "questions.yaml": questions(
                single("cost", "£2.4 million", "£3 million", "£1 million"),
                single("vote", "5 votes to 4", "4 to 5", "6 to 3"),
                single("day", "On Tuesday", "Monday", "Friday"),
            )
        }
    )
    assert lines(folder) == [
        "bank.yaml:1:1: warning: bank: the right choice is the longest in 3 of 3 single-answer questions, where "
        "chance would make it about 1.0; chance gives 3 or more with p = 0.037 (binomial tail, one choice in n per "
        "question; flagged below 0.05): a reader who picks the longest choice beats chance without reading "
        "(Haladyna, Downing & Rodriguez 2002, guideline 24) (hint: make a wrong choice the longest in some of: "
        "cost, vote, day)"
    ]


def true_false(question_id: str, answer: str) -> str:
    return (
        f"  - id: {question_id}\n    type: true-false\n    prompt: The article says the vote was 5 to 4.\n"
        f"    answer: {answer}\n    explanation: It does.\n    cite:\n      - source: gazette\n"
        f"        quote: {OTHER_CITE}\n    skills: [numbers]\n"
    )


def test_true_false_keys_far_from_balanced(make_bank: Callable[..., Path]):
    folder = make_bank({"questions.yaml": questions(*(true_false(f"tf-{n}", "false") for n in range(3)))})
    assert lines(folder) == [
        "bank.yaml:1:1: warning: bank: 3 of 3 true-false questions have the key false: a reader who always answers "
        "false scores 100%, where chance is 50% (Haladyna, Downing & Rodriguez 2002, guideline 20: balance where "
        "the right answer falls) (hint: at most 2 of 3 with one key: rewrite some as the other key)"
    ]


def test_true_false_keys_as_balanced_as_their_count_allows(make_bank: Callable[..., Path]):
    answers = ("false", "true", "false")
    folder = make_bank({"questions.yaml": questions(*(true_false(f"tf-{n}", a) for n, a in enumerate(answers)))})
    assert lines(folder) == []


def claim_check(question_id: str, verdict: str) -> str:
    return (
        f"  - id: {question_id}\n    type: claim-check\n    prompt: Judge this claim.\n"
        f"    claim: The footbridge will cost £2.4 million.\n    verdict: {verdict}\n    explanation: It says so.\n"
        f"    cite:\n      - source: gazette\n        quote: {CITE}\n    skills: [claim-verification]\n"
    )


def test_claim_check_verdicts_far_from_balanced(make_bank: Callable[..., Path]):
    verdicts = ("supported", "supported", "contradicted", "supported", "not-in-sources")
    folder = make_bank({"questions.yaml": questions(*(claim_check(f"cc-{n}", v) for n, v in enumerate(verdicts)))})
    assert lines(folder) == [
        "bank.yaml:1:1: warning: bank: 3 of 5 claim-checks have the verdict 'supported': a reader who always answers "
        '"Supported" scores 60%, where chance is 25% (Haladyna, Downing & Rodriguez 2002, guideline 20: balance '
        "where the right answer falls) (hint: at most 2 of 5 with one key: rewrite some as the other verdicts)"
    ]


def test_all_of_the_above(make_bank: Callable[..., Path]):
    folder = make_bank({"questions.yaml": questions(single("cost", "£2.4 million", "£3 million", "All of the above"))})
    assert lines(folder) == [
        'questions.yaml:10:15: warning: questions[id=cost].choices[2].text: "all of the above" is answered by '
        "spotting two right choices, without reading the rest (Haladyna, Downing & Rodriguez 2002, guideline 26: "
        "avoid all-of-the-above) (hint: write out the choices, and use type: multiple when several are right)"
    ]


def test_none_of_the_above(make_bank: Callable[..., Path]):
    folder = make_bank({"questions.yaml": questions(single("cost", "£2.4 million", "£3 million", "None of these"))})
    assert lines(folder) == [
        'questions.yaml:10:15: warning: questions[id=cost].choices[2].text: "none of the above" tells what a '
        "learner rules out, not whether they know what is right (Haladyna, Downing & Rodriguez 2002, guideline "
        "25: use none-of-the-above carefully) (hint: name the right answer as a choice, or put a plausible wrong "
        "one in its place)"
    ]


def test_absolute_words_only_in_wrong_choices(make_bank: Callable[..., Path]):
    folder = make_bank(
        {"questions.yaml": questions(single("cost", "About £2.4 million", "Never above £1m", "Always £3m"))}
    )
    assert lines(folder) == [
        "questions.yaml:8:15: warning: questions[id=cost].choices[1].text: absolute words (always, never) stand "
        "only in wrong choices (2 of 2), in no right one: a test-wise reader rules those out without reading "
        "(Haladyna, Downing & Rodriguez 2002, guideline 28a: specific determiners such as always, never, "
        "completely) (hint: qualify the wrong choices, or word a right choice as firmly)"
    ]


def test_absolute_words_in_a_right_choice_too(make_bank: Callable[..., Path]):
    folder = make_bank(
        {"questions.yaml": questions(single("cost", "Only £2.4 million", "Never above £1m", "Always £3m"))}
    )
    assert lines(folder) == []


CLAIM_YAML = """\
claims:
  - id: cost
    claim: What the footbridge costs
    status: single-source
    reports:
      - source: gazette
        quote: The project will cost £2.4 million.
"""


def duplicates(order: str) -> dict[str, str]:
    return {
        "claims.yaml": CLAIM_YAML,
        "questions.yaml": questions(
            single("cost", "£2.4 million", "£3 million", "£1.2 million", claims="cost"),
            single("cost-again", "£2.4m", "£3m", "£1.2m", claims="cost", quote="will cost £2.4 million"),
            single("vote", "5 to 4", "4 to 5", "6 to 3", quote=OTHER_CITE),
        ),
        "quizzes.yaml": f"quizzes:\n  - id: practice\n    title: Practice\n    questions: [{order}]\n",
    }


def test_two_questions_of_one_quiz_on_the_same_claim_and_passage(make_bank: Callable[..., Path]):
    folder = make_bank(duplicates("cost, vote, cost-again"))
    assert lines(folder) == [
        "quizzes.yaml:4:29: warning: quizzes[id=practice].questions[2]: 'cost' and 'cost-again' turn on the same "
        "claim 'cost' and cite the same passage ('gazette', line 5): likely duplicates, one may give the other away "
        "(Haladyna, Downing & Rodriguez 2002, guideline 4: keep the content of each item independent) (hint: drop "
        "one, or ask it about another claim or passage)"
    ]


def test_a_quiz_that_serves_them_one_after_the_other(make_bank: Callable[..., Path]):
    folder = make_bank(duplicates("cost, cost-again, vote"))
    assert lines(folder) == [
        "quizzes.yaml:4:23: warning: quizzes[id=practice].questions[1]: 'cost' and 'cost-again' turn on the same "
        "claim 'cost' and cite the same passage ('gazette', line 5), and this quiz serves them one after the "
        "other: the first gives the second away (Haladyna, Downing & Rodriguez 2002, guideline 4: keep the content "
        "of each item independent) (hint: drop one, or ask it about another claim or passage; at least keep them "
        "apart)"
    ]


def ledger(status: str, *reports: tuple[str, str, str]) -> dict[str, str]:
    cites = "".join(
        f"      - source: {source}\n        quote: {quote}\n" + (f"        upstream: {upstream}\n" if upstream else "")
        for source, quote, upstream in reports
    )
    return {
        "claims.yaml": f"claims:\n  - id: cost\n    claim: What the footbridge costs\n    status: {status}\n"
        f"    reports:\n{cites}",
        "questions.yaml": questions(single("cost", "£2.4 million", "£3 million", "£1.2 million", claims="cost")),
        "echo.yaml": "sources:\n  - id: echo\n    title: The Echo\n    file: sources/echo.md\n",
        "sources/echo.md": ECHO_TEXT,
    }


def test_consistent_with_one_source(make_bank: Callable[..., Path]):
    folder = make_bank(ledger("consistent", ("gazette", CITE, ""), ("gazette", OTHER_CITE, "")))
    assert lines(folder) == [
        "claims.yaml:4:13: warning: claims[id=cost].status: status 'consistent' says the sources agree, but every "
        "report is from one source, 'gazette' (hint: use status single-source, or add a report from another source)"
    ]


def test_consistent_with_copies_of_one_text(make_bank: Callable[..., Path]):
    upstream = "the council's press release"
    folder = make_bank(
        ledger("consistent", ("gazette", CITE, upstream), ("echo", "the project will cost £2.4 million", upstream))
    )
    assert lines(folder) == [
        "claims.yaml:4:13: warning: claims[id=cost].status: status 'consistent' says the sources agree, but every "
        'report copies one text, "the council\'s press release": copies of one text are one source, not '
        "corroboration (hint: use status single-source, or add a report that does not copy it)"
    ]


def test_consistent_with_two_independent_sources_or_single_source(make_bank: Callable[..., Path]):
    both = (("gazette", CITE, ""), ("echo", "the project will cost £2.4 million", ""))
    assert lines(make_bank(ledger("consistent", *both), name="two")) == []
    assert lines(make_bank(ledger("single-source", ("gazette", CITE, "")), name="one")) == []


def test_drafts_are_not_reviewed(make_bank: Callable[..., Path]):
    text = questions(single("cost", "£2.4 million, as the council agreed on Tuesday", "£3 million"))
    folder = make_bank({"questions.yaml": text.replace("    skills:", "    draft: true\n    skills:")})
    assert [line.split(": warning: ")[1] for line in lines(folder)] == [
        "questions[id=cost].draft: draft: checked, but never served in a quiz "
        "(hint: remove 'draft: true' once the question is reviewed)"
    ]


def test_strict_validate_fails_on_them(make_bank: Callable[..., Path], capsys):
    folder = make_bank({"questions.yaml": questions(*(true_false(f"tf-{n}", "true") for n in range(3)))})
    assert main(["validate", str(folder)]) == 0
    assert main(["validate", str(folder), "--strict"]) == 1
    assert "3 of 3 true-false questions have the key true" in capsys.readouterr().out


def test_the_tail_is_the_binomial_one():
    assert tail([0.5] * 5, 5) == 1 / 32
    assert math.isclose(tail([0.25] * 3, 2), 10 / 64)  # 3 * (1/4)^2 * 3/4 + (1/4)^3, worked by hand
    for n, k, p in ((17, 17, 0.25), (17, 7, 0.25), (20, 9, 1 / 3)):
        exact = sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))
        assert math.isclose(tail([p] * n, k), exact)
    assert math.isclose(tail([0.5, 0.25], 1), 1 - 0.5 * 0.75)
    assert tail([0.5] * 3, 0) == 1.0


def test_balance_limit_and_length():
    assert [balance_limit(total, 2) for total in (1, 3, 7, 10, 100)] == [1, 2, 4, 6, 60]
    assert [balance_limit(total, 4) for total in (3, 5, 13, 14)] == [1, 2, 4, 4]
    assert length("*Cuties*  itself:\n the `film`") == len("Cuties itself: the film")


def test_the_author_page_lists_them_with_the_other_problems(tmp_path: Path, monkeypatch):
    """Typed into the Author page's editor, an item-writing fault shows as a warning at its line."""
    shutil.copytree(MINI, tmp_path / "banks" / "mini")
    path = tmp_path / "banks" / "mini" / "questions.yaml"
    at = unlock(open_author(monkeypatch, tmp_path / "banks", "secret"), "secret")
    at.selectbox(key=f"author-file-{path.parent}").select("questions.yaml").run()
    text = path.read_text(encoding="utf-8").replace("- text: £3 million", "- text: All of the above", 1)
    at.text_area(key=f"author-text-{path}").input(text).run()
    assert not at.exception
    assert [alert.value for alert in at.warning] == [
        "Unsaved changes in questions.yaml.",
        "2 warnings: the bank loads, and you can save.",
    ]
    assert (
        'questions.yaml:10:15: warning: questions[id=bridge-cost].choices[1].text: "all of the above" is answered by '
        "spotting two right choices, without reading the rest (Haladyna, Downing & Rodriguez 2002, guideline 26: "
        "avoid all-of-the-above) (hint: write out the choices, and use type: multiple when several are right)"
    ) in [element.value for element in at.code]
