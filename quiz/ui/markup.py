"""Text to Markdown that Streamlit can render safely.

Two kinds of text reach the page. Author text (prompts, choices, explanations, notes) is
Markdown, kept as written except what could run, load or mislead: links whose target is not
http or https, images, raw HTML and LaTeX. Source texts are evidence, shown literally: every
Markdown character is escaped, web addresses in them are code, not links (a quoted post's
``https://t.co/…`` would otherwise be a live link out of the app), and cited passages are
highlighted with Streamlit's ``:colour-background[...]`` syntax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quiz.text import count as count  # the UI counts with the one pluraliser the CLI uses

# "](" or "]:" opens a link target or a link reference definition; only http(s) may follow.
_LINK_TARGET = re.compile(r"\](?=[(:])(?![(:]\s*https?://)", re.IGNORECASE)
_IMAGE = re.compile(r"!\[")
_DOLLAR = re.compile(r"(?<!\\)\$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(?<!\\)(\*+|`+|(?<![\w\\])_+|_+(?!\w))")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")
# What GitHub Markdown (and so st.markdown) turns into a link by itself, escaped or not: web
# addresses, www. names and e-mail addresses (a little wider than GFM's rules, never narrower).
_ADDRESS = re.compile(
    r"(?<![\w/])(?:(?:https?|mailto|xmpp):|www\.)\S+|(?<![\w/])[-.\w+]+@[-\w]+(?:\.[-\w]+)+\S*", re.IGNORECASE
)
_BACKTICKS = re.compile(r"`+")


def author(text: str) -> str:
    """Author Markdown, made safe: non-http(s) links and reference definitions are shown as
    plain text, images become their link, ``<`` cannot open HTML, ``$`` cannot open LaTeX."""
    text = _LINK_TARGET.sub(lambda match: "]\\", text)
    text = _IMAGE.sub("!\\[", text)
    text = text.replace("<", "&lt;")
    return _DOLLAR.sub(r"\\$", text)


def plain(text: str) -> str:
    """Author Markdown as the plain text a reader sees, for places that show no Markdown (a
    drop-down's options): ``*Cuties*`` is ``Cuties``, ``[a](https://…)`` is ``a``."""
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return _ESCAPE.sub(r"\1", text)


def block_quote(markdown: str) -> str:
    """Markdown (already made safe) inside a block quote."""
    return "\n".join(f"> {line}" if line.strip() else ">" for line in markdown.splitlines())


def literal(text: str) -> str:
    """Text shown exactly as written: no Markdown, no HTML; lines and paragraphs kept."""
    return highlighted(text, ())


def highlighted(text: str, marks: Sequence[tuple[int, int, str]]) -> str:
    """``text`` shown literally, each ``(start, end, colour)`` range on a coloured background
    (a Streamlit colour name; ``"orange!"`` is orange and bold).

    Later marks win where marks overlap. Leading spaces of a line are dropped (they would
    make a code block); a single newline stays a line break, a blank line a paragraph break."""
    lines: list[list[str]] = [[]]
    at_line_start = True
    for start, end, colour in _runs(text, marks):
        pieces = text[start:end].split("\n")
        for number, piece in enumerate(pieces):
            if number:
                lines.append([])
                at_line_start = True
            if at_line_start:
                piece = piece.lstrip()
            if number < len(pieces) - 1:
                piece = piece.rstrip()  # the line ends here
            if not piece:
                continue
            at_line_start = False
            lines[-1].append(paint(_as_text(piece), colour))
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append("".join(line).rstrip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("  \n".join(paragraph) for paragraph in paragraphs if paragraph)


def _as_text(piece: str) -> str:
    """``piece`` as Markdown that shows it exactly: punctuation escaped, each web or e-mail
    address a code span (code is never made a link), with a fence longer than any backtick run
    inside it."""
    out, at = [], 0
    for match in _ADDRESS.finditer(piece):
        out.append(_PUNCTUATION.sub(r"\\\1", piece[at : match.start()]))
        address = match.group()
        fence = "`" * (max((len(run) for run in _BACKTICKS.findall(address)), default=0) + 1)
        pad = " " if address.startswith("`") or address.endswith("`") else ""
        out.append(f"{fence}{pad}{address}{pad}{fence}")
        at = match.end()
    out.append(_PUNCTUATION.sub(r"\\\1", piece[at:]))
    return "".join(out)


def paint(markdown: str, colour: str | None) -> str:
    """``colour`` is a Streamlit colour name; a trailing ``!`` also makes the text bold."""
    if not colour:
        return markdown
    if colour.endswith("!"):
        return f":{colour[:-1]}-background[**{markdown}**]"
    return f":{colour}-background[{markdown}]"


def _runs(text: str, marks: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str | None]]:
    """``text`` cut into maximal runs of one colour (None: not highlighted)."""
    points = sorted(
        {0, len(text), *(point for start, end, _ in marks for point in (start, end) if 0 <= point <= len(text))}
    )
    runs: list[tuple[int, int, str | None]] = []
    for start, end in zip(points, points[1:]):
        colour = next((colour for low, high, colour in reversed(marks) if low <= start and end <= high), None)
        if runs and runs[-1][2] == colour:
            runs[-1] = (runs[-1][0], end, colour)
        else:
            runs.append((start, end, colour))
    return runs
