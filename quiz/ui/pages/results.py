"""Results: the score, right answers per skill, every question reviewed, and what to do next.
URL: /results?t=TOKEN."""

from __future__ import annotations

import streamlit as st

from quiz.bank.model import Bank
from quiz.play import cbm, engine
from quiz.ui import confidence, feedback, focus, markup, nav, question, state


def score_ui(score: engine.Score, marks: cbm.Summary | None = None) -> None:
    """The plain score and, for a quiz that asked how sure the learner was, the CBM score beside it."""
    with st.container(horizontal=True, gap="large"):
        st.metric("Score", f"{score.right} / {score.total}", border=True, width="content")
        st.metric("Right", f"{score.percent}%", border=True, width="content")
        if marks is not None:
            st.metric("CBM score", f"{marks.average_mark:.2f}".replace("-", "−"), border=True, width="content")
    if marks is not None:
        confidence.score_meaning_ui()


def skills_ui(score: engine.Score) -> None:
    st.header("By skill", anchor=False)
    rows = [
        {"skill": skill.title, "right": round(100 * skill.right / skill.total), "of": f"{skill.right} of {skill.total}"}
        for skill in score.skills
    ]
    st.vega_lite_chart(
        rows,
        {
            "mark": {"type": "bar", "cornerRadiusEnd": 3},
            "height": {"step": 34},
            "encoding": {
                "y": {"field": "skill", "type": "nominal", "sort": None, "title": None, "axis": {"labelLimit": 220}},
                "x": {"field": "right", "type": "quantitative", "scale": {"domain": [0, 100]}, "title": "% right"},
                "tooltip": [{"field": "skill"}, {"field": "of", "title": "Right"}],
            },
        },
    )
    st.caption(" · ".join(f"{markup.literal(skill.title)}: {skill.right} of {skill.total}" for skill in score.skills))


def next_steps_ui(bank: Bank, attempt: engine.Attempt) -> None:
    with st.container(horizontal=True):
        if engine.missed(attempt) and st.button(
            "Retry the ones I missed", key="results-retry", type="primary", icon=":material/replay:"
        ):
            st.switch_page(nav.QUIZ, query_params=state.link(engine.retry_missed(attempt, bank, state.new_seed())))
        if engine.can_restart(attempt, bank) and st.button("New attempt", key="results-new", icon=":material/refresh:"):
            st.switch_page(nav.QUIZ, query_params=state.link(engine.restart(attempt, bank, state.new_seed())))
        st.page_link(nav.HOME, label="All quizzes", icon=":material/home:")


def review_ui(bank: Bank, attempt: engine.Attempt) -> None:
    st.header("Your answers", anchor=False)
    back = state.link(attempt)
    for number, (question_id, answer, grade) in enumerate(zip(attempt.question_ids, attempt.answers, attempt.grades)):
        current = bank.questions[question_id]
        right = grade is not None and grade.correct
        mark = ":green[**✓ Right**]" if right else ":red[**✗ Wrong**]"  # words: an icon is read by its name
        with st.expander(f"{mark} **{number + 1}.** {markup.author(current.prompt)}", expanded=not right):
            if answer is None or grade is None:
                st.warning("Not answered.")
            else:
                sure = None if attempt.confidence is None else attempt.confidence[number]
                question.review_ui(
                    bank, current, attempt.orders[number], answer, grade, back, show_prompt=False, confidence=sure
                )


found = state.banks()
attempt = state.attempt_ui(found)
bank = found.by_id[attempt.bank_id]
focus.top_ui(st.query_params.get(state.TOKEN, ""))  # Streamlit kept the quiz page's scroll position
st.title("Results", anchor=False)
st.caption(
    f"{markup.author(bank.info.title)} · "
    f"{'Retrying the ones you missed' if attempt.retry else markup.author(feedback.quiz_title(bank, attempt.quiz))}"
)
if not attempt.finished:
    st.info("This quiz is not finished yet.")
    st.page_link(nav.QUIZ, label="Back to the quiz", icon=":material/arrow_back:", query_params=state.link(attempt))
    st.stop()
score = engine.score(attempt, bank)
score_ui(score, cbm.summary(cbm.of_attempt(attempt)) if attempt.asks_confidence else None)
next_steps_ui(bank, attempt)
if attempt.mode == "exam":  # assignments (quiz.ui.pages.assignment) refuse this; a self-study link cannot
    st.caption(
        "This is a self-study link: the browser's Back button can change this exam's answers and finish it again. "
        "For a quiz that counts, your teacher gives you a code to join."
    )
if attempt.asks_confidence:
    confidence.calibration_ui(attempt)
skills_ui(score)
review_ui(bank, attempt)
