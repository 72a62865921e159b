"""Edit as a form, on the Author page: one question, source, claim or quiz of the open file in
fields, with citations and a claim's reports picked from the bank's sources.

The form writes its item into the editor's text (``quiz/authoring/forms.py`` and ``sectionforms.py``
replace only that item's lines), so the page's own problems, preview, unsaved-changes mark and atomic
save with a backup work on it unchanged. The form's values live in the session (and survive a
reload, ``quiz/authoring/unsaved.py``), so nothing typed is lost while the bank has problems or a
save is refused.
"""

from __future__ import annotations

import copy
from pathlib import Path

import streamlit as st

from quiz.authoring import forms, sectionforms
from quiz.authoring.forms import ChoiceForm, CiteForm
from quiz.bank.model import DIFFICULTIES, VERDICT_LABELS, Bank
from quiz.ui import authorsections, markup
from quiz.ui.formparts import NEW, Editing, add, bank_on_disk, field_key, key, listed, pick_ui, quoted_ui, row_buttons

ON = "author-form-on"
SECTION = "author-form-section"
OPENINGS = "author-form-openings"  # how many items the form has opened in this session
EDITS = "author-form-edits"  # (editor key, list) -> the item being edited (kept for the session)
PREVIEW = "author-preview-question"  # the page's preview picker: it follows the form
WHAT = {"questions": "A question", "sources": "A source", "claims": "A claim", "quizzes": "A quiz"}
KEPT_WRITES = 6
NEW_LABEL = {"questions": "New question…", "sources": "New source…", "claims": "New claim…", "quizzes": "New quiz…"}


def wanted() -> bool:
    return st.toggle("Edit as a form", key=ON, help="Write one item in fields; the YAML text below follows.")


def section_ui() -> str:
    st.session_state.setdefault(SECTION, "questions")
    # A radio group, not a segmented control: axe-core finds the control's chosen segment below 4.5:1.
    chosen = st.radio("Edit", list(WHAT), key=SECTION, format_func=WHAT.__getitem__, horizontal=True)
    return chosen or "questions"


def chooser_key(editor: str, section: str) -> str:
    return f"author-form-{forms.SINGULAR[section]}-{editor}"


def choose_ui(editor: str, section: str) -> Editing | None:
    """Which item: one of the file's, or a new one; None when the text cannot be read as a bank file."""
    located = forms.locate(st.session_state[editor], section)
    if isinstance(located, forms.Refusal):
        st.error(f"The form cannot open this file: {markup.literal(located.reason)}.", icon=":material/block:")
        return None
    edits: dict[tuple[str, str], Editing] = st.session_state.setdefault(EDITS, {})
    editing = edits.get((editor, section))
    options = [NEW, *range(len(located))]
    chooser = chooser_key(editor, section)
    if editing is not None and editing.opened in options:
        st.session_state.setdefault(chooser, editing.opened)  # after a reload: the item that was open
    what = forms.SINGULAR[section]
    chosen = st.selectbox(
        f"{what.capitalize()} to edit",
        options,
        key=chooser,
        format_func=lambda index: NEW_LABEL[section] if index == NEW else located[index].id or f"(no id, #{index + 1})",
    )
    if editing is not None and chosen == editing.opened:
        return editing
    if chosen == NEW:
        form = sectionforms.FORM_OF[section]()
        editing = Editing(section, None, form, copy.deepcopy(form), NEW)
    else:
        read = sectionforms.from_values(section, located[chosen].values)
        if isinstance(read, forms.Refusal):
            reason = read.reason.replace("this question has", "it has")
            st.warning(
                f"This {what} cannot be shown in the form: {markup.literal(reason)}.", icon=":material/edit_note:"
            )
            return None
        editing = Editing(section, chosen, read, copy.deepcopy(read), chosen)
    # Numbered across the session: no two items' widgets share a key, whichever file or list they are in.
    editing.opening = st.session_state[OPENINGS] = st.session_state.get(OPENINGS, -1) + 1
    edits[(editor, section)] = editing
    return editing


def current(editor: str) -> tuple[str, str] | None:
    """The list and id of the item open in the form for ``editor``, if the form is on and it has an id."""
    if not st.session_state.get(ON):
        return None
    section = st.session_state.get(SECTION) or "questions"
    editing = st.session_state.get(EDITS, {}).get((editor, section))
    return (section, editing.form.id) if editing is not None and editing.form.id else None


# ---------------------------------------------------------------- a question's fields


def choices_ui(editing: Editing) -> None:
    form = editing.form
    st.markdown("**Choices**")
    if not form.choices:
        st.warning("No choices: add at least two.", icon=":material/warning:")
    for index, choice in enumerate(form.choices):
        with st.container(border=True):
            choice.text = st.text_input(
                f"Choice {index + 1}", key=field_key(editing, f"choice-{index}-text", choice.text)
            )
            choice.correct = st.checkbox(
                "Right answer", key=field_key(editing, f"choice-{index}-correct", choice.correct)
            )
            choice.feedback = st.text_area(
                f"Feedback for choice {index + 1}",
                key=field_key(editing, f"choice-{index}-feedback", choice.feedback),
                height=68,
            )
            row_buttons(editing, form.choices, index, "choice")
    st.button(
        "Add a choice",
        key=key(editing, "choice-add"),
        icon=":material/add:",
        disabled=len(form.choices) >= 8,
        on_click=add,
        args=(form.choices, ChoiceForm(), editing),
    )


