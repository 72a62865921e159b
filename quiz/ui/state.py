"""What the pages share: the banks, parsed once per version of their files, and the attempt,
which lives in the URL (``?t=TOKEN``) so a reload resumes it and a link shares it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import streamlit as st

from quiz import catalog, engine, markup, token
from quiz.load import LoadResult, load_bank
from quiz.ui import nav

DEFAULT_BANKS = Path(__file__).resolve().parents[2] / "questions"
TOKEN = "t"


@st.cache_resource(max_entries=64, show_spinner=False)
def _load(folder: str, fingerprint: catalog.Fingerprint) -> LoadResult:
    """One version of one bank; shared by every session and never changed after loading."""
    return load_bank(folder)


def banks() -> catalog.Catalog:
    """Every bank under QUIZ_BANKS, reloaded only when its files change."""
    paths = catalog.bank_paths(os.environ.get("QUIZ_BANKS"), DEFAULT_BANKS)
    return catalog.build(paths, lambda folder: _load(str(folder), catalog.fingerprint(folder)))


def new_seed() -> int:
    return secrets.randbelow(2**31)


def link(attempt: engine.Attempt) -> dict[str, str]:
    """Query params that carry an attempt to another page."""
    return {TOKEN: token.encode(attempt)}


def save(attempt: engine.Attempt) -> None:
    """Put the attempt in the URL; call from callbacks."""
    st.query_params[TOKEN] = token.encode(attempt)


def attempt_ui(found: catalog.Catalog) -> engine.Attempt:
    """The attempt in the URL. Without one, or with a bad one, say so and stop the page."""
    raw = st.query_params.get(TOKEN, "")
    if not raw:
        st.info("No quiz in progress: choose one on the home page.")
        st.page_link(nav.HOME, label="Choose a quiz", icon=":material/home:")
        st.stop()
    attempt = token.decode(raw, found.by_id)
    if isinstance(attempt, token.BadToken):
        st.error(f"This quiz link cannot be opened: {markup.literal(attempt.reason)}.", icon=":material/link_off:")
        st.page_link(nav.HOME, label="Choose a quiz", icon=":material/home:")
        st.stop()
    return attempt
