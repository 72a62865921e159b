"""Choosers whose choice lives in the URL, so a link reopens the same bank and source."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from quiz.bank.model import Bank
from quiz.play import citations
from quiz.play.catalog import Catalog
from quiz.ui import nav


def bank_ui(found: Catalog, page: str) -> Bank:
    """The bank in ``?bank=`` (else the first); a chooser when there are several. Stops the page without banks."""
    banks = found.banks
    if not banks:
        st.info("No bank is loaded.")
        st.page_link(nav.HOME, label="See why on the home page", icon=":material/home:")
        st.stop()
    ids = [bank.info.id for bank in banks]
    wanted = st.query_params.get("bank", "")
    chosen = wanted if wanted in ids else ids[0]
    if len(ids) > 1:
        key = f"{page}-bank-{chosen}"  # a new widget per URL value, so a link's choice shows
        st.selectbox(
            "Bank",
            ids,
            index=ids.index(chosen),
            format_func=lambda bank_id: found.by_id[bank_id].info.title,
            key=key,
            on_change=choose,
            args=("bank", key, ("source", *citations.LINK_KEYS)),
        )
    return found.by_id[chosen]


def source_ui(bank: Bank, wanted: str) -> str:
    """A chooser of the bank's sources, showing ``wanted`` (else the first); returns the source id."""
    ids = list(bank.sources)
    chosen = wanted if wanted in ids else ids[0]
    key = f"sources-source-{bank.info.id}-{chosen}"
    st.selectbox(
        "Source",
        ids,
        index=ids.index(chosen),
        format_func=lambda source_id: bank.sources[source_id].title,
        key=key,
        on_change=choose,
        args=("source", key, citations.LINK_KEYS),
    )
    return chosen


def choose(param: str, key: str, drop: Sequence[str]) -> None:
    """Callback: put a chooser's value in the URL and forget what depended on the old one."""
    st.query_params[param] = st.session_state[key]
    for name in drop:
        if name in st.query_params:
            del st.query_params[name]
