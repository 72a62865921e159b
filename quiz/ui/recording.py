"""What the pages share about the record: the database (opened and migrated once per server, at
its first page run: :func:`at_start`), the throttles against guessing, the resume link, joining an
assignment with a code, and the sources a learner opens during an attempt (:func:`note_opened`).

The record is reached only through ``quiz.record``; this module draws and keeps nothing of it
across reruns but the engine (a pool, shared by every session of the server).
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
from collections.abc import Callable
from datetime import UTC, timedelta, timezone, tzinfo
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from quiz.play import catalog
from quiz.play.citations import CiteRef
from quiz.record import codes, db, play, store, throttle
from quiz.ui import markup, nav

RESUME = "r"  # query param: the attempt's resume id
JOIN = "join"  # query param on Home: a join code to fill in
EXAM = nav.EXAM  # session key: the resume id of an exam assignment in progress (Claims is hidden then)
ATTEMPT = "record-attempt"  # session key: the resume id of the assignment attempt in progress, any mode
SESSION = "record-session"  # session key: a random id of this session, for the throttles
JOIN_PROBLEM = "join-problem"
JOIN_GO = "join-go"
UNAVAILABLE = "Results cannot be recorded right now: the record's database cannot be reached."
RETRY_AFTER_S = 10.0  # a database that failed to open is tried again after this long, not on every rerun

_log = logging.getLogger(__name__)
_failed: dict[str, float] = {}
_failed_lock = threading.Lock()


def database_url() -> str:
    secrets_found = st.secrets if st.secrets.load_if_toml_exists() else {}
    return db.database_url(os.environ, secrets_found, Path.cwd())


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    """Opened and migrated once per server; an exception is not cached, so a database that comes
    back is used from the next try on."""
    opened = db.open_engine(url)
    try:
        db.upgrade(opened)
    except BaseException:
        opened.dispose()
        raise
    return opened


@st.cache_resource(show_spinner=False)
def _started(url: str) -> bool:
    return engine() is not None


def at_start() -> bool:
    """Open the record and apply its migrations once per server process and database, from the app's
    entry script (Streamlit runs nothing before a first page): so a schema change is applied when the
    server starts serving, not when the first learner joins. Never raises: when the database cannot
    be reached, self-study goes on, the pages that need the record say so and try again later
    (:func:`engine`), and the log says why. Whether the record could be opened."""
    return _started(database_url())


def engine() -> Engine | None:
    """The record's engine, or None when its database cannot be opened now (said once in the log)."""
    url = database_url()
    with _failed_lock:
        if time.monotonic() - _failed.get(url, -RETRY_AFTER_S) < RETRY_AFTER_S:
            return None
    try:
        return _engine(url)
    except (SQLAlchemyError, OSError) as problem:
        _log.warning("the record %s cannot be opened: %s", db.describe(url), problem)
        with _failed_lock:
            _failed[url] = time.monotonic()
        return None


# ---------------------------------------------------------------- sources opened


def note_opened(bank_id: str, source_id: str, focus: CiteRef | None = None) -> None:
    """The Sources page's one call: during an assignment attempt (its resume id in the URL, or the
    attempt in progress in this session), record that the learner opened this source, or the cited
    passage ``focus``; the record gives it to the learner's next answer. Nothing is done, and the
    database is not touched, outside an attempt; a database that fails only leaves it unrecorded."""
    resume = st.query_params.get(RESUME, "") or st.session_state.get(ATTEMPT, "")
    if not resume or not codes.looks_like_resume_id(resume):
        return
    passage = "" if focus is None else f"{focus.owner}:{focus.owner_id}:{focus.number}"
    record = engine()
    if record is None:
        return
    try:
        store.note_opening(record, resume, bank_id, source_id, passage, store.now_utc())
    except SQLAlchemyError as problem:
        _log.warning("an opened source was not recorded: %s", problem)


# ---------------------------------------------------------------- guessing


@st.cache_resource(show_spinner=False)
def _throttles() -> dict[str, throttle.Throttle]:
    """One set per server: per session, per address (held in memory only, never written), per server."""
    return {
        f"{kind}-{scope}": make()
        for kind in ("code", "teach", "author")
        for scope, make in (
            ("session", throttle.per_session),
            ("address", throttle.per_address),
            ("server", throttle.per_server),
        )
    }


def guard(kind: str) -> throttle.Guard:
    """The throttles a try of ``kind`` (code, teach, author) from this session must pass."""
    found = _throttles()
    session = st.session_state.setdefault(SESSION, secrets.token_hex(8))
    address = st.context.ip_address or "unknown"
    return throttle.Guard(
        (
            (found[f"{kind}-session"], session),
            (found[f"{kind}-address"], address),
            (found[f"{kind}-server"], "server"),
        )
    )


