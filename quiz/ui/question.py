"""One question, before and after it is checked. The quiz, the results and an author's preview
all draw questions with this module.

Before checking, only the prompt, the options and (on request) the hint are drawn. The answer
key, the feedback, the explanation and the citations are drawn only in :func:`review_ui`:
Streamlit sends the browser nothing that is not drawn.
"""

from __future__ import annotations

import streamlit as st

from quiz.bank.model import Bank, ClaimCheckQuestion, MultipleQuestion, OrderQuestion, Question, SingleQuestion, Source
from quiz.play import citations, engine
from quiz.play.citations import CiteRef
from quiz.play.engine import Answer, Grade
from quiz.ui import feedback, markup, nav
from quiz.ui.confidence import placed_ui

# Marks are words, not icons alone: an icon is read aloud by its name ("check_circle").
PICKED_RIGHT = ":green-badge[✓ Your answer: right]"
PICKED_WRONG = ":red-badge[✗ Your answer: wrong]"
MISSED = ":orange-badge[Right answer: not picked]"
#: How each kind of marked passage looks: cited ones in yellow, the one a link opened in bold orange.
COLOURS: dict[citations.Kind, str] = {citations.CITED: "yellow", citations.OPENED: "orange!"}
IN_PLACE = ":green-badge[✓ right place]"
OUT_OF_PLACE = ":red-badge[✗ wrong place]"
#: What each verdict of a claim check means, shown where the learner is asked.
VERDICT_MEANINGS = (
    "- **Supported:** the sources back the claim.\n"
    "- **Contradicted:** the sources show it is wrong.\n"
    "- **The sources disagree:** one backs it, another says otherwise.\n"
    "- **Not in the sources:** the sources do not say."
)


# ---------------------------------------------------------------- before checking


def ask_ui(question: Question, order: Answer, key: str) -> Answer | None:
    """Draw the prompt, the inputs and the hint button; return the answer picked so far
    (None while nothing is picked). Widget keys start with ``key``."""
    prompt_ui(question)
    labels = engine.options(question)
    if isinstance(question, MultipleQuestion):
        st.caption("Choose every answer that applies.")
        for index in order:
            st.checkbox(markup.author(labels[index]), key=f"{key}-pick-{index}")
    elif isinstance(question, OrderQuestion):
        st.caption(
            "Put the items in order: move an item up or down, or swap it with another (the item you "
            "choose takes its place)."
        )
        order_ui(labels, order, key)
    else:
        st.radio(
            "Your answer",
            list(order),
            format_func=lambda index: markup.author(labels[index]),
            index=None,
            key=f"{key}-choice",
            label_visibility="collapsed",
        )
    hint_ui(question, key)
    return picked(question, order, key)


def order_ui(labels: tuple[str, ...], order: Answer, key: str) -> None:
    """One box per position: the item there in full, then a drop-down to choose what comes there
    and Up and Down. The item is written out because a drop-down's box is one line: on a phone it
    cut every item after 20 characters or so. So the closed box says "Swap with…" instead of a
    copy of the item, and its list shows each item in full (styles.css); its value is still the
    item there, which is what a screen reader reads with its name ("Position 1")."""
    for position in range(len(order)):
        place = f"{key}-place-{position}"
        st.session_state.setdefault(place, order[position])
        with st.container(border=True, gap="small", key=f"{key}-item-{position}"):
            st.markdown(f"**{position + 1}.** {markup.author(labels[st.session_state[place]])}")
            with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
                st.selectbox(
                    f"Position {position + 1}",
                    list(order),
                    format_func=lambda index: markup.plain(labels[index]),
                    key=place,
                    on_change=_swap,
                    args=(key, position, len(order)),
                    label_visibility="collapsed",  # still its name ("Position 1") for a screen reader
                )
                for step, label, icon in (
                    (-1, "Up", ":material/arrow_upward:"),
                    (1, "Down", ":material/arrow_downward:"),
                ):
                    st.button(
                        label,
                        key=f"{key}-move-{position}-{label.lower()}",
                        icon=icon,
                        disabled=not 0 <= position + step < len(order),
                        on_click=_move,
                        args=(key, position, step),
                    )


