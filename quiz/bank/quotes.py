"""Prove that a quote is in its source: normalised matching, elisions, and the closest passage.

Both sides are normalised the same way (NFKC, straight quotes, hyphens for dashes, ``...``
for the ellipsis, one space for any run of whitespace); case matters. A quote may elide
text with ``...`` or ``[...]``: each fragment must appear, in order, within one paragraph.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from quiz.text import paragraph_spans

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u0060": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)
_SPACE = re.compile(r"\s+")
_ELISION = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*")


def normalize(text: str) -> str:
    """The form both quote and source are compared in."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_FOLD)).strip()


def fragments(quote: str) -> list[str]:
    """The pieces of a quote between elisions (``...`` or ``[...]``), normalised."""
    return [part for part in (normalize(piece) for piece in _ELISION.split(quote)) if part]


@dataclass(frozen=True)
class Passage:
    line: int  # 1-based line in the source file where the passage starts
    text: str


class SourceText:
    """A source's text, prepared once for many quote checks."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def ranges(self) -> tuple[tuple[int, int], ...]:
        """(start, end) offsets of every paragraph: text between blank lines."""
        return paragraph_spans(self.text)

    @cached_property
    def paragraphs(self) -> tuple[tuple[int, str], ...]:
        """(first line, normalised text) of every paragraph."""
        result = []
        for start, end in self.ranges:
            chunk = self.text[start:end]
            lead = len(chunk) - len(chunk.lstrip())
            result.append((self.text.count("\n", 0, start + lead) + 1, normalize(chunk)))
        return tuple(result)

    @cached_property
    def joined(self) -> str:
        # A newline cannot occur in a normalised quote, so a match here lies in one paragraph.
        return "\n".join(text for _, text in self.paragraphs)

    def contains(self, quote: str) -> bool:
        whole = normalize(quote)
        if whole and whole in self.joined:
            return True
        parts = fragments(quote)
        if not parts or parts == [whole]:
            return False  # no elision: the whole quote had to be there
        return any(_find(paragraph, "", parts) for _, paragraph in self.paragraphs)

    def closest(self, quote: str) -> Passage | None:
        """The passage most like the quote (or like its first fragment not found), to show a typo."""
        parts = fragments(quote) or [normalize(quote)]
        target = next((part for part in parts if part not in self.joined), parts[0])
        if not target:
            return None
        width = len(target.split())
        best: tuple[float, int, str] | None = None
        for line, paragraph in self.paragraphs:
            words = paragraph.split(" ")
            for start in range(max(1, len(words) - width + 1)):
                window = " ".join(words[start : start + width])
                matcher = difflib.SequenceMatcher(None, target, window, autojunk=False)
                if best is not None and matcher.real_quick_ratio() <= best[0]:
                    continue
                if best is not None and matcher.quick_ratio() <= best[0]:
                    continue
                score = matcher.ratio()
                if best is None or score > best[0]:
                    best = (score, line, window)
        if best is None or best[0] < 0.3:
            return None
        return Passage(best[1], best[2])

    def spans(self, quote: str) -> list[tuple[int, int]]:
        """Where the quote stands in the original text, as ordered, non-overlapping (start, end)
        offsets: one for a whole quote, one per fragment for an elided one; [] when not found."""
        whole = normalize(quote)
        parts = fragments(quote)
        if parts == [whole]:
            parts = []
        for start, end in self.ranges:
            folded, offsets = _fold_with_offsets(self.text[start:end])
            found = _find(folded, whole, parts, offsets)
            if found:
                return [(start + a, start + b) for a, b in found]
        return []


def _find(haystack: str, whole: str, parts: list[str], offsets: list[int] | None = None) -> list[tuple[int, int]]:
    """The whole quote, else its fragments in order, in ``haystack``: spans in original offsets
    (``offsets[i]`` is where folded character i came from), ordered and never overlapping."""
    origin = offsets if offsets is not None else range(len(haystack))
    if whole:
        at = haystack.find(whole)
        if at >= 0:
            return [(origin[at], origin[at + len(whole) - 1] + 1)]
    spans: list[tuple[int, int]] = []
    position, used = 0, 0
    for part in parts:
        at = haystack.find(part, position)
        if at < 0:
            return []
        end = origin[at + len(part) - 1] + 1
        # Two fragments can come out of one original character (… folds to three dots): clip.
        spans.append((max(origin[at], used), end))
        used, position = end, at + len(part)
    return spans


def _joins(cluster: str, char: str) -> bool:
    """Whether NFKC composes ``char`` with what comes before it (an accent, a Hangul jamo...)."""
    if char.isascii():
        return False
    return unicodedata.normalize("NFKC", cluster + char) != unicodedata.normalize(
        "NFKC", cluster
    ) + unicodedata.normalize("NFKC", char)


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise cluster by cluster (characters that NFKC composes together), remembering where each
    output character came from."""
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    index = 0
    while index < len(text):
        end = index + 1
        while end < len(text) and _joins(text[index:end], text[end]):
            end += 1
        for piece in unicodedata.normalize("NFKC", text[index:end]).translate(_FOLD):
            if piece.isspace():
                if in_space or not out:
                    continue
                in_space = True
                piece = " "
            else:
                in_space = False
            out.append(piece)
            offsets.append(index)
        index = end
    while out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets
