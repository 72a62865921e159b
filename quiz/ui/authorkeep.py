"""The Author page's unsaved edits: kept on the server under a draft id in the URL so that a reload
brings them back (after the password), marked on the page, and a warning when the browser is about
to leave the page while there are some.

What is kept is the page's own session keys (the editors' texts, the files' texts on disk when
opened, the form's items, which bank, file and item were open); see ``quiz/authoring/unsaved.py``.
The browser gets only one true-or-false flag: nothing of the bank or its answer key.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from quiz.authoring import edit, unsaved
from quiz.ui import authordraft

PARAM = "draft"
DRAFT = "author-draft-id"
RESTORED = "author-draft-restored"
BASES = "author-bases"  # the page's: path -> the file's text on disk when it was opened or saved
TEXT = "author-text-"
# The page's keys worth a reload: never the password's, a button's or an uploaded file's. The draft
# under review (``authordraft``): the review, its round, and each item's Accept or Reject and YAML (choices).
KEPT = re.compile(
    r"author-(?:text-.+|bank|file-.+|new-name-.+|bases|form-on|form-section|form-edits|form-openings"
    r"|form-(?:question|source|claim|quiz)-author-text-.+"
    r"|draft-review|draft-round|draft-choices)"
)


@st.cache_resource(show_spinner=False)
def drafts() -> unsaved.Drafts:
    """One store per server process: a reload reaches the same process (sticky sessions behind nginx)."""
    return unsaved.Drafts()


def restore_ui() -> None:
    """The first time this session shows the unlocked page: take the draft id from the URL (or make
    one) and bring back the edits kept under it; then keep the id in the URL."""
    if DRAFT not in st.session_state:
        given = st.query_params.get(PARAM) or ""
        found = drafts().restore(given) if unsaved.good_id(given) else None
        st.session_state[DRAFT] = given if unsaved.good_id(given) else unsaved.new_id()
        for name, value in (found or {}).items():
            st.session_state[name] = value
        st.session_state[RESTORED] = bool(found)
    if st.query_params.get(PARAM) != st.session_state[DRAFT]:
        st.query_params[PARAM] = st.session_state[DRAFT]


def kept_note_ui() -> None:
    """On the locked page: say that edits kept under the URL's draft id come back with the password
    (only that some are kept: nothing of them shows before the password)."""
    given = st.query_params.get(PARAM) or ""
    if unsaved.good_id(given) and drafts().restore(given) is not None:
        st.info("Your unsaved changes are kept: give the password to get them back.", icon=":material/history:")


def unsaved_files() -> list[str]:
    """The files whose text in the page differs from the file on disk (a new file: from its starter),
    and the file a draft under review would go into."""
    bases: dict[str, str] = st.session_state.get(BASES, {})
    found = []
    for name, text in st.session_state.items():
        if not (isinstance(name, str) and name.startswith(TEXT) and isinstance(text, str)):
            continue
        path = Path(name[len(TEXT) :])
        base = bases.get(str(path))
        if base is None:
            base = edit.starter_text(path.parent)
        if edit.lines(text) != edit.lines(base):
            found.append(path.name)
    return sorted(found) + authordraft.unsaved()


def mark_ui(files: list[str]) -> None:
    """Say, at the top of the page, which files have changes not saved, and that they were kept."""
    if not files:
        return
    names = ", ".join(files)
    if st.session_state.get(RESTORED):
        st.warning(
            f"Unsaved changes in {names}, kept from before the page was reloaded: save them, or "
            "*Reload from disk* to drop them.",
            icon=":material/history:",
        )
    else:
        st.warning(f"Unsaved changes in {names}.", icon=":material/edit_note:")


def keep(files: list[str]) -> None:
    """Keep this session's edits under its draft id (nothing to keep once everything is saved)."""
    draft_id = st.session_state.get(DRAFT)
    if not draft_id:
        return
    if not files:
        drafts().forget(draft_id)
        st.session_state[RESTORED] = False
        return
    kept = {name: value for name, value in st.session_state.items() if isinstance(name, str) and KEPT.fullmatch(name)}
    drafts().keep(draft_id, kept)


def leave_warning_ui(files: list[str]) -> None:
    """Ask the browser to warn before leaving or reloading the page while there are unsaved changes.
    One flag on the window, one listener added once; only on the Author page's own URL (Streamlit's
    own page switches keep the session, and the edits with it)."""
    flag = "true" if files else "false"
    st.html(
        "<script>(() => { const w = window; w.__quizAuthorUnsaved = " + flag + ";"
        " if (!w.__quizAuthorGuard) { w.__quizAuthorGuard = (event) => {"
        " if (w.__quizAuthorUnsaved && /\\/author\\/?$/.test(w.location.pathname)) {"
        " event.preventDefault(); event.returnValue = ''; } };"
        " w.addEventListener('beforeunload', w.__quizAuthorGuard); } })();</script>",
        unsafe_allow_javascript=True,
        width="content",
    )
