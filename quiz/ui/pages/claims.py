"""Claims: the bank's ledger of claims, each with its status and what every source says about it,
side by side. URL: /claims?bank=BANK."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from quiz.bank.model import Bank, Claim
from quiz.ui import markup, nav, pickers, state
from quiz.ui.question import source_line

Colour = Literal["green", "orange", "gray", "red"]
STATUS: dict[str, tuple[str, Colour, str, str]] = {  # label, badge colour, icon, meaning
    "consistent": ("Consistent", "green", ":material/check_circle:", "the sources agree"),
    "conflicting": ("Conflicting", "orange", ":material/compare_arrows:", "the sources disagree"),
    "unsupported": ("Unsupported", "gray", ":material/help:", "no source backs it"),
    "false": ("False", "red", ":material/cancel:", "the sources show it is wrong"),
    "single-source": ("Single source", "gray", ":material/looks_one:", "one source, or copies of one text"),
}
COLUMNS = 3


def legend_ui() -> None:
    st.caption(
        " · ".join(f":{colour}-badge[{icon} {label}] {meaning}" for label, colour, icon, meaning in STATUS.values())
    )


def claim_ui(bank: Bank, claim: Claim) -> None:
    label, colour, icon, _ = STATUS[claim.status]
    with st.container(border=True):
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(f"##### {markup.author(claim.claim)}", width="content")
            st.badge(label, color=colour, icon=icon)
        if claim.note:
            st.caption(markup.author(claim.note))
        columns = st.columns(min(COLUMNS, len(claim.reports)), gap="medium")
        for number, report in enumerate(claim.reports):
            with columns[number % len(columns)]:
                source = bank.sources[report.source]
                st.markdown(f"**{markup.author(source.title)}**")
                st.caption(source_line(source, title=False))
                st.markdown(markup.block_quote(markup.literal(report.quote)))
                if report.upstream:
                    st.caption(f"Copies {markup.literal(report.upstream)}: one text, not an independent report")
                if report.note:
                    st.caption(markup.author(report.note))
                st.page_link(
                    nav.SOURCES,
                    label="Read in context",
                    icon=":material/find_in_page:",
                    query_params={"bank": bank.info.id, "source": report.source, "claim": claim.id, "n": str(number)},
                )


found = state.banks()
st.title("Claims", anchor=False)
with st.columns(2)[0]:
    bank = pickers.bank_ui(found, "claims")
st.markdown("What the sources say about each claim, side by side: where they disagree, you can see it at a glance.")
legend_ui()
if not bank.claims:
    st.info("This bank has no claims ledger.")
for claim in bank.claims.values():
    claim_ui(bank, claim)
