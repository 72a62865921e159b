"""What a learner types or carries: join codes, resume ids and display names.

A join code is 8 characters from 30 that cannot be mistaken for each other when read aloud or
typed (no 0/O, 1/I/l, 5/S), about 39 bits, shown as ``XXXX-XXXX`` and compared ignoring case,
spaces and dashes. A resume id is 128 random bits from :mod:`secrets`, URL-safe. A join link
can be shown as a QR code (:func:`qr_png`) for a class to scan from the board.
"""

from __future__ import annotations

import io
import math
import secrets
import unicodedata

import segno

ALPHABET = "23456789ABCDEFGHJKMNPQRTUVWXYZ"
CODE_LENGTH = 8
CODE_BITS = CODE_LENGTH * math.log2(len(ALPHABET))
RESUME_BYTES = 16  # 128 bits
NAME_MAX = 40


def new_join_code() -> str:
    """A fresh code, stored without its dash: ``K7RM3XQA``."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def qr_png(link: str, scale: int = 6) -> bytes:
    """A QR code of ``link`` as a PNG image: error correction M (a board seen at an angle, a
    smudge), the standard four-module quiet zone, black on white whatever the app's theme."""
    out = io.BytesIO()
    segno.make(link, error="m", boost_error=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def shown_code(code: str) -> str:
    """``K7RM-3XQA``: two groups of four, easy to read aloud."""
    return f"{code[:4]}-{code[4:]}"


def normal_code(typed: str) -> str | None:
    """The stored form of a typed code (any case, spaces and dashes anywhere), or None when it
    cannot be one (wrong length, or a character the alphabet leaves out)."""
    folded = "".join(typed.split()).replace("-", "").upper()
    if len(folded) != CODE_LENGTH or any(character not in ALPHABET for character in folded):
        return None
    return folded


def new_resume_id() -> str:
    """An unguessable id for one attempt, for its resume link (22 URL-safe characters)."""
    return secrets.token_urlsafe(RESUME_BYTES)


def looks_like_resume_id(text: str) -> bool:
    return 16 <= len(text) <= 64 and all(
        character.isascii() and (character.isalnum() or character in "-_") for character in text
    )


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a display name, or None. A nickname is enough: letters, digits,
    spaces and ordinary punctuation, up to 40 characters; no control characters, no markup."""
    text = name.strip()
    if not text:
        return "type a name your teacher will recognise (a nickname is fine)"
    if len(text) > NAME_MAX:
        return f"a name has at most {NAME_MAX} characters; this one has {len(text):,}"
    if any(unicodedata.category(character).startswith("C") for character in text):
        return "a name cannot hold control or invisible characters"
    if any(character in "<>&\"'`\\{}[]|*_#=" for character in text):
        return "a name cannot hold < > & \" ' ` \\ { } [ ] | * _ # =: use letters, digits, spaces, . , - ( )"
    return None


def clean_name(name: str) -> str:
    """The name as stored and shown: trimmed, inner runs of spaces made one, NFC."""
    return unicodedata.normalize("NFC", " ".join(name.split()))


def learner_key(name: str) -> str:
    """The name folded for comparing: "Ana  Lee" and "ana lee" are one learner."""
    return clean_name(name).casefold()
