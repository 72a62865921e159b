"""Find checkable statements in an article's sentences.

Deterministic text heuristics, no model and no network: numbers with what they count, dates
with what happened then, speech with who said it (and through whom), named opinions, kinds of
work and ratings, embedded posts, and serious sentences that carry no source. ``quiz.ledger``
groups them into claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from quiz.authoring.drafting.figures import (
    DURATION,
    FRACTION,
    NOT_TALLY_BEFORE,
    SCORE,
    TALLY,
    TALLY_CONTEXT,
    WORDS_NUMBER,
    duration_days,
    fraction_percent,
    tally_norm,
    word_value,
)
from quiz.authoring.drafting.lexicon import (
    ATTRIBUTION,
    CHARGED,
    DATE,
    EVALUATIVE,
    FILLERS,
    GENERIC,
    GENERIC_LABELS,
    LABEL_NOT_BEFORE,
    LABEL_ONLY_BEFORE,
    LABELS,
    MONTHS,
    OPINION_MARKERS,
    PROFANE,
    PRONOUNS,
    RATING,
    SAY_VERBS,
    STOPWORDS,
    WEEKDAYS,
    lemma,
)
from quiz.authoring.drafting.times import PERIOD
from quiz.authoring.sentences import CREDIT, Sentence

_QUALIFIER = (
    r"(?:(?:just |well )?(?:over|under)|more than|fewer than|less than|nearly|almost|about|around|roughly|"
    r"approximately|at least|at most|up to|some|close to)"
)
_NUMBER = re.compile(
    rf"(?<![\w$£€.,/@#+:-])(?:(?P<qual>{_QUALIFIER})\s+)?(?P<cur>[$£€])?(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
    r"(?P<scale>\s?(?:million|billion|thousand|bn|m|k)\b)?(?P<pct>\s?(?:%|percent\b|per cent\b))?(?![\w+%:/-]|[.,]\d)",
    re.I,
)
_WORD_NUMBER = re.compile(
    r"\b(?:(?P<qual>"
    + _QUALIFIER
    + r")\s+)?(?P<num>(?:tens of |hundreds of )?(?:hundreds|thousands|millions|dozens))\s+of\b",
    re.I,
)
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    "|eighteen|nineteen|twenty"
)
_AGE = re.compile(rf"\b(?P<num>\d{{1,3}}|{_NUMBER_WORDS})[- ](?:years?)[- ]old\b", re.I)
# "Gerald Finch, 54, of Abbotsfield Drive": an age set after a name, between commas.
_AGE_AFTER_NAME = re.compile(
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}),\s+(?P<num>\d{1,3})(?=,\s+(?:of|from|who|a|an|the|[a-z]+ed)\b"
    r"|,\s+[a-z]|\s+(?:was|is|has|had|who|and)\b)"
)
_UNITS_OF_TIME = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years mark".split()
)
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”|‘([^’]+)’")
_CLAUSE_END = re.compile(r"[,;:.!?()\"“”]")


@dataclass(frozen=True)
class Statement:
    """A checkable statement: what kind, in which sentence, the value as written and comparable."""

    kind: str  # count money percent age tally duration date speech post label description rating stars unsourced
    sentence: Sentence
    value: str  # as written: "over 300,000", "September 9", "docuseries film", "TV-MA", a speaker
    norm: str  # comparable: "300000", "09-09", "nonfiction serial", "TV-MA"
    subject: str = ""  # what is counted, or the words attributed to a speaker
    keys: frozenset[str] = frozenset()
    via: str = ""  # where the words were said: "Variety"
    opinion: bool = False
    quote: str = ""  # the text to cite, when it is more than the sentence
    head: frozenset[str] = frozenset()  # what a figure counts ("case", "measl"); the words before a date


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_][\w'’-]*", text)


def content_lemmas(text: str) -> frozenset[str]:
    found = {lemma(word) for part in words(text) for word in part.split("-") if word.lower() not in STOPWORDS}
    return frozenset(
        word for word in found if len(word) > 2 and word not in STOPWORDS and word not in GENERIC and not word.isdigit()
    )


def _clause_after(text: str, position: int, limit: int) -> str:
    taken: list[str] = []
    for token in text[position:].split():
        if token[0] in '"“‘(':
            break
        end = _CLAUSE_END.search(token)
        piece = token[: end.start()] if end else token
        if piece:
            taken.append(piece)
        if end or len(taken) >= limit:
            break
    while taken and taken[-1].lower() in STOPWORDS:
        taken.pop()
    return " ".join(taken)


def _clause_before(text: str, position: int, limit: int) -> str:
    head = text[:position].rstrip()
    cut = max((head.rfind(mark) for mark in ',;:.!?()"“”'), default=-1)
    return " ".join(head[cut + 1 :].split()[-limit:])


# ---------------------------------------------------------------- numbers and dates


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in taken)


_HEAD_STOP = STOPWORDS | {"said", "says", "told", "were", "was", "have", "has", "had", "will", "would"}
_PREDICATE_OBJECT = frozenset("with from of".split())
_AUXILIARIES = frozenset("have has had were was are is".split())
_TO_FIGURE = re.compile(
    r"\b(?:risen|rose|rise|rising|reached|reach|reaches|climbed|climbing|grown|grew|fallen|fell|dropped|"
    r"passed|passes|totals?|totalled|stands?|stood|hit|hits|now)(?:\s+(?:to|at))?\s*$",
    re.I,
)


def _lemmas(text: str) -> frozenset[str]:
    """Content lemmas, short units ("mm", "km") kept."""
    return frozenset(
        lemma(word)
        for word in words(text)
        if word.lower() not in STOPWORDS and lemma(word) not in GENERIC and not word[0].isdigit()
    )


def head_of(text: str, start: int, end: int) -> frozenset[str]:
    """What a figure counts: the words right after it ("14 cases of measles", "people were evacuated"),
    else "a crowd of 21,000", else the subject of "Turnout was 38 percent", "The number of confirmed
    cases has risen to 31", "Complaints have reached 12,000"."""
    taken: list[str] = []
    tokens = re.findall(r"[\w'’.-]+|[^\w\s]", text[end:])
    for index, token in enumerate(tokens):
        word = token.strip(".").lower()
        if not re.match(r"[^\W\d_]", token):
            break
        predicate = len(taken) >= 2 and not _lemmas(taken[0])  # "23 people fell ill": what they did is counted
        if predicate and word in _PREDICATE_OBJECT and len(taken) < 4:
            continue  # "fell ill with food poisoning": the illness is part of it
        if word in _HEAD_STOP and not (word == "of" and taken):
            if taken and not _lemmas(" ".join(taken)) and len(taken) < 4:
                continue  # "300 people were evacuated": look past the generic noun and its verb
            following = tokens[index + 1].lower() if index + 1 < len(tokens) else ""
            if taken and word in _AUXILIARIES and following not in _HEAD_STOP and following.isalpha():
                taken.append(following)  # "2,000 residents have signed": what they did is part of it
            break
        taken.append(word)
        if len(_lemmas(" ".join(taken))) >= 3 or len(taken) >= 5:
            break
    found = _lemmas(" ".join(taken))
    before = text[:start]
    crowd = re.search(r"(?:^|\s)(?:an?\s+|the\s+)?([^\W\d_][\w-]*)\s+of\s+(?P<between>\S+\s+)?$", before)
    between = crowd.group("between").strip().lower() if crowd and crowd.group("between") else ""
    # "a crowd of 21,000", not "guilty of stealing $410,000" nor "convicted on Tuesday of taking $460,000";
    # "A crowd of 1,200 filled the stands": the crowd is counted, and what it did is part of it
    if crowd and crowd.group(1).lower() not in STOPWORDS and not between.endswith("ing"):
        return _lemmas(crowd.group(1)) | found
    if found:
        return found
    verb = _TO_FIGURE.search(before) or re.search(r"\b(?:is|are|was|were)\s*$", before)
    if verb:
        number_of = re.search(r"\b[Nn]umber of ([^,;]+?)\s+(?:who|that|has|have|had|is|was|in|at|on)\b", before)
        if number_of:  # "The number of people evacuated from their homes": up to the first small word
            phrase = number_of.group(1).split()
            cut = next((i for i, word in enumerate(phrase) if i and word.lower() in STOPWORDS), len(phrase))
            counted = _lemmas(" ".join(phrase[:cut]))
            relative = re.search(r"\b[Nn]umber of [^,;]+?\s+(?:who|that)\s+([^,;]+)", before)
            if counted or relative is None:
                return counted
            # "The number of people who fell ill after eating ...": the people are those who fell ill
            done = relative.group(1).split()
            cut = next((i for i, word in enumerate(done) if i and word.lower() in _HEAD_STOP), len(done))
            return _lemmas(" ".join(done[:cut]))
        subject = re.split(r"[,;:]", before[: verb.start()])[-1].split()  # "Complaints about the outage have"
        cut = next((i for i, word in enumerate(subject) if i and word.lower() in STOPWORDS), len(subject))
        return _lemmas(" ".join(subject[:cut][-4:]))
    return frozenset()


