"""Teach: classes and their assignments, each with a join code and link; who joined and how they
did; a class's records as CSV. URL: /teach, listed only when QUIZ_TEACHER_PASSWORD is set, and
locked until that password is given (wrong tries are slowed)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from quiz.bank.model import DIFFICULTIES, Bank
from quiz.play import catalog, engine
from quiz.record import codes, db, export, store
from quiz.ui import feedback, markup, nav, recording, state
from quiz.ui.report import assignment_report_ui

UNLOCKED = "teach-unlocked"
WRONG = "teach-wrong"
NOTICE = "teach-notice"
BUILD = "build"  # the quiz choice that means "Build your own"


def unlock(expected: str) -> None:
    given = st.session_state.pop("teach-password", "") or ""
    problem = recording.checked_password("teach", given, expected, _matches)
    st.session_state[UNLOCKED] = problem is None
    st.session_state[WRONG] = problem or ""


def _matches(given: str, expected: str) -> bool:
    from quiz.authoring import edit

    return edit.password_matches(given, expected)


def login_ui(expected: str) -> None:
    with st.form("teach-login"):
        st.text_input("Teacher password", type="password", key="teach-password")
        st.form_submit_button("Unlock", type="primary", icon=":material/lock_open:", on_click=unlock, args=(expected,))
    if st.session_state.get(WRONG):
        st.error(st.session_state[WRONG], icon=":material/lock:")


def moment(day: date | None, at: time | None, zone: tzinfo) -> datetime | None:
    """A date and time typed on the teacher's clock (``zone``), as UTC; None when no date is given."""
    return None if day is None else datetime.combine(day, at or time(0, 0), tzinfo=zone).astimezone(UTC)


def notice(text: str, kind: str = "success") -> None:
    st.session_state[NOTICE] = (kind, text)


# ---------------------------------------------------------------- callbacks


def said_if_not_done(change: Callable[..., None]) -> Callable[..., None]:
    """A callback that changes the record says why it was not done (a locked or read-only SQLite
    file, a database gone) instead of letting the error reach the teacher."""

    @functools.wraps(change)
    def guarded(*args: Any) -> None:
        try:
            change(*args)
        except SQLAlchemyError as problem:
            notice(f"Not done: {db.trouble(problem)}. Nothing was changed; try again in a moment.", "error")

    return guarded


@said_if_not_done
def create_class(record: Engine) -> None:
    made = store.create_class(record, st.session_state.get("teach-class-name", ""), store.now_utc())
    if isinstance(made, store.Refusal):
        notice(made.reason, "error")
    else:
        st.session_state["teach-class"] = made.id
        notice(f"Class “{made.name}” created.")


@said_if_not_done
def create_assignment(record: Engine, class_id: int, bank: Bank) -> None:
    values = st.session_state
    choice = values.get("teach-quiz", BUILD)
    mode = values.get("teach-mode", "practice")
    sure = bool(values.get(confidence_key(bank, choice), asks_by_default(bank, choice)))
    if choice == BUILD:
        custom = engine.CustomQuiz(
            int(values.get("teach-count", 5)),
            tuple(values.get("teach-skills", [])),
            tuple(values.get("teach-difficulty", [])),
            mode,
            sure,
        )
        if not engine.pool(bank, custom.skills, custom.difficulties):
            notice("No question matches those skills and difficulties.", "error")
            return
        quiz: engine.QuizRef = custom
        title = values.get("teach-title") or feedback.OWN_QUIZ
    else:
        quiz = engine.BankQuiz(choice, confidence=sure)
        title = values.get("teach-title") or bank.quizzes[choice].title
    allowed = int(values.get("teach-attempts", 1))
    zone = recording.viewer_zone()
    made = store.create_assignment(
        record,
        class_id,
        title,
        bank.info.id,
        quiz,
        mode,
        store.now_utc(),
        opens_at=moment(values.get("teach-opens-day"), values.get("teach-opens-time"), zone),
        closes_at=moment(values.get("teach-closes-day"), values.get("teach-closes-time"), zone),
        attempts_allowed=None if allowed == 0 else allowed,
        answers_after_close=bool(values.get("teach-after")) and mode == "exam",
    )
    if isinstance(made, store.Refusal):
        notice(made.reason, "error")
    else:
        notice(f"Assignment “{made.title}” created: its code is {codes.shown_code(made.join_code)}.")


def confidence_key(bank: Bank, choice: str) -> str:
    """The switch's key, one per quiz, so that it starts as each quiz says."""
    return f"teach-confidence-{bank.info.id}-{choice}"


def asks_by_default(bank: Bank, choice: str) -> bool:
    return choice in bank.quizzes and bank.quizzes[choice].confidence


