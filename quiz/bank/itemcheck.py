"""Item-writing checks: faults that let a learner answer without reading the sources.

After Haladyna, Downing and Rodriguez, "A review of multiple-choice item-writing guidelines for
classroom assessment", Applied Measurement in Education 15(3), 2002, 309-334 (guideline numbers
below are theirs). Every finding is a warning at its node; ``quiz validate --strict`` fails on them.

Only what learners are served is reviewed: published questions, the quizzes, and the claims that
a published question turns on (a drafted ledger is still being written).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Any

from quiz.bank.locate import issue_at
from quiz.bank.model import (
    VERDICT_LABELS,
    Claim,
    ClaimCheckQuestion,
    MultipleQuestion,
    Question,
    Quiz,
    SingleQuestion,
    TrueFalseQuestion,
)
from quiz.bank.quotes import SourceText
from quiz.bank.structure import FileContent
from quiz.errors import Issue, Severity

if TYPE_CHECKING:
    from quiz.bank.checks import Site

WARNING = Severity.WARNING
SOURCE = "Haladyna, Downing & Rodriguez 2002"

LONG_RATIO = 1.5  # a right choice this many times the longest wrong one stands out ...
LONG_MARGIN = 20  # ... when it is also this many characters longer
SIGNIFICANCE = 0.05  # bank-wide: flag "the right choice is the longest" beyond chance at this level
ABOVE_CHANCE = 0.10  # bank-wide: flag a key that scores this much above chance when always given
ABSOLUTE_WORDS = (
    "always never all none only completely absolutely entirely totally every nothing nobody certainly definitely "
    "prove proves"
).split()
_ABSOLUTE = re.compile(r"\b(" + "|".join(ABSOLUTE_WORDS) + r")\b", re.IGNORECASE)
_ALL_OF = re.compile(r"\ball of (the above|these)\b", re.IGNORECASE)
_NONE_OF = re.compile(r"\bnone of (the above|these)\b", re.IGNORECASE)
_MARKUP = re.compile(r"[*_`]")

Entry = tuple[Any, "Site"]


def review(
    contents: Sequence[FileContent],
    claims: Sequence[Entry],
    questions: Sequence[Entry],
    quizzes: Sequence[Entry],
    texts: dict[str, SourceText],
) -> list[Issue]:
    """Every item-writing warning of one bank."""
    published = [(question, site) for question, site in questions if not question.draft]
    issues: list[Issue] = []
    for question, site in published:
        if isinstance(question, (SingleQuestion, MultipleQuestion)):
            issues += _long_right_choice(question, site)
            issues += _above_or_none(question, site)
            issues += _absolutes_only_in_wrong(question, site)
    here = _bank_site(contents)
    if here is not None:
        issues += _longest_beyond_chance(published, here)
        issues += _unbalanced_keys(published, here)
    by_id = {question.id: question for question, _ in published}
    spans = _Spans(texts)
    for quiz, site in quizzes:
        issues += _duplicates(quiz, site, by_id, spans)
    turned_on = {claim_id for question, _ in published for claim_id in question.claims}
    for claim, site in claims:
        if claim.id in turned_on:
            issues += _agreement_of_one(claim, site)
    return issues


def length(text: str) -> int:
    """A choice's length as a reader sees it: Markdown marks dropped, runs of whitespace as one."""
    return len(" ".join(_MARKUP.sub("", text).split()))


# ---------------------------------------------------------------- one question


def _long_right_choice(question: SingleQuestion | MultipleQuestion, site: Site) -> list[Issue]:
    wrong = [length(choice.text) for choice in question.choices if not choice.correct]
    if not wrong:
        return []
    longest_wrong = max(wrong)
    found = []
    for number, choice in enumerate(question.choices):
        size = length(choice.text)
        if choice.correct and size >= LONG_RATIO * longest_wrong and size - longest_wrong >= LONG_MARGIN:
            found.append(
                site.issue(
                    ("choices", number, "text"),
                    f"this right choice is {size} characters, {size / longest_wrong:.1f} times the longest wrong "
                    f"one ({longest_wrong}): a reader who picks the longest choice gets it without reading "
                    f"({SOURCE}, guideline 24: keep the length of choices about equal)",
                    "shorten it to what the sources say, or give the wrong choices the same detail",
                    WARNING,
                )
            )
    return found


