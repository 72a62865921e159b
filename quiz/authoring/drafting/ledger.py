"""The claims ledger: statements about the same thing grouped into claims, and whether they agree.

Numbers that share what they count, dates that share the event's words, the same title's kinds
and ratings, the same speaker (or the same words reported in two articles) become one claim. A
claim whose statements give different numbers, dates, kinds or ratings is ``conflicting``; a
serious assertion with no source is ``unsupported``; the rest are ``consistent``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from quiz.authoring.drafting.extract import Statement, content_lemmas, dates_conflict, find_statements, words
from quiz.authoring.drafting.lexicon import GENERIC_REFERENCE, INCOMPATIBLE, MONTHS, RATING, STOPWORDS, WEEKDAYS
from quiz.authoring.drafting.sentences import Sentence, article_sentences


@dataclass(frozen=True)
class Claim:
    """Statements about the same thing, and whether they agree."""

    kind: str
    status: str  # consistent | conflicting | unsupported
    statements: tuple[Statement, ...]
    topic: str = ""
    # One-passage claims whose passage this claim already reports: not separate ledger entries,
    # but their questions (who counted, which date) are still worth drafting under this claim.
    asides: tuple[Claim, ...] = ()


def ledger(articles: Sequence[tuple[str, str]], unsourced_per_article: int = 3) -> list[Claim]:
    """The claims found in ``(source id, text)`` articles: conflicts first, then agreements (who said
    what last), then unsupported assertions, at most ``unsourced_per_article`` of them per article."""
    sentences = [sentence for source, text in articles for sentence in article_sentences(source, text)]
    statements = find_statements(sentences)
    frequent = _frequent_lemmas(sentences)
    claims: list[Claim] = []
    claims += _group_numbers([s for s in statements if s.kind in ("count", "money", "percent", "age")], frequent)
    claims += _group_dates([s for s in statements if s.kind == "date"], frequent)
    claims += _group_titles([s for s in statements if s.kind in ("label", "rating")], sentences)
    claims += _group_speech([s for s in statements if s.kind == "speech"], frequent)
    claims += [Claim("post", "consistent", (s,), s.value) for s in statements if s.kind == "post"]
    for source, _ in articles:
        mine = [s for s in statements if s.kind == "unsourced" and s.sentence.source == source]
        best = sorted(mine, key=lambda s: (-int(s.norm), s.sentence.number))[:unsourced_per_article]
        claims += [
            Claim("unsourced", "unsupported", (s,), s.value) for s in sorted(best, key=lambda s: s.sentence.number)
        ]
    order = {"conflicting": 0, "consistent": 1, "unsupported": 2}
    position = {source: number for number, (source, _) in enumerate(articles)}
    return _fold(
        sorted(
            claims,
            key=lambda claim: (
                order[claim.status],
                claim.kind == "speech" or claim.kind == "post",
                position[claim.statements[0].sentence.source],
                claim.statements[0].sentence.number,
            ),
        )
    )


def _fold(claims: list[Claim]) -> list[Claim]:
    """A one-passage claim whose passage a bigger claim reports becomes an aside of the first such claim
    (an author would merge them). Unsourced assertions stay: having no source is their point."""
    hosts = [claim for claim in claims if len(claim.statements) > 1]
    asides: dict[int, list[Claim]] = {id(host): [] for host in hosts}
    kept = []
    for claim in claims:
        if len(claim.statements) == 1 and claim.kind != "unsourced":
            sentence = claim.statements[0].sentence
            host = next((host for host in hosts if any(s.sentence == sentence for s in host.statements)), None)
            if host is not None:
                asides[id(host)].append(claim)
                continue
        kept.append(claim)
    return [replace(claim, asides=tuple(asides.get(id(claim), ()))) for claim in kept]


def _frequent_lemmas(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Words in so many sentences that sharing them says nothing (the film, the company)."""
    counts = Counter(
        word for sentence in sentences if sentence.role == "text" for word in content_lemmas(sentence.text)
    )
    total = sum(sentence.role == "text" for sentence in sentences)
    return frozenset(word for word, count in counts.items() if count > max(3, 0.15 * total))


def _union(items: Sequence[Statement], same: Callable[[Statement, Statement], bool]) -> list[list[Statement]]:
    """Groups of items joined by ``same`` (transitively), each in text order, in order of first item.
    Items come in text order (articles in the order given), so list order is text order."""
    order = {id(item): number for number, item in enumerate(items)}
    groups: list[list[Statement]] = []
    for item in items:
        joined = [group for group in groups if any(same(item, other) for other in group)]
        merged = [item] + [member for group in joined for member in group]
        groups = [group for group in groups if group not in joined] + [
            sorted(merged, key=lambda member: order[id(member)])
        ]
    return sorted(groups, key=lambda group: order[id(group[0])])


