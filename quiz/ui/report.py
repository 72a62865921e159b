"""The teacher's report of one assignment, for the Teach page: ``report_ui(key, attempts, responses, bank)``.

Everything shown is computed in ``quiz.report`` (and cached there by ``key``); this file only draws.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from quiz.bank.model import Bank
from quiz.play import engine
from quiz.record import codes, store
from quiz.report import responses as responses_csv
from quiz.report import views
from quiz.report.from_record import bank_statistics, changed_answers, report_input
from quiz.report.records import Response
from quiz.report.views import AttemptInfo
from quiz.ui import confidence, markup, question, recording, state

_KINDS: tuple[tuple[views.CellKind, str], ...] = (
    ("right", "right"),
    ("partial", "partly right"),
    ("wrong", "wrong"),
    ("unanswered", "not answered"),
)
LEGEND = " · ".join(f":{views.COLOURS[kind]}[{views.SYMBOLS[kind]}] {label}" for kind, label in _KINDS)


@st.cache_resource
def _cache() -> views.ReportCache:
    return views.ReportCache(size=32)


def report_ui(
    key: Hashable,
    attempts: Sequence[AttemptInfo],
    responses: Sequence[Response],
    bank: Bank,
    changed: frozenset[tuple[str, str]] = frozenset(),
) -> None:
    """``key`` names the input (for example the assignment, the count of responses and of finished
    attempts, the bank's version): a rerun with nothing new recomputes nothing. ``changed``: the
    (attempt, question) of answers given to a question edited since, said beside them."""
    report = _cache().get(key, lambda: views.report(attempts, responses, bank))
    prefix = f"report-{abs(hash(key))}"
    summary_ui(report)
    tabs = st.tabs(["Learners", "Questions", "What the class misread", "Downloads"])
    with tabs[0]:
        roster_ui(report)
        grid_ui(report)
        learner_ui(report, responses, bank, prefix, changed)
    with tabs[1]:
        statistics_ui(report, bank)
        question_ui(report, attempts, responses, bank, prefix)
    with tabs[2]:
        misread_ui(report, bank)
        confidence.class_calibration_ui(responses, bank)
        lateral_ui(report)
    with tabs[3]:
        downloads_ui(report, attempts, responses, prefix)


def assignment_report_ui(record: Engine, assignment: store.AssignmentRecord) -> None:
    """The report of one assignment of the record, behind a toggle (the Teach page lists many)."""
    if not st.toggle("Show the report", key=f"report-open-{assignment.id}"):
        return
    bank = next((found for found in state.banks().banks if found.info.id == assignment.bank_id), None)
    if bank is None:
        st.warning(f"The bank {assignment.bank_id!r} is not served now, so its questions cannot be shown.")
        return
    recorded = store.attempts_of(record, assignment.id), store.responses_of_assignment(record, assignment.id)
    attempts, responses = report_input(*recorded, codes.shown_code(assignment.join_code))
    if not responses:
        st.caption("No answers yet.")
        return
    finished = sum(bool(info.finished_at) for info in attempts)
    # The record only grows: its size, the finished count and the bank (a new version is a new
    # object in the catalog's cache) name the input.
    report_ui(
        (assignment.id, len(responses), finished, id(bank)), attempts, responses, bank, changed_answers(*recorded, bank)
    )


def summary_ui(report: views.Report) -> None:
    quiz = report.stats.quiz
    finished = sum(row.status == "finished" for row in report.roster)
    with st.container(horizontal=True, gap="large"):
        st.metric("Finished", f"{finished} of {len(report.roster)}", border=True, width="content")
        st.metric("Mean", _percent(quiz.mean), border=True, width="content")
        st.metric("Median", _percent(quiz.median), border=True, width="content")
        st.metric("Internal consistency (CIC)", _percent(quiz.cic), border=True, width="content")
    if quiz.why.get("cic"):
        st.caption(f"CIC: {quiz.why['cic']}.")


def roster_ui(report: views.Report) -> None:
    st.subheader("Roster")
    rows = [
        {
            "learner": row.learner,
            "status": row.status,
            "score": f"{row.score:g} / {row.total}",
            "%": round(row.percent),
            "time": _time(row.seconds),
            **{skill.title: f"{skill.right:g} / {skill.total}" for skill in row.skills},
        }
        for row in report.roster
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    scores = [{"percent": round(row.percent)} for row in report.roster if row.status == "finished"]
    if scores:
        st.vega_lite_chart(
            scores,
            {
                "title": "Scores of the finished attempts",
                "mark": {"type": "bar", "cornerRadiusEnd": 3},
                "encoding": {
                    "x": {"field": "percent", "bin": {"step": 10, "extent": [0, 100]}, "title": "% right"},
                    "y": {"aggregate": "count", "title": "attempts", "axis": {"tickMinStep": 1}},
                },
            },
        )


def grid_ui(report: views.Report) -> None:
    st.subheader("Who got what")
    grid = report.grid
    header = "| learner | " + " | ".join(str(number + 1) for number in range(len(grid.questions))) + " |"
    lines = [header, "|---" * (len(grid.questions) + 1) + "|"]
    for (_, learner), cells in zip(grid.learners, grid.cells):
        shown = [f":{cell.colour}[{cell.symbol}]" if cell else " " for cell in cells]
        lines.append(f"| {markup.literal(learner)} | " + " | ".join(shown) + " |")
    st.markdown("\n".join(lines))
    st.caption(LEGEND + " · columns are the questions in the order shown: " + ", ".join(grid.questions))


def learner_ui(
    report: views.Report,
    responses: Sequence[Response],
    bank: Bank,
    prefix: str,
    changed: frozenset[tuple[str, str]] = frozenset(),
) -> None:
    labels = {"": "Choose a learner…"} | {row.attempt: f"{row.learner} ({row.status})" for row in report.roster}
    chosen = st.selectbox(
        "Open a learner's answers", list(labels), format_func=labels.__getitem__, key=f"{prefix}-learner"
    )
    if not chosen:
        return
    for response in (response for response in responses if response.attempt == chosen):
        current = bank.questions.get(response.question)
        if current is None:
            st.warning(f"Question {response.question!r} is no longer in the bank.")
            continue
        since = (response.attempt, response.question) in changed
        with st.expander(markup.author(current.prompt) + (" · changed since" if since else "")):
            if since:
                mark = "right" if response.mark >= 1 else ("partly right" if response.mark > 0 else "wrong")
                st.warning(f"This question changed since this answer was given; it was marked {mark} then.")
                continue
            if response.answer is None or not engine.is_valid(current, response.answer):
                st.warning("Not answered, or answered to a version of the question that has changed since.")
                continue
            order = tuple(range(len(engine.options(current))))
            grade = engine.grade(current, response.answer)
            question.review_ui(bank, current, order, response.answer, grade, {}, show_prompt=False)


def statistics_ui(report: views.Report, bank: Bank) -> None:
    st.subheader("Item statistics (as Moodle computes them)")
    rows = [
        {
            "question": stats.question,
            "n": stats.n,
            "facility": _number(stats.facility),
            "SD": _number(stats.sd),
            "random guess": _number(stats.random_guess_score),
            "discrimination index": _number(stats.discrimination_index),
            "discriminative efficiency": _number(stats.discriminative_efficiency),
            "flags": len(stats.flags),
        }
        for stats in report.stats.questions
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    points = [
        {
            "question": stats.question,
            "facility": stats.facility,
            "discrimination": stats.discrimination_index,
            "flagged": "flagged" if stats.flags else "no flag",
        }
        for stats in report.stats.questions
        if stats.facility is not None and stats.discrimination_index is not None
    ]
    if points:
        st.vega_lite_chart(
            points,
            {
                "title": "Facility against discrimination",
                "mark": {"type": "point", "filled": True, "size": 90},
                "encoding": {
                    "x": {"field": "facility", "type": "quantitative", "scale": {"domain": [0, 100]}},
                    "y": {"field": "discrimination", "type": "quantitative", "scale": {"domain": [-100, 100]}},
                    "shape": {"field": "flagged", "type": "nominal", "title": None},
                    "color": {"field": "flagged", "type": "nominal", "title": None},
                    "tooltip": [{"field": "question"}, {"field": "facility"}, {"field": "discrimination"}],
                },
            },
        )
    for stats in report.stats.questions:
        for flag in stats.flags:
            st.warning(f"**{stats.question}**: {markup.literal(flag.reason)}", icon=":material/flag:")


def question_ui(
    report: views.Report, attempts: Sequence[AttemptInfo], responses: Sequence[Response], bank: Bank, prefix: str
) -> None:
    ids = [stats.question for stats in report.stats.questions if stats.question in bank.questions]
    chosen = st.selectbox(
        "Open a question", ["", *ids], format_func=lambda qid: qid or "Choose a question…", key=f"{prefix}-question"
    )
    if not chosen:
        return
    found = views.distribution(chosen, attempts, responses, bank)
    question.prompt_ui(bank.questions[chosen])
    if not found.choices:
        st.caption(f"{markup.count(found.answered, 'answer')}; an order question has no choices to count.")
        return
    rows = [
        {
            "choice": markup.plain(choice.label),
            "picked": choice.picked,
            "key": "right" if choice.correct else "wrong",
        }
        for choice in found.choices
    ]
    st.vega_lite_chart(
        rows,
        {
            "mark": {"type": "bar", "cornerRadiusEnd": 3},
            "height": {"step": 34},
            "encoding": {
                "y": {"field": "choice", "type": "nominal", "sort": None, "title": None, "axis": {"labelLimit": 260}},
                "x": {
                    "field": "picked",
                    "type": "quantitative",
                    "title": "learners who picked it",
                    "axis": {"tickMinStep": 1},
                },
                "color": {"field": "key", "type": "nominal", "title": None},
            },
        },
    )
    st.caption(
        " · ".join(
            f"{'✓' if choice.correct else '✗'} {markup.literal(markup.plain(choice.label))}: {choice.picked}"
            for choice in found.choices
        )
        + f" · not answered: {found.unanswered}"
    )


def misread_ui(report: views.Report, bank: Bank) -> None:
    st.subheader("Claims, most often got wrong first")
    if not report.claims:
        st.caption("No answered question turns on a claim of the ledger yet.")
    for misread in report.claims:
        share = "-" if misread.share_right is None else f"{100 * misread.share_right:.0f}% right"
        with st.expander(f"{markup.author(misread.title)} · {share} · {markup.count(misread.responses, 'answer')}"):
            st.caption("Questions: " + ", ".join(misread.questions))
            if misread.claim is not None:
                columns = st.columns(len(misread.claim.reports))
                for column, report_of_source in zip(columns, misread.claim.reports):
                    source = bank.sources.get(report_of_source.source)
                    column.markdown(f"**{markup.literal(source.title if source else report_of_source.source)}**")
                    column.markdown(markup.block_quote(markup.literal(report_of_source.quote)))
    st.subheader("Skills")
    rows = [
        {"skill": misread.title, "right": round(100 * (misread.share_right or 0)), "answers": misread.responses}
        for misread in report.skills
    ]
    if rows:
        st.vega_lite_chart(
            rows,
            {
                "mark": {"type": "bar", "cornerRadiusEnd": 3},
                "height": {"step": 34},
                "encoding": {
                    "y": {
                        "field": "skill",
                        "type": "nominal",
                        "sort": None,
                        "title": None,
                        "axis": {"labelLimit": 220},
                    },
                    "x": {"field": "right", "type": "quantitative", "scale": {"domain": [0, 100]}, "title": "% right"},
                },
            },
        )


def lateral_ui(report: views.Report) -> None:
    st.subheader("Reading the sources")
    lateral = report.lateral
    with st.container(horizontal=True, gap="large"):
        st.metric("Answers after opening a cited source", _share(lateral.share_after_opening), border=True)
        st.metric("Right, after opening", _share(lateral.accuracy_with), border=True)
        st.metric("Right, without", _share(lateral.accuracy_without), border=True)


def downloads_ui(
    report: views.Report, attempts: Sequence[AttemptInfo], responses: Sequence[Response], prefix: str
) -> None:
    with st.container(horizontal=True):
        st.download_button(
            "responses.csv",
            responses_csv.text(views.finished_responses(attempts, responses)),
            file_name="responses.csv",
            mime="text/csv",
            key=f"{prefix}-responses",
            icon=":material/download:",
        )
        st.download_button(
            "gradebook.csv",
            views.gradebook_csv(report.roster),
            file_name="gradebook.csv",
            mime="text/csv",
            key=f"{prefix}-gradebook",
            icon=":material/download:",
        )
    st.caption("`quiz stats responses.csv` prints the statistics above from the downloaded file.")


@st.cache_resource(ttl=60, show_spinner=False)
def _bank_flags(bank_id: str, version: int, _record: Engine, _bank: Bank) -> dict[str, tuple[views.AuthorFlag, ...]]:
    """Every assignment's flags for a bank, recomputed at most once a minute per bank version."""
    return views.author_flags(bank_statistics(_record, _bank))


def question_flags_ui(bank: Bank, question_id: str) -> None:
    """On the Author page, beside a question: the flags its assignments' statistics raise (none
    when nothing is recorded, or the record cannot be reached: the page works without it)."""
    record = recording.engine()
    if record is None:
        return
    try:
        flags = _bank_flags(bank.info.id, id(bank), record, bank)
    except SQLAlchemyError:
        st.caption("The record cannot be read now, so this question's statistics are not shown.")
        return
    author_flags_ui(flags.get(question_id, ()))


def author_flags_ui(flags: Sequence[views.AuthorFlag]) -> None:
    """Beside a question on the Author page: what the statistics of its assignments say."""
    for found in flags:
        st.warning(
            f"{markup.literal(found.flag.reason)} (n = {found.n}, assignment {markup.literal(found.assignment)})",
            icon=":material/flag:",
        )


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"