@said_if_not_done
def set_closed(record: Engine, assignment_id: int, closed: bool) -> None:
    store.set_closed(record, assignment_id, closed)
    notice("Assignment closed." if closed else "Assignment reopened.")


@said_if_not_done
def delete_assignment(record: Engine, assignment_id: int) -> None:
    store.delete_assignment(record, assignment_id)
    notice("Assignment deleted, with every attempt and answer in it.")


@said_if_not_done
def delete_class(record: Engine, class_id: int) -> None:
    if not st.session_state.get("teach-confirm-delete"):
        notice("Tick the box to confirm: deleting a class deletes every record of it.", "error")
        return
    store.delete_class(record, class_id)
    st.session_state.pop("teach-class", None)
    st.session_state["teach-confirm-delete"] = False
    notice("Class deleted, with its assignments, attempts and answers.")


# ---------------------------------------------------------------- drawing


def classes_ui(record: Engine) -> store.ClassRecord | None:
    found = store.list_classes(record)
    with st.form("teach-new-class", border=True):
        st.text_input("New class", key="teach-class-name", placeholder="e.g. Year 9 media, Tuesday")
        st.form_submit_button("Create class", icon=":material/group_add:", on_click=create_class, args=(record,))
    if not found:
        st.info("No class yet: create one to hand out assignments.")
        return None
    ids = [item.id for item in found]
    if st.session_state.get("teach-class") not in ids:
        st.session_state["teach-class"] = ids[-1]
    names = {item.id: item.name for item in found}
    chosen = st.selectbox("Class", ids, format_func=lambda class_id: names[class_id], key="teach-class")
    return next(item for item in found if item.id == chosen)


def new_assignment_ui(record: Engine, chosen: store.ClassRecord, banks: tuple[Bank, ...]) -> None:
    with st.expander(
        "New assignment", icon=":material/add_task:", expanded=not store.list_assignments(record, chosen.id)
    ):
        by_id = {bank.info.id: bank for bank in banks}
        bank_id = st.selectbox(
            "Bank", list(by_id), format_func=lambda key: markup.literal(by_id[key].info.title), key="teach-bank"
        )
        bank = by_id[bank_id]
        quizzes = {quiz.id: quiz.title for quiz in bank.quizzes.values()} | {BUILD: "Build your own"}
        choice = st.selectbox("Quiz", list(quizzes), format_func=quizzes.__getitem__, key="teach-quiz")
        if choice == BUILD:
            skills = {skill.id: skill.title for skill in catalog.skills_used(bank)}
            left, right = st.columns(2)
            left.number_input(
                "Number of questions", 1, max(1, len(bank.served())), min(10, len(bank.served())), key="teach-count"
            )
            left.multiselect(
                "Skills", list(skills), format_func=skills.__getitem__, placeholder="Any skill", key="teach-skills"
            )
            right.multiselect("Difficulty", DIFFICULTIES, placeholder="Any difficulty", key="teach-difficulty")
        st.session_state.setdefault("teach-mode", bank.quizzes[choice].mode if choice in bank.quizzes else "practice")
        st.text_input("Title for learners", key="teach-title", placeholder=quizzes[choice])
        st.radio(
            "Mode",
            engine.MODES,
            format_func=str.capitalize,
            horizontal=True,
            key="teach-mode",
            captions=("Feedback after each answer", "Results at the end"),
        )
        st.toggle(
            "Ask how sure learners are with each answer (certainty-based marks)",
            value=asks_by_default(bank, choice),
            key=confidence_key(bank, choice),
        )
        clock = recording.zone_name(recording.viewer_zone())
        left, right = st.columns(2)
        left.date_input(f"Opens ({clock} time; empty: at once)", value=None, key="teach-opens-day")
        left.time_input("at", value=None, key="teach-opens-time")
        right.date_input(f"Closes ({clock} time; empty: when you close it)", value=None, key="teach-closes-day")
        right.time_input("at ", value=None, key="teach-closes-time")
        st.number_input("Attempts allowed per learner (0: any number)", 0, 100, 1, key="teach-attempts")
        st.checkbox(
            "Show the right answers only after it closes (exam)",
            key="teach-after",
            disabled=st.session_state.get("teach-mode") != "exam",
        )
        st.button(
            "Create assignment",
            type="primary",
            icon=":material/add_task:",
            key="teach-create",
            on_click=create_assignment,
            args=(record, chosen.id, bank),
        )


def status(assignment: store.AssignmentRecord) -> str:
    """Open, not yet or closed, with the times on the teacher's clock."""
    now, zone = store.now_utc(), recording.viewer_zone()
    if assignment.closed:
        return ":red-badge[Closed]"
    refusal = assignment.refusal(now)
    if refusal is None:
        until = f" until {store.when(assignment.closes_at, zone)}" if assignment.closes_at else ""
        return f":green-badge[Open{until}]"
    if assignment.opens_at is not None and now < assignment.opens_at:
        return f":orange-badge[Opens {store.when(assignment.opens_at, zone)}]"
    return f":red-badge[Closed at {store.when(assignment.closes_at or now, zone)}]"


