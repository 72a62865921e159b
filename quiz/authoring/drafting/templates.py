"""Drafted claims and questions, as fields for the YAML emitter: one template per kind of claim.

Every question is a draft, cites the passages its claim rests on (verbatim), names its claim and
skills, explains itself with a habit, and gives feedback on every wrong choice. The wording is
a first draft for an author to correct, never a finished question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from quiz.authoring.drafting.extract import GRADE, Statement, content_lemmas, is_named, mid_sentence
from quiz.authoring.drafting.ledger import DraftClaim
from quiz.authoring.drafting.lexicon import EXPLICIT, INCOMPATIBLE, LOADED, PROFANE, STOPWORDS, WEEKDAYS, lemma
from quiz.authoring.drafting.wording import figure_phrase
from quiz.authoring.scaffold import unique_id
from quiz.bank.emit import Comment, Fields, Plain
from quiz.text import count, slugify

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")
NO_SOURCE = "The article gives no source"


@dataclass
class Drafting:
    """What the templates need to know about the whole draft."""

    sources: list[str]  # drafted source ids, in the order the articles were given
    claims: list[DraftClaim]
    published: dict[str, str]  # source id -> date as written, "" when unknown
    question_ids: set[str] = field(default_factory=set)
    speech: list[Statement] = field(default_factory=list)

    def article(self, source: str) -> str:
        """``the first article`` (``the article`` when there is one)."""
        if len(self.sources) == 1:
            return "the article"
        number = self.sources.index(source)
        return f"the {_ORDINALS[number]} article" if number < len(_ORDINALS) else f"the article {source!r}"

    def others(self, statement: Statement, limit: int = 2) -> list[tuple[str, str]]:
        """Speakers of other claims, the nearest in the same article first: plausible wrong answers
        to "who said it?". One per claim, and none whose name is in the words asked about."""
        mentioned = content_lemmas(statement.subject or statement.value)
        candidates = []
        for claim in self.claims:
            if claim.kind != "speech" or statement in claim.statements:
                continue
            other = claim.statements[0]
            if (
                not is_named(other.value)
                or other.keys & statement.keys
                or other.keys & mentioned
                or other.value.lower() == statement.via.lower()
            ):
                continue
            same = other.sentence.source == statement.sentence.source
            candidates.append(
                (
                    not same,
                    abs(other.sentence.number - statement.sentence.number),
                    other.value,
                    self.article(other.sentence.source),
                )
            )
        return [(value, where) for _, _, value, where in sorted(candidates)][:limit]


_TRIMMED_KINDS = frozenset({"count", "money", "percent", "age", "date", "label", "rating"})


def quote_of(statement: Statement) -> str:
    """The passage to cite: the sentence, or, when it is long or explicit, the sentence up to the end
    of the clause that holds the statement's value (a prefix of the sentence is still verbatim)."""
    text = statement.quote or statement.sentence.text
    if (
        statement.quote
        or statement.kind not in _TRIMMED_KINDS
        or (len(text.split()) <= 30 and not EXPLICIT.search(text))
    ):
        return text
    at = text.find(statement.value)
    end = re.compile(r"[,;:](?=\s)").search(text, at + len(statement.value)) if at >= 0 else None
    if end is None or len(text[: end.start()].split()) < 6:
        return text
    return text[: end.start()]


def cite(statements: list[Statement] | tuple[Statement, ...]) -> list[Fields]:
    """Cites for the statements, one per passage; explicit passages left out when others remain."""
    seen: dict[tuple[str, str], None] = {}
    for statement in statements:
        seen.setdefault((statement.sentence.source, quote_of(statement)), None)
    mild = [key for key in seen if not EXPLICIT.search(key[1])]
    return [[("source", Plain(source)), ("quote", quote)] for source, quote in (mild or list(seen))]


def shown(text: str, limit: int = 30) -> str:
    """A passage as shown in a prompt: in curly quotes, cut at ``limit`` words."""
    parts = text.strip().split()
    body = " ".join(parts[:limit]) + ("…" if len(parts) > limit else "")
    if len(body) > 1 and body[0] + body[-1] in ('""', "“”"):
        body = body[1:-1]
    return f"“{body}”"