def _numbers(sentence: Sentence, taken: list[tuple[int, int]]) -> Iterable[Statement]:
    text = sentence.text
    yield from _tallies(sentence, taken)
    yield from _durations(sentence, taken)
    yield from _shares(sentence, taken)
    for match in _AGE.finditer(text):
        taken.append(match.span())
        noun = _clause_after(text, match.end(), 3)
        number = match.group("num")
        value = number if number.isdigit() else f"{word_value(number) or 0:g}"
        names = frozenset(
            lemma(word)
            for word in re.findall(r"[A-Z][\w’'-]+", text[: match.start()][-40:])
            if word.lower() not in STOPWORDS
        )
        keys = content_lemmas(noun) | names | {"age"}
        # who is that old: the names just before, and the person noun after ("a nine-year-old girl")
        person = noun.split()[0] if noun and noun.split()[0].lower() not in STOPWORDS else ""
        head = names | (frozenset({lemma(person)}) if person and person.islower() else frozenset())
        yield Statement("age", sentence, match.group(), value, f"{match.group()} {noun}".strip(), keys, head=head)
    for match in _AGE_AFTER_NAME.finditer(text):
        name = match.group("name").split()
        if _overlaps(match.span("num"), taken) or not 0 < int(match.group("num")) <= 110 or not _is_name(name):
            continue
        taken.append(match.span("num"))
        names = frozenset(lemma(word) for word in name)
        subject = f"{match.group('name')}, {match.group('num')}"
        yield Statement("age", sentence, match.group("num"), match.group("num"), subject, names | {"age"}, head=names)
    matches = [*_NUMBER.finditer(text), *_WORD_NUMBER.finditer(text), *WORDS_NUMBER.finditer(text)]
    for match in sorted(matches, key=lambda found: found.start()):
        if _overlaps(match.span(), taken):
            continue
        taken.append(match.span())
        number = match.group("num")
        after = _clause_after(text, match.end(), 6)
        first = after.split()[0].lower() if after else ""
        marked = any(match.groupdict().get(key) for key in ("qual", "cur", "scale", "pct"))
        plain = re.fullmatch(r"(?:1[5-9]|20)\d\d", number) and not marked
        if plain and not (first.islower() and first.endswith("s")):
            yield _date(sentence, number, number, text)
            continue
        currency = match.groupdict().get("cur") or re.match(r"(?:dollars|pounds|euros)\b", first)
        # what a sum pays for is often further back: "Repairs are expected to cost $1.8 million"
        before = _clause_before(text, match.start(), 6 if currency else 4)
        if (
            first in _UNITS_OF_TIME
            or (
                first in STOPWORDS - {"of"}
                and not (currency or match.groupdict().get("pct"))
                and not _TO_FIGURE.search(text[: match.start()])  # "had reached 21,000 by Friday" is a count
            )
            or first.capitalize() in MONTHS
            or not (first or content_lemmas(before) or _TO_FIGURE.search(text[: match.start()]))
        ):
            continue
        kind = "percent" if match.groupdict().get("pct") else "money" if currency else "count"
        head = head_of(text, match.start(), match.end()) - {"dollar", "pound", "euro", "percent", "cent"}
        yield Statement(
            kind,
            sentence,
            match.group().strip(),
            _numeric(match),
            f"{match.group().strip()} {after}",
            content_lemmas(f"{before} {after}"),
            head=head,
        )