def checked_password(kind: str, given: str, expected: str, matches: Callable[[str, str], bool]) -> str | None:
    """None when ``given`` unlocks; otherwise what to tell the person (wrong, or wait)."""
    gate, now = guard(kind), time.monotonic()
    wait = gate.wait(now)
    if wait:
        return throttle.refusal(wait)
    if matches(given, expected):
        gate.succeeded()
        return None
    gate.failed(now)
    return "Wrong password."


# ---------------------------------------------------------------- the viewer's clock


def viewer_zone() -> tzinfo:
    """The time zone of the viewer's browser (``st.context.timezone``, else its UTC offset), UTC
    when the browser says neither or names a zone this server does not know. The record stores UTC;
    times are typed and shown in this zone."""
    name = st.context.timezone
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    offset = st.context.timezone_offset  # JavaScript's getTimezoneOffset: minutes behind UTC
    if offset:
        return timezone(-timedelta(minutes=offset))
    return UTC


def zone_name(zone: tzinfo) -> str:
    """How a label names the zone: its IANA name, or its offset from UTC."""
    return str(getattr(zone, "key", "") or zone.tzname(None) or "UTC")


# ---------------------------------------------------------------- links


def base_url() -> str:
    """The app's address as the browser reached it (behind a proxy too), ending in '/'."""
    parts = urlsplit(st.context.url or "")
    path = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{parts.scheme or 'http'}://{parts.netloc}/" + (f"{path}/" if path else "")


def resume_link(resume_id: str) -> str:
    return f"{base_url()}assignment?{RESUME}={resume_id}"


def join_link(code: str) -> str:
    return f"{base_url()}?{JOIN}={code}"


def resume_link_ui(resume_id: str) -> None:
    with st.expander("Your resume link: keep it to continue on another device", icon=":material/link:"):
        st.code(resume_link(resume_id), language=None, wrap_lines=True)
        st.caption("Anyone with this link can continue your attempt; no one can change an answer you submitted.")


# ---------------------------------------------------------------- joining


def join(by_id: dict, now: float | None = None) -> None:
    """The Join button's callback: check the code and name, start the attempt, or say why not."""
    st.session_state[JOIN_PROBLEM] = ""
    code, name = st.session_state.get("join-code", ""), st.session_state.get("join-name", "")
    problem = codes.name_problem(name)
    if problem:
        st.session_state[JOIN_PROBLEM] = f"That name cannot be used: {problem}."
        return
    gate, moment = guard("code"), time.monotonic() if now is None else now
    wait = gate.wait(moment)
    if wait:
        st.session_state[JOIN_PROBLEM] = throttle.refusal(wait)
        return
    record = engine()
    if record is None:
        st.session_state[JOIN_PROBLEM] = UNAVAILABLE + " Self-study quizzes below work as usual."
        return
    try:
        target = store.assignment_by_code(record, code)
        if target is None:
            gate.failed(moment)
            st.session_state[JOIN_PROBLEM] = store.NO_SUCH_CODE
            return
        gate.succeeded()
        bank = by_id.get(target.bank_id)
        if bank is None:
            st.session_state[JOIN_PROBLEM] = "This assignment's bank is not served here right now; tell your teacher."
            return
        version = play.bank_version(catalog.fingerprint(bank.folder))
        seed, at = secrets.randbelow(2**31), store.now_utc()
        started = play.start(record, target, bank, name, version, seed, at, viewer_zone())
    except SQLAlchemyError as failure:
        st.session_state[JOIN_PROBLEM] = (
            f"Results cannot be recorded right now: {db.trouble(failure)}. Try again in a moment."
        )
        return
    if isinstance(started, store.Refusal):
        st.session_state[JOIN_PROBLEM] = started.reason
        return
    st.session_state[EXAM] = started.resume_id if target.mode == "exam" else ""
    st.session_state[JOIN_GO] = started.resume_id


def join_ui(by_id: dict) -> None:
    """Home's "Join with a code": a code and a display name; the join link fills the code in."""
    st.session_state.setdefault(JOIN_PROBLEM, "")
    if JOIN in st.query_params and "join-code" not in st.session_state:
        st.session_state["join-code"] = st.query_params[JOIN][:20]
    with st.container(border=True):
        st.header("Join with a code", anchor=False)
        with st.form("join", border=False):
            left, right = st.columns(2)
            left.text_input("Code from your teacher", key="join-code", placeholder="XXXX-XXXX")
            right.text_input("Your name", key="join-name", placeholder="a nickname is fine", help="No email needed.")
            st.form_submit_button("Join", type="primary", icon=":material/login:", on_click=join, args=(by_id,))
        if st.session_state[JOIN_PROBLEM]:
            st.error(markup.literal(st.session_state[JOIN_PROBLEM]), icon=":material/error:")
    go = st.session_state.pop(JOIN_GO, "")
    if go:
        st.switch_page(nav.ASSIGNMENT, query_params={RESUME: go})