def _id_words(text: str, count: int, keep: frozenset[str] | None = None) -> str:
    """The first ``count`` content words of ``text`` (only those whose lemma is in ``keep``, if given)."""
    found = []
    for word in re.findall(r"[^\W\d_][\w’'-]*", text):
        bare = re.sub(r"['’]s$", "", word)
        if bare.lower() in STOPWORDS or len(bare) < 3 or (keep is not None and lemma(bare) not in keep):
            continue
        found.append(bare)
        if len(found) == count:
            break
    return " ".join(found)


def claim_id(claim: DraftClaim, taken: set[str]) -> str:
    """A readable id: ``count-people-signed-petition``, ``kind-of-cuties``, ``said-netflix``."""
    first = claim.statements[0]
    if claim.kind == "score":  # what was scored comes before: "a food hygiene rating of 1 out of 5"
        before = first.sentence.text[: first.sentence.text.find(first.value)]
        stem = f"score-{_id_words(' '.join(before.split()[-4:]), 3)}"
    elif claim.kind in ("count", "money", "percent", "duration"):
        stem = f"{claim.kind}-{_id_words(first.subject[len(first.value) :], 3)}"
    elif claim.kind == "tally":
        stem = f"tally-{_id_words(first.sentence.text, 3)}"
    elif claim.change == "speaker":
        stem = f"who-said-{_id_words(first.subject, 4)}"
    elif claim.kind == "age":
        stem = f"age-{first.subject}"
    elif claim.kind == "date":
        shared = frozenset.intersection(*(s.keys for s in claim.statements)) if len(claim.statements) > 1 else None
        text = first.sentence.text.replace(first.value, " ")
        stem = f"date-{_id_words(text, 3, shared) or _id_words(text, 3)}"
    elif claim.kind in ("label", "rating", "description"):
        stem = f"{'rating-of' if claim.kind == 'rating' else 'kind-of'}-{claim.topic}"
    elif claim.kind in ("speech", "post"):
        speaker = " ".join(re.sub(r"[(].*[)]", "", claim.topic).split()[-3:])
        stem = f"{'said' if claim.kind == 'speech' else 'posted'}-{speaker}"
    else:
        stem = f"unsourced-{_id_words(first.value, 4)}"
    return unique_id(slugify(stem, 50).strip("-") or claim.kind, taken)


def _lower_article(text: str) -> str:
    return mid_sentence(text)


# ---------------------------------------------------------------- questions


def question(
    drafting: Drafting,
    claim: DraftClaim,
    cid: str,
    suffix: str,
    kind: str,
    prompt: str,
    body: Fields,
    explanation: str,
    habit: str,
    skills: list[str],
    statements: list[Statement] | None = None,
    difficulty: str = "medium",
) -> Fields:
    return [
        ("id", Plain(unique_id(slugify(f"{cid}-{suffix}", 60), drafting.question_ids))),
        ("type", Plain(kind)),
        ("draft", True),
        ("prompt", prompt),
        *body,
        ("explanation", re.sub(r"([.!?…])”\.", r"\1”", f"{explanation} **Habit:** {habit}")),
        ("cite", cite(statements or list(claim.statements))),
        ("claims", [Plain(cid)]),
        ("skills", [Plain(skill) for skill in skills]),
        ("difficulty", Plain(difficulty)),
    ]


def choices(right: str, wrong: list[tuple[str, str]]) -> Fields | None:
    """Choice fields, a wrong choice that repeats another left out; None without a wrong choice."""
    seen = {right.lower()}
    kept = []
    for text, feedback in wrong:
        if text.lower() not in seen:
            seen.add(text.lower())
            kept.append((text, feedback))
    if not kept:
        return None
    items: list[Fields] = [[("text", right), ("correct", True)]]
    items += [[("text", text), ("feedback", feedback)] for text, feedback in kept]
    return [("choices", items)]


def for_claim(claim: DraftClaim, cid: str, drafting: Drafting) -> list[Fields]:
    templates: dict[str, Callable[[DraftClaim, str, Drafting], list[Fields | None]]] = {
        "count": _numbers,
        "money": _numbers,
        "percent": _numbers,
        "tally": _numbers,
        "duration": _numbers,
        "score": _numbers,
        "age": _age,
        "date": _date,
        "label": _label,
        "description": _label,
        "rating": _rating,
        "stars": _rating,
        "speech": _speech,
        "post": _post,
        "unsourced": _unsourced,
    }
    return [found for found in templates[claim.kind](claim, cid, drafting) if found is not None]


