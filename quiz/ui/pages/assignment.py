"""Assignment: an attempt the record holds, one question at a time, then its results.
URL: /assignment?r=RESUME_ID. The URL carries only the attempt's id: every page run rebuilds the
attempt from the record, and each answer is in the record before its feedback or the next
question is drawn. The record refuses a changed answer, a late one and one out of turn.

While the attempt is in progress the session remembers it, so that the sources the learner opens
on the Sources page go with the next answer (``recording.note_opened``). A question edited in its
bank after it was answered keeps its recorded mark, and says so, instead of a review of options
that may no longer be the ones answered."""

from __future__ import annotations

import time
from typing import NoReturn

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from quiz.bank.model import Bank
from quiz.play import engine
from quiz.record import db, play, store
from quiz.ui import confidence, markup, nav, question, recording, state

NEED_ANSWER = "assignment-need-answer"
PROBLEM = "assignment-problem"  # what the last submit could not do, in words for the learner
SHOWN = "assignment-shown"  # (resume id, position) -> when the question was first drawn (monotonic)
CHANGED = (
    "This question has been changed in its bank since you answered it, so your answer is not shown "
    "against it. It keeps the mark it was given: {mark}."
)
NOT_RECORDED = "Your answer is **not** recorded: {why}. Your choice is still selected: submit it again in a moment."


def submit(loaded: play.Recorded, bank: Bank, key: str) -> None:
    """Record the answer; the rerun draws what the record then holds."""
    attempt = loaded.attempt
    answer = question.picked(engine.current(attempt, bank), attempt.orders[attempt.position], key)
    st.session_state[NEED_ANSWER] = key if answer is None else ""
    st.session_state[PROBLEM] = ""
    if answer is None:
        return
    shown = st.session_state[SHOWN].get((loaded.record.resume_id, attempt.position))
    seconds = None if shown is None else round(time.monotonic() - shown, 1)
    level = confidence.picked(key) if attempt.asks_confidence else None
    record = recording.engine()
    if record is None:
        st.session_state[PROBLEM] = NOT_RECORDED.format(why="the record cannot be reached right now")
        return
    try:
        now, zone = store.now_utc(), recording.viewer_zone()
        result = play.submit(record, loaded, bank, answer, now, confidence=level, seconds=seconds, zone=zone)
    except SQLAlchemyError as problem:  # locked, read-only or gone: nothing was written
        st.session_state[PROBLEM] = NOT_RECORDED.format(why=db.trouble(problem))
        return
    if isinstance(result, store.Refusal):
        st.session_state[PROBLEM] = result.reason


def next_question(loaded: play.Recorded, bank: Bank) -> None:
    st.session_state[PROBLEM] = ""
    record = recording.engine()
    why = "the record cannot be reached right now"
    try:
        result = None if record is None else play.advance(record, loaded, bank, store.now_utc())
    except SQLAlchemyError as problem:
        result, why = None, db.trouble(problem)
    if result is None:
        st.session_state[PROBLEM] = f"Not moved on: {why}. Your answer is recorded; try again in a moment."
    elif isinstance(result, store.Refusal):
        st.session_state[PROBLEM] = result.reason


def stop_with(message: str) -> NoReturn:
    st.error(markup.literal(message), icon=":material/link_off:")
    st.page_link(nav.HOME, label="Home", icon=":material/home:")
    st.stop()


def header_ui(bank: Bank, loaded: play.Recorded) -> None:
    attempt, assignment = loaded.attempt, loaded.assignment
    st.caption(
        f"{markup.literal(assignment.title)} · {markup.author(bank.info.title)} · "
        f"{'Practice' if attempt.mode == 'practice' else 'Exam'} · {markup.literal(loaded.record.display_name)}"
    )