def _tallies(sentence: Sentence, taken: list[tuple[int, int]]) -> Iterable[Statement]:
    """Votes, verdicts and scores: "voted 7-4", "by a majority of 10 to 2", "won 2-1"."""
    text = sentence.text
    if not TALLY_CONTEXT.search(text):
        return
    for match in TALLY.finditer(text):
        if NOT_TALLY_BEFORE.search(text[: match.start()]):
            continue
        taken.append(match.span())
        keys = content_lemmas(text[: match.start()] + " " + text[match.end() :])
        yield Statement("tally", sentence, match.group(), tally_norm(match), text, keys)


def _shares(sentence: Sentence, taken: list[tuple[int, int]]) -> Iterable[Statement]:
    """Marks out of a scale ("a rating of 1 out of 5"), and shares in words ("a quarter of the homes"),
    which are percentages."""
    text = sentence.text
    for match in SCORE.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        number, scale = (part if part[0].isdigit() else f"{word_value(part) or 0:g}" for part in match.groups())
        if not float(scale):
            continue
        taken.append(match.span())
        before, after = _clause_before(text, match.start(), 4), _clause_after(text, match.end(), 6)
        keys = content_lemmas(f"{before} {after}")
        head = head_of(text, match.start(), match.end())
        yield Statement("score", sentence, match.group(), f"{number}/{scale}", match.group(), keys, head=head)
    for match in FRACTION.finditer(text):
        share = fraction_percent(match)
        if share is None or _overlaps(match.span(), taken):
            continue
        taken.append(match.span())
        before, after = _clause_before(text, match.start(), 4), _clause_after(text, match.end(), 8)
        head = head_of(text, match.start(), match.end())
        yield Statement(
            "percent",
            sentence,
            match.group(),
            f"{share:g}",
            f"{match.group()} {after}",
            content_lemmas(f"{before} {after}"),
            head=head,
        )


def _durations(sentence: Sentence, taken: list[tuple[int, int]]) -> Iterable[Statement]:
    """How long something lasts or takes: "will take six weeks", "last a month and a half", "for a fortnight"."""
    text = sentence.text
    for match in DURATION.finditer(text):
        days = duration_days(match)
        before = text[: match.start()]
        if days is None or not re.search(r"\b(?:last\w*|take|takes|took|for|within|shut|close\w*|run)\s+$", before):
            continue
        taken.append(match.span())
        keys = content_lemmas(before + " " + text[match.end() :])
        yield Statement("duration", sentence, match.group(), f"{days:g}", text, keys)


def _numeric(match: re.Match[str]) -> str:
    number = match.group("num").lower()
    scale = (match.groupdict().get("scale") or "").strip().lower()
    if not number[0].isdigit():
        value = word_value(number + (" " + scale if scale in ("hundred", "thousand", "million", "billion") else ""))
        return number if value is None else f"{value:g}"
    return f"{float(number.replace(',', '')) * _SCALES.get(scale, 1):g}"


