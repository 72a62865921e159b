"""The claims ledger: statements about the same thing grouped into claims, and whether they agree.

Numbers that share what they count, dates that share the event's words, the same title's kinds
and ratings, the same speaker (or the same words reported in two articles) become one claim. A
claim whose statements give different numbers, dates, kinds or ratings is ``conflicting``; a
serious assertion with no source is ``unsupported``; the rest are ``consistent``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from quiz.authoring.drafting.extract import (
    GRADE,
    Statement,
    content_lemmas,
    dates_conflict,
    find_statements,
    speaker_keys,
    words,
)
from quiz.authoring.drafting.figures import durations_agree, ranges_meet, value_range
from quiz.authoring.drafting.lexicon import (
    GENERIC_REFERENCE,
    INCOMPATIBLE,
    MONTHS,
    RATING,
    SAY_VERBS,
    STOPWORDS,
    WEEKDAYS,
    lemma,
)
from quiz.authoring.drafting.times import resolve
from quiz.authoring.sentences import Sentence, article_sentences


@dataclass(frozen=True)
class DraftClaim:
    """Statements about the same thing, and whether they agree."""

    kind: str
    status: str  # consistent | conflicting | unsupported
    statements: tuple[Statement, ...]
    topic: str = ""
    # One-passage claims whose passage this claim already reports: not separate ledger entries,
    # but their questions (who counted, which date) are still worth drafting under this claim.
    asides: tuple[DraftClaim, ...] = ()
    # "growth": one count reported on different dates, moving on; "speaker": the same words, two speakers.
    change: str = ""


def ledger(
    articles: Sequence[tuple[str, str]],
    unsourced_per_article: int = 3,
    published: Mapping[str, dt.date | None] | None = None,
) -> list[DraftClaim]:
    """The claims found in ``(source id, text)`` articles: conflicts first, then agreements (who said
    what last), then unsupported assertions, at most ``unsourced_per_article`` of them per article.
    ``published`` (source id -> date) places relative dates and tells growth from a conflict."""
    dates = dict(published or {})
    sentences = [sentence for source, text in articles for sentence in article_sentences(source, text)]
    statements = find_statements(sentences)
    frequent = _frequent_lemmas(sentences)
    claims: list[DraftClaim] = []
    numeric = ("count", "money", "percent", "age", "tally", "duration", "score")
    claims += _group_numbers([s for s in statements if s.kind in numeric], frequent, dates)
    claims += _group_dates([s for s in statements if s.kind == "date"], frequent, dates)
    grades = [s for s in statements if s.kind == "rating" and s.head == GRADE]
    titled = [s for s in statements if s.kind in ("label", "rating", "stars") and s.head != GRADE]
    claims += _group_titles(titled, sentences)
    claims += _group_grades(grades)
    claims += _group_descriptions([s for s in statements if s.kind == "description"])
    speech = [s for s in statements if s.kind == "speech"]
    claims += _who_said(speech)
    claims += _group_speech(speech, frequent)
    claims += [DraftClaim("post", "consistent", (s,), s.value) for s in statements if s.kind == "post"]
    for source, _ in articles:
        mine = [s for s in statements if s.kind == "unsourced" and s.sentence.source == source]
        best = sorted(mine, key=lambda s: (-int(s.norm), s.sentence.number))[:unsourced_per_article]
        claims += [
            DraftClaim("unsourced", "unsupported", (s,), s.value) for s in sorted(best, key=lambda s: s.sentence.number)
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


def _fold(claims: list[DraftClaim]) -> list[DraftClaim]:
    """A one-passage claim whose passage a bigger claim reports becomes an aside of the first such claim
    (an author would merge them). Unsourced assertions stay: having no source is their point."""
    hosts = [claim for claim in claims if len(claim.statements) > 1]
    asides: dict[int, list[DraftClaim]] = {id(host): [] for host in hosts}
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


# What a count in words can mean: "hundreds of dead fish" is more than a hundred and fewer than a thousand.
_VAGUE = {
    "dozens": (24.0, 99.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2000.0, 9999.0),
    "tens of thousands": (20000.0, 99999.0),
    "hundreds of thousands": (200000.0, 999999.0),
    "millions": (2e6, 9.99e6),
}


def _value_range(statement: Statement) -> tuple[float, float] | None:
    try:
        number = float(statement.norm)
    except ValueError:
        return _VAGUE.get(statement.norm.lower())
    return value_range(statement.value, number)


def _vague(statement: Statement) -> bool:
    return statement.norm.lower() in _VAGUE


def same_value(a: Statement, b: Statement) -> bool:
    """Whether two figures can be the same: ranges that meet, durations within a tenth, equal tallies."""
    if a.kind == "duration":
        return durations_agree(float(a.norm), float(b.norm))
    first, second = _value_range(a), _value_range(b)
    if first is None or second is None:
        return a.norm == b.norm
    return ranges_meet(first, second)


@lru_cache(maxsize=4096)
def _sentence_lemmas(text: str) -> frozenset[str]:
    return content_lemmas(text)


def _affinity(a: Statement, b: Statement, frequent: frozenset[str]) -> int:
    """How surely two figures are about the same thing, 0 when they are not: what they count decides
    when both say it ("cases" and "visitors" are two things), shared words around them otherwise."""
    if _each(a) != _each(b):
        return 0  # "frost fans cost about £30,000 each" is a price of one, not the growers' total cost
    if _by(a) != _by(b):
        return 0  # "beating Dunne by 24 votes" is a margin, not what Dunne took
    holders = _holder(a), _holder(b)
    if holders[0] and holders[1] and not holders[0] & holders[1]:
        return 0  # "Okafor won 1,412 votes", "Dunne took 1,388 votes": two people's counts
    shared = (a.keys - frequent) & (b.keys - frequent)
    if a.kind == "age":
        return 2 + len(shared) if (a.head & b.head) or (not a.head and not b.head and a.keys == b.keys) else 0
    if a.kind in ("tally", "duration"):
        return len(shared) if len(shared) >= (1 if a.kind == "tally" else 2) else 0
    if a.head and b.head:
        common = a.head & b.head
        return 2 + len(common) + len(shared) if common else 0
    if len(shared) >= (2 if a.sentence.source == b.sentence.source else 1):
        return len(shared)
    context = (_sentence_lemmas(a.sentence.text) - frequent) & (_sentence_lemmas(b.sentence.text) - frequent)
    if len(context) >= 4:
        return len(context) - 2  # "at a cost of $210 million" / "costing $260 million"
    # "$410,000 from the charity" / "$460,000 from the charity": the same words right after the figure
    return 1 if a.sentence.source != b.sentence.source and _right_after(a) and _right_after(a) == _right_after(b) else 0


_BY = re.compile(r"\bby\s+(?:(?:just|only|some|about|around|nearly|almost|more than|over)\s+)?$", re.I)
_TITLES = frozenset("mr mrs ms miss dr prof sir dame".split())


def _figure_at(statement: Statement) -> int:
    return statement.sentence.text.find(statement.value)


def _by(statement: Statement) -> bool:
    """Whether a figure is a difference ("won by 24 votes", "rose by 12 percent"), not an amount."""
    at = _figure_at(statement)
    return statement.kind != "tally" and at > 0 and bool(_BY.search(statement.sentence.text[:at]))


def _holder(statement: Statement) -> frozenset[str]:
    """Whose figure it is: the names that open its clause (its subject), after any reporting verb ("Ms Okafor
    won", not "Police said"); a sentence's first word only when it is not an English word ("Councillors")."""
    at = _figure_at(statement)
    if statement.kind not in ("count", "money", "percent") or at < 0:
        return frozenset()
    clause = re.split(r"[,;:()\"“”]", statement.sentence.text[:at])[-1].split()
    said = [number for number, word in enumerate(clause) if word.lower() in SAY_VERBS]
    clause = clause[said[-1] + 1 :] if said else clause
    start = len(statement.sentence.text[:at]) - len(" ".join(clause))
    names = set()
    for number, word in enumerate(clause):
        bare = word.strip("'’.")
        if bare.lower() in STOPWORDS or bare.lower() in _TITLES:
            continue
        if not bare[:1].isupper():
            break  # the subject ends at its verb: "into the River Tarrow" is where, not whose
        if bare in MONTHS or bare in WEEKDAYS or (number == 0 and start <= 1 and _english(bare.lower())):
            continue
        names.add(lemma(bare))
    return frozenset(names)


@lru_cache(maxsize=4096)
def _english(word: str) -> bool:
    import simplemma  # here: its English table loads in half a second

    return bool(simplemma.is_known(word, lang="en"))


_EACH = re.compile(r"\s*(?:each|apiece|a head|a piece|per (?!cent\b)[a-z]+)\b", re.I)


def _each(statement: Statement) -> bool:
    """Whether a figure is for one of many ("£30,000 each", "up to £10,000 per farm")."""
    text = statement.sentence.text
    at = text.find(statement.value)
    return at >= 0 and bool(_EACH.match(text, at + len(statement.value)))


def _right_after(statement: Statement) -> tuple[str, ...]:
    """The three words after a figure, when they name something ("from the charity")."""
    following = tuple(word.lower() for word in statement.subject[len(statement.value) :].split()[:3])
    return following if len(following) == 3 and content_lemmas(" ".join(following)) else ()


_ANOTHER = re.compile(r"\b(?:separate(?:ly)?|second|another|other|different)\b", re.I)


def _two_things(a: Statement, b: Statement) -> bool:
    """Two figures of one article that must count two things: they differ, and what they count is
    worded apart, each with a word the other lacks ("postal ballots", "spoiled ballots"), or one says so
    ("A separate petition")."""
    return not same_value(a, b) and (
        bool(a.head - b.head and b.head - a.head)
        or bool(_ANOTHER.search(a.sentence.text) or _ANOTHER.search(b.sentence.text))
    )


def _group_numbers(
    statements: Sequence[Statement], frequent: frozenset[str], published: Mapping[str, dt.date | None]
) -> list[DraftClaim]:
    """Figures about the same thing. Each joins the group it shares most with, never a group holding a
    different figure from its own article (one article's two figures count two things: two petitions),
    nor a figure in its own sentence ("from 2,000 to 3,000" is a change)."""
    groups: list[list[Statement]] = []
    tallies = Counter(s.sentence.source for s in statements if s.kind == "tally")
    for statement in statements:
        best: list[Statement] | None = None
        best_score = 0
        for group in groups:
            if any(
                other.kind != statement.kind
                or other.sentence == statement.sentence
                or (other.sentence.source == statement.sentence.source and _two_things(other, statement))
                for other in group
            ):
                continue
            score = max(_affinity(statement, other, frequent) for other in group)
            if not score and statement.kind == "tally" and _lone_votes(statement, group, tallies):
                score = 1  # "Councillors voted 9 to 4", "The proposal passed by eight votes to five"
            if score > best_score:
                best, best_score = group, score
        if best is None:
            groups.append([statement])
        else:
            best.append(statement)
    claims: list[DraftClaim] = []
    for group in groups:
        if len(group) >= 2 or (group[0].kind == "count" and _is_large(group[0].norm)):
            claims += _number_claims(group, published)
    return claims


_PROGRESS = re.compile(
    r"\b(?:so far|to date|already|now|risen|rising|rose|reached|climb\w*|grown|grew|passe[sd]|fallen|as of|"
    r"jump(?:ed|s)|soar(?:ed|s)|swell(?:ed|s)|swollen|topped|"
    r"by (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|then|the end of \w+|" + "|".join(MONTHS) + r"))\b",
    re.I,
)


def _moved(statement: Statement) -> bool:
    """Whether a sentence says its count moved on: "has risen to 1,700", "by Monday"; a bare "now" only
    before the figure ("now stands at 31"), since "The 280 pupils ... are now being bussed" says where they are."""
    at = statement.sentence.text.find(statement.value)
    return any(
        found.group().lower() != "now" or 0 <= found.start() < at
        for found in _PROGRESS.finditer(statement.sentence.text)
    )


def _number_claims(group: list[Statement], published: Mapping[str, dt.date | None]) -> list[DraftClaim]:
    """One claim; or, when a count was reported on different dates and the later reports say it moved on
    ("has risen to 31", "now has"), a growth claim across the dates, and a conflict for any one date
    whose reports disagree."""
    first = group[0]
    if all(same_value(a, b) for a in group for b in group):
        return [DraftClaim(first.kind, "consistent", tuple(group), first.subject)]
    conflict = [DraftClaim(first.kind, "conflicting", tuple(group), first.subject)]
    when = [published.get(statement.sentence.source) for statement in group]
    if first.kind not in ("count", "money", "percent") or None in when:
        return conflict
    by_date: dict[dt.date, list[Statement]] = {}
    for statement, day in zip(group, when):
        by_date.setdefault(day, []).append(statement)  # type: ignore[arg-type]
    # "hundreds of" says too little to rise or fall from; the figures decide, and "hundreds" fits beside them
    figures = {day: [s for s in same_day if not _vague(s)] for day, same_day in by_date.items()}
    days = sorted(day for day in figures if figures[day])
    spans = [[_value_range(s) or (0.0, 0.0) for s in figures[day]] for day in days]
    pairs = range(len(days) - 1)
    rising = all(max(r[1] for r in spans[i]) < min(r[0] for r in spans[i + 1]) for i in pairs)
    falling = all(min(r[0] for r in spans[i]) > max(r[1] for r in spans[i + 1]) for i in pairs)
    moved = any(_moved(s) for s, day in zip(group, when) if day != days[0])
    if len(days) < 2 or not (rising or falling) or not moved:
        return conflict
    claims = [
        DraftClaim(first.kind, "conflicting", tuple(same_day), same_day[0].subject)
        for same_day in by_date.values()
        if not all(same_value(a, b) for a in same_day for b in same_day)
    ]
    return [*claims, DraftClaim(first.kind, "consistent", tuple(group), first.subject, change="growth")]


_VOTE = re.compile(r"\b(?:vot\w*|majority|motion|approv\w*|passed|backed|rejected|turned down|refus\w*)\b", re.I)


def _lone_votes(statement: Statement, group: Sequence[Statement], tallies: Counter[str]) -> bool:
    """Whether a vote tally and a group's are each the only tally of their article: one story's vote,
    however differently the articles word what was voted on."""
    sources = [statement.sentence.source, *(other.sentence.source for other in group)]
    return (
        len(set(sources)) == len(sources)
        and all(tallies[source] == 1 for source in sources)
        and all(_VOTE.search(s.sentence.text) for s in (statement, *group))
    )


def _is_large(norm: str) -> bool:
    return not norm[0].isdigit() or float(norm) >= 1000


# Words for one event that reports word differently: "open" and "start running", "close" and "shut".
_EVENT_SYNONYMS = {"shut": "clos", "start": "open", "begin": "open", "launch": "open", "run": "open"}


def _event_words(statement: Statement) -> frozenset[str]:
    return frozenset(_EVENT_SYNONYMS.get(word, word) for word in statement.head)


def _names(statement: Statement) -> frozenset[str]:
    """The lemmas of the capitalised words in a statement's sentence: names, not events."""
    return frozenset(lemma(word) for word in words(statement.sentence.text)[1:] if word[0].isupper())


def _event_keys(statement: Statement) -> frozenset[str]:
    return frozenset(_EVENT_SYNONYMS.get(word, word) for word in statement.keys)


_COMING = re.compile(
    r"\b(?:will|would|shall|should|to)\s+(?:be\s+)?(?P<verb>[a-z]+)\s+"
    r"(?:(?:in|on|by|from|until|before|after|at|around|early|late|next|this|the)\s+)*$"
)


def _coming(statement: Statement) -> str:
    """What is to happen at a time, when the verb right before it says ("will begin in April", "is due to
    open in the autumn", "should reopen by June"): the verb's plain form, one word for one event."""
    text = statement.sentence.text
    at = text.find(statement.value)
    found = _COMING.search(text[:at]) if at > 0 else None
    if found is None or found.group("verb") in STOPWORDS:
        return ""
    word = lemma(found.group("verb"))
    return _EVENT_SYNONYMS.get(word, word)


def _group_dates(
    statements: Sequence[Statement], frequent: frozenset[str], published: Mapping[str, dt.date | None]
) -> list[DraftClaim]:
    verbs = {id(statement): _coming(statement) for statement in statements}
    # a sentence with two dates tells two events ("found guilty on Thursday ... where fire broke out in
    # February"): each date is about the words near it, not the whole sentence
    crowded = Counter(statement.sentence for statement in statements)
    lone = Counter((statement.sentence.source, verbs[id(statement)]) for statement in statements)

    def about(statement: Statement) -> frozenset[str]:
        return _event_words(statement) if crowded[statement.sentence] > 1 else _event_keys(statement)

    def same(a: Statement, b: Statement) -> bool:
        shared = (about(a) - frequent) & (about(b) - frequent)  # "closed" and "was shut down"
        near = _event_words(a) & _event_words(b)  # the words just before each date: "will close", "should close"
        verb = verbs[id(a)]
        if (
            verb
            and verb == verbs[id(b)]
            and a.sentence.source != b.sentence.source
            and lone[(a.sentence.source, verb)] == lone[(b.sentence.source, verb)] == 1
        ):
            return True  # "The new timetable will begin in April", "the switch will begin in June": one event
        return a.sentence != b.sentence and (
            len(shared) >= 3
            or (len(shared) >= 2 and len(shared) * 2 >= min(len(about(a)), len(about(b))))
            or (
                a.sentence.source != b.sentence.source
                and (
                    len(near - _names(a) - _names(b)) >= 2  # a name ("the Copper Kettle") is no event
                    or (bool(near - frequent) and len(near | shared) >= 2)
                    or (bool(near - frequent) and len(a.keys & b.keys) >= 3)
                )
            )
        )

    claims = []
    for group in _union(statements, same):
        if len(group) == 1:
            if re.fullmatch(r"\d{4}", group[0].norm):
                continue  # a bare year alone is rarely worth a question
            claims.append(DraftClaim("date", "consistent", tuple(group), group[0].value))
            continue
        # two dates of one sentence are a span or two events ("between August 30 and September 4")
        conflict = any(_dates_conflict(a, b, published) for a in group for b in group if a.sentence != b.sentence)
        claims.append(DraftClaim("date", "conflicting" if conflict else "consistent", tuple(group), group[0].value))
    return claims


def _dates_conflict(a: Statement, b: Statement, published: Mapping[str, dt.date | None]) -> bool:
    """Two dates conflict when the days they can mean do not meet (placed against each article's date),
    or, where one cannot be placed, when a part both give differs."""
    first = resolve(a.value, a.sentence.text, published.get(a.sentence.source))
    second = resolve(b.value, b.sentence.text, published.get(b.sentence.source))
    if first is not None and second is not None:
        return not first.overlaps(second)
    return dates_conflict(a.norm, b.norm)


PICTURE = "the picture"  # the title of a picture's medium when no title follows it


def _group_titles(statements: Sequence[Statement], sentences: Sequence[Sentence]) -> list[DraftClaim]:
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

    counts = Counter(name for statement in statements if statement.kind != "stars" for name in names(statement))
    main = counts.most_common(1)[0][0] if counts else "the work"
    runs = Counter(
        found.group()
        for sentence in sentences
        for found in re.finditer(
            rf"\b{re.escape(main)}(?:\s+(?:of|the|and|in)\s+[A-Z][\w’'-]+|\s+[A-Z][\w’'-]+)*", sentence.text
        )
    )
    full = runs.most_common(1)[0][0] if runs else main  # "River" is "River of Salt"
    claims = []
    for kind in ("label", "rating", "stars"):
        by_title: dict[str, list[Statement]] = {}
        for statement in (s for s in statements if s.kind == kind):
            found = names(statement)
            if statement.subject:
                title = statement.subject
            elif kind == "label" and "picture" in statement.norm.split():
                title = PICTURE  # "The work, an oil painting on canvas": the story's picture, not a place named
            elif main in found or GENERIC_REFERENCE.search(statement.sentence.text) or not found or kind == "stars":
                title = full
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
                claims.append(DraftClaim(kind, "conflicting" if conflict else "consistent", tuple(group), title))
    return claims


def _group_grades(statements: Sequence[Statement]) -> list[DraftClaim]:
    """Grades in words of the same thing ("Millbrook was rated 'good'", "which inspectors rated 'outstanding'"),
    joined by a word of what was rated; two different grades are a conflict."""
    claims = []
    for group in _union(statements, lambda a, b: bool(a.keys & b.keys)):
        if len(group) < 2:
            continue
        conflict = len({statement.norm for statement in group}) > 1
        claims.append(DraftClaim("rating", "conflicting" if conflict else "consistent", tuple(group), group[0].subject))
    return claims


def _kin(a: Statement, b: Statement) -> bool:
    """Whether two descriptions share a word inside a longer one ("a fire officer", "a former firefighter";
    "an ichthyosaur", "an ichthyosaurus"): the same kind in other words, not a conflict."""
    first, second = ({word for word in words(s.value.lower()) if len(word) >= 4} for s in (a, b))
    return any(x in y or y in x for x in first for y in second)


def _group_descriptions(statements: Sequence[Statement]) -> list[DraftClaim]:
    """What kind of thing the articles say the same thing is ("the building"): a conflict when two articles
    name kinds that share no word ("a medical research centre", "a student housing block")."""
    claims = []
    for group in _union(statements, lambda a, b: bool(a.keys & b.keys)):
        if len({s.sentence.source for s in group}) < 2:
            continue
        conflict = any(
            a.sentence.source != b.sentence.source and a.norm != b.norm and not a.head & b.head and not _kin(a, b)
            for a in group
            for b in group
        )
        topic = max((s.subject for s in group), key=len)
        claims.append(DraftClaim("description", "conflicting" if conflict else "consistent", tuple(group), topic))
    return claims


def _group_speech(statements: Sequence[Statement], frequent: frozenset[str]) -> list[DraftClaim]:
    def same(a: Statement, b: Statement) -> bool:
        mine, theirs = content_lemmas(a.subject), content_lemmas(b.subject)
        said = mine & theirs  # the same words reported in two articles: frequent words count here
        return bool(a.keys & b.keys) or (
            a.sentence.source != b.sentence.source and len(said) >= 4 and 2 * len(said) >= min(len(mine), len(theirs))
        )

    return [DraftClaim("speech", "consistent", tuple(group), group[0].value) for group in _union(statements, same)]


def _who_said(statements: Sequence[Statement]) -> list[DraftClaim]:
    """The same words given to different speakers in two articles: a conflict over who said them."""
    claims = []
    for index, a in enumerate(statements):
        for b in statements[index + 1 :]:
            if a.sentence.source == b.sentence.source or a.keys & b.keys:
                continue
            if {a.via.lower(), b.via.lower()} & {a.value.lower(), b.value.lower()} or (
                speaker_keys(a.via) & b.keys if a.via else speaker_keys(b.via) & a.keys if b.via else False
            ):
                continue  # "Netflix told Variety" and "Variety" reporting it: one statement, two ways
            mine, theirs = _said_words(a.subject), _said_words(b.subject)
            if len(mine) >= 5 and len(theirs) >= 5 and len(mine & theirs) >= 0.8 * min(len(mine), len(theirs)):
                claims.append(DraftClaim("speech", "conflicting", (a, b), a.subject, change="speaker"))
    return claims


def _said_words(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in words(text))
