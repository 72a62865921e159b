"""The claims ledger drawn: each claim with its status badge and what every source says about it,
side by side, one column per source. The Claims page draws a bank's ledger with it; the Author page's
drafting draws the claims drafted from articles with it, before they are saved."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from quiz.bank.model import Bank, Claim
from quiz.play import citations
from quiz.play.citations import CiteRef
from quiz.ui import markup, nav, question

Colour = Literal["green", "orange", "gray", "red"]
STATUS: dict[str, tuple[str, Colour, str, str]] = {  # label, badge colour, icon, meaning
    "consistent": ("Consistent", "green", ":material/check_circle:", "the sources agree"),
    "conflicting": ("Conflicting", "orange", ":material/compare_arrows:", "the sources disagree"),
    "unsupported": ("Unsupported", "gray", ":material/help:", "no source backs it"),
    "false": ("False", "red", ":material/cancel:", "the sources show it is wrong"),
    "single-source": ("Single source", "gray", ":material/looks_one:", "one source, or copies of one text"),
}


def legend_ui() -> None:
    # Not a caption: a badge in faded caption text fell under AA contrast.
    st.markdown(
        " · ".join(f":{colour}-badge[{icon} {label}] {meaning}" for label, colour, icon, meaning in STATUS.values())
    )


def claim_ui(bank: Bank, claim: Claim, reporting: list[str], links: bool = True) -> None:
    """One claim: its badge, its note, and each source's reports in its column. ``links``: whether each
    report links to its place on the Sources page (not for a claim whose bank is not saved yet: there
    the report's context is shown in place)."""
    label, colour, icon, _ = STATUS[claim.status]
    with st.container(border=True):
        with st.container(horizontal=True, vertical_alignment="center"):
            st.subheader(markup.author(claim.claim), anchor=False, width="content")
            st.badge(label, color=colour, icon=icon)
        if claim.note:
            st.caption(markup.author(claim.note))
        columns = st.columns(len(reporting), gap="medium")
        for column, source_id in zip(columns, reporting):
            with column:
                source = bank.sources[source_id]
                st.markdown(f"**{markup.author(source.title)}**")
                said = [(number, report) for number, report in enumerate(claim.reports) if report.source == source_id]
                if not said:
                    st.markdown("*Says nothing about it.*")
                for number, report in said:
                    st.markdown(markup.block_quote(markup.literal(report.quote)))
                    if report.upstream:
                        st.caption(f"Copies {markup.literal(report.upstream)}: one text, not an independent report")
                    if report.note:
                        st.caption(markup.author(report.note))
                    ref = CiteRef("claim", claim.id, number, report)
                    if links:
                        st.page_link(
                            nav.SOURCES,
                            label="Read in context",
                            icon=":material/find_in_page:",
                            query_params=citations.link(bank.info.id, ref),
                        )
                    else:
                        question.in_place_ui(bank, ref)


def reporting_sources(bank: Bank) -> list[str]:
    """The sources any claim quotes, in the bank's order: one column each, the same on every claim."""
    quoted = {report.source for claim in bank.claims.values() for report in claim.reports}
    return [source_id for source_id in bank.sources if source_id in quoted]
