"""How sure the learner is: the picker drawn with each answer before checking, a word on whether
the confidence was well placed after it, and on Results the certainty-based score and the
calibration view. The numbers come from :mod:`quiz.play.cbm`; the words for the learner are here.

Nothing drawn here before checking says anything of the answer key.
"""

from __future__ import annotations

import streamlit as st

from quiz.play import cbm, engine
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


def score_meaning_ui() -> None:
    st.caption(MEANING)


def calibration_ui(attempt: engine.Attempt) -> None:
    """Results: per level, how many answers and how many right, against the range that level is for."""
    calibration = cbm.calibrate(cbm.of_attempt(attempt))
    st.subheader("How sure you were", anchor=False)
    st.markdown(f"**{advice(calibration)}**")
    st.markdown(calibration_table(calibration))
    st.caption("“Best for”: the share right at which that level earns the most marks on average (Moodle's ranges).")