_REPORTED_ON = re.compile(r"\b(?:" + "|".join(sorted(SAY_VERBS)) + r")\s*(?:on\s*)?$", re.I)


def _dates(sentence: Sentence, taken: list[tuple[int, int]]) -> Iterable[Statement]:
    """Dates and times, except the day a statement was made ("the company said on Monday")."""
    found = [*DATE.finditer(sentence.text), *PERIOD.finditer(sentence.text)]
    for match in sorted(found, key=lambda found: (found.start(), -found.end())):
        if _overlaps(match.span(), taken):
            continue
        taken.append(match.span())
        if _REPORTED_ON.search(sentence.text[: match.start()]):
            continue
        yield _date(sentence, match.group(), _date_norm(match.group()), sentence.text)


_CALENDAR_WORDS = frozenset(lemma(name) for name in (*MONTHS, *WEEKDAYS))


# The reporting clause that ends a sentence (", the admissions office said."): who told it, not what happened.
_SAID_AT_END = re.compile(
    r",\s+[^,;:\"“”]{1,60}?\s+(?:" + "|".join(sorted(SAY_VERBS)) + r")(?:\s+on\s+\w+)?\.?\s*$", re.I
)


def _date(sentence: Sentence, value: str, norm: str, text: str) -> Statement:
    told = _SAID_AT_END.search(text)
    event = text[: told.start()] if told and told.start() > text.find(value) >= 0 else text
    keys = content_lemmas(event.replace(value, " ")) - _CALENDAR_WORDS
    clause = re.split(r"[,;:()\"“”]", text[: text.find(value)])[-1]  # the event comes before: "will close next spring"
    near = content_lemmas(" ".join(clause.split()[-6:])) - _CALENDAR_WORDS
    return Statement("date", sentence, value, norm, text, keys, head=near)


def _date_norm(value: str) -> str:
    """``year-month-day`` with what is known (``?`` for the rest), or the weekday / relative word."""
    year = re.search(r"\b\d{4}\b", value)
    month = next((number for number, name in enumerate(MONTHS, 1) if name[:3] in value), 0)
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", value.replace(year.group(), "") if year else value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if month:
        return (
            f"{year.group() if year else '?'}-{month:02d}-{int(day.group(1)):02d}"
            if day
            else f"{year.group() if year else '?'}-{month:02d}-?"
        )
    if year:
        return year.group()
    weekday = next((name for name in WEEKDAYS if name in value), "")
    return weekday.lower() or value.lower()


def dates_conflict(first: str, second: str) -> bool:
    """Two normalised dates conflict when a part both give differs; a weekday or "yesterday" compares with nothing."""
    parts = [norm.split("-") if re.fullmatch(r"[\d?]+-[\d?]+-[\d?]+|\d{4}", norm) else None for norm in (first, second)]
    if parts[0] is None or parts[1] is None:
        return False
    return any(a != b and "?" not in (a, b) for a, b in zip(parts[0], parts[1]))


# ---------------------------------------------------------------- speech


def _speech(sentence: Sentence, previous: Statement | None) -> Statement | None:
    """Who the sentence gives its words to ("according to X", "X said", '"...," said X'), through whom
    ("told Variety"), and the words; ``previous`` resolves "she added" and "The filmmaker said"."""
    text = sentence.text
    attribution = ATTRIBUTION.search(text)
    if attribution:
        who = re.split(r"\s(?:that|which|who)\s", _clause_after(text, attribution.end(), 6))[0]
        if not who or not any(word[0].isupper() for word in who.split()) and lemma(who.split()[-1]) not in _ROLE_HINTS:
            return None
        if attribution.start() < len(text) / 3:
            said = text[attribution.end() + len(who) :].lstrip(" ,:")
        else:
            said = text[: attribution.start()].rstrip(" ,")
        return _said(sentence, who, said, "")
    for match in re.finditer(r"[\w’']+", text):
        verb = match.group().lower()
        if verb not in SAY_VERBS or _inside_quote(text, match.start()):
            continue
        before = text[: match.start()].rstrip()
        if (match.start() and match.group()[0].isupper()) or _NOT_A_SAYING.search(before):
            continue  # "the United States", "a reported $90 million", "the number of confirmed cases"
        if before.endswith(('"', "”", ',"', ",”")) or re.search(r"[\"”],?$", before):
            who = _clause_after(text, match.end(), 5)  # '"...," said Mayor Okafor'
            named = _APPOSITIVE.match(text[match.end() :])
            if named and named.group("role").strip() == who and not any(word[0].isupper() for word in who.split()):
                who = named.group("name")  # '"...," said the cafe's owner, Piotr Lewandowski': the name
        else:
            chunks = re.split(r"[;:\"“”(]|,(?!\s*$)", before.rstrip(","))
            clause = chunks[-1].split()
            if len(chunks) > 1 and _NAME_ONLY.fullmatch(chunks[-2].strip()) and _ROLE_AFTER.match(chunks[-1].strip()):
                clause = chunks[-2].split()  # "Martin Hale, Greyline's operations director, said": the name
            if (
                clause
                and clause[0].lower() in ("who", "which", "that")
                and len(clause) > 1
                and _opens_subject(clause[1])
            ):
                clause = clause[1:]  # "a 4 percent rise, which the union said fell short": the union said it
            elif clause and clause[0].lower() in ("who", "which") and len(chunks) > 1:
                clause = chunks[-2].split()  # "Pratt, who had been mayor for eight years, said"
            if clause and clause[-1].lower() in ("is", "was", "are", "were", "be", "been", "being"):
                return None  # "is described as": passive, and no one is named
            while clause and clause[-1].lower() in FILLERS:
                clause.pop()
            while clause and (clause[0].lower() in FILLERS or clause[0].lower() in ("on", "after", "in", "at")):
                clause.pop(0)
            who = " ".join(clause)
        if not who or len(who.split()) > 8:
            return None
        if who.lower() in PRONOUNS:
            if (
                previous is None
                or previous.sentence.source != sentence.source
                or sentence.number - previous.sentence.number > 3
            ):
                return None
            who = previous.value
        elif not any(word[0].isupper() for word in who.split()) and not any(
            lemma(word) in _ROLE_HINTS for word in who.split()
        ):
            return None
        via = re.search(
            r"\b(?:to|told|with|in)\s+(?:the\s+)?(?P<via>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*)*)", text[match.start() :]
        )
        words_said = _attributed_words(text, match.end())
        if not words_said and who in before:  # "2,000 signed, its organisers said": the words come first
            words_said = before[: before.rfind(who)].strip(" ,")
            words_said = words_said if len(words_said.split()) >= 4 else ""
        found = _said(sentence, who, words_said, via.group("via") if via else "")
        if (
            previous is not None
            and not is_named(who)
            and is_named(previous.value)  # "The company said", then "The city council urged": two speakers
            and who.split()[0] == "The"
            and previous.sentence.source == sentence.source
            and 0 < sentence.number - previous.sentence.number <= 2
        ):
            # "According to Doucouré, ..." then "The filmmaker said ...": most likely the same speaker
            found = replace(found, keys=found.keys | previous.keys)
        return found
    return None


