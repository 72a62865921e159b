"""Home: every bank found, with its quizzes and a quiz built to order. A bank that fails to load
shows its errors and hides none of the others. URL: /."""

from __future__ import annotations

from functools import partial

import streamlit as st

from quiz.bank.load import LoadResult
from quiz.bank.model import DIFFICULTIES, Bank
from quiz.errors import Issue, format_issues
from quiz.interop import export as interop_export
from quiz.play import catalog, engine
from quiz.ui import markup, nav, recording, state


def start(bank: Bank, quiz: engine.QuizRef) -> None:
    st.switch_page(nav.QUIZ, query_params=state.link(engine.start(bank, quiz, state.new_seed())))


def bank_ui(bank: Bank) -> None:
    with st.container(border=True):
        st.header(markup.author(bank.info.title), anchor=False)
        counts = catalog.counts(bank)
        st.caption(
            f"{markup.count(counts.questions, 'question')} · {markup.count(counts.sources, 'source')} · "
            f"{markup.count(counts.claims, 'claim')}"
        )
        # In full on a wide screen; folded on a phone, where it pushed the first Start button
        # 1,670 px down. styles.css displays one of the two (display: none hides the other from
        # screen readers too).
        with st.container(key=f"home-about-wide-{bank.info.id}"):
            about_ui(bank)
        with st.container(key=f"home-about-narrow-{bank.info.id}"):
            with st.expander("About these sources, with a content note"):
                about_ui(bank)
        quizzes_ui(bank)
        build_ui(bank)


def about_ui(bank: Bank) -> None:
    st.markdown(markup.author(bank.info.description))
    st.markdown(" ".join(f":blue-badge[{markup.literal(skill.title)}]" for skill in catalog.skills_used(bank)))


def quizzes_ui(bank: Bank) -> None:
    if not bank.quizzes:
        return
    st.subheader("Quizzes", anchor=False)
    columns = st.columns(2)
    for number, quiz in enumerate(bank.quizzes.values()):
        size = catalog.quiz_size(bank, quiz)
        with columns[number % 2].container(border=True, height="stretch"):
            st.markdown(f"**{markup.author(quiz.title)}**")
            if quiz.description:
                st.markdown(markup.author(quiz.description))
            sure = " · Asks how sure you are" if quiz.confidence else ""
            st.caption(f"{markup.count(size, 'question')} · {quiz.mode.capitalize()}{sure}")
            if st.button(
                # A name of its own for each (a screen reader's list of buttons read "Start" five times).
                f"Start {markup.author(quiz.title.split(':')[0])}",
                key=f"home-start-{bank.info.id}-{quiz.id}",
                type="primary",
                icon=":material/play_arrow:",
                disabled=size == 0,
            ):
                start(bank, engine.BankQuiz(quiz.id))
            downloads_ui(bank, quiz.id, size)


def downloads_ui(bank: Bank, quiz_id: str, size: int) -> None:
    """The quiz for Moodle (Moodle XML) and Canvas (QTI), made when first asked for, once per bank version."""
    left, right = st.columns(2)
    for column, label, fmt, name, mime in (
        (left, "Download for Moodle", "moodle-xml", "moodle.xml", "application/xml"),
        (right, "Download for Canvas", "qti", "canvas-qti.zip", "application/zip"),
    ):
        column.download_button(
            label,
            data=partial(interop_export.CACHE.get, bank, quiz_id, fmt),
            file_name=f"{bank.info.id}-{quiz_id}-{name}",
            mime=mime,
            key=f"home-{fmt}-{bank.info.id}-{quiz_id}",
            icon=":material/download:",
            on_click="ignore",
            disabled=size == 0,
        )


def build_ui(bank: Bank) -> None:
    key = f"home-build-{bank.info.id}"
    served = len(bank.served())
    if not served:
        return
    st.subheader("Build your own", anchor=False)
    skills = {skill.id: skill.title for skill in catalog.skills_used(bank)}
    left, right = st.columns(2)
    count = left.number_input(
        "Number of questions", min_value=1, max_value=served, value=min(10, served), key=f"{key}-count"
    )
    mode = right.radio(
        "Mode",
        engine.MODES,
        format_func=str.capitalize,
        horizontal=True,
        key=f"{key}-mode",
        captions=("Check each answer as you go", "See how you did at the end"),
    )
    chosen_skills = left.multiselect(
        "Skills", list(skills), format_func=skills.__getitem__, placeholder="Any skill", key=f"{key}-skills"
    )
    levels = right.multiselect(
        "Difficulty", DIFFICULTIES, format_func=str.capitalize, placeholder="Any difficulty", key=f"{key}-difficulty"
    )
    sure = st.toggle(
        "Ask how sure I am",
        key=f"{key}-confidence",
        help="With each answer, say how sure you are; marks follow Moodle's certainty-based marking.",
    )
    matching = len(engine.pool(bank, chosen_skills, levels))
    if not matching:
        st.warning("No question matches: choose more skills or difficulties.")
        return
    st.caption(f"{markup.count(matching, 'question')} match; your quiz will have {min(int(count), matching)}.")
    if st.button("Start your quiz", key=f"{key}-start", type="primary", icon=":material/play_arrow:"):
        start(bank, engine.CustomQuiz(min(int(count), matching), tuple(chosen_skills), tuple(levels), mode, sure))


def broken_ui(result: LoadResult) -> None:
    with st.container(border=True):
        st.error(
            f"The bank in **{markup.literal(result.folder)}** could not be loaded: "
            f"{markup.count(len(result.errors), 'error')}.",
            icon=":material/error:",
        )
        st.code(format_issues(result.issues), language=None, wrap_lines=True)


def paths_ui(issues: tuple[Issue, ...]) -> None:
    st.warning("Some bank paths in QUIZ_BANKS could not be used.", icon=":material/folder_off:")
    st.code(format_issues(issues), language=None, wrap_lines=True)


st.title("Media-literacy quiz", anchor=False)
st.markdown("Read the sources, then judge what they really say: every answer is backed by quotes you can check.")
found = state.banks()
# A join link (/?join=CODE) opens on its form; otherwise the quizzes come first (on a phone the form
# alone is 550 px tall) and a link leads down to it.
joining = recording.JOIN in st.query_params
if joining:
    recording.join_ui(found.by_id)
else:
    st.markdown("Have a code from your teacher? [Join with it](#join-with-a-code) below the quizzes.")
loaded = {bank.folder for bank in found.banks}
for result in found.results:
    if result.bank is None:
        broken_ui(result)
    elif result.bank.folder in loaded:
        bank_ui(result.bank)
for result, winner in found.shadowed():
    st.warning(
        f"The bank in **{markup.literal(result.folder)}** has the same id as the one in "
        f"**{markup.literal(winner)}** and is hidden; give it another id."
    )
if found.issues:
    paths_ui(found.issues)
if not joining:
    recording.join_ui(found.by_id)
if not found.results and not found.issues:
    st.info("No banks found. Set QUIZ_BANKS to a folder of banks.")