def question_ui(bank: Bank, loaded: play.Recorded) -> None:
    attempt = loaded.attempt
    current = engine.current(attempt, bank)
    order = attempt.orders[attempt.position]
    answer, grade = attempt.answers[attempt.position], attempt.grades[attempt.position]
    last = attempt.position == attempt.size - 1
    key = f"assignment-{loaded.record.resume_id}-{attempt.position}"
    done = attempt.position + (1 if answer is not None else 0)
    st.progress(done / attempt.size, text=f"Question {attempt.position + 1} of {attempt.size}")
    if answer is None:
        st.session_state[SHOWN].setdefault((loaded.record.resume_id, attempt.position), time.monotonic())
        closed = loaded.assignment.refusal(store.now_utc(), recording.viewer_zone())
        question.ask_ui(current, order, key)
        if attempt.asks_confidence:
            confidence.picker_ui(key)
        if closed:
            st.warning(markup.literal(closed.reason), icon=":material/event_busy:")
            return
        label = "Check answer" if attempt.mode == "practice" else ("Finish" if last else "Next")
        st.button(
            label,
            key="assignment-submit",
            type="primary",
            icon=":material/task_alt:" if attempt.mode == "practice" else ":material/arrow_forward:",
            on_click=submit,
            args=(loaded, bank, key),
        )
        if st.session_state[NEED_ANSWER] == key:
            st.warning("Choose an answer first.", icon=":material/touch_app:")
        return
    st.success("Your answer is recorded.", icon=":material/cloud_done:")
    if attempt.position in loaded.changed:
        changed_ui(grade)
    elif attempt.mode == "practice" and grade is not None:
        sure = None if attempt.confidence is None else attempt.confidence[attempt.position]
        question.review_ui(
            bank, current, order, answer, grade, back={recording.RESUME: loaded.record.resume_id}, confidence=sure
        )
    st.button(
        "See results" if last else "Next question",
        key="assignment-next",
        type="primary",
        icon=":material/arrow_forward:",
        on_click=next_question,
        args=(loaded, bank),
    )


def changed_ui(grade: engine.Grade | None) -> None:
    st.info(
        CHANGED.format(mark="right" if grade is not None and grade.correct else "not right"), icon=":material/edit:"
    )


def results_ui(bank: Bank, loaded: play.Recorded) -> None:
    attempt, assignment = loaded.attempt, loaded.assignment
    score = engine.score(attempt, bank)
    st.subheader("Your results", anchor=False)
    with st.container(horizontal=True, gap="large"):
        st.metric("Score", f"{score.right} / {score.total}", border=True, width="content")
        st.metric("Right", f"{score.percent}%", border=True, width="content")
        if attempt.asks_confidence:
            st.metric("CBM score", confidence.score_value(attempt), border=True, width="content")
    if attempt.asks_confidence:
        confidence.score_meaning_ui()
        confidence.calibration_ui(attempt)
    st.success("Every answer is recorded for your teacher. This attempt is finished and cannot be changed.")
    now = store.now_utc()
    if assignment.answers_after_close and not assignment.has_closed(now):
        after = f" (at {store.when(assignment.closes_at, recording.viewer_zone())})" if assignment.closes_at else ""
        st.info(f"The right answers are shown here after the assignment closes{after}.", icon=":material/schedule:")
        return
    back = {recording.RESUME: loaded.record.resume_id}
    for number, (question_id, answer, grade) in enumerate(zip(attempt.question_ids, attempt.answers, attempt.grades)):
        current = bank.questions[question_id]
        right = grade is not None and grade.correct
        mark = ":green[:material/check_circle:]" if right else ":red[:material/cancel:]"
        with st.expander(f"{mark} **{number + 1}.** {markup.author(current.prompt)}", expanded=not right):
            if answer is None or grade is None:
                st.warning("Not answered.")
            elif number in loaded.changed:
                changed_ui(grade)
            else:
                sure = None if attempt.confidence is None else attempt.confidence[number]
                question.review_ui(
                    bank, current, attempt.orders[number], answer, grade, back, show_prompt=False, confidence=sure
                )


st.session_state.setdefault(NEED_ANSWER, "")
st.session_state.setdefault(PROBLEM, "")
st.session_state.setdefault(SHOWN, {})
resume = st.query_params.get(recording.RESUME, "")
if not resume:
    stop_with("No assignment in progress: join one with its code on the home page.")
record = recording.engine()
if record is None:
    stop_with(recording.UNAVAILABLE + " Your submitted answers are kept: reload this page in a moment.")
found = state.banks()
try:
    loaded = play.load(record, resume, found.by_id)
except SQLAlchemyError:
    stop_with(recording.UNAVAILABLE + " Your submitted answers are kept: reload this page in a moment.")
if isinstance(loaded, store.Refusal):
    stop_with(loaded.reason)
exam_on = loaded.attempt.mode == "exam" and not loaded.attempt.finished
st.session_state[recording.ATTEMPT] = "" if loaded.attempt.finished else resume
if bool(st.session_state.get(recording.EXAM)) != exam_on:
    st.session_state[recording.EXAM] = resume if exam_on else ""
    st.rerun()  # the navigation hides or shows Claims from this run on
bank = found.by_id[loaded.record.bank_id]
st.title(markup.literal(loaded.assignment.title), anchor=False)
header_ui(bank, loaded)
if st.session_state[PROBLEM]:
    st.error(st.session_state[PROBLEM], icon=":material/cloud_off:")
if loaded.attempt.finished:
    results_ui(bank, loaded)
else:
    question_ui(bank, loaded)
recording.resume_link_ui(resume)
