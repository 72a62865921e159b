"""The pages of the app and the entry point that runs the one the URL asks for."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from quiz.authoring import edit
from quiz.errors import QuizError

_PAGES = Path(__file__).resolve().parent / "pages"
HOME = _PAGES / "home.py"
QUIZ = _PAGES / "attempt.py"
RESULTS = _PAGES / "results.py"
SOURCES = _PAGES / "sources.py"
CLAIMS = _PAGES / "claims.py"
AUTHOR = _PAGES / "author.py"
ASSIGNMENT = _PAGES / "assignment.py"
TEACH = _PAGES / "teach.py"
TEACHER_PASSWORD = "QUIZ_TEACHER_PASSWORD"
#: The focus ring, option sizes and phone layout the theme cannot set (st.html wraps a .css file in <style>).
STYLES = Path(__file__).resolve().parent / "styles.css"
EXAM = "record-exam"  # session key: set while an exam assignment is in progress (quiz.ui.recording)
PAGE = "nav-page"  # session key: the url_path of the page this run draws


def author_password() -> str | None:
    """The password of the Author page, from the environment or st.secrets; None: editing is off."""
    # st.secrets raises when there is no secrets file; this asks without raising.
    secrets = st.secrets if st.secrets.load_if_toml_exists() else {}
    return edit.password(os.environ, secrets)


def teacher_password() -> str | None:
    """The password of the Teach page (environment or st.secrets, as the Author page's); None: no Teach page."""
    secrets = st.secrets if st.secrets.load_if_toml_exists() else {}
    for source in (os.environ, secrets):
        value = source.get(TEACHER_PASSWORD)
        if isinstance(value, str) and value.strip():
            return value
    return None


def main() -> None:
    """Run the page in the URL: / (home), /quiz, /results, /sources, /claims, and /author
    only when QUIZ_AUTHOR_PASSWORD is set (otherwise the page does not exist)."""
    # No page icons: a Material icon as favicon is fetched from fonts.gstatic.com, an emoji is drawn locally.
    page = st.navigation(
        [
            st.Page(HOME, title="Quizzes", default=True),
            st.Page(QUIZ, title="Quiz", url_path="quiz", visibility="hidden"),
            st.Page(RESULTS, title="Results", url_path="results", visibility="hidden"),
            st.Page(SOURCES, title="Sources", url_path="sources"),
            # The claims ledger gives an exam's answers away: not offered while an exam assignment is on.
            *([] if st.session_state.get(EXAM) else [st.Page(CLAIMS, title="Claims", url_path="claims")]),
            *([st.Page(AUTHOR, title="Author", url_path="author")] if author_password() else []),
            st.Page(ASSIGNMENT, title="Assignment", url_path="assignment", visibility="hidden"),
            *([st.Page(TEACH, title="Teach", url_path="teach")] if teacher_password() else []),
        ],
        position="top",
    )
    # One call per run: two calls in one run race in the browser and the layout flickers.
    # Reading is easier in a column; sources side by side need the width.
    st.set_page_config(
        page_title=f"{page.title} · Media-literacy quiz",
        page_icon="🔎",
        layout="centered" if page.url_path in ("quiz", "results", "assignment") else "wide",
    )
    st.session_state[PAGE] = page.url_path
    st.html(STYLES)  # style only: Streamlit puts it in the event container, where it takes no space
    try:
        page.run()
    except QuizError as problem:  # the one place a project error becomes a message
        st.error(f"Something went wrong: {problem}")