def _above_or_none(question: SingleQuestion | MultipleQuestion, site: Site) -> list[Issue]:
    found = []
    for number, choice in enumerate(question.choices):
        if _ALL_OF.search(choice.text):
            found.append(
                site.issue(
                    ("choices", number, "text"),
                    '"all of the above" is answered by spotting two right choices, without reading the rest '
                    f"({SOURCE}, guideline 26: avoid all-of-the-above)",
                    "write out the choices, and use type: multiple when several are right",
                    WARNING,
                )
            )
        if _NONE_OF.search(choice.text):
            found.append(
                site.issue(
                    ("choices", number, "text"),
                    '"none of the above" tells what a learner rules out, not whether they know what is right '
                    f"({SOURCE}, guideline 25: use none-of-the-above carefully)",
                    "name the right answer as a choice, or put a plausible wrong one in its place",
                    WARNING,
                )
            )
    return found


def _absolutes_only_in_wrong(question: SingleQuestion | MultipleQuestion, site: Site) -> list[Issue]:
    # "all/none of the above" have a warning of their own
    words = [
        _ABSOLUTE.findall(_NONE_OF.sub("", _ALL_OF.sub("", _MARKUP.sub("", choice.text))))
        for choice in question.choices
    ]
    if any(found for found, choice in zip(words, question.choices) if choice.correct):
        return []
    marked = [number for number, found in enumerate(words) if found]
    if not marked:
        return []
    named = sorted({word.lower() for number in marked for word in words[number]})
    wrong = sum(not choice.correct for choice in question.choices)
    return [
        site.issue(
            ("choices", marked[0], "text"),
            f"absolute words ({', '.join(named)}) stand only in wrong choices ({len(marked)} of {wrong}), in no "
            f"right one: a test-wise reader rules those out without reading ({SOURCE}, guideline 28a: specific "
            "determiners such as always, never, completely)",
            "qualify the wrong choices, or word a right choice as firmly",
            WARNING,
        )
    ]


# ---------------------------------------------------------------- across the bank


def _bank_site(contents: Sequence[FileContent]) -> FileContent | None:
    return next((content for content in contents if content.bank is not None), None)


def _bank_issue(content: FileContent, message: str, hint: str) -> Issue:
    return issue_at(content.file, content.value, content.root, ("bank",), message, hint, WARNING, at_key=True)


def tail(chances: Sequence[float], count: int) -> float:
    """P(at least ``count`` successes) over independent trials with these chances, computed exactly
    (the Poisson binomial distribution; with equal chances it is the binomial tail)."""
    weights = [1.0]
    for chance in chances:
        weights = [
            (weights[k] if k < len(weights) else 0.0) * (1 - chance) + (weights[k - 1] * chance if k else 0.0)
            for k in range(len(weights) + 1)
        ]
    return min(1.0, sum(weights[count:]))


def right_is_longest(question: SingleQuestion) -> bool:
    """Whether the right choice is longer than every other (a tie is not a cue)."""
    sizes = [(length(choice.text), choice.correct) for choice in question.choices]
    right = next(size for size, correct in sizes if correct)
    return all(size < right for size, correct in sizes if not correct)


def _longest_beyond_chance(published: Sequence[Entry], content: FileContent) -> list[Issue]:
    singles = [
        question
        for question, _ in published
        if isinstance(question, SingleQuestion) and sum(choice.correct for choice in question.choices) == 1
    ]
    hits = [question.id for question in singles if right_is_longest(question)]
    chances = [1 / len(question.choices) for question in singles]
    expected = sum(chances)
    if not singles or len(hits) <= expected:
        return []
    p = tail(chances, len(hits))
    if p >= SIGNIFICANCE:
        return []
    shown = ", ".join(hits[:5]) + (f" and {len(hits) - 5} more" if len(hits) > 5 else "")
    return [
        _bank_issue(
            content,
            f"the right choice is the longest in {len(hits)} of {len(singles)} single-answer questions, where "
            f"chance would make it about {expected:.1f}; chance gives {len(hits)} or more with "
            f"{_p(p)} (binomial tail, one choice in n per question; flagged below {SIGNIFICANCE}): a reader who "
            f"picks the longest choice beats chance without reading ({SOURCE}, guideline 24)",
            f"make a wrong choice the longest in some of: {shown}",
        )
    ]


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def most_common_key(questions: Iterable[Question]) -> dict[str, tuple[str, int, int]]:
    """For true-false and claim-check: the most frequent key, how often, and out of how many."""
    keys: dict[str, Counter[str]] = {"true-false": Counter(), "claim-check": Counter()}
    for question in questions:
        if isinstance(question, TrueFalseQuestion):
            keys["true-false"]["true" if question.answer else "false"] += 1
        elif isinstance(question, ClaimCheckQuestion):
            keys["claim-check"][question.verdict] += 1
    return {
        kind: (*counts.most_common(1)[0], sum(counts.values())) for kind, counts in keys.items() if sum(counts.values())
    }


