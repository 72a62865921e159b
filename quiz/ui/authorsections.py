"""The Author page's forms for a source, a claim (its reports picked from the sources) and a quiz.

Each draws the fields of its model (``quiz/bank/model.py``) into the form values of
``quiz/authoring/sectionforms.py``; ``authorform.form_ui`` writes them into the editor's text.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from quiz.authoring import edit, forms, plain
from quiz.authoring.sectionforms import MODES, SOURCE_KINDS, STATUSES, ClaimForm, QuizForm, ReportForm, SourceForm
from quiz.bank.load import BANK_SUFFIXES
from quiz.bank.model import DIFFICULTIES, SLUG_PATTERN, Bank
from quiz.text import inside
from quiz.ui import markup
from quiz.ui.formparts import Editing, field_key, key, listed, pick_ui, quoted_ui, row_buttons

TEXT_FILES_SHOWN = 200
MAX_TEXT_BYTES = 2 * 2**20  # as quiz draft takes an article
PASTE_PROBLEM = "author-form-paste-problem"
SLUG = re.compile(SLUG_PATTERN)


def text_files(folder: Path) -> list[str]:
    """The files a source may name: every file under the bank folder that is not a bank file or hidden,
    and stays inside the folder (a link leading out is not offered: the bank's check would refuse it)."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if (
            path.is_file()
            and path.suffix not in BANK_SUFFIXES
            and not any(p.startswith(".") for p in relative.parts)
            and inside(path, folder)
        ):
            found.append(relative.as_posix())
        if len(found) >= TEXT_FILES_SHOWN:
            break
    return found


def id_ui(editing: Editing, placeholder: str) -> None:
    editing.form.id = st.text_input(
        "Id",
        key=field_key(editing, "id", editing.form.id),
        placeholder=placeholder,
        help="Lower-case words joined by '-', unique in the bank.",
    ).strip()


def source_ui(editing: Editing, folder: Path) -> None:
    form: SourceForm = editing.form
    id_ui(editing, "council-report")
    form.title = st.text_input("Title", key=field_key(editing, "title", form.title), placeholder="The headline")
    files = ["", *listed([form.file] if form.file else [], text_files(folder))]
    form.file = st.selectbox(
        "Text file",
        files,
        key=field_key(editing, "file", form.file),
        format_func=lambda name: name or "Choose the source's text…",
        help="The source's full text (UTF-8), a file in the bank folder, such as sources/NAME.md.",
    )
    if not form.file:
        paste_ui(editing, folder)
    form.outlet = st.text_input("Outlet (optional)", key=field_key(editing, "outlet", form.outlet))
    form.author = st.text_input("Author (optional)", key=field_key(editing, "author", form.author))
    form.published = st.text_input(
        "Published (optional)", key=field_key(editing, "published", form.published), placeholder="2026-03-04"
    ).strip()
    form.url = st.text_input(
        "Link (optional)", key=field_key(editing, "url", form.url), placeholder="https://…"
    ).strip()
    form.kind = st.selectbox("Kind", listed([form.kind], list(SOURCE_KINDS)), key=field_key(editing, "kind", form.kind))
    form.note = st.text_area(
        "Note on the source (optional)",
        key=field_key(editing, "note", form.note),
        height=90,
        help="What a reader should know about the source: what is unknown, typos kept as evidence.",
    )


def add_text(editing: Editing, folder: Path, name: str) -> None:
    """Write the pasted text as the new source's file (atomically, never over a file), and choose it."""
    text = st.session_state.get(key(editing, "pasted"), "") or ""
    data = text.encode("utf-8")
    if not text.strip() or len(data) > MAX_TEXT_BYTES:
        st.session_state[PASTE_PROBLEM] = "the text is empty" if not text.strip() else "the text is over 2 MiB"
        return
    written = edit.add_files(folder, {name: data})
    if isinstance(written, edit.Refusal):
        reason = plain.without_folder(written.reason, folder).replace("; draft again to get new names", "")
        st.session_state[PASTE_PROBLEM] = reason
        return
    st.session_state[PASTE_PROBLEM] = ""
    editing.form.file = name
    st.session_state[key(editing, "file")] = name


