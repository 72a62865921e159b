"""When a statement says something happens, as an interval of days, resolved against the article's date.

"in March", "next spring", "by the end of June", "on Saturday", "May 18", "in 2028": each becomes the
days it can mean, so two reports conflict only when their intervals cannot overlap. A weekday or a
word such as "yesterday" is resolved by ``dateparser`` against the article's publication date (the
past, unless the sentence speaks of the future); months and seasons without a year take the year
that tense implies. Without a publication date only what is written in full can be placed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from quiz.authoring.drafting.lexicon import MONTHS

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Spans the extractor does not find itself: a month or season without a day ("in March", "next spring").
PERIOD = re.compile(
    rf"\b(?:(?:by|before|until|till) the end of|in|by|until|from|before|after|next|this|last|early|late|mid-)\s+"
    rf"(?:{_MONTH}(?!\s+\d{{1,2}}\b)(?:\s+(?:next|this|last) year|\s+\d{{4}})?|{_SEASON}(?:\s+(?:of\s+)?\d{{4}})?)\b"
    rf"|\b(?:next|this|last) {_SEASON}\b|\bin (?:the )?{_SEASON}(?: of \d{{4}})?\b"
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|is due|are due|is to|are to|is expected|are expected|expects?|plans?|planned|"
    r"scheduled|set to|going to|should|promised|next)\b",
    re.I,
)
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


@dataclass(frozen=True)
class When:
    """The days a time expression can mean, both ends included."""

    start: dt.date
    end: dt.date

    def overlaps(self, other: When) -> bool:
        return self.start <= other.end and other.start <= self.end


def _month_days(year: int, month: int) -> When:
    return When(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))


def _month_year(month: int, published: dt.date, future: bool) -> int:
    """The year a month named without one most likely means: the next such month after the article
    for the future, the last one up to the article for the past."""
    if future:
        return published.year if month > published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def resolve(text: str, sentence: str, published: dt.date | None) -> When | None:
    """The interval ``text`` (a time expression found in ``sentence``) means, or ``None``."""
    future = _future(text, sentence)
    found = text.strip()
    year = re.search(r"\b(\d{4})\b", found)
    month = next((number for number, name in enumerate(MONTHS, 1) if re.search(rf"\b{name[:3]}", found)), 0)
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", found.replace(year.group(), "") if year else found)
    season = re.search(_SEASON, found, re.I)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", found):
        moment = dt.date.fromisoformat(found)
        return When(moment, moment)
    if month:
        if year:
            chosen = int(year.group(1))
        elif published is None:
            return None
        else:
            chosen = published.year + 1 if re.search(r"\bnext year\b", found) else _month_year(month, published, future)
        if day:
            try:
                moment = dt.date(chosen, month, int(day.group(1)))
            except ValueError:
                return None
            return When(moment, moment)
        whole = _month_days(chosen, month)
        return When(whole.end, whole.end) if re.search(r"\bend of\b", found) else whole
    if season:
        first, last = _SEASON_MONTHS[season.group().lower()]
        if year:
            start_year = int(year.group(1))
        elif published is None:
            return None
        else:
            start_year = _season_year(first, last, published, found.lower().split()[0], future)
        end_year = start_year + (last < first)
        return When(dt.date(start_year, first, 1), _month_days(end_year, last).end)
    if year and re.fullmatch(r"(?:in |by |from |until |since )?\d{4}", found, re.I):
        return When(dt.date(int(year.group(1)), 1, 1), dt.date(int(year.group(1)), 12, 31))
    if published is None:
        return None
    return _relative(found, published, future)


_PAST = re.compile(r"\b(?:was|were|had|did)\b|\b\w{3,}ed\b", re.I)


def _future(text: str, sentence: str) -> bool:
    """Whether the time is spoken of as to come: the tense of the words just before it decides when they
    have one ("was approved on Monday night", though the sentence begins "A plan to build"), else the
    sentence's."""
    at = sentence.find(text)
    near = re.split(r"[,;:]", sentence[max(0, at - 60) : at])[-1] if at >= 0 else ""
    last_future = max((found.start() for found in _FUTURE.finditer(near)), default=-1)
    last_past = max((found.start() for found in _PAST.finditer(near)), default=-1)
    if last_future >= 0 or last_past >= 0:
        return last_future > last_past  # the nearest tense decides
    return bool(_FUTURE.search(sentence))


def _season_year(first: int, last: int, published: dt.date, word: str, future: bool) -> int:
    """The year a season named without one starts in: ``next`` is the first to start after the
    article, ``last`` the one before the current, otherwise the current or coming one (by tense)."""
    starts = [dt.date(year, first, 1) for year in range(published.year - 2, published.year + 3)]
    current = max(start for start in starts if start <= published)
    if word == "next":
        return current.year + 1
    if word == "last":
        return current.year - 1
    in_it = published <= _month_days(current.year + (last < first), last).end
    return current.year if in_it or not future else current.year + 1


@lru_cache(maxsize=512)
def _relative(text: str, published: dt.date, future: bool) -> When | None:
    """Weekdays and words such as "yesterday" or "last week", against the publication date."""
    import dateparser  # here: it takes a third of a second to import, and only dated articles need it

    phrase = re.sub(r"^(?:on|this)\s+", "", text, flags=re.I)
    phrase = re.sub(rf"({_WEEKDAY})\s+(?:morning|afternoon|evening|night)", r"\1", phrase)
    settings = {
        "RELATIVE_BASE": dt.datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": "future" if future else "past",
    }
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    if parsed is None:
        return None
    moment = parsed.date()
    unit = re.search(r"\b(week|month|year)\b", phrase, re.I)
    if unit:
        span = dt.timedelta(days={"week": 3, "month": 15, "year": 182}[unit.group(1).lower()])
        return When(moment - span, moment + span)
    return When(moment, moment)
