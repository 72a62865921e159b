"""The pages of the app and the entry point that runs the one the URL asks for."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from quiz.errors import QuizError

_PAGES = Path(__file__).resolve().parent / "pages"
HOME = _PAGES / "home.py"
QUIZ = _PAGES / "quiz.py"
RESULTS = _PAGES / "results.py"
SOURCES = _PAGES / "sources.py"
CLAIMS = _PAGES / "claims.py"
PAGE = "nav-page"  # session key: the url_path of the page this run draws


def main() -> None:
    """Run the page in the URL: / (home), /quiz, /results, /sources, /claims."""
    # No page icons: a Material icon as favicon is fetched from fonts.gstatic.com, an emoji is drawn locally.
    page = st.navigation(
        [
            st.Page(HOME, title="Quizzes", default=True),
            st.Page(QUIZ, title="Quiz", url_path="quiz", visibility="hidden"),
            st.Page(RESULTS, title="Results", url_path="results", visibility="hidden"),
            st.Page(SOURCES, title="Sources", url_path="sources"),
            st.Page(CLAIMS, title="Claims", url_path="claims"),
        ],
        position="top",
    )
    # One call per run: two calls in one run race in the browser and the layout flickers.
    # Reading is easier in a column; sources side by side need the width.
    st.set_page_config(page_title=f"{page.title} · Media-literacy quiz", page_icon="🔎",
                       layout="centered" if page.url_path in ("quiz", "results") else "wide")
    st.session_state[PAGE] = page.url_path
    try:
        page.run()
    except QuizError as problem:  # the one place a project error becomes a message
        st.error(f"Something went wrong: {problem}")
