"""Sources: a source's details and full text, every passage the bank cites highlighted, and who cites it.

URL: /sources?bank=BANK&source=SOURCE; add q=QUESTION&n=N (or claim=CLAIM&n=N) to open one
cited passage at the top, with the lines around it (the page scrolls to it), and t=TOKEN (or
r=RESUME) for a way back to the quiz (or the assignment) it came from. ``citations.link`` writes
these links and ``citations.linked`` reads them.

The rest of the text is folded behind the bank's content note when it has one (and whenever a
passage is opened), one click away and unedited; the "Cited by" list is folded, with its counts."""

from __future__ import annotations

import itertools

import streamlit as st

from quiz.bank.model import Bank, ClaimCheckQuestion, Source
from quiz.play import citations
from quiz.play.citations import CiteRef
from quiz.ui import markup, nav, pickers, recording, state
from quiz.ui.focus import into_view_ui
from quiz.ui.question import COLOURS, source_line

PASSAGE = "sources-passage"  # the key (and CSS class st-key-…) of the opened passage's box
RUNS = "sources-runs"  # session key: how many times the page drew an opened passage, for a new scroll each time


def focus_from_url(bank: Bank) -> CiteRef | None:
    return citations.linked(bank, st.query_params)


def coloured(marks: list[citations.Mark]) -> list[tuple[int, int, str]]:
    return [(start, end, COLOURS[kind]) for start, end, kind in marks]


def owner_text(bank: Bank, ref: CiteRef) -> str:
    if ref.owner == "question":
        question = bank.questions[ref.owner_id]
        text = f"**Question** · {markup.author(question.prompt)}"
        if isinstance(question, ClaimCheckQuestion):  # their prompts are alike: the claim tells them apart
            text += f" **Claim:** {markup.author(question.claim)}"
        return text
    return f"**Claim** · {markup.author(bank.claims[ref.owner_id].claim)}"


def came_from() -> dict[str, str]:
    """The query params of the attempt the page was opened from, kept on its links: a quiz's
    (t=TOKEN), an assignment's (r=RESUME), or none."""
    for name in (state.TOKEN, recording.RESUME):
        if st.query_params.get(name):
            return {name: st.query_params[name]}
    return {}


def back_ui(back: dict[str, str]) -> None:
    if not back:
        return
    assignment = recording.RESUME in back
    st.page_link(
        nav.ASSIGNMENT if assignment else nav.QUIZ,
        label="Back to your assignment" if assignment else "Back to your quiz",
        icon=":material/arrow_back:",
        query_params=back,
    )


def passage_ui(bank: Bank, ref: CiteRef, back: dict[str, str]) -> None:
    with st.container(border=True, key=PASSAGE):
        st.header("The passage cited", anchor=False)
        st.markdown(owner_text(bank, ref))
        text, marks = citations.in_context(bank, ref)
        st.markdown(markup.highlighted(text, coloured(marks)))
        if ref.cite.note:
            st.caption(markup.author(ref.cite.note))
        back_ui(back)
    # The link that opened it may be thousands of pixels below (Cited by), or on another page. A new key each
    # time: a Cited by link to the passage already open runs the page again with the same passage, and the
    # browser does not run a script drawn again with the same key (the page stayed where the link was).
    st.session_state[RUNS] = st.session_state.get(RUNS, 0) + 1
    into_view_ui(f".st-key-{PASSAGE}", key=f"{ref.owner}-{ref.owner_id}-{ref.number}-{st.session_state[RUNS]}")


def details_ui(source: Source) -> None:
    st.header(markup.author(source.title), anchor=False)
    facts = [fact for fact in (source_line(source, title=False), source.kind.replace("-", " ").capitalize()) if fact]
    if source.author:
        facts.append(f"by {markup.author(source.author)}")
    st.caption(" · ".join(facts))
    if source.note:
        st.markdown(markup.author(source.note))
    if source.url:
        st.page_link(source.url, label="Open the original", icon=":material/open_in_new:")


def cited_by_ui(bank: Bank, source_id: str, back: dict[str, str]) -> None:
    """Who cites the source, folded: one expander for the questions, one for the claims, each
    with its counts (78 links unfolded made the list 6,348 px long)."""
    refs = citations.cites(bank, source_id)
    st.subheader("Cited by", anchor=False)
    if not refs:
        st.caption("No question or claim cites this source.")
        return
    for owner, word in (("question", "question"), ("claim", "claim")):
        mine = [ref for ref in refs if ref.owner == owner]
        if not mine:
            continue
        owners = len({ref.owner_id for ref in mine})
        with st.expander(f"{markup.count(owners, word)} · {markup.count(len(mine), 'passage')}"):
            for _, group in itertools.groupby(mine, key=lambda ref: ref.owner_id):
                passages = list(group)
                st.markdown(owner_text(bank, passages[0]))
                for ref in passages:
                    st.page_link(
                        nav.SOURCES,
                        label=markup.literal(_short(ref.cite.quote)),
                        icon=":material/format_quote:",
                        query_params={**citations.link(bank.info.id, ref), **back},
                    )


def full_text_ui(bank: Bank, source_id: str, focus: CiteRef | None) -> None:
    """The whole text, every cited passage marked; folded behind the bank's content note, when it
    has one, and whenever a passage was opened above."""
    st.subheader("Full text", anchor=False)
    note = citations.content_note(bank)
    if note:
        st.markdown(markup.author(note))
    legend = markup.paint("cited by the bank", COLOURS[citations.CITED])
    if focus is not None:
        legend += " · " + markup.paint("the passage you opened", COLOURS[citations.OPENED])
    st.markdown(legend)
    text = bank.texts[source_id].text
    label = f"The full text, unedited ({markup.count(len(text.split()), 'word')})"
    with st.expander(label, expanded=not note and focus is None):
        st.markdown(markup.highlighted(text, coloured(citations.marks(bank, source_id, focus))))


def _short(text: str, limit: int = 46) -> str:
    # A page link's label never wraps: longer ones were cut mid-word at a 390 px phone's width.
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:") + "…"


found = state.banks()
st.title("Sources", anchor=False)
bank_column, source_column = st.columns(2)
with bank_column:
    bank = pickers.bank_ui(found, "sources")
if not bank.sources:
    st.info("This bank has no sources.")
    st.stop()
focus = focus_from_url(bank)
with source_column if len(found.banks) > 1 else bank_column:
    source_id = pickers.source_ui(bank, focus.cite.source if focus else st.query_params.get("source", ""))
back = came_from()
if focus is not None and focus.cite.source != source_id:
    focus = None
recording.note_opened(bank.info.id, source_id, focus)  # during an assignment, kept with the next answer
if focus is not None:
    passage_ui(bank, focus, back)
details_ui(bank.sources[source_id])
text_column, side_column = st.columns([3, 2], gap="large")
with text_column:
    full_text_ui(bank, source_id, focus)
with side_column:
    cited_by_ui(bank, source_id, back)