def paste_ui(editing: Editing, folder: Path) -> None:
    """A new source's text, pasted: written as ``sources/ID.md`` in the bank folder at once (a file
    no bank file names yet changes nothing), then the source names it when it is saved."""
    with st.container(border=True):
        st.text_area(
            "Or paste the source's full text",
            key=key(editing, "pasted"),
            height=120,
            help="Written exactly as pasted to sources/ID.md in the bank folder; never over an existing file.",
        )
        name = f"sources/{editing.form.id}.md" if SLUG.fullmatch(editing.form.id) else ""
        st.button(
            f"Add the text as {name}" if name else "Add the text (give the source an id first)",
            key=key(editing, "pasted-add"),
            icon=":material/note_add:",
            disabled=not name,
            on_click=add_text,
            args=(editing, folder, name),
        )
        if st.session_state.get(PASTE_PROBLEM):
            st.error(f"Not added: {markup.literal(st.session_state[PASTE_PROBLEM])}.", icon=":material/block:")


def claim_ui(editing: Editing, bank: Bank | None) -> None:
    form: ClaimForm = editing.form
    id_ui(editing, "petition-size")
    form.claim = st.text_area(
        "Claim",
        key=field_key(editing, "claim", form.claim),
        height=68,
        help="What the claim is about, best put as the question it settles.",
    )
    form.status = st.selectbox(
        "Status",
        listed([form.status], list(STATUSES)),
        key=field_key(editing, "status", form.status),
        format_func=lambda status: STATUSES.get(status, status),
    )
    st.markdown("**Reports: what each source says**")
    if not form.reports:
        st.warning("No report yet: pick at least one from a source below.", icon=":material/warning:")
    quoted_ui(editing, form.reports, "report", "Report", upstream=True)
    pick_ui(editing, bank, form.reports, ReportForm, "Add this report")
    form.note = st.text_area(
        "Note on the claim (optional)",
        key=field_key(editing, "note", form.note),
        height=90,
        help="What a careful reader should conclude.",
    )


def quiz_ui(editing: Editing, bank: Bank | None, text: str) -> None:
    form: QuizForm = editing.form
    id_ui(editing, "petition-practice")
    form.title = st.text_input("Title", key=field_key(editing, "title", form.title))
    form.description = st.text_area(
        "Description (optional)", key=field_key(editing, "description", form.description), height=68
    )
    form.by_pick = st.radio(
        "Which questions",
        [False, True],
        key=field_key(editing, "by-pick", form.by_pick),
        format_func=lambda pick: "Drawn at random from the published ones" if pick else "A fixed list, in this order",
    )
    located = forms.locate(text, "questions")
    in_text = [item.id for item in located] if isinstance(located, list) else []
    offered = listed(in_text, list(bank.questions) if bank else [])
    if form.by_pick:
        form.pick = int(
            st.number_input("How many", min_value=1, max_value=500, step=1, key=field_key(editing, "pick", form.pick))
        )
        skills = list(bank.skills) if bank else []
        form.skills = st.multiselect(
            "Only with any of these skills (optional)",
            listed(form.skills, skills),
            key=field_key(editing, "skills", form.skills),
        )
        form.difficulty = st.multiselect(
            "Only of these difficulties (optional)",
            listed(form.difficulty, list(DIFFICULTIES)),
            key=field_key(editing, "difficulty", form.difficulty),
        )
    else:
        form.questions = st.multiselect(
            "Questions, in the order chosen",
            listed(form.questions, offered),
            key=field_key(editing, "questions", form.questions),
        )
        if not form.questions:
            st.warning("No question yet: choose at least one.", icon=":material/warning:")
        elif len(form.questions) > 1:
            with st.expander(f"The order they are served in ({len(form.questions)})"):
                for index, question_id in enumerate(form.questions):
                    st.text(f"{index + 1}. {question_id}")
                    row_buttons(editing, form.questions, index, "question")
    form.mode = st.selectbox(
        "Mode",
        listed([form.mode], list(MODES)),
        key=field_key(editing, "mode", form.mode),
        format_func=lambda mode: MODES.get(mode, mode),
    )
    form.confidence = st.checkbox(
        "Ask how sure the learner is (certainty-based marks)",
        key=field_key(editing, "confidence", form.confidence),
    )


def draw(editing: Editing, bank: Bank | None, folder: Path, text: str) -> None:
    """The fields of the source, claim or quiz open in ``editing``."""
    if editing.section == "sources":
        source_ui(editing, folder)
    elif editing.section == "claims":
        claim_ui(editing, bank)
    else:
        quiz_ui(editing, bank, text)