def _numbers(claim: DraftClaim, cid: str, d: Drafting) -> list[Fields | None]:
    first = claim.statements[0]
    if claim.status != "conflicting":
        speaker = next((s for s in d.speech if s.sentence == first.sentence), None)
        right = speaker.value if speaker else NO_SOURCE
        wrong = [
            (other, f"{where.capitalize()} names {_lower_article(other)} for other statements, not for this figure.")
            for other, where in d.others(speaker or first)
        ]
        wrong.append(
            (NO_SOURCE, f"It names one: the figure is given as {speaker.value}'s.")
            if speaker
            else ("The people who were counted", "Nothing in the sentence says who counted them.")
        )
        body = choices(right, wrong)
        return [
            body
            and question(
                d,
                claim,
                cid,
                "who-counted",
                "single",
                f"Who gives the figure {shown(figure_phrase(first))}, according to {d.article(first.sentence.source)}?",
                body,
                f"The passage reads {shown(quote_of(first), 60)}.",
                "Ask who counted a number, and how they could know.",
                ["numbers", "attribution"],
            )
        ]
    second = next(s for s in claim.statements if s.norm != first.norm)
    same = first.sentence.source == second.sentence.source
    intro = (
        f"{d.article(first.sentence.source).capitalize()} gives two figures"
        if same
        else "The articles give different figures"
    )
    body = choices(
        "They may count different things, or the same thing at different times; the passages do not say which, so"
        " neither settles it.",
        [
            (
                "One of them must be a typo.",
                "Different figures are a reason to ask what was counted and when, not proof of a mistake.",
            ),
            (
                "Add them up: together they give the total.",
                "They may count the same people or things twice; adding needs to know they are separate.",
            ),
            (
                "The larger figure must be the more recent one.",
                "A larger number is not a date: nothing in the passages says when each was counted.",
            ),
        ],
    )
    careful = question(
        d,
        claim,
        cid,
        "careful",
        "single",
        f"{intro}: {shown(figure_phrase(first))} and {shown(figure_phrase(second))}. What is the most careful reading?",
        body or [],
        f"One passage reads {shown(quote_of(first), 60)}; another reads {shown(quote_of(second), 60)}.",
        "Before comparing numbers, ask what each one counts, who counted it, and when.",
        ["numbers", "conflicting-reports"],
        [first, second],
    )
    check = question(
        d,
        claim,
        cid,
        "check",
        "claim-check",
        "Judge this claim using only the sources.",
        [("claim", first.sentence.text), ("verdict", Plain("conflicting"))],
        f"Another passage gives a different figure: {shown(quote_of(second), 60)}.",
        "One figure is a report, not a fact, until you know what the other figures count.",
        ["claim-verification", "numbers"],
        [first, second],
        "hard",
    )
    return [careful if body else None, check]


def _age(claim: DraftClaim, cid: str, d: Drafting) -> list[Fields | None]:
    first = claim.statements[0]
    agree = claim.status == "consistent"
    statement = f"Every passage that gives this age gives the same one: {first.value}."
    return [
        question(
            d,
            claim,
            cid,
            "agree",
            "true-false",
            statement,
            [("answer", agree)],
            "The passages: " + "; ".join(shown(s.subject) for s in claim.statements) + ".",
            "When sources agree on a detail, notice it; agreement is evidence too.",
            ["numbers", "conflicting-reports"],
            difficulty="easy",
        )
    ]


