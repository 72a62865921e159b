"""How sure the learner is: the picker drawn with each answer before checking, a word on whether
the confidence was well placed after it, on Results the certainty-based score and the
calibration view, and for the teacher the class's calibration. The numbers come from
:mod:`quiz.play.cbm` and :mod:`quiz.report.calibration`; the words are here.

Nothing drawn here before checking says anything of the answer key.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from quiz.bank.model import Bank
from quiz.play import cbm, engine
from quiz.report.calibration import ConfidentlyWrong, ResponseRecord, class_calibration
from quiz.ui import markup

#: Moodle's words for the three levels (qbehaviour_deferredcbm's certainty1..3, Moodle 2.x).
LABELS: dict[int, str] = {1: "Not very (less than 67%)", 2: "Fairly (more than 67%)", 3: "Very (more than 80%)"}
SURE: dict[int, str] = {1: "not very sure", 2: "fairly sure", 3: "very sure"}
JUDGEMENTS: dict[str, str] = {
    "ok": ":material/check_circle: Well placed",
    "over": ":material/warning: Over-confident",
    "slightly-over": ":material/warning: A bit over-confident",
    "under": ":material/info: Under-confident",
    "slightly-under": ":material/info: A bit under-confident",
}
MEANING = (
    "The CBM score is your average certainty-based mark per question, from −6 to 3: a right answer earns 1, 2 or 3 "
    "and a wrong one 0, −2 or −6, by how sure you said you were, so it rewards knowing what you know and costs "
    "most when you are sure and wrong."
)


# ---------------------------------------------------------------- words (pure)


def signed(mark: float) -> str:
    """``+3``, ``−6``, ``0``, ``+1.5``: a mark as a learner reads it."""
    if abs(mark) < cbm.MARK_TOLERANCE:
        return "0"
    return f"{mark:+.2f}".rstrip("0").rstrip(".").replace("-", "−")


def percent(share: float) -> str:
    return f"{round(100 * share)}%"


def placement(level: int, fraction: float) -> str:
    """One line after checking: was the confidence well placed for this answer?"""
    mark = signed(cbm.mark(fraction, level))
    sure = SURE[cbm.level_of(level)]
    right = fraction > cbm.MARK_TOLERANCE
    if cbm.level_of(level) == cbm.best_level(fraction):
        if right:
            return f"**Confidence well placed:** you were {sure}, and right ({mark})."
        return (
            f"**Confidence well placed:** you were {sure}, and it was wrong ({mark}); being sure would have cost you."
        )
    if right:
        surest = signed(cbm.mark(fraction, 3))
        return f"**You could have been surer:** you were {sure}, and right ({mark}); “Very” would earn {surest}."
    return f"**Confidence misplaced:** you were {sure}, and wrong ({mark}); “Not very” would have cost nothing."


def advice(calibration: cbm.Calibration) -> str:
    """The calibration in one plain line."""
    level = calibration.advice
    if level is None:
        return "Your confidence matched how often you were right: keep judging how sure you are."
    seen = (
        f"When you were {SURE[level.level]}, you were right {markup.count(level.right, 'time')} out of {level.answers}"
    )
    if level.judgement in ("over", "slightly-over"):
        if level.level == 3:
            return f"{seen}: slow down on those."
        return f"{seen}: look again at the sources before you commit."
    if level.level == 1:
        return f"{seen}: you know more than you think, so say so."
    return f"{seen}: you can say “Very” more often."


def best_range(level: cbm.LevelCalibration) -> str:
    return f"{percent(level.low)} to {percent(level.high)}"


def calibration_table(calibration: cbm.Calibration) -> str:
    """The calibration view as a Markdown table, the surest level first."""
    rows = [
        "| How sure | Answers | Right | Share right | Best for | How it went |",
        "|---|---|---|---|---|---|",
    ]
    for level in reversed(calibration.levels):
        share = "–" if level.accuracy is None else percent(level.accuracy)
        verdict = "No answers" if level.judgement is None else JUDGEMENTS[level.judgement]
        rows.append(
            f"| {LABELS[level.level]} | {level.answers} | {level.right} | {share} | {best_range(level)} | {verdict} |"
        )
    return "\n".join(rows)


# ---------------------------------------------------------------- widgets


def picker_ui(key: str) -> None:
    """The three levels, in Moodle's words, as one horizontal radio group; none chosen at first."""
    st.radio(
        "How sure are you?",
        cbm.LEVELS,
        format_func=LABELS.__getitem__,
        index=None,
        horizontal=True,
        key=f"{key}-confidence",
    )
    st.caption("Right: 1, 2 or 3 marks; wrong: 0, −2 or −6. If you choose none, it counts as “Not very”.")


