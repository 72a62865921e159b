"""Split an article into sentences an author can quote, and tell narration from embedded posts.

A sentence keeps the article's own characters (runs of whitespace become one space), so it
passes the quote check as it is. Paragraphs are split where the quote check splits them (a
blank line); inside a paragraph a line break ends a unit when the line is complete (it ends a
sentence, a URL, or is a credit line of an embedded post), and is a soft wrap otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.text import paragraphs as split_paragraphs

_SPACE = re.compile(r"\s+")
# "— Name (@handle) September 11, 2020": the credit line under an embedded social-media post.
CREDIT = re.compile(r"^[—–]\s*(?P<name>[^()]+?)\s*\((?P<handle>@\w+)\)\s*(?P<date>.*)$")
_MARKER = re.compile(r"^(?:#{1,6}\s+|[-*+]\s+|>\s*|\d{1,3}[.)]\s+)")
_ENDS_UNIT = re.compile(r"""(?:[.!?:…"”’)\]]|(?:https?://|pic\.twitter\.com/|www\.)\S+)$""")
# A unit is an embedded post when a credit line follows it, when it links the way embeds do, when
# it opens with a mention, or when it is nothing but hashtags. A hashtag inside narration is not enough.
_SOCIAL = re.compile(r"https?://t\.co/|pic\.twitter\.com/|^\.?@\w|^(?:#\w+\s*)+$")
_TERMINAL = re.compile(r"""[.!?…]+["”’')\]]*""")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st jr sr prof gen sen rep gov lt col capt sgt no vs etc inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft approx dept est fig al e.g i.e u.s u.k a.m p.m""".split()
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, as it can be quoted."""

    source: str
    number: int  # position in the article, from 0
    paragraph: int
    text: str
    role: str = "text"  # text | post (part of an embedded post) | heading (no sentence end)
    credit: str = ""  # for a post: its credit line, "— Name (@handle) date", when it has one

    @property
    def words(self) -> list[str]:
        return self.text.split()


def paragraphs(text: str) -> list[str]:
    """Text between blank lines, as the quote check sees paragraphs."""
    return split_paragraphs(text.replace("\r\n", "\n").replace("\r", "\n"))


def _units(paragraph: str) -> list[str]:
    units: list[str] = []
    for raw in paragraph.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if units and _soft_wrap(units[-1], line):
            units[-1] += " " + line
        else:
            units.append(line)
    return units


def _soft_wrap(previous: str, line: str) -> bool:
    return not (
        _ENDS_UNIT.search(previous)
        or CREDIT.match(previous)
        or CREDIT.match(line)
        or _MARKER.match(line)
        or previous.startswith("#")
    )


def split_sentences(unit: str) -> list[str]:
    """Sentences of one unit of text; never inside a quotation, never after an abbreviation."""
    unit = _SPACE.sub(" ", unit).strip()
    straight_balanced = unit.count('"') % 2 == 0
    curly_balanced = unit.count("“") == unit.count("”")
    found: list[str] = []
    start = 0
    for match in _TERMINAL.finditer(unit):
        end = match.end()
        rest = unit[end:]
        if not rest.startswith(" ") or len(rest) < 2:
            continue
        following = rest[1]
        if not (following.isupper() or following.isdigit() or following in "\"“‘'([#@"):
            continue
        before = unit[start : match.start()]
        word = re.search(r"([\w.]+)$", before)
        if (
            match.group().startswith(".")
            and word
            and (word.group(1).lower() in _ABBREVIATIONS or (len(word.group(1)) == 1 and word.group(1).isupper()))
        ):
            continue
        head = unit[:end]
        if (straight_balanced and head.count('"') % 2) or (curly_balanced and head.count("“") > head.count("”")):
            continue
        found.append(unit[start:end].strip())
        start = end
    tail = unit[start:].strip()
    if tail:
        found.append(tail)
    return found


def article_sentences(source: str, text: str) -> list[Sentence]:
    """Every sentence of an article, with its role: narration, embedded post, or heading."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs(text)):
        units = _units(paragraph)
        for index, unit in enumerate(units):
            credit_match = CREDIT.match(unit)
            if credit_match:
                continue  # a credit line belongs to the post above it
            following = units[index + 1] if index + 1 < len(units) else ""
            credit = following if CREDIT.match(following) else ""
            post = bool(credit or _SOCIAL.search(unit))
            body = _MARKER.sub("", unit, count=1) if not post else unit
            for piece in split_sentences(body):
                role = "post" if post else ("text" if re.search(r"""[.!?…]["”’')\]]*$""", piece) else "heading")
                sentences.append(Sentence(source, len(sentences), number, piece, role, credit))
    return sentences


def first_sentence(text: str) -> str:
    """The first sentence of a text (a heading counts), to cite in a question skeleton."""
    for paragraph in paragraphs(text):
        for unit in _units(paragraph):
            pieces = split_sentences(_MARKER.sub("", unit, count=1))
            if pieces:
                return pieces[0]
    return ""
