"""What several stages share about text: below every subsystem, importing none of them."""

from __future__ import annotations

import re

# A paragraph ends at a blank line: two line breaks with nothing but spaces or tabs between them.
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


def count(number: int, word: str) -> str:
    """``1 question``, ``2 questions``: a number and the word it counts (plural by an ``s``)."""
    return f"{number} {word}{'' if number == 1 else 's'}"


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets in ``text`` of every paragraph: text between blank lines, blank ones left out.

    The one paragraph rule: the quote check proves a quote within one of these, and the drafter
    and the citations split sources by it, so what they offer is what the check accepts."""
    found: list[tuple[int, int]] = []
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text + "\n\n"):
        end = min(match.start(), len(text))
        if text[start:end].strip():
            found.append((start, end))
        start = match.end()
    return tuple(found)


def paragraphs(text: str) -> list[str]:
    """The text of every paragraph (as :func:`paragraph_spans` finds them), as written."""
    return [chunk for chunk in PARAGRAPH_BREAK.split(text) if chunk.strip()]