# A reporting verb right after these is a word describing a thing, not someone speaking.
_NOT_A_SAYING = re.compile(r"(?:^|\s)(?:a|an|the|its|their|his|her|of|for|with|and|or|newly|officially)$", re.I)

# A name alone ("Martin Hale"), and a role that may follow it ("Greyline's operations director", "its chair").
_NAME_ONLY = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*")
_ROLE_AFTER = re.compile(r"(?:the|its|his|her|their|[A-Z][\w-]*['’]s)\s+[a-z]", re.I)

# A role then the name it stands for: "the cafe's owner, Piotr Lewandowski", "its chair, Helen Osei".
_APPOSITIVE = re.compile(r"\s*(?P<role>[^,;:.!?\"“”]+),\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\b")

_ROLE_HINTS = frozenset(
    lemma(word)
    for word in """spokesperson spokesman spokeswoman official officials police filmmaker director
    petition review reviewer critic report study survey statement synopsis group council organizer organiser
    researcher scientist expert minister mayor president company agency court judge witness resident
    union board committee office department ministry government authority club school university hospital
    charity firm regulator inspector""".split()
)


def _opens_subject(word: str) -> bool:
    """Whether a relative clause's next word opens its own subject ("which the union said"), not a verb."""
    return word.lower() in ("the", "a", "an", "its", "his", "her", "their", "our") or word[:1].isupper()


def mid_sentence(who: str) -> str:
    """A speaker as written inside a sentence: "the company", "union organiser Tess Marlow",
    "vice-chancellor Priya Nandakumar", but "Martin Hale", "Mayor Ruth Okonjo" and "Greyline's director"."""
    parts = who.split()
    first = parts[0]
    role = len(parts) > 1 and parts[1][:1].islower() and not re.search(r"['’]s$", first)
    hyphened = re.fullmatch(r"[A-Z][a-z]+-[a-z]+", first) is not None  # "Vice-chancellor"
    if first in ("The", "A", "An", "Its", "Their", "His", "Her") or role or hyphened:
        return first[:1].lower() + who[1:]
    return who


def is_named(who: str) -> bool:
    """A speaker with a name ("Netflix", "A spokesperson of Netflix"), not only a role ("The filmmaker")."""
    return any(word[0].isupper() for word in who.split()[1:]) or (
        who[:1].isupper() and who.split()[0].lower() not in STOPWORDS
    )


def _inside_quote(text: str, position: int) -> bool:
    head = text[:position]
    return head.count('"') % 2 == 1 or head.count("“") > head.count("”")