def _date(claim: DraftClaim, cid: str, d: Drafting) -> list[Fields | None]:
    first = claim.statements[0]
    if len(claim.statements) > 1:
        verdict = "conflicting" if claim.status == "conflicting" else "supported"
        return [
            question(
                d,
                claim,
                cid,
                "check",
                "claim-check",
                "Judge this claim using only the sources.",
                [("claim", first.sentence.text), ("verdict", Plain(verdict))],
                "The passages date it " + " and ".join(f"“{s.value}”" for s in claim.statements) + ".",
                "Check a date against every source that gives one.",
                ["context-and-timing", "claim-verification"],
            )
        ]
    years = sorted(
        {
            y
            for c in d.claims
            for s in c.statements
            if s.kind == "date"
            for y in re.findall(r"\b(?:1[5-9]|20)\d\d\b", s.value)
        }
    )
    published = d.published.get(first.sentence.source, "")
    if re.search(r"\b\d{4}\b", first.value):
        return []
    if first.norm.startswith("?-"):
        wrong = [(year, f"{year} appears elsewhere in the sources, but not for this event.") for year in years[:2]]
        wrong.append(
            (
                "The year the article was published",
                "The article gives no year for this; don't assume it."
                if not published
                else f"The article is dated {published}, but it does not say this happened in that year.",
            )
        )
        body = choices("The article does not say", wrong)
        return [
            body
            and question(
                d,
                claim,
                cid,
                "which-year",
                "single",
                f"{d.article(first.sentence.source).capitalize()} says {shown(first.sentence.text)} In which year?",
                body,
                f"The passage gives {shown(first.value)} and no year.",
                "A date without a year is only half a date; look for the year before you rely on it.",
                ["context-and-timing"],
            )
        ]
    right = (
        "It cannot be told from the article alone: the text carries no date of its own"
        if not published
        else f"Count back from the article's date, {published}"
    )
    body = choices(
        right,
        [
            (
                f"The last {first.norm.capitalize()} before you read it"
                if first.norm.capitalize() in WEEKDAYS
                else f"“{first.value}”, counted from the day you read it",
                f"“{first.value}” is relative to when the article was written, not when you read it.",
            ),
            ("The day the article went online", "Nothing in the text says so."),
        ],
    )
    return [
        body
        and question(
            d,
            claim,
            cid,
            "when",
            "single",
            f"{d.article(first.sentence.source).capitalize()} says {shown(first.sentence.text, 20)} When is"
            f" “{first.value}”?",
            body,
            f"“{first.value}” is relative: it needs the date the text was written"
            + (", which the source does not give." if not published else f", {published}."),
            "Turn relative dates (“on Thursday”, “yesterday”) into real dates before comparing reports.",
            ["context-and-timing"],
            difficulty="hard",
        )
    ]


def _pair(claim: DraftClaim) -> tuple[Statement, Statement]:
    for a in claim.statements:
        for b in claim.statements:
            families_a, families_b = set(a.norm.split()), set(b.norm.split())
            if a is not b and (
                claim.kind == "rating"
                and a.norm != b.norm
                or any(x in families_a and y in families_b for x, y in INCOMPATIBLE)
            ):
                return a, b
    return claim.statements[0], claim.statements[-1]


def _label(claim: DraftClaim, cid: str, d: Drafting) -> list[Fields | None]:
    a, b = _pair(claim)
    title = claim.topic
    # "what kind of work Cuties is"; for a thing described ("the building, a student housing block"): what it is
    what = f"what {title} is" if claim.kind == "description" else f"what kind of work {title} is"
    said = f"{title[:1].upper()}{title[1:]} is {b.value}." if claim.kind == "description" else ""
    if claim.status != "conflicting":
        return [
            question(
                d,
                claim,
                cid,
                "agree",
                "true-false",
                f"The passages agree on {what}.",
                [("answer", True)],
                "They say " + " and ".join(f"“{s.value}”" for s in claim.statements) + ".",
                "Agreement between sources is worth noticing too.",
                ["conflicting-reports"],
                difficulty="easy",
            )
        ]
    body = choices(
        f"One passage says “{a.value}”, another “{b.value}”",
        [
            (f"Every passage says “{a.value}”", f"Not every one: another passage says “{b.value}”."),
            (f"Every passage says “{b.value}”", f"Not every one: another passage says “{a.value}”."),
            (f"The sources never say {what}", "They do, and they disagree."),
        ],
    )
    which = question(
        d,
        claim,
        cid,
        "labels",
        "single",
        f"How do the sources describe {what}?",
        body or [],
        f"One passage reads {shown(quote_of(a), 40)}; another reads {shown(quote_of(b), 40)}.",
        "When two reports disagree on a basic fact, set them side by side and look for details that support one"
        " version.",
        ["conflicting-reports", "claim-verification"],
        [a, b],
        "easy",
    )
    check = question(
        d,
        claim,
        cid,
        "check",
        "claim-check",
        "Judge this claim using only the sources.",
        [("claim", said or f"{title} is a {b.value.split('; ')[0]}."), ("verdict", Plain("conflicting"))],
        f"One passage says “{b.value}”, another “{a.value}”.",
        "A label in one report is a claim; check it against the others.",
        ["claim-verification", "conflicting-reports"],
        [a, b],
    )
    return [which if body else None, check]