def picked(question: Question, order: Answer, key: str) -> Answer | None:
    """The answer the widgets under ``key`` hold now (callbacks read it from here too)."""
    if isinstance(question, MultipleQuestion):
        chosen = tuple(sorted(index for index in order if st.session_state.get(f"{key}-pick-{index}")))
        return chosen or None
    if isinstance(question, OrderQuestion):
        arranged = tuple(
            st.session_state.get(f"{key}-place-{position}", order[position]) for position in range(len(order))
        )
        return arranged if engine.is_valid(question, arranged) else None
    choice = st.session_state.get(f"{key}-choice")
    return None if choice is None else (choice,)


def _swap(key: str, position: int, count: int) -> None:
    """Keep the order a permutation: the item displaced from ``position`` takes the chosen item's old place."""
    places = [f"{key}-place-{number}" for number in range(count)]
    chosen = st.session_state[places[position]]
    missing = set(range(count)) - {st.session_state[place] for place in places}
    for number, place in enumerate(places):
        if number != position and st.session_state[place] == chosen and missing:
            st.session_state[place] = missing.pop()


def _move(key: str, position: int, step: int) -> None:
    """Move the item at ``position`` one place up (``step`` -1) or down (+1): a way by keyboard and touch."""
    here, there = f"{key}-place-{position}", f"{key}-place-{position + step}"
    st.session_state[here], st.session_state[there] = st.session_state[there], st.session_state[here]


def hint_ui(question: Question, key: str) -> None:
    if not question.hint:
        return
    if st.session_state.get(f"{key}-hint"):
        st.info(markup.author(question.hint), icon=":material/lightbulb:")
    else:
        st.button(
            "Show hint",
            key=f"{key}-hint-button",
            icon=":material/lightbulb:",
            type="tertiary",
            on_click=_show_hint,
            args=(key,),
        )


def _show_hint(key: str) -> None:
    st.session_state[f"{key}-hint"] = True


def prompt_ui(question: Question) -> None:
    # A heading of level 2 under the page's title, without an anchor link (one Tab stop fewer).
    st.header(markup.author(question.prompt), anchor=False)
    if isinstance(question, ClaimCheckQuestion):
        st.markdown(markup.block_quote(f"**Claim:** {markup.author(question.claim)}"))
        st.markdown(VERDICT_MEANINGS)


# ---------------------------------------------------------------- after checking


def review_ui(
    bank: Bank,
    question: Question,
    order: Answer,
    answer: Answer,
    grade: Grade,
    back: dict[str, str],
    show_prompt: bool = True,
    confidence: int | None = None,
    links: bool = True,
) -> None:
    """Draw a checked question: right or wrong, the learner's answer beside the right one,
    the feedback on what was picked, the explanation and the citations. ``back`` (query params)
    lets the Sources page link back here. ``confidence``, when the quiz asked for it, is how sure
    the learner was; whether that was well placed is said under right or wrong. ``links``: whether each
    citation links to its place on the Sources page; a bank not saved yet (a draft) shows it in place."""
    if show_prompt:
        prompt_ui(question)
    elif isinstance(question, ClaimCheckQuestion):
        st.markdown(markup.block_quote(f"**Claim:** {markup.author(question.claim)}"))
    summary = feedback.grade_summary(question, grade)
    if grade.correct:
        st.success(summary, icon=":material/check_circle:")
    else:
        st.error(summary, icon=":material/cancel:")
    placed_ui(confidence, grade)
    if isinstance(question, OrderQuestion):
        order_review_ui(question, answer)
    else:
        options_review_ui(question, order, answer)
    st.subheader("Why", anchor=False)
    st.markdown(markup.author(question.explanation))
    citations_ui(bank, question, back, links)