def _attributed_words(text: str, position: int) -> str:
    """The words attributed: the longest quotation after the verb (before it, in '"...," she said'),
    else the that-clause, else the rest of the sentence."""
    if text.lstrip()[:1] in '"“':  # '"We cannot ...," said councillor Whitlow, who proposed it.'
        opening = [quote for quote in _quotes(text[:position]) if len(quote.split()) >= 3]
        if opening:
            return max(opening, key=len).strip(" ,")
    quoted = [
        quote
        for quote in (next(group for group in match.groups() if group) for match in _QUOTED.finditer(text, position))
        if len(quote.split()) >= 3
    ]
    named_as = re.search(r"\bas\s+(an?\s+.+)$", text[position:])  # 'NME called "Cuties" ... as a powerful exploration'
    if named_as and text[:position].split()[-1].lower() in (
        "called",
        "calls",
        "described",
        "describes",
        "praised",
        "defended",
    ):
        return named_as.group(1).strip(" ,.")
    if quoted:
        return max(quoted, key=len).strip(" ,")
    that = re.match(r"\s*(?:\S+\s+){0,5}?that\s+(.+)$", text[position:])
    rest = (that.group(1) if that else text[position:]).strip(" ,.")
    if len(rest.split()) >= 4:
        return rest
    earlier = [quote for quote in _quotes(text[:position]) if len(quote.split()) >= 3]  # '"...," said Mayor Lee.'
    return max(earlier, key=len).strip(" ,") if earlier else ""


def _said(sentence: Sentence, who: str, said: str, via: str) -> Statement:
    who = who.strip(" ,")
    who = who[0].upper() + who[1:]
    opinion = bool(OPINION_MARKERS.search(sentence.text) or EVALUATIVE.search(said))
    return Statement("speech", sentence, who, who.lower(), said, speaker_keys(who), via if via != who else "", opinion)


def speaker_keys(who: str) -> frozenset[str]:
    """Names (and their initials: PTC for Parents Television Council), else the speaker's role noun."""
    who = mid_sentence(who)  # "Union organiser Tess Marlow" is a person, not the union
    head = re.sub(r"^.*['’]s\s+", "", who)  # "Netflix's synopsis" speaks as a synopsis
    names = [word for word in words(head) if word[0].isupper() and word.lower() not in STOPWORDS]
    keys = {lemma(word) for word in names}
    if len(names) >= 2:
        keys.add("".join(word[0] for word in names).lower())
    if not keys or head != who:
        keys |= {lemma(word) for word in words(head) if word.lower() not in STOPWORDS}
    return frozenset(keys)


# ---------------------------------------------------------------- kinds of work, ratings, unsourced

_PUNCT = "\"“”‘’',.;:!?()"


def _labels(sentence: Sentence) -> list[Statement]:
    """Kinds of work named in a sentence ("the docuseries film", "a coming-of-age comedy-drama"),
    one statement per title they are attached to (a label right before a name is that name's)."""
    tokens = sentence.text.split()
    marked = []
    for index, token in enumerate(tokens):
        bare = token.strip(_PUNCT)
        word = bare.lower()
        following = " ".join(tokens[index + 1 : index + 3])
        if word not in LABELS or (bare != word and index > 0):  # "Sundance Film Festival" is a name
            continue
        if (word in LABEL_ONLY_BEFORE and not LABEL_ONLY_BEFORE[word].match(following)) or (
            word in LABEL_NOT_BEFORE and LABEL_NOT_BEFORE[word].match(following)
        ):
            continue
        marked.append(index)
    phrases: list[list[int]] = []
    for index in marked:
        if phrases and phrases[-1][-1] == index - 1 and not tokens[index - 1].endswith(tuple(",;:")):
            phrases[-1].append(index)
        else:
            phrases.append([index])
    by_title: dict[str, tuple[list[str], set[str]]] = {}
    phrases = [
        phrase for phrase in phrases if {tokens[index].strip(_PUNCT).lower() for index in phrase} - GENERIC_LABELS
    ] or phrases
    generic = {
        tokens[index].strip(_PUNCT).lower() for index in marked
    } & GENERIC_LABELS  # "the TV-MA-rated film" still says "film"
    for phrase in phrases:
        start = (
            phrase[0] - 1
            if phrase[0] and "-" in tokens[phrase[0] - 1] and tokens[phrase[0] - 1].strip(_PUNCT).lower() not in LABELS
            else phrase[0]
        )
        found = {tokens[index].strip(_PUNCT).lower() for index in phrase}
        after = (
            tokens[phrase[-1] + 1].strip(_PUNCT)
            if phrase[-1] + 1 < len(tokens) and not tokens[phrase[-1]].endswith(tuple(",;:"))
            else ""
        )
        title = after if after[:1].isupper() and after.lower() not in STOPWORDS else ""
        values, labels = by_title.setdefault(title, ([], set()))
        end = phrase[-1] + 1
        if (
            end < len(tokens)
            and not tokens[phrase[-1]].endswith(tuple(",;:"))
            and tokens[end].strip(_PUNCT).lower()
            in (
                "painting",
                "drawing",
                "sketch",
                "portrait",
            )
        ):
            end += 1  # "an oil painting": the medium and what it made
        values.append(" ".join(tokens[start:end]).strip(_PUNCT))
        labels |= found
    statements = []
    for title, (values, labels) in by_title.items():
        labels |= generic
        if labels - GENERIC_LABELS:
            families = sorted({family for word in labels for family in LABELS[word]})
            statements.append(
                Statement("label", sentence, "; ".join(values), " ".join(families), title, frozenset(labels))
            )
    return statements


