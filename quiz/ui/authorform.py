"""Edit as a form, on the Author page: one question of the open file in fields by type, with
citations picked from the bank's sources.

The form writes the question into the editor's text (``quiz/authoring/forms.py`` replaces only that
question's lines), so the page's own problems, preview, unsaved-changes mark and atomic save with a
backup work on it unchanged. The form's values live in the session, so nothing typed is lost while
the bank has problems or a save is refused.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from quiz.authoring import citepick, forms
from quiz.authoring.forms import ChoiceForm, CiteForm, QuestionForm
from quiz.bank.load import load_bank
from quiz.bank.model import DIFFICULTIES, VERDICT_LABELS, Bank
from quiz.play import catalog
from quiz.ui import markup

ON = "author-form-on"
EDITS = "author-form-edits"  # editor key -> the question being edited (kept for the session)
NEW = -1  # the question choice that starts a new one
PREVIEW = "author-preview-question"  # the page's preview picker: it follows the form


@dataclass
class Editing:
    """The question open in the form: its place in the file (None: not written yet), its values,
    and the values as last written, so an untouched question leaves the text alone."""

    index: int | None
    form: QuestionForm
    written: QuestionForm
    opened: int = NEW  # the choice it was opened from
    generation: int = 0  # bumped when the form's values change under its widgets (add, remove, move)
    problem: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@st.cache_resource(max_entries=8, show_spinner=False)
def disk_bank(folder: str, fingerprint: catalog.Fingerprint) -> Bank | None:
    """The bank as on disk: its skills, claims and sources offer the form's choices."""
    return load_bank(folder).bank


def wanted() -> bool:
    return st.toggle("Edit as a form", key=ON, help="Write one question in fields; the YAML text below follows.")


def _key(editing: Editing, name: str) -> str:
    return f"author-form-{editing.generation}-{name}"


def _field(editing: Editing, name: str, value: object) -> str:
    key = _key(editing, name)
    st.session_state.setdefault(key, value)
    return key


def choose_ui(editor: str) -> Editing | None:
    """Which question: one of the file's, or a new one; None when the text cannot be read as a bank file."""
    located = forms.locate(st.session_state[editor])
    if isinstance(located, forms.Refusal):
        st.error(f"The form cannot open this file: {markup.literal(located.reason)}.", icon=":material/block:")
        return None
    edits: dict[str, Editing] = st.session_state.setdefault(EDITS, {})
    editing = edits.get(editor)
    options = [NEW, *range(len(located))]
    chosen = st.selectbox(
        "Question to edit",
        options,
        key=f"author-form-question-{editor}",
        format_func=lambda index: "New question…" if index == NEW else located[index].id or f"(no id, #{index + 1})",
    )
    if editing is not None and chosen == editing.opened:
        return editing
    if chosen == NEW:
        form = QuestionForm()
        editing = Editing(None, form, copy.deepcopy(form), NEW)
    else:
        read = forms.from_values(located[chosen].values)
        if isinstance(read, forms.Refusal):
            st.warning(markup.literal(read.reason[0].upper() + read.reason[1:]) + ".", icon=":material/edit_note:")
            return None
        editing = Editing(chosen, read, copy.deepcopy(read), chosen)
    old = edits.get(editor)
    editing.generation = (old.generation + 1) if old else 0
    edits[editor] = editing
    return editing


# ---------------------------------------------------------------- the fields


def _move(items: list[object], index: int, step: int, editing: Editing) -> None:
    other = index + step
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        editing.generation += 1


def _remove(items: list[object], index: int, editing: Editing) -> None:
    del items[index]
    editing.generation += 1


def _add(items: list[object], item: object, editing: Editing) -> None:
    items.append(item)
    editing.generation += 1


def _row_buttons(editing: Editing, items: list[object], index: int, what: str) -> None:
    with st.container(horizontal=True, gap="small"):
        st.button(
            "Up",
            key=_key(editing, f"{what}-{index}-up"),
            icon=":material/arrow_upward:",
            type="tertiary",
            disabled=index == 0,
            on_click=_move,
            args=(items, index, -1, editing),
        )
        st.button(
            "Down",
            key=_key(editing, f"{what}-{index}-down"),
            icon=":material/arrow_downward:",
            type="tertiary",
            disabled=index == len(items) - 1,
            on_click=_move,
            args=(items, index, 1, editing),
        )
        st.button(
            "Remove",
            key=_key(editing, f"{what}-{index}-remove"),
            icon=":material/delete:",
            type="tertiary",
            on_click=_remove,
            args=(items, index, editing),
        )


def choices_ui(editing: Editing) -> None:
    form = editing.form
    st.markdown("**Choices**")
    if not form.choices:
        st.warning("No choices: add at least two.", icon=":material/warning:")
    for index, choice in enumerate(form.choices):
        with st.container(border=True):
            choice.text = st.text_input(f"Choice {index + 1}", key=_field(editing, f"choice-{index}-text", choice.text))
            choice.correct = st.checkbox("Right answer", key=_field(editing, f"choice-{index}-correct", choice.correct))
            choice.feedback = st.text_area(
                f"Feedback for choice {index + 1}",
                key=_field(editing, f"choice-{index}-feedback", choice.feedback),
                height=68,
            )
            _row_buttons(editing, form.choices, index, "choice")  # type: ignore[arg-type]
    st.button(
        "Add a choice",
        key=_key(editing, "choice-add"),
        icon=":material/add:",
        disabled=len(form.choices) >= 8,
        on_click=_add,
        args=(form.choices, ChoiceForm(), editing),
    )