def _rating(claim: DraftClaim, cid: str, d: Drafting) -> list[Fields | None]:
    a, b = _pair(claim)
    if claim.status != "conflicting":
        return []
    body = choices(
        f"Different ratings: “{a.value}” in one passage, “{b.value}” in another; ask who gives each",
        [
            (f"“{a.value}”, and every passage agrees", f"Another passage says “{b.value}”."),
            (f"“{b.value}”, and every passage agrees", f"Another passage says “{a.value}”."),
            ("No rating is mentioned", "Two are, and they differ."),
        ],
    )
    return [
        body
        and question(
            d,
            claim,
            cid,
            "which",
            "single",
            f"What rating do the sources give {claim.topic}?"
            if a.head == GRADE
            else f"What age rating do the sources give {claim.topic}?",
            body,
            f"One passage reads {shown(quote_of(a), 40)}; another reads {shown(quote_of(b), 40)}.",
            "Ratings come from different raters and systems; ask who rated, before comparing.",
            ["conflicting-reports", "source-evaluation"],
            [a, b],
        )
    ]


def _speaker_shown(statement: Statement) -> str:
    return f"{statement.value}, in a statement to {statement.via}" if statement.via else statement.value


def _askable(statement: Statement) -> bool:
    words = statement.subject.split()
    return (
        len(words) >= 4
        and not (content_lemmas(statement.subject) & statement.keys)
        and not PROFANE.search(statement.subject)
        and not EXPLICIT.search(statement.subject)
    )


def _speech(claim: DraftClaim, cid: str, d: Drafting) -> list[Fields | None]:
    askable = [s for s in claim.statements if _askable(s)]
    if not askable:
        return []
    first = askable[0]
    where = d.article(first.sentence.source)
    found: list[Fields | None] = []
    others = d.others(first)
    index = d.claims.index(claim)
    if index % 2 == 0 or not others:
        wrong = [
            (other, f"{elsewhere.capitalize()} names {_lower_article(other)} for other statements, not this one.")
            for other, elsewhere in others
        ]
        if first.via:
            wrong.insert(
                0,
                (
                    first.via,
                    f"{first.via} is where the words were said or printed; {where} attributes them to"
                    f" {_lower_article(first.value)}.",
                ),
            )
        wrong.append((NO_SOURCE, f"It names one: {shown(quote_of(first), 14)}"))
        body = choices(_speaker_shown(first), wrong)
        found.append(
            body
            and question(
                d,
                claim,
                cid,
                "who",
                "single",
                f"According to {where}, whose words or view is this: {shown(first.subject)}?",
                body,
                f"The passage reads {shown(quote_of(first), 60)}.",
                "Find the words that say who is speaking before you weigh what is said.",
                ["attribution"],
                [first],
                "easy",
            )
        )
    else:
        found.append(
            question(
                d,
                claim,
                cid,
                "attributed",
                "true-false",
                f"{where.capitalize()} attributes these words to {_lower_article(others[0][0])}:"
                f" {shown(first.subject)}",
                [("answer", False)],
                f"It attributes them to {_lower_article(first.value)}: {shown(quote_of(first), 60)}.",
                "Match each statement to its speaker; don't let a nearby name borrow it.",
                ["attribution"],
                [first],
            )
        )
    relayed = next((s for s in askable if s.via), None)
    if relayed is not None:
        where = d.article(relayed.sentence.source)
        found.append(
            question(
                d,
                claim,
                cid,
                "via",
                "true-false",
                f"In {where}, {relayed.via} is the source of the words {shown(relayed.subject, 15)}",
                [("answer", False)],
                f"{relayed.via} is only where they were said or printed; the speaker is"
                f" {_lower_article(relayed.value)}: {shown(quote_of(relayed), 60)}.",
                "Separate who said something from who passed it on: a quote of a quote is second-hand.",
                ["attribution", "source-evaluation"],
                [relayed],
                "hard",
            )
        )
    opinion = next((s for s in claim.statements if s.opinion and _askable(s)), None)
    if opinion is not None:
        body = choices(
            f"An opinion, which the article attributes to {_lower_article(opinion.value)}",
            [
                (
                    "A fact the article has checked",
                    f"The article attributes it to {_lower_article(opinion.value)}; nothing in it checks the judgment.",
                ),
                (
                    "The article's own conclusion",
                    f"The article attributes the view to {_lower_article(opinion.value)}, not to itself.",
                ),
            ],
        )
        found.append(
            body
            and question(
                d,
                claim,
                cid,
                "opinion",
                "single",
                f"In {d.article(opinion.sentence.source)}, is {shown(opinion.subject)} a fact, an opinion or the"
                " article's own conclusion?",
                body,
                f"The passage reads {shown(quote_of(opinion), 60)}.",
                "Separate what can be checked from what someone thinks of it, and note whose view it is.",
                ["fact-vs-opinion", "attribution"],
                [opinion],
            )
        )
    return found


