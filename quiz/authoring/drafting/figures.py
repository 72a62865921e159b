"""Numbers as a careful reader compares them: written in words, rounded, tallied, or as a duration.

"fifty thousand dollars" is 50,000 (``number-parser`` reads number words); "nearly 2,000" is a
range that holds 1,950; "7-4" is a tally; "six weeks" and "a month and a half" are both about 42 to
46 days. Two figures disagree only when the ranges they can mean do not meet.
"""

from __future__ import annotations

import re

from number_parser import parse_number

_UNITS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen"
    " eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD = rf"(?:{'|'.join(t + '-' + u for t in _TENS for u in _UNITS[:9])}|{'|'.join(_UNITS)}|{'|'.join(_TENS)})"
# A number in words followed by a scale word or a currency, so that "two farms" stays prose.
WORDS_NUMBER = re.compile(
    rf"\b(?P<num>{_WORD}(?:\s+(?:hundred|thousand|million|billion)(?:\s+(?:and\s+)?{_WORD})?)*)"
    rf"(?=\s+(?:hundred|thousand|million|billion|dollars|pounds|euros|percent|per cent)\b)"
    rf"(?P<scale>\s+(?:hundred|thousand|million|billion))?",
    re.I,
)

# "voted 7-4", "by a majority of 10 to 2", "won 2-1", "beat Danby Town 3-1".
# In words too, with what is counted between: "by eight votes to three", "by ten votes to two".
TALLY = re.compile(
    r"(?<![\w$£€.,/-])(?P<a>\d{1,3})\s?(?:-|–|\bto\b)\s?(?P<b>\d{1,3})(?![\w%]|[.,]\d|-)"
    rf"|\b(?P<wa>{_WORD}|\d{{1,3}})\s+votes?\s+to\s+(?P<wb>{_WORD}|\d{{1,3}})\b",
    re.I,
)


def tally_norm(match: re.Match[str]) -> str:
    """The tally as "7-4", for "7-4", "7 to 4" and "seven votes to four"."""
    if match.group("a"):
        return f"{match.group('a')}-{match.group('b')}"
    return "-".join(
        part if part.isdigit() else f"{word_value(part) or 0:g}" for part in (match.group("wa"), match.group("wb"))
    )


TALLY_CONTEXT = re.compile(
    r"\b(?:vot\w*|majority|verdict|jury|won|win|wins|beat|beats|beaten|lost|defeat\w*|score\w*|approv\w*|"
    r"decid\w*|decision|rejected|passed|backed|motion)\b",
    re.I,
)
NOT_TALLY_BEFORE = re.compile(r"\b(?:from|between|aged|ages|(?<!majority )of|page|pages|chapter|years?)\s*$", re.I)

_DURATION_UNIT = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "fortnight": 14.0, "month": 30.4, "year": 365.0}
DURATION = re.compile(
    rf"\b(?P<num>\d+(?:\.\d+)?|{_WORD}|an?|half an?|one and a half)\s+"
    r"(?P<unit>hours?|days?|weeks?|fortnights?|months?|years?)(?P<half>\s+and\s+a\s+half)?(?![\w-])"
    r"|\ba (?P<fortnight>fortnight)\b",
    re.I,
)

# Qualifiers, and the range a rounded figure then stands for, as fractions of it.
_RANGES = (
    (re.compile(r"^(?:nearly|almost|close to|just under|under|fewer than|less than|up to|at most)\b", re.I), 0.9, 1.0),
    (re.compile(r"^(?:just over|over|more than|at least|upwards of)\b", re.I), 1.0, 1.15),
    (re.compile(r"^(?:about|around|roughly|approximately|some|an estimated|estimated)\b", re.I), 0.95, 1.05),
)


# A share in words: "a quarter of the homes", "two-thirds of voters", "one in four residents" (as a percentage).
_PARTS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10}
FRACTION = re.compile(
    r"\b(?P<num>(?:a|one|two|three|four)[- ](?:half|thirds?|quarters?|fifths?|tenth)|half)(?=\s+of\b)"
    rf"|\b(?P<one>one|two|three|\d)\s+in\s+(?P<every>{_WORD}|\d{{1,3}})\b(?=\s+[a-z])",
    re.I,
)
# A mark out of a scale: "a hygiene rating of 1 out of 5", "scored 7 out of 10".
SCORE = re.compile(rf"\b(?P<num>\d+(?:\.\d+)?|{_WORD})\s+out\s+of\s+(?P<scale>\d+|{_WORD})\b", re.I)


def fraction_percent(match: re.Match[str]) -> float | None:
    """ "a quarter" -> 25.0, "two-thirds" -> 66.7, "one in four" -> 25.0."""
    if match.group("num"):
        count, _, part = match.group("num").lower().replace("-", " ").partition(" ")
        if not part:
            count, part = "one", count
        amount = 1.0 if count in ("a", "one") else word_value(count)
        return None if amount is None else round(100 * amount / _PARTS[part], 1)
    one, every = (part if part.isdigit() else word_value(part) for part in (match.group("one"), match.group("every")))
    return round(100 * float(one) / float(every), 1) if one and every else None


def word_value(words: str) -> float | None:
    """The value of a number written in words ("fifty thousand" -> 50000.0), or ``None``."""
    value = parse_number(words.lower().replace("-", " "))
    return float(value) if value is not None else None


def value_range(value: str, number: float) -> tuple[float, float]:
    """The range a figure as written can mean: "nearly 2,000" is 1,800 to 2,000; a bare figure, itself."""
    spread = (0.9, 1.1) if FRACTION.search(value) else (1.0, 1.0)  # "a quarter" is a rounded share
    for pattern, low, high in _RANGES:
        if pattern.search(value.strip()):
            return number * low * spread[0], number * high * spread[1]
    return number * spread[0], number * spread[1]


def ranges_meet(first: tuple[float, float], second: tuple[float, float]) -> bool:
    return first[0] <= second[1] * 1.0001 and second[0] <= first[1] * 1.0001


def duration_days(match: re.Match[str]) -> float | None:
    """ "six weeks" -> 42.0, "a month and a half" -> 45.6, "a fortnight" -> 14.0."""
    if match.group("fortnight"):
        return 14.0
    number = match.group("num").lower()
    if number in ("a", "an"):
        amount: float | None = 1.0
    elif number.startswith("half"):
        amount = 0.5
    elif number == "one and a half":
        amount = 1.5
    elif number[0].isdigit():
        amount = float(number)
    else:
        amount = word_value(number)
    if amount is None:
        return None
    if match.group("half"):
        amount += 0.5
    return amount * _DURATION_UNIT[match.group("unit").lower().rstrip("s")]


def durations_agree(first: float, second: float) -> bool:
    """Within a tenth of each other: "six weeks" (42 days) and "a month and a half" (about 46)."""
    return abs(first - second) <= 0.1 * max(first, second)