def assignment_ui(record: Engine, assignment: store.AssignmentRecord) -> None:
    with st.container(border=True):
        allowed = "any number of attempts" if assignment.attempts_allowed is None else codes_count(assignment)
        st.markdown(
            f"**{markup.literal(assignment.title)}** · {assignment.mode.capitalize()} · {allowed} · "
            f"{status(assignment)}"
        )
        left, right = st.columns(2)
        left.caption("Join code")
        left.code(codes.shown_code(assignment.join_code), language=None)
        link = recording.join_link(codes.shown_code(assignment.join_code))
        right.caption("Join link")
        right.code(link, language=None, wrap_lines=True)
        with right.expander("QR code of the join link", icon=":material/qr_code_2:"):
            # PNG as made: re-encoded as JPEG, the modules' edges would blur.
            st.image(join_qr(link), caption=f"Scan to join: {link}", width=220, output_format="PNG")
        with st.container(horizontal=True):
            if assignment.closed:
                st.button(
                    "Reopen",
                    key=f"teach-reopen-{assignment.id}",
                    on_click=set_closed,
                    args=(record, assignment.id, False),
                )
            else:
                st.button(
                    "Close", key=f"teach-close-{assignment.id}", on_click=set_closed, args=(record, assignment.id, True)
                )
            st.button(
                "Delete",
                key=f"teach-delete-{assignment.id}",
                icon=":material/delete:",
                on_click=delete_assignment,
                args=(record, assignment.id),
            )
        learners_ui(record, assignment)


@st.cache_data(max_entries=256, show_spinner=False)
def join_qr(link: str) -> bytes:
    return codes.qr_png(link)


def codes_count(assignment: store.AssignmentRecord) -> str:
    return store.codes_count(assignment.attempts_allowed or 1)


def learners_ui(record: Engine, assignment: store.AssignmentRecord) -> None:
    found = export.summaries(record, assignment.id)
    if not found:
        st.caption("No one has joined yet.")
        return
    finished = sum(item.attempt.finished for item in found)
    st.caption(f"{markup.count(len(found), 'attempt')}, {finished} finished")
    zone = recording.viewer_zone()
    st.table(  # a plain table: names are text a screen reader and a search can find
        [
            {
                "Learner": item.attempt.display_name,
                "Attempt": item.attempt.number,
                "Answered": f"{item.answered} of {item.size}",
                "Score": f"{item.marks:g} / {item.size}",
                "Finished": "yes" if item.attempt.finished else "not yet",
                "Started": store.when(item.attempt.started_at, zone),
            }
            for item in found
        ],
    )
    assignment_report_ui(record, assignment)


def class_ui(record: Engine, chosen: store.ClassRecord, banks: tuple[Bank, ...]) -> None:
    st.header(markup.literal(chosen.name), anchor=False)
    if banks:
        new_assignment_ui(record, chosen, banks)
    for assignment in reversed(store.list_assignments(record, chosen.id)):
        assignment_ui(record, assignment)
    rows = export.class_rows(record, chosen.id)
    st.download_button(
        f"Download this class's records (CSV, {markup.count(len(rows), 'answer')})",
        export.csv_text(rows),
        file_name=f"class-{chosen.id}-records.csv",
        mime="text/csv",
        icon=":material/download:",
        key="teach-csv",
    )
    with st.container(horizontal=True):
        st.checkbox("Yes, delete this class and every record of it", key="teach-confirm-delete")
        st.button(
            "Delete class",
            icon=":material/delete_forever:",
            key="teach-delete-class",
            on_click=delete_class,
            args=(record, chosen.id),
        )


expected = nav.teacher_password()
st.title("Teach", anchor=False)
if expected is None:
    st.info("The Teach page is off: set QUIZ_TEACHER_PASSWORD to use it.")
    st.stop()
if not st.session_state.get(UNLOCKED):
    login_ui(expected)
    st.stop()
record = recording.engine()
if record is None:
    st.error(
        recording.UNAVAILABLE + " Classes and assignments cannot be shown or changed until it is back.",
        icon=":material/cloud_off:",
    )
    st.stop()
shown = st.session_state.pop(NOTICE, None)
if shown:
    (st.error if shown[0] == "error" else st.success)(markup.literal(shown[1]))
try:
    chosen = classes_ui(record)
    if chosen is not None:
        class_ui(record, chosen, state.banks().banks)
except SQLAlchemyError:
    st.error(recording.UNAVAILABLE + " Try again in a moment.", icon=":material/cloud_off:")
