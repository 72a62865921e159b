"""Quiz: one question at a time. In practice each answer is checked and explained at once;
in an exam, answers are only recorded and the results come at the end. URL: /quiz?t=TOKEN."""

from __future__ import annotations

import streamlit as st

from quiz.bank.model import Bank
from quiz.play import engine
from quiz.ui import confidence, feedback, focus, markup, nav, question, state

NEED_ANSWER = "quiz-need-answer"  # the key of the question checked without an answer, if any


def submit(attempt: engine.Attempt, bank: Bank, key: str) -> None:
    """Check the answer (practice) or record it and move on (exam)."""
    answer = question.picked(engine.current(attempt, bank), attempt.orders[attempt.position], key)
    st.session_state[NEED_ANSWER] = key if answer is None else ""
    if answer is None:
        return
    answered = engine.submit(attempt, bank, answer, confidence.picked(key) if attempt.asks_confidence else None)
    state.save(engine.advance(answered) if attempt.mode == "exam" else answered)


def next_question(attempt: engine.Attempt) -> None:
    state.save(engine.advance(attempt))


def header_ui(bank: Bank, attempt: engine.Attempt, answered: bool) -> None:
    title = feedback.quiz_title(bank, attempt.quiz)
    heading = "Retrying the ones you missed" if attempt.retry else markup.author(title)
    st.title(heading, anchor=False)
    st.caption(f"{markup.author(bank.info.title)} · {heading} · {'Practice' if attempt.mode == 'practice' else 'Exam'}")
    done = attempt.position + (1 if answered else 0)
    st.progress(done / attempt.size, text=f"Question {attempt.position + 1} of {attempt.size}")


st.session_state.setdefault(NEED_ANSWER, "")
found = state.banks()
attempt = state.attempt_ui(found)
if attempt.finished:
    st.switch_page(nav.RESULTS, query_params=state.link(attempt))
bank = found.by_id[attempt.bank_id]
current = engine.current(attempt, bank)
order = attempt.orders[attempt.position]
answer, grade = attempt.answers[attempt.position], attempt.grades[attempt.position]
last = attempt.position == attempt.size - 1
key = f"quiz-{attempt.seed}-{attempt.position}"

header_ui(bank, attempt, answered=answer is not None)
if answer is None:
    question.ask_ui(current, order, key)
    if attempt.asks_confidence:
        confidence.picker_ui(key)
    if attempt.mode == "practice":
        st.button(
            "Check answer",
            key="quiz-check",
            type="primary",
            icon=":material/task_alt:",
            on_click=submit,
            args=(attempt, bank, key),
        )
    else:
        st.button(
            "Finish" if last else "Next",
            key="quiz-next",
            type="primary",
            icon=":material/arrow_forward:",
            on_click=submit,
            args=(attempt, bank, key),
        )
    if st.session_state[NEED_ANSWER] == key:
        st.warning("Choose an answer first.", icon=":material/touch_app:")
else:
    if attempt.mode == "practice" and grade is not None:
        sure = None if attempt.confidence is None else attempt.confidence[attempt.position]
        question.review_ui(bank, current, order, answer, grade, back=state.link(attempt), confidence=sure)
    else:
        st.info("Your answer is saved.")
    st.button(
        "See results" if last else "Next question",
        key="quiz-next",
        type="primary",
        icon=":material/arrow_forward:",
        on_click=next_question,
        args=(attempt,),
    )
    focus.focus_ui(".st-key-quiz-next button", key)  # after checking, not back at the top: Enter goes on