def items_ui(editing: Editing) -> None:
    form = editing.form
    st.markdown("**Items, in the right order**")
    for index, item in enumerate(form.items):
        form.items[index] = st.text_input(f"Item {index + 1}", key=field_key(editing, f"item-{index}", item))
        row_buttons(editing, form.items, index, "item")
    st.button(
        "Add an item",
        key=key(editing, "item-add"),
        icon=":material/add:",
        disabled=len(form.items) >= 8,
        on_click=add,
        args=(form.items, "", editing),
    )


def fields_ui(editing: Editing, bank: Bank | None) -> None:
    form = editing.form
    form.id = st.text_input(
        "Id",
        key=field_key(editing, "id", form.id),
        placeholder="petition-two-counts",
        help="Lower-case words joined by '-', unique in the bank.",
    ).strip()
    form.type = st.selectbox(
        "Type", forms.TYPES, key=field_key(editing, "type", form.type), format_func=forms.TYPE_LABELS.__getitem__
    )
    form.prompt = st.text_area("Prompt", key=field_key(editing, "prompt", form.prompt), height=90)
    if form.type in ("single", "multiple"):
        choices_ui(editing)
    elif form.type == "true-false":
        form.answer = st.radio(
            "The answer",
            [True, False],
            key=field_key(editing, "answer", form.answer),
            format_func=lambda value: "True" if value else "False",
            horizontal=True,
        )
    elif form.type == "order":
        items_ui(editing)
    else:
        form.claim = st.text_area("Claim", key=field_key(editing, "claim", form.claim), height=68)
        form.verdict = st.selectbox(
            "Verdict",
            listed([form.verdict], list(VERDICT_LABELS)),
            key=field_key(editing, "verdict", form.verdict),
            format_func=lambda value: VERDICT_LABELS.get(value, value),
        )
    form.explanation = st.text_area("Explanation", key=field_key(editing, "explanation", form.explanation), height=120)
    form.hint = st.text_input("Hint (optional)", key=field_key(editing, "hint", form.hint))
    skills = list(bank.skills) if bank else []
    claims = list(bank.claims) if bank else []
    form.skills = st.multiselect("Skills", listed(form.skills, skills), key=field_key(editing, "skills", form.skills))
    form.claims = st.multiselect("Claims", listed(form.claims, claims), key=field_key(editing, "claims", form.claims))
    form.difficulty = st.selectbox(
        "Difficulty",
        listed([form.difficulty], list(DIFFICULTIES)),
        key=field_key(editing, "difficulty", form.difficulty),
    )
    form.draft = st.checkbox("Draft (not served in quizzes)", key=field_key(editing, "draft", form.draft))


def cites_ui(editing: Editing, bank: Bank | None) -> None:
    form = editing.form
    st.markdown("**Citations**")
    if not form.cite:
        st.caption("No citation yet: pick one from a source below.")
    quoted_ui(editing, form.cite, "cite", "Citation")
    pick_ui(editing, bank, form.cite, CiteForm, "Add this citation")


# ---------------------------------------------------------------- the form


def redo(editor: str) -> None:
    """Put back what the form wrote if the editor's text went back to what it was before: a browser
    that sent a change while the page was still being redrawn sends the text box's older value."""
    text = st.session_state[editor]
    writes = [editing.writes for (where, _), editing in st.session_state.get(EDITS, {}).items() if where == editor]
    for _ in range(KEPT_WRITES * len(writes)):
        after = next((done[text] for done in writes if done.get(text, text) != text), None)
        if after is None:
            break
        text = after
    st.session_state[editor] = text


def forget_writes(editor: str) -> None:
    """After *Reload from disk*: the text on disk is what the author wants, not the form's last writes."""
    for (where, _), editing in st.session_state.get(EDITS, {}).items():
        if where == editor:
            editing.writes.clear()


def form_ui(folder: Path, editor: str) -> None:
    """Draw the form for the file open in ``editor`` (the page's text-area key) and write its
    item into that text whenever a value changes."""
    redo(editor)
    section = section_ui()
    editing = choose_ui(editor, section)
    if editing is None:
        return
    bank = bank_on_disk(folder)
    with st.container(border=True, key="author-form"):
        if section == "questions":
            fields_ui(editing, bank)
            cites_ui(editing, bank)
        else:
            authorsections.draw(editing, bank, folder, st.session_state[editor])
    if editing.form == editing.written:
        return
    text = sectionforms.write(st.session_state[editor], editing.form, editing.index)
    if isinstance(text, forms.Refusal):
        st.error(f"The form's changes are kept but not in the text: {markup.literal(text.reason)}.")
        return
    if editing.index is None:
        located = forms.locate(text, section)
        editing.index = len(located) - 1 if isinstance(located, list) else None
    editing.written = copy.deepcopy(editing.form)
    editing.writes[st.session_state[editor]] = text
    while len(editing.writes) > KEPT_WRITES:
        del editing.writes[next(iter(editing.writes))]
    st.session_state[editor] = text
    if section == "questions" and editing.form.id:
        st.session_state[PREVIEW] = editing.form.id