def items_ui(editing: Editing) -> None:
    form = editing.form
    st.markdown("**Items, in the right order**")
    for index, item in enumerate(form.items):
        form.items[index] = st.text_input(f"Item {index + 1}", key=_field(editing, f"item-{index}", item))
        _row_buttons(editing, form.items, index, "item")  # type: ignore[arg-type]
    st.button(
        "Add an item",
        key=_key(editing, "item-add"),
        icon=":material/add:",
        disabled=len(form.items) >= 8,
        on_click=_add,
        args=(form.items, "", editing),
    )


def _listed(chosen: list[str], offered: list[str]) -> list[str]:
    return [*offered, *(value for value in chosen if value not in offered)]  # a value not in the bank stays shown


def fields_ui(editing: Editing, bank: Bank | None) -> None:
    form = editing.form
    form.id = st.text_input(
        "Id",
        key=_field(editing, "id", form.id),
        placeholder="petition-two-counts",
        help="Lower-case words joined by '-', unique in the bank.",
    ).strip()
    form.type = st.selectbox(
        "Type", forms.TYPES, key=_field(editing, "type", form.type), format_func=forms.TYPE_LABELS.__getitem__
    )
    form.prompt = st.text_area("Prompt", key=_field(editing, "prompt", form.prompt), height=90)
    if form.type in ("single", "multiple"):
        choices_ui(editing)
    elif form.type == "true-false":
        form.answer = st.radio(
            "The answer",
            [True, False],
            key=_field(editing, "answer", form.answer),
            format_func=lambda value: "True" if value else "False",
            horizontal=True,
        )
    elif form.type == "order":
        items_ui(editing)
    else:
        form.claim = st.text_area("Claim", key=_field(editing, "claim", form.claim), height=68)
        form.verdict = st.selectbox(
            "Verdict",
            _listed([form.verdict], list(VERDICT_LABELS)),
            key=_field(editing, "verdict", form.verdict),
            format_func=lambda value: VERDICT_LABELS.get(value, value),
        )
    form.explanation = st.text_area("Explanation", key=_field(editing, "explanation", form.explanation), height=120)
    form.hint = st.text_input("Hint (optional)", key=_field(editing, "hint", form.hint))
    skills = list(bank.skills) if bank else []
    claims = list(bank.claims) if bank else []
    form.skills = st.multiselect("Skills", _listed(form.skills, skills), key=_field(editing, "skills", form.skills))
    form.claims = st.multiselect("Claims", _listed(form.claims, claims), key=_field(editing, "claims", form.claims))
    form.difficulty = st.selectbox(
        "Difficulty", _listed([form.difficulty], list(DIFFICULTIES)), key=_field(editing, "difficulty", form.difficulty)
    )
    form.draft = st.checkbox("Draft (not served in quizzes)", key=_field(editing, "draft", form.draft))


# ---------------------------------------------------------------- citations


def cites_ui(editing: Editing, bank: Bank | None) -> None:
    form = editing.form
    st.markdown("**Citations**")
    if not form.cite:
        st.caption("No citation yet: pick one from a source below.")
    for index, cite in enumerate(form.cite):
        with st.container(border=True):
            st.caption(f"Citation {index + 1}, from {markup.literal(cite.source)}")
            st.text(cite.quote)  # st.text shows text as it is: no Markdown, no HTML
            cite.note = st.text_input(
                f"Note for citation {index + 1} (optional)", key=_field(editing, f"cite-{index}-note", cite.note)
            )
            _row_buttons(editing, form.cite, index, "cite")  # type: ignore[arg-type]
    if bank is None or not bank.sources:
        st.info("Citations are picked from the bank's sources once the bank on disk loads.", icon=":material/info:")
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
        words = found[chosen or 0].text.split(" ")
        first, last = 0, len(words) - 1
        if len(words) > 1:
            first, last = st.select_slider(
                "Narrow to part of the sentence (first and last word)",
                options=list(range(len(words))),
                value=(0, len(words) - 1),
                format_func=lambda index: words[index],
                key=f"author-form-pick-range-{source}-{found[chosen or 0].number}",
            )
        quote = citepick.narrowed(found[chosen or 0].text, first, last)
        st.text(quote)
        st.button(
            "Add this citation",
            key="author-form-pick-add",
            icon=":material/format_quote:",
            on_click=_add,
            args=(form.cite, CiteForm(source, quote), editing),
        )


# ---------------------------------------------------------------- the form


def form_ui(folder: Path, editor: str) -> None:
    """Draw the form for the file open in ``editor`` (the page's text-area key) and write its
    question into that text whenever a value changes."""
    editing = choose_ui(editor)
    if editing is None:
        return
    bank = disk_bank(str(folder), catalog.fingerprint(folder))
    with st.container(border=True, key="author-form"):
        fields_ui(editing, bank)
        cites_ui(editing, bank)
    if editing.form == editing.written:
        return
    text = forms.write(st.session_state[editor], editing.form, editing.index)
    if isinstance(text, forms.Refusal):
        st.error(f"The form's changes are kept but not in the text: {markup.literal(text.reason)}.")
        return
    if editing.index is None:
        located = forms.locate(text)
        editing.index = len(located) - 1 if isinstance(located, list) else None
    editing.written = copy.deepcopy(editing.form)
    st.session_state[editor] = text
    if editing.form.id:
        st.session_state[PREVIEW] = editing.form.id
