"""Claims: the bank's ledger of claims, each with its status and what every source says about it,
side by side. URL: /claims?bank=BANK."""

from __future__ import annotations

import streamlit as st

from quiz.ui import markup, pickers, state
from quiz.ui.ledger import claim_ui, legend_ui, reporting_sources
from quiz.ui.question import source_line

found = state.banks()
st.title("Claims", anchor=False)
with st.columns(2)[0]:
    bank = pickers.bank_ui(found, "claims")
st.markdown("What the sources say about each claim, side by side: where they disagree, you can see it at a glance.")
st.header(markup.author(bank.info.title), anchor=False)
legend_ui()
if not bank.claims:
    st.info("This bank has no claims ledger.")
reporting = reporting_sources(bank)
if reporting:  # the sources' details once, not under every quote
    st.markdown("  \n".join(source_line(bank.sources[s]) for s in reporting))
for claim in bank.claims.values():
    claim_ui(bank, claim, reporting)