# "its new riverside building, a medical research centre, will": a thing, then what kind of thing it is.
_DESCRIBED = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Tt]his)\s+(?P<what>(?:[a-z-]+\s+){0,3}?(?P<head>[a-z]+)),\s+"
    r"(?P<kind>an?\s+(?:[A-Za-z-]+\s+){0,3}[a-z]+)(?=,|\.$|\s+(?:will|would|is|was|has|had|received|got|won)\b)"
)


# "Maureen Tully, a retired fire officer who ...", "Jan Novak, the club's paid head coach,": a name, then its role.
_ROLE_OF_NAME = re.compile(
    r"(?P<name>\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}),\s+(?P<kind>(?:an?|the)\s+[^,;:.!?()\"“”\d]+?)"
    r"(?=\s+(?:who|which|that|at|in|for|from|since|with|on)\b|[,.;:])"
)
# "an ichthyosaur, a dolphin-like reptile": a kind of thing, then the class it belongs to.
_KIND_OF_CLASS = re.compile(
    r"\b(?P<det>an?)\s+(?P<what>[a-z][\w-]+),\s+an?\s+(?:[\w-]+\s+){0,3}?(?P<cls>[a-z]+)"
    r"(?=[,.;]|\s+(?:that|which|who|with|from|of)\b)"
)


def _descriptions(sentence: Sentence) -> list[Statement]:
    """What kind of thing a sentence says something is ("The building, a student housing block, ..."),
    keyed by the thing ("building"); a kind of work or a picture's medium is a label instead. What a named
    person is ("Jan Novak, the club's paid head coach"), keyed by the surname; and which kind of a class a
    thing is ("a plesiosaur, a long-necked reptile"), keyed by the class."""
    found = []
    for match in _ROLE_OF_NAME.finditer(sentence.text):
        name, kind = match.group("name").split(), match.group("kind").split()
        if not _is_name(name) or len(kind) < 2 or any(word.lower() in LABELS for word in kind):
            continue
        head = content_lemmas(" ".join(kind[1:]))
        if head and not re.search(r"['’]s$", kind[-1]):
            value = match.group("kind")
            found.append(
                Statement(
                    "description",
                    sentence,
                    value,
                    lemma(kind[-1]),
                    match.group("name"),
                    frozenset({" ".join(lemma(word) for word in name[-2:])}),  # "Dr Lena Okafor" is "Lena Okafor"
                    head=head,
                )
            )
    for match in _KIND_OF_CLASS.finditer(sentence.text):
        what, cls = match.group("what"), match.group("cls")
        if what in STOPWORDS or cls in STOPWORDS or what in LABELS or lemma(what) == lemma(cls):
            continue
        value = f"{match.group('det')} {what}"
        found.append(
            Statement(
                "description",
                sentence,
                value,
                lemma(what),
                f"the {cls}",
                frozenset({lemma(cls)}),
                head=frozenset({lemma(what)}),
            )
        )
    for match in _DESCRIBED.finditer(sentence.text):
        kind = match.group("kind").split()
        if match.group("head") in STOPWORDS or any(word in LABELS for word in kind) or len(kind) < 3:
            continue  # "a student housing block" says what it is; "a success" is a judgment
        found.append(
            Statement(
                "description",
                sentence,
                match.group("kind"),
                lemma(kind[-1]),
                f"the {match.group('what')}",
                frozenset({lemma(match.group("head"))}),
                head=content_lemmas(" ".join(kind[1:])),
            )
        )
    return found


def _is_name(parts: Sequence[str]) -> bool:
    """Whether capitalised words are a name: none a small word, a month or a weekday."""
    return bool(parts) and all(
        part.lower() not in STOPWORDS and part not in MONTHS and part not in WEEKDAYS and part[:1].isupper()
        for part in parts
    )


GRADE = frozenset({"grade"})  # the head of a grade in words, told apart from an age rating ("TV-MA")
# A grade in quotation marks after "rated": "was rated 'good'", "rated the surgery 'requires improvement'".
_GRADE = re.compile(
    r"\brated\s+(?:(?P<what>(?:the|its|their)\s+[a-z]+)\s+)?(?:as\s+)?(?:['‘\"“])(?P<grade>[A-Za-z][A-Za-z -]{1,30}?)"
    r"(?:['’\"”])"
)
_GRADED = re.compile(
    r"(?:(?P<the>(?:[Tt]he|[Ii]ts)\s+[a-z]+)|(?P<name>(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+))[^.;:]*$"
)


def _grades(sentence: Sentence) -> list[Statement]:
    """Grades given in words ("rated 'good'"), each with what was rated: the noun after "rated" or, before
    it, the thing or name the clause is about ("Millbrook, which inspectors rated", "the surgery was rated")."""
    found = []
    for match in _GRADE.finditer(sentence.text):
        what = match.group("what") or ""
        if not what:
            before = re.split(r"[;:]", sentence.text[: match.start()])[-1]
            candidates = [
                found.group("the") or found.group("name")
                for found in re.finditer(r"(?P<the>\b(?:[Tt]he|[Ii]ts)\s+[a-z]+)|(?P<name>\b[A-Z][\w'’-]+)", before)
                if found.group("the") or _is_name([found.group("name")])
            ]
            what = candidates[-1] if candidates else ""  # the nearest: "The closure ..., because the surgery was"
        what = what[:1].lower() + what[1:] if what.split()[0] in ("The", "Its") else what if what else ""
        grade = match.group("grade").strip()
        keys = frozenset(lemma(word) for word in what.split() if word.lower() not in STOPWORDS)
        found.append(
            Statement("rating", sentence, grade, grade.lower(), what, keys, quote="", head=frozenset({"grade"}))
        )
    return found