def balance_limit(total: int, options: int) -> int:
    """The most questions one key may have: chance plus ABOVE_CHANCE, but never below an even split."""
    return max(math.ceil(total / options), math.floor(total * (1 / options + ABOVE_CHANCE) + 1e-9))


def _unbalanced_keys(published: Sequence[Entry], content: FileContent) -> list[Issue]:
    found = []
    for kind, (key, count, total) in most_common_key(question for question, _ in published).items():
        options = 2 if kind == "true-false" else len(VERDICT_LABELS)
        limit = balance_limit(total, options)
        if count <= limit:
            continue
        if kind == "true-false":
            what, answer, others = f"true-false questions have the key {key}", key, "the other key"
        else:
            what, answer, others = (
                f"claim-checks have the verdict {key!r}",
                f'"{VERDICT_LABELS[key]}"',
                "the other verdicts",
            )
        found.append(
            _bank_issue(
                content,
                f"{count} of {total} {what}: a reader who always answers {answer} scores "
                f"{round(100 * count / total)}%, where chance is {round(100 / options)}% ({SOURCE}, guideline 20: "
                "balance where the right answer falls)",
                f"at most {limit} of {total} with one key: rewrite some as {others}",
            )
        )
    return found


# ---------------------------------------------------------------- quizzes


def _duplicates(quiz: Quiz, site: Site, by_id: dict[str, Question], texts: _Spans) -> list[Issue]:
    if quiz.questions is None:
        return []
    listed = [(number, by_id[question_id]) for number, question_id in enumerate(quiz.questions) if question_id in by_id]
    found = []
    for (first_number, first), (number, second) in combinations(listed, 2):
        shared = _same_claim_and_passage(first, second, texts)
        if shared is None:
            continue
        claim_id, source_id, line = shared
        both = (
            f"{first.id!r} and {second.id!r} turn on the same claim {claim_id!r} and cite the same passage "
            f"({source_id!r}, line {line})"
        )
        if number == first_number + 1:
            message = f"{both}, and this quiz serves them one after the other: the first gives the second away"
        else:
            message = f"{both}: likely duplicates, one may give the other away"
        found.append(
            site.issue(
                ("questions", number),
                f"{message} ({SOURCE}, guideline 4: keep the content of each item independent)",
                "drop one, or ask it about another claim or passage"
                + ("; at least keep them apart" if number == first_number + 1 else ""),
                WARNING,
            )
        )
    return found


def _same_claim_and_passage(first: Question, second: Question, texts: _Spans) -> tuple[str, str, int] | None:
    claims = [claim for claim in first.claims if claim in second.claims]
    if not claims:
        return None
    for one in first.cite:
        for other in second.cite:
            text = texts.texts.get(one.source)
            if other.source != one.source or text is None:
                continue
            for start, end in texts[one.source, one.quote]:
                for other_start, other_end in texts[one.source, other.quote]:
                    if start < other_end and other_start < end:
                        return claims[0], one.source, text.text.count("\n", 0, max(start, other_start)) + 1
    return None


class _Spans(dict[tuple[str, str], tuple[tuple[int, int], ...]]):
    """Where each quote stands, found once per review: a quiz compares every pair of its questions' cites."""

    def __init__(self, texts: dict[str, SourceText]):
        super().__init__()
        self.texts = texts

    def __missing__(self, key: tuple[str, str]) -> tuple[tuple[int, int], ...]:
        source, quote = key
        found = tuple(self.texts[source].spans(quote))
        self[key] = found
        return found


# ---------------------------------------------------------------- the ledger


def _agreement_of_one(claim: Claim, site: Site) -> list[Issue]:
    if claim.status != "consistent":
        return []
    sources = {report.source for report in claim.reports}
    origins = {report.upstream or report.source for report in claim.reports}
    if len(origins) > 1:
        return []
    if len(sources) == 1:
        message = f"status 'consistent' says the sources agree, but every report is from one source, {sources.pop()!r}"
        hint = "use status single-source, or add a report from another source"
    else:
        message = (
            "status 'consistent' says the sources agree, but every report copies one text, "
            f"{origins.pop()!r}: copies of one text are one source, not corroboration"
        )
        hint = "use status single-source, or add a report that does not copy it"
    return [site.issue(("status",), message, hint, WARNING)]
