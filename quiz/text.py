"""What several stages share about text: below every subsystem, importing none of them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from quiz.errors import Issue

# A paragraph ends at a blank line: two line breaks with nothing but spaces or tabs between them.
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


UTF8_HINT = "save the file as UTF-8"


@dataclass(frozen=True)
class Unreadable:
    """Why a file gives no text, as a value (see quiz/errors.py): it cannot be read, or a byte of it
    is not UTF-8, at ``line`` and ``col`` (1-based, the column in characters as editors count; 0 when
    the problem is not at a place in the file)."""

    file: str
    reason: str  # "cannot be read: No such file or directory", "not valid UTF-8 (byte 0xe9)"
    line: int = 0
    col: int = 0
    hint: str = ""

    @property
    def said(self) -> str:
        """The reason after a noun: ``is not valid UTF-8 (byte 0xe9)``, ``cannot be read: …``."""
        return self.reason if self.reason.startswith("cannot") else f"is {self.reason}"

    def issue(self, noun: str = "file") -> Issue:
        """The problem as an issue at its place: ``FILE:LINE:COL: error: file is not valid UTF-8 (byte 0xe9)``."""
        return Issue(self.file, self.line, self.col, "", f"{noun} {self.said}", self.hint)

    @property
    def where(self) -> str:
        """``FILE:LINE:COL``, or ``FILE`` alone when the problem is not at a place in it."""
        return f"{self.file}:{self.line}:{self.col}" if self.line else self.file


def decode_utf8(data: bytes, file: str, *, newlines: bool = False) -> str | Unreadable:
    """``data`` as text: UTF-8, a byte-order mark dropped (it is not text). With ``newlines``, CRLF and
    CR become LF; without, the text keeps its line endings byte for byte (for splicing a file)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        return Unreadable(file, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, column, UTF8_HINT)
    return text.replace("\r\n", "\n").replace("\r", "\n") if newlines else text


def read_utf8(path: Path, *, newlines: bool = False, name: str | None = None) -> str | Unreadable:
    """The text of the file at ``path`` (see :func:`decode_utf8`), or why there is none; ``name`` is how
    the problem names the file (``str(path)`` unless given). The one reader of text files in ``quiz/``."""
    file = str(path) if name is None else name
    try:
        data = path.read_bytes()
    except (OSError, ValueError) as exc:  # ValueError: a path with a NUL byte
        return Unreadable(file, f"cannot be read: {getattr(exc, 'strerror', None) or exc}")
    return decode_utf8(data, file, newlines=newlines)


def inside(path: Path, folder: Path, *, directly: bool = False, strictly: bool = False) -> bool:
    """Whether ``path`` stays inside ``folder``, links followed on both: the one "stays inside the
    bank" rule, for reading a source as for writing a file. ``directly``: in the folder itself, not
    below it; ``strictly``: not the folder itself."""
    home = folder.resolve()
    resolved = path.resolve()
    if directly:
        return resolved.parent == home
    return resolved.is_relative_to(home) and not (strictly and resolved == home)


def slugify(words: str, limit: int = 60) -> str:
    """``"Cuties" and #CancelNetflix`` -> ``cuties-and-cancelnetflix``: ASCII letters, digits, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode().lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text))
    while len(slug) > limit and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug[:limit]


def plural(number: int, one: str, many: str = "") -> str:
    """The word for ``number`` things: ``one`` for 1, else ``many`` (``one`` and an ``s`` unless given)."""
    return one if number == 1 else many or f"{one}s"


def count(number: int, word: str, many: str = "") -> str:
    """``1 question``, ``2 questions``, ``2 entries``: a number and the word it counts (see :func:`plural`)."""
    return f"{number} {plural(number, word, many)}"


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