def _rating(sentence: Sentence) -> Statement | None:
    match = RATING.search(sentence.text)
    return Statement("rating", sentence, match.group(), match.group().upper()) if match else None


_STARS = re.compile(r"\b(?P<num>[0-5](?:\.5)?|one|two|three|four|five)[- ]stars?\b", re.I)


def _stars(sentence: Sentence) -> Statement | None:
    """A reviewer's stars ("gave it four stars", "a two-star review"), the names in the sentence as keys."""
    match = _STARS.search(sentence.text)
    if match is None:
        return None
    number = match.group("num").lower()
    value = number if number[0].isdigit() else f"{word_value(number) or 0:g}"
    names = frozenset(
        lemma(word) for word in re.findall(r"\b[A-Z][\w’'-]+", sentence.text) if word.lower() not in STOPWORDS
    )
    return Statement("stars", sentence, match.group(), value, "", names)


def _unsourced(sentence: Sentence) -> Statement | None:
    text = sentence.text
    if sentence.role != "text" or text.endswith("?") or not 5 <= len(text.split()) <= 40:
        return None
    if re.search(r"\b(?:I|we|We|our|Our|you|You|my|My)\b", text) or any(
        len(quote.split()) >= 3 for quote in _quotes(text)
    ):
        return None
    charged = {match.group().lower() for match in CHARGED.finditer(text)}
    if not charged:
        return None
    named = any(word[0].isupper() for word in text.split()[1:])
    score = 2 * len(charged) + named + (len(text.split()) <= 15)
    return Statement("unsourced", sentence, text, str(score), keys=content_lemmas(text))


def _quotes(text: str) -> list[str]:
    return [next(group for group in match.groups() if group) for match in _QUOTED.finditer(text)]


# ---------------------------------------------------------------- finding and grouping


def find_statements(sentences: Sequence[Sentence]) -> list[Statement]:
    """Every statement in the sentences, in text order."""
    found: list[Statement] = []
    previous: Statement | None = None
    carried: tuple[str, int] = ("", -1)  # "According to X," frames the rest of its paragraph
    narration = " ".join(sentence.text for sentence in sentences if sentence.role == "text")
    for index, sentence in enumerate(sentences):
        if sentence.role == "post":
            post = _post(sentence, sentences[index - 1] if index else None, narration)
            if post:
                found.append(post)
            continue
        if sentence.role == "heading" and not sentence.text.endswith(":"):
            continue
        if sentence.role == "heading":  # "According to Variety:" introduces the next sentence
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            if following is None or following.paragraph != sentence.paragraph or following.role != "text":
                continue
            joined = Sentence(sentence.source, sentence.number, sentence.paragraph, f"{sentence.text} {following.text}")
            speech = _speech(joined, previous)
            if speech:
                found.append(speech)
                previous = speech
                carried = (sentence.source, sentence.paragraph)
            continue
        taken: list[tuple[int, int]] = []
        dates = list(_dates(sentence, taken))
        opening = sentence.text.split()[0].lower() if sentence.text.split() else ""
        before = sentences[index - 1] if index else None
        if opening in PRONOUNS and before is not None and before.source == sentence.source:
            # "She will pass sentence on June 30": who "she" is, the sentence before says
            context = content_lemmas(before.text) - _CALENDAR_WORDS
            dates = [replace(date, keys=date.keys | context) for date in dates]
        found.extend(dates)
        found.extend(_numbers(sentence, taken))
        found.extend(_labels(sentence))
        found.extend(_descriptions(sentence))
        rating = _rating(sentence)
        if rating:
            found.append(rating)
        found.extend(_grades(sentence))
        stars = _stars(sentence)
        if stars:
            found.append(stars)
        speech = _speech(sentence, previous)
        if speech:
            found.append(speech)
            previous = speech
            if ATTRIBUTION.match(sentence.text):
                carried = (sentence.source, sentence.paragraph)
        elif (sentence.source, sentence.paragraph) != carried and not ATTRIBUTION.search(sentence.text):
            unsourced = _unsourced(sentence)
            if unsourced:
                found.append(unsourced)
    return found


def _post(sentence: Sentence, before: Sentence | None, narration: str) -> Statement | None:
    """An embedded post whose author the article also names in its own text (a party to the story)."""
    credit = CREDIT.match(sentence.credit)
    if not credit or (before is not None and before.credit == sentence.credit) or PROFANE.search(sentence.text):
        return None
    name = credit.group("name").strip()
    if len(sentence.text.split()) < 4 or not re.search(rf"\b{re.escape(name)}\b", narration):
        return None
    quote = f"{sentence.text} [...] {sentence.credit}"
    return Statement(
        "post",
        sentence,
        f"{name} ({credit.group('handle')})",
        credit.group("date").strip(),
        sentence.text,
        frozenset({lemma(name)}),
        quote=quote,
    )
