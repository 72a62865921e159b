"""What the pages share: the banks, parsed once per version of their files, and the attempt,
which lives in the URL (``?t=TOKEN``) so a reload resumes it and a link shares it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import streamlit as st

from quiz.bank.load import LoadResult, load_bank
from quiz.play import catalog, engine, urltoken
from quiz.ui import markup, nav

DEFAULT_BANKS = Path(__file__).resolve().parents[2] / "questions"
TOKEN = "t"
CATALOG = "state-catalog"  # (page visit, catalog): the banks as this session last looked at them


@st.cache_resource(max_entries=64, show_spinner=False)
def _load(folder: str, fingerprint: catalog.Fingerprint) -> LoadResult:
    """One version of one bank; shared by every session and never changed after loading."""
    return load_bank(folder)


@st.cache_resource(show_spinner=False)
def _last_good() -> catalog.LastGood:
    """The last version of each bank that loaded, for every session of this server."""
    return catalog.LastGood()


def banks() -> catalog.Catalog:
    """Every bank under QUIZ_BANKS, reloaded only when its files change; a bank an edit broke
    is shown with its errors and still served as it last loaded.

    The files are looked at once per page visit (opening, reloading or switching pages), not on
    every rerun: a click or an answer on the same page reuses that look, so its cost does not
    grow with the bank (walking a 10,000-question bank's 211 files and hashing the list for the
    cache key made a "Check answer" rerun 1.7 times slower)."""
    paths = catalog.bank_paths(os.environ.get("QUIZ_BANKS"), DEFAULT_BANKS)
    visit = (st.session_state.get(nav.PAGE), paths)
    seen = st.session_state.get(CATALOG)
    if seen is not None and seen[0] == visit:
        return seen[1]
    found = catalog.build(paths, lambda folder: _load(str(folder), catalog.fingerprint(folder)), _last_good())
    st.session_state[CATALOG] = (visit, found)
    return found


def new_seed() -> int:
    return secrets.randbelow(2**31)


def link(attempt: engine.Attempt) -> dict[str, str]:
    """Query params that carry an attempt to another page."""
    return {TOKEN: urltoken.encode(attempt)}


def save(attempt: engine.Attempt) -> None:
    """Put the attempt in the URL; call from callbacks."""
    st.query_params[TOKEN] = urltoken.encode(attempt)


def attempt_ui(found: catalog.Catalog) -> engine.Attempt:
    """The attempt in the URL. Without one, or with a bad one, say so and stop the page."""
    raw = st.query_params.get(TOKEN, "")
    if not raw:
        st.info("No quiz in progress: choose one on the home page.")
        st.page_link(nav.HOME, label="Choose a quiz", icon=":material/home:")
        st.stop()
    attempt = urltoken.decode(raw, found.by_id)
    if isinstance(attempt, urltoken.BadToken):
        st.error(f"This quiz link cannot be opened: {markup.literal(attempt.reason)}.", icon=":material/link_off:")
        st.page_link(nav.HOME, label="Choose a quiz", icon=":material/home:")
        st.stop()
    return attempt