def _group_numbers(statements: Sequence[Statement], frequent: frozenset[str]) -> list[Claim]:
    def same(a: Statement, b: Statement) -> bool:
        if a.kind != b.kind or a.sentence == b.sentence:
            return False  # two numbers in one sentence ("from 2,000 to 3,000") are a change, not a disagreement
        if a.kind == "age":
            return a.keys == b.keys  # the same age noun: "11-year-old girl", "11-year-old girls"
        return bool((a.keys - frequent) & (b.keys - frequent))

    claims = []
    for group in _union(statements, same):
        values = {statement.norm for statement in group}
        if len(group) < 2 and not (group[0].kind == "count" and _is_large(group[0].norm)):
            continue
        status = "conflicting" if len(values) > 1 else "consistent"
        claims.append(Claim(group[0].kind, status, tuple(group), group[0].subject))
    return claims


def _is_large(norm: str) -> bool:
    return not norm[0].isdigit() or float(norm) >= 1000


def _group_dates(statements: Sequence[Statement], frequent: frozenset[str]) -> list[Claim]:
    def same(a: Statement, b: Statement) -> bool:
        shared = (a.keys - frequent) & (b.keys - frequent)
        return a.sentence != b.sentence and (
            len(shared) >= 3 or (len(shared) >= 2 and len(shared) * 2 >= min(len(a.keys), len(b.keys)))
        )

    claims = []
    for group in _union(statements, same):
        if len(group) == 1:
            if re.fullmatch(r"\d{4}", group[0].norm):
                continue  # a bare year alone is rarely worth a question
            claims.append(Claim("date", "consistent", tuple(group), group[0].value))
            continue
        conflict = any(dates_conflict(a.norm, b.norm) for a in group for b in group)
        claims.append(Claim("date", "conflicting" if conflict else "consistent", tuple(group), group[0].value))
    return claims


def _group_titles(statements: Sequence[Statement], sentences: Sequence[Sentence]) -> list[Claim]:
    """Kinds and ratings of the same work: the title named in the sentence, or the articles' main
    title when the sentence says only "the film"."""
    lowercase = {word for sentence in sentences for word in words(sentence.text) if word.islower()}

    def names(statement: Statement) -> list[str]:
        found = [
            word
            for word in words(statement.sentence.text)
            if word[0].isupper()
            and word.lower() not in lowercase
            and word.lower() not in STOPWORDS
            and word not in MONTHS
            and word not in WEEKDAYS
            and not RATING.fullmatch(word)
        ]
        return list(dict.fromkeys(found))

    counts = Counter(name for statement in statements for name in names(statement))
    main = counts.most_common(1)[0][0] if counts else "the work"
    claims = []
    for kind in ("label", "rating"):
        by_title: dict[str, list[Statement]] = {}
        for statement in (s for s in statements if s.kind == kind):
            found = names(statement)
            if statement.subject:
                title = statement.subject
            elif main in found or GENERIC_REFERENCE.search(statement.sentence.text) or not found:
                title = main
            else:
                title = found[0]
            by_title.setdefault(title, []).append(statement)
        for title, group in by_title.items():
            if kind == "label":
                families = [set(statement.norm.split()) for statement in group]
                conflict = any(
                    x in a and y in b or y in a and x in b
                    for a in families
                    for b in families
                    for x, y in INCOMPATIBLE
                    if a is not b
                )
            else:
                conflict = len({statement.norm for statement in group}) > 1
            if len(group) >= 2:
                claims.append(Claim(kind, "conflicting" if conflict else "consistent", tuple(group), title))
    return claims


def _group_speech(statements: Sequence[Statement], frequent: frozenset[str]) -> list[Claim]:
    def same(a: Statement, b: Statement) -> bool:
        mine, theirs = content_lemmas(a.subject), content_lemmas(b.subject)
        said = mine & theirs  # the same words reported in two articles: frequent words count here
        return bool(a.keys & b.keys) or (
            a.sentence.source != b.sentence.source and len(said) >= 4 and 2 * len(said) >= min(len(mine), len(theirs))
        )

    return [Claim("speech", "consistent", tuple(group), group[0].value) for group in _union(statements, same)]