def options_review_ui(question: Question, order: Answer, answer: Answer) -> None:
    """Every option with what became of it, in words a screen reader reads too, and the feedback
    under what the learner picked; under a right answer they missed, its feedback is introduced
    as being about that answer (it is written to the one who picks it, often "Right. …")."""
    labels = engine.options(question)
    right = set(engine.right_answer(question))
    lines = []
    for index in order:
        line = f"- {markup.author(labels[index])} {_mark(index in answer, index in right)}".rstrip()
        feedback = _feedback(question, index)
        if feedback and (index in answer or index in right):
            about = "" if index in answer else "*About this answer:* "
            line += "  \n  " + about + markup.author(" ".join(feedback.split()))
        lines.append(line)
    st.markdown("\n".join(lines))
    key = [labels[index] for index in engine.right_answer(question)]
    st.markdown("**Right answer:** " + "; ".join(markup.author(label) for label in key))


def _mark(picked: bool, right: bool) -> str:
    """A right pick, a wrong pick and a right answer missed each look and read differently."""
    if picked:
        return PICKED_RIGHT if right else PICKED_WRONG
    return MISSED if right else ""


def _feedback(question: Question, index: int) -> str:
    if isinstance(question, (SingleQuestion, MultipleQuestion)):
        return question.choices[index].feedback.strip()
    return ""


def order_review_ui(question: OrderQuestion, answer: Answer) -> None:
    rows = ["| Position | Your order | Right order |", "|---|---|---|"]
    for position, (item, right) in enumerate(zip(answer, engine.right_answer(question))):
        mark = IN_PLACE if item == right else OUT_OF_PLACE
        rows.append(f"| {position + 1} | {_cell(question.items[item])} {mark} | {_cell(question.items[right])} |")
    st.markdown("\n".join(rows))


def _cell(text: str) -> str:
    return markup.author(text).replace("|", "\\|").replace("\n", " ")


def citations_ui(bank: Bank, question: Question, back: dict[str, str], links: bool = True) -> None:
    """The cited quotes, by source: the source's details and its own link once, then each quote
    with its note and a link to read it in context (or, without ``links``, the context in place)."""
    st.subheader("In the sources", anchor=False)
    by_source: dict[str, list[CiteRef]] = {}
    for number, cite in enumerate(question.cite):
        by_source.setdefault(cite.source, []).append(CiteRef("question", question.id, number, cite))
    for source_id, refs in by_source.items():
        source = bank.sources[source_id]
        with st.container(border=True):
            st.markdown(source_line(source))
            for ref in refs:
                st.markdown(markup.block_quote(markup.literal(ref.cite.quote)))
                if ref.cite.note:
                    st.markdown(markup.author(ref.cite.note))
                if not links:
                    in_place_ui(bank, ref)
                    continue
                st.page_link(
                    nav.SOURCES,
                    label="Read in context",
                    icon=":material/find_in_page:",
                    query_params={**citations.link(bank.info.id, ref), **back},
                )
            if source.url:
                st.page_link(source.url, label="Original", icon=":material/open_in_new:")


def in_place_ui(bank: Bank, ref: CiteRef) -> None:
    """A cited passage in context, folded where it is cited: for a bank not saved yet, whose sources the
    Sources page does not have (a link there would open another text, or none). Marked as that page
    marks the passage a link opened."""
    text, marks = citations.in_context(bank, ref)
    if not text:
        return
    with st.expander("Read in context", icon=":material/find_in_page:"):
        st.markdown(markup.highlighted(text, [(start, end, COLOURS[citations.OPENED]) for start, end, _ in marks]))


def source_line(source: Source, title: bool = True) -> str:
    """``**Title** · Outlet · 4 March 2026``: what is known of a source; nothing for what is not."""
    parts = [f"**{markup.author(source.title)}**"] if title else []
    if source.outlet:
        parts.append(markup.author(source.outlet))
    if source.published:
        parts.append(f"{source.published.day} {source.published:%B %Y}")
    return " · ".join(parts)
