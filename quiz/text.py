"""What several stages share about text: below every subsystem, importing none of them."""

from __future__ import annotations


def count(number: int, word: str) -> str:
    """``1 question``, ``2 questions``: a number and the word it counts (plural by an ``s``)."""
    return f"{number} {word}{'' if number == 1 else 's'}"