def picked(key: str) -> int | None:
    """The level chosen under ``key``, if any (callbacks read it from here)."""
    level = st.session_state.get(f"{key}-confidence")
    return level if level in cbm.LEVELS else None


def placed_ui(level: int | None, grade: engine.Grade) -> None:
    """After checking: how sure the learner was of this answer, and whether that was well placed."""
    if level is None:
        return
    st.markdown(placement(level, 1.0 if grade.correct else 0.0))


def score_value(attempt: engine.Attempt) -> str:
    """The attempt's CBM score as shown beside the plain one: Moodle's average CBM mark, two decimals."""
    return f"{cbm.summary(cbm.of_attempt(attempt)).average_mark:.2f}".replace("-", "−")


def score_meaning_ui() -> None:
    st.caption(MEANING)


def calibration_ui(attempt: engine.Attempt) -> None:
    """Results: per level, how many answers and how many right, against the range that level is for."""
    calibration = cbm.calibrate(cbm.of_attempt(attempt))
    st.subheader("How sure you were", anchor=False)
    st.markdown(f"**{advice(calibration)}**")
    st.markdown(calibration_table(calibration))
    st.caption("“Best for”: the share right at which that level earns the most marks on average (Moodle's ranges).")


# ---------------------------------------------------------------- for the teacher


def class_advice(calibration: cbm.Calibration) -> str:
    """The class's calibration in one plain line, for its teacher."""
    level = calibration.advice
    if level is None:
        return "The class's confidence matched how often it was right, at every level it used."
    verdict = JUDGEMENTS[level.judgement or "ok"].split(" ", 1)[1].lower()
    return (
        f"When {SURE[level.level]}, the class was right {markup.count(level.right, 'time')} out of {level.answers}: "
        f"{verdict}."
    )


def misconception_line(question: ConfidentlyWrong, prompt: str) -> str:
    """``- **prompt**: wrong 3 times while very sure (2 learners), 1 while fairly sure, of 5 answers``."""
    parts = [f"wrong {markup.count(question.wrong_very_sure, 'time')} while very sure"]
    parts[0] += f" ({markup.count(question.learners_very_sure_wrong, 'learner')})"
    if question.wrong_fairly_sure:
        parts.append(f"{question.wrong_fairly_sure} while fairly sure")
    return f"- **{markup.author(prompt)}**: {', '.join(parts)}, of {markup.count(question.answers, 'answer')}"


def class_calibration_ui(responses: Iterable[ResponseRecord], bank: Bank, limit: int = 10) -> None:
    """The teacher's view: the class's calibration per level, and the questions most often answered
    wrong while very sure (the misconceptions that last longest), first. Nothing without confidence."""
    result = class_calibration(responses)
    if not result.responses:
        return
    st.subheader("How sure the class was", anchor=False)
    st.caption(
        f"{markup.count(result.responses, 'answer')} given with a confidence, by "
        f"{markup.count(result.learners, 'learner')} in {markup.count(result.attempts, 'attempt')}."
    )
    st.markdown(f"**{class_advice(result.calibration)}**")
    st.markdown(calibration_table(result.calibration))
    st.markdown("##### Wrong while very sure, most often first")
    if not result.misconceptions:
        st.markdown("No question was answered wrong while very sure.")
        return
    lines = []
    for question in result.misconceptions[:limit]:
        known = bank.questions.get(question.question)
        lines.append(misconception_line(question, known.prompt if known else question.question))
    st.markdown("\n".join(lines))
