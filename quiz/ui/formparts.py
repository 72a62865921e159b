"""What the Author page's forms share: the item being edited, widget keys that follow it, row
buttons (up, down, remove), lists offered from the bank, and citing by picking from a source.

The question form (``authorform.py``) and the source, claim and quiz forms (``authorsections.py``)
draw with these; the values live in :class:`Editing`, kept for the session (and restored after a
reload, ``quiz/authoring/unsaved.py``), so nothing typed is lost while the bank has problems.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from quiz.authoring import citepick
from quiz.bank.load import load_bank
from quiz.bank.model import Bank
from quiz.play import catalog
from quiz.ui import markup

NEW = -1  # the item choice that starts a new one
ROWS = re.compile(r"(?:choice|item|cite|report|question)-|questions$")  # the widgets of a list's rows


@dataclass
class Editing:
    """The item open in a form: its list (``questions``, ``sources``, ...), its place in the file
    (None: not written yet), its values, and the values as last written, so an untouched item
    leaves the text alone."""

    section: str
    index: int | None
    form: Any
    written: Any
    opened: int = NEW  # the choice it was opened from
    opening: int = 0  # bumped each time an item is opened: its widgets start from its values
    generation: int = 0  # bumped when a list's rows change under their widgets (add, remove, move)
    writes: dict[str, str] = field(default_factory=dict)  # the editor's text before a write -> after it (the last few)


@st.cache_resource(max_entries=8, show_spinner=False)
def disk_bank(folder: str, fingerprint: catalog.Fingerprint) -> Bank | None:
    """The bank as on disk: its skills, claims, questions and sources offer the forms' choices."""
    return load_bank(folder).bank


def bank_on_disk(folder: Path) -> Bank | None:
    return disk_bank(str(folder), catalog.fingerprint(folder))


def key(editing: Editing, name: str) -> str:
    """``author-form-[LIST-]OPENING-NAME``, and for a list's rows ``-rGENERATION`` after it: adding,
    removing or moving a row draws the rows anew but leaves the other fields' widgets (and what is
    being typed in them) alone."""
    where = "" if editing.section == "questions" else f"{editing.section}-"  # questions: author-form-0-id
    rows = f"-r{editing.generation}" if ROWS.match(name) else ""
    return f"author-form-{where}{editing.opening}-{name}{rows}"


def field_key(editing: Editing, name: str, value: object) -> str:
    """The widget key for ``name``, holding ``value`` until the author changes it."""
    widget = key(editing, name)
    st.session_state.setdefault(widget, value)
    return widget


def listed(chosen: list[str], offered: list[str]) -> list[str]:
    return [*offered, *(value for value in chosen if value not in offered)]  # a value not in the bank stays shown


# ---------------------------------------------------------------- rows


def _move(items: list[Any], index: int, step: int, editing: Editing) -> None:
    other = index + step
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        editing.generation += 1


def _remove(items: list[Any], index: int, editing: Editing) -> None:
    del items[index]
    editing.generation += 1


def add(items: list[Any], item: object, editing: Editing) -> None:
    items.append(item)
    editing.generation += 1


def row_buttons(editing: Editing, items: list[Any], index: int, what: str) -> None:
    with st.container(horizontal=True, gap="small"):
        st.button(
            "Up",
            key=key(editing, f"{what}-{index}-up"),
            icon=":material/arrow_upward:",
            type="tertiary",
            disabled=index == 0,
            on_click=_move,
            args=(items, index, -1, editing),
        )
        st.button(
            "Down",
            key=key(editing, f"{what}-{index}-down"),
            icon=":material/arrow_downward:",
            type="tertiary",
            disabled=index == len(items) - 1,
            on_click=_move,
            args=(items, index, 1, editing),
        )
        st.button(
            "Remove",
            key=key(editing, f"{what}-{index}-remove"),
            icon=":material/delete:",
            type="tertiary",
            on_click=_remove,
            args=(items, index, editing),
        )


# ---------------------------------------------------------------- citing by picking


def quoted_ui(editing: Editing, quotes: list[Any], what: str, label: str, upstream: bool = False) -> None:
    """The picked quotes (a question's citations, a claim's reports): each with its source, its
    words as plain text, a note (and for a report the text it copies), moved or removed."""
    for index, quote in enumerate(quotes):
        with st.container(border=True):
            st.caption(f"{label} {index + 1}, from {markup.literal(quote.source)}")
            st.text(quote.quote)  # st.text shows text as it is: no Markdown, no HTML
            quote.note = st.text_input(
                f"Note for {label.lower()} {index + 1} (optional)",
                key=field_key(editing, f"{what}-{index}-note", quote.note),
            )
            if upstream:
                quote.upstream = st.text_input(
                    f"The one text report {index + 1} copies (optional)",
                    key=field_key(editing, f"{what}-{index}-upstream", quote.upstream),
                    placeholder="Netflix's statement to Variety",
                )
            row_buttons(editing, quotes, index, what)


def pick_ui(
    editing: Editing, bank: Bank | None, into: list[Any], make: Callable[[str, str], object], verb: str
) -> None:
    """Choose a source, type words, pick a matching sentence (narrowed to a run of its words), and
    add it to ``into`` as ``make(source, quote)``: the quote is the source's own characters."""
    if bank is None or not bank.sources:
        st.info("Quotes are picked from the bank's sources once the bank on disk loads.", icon=":material/info:")
        return
    with st.container(border=True, key="author-form-pick"):
        st.markdown("**Cite from a source**")
        source = st.selectbox(
            "Source",
            list(bank.sources),
            key="author-form-pick-source",
            format_func=lambda source_id: bank.sources[source_id].title,
        )
        typed = st.text_input("Words to find", key="author-form-pick-words", placeholder="petition signed")
        found = citepick.matches(bank.texts[source].text, typed) if source in bank.texts else []
        if typed.strip() and not found:
            st.caption("No sentence of this source holds these words.")
        if not found:
            return
        chosen = st.radio(
            "Matching sentences",
            range(len(found)),
            key="author-form-pick-sentence",
            format_func=lambda index: markup.literal(found[index].text),
        )
        sentence = found[chosen or 0] if (chosen or 0) < len(found) else found[0]
        words = sentence.text.split(" ")
        first, last = 0, len(words) - 1
        if len(words) > 1:
            first, last = st.select_slider(
                "Narrow to part of the sentence (first and last word)",
                options=list(range(len(words))),
                value=(0, len(words) - 1),
                format_func=lambda index: words[index],
                key=f"author-form-pick-range-{source}-{sentence.number}",
            )
        quote = citepick.narrowed(sentence.text, first, last)
        st.text(quote)
        st.button(
            verb,
            key="author-form-pick-add",
            icon=":material/format_quote:",
            on_click=add,
            args=(into, make(source, quote), editing),
        )
