"""One question, before and after it is checked. The quiz, the results and an author's preview
all draw questions with this module.

Before checking, only the prompt, the options and (on request) the hint are drawn. The answer
key, the feedback, the explanation and the citations are drawn only in :func:`review_ui`:
Streamlit sends the browser nothing that is not drawn.
"""

from __future__ import annotations

import streamlit as st

from quiz.bank.model import Bank, ClaimCheckQuestion, MultipleQuestion, OrderQuestion, Question, SingleQuestion, Source
from quiz.play import engine
from quiz.play.engine import Answer, Grade
from quiz.ui import markup, nav
from quiz.ui.confidence import placed_ui

RIGHT = ":green-badge[:material/check: Right answer]"
PICKED = ":blue-badge[Your answer]"


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
        st.caption("Put the items in order: choose what comes at each position (the item already there swaps places).")
        for position in range(len(order)):
            st.session_state.setdefault(f"{key}-place-{position}", order[position])
            st.selectbox(
                f"Position {position + 1}",
                list(order),
                format_func=lambda index: labels[index],
                key=f"{key}-place-{position}",
                on_change=_swap,
                args=(key, position, len(order)),
            )
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
    st.markdown(f"#### {markup.author(question.prompt)}")
    if isinstance(question, ClaimCheckQuestion):
        st.markdown(markup.block_quote(f"**Claim:** {markup.author(question.claim)}"))


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
) -> None:
    """Draw a checked question: right or wrong, the learner's answer beside the right one,
    the feedback on what was picked, the explanation and the citations. ``back`` (query params)
    lets the Sources page link back here. ``confidence``, when the quiz asked for it, is how sure
    the learner was; whether that was well placed is said under right or wrong."""
    if show_prompt:
        prompt_ui(question)
    elif isinstance(question, ClaimCheckQuestion):
        st.markdown(markup.block_quote(f"**Claim:** {markup.author(question.claim)}"))
    summary = engine.grade_summary(question, grade)
    if grade.correct:
        st.success(summary, icon=":material/check_circle:")
    else:
        st.error(summary, icon=":material/cancel:")
    placed_ui(confidence, grade)
    if isinstance(question, OrderQuestion):
        order_review_ui(question, answer)
    else:
        options_review_ui(question, order, answer)
    st.markdown("##### Why")
    st.markdown(markup.author(question.explanation))
    citations_ui(bank, question, back)


def options_review_ui(question: Question, order: Answer, answer: Answer) -> None:
    labels = engine.options(question)
    right = set(engine.right_answer(question))
    lines = []
    for index in order:
        mark = (
            ":green[:material/check_circle:]"
            if index in right
            else (":red[:material/cancel:]" if index in answer else ":gray[:material/radio_button_unchecked:]")
        )
        tags = " ".join(tag for tag, shown in ((PICKED, index in answer), (RIGHT, index in right)) if shown)
        line = f"- {mark} {markup.author(labels[index])} {tags}".rstrip()
        feedback = _feedback(question, index)
        if feedback and (index in answer or index in right):
            line += "  \n  " + markup.author(" ".join(feedback.split()))
        lines.append(line)
    st.markdown("\n".join(lines))
    key = [labels[index] for index in engine.right_answer(question)]
    st.markdown("**Right answer:** " + "; ".join(markup.author(label) for label in key))


def _feedback(question: Question, index: int) -> str:
    if isinstance(question, (SingleQuestion, MultipleQuestion)):
        return question.choices[index].feedback.strip()
    return ""


def order_review_ui(question: OrderQuestion, answer: Answer) -> None:
    rows = ["| | Your order | Right order |", "|---|---|---|"]
    for position, (item, right) in enumerate(zip(answer, engine.right_answer(question))):
        mark = ":green[:material/check_circle:]" if item == right else ":red[:material/cancel:]"
        rows.append(f"| {position + 1} | {mark} {_cell(question.items[item])} | {_cell(question.items[right])} |")
    st.markdown("\n".join(rows))


def _cell(text: str) -> str:
    return markup.author(text).replace("|", "\\|").replace("\n", " ")


def citations_ui(bank: Bank, question: Question, back: dict[str, str]) -> None:
    """Each cited quote, its source, a link to read it in context, and the source's own link."""
    st.markdown("##### In the sources")
    for number, cite in enumerate(question.cite):
        source = bank.sources[cite.source]
        with st.container(border=True):
            st.markdown(markup.block_quote(markup.literal(cite.quote)))
            st.caption(source_line(source))
            if cite.note:
                st.markdown(markup.author(cite.note))
            with st.container(horizontal=True, gap="medium"):
                st.page_link(
                    nav.SOURCES,
                    label="Read in context",
                    icon=":material/find_in_page:",
                    query_params={
                        "bank": bank.info.id,
                        "source": cite.source,
                        "q": question.id,
                        "n": str(number),
                        **back,
                    },
                )
                if source.url:
                    st.page_link(source.url, label="Original", icon=":material/open_in_new:")


def source_line(source: Source, title: bool = True) -> str:
    """``**Title** · Outlet · 4 March 2026``: what is known of a source."""
    parts = [f"**{markup.author(source.title)}**"] if title else []
    parts.append(markup.author(source.outlet) if source.outlet else "outlet unknown")
    parts.append(f"{source.published.day} {source.published:%B %Y}" if source.published else "date unknown")
    return " · ".join(parts)