def _post(claim: DraftClaim, cid: str, d: Drafting) -> list[Fields | None]:
    first = claim.statements[0]
    where = d.article(first.sentence.source)
    wrong = [
        (
            other,
            f"{elsewhere.capitalize()} names {_lower_article(other)} for other statements; the post's credit line"
            f" names {first.value}.",
        )
        for other, elsewhere in d.others(first)
    ]
    wrong.append(
        ("The author of the article", f"The article only embeds the post; its credit line names {first.value}.")
    )
    body = choices(first.value, wrong)
    return [
        body
        and question(
            d,
            claim,
            cid,
            "who-posted",
            "single",
            f"{where.capitalize()} embeds a post: {shown(first.subject)} Who posted it, according to its credit line?",
            body,
            f"The credit line under the post reads “{first.sentence.credit}”.",
            "Read the credit line of an embedded post: it says who posted it, and when.",
            ["attribution", "source-evaluation"],
            difficulty="easy",
        )
    ]


def _unsourced(claim: DraftClaim, cid: str, d: Drafting) -> list[Fields | None]:
    first = claim.statements[0]
    where = d.article(first.sentence.source)
    wrong = [
        (
            other,
            f"{elsewhere.capitalize()} names {_lower_article(other)} as the source of other statements, not of this"
            f" one.",
        )
        for other, elsewhere in d.others(first)
    ]
    wrong.append(
        (
            "It is common knowledge, so no source is needed",
            "It is a specific, checkable claim; the reader cannot tell how the article knows it.",
        )
    )
    skills = ["source-evaluation", "claim-verification"] + (
        ["emotional-language"] if LOADED.search(first.value) else []
    )
    body = choices(NO_SOURCE, wrong)
    who = question(
        d,
        claim,
        cid,
        "source",
        "single",
        f"Who is the source of this statement in {where}: {shown(first.value)}?",
        body or [],
        f"{where.capitalize()} states it in its own voice, with no “said” or “according to”: {shown(first.value, 60)}.",
        "For every claim, look for the words that say who says so; when there are none, treat it as unverified.",
        skills,
        difficulty="medium",
    )
    check = question(
        d,
        claim,
        cid,
        "check",
        "claim-check",
        "Judge this claim using only the sources.",
        [
            ("claim", f"A named source in the articles confirms this: {shown(first.value)}"),
            ("verdict", Plain("not-in-sources")),
        ],
        f"{where.capitalize()} asserts it with no source; no passage names anyone who confirms it. Unsourced does not"
        f" mean false.",
        "Don't let a claim borrow authority the source never gave it.",
        ["claim-verification", "source-evaluation"],
        difficulty="hard",
    )
    return [who if body else None, check]


def header(claim: DraftClaim) -> Comment:
    return Comment(f"{claim.status}: {claim.kind} ({count(len(claim.statements), 'passage')})")
