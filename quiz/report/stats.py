"""Moodle's quiz and item statistics, computed the way Moodle computes them, over plain arrays.

Sources (Moodle 4.x): ``mod/quiz/report/statistics/classes/calculator.php`` (the quiz: mean, median,
SD, skewness, kurtosis, CIC, error ratio, standard error), ``question/classes/statistics/questions/
calculator.php`` (each question: facility, SD, discrimination index, discriminative efficiency),
``mod/quiz/report/statistics/statistics_table.php`` (discriminative efficiency under 15 is "dubious")
and ``question/bank/statistics/classes/helper.php`` (discrimination index under 30 "very likely" and
under 50 "likely" needs revision). ``docs/statistics.md`` has every formula and a worked example.

Input: ``marks``, attempts x questions, each a fraction 0..1 of the question's maximum (every
question here is worth 1), and ``present``, whether the attempt held that question. No I/O; a figure
that cannot be computed is ``None`` and ``why`` says why (never NaN).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

# Below this a variance or covariance is taken as zero: float sums of equal marks are not exact.
ZERO = 1e-12

DUBIOUS_EFFICIENCY = 15.0  # statistics_table.php: is_dubious_question
VERY_LIKELY_BELOW = 30.0  # qbank_statistics helper: NEED_FOR_REVISION_LOWER_THRESHOLD
LIKELY_BELOW = 50.0  # qbank_statistics helper: NEED_FOR_REVISION_UPPER_THRESHOLD
TOO_EASY_ABOVE = 95.0
TOO_HARD_BELOW = 5.0

Marks = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Flag:
    """Something an author should look at: a stable ``code`` and the reason in words."""

    code: str
    reason: str


@dataclass(frozen=True)
class QuizStats:
    """The attempts' totals; mean, median, SD and standard error as a percent of the maximum total."""

    attempts: int
    mean: float | None
    median: float | None
    sd: float | None
    skewness: float | None
    kurtosis: float | None
    cic: float | None
    error_ratio: float | None
    standard_error: float | None
    why: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QuestionStats:
    """One question; facility and SD as a percent of its maximum, DI and DE on Moodle's 0-100 scale."""

    question: str
    n: int
    facility: float | None
    sd: float | None
    random_guess_score: float | None
    discrimination_index: float | None
    discriminative_efficiency: float | None
    flags: tuple[Flag, ...] = ()
    why: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Stats:
    quiz: QuizStats
    questions: tuple[QuestionStats, ...]


def compute(
    question_ids: Sequence[str],
    marks: Marks,
    present: Mask | None = None,
    random_guess: Mapping[str, float | None] | None = None,
) -> Stats:
    """Moodle's statistics of a quiz whose attempts are the rows of ``marks`` (fractions 0..1)."""
    marks = np.asarray(marks, dtype=np.float64)
    if marks.ndim != 2 or marks.shape[1] != len(question_ids):
        raise ValueError(f"marks must be attempts x {len(question_ids)} questions, got shape {marks.shape}")
    held = np.ones(marks.shape, dtype=bool) if present is None else np.asarray(present, dtype=bool)
    marks = np.where(held, marks, 0.0)
    totals = marks.sum(axis=1)
    questions = _questions(question_ids, marks, held, totals, random_guess or {})
    variances = [_sample_variance(marks[held[:, j], j]) for j in range(len(question_ids))]
    return Stats(_quiz(totals, held, variances), questions)


# ---------------------------------------------------------------- the quiz (mod/quiz/report/statistics)


def _quiz(totals: Marks, held: Mask, question_variances: Sequence[float | None]) -> QuizStats:
    s = len(totals)
    why: dict[str, str] = {}
    figures: dict[str, float | None] = dict.fromkeys(
        ("mean", "median", "sd", "skewness", "kurtosis", "cic", "error_ratio", "standard_error")
    )
    if s == 0:
        why.update(dict.fromkeys(figures, "no attempts"))
        return _quiz_stats(0, figures, why)
    counts = held.sum(axis=1)
    same_size = bool((counts == counts[0]).all()) and counts[0] > 0
    scale = 100.0 / counts[0] if same_size else None
    same_questions = bool((held == held[0]).all())
    if scale is None:
        for name in ("mean", "median", "sd", "standard_error"):
            why[name] = "the attempts had different numbers of questions, so their totals have no common maximum"
    mean = float(totals.mean())
    ordered = np.sort(totals)
    # calculator.php median(): the middle total, or the mean of the two middle ones.
    median = float(ordered[s // 2]) if s % 2 else float((ordered[s // 2 - 1] + ordered[s // 2]) / 2)
    if scale is not None:
        figures["mean"], figures["median"] = mean * scale, median * scale
    if s < 2:
        for name in ("sd", "skewness", "kurtosis", "cic", "error_ratio", "standard_error"):
            why.setdefault(name, "needs at least 2 attempts")
        return _quiz_stats(s, figures, why)
    deviations = totals - mean
    power2, power3, power4 = (float((deviations**k).sum()) for k in (2, 3, 4))
    sd = float(np.sqrt(power2 / (s - 1)))
    if scale is not None:
        figures["sd"] = sd * scale
    if s < 3:
        for name in ("skewness", "kurtosis", "cic", "error_ratio", "standard_error"):
            why.setdefault(name, "needs at least 3 attempts")
        return _quiz_stats(s, figures, why)
    # calculator.php calculate(): sample cumulants k2, k3, k4 from the central moments m2, m3, m4.
    m2, m3, m4 = power2 / s, power3 / s, power4 / s
    k2 = s * m2 / (s - 1)
    k3 = s * s * m3 / ((s - 1) * (s - 2))
    if k2 <= ZERO:
        for name in ("skewness", "kurtosis", "cic", "error_ratio", "standard_error"):
            why.setdefault(name, "every attempt has the same total")
        return _quiz_stats(s, figures, why)
    figures["skewness"] = k3 / k2**1.5
    if s > 3:
        k4 = s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) / ((s - 1) * (s - 2) * (s - 3))
        figures["kurtosis"] = k4 / (k2 * k2)
    else:
        why["kurtosis"] = "needs at least 4 attempts"
    p = held.shape[1]
    if not same_questions:
        for name in ("cic", "error_ratio", "standard_error"):
            why.setdefault(name, "the attempts did not all have the same questions")
    elif p < 2:
        for name in ("cic", "error_ratio", "standard_error"):
            why.setdefault(name, "needs at least 2 questions")
    else:
        sum_of_mark_variance = sum(variance or 0.0 for variance in question_variances)
        cic = (100 * p / (p - 1)) * (1 - sum_of_mark_variance / k2)
        # CIC cannot exceed 100 (the total's variance is at most p times the item variances' sum);
        # rounding can put it a hair above, where the square root would fail.
        error_ratio = 100 * float(np.sqrt(max(0.0, 1 - cic / 100)))
        figures["cic"], figures["error_ratio"] = cic, error_ratio
        if figures["sd"] is not None:
            figures["standard_error"] = error_ratio * figures["sd"] / 100
    return _quiz_stats(s, figures, why)


def _quiz_stats(s: int, figures: Mapping[str, float | None], why: Mapping[str, str]) -> QuizStats:
    return QuizStats(
        attempts=s,
        mean=figures["mean"],
        median=figures["median"],
        sd=figures["sd"],
        skewness=figures["skewness"],
        kurtosis=figures["kurtosis"],
        cic=figures["cic"],
        error_ratio=figures["error_ratio"],
        standard_error=figures["standard_error"],
        why=dict(why),
    )


def _sample_variance(values: Marks) -> float | None:
    return float(((values - values.mean()) ** 2).sum() / (len(values) - 1)) if len(values) > 1 else None


# ---------------------------------------------------------------- the questions (question/classes/statistics)


def _questions(
    question_ids: Sequence[str], marks: Marks, held: Mask, totals: Marks, random_guess: Mapping[str, float | None]
) -> tuple[QuestionStats, ...]:
    """Every question at once: calculator.php's four walks, as column operations."""
    s = held.sum(axis=0)
    rest = np.where(held, totals[:, None] - marks, 0.0)  # "other marks": the attempt's total minus this mark
    safe_s = np.maximum(s, 1)
    mark_mean = marks.sum(axis=0) / safe_s
    rest_mean = rest.sum(axis=0) / safe_s
    mark_dev = np.where(held, marks - mark_mean, 0.0)
    rest_dev = np.where(held, rest - rest_mean, 0.0)
    denominator = np.maximum(s - 1, 1)
    mark_variance = (mark_dev**2).sum(axis=0) / denominator
    rest_variance = (rest_dev**2).sum(axis=0) / denominator
    covariance = (mark_dev * rest_dev).sum(axis=0) / denominator
    # The largest covariance the two columns allow: each sorted on its own, then paired.
    rows = np.arange(marks.shape[0])[:, None]
    valid = rows < s
    sorted_marks = np.where(valid, np.sort(np.where(held, marks, np.inf), axis=0), mark_mean)
    sorted_rest = np.where(valid, np.sort(np.where(held, rest, np.inf), axis=0), rest_mean)
    paired = (sorted_marks - mark_mean) * (sorted_rest - rest_mean)
    covariance_max = paired.sum(axis=0) / denominator
    result = []
    for j, question_id in enumerate(question_ids):
        n = int(s[j])
        why: dict[str, str] = {}
        facility = 100 * float(mark_mean[j]) if n else None
        if not n:
            why["facility"] = "no attempt had this question"
        sd = di = de = None
        if n < 2:
            for name in ("sd", "discrimination_index", "discriminative_efficiency"):
                why[name] = "needs at least 2 attempts"
        else:
            sd = 100 * float(np.sqrt(mark_variance[j]))
            if mark_variance[j] <= ZERO:
                why["discrimination_index"] = why["discriminative_efficiency"] = "everyone got the same mark"
            elif rest_variance[j] <= ZERO:
                why["discrimination_index"] = "every attempt has the same mark on the other questions"
            else:
                di = 100 * float(covariance[j] / np.sqrt(mark_variance[j] * rest_variance[j]))
            if "discriminative_efficiency" not in why:
                if covariance_max[j] <= ZERO:
                    why["discriminative_efficiency"] = "the marks on this and the other questions cannot covary"
                else:
                    de = 100 * float(covariance[j] / covariance_max[j])
        guess = random_guess.get(question_id)
        if guess is None:
            why["random_guess_score"] = "no random guess score for this kind of question, or its kind is unknown"
        stats = QuestionStats(
            question=question_id,
            n=n,
            facility=facility,
            sd=sd,
            random_guess_score=None if guess is None else 100 * guess,
            discrimination_index=di,
            discriminative_efficiency=de,
            why=why,
        )
        result.append(_with_flags(stats))
    return tuple(result)


def _with_flags(stats: QuestionStats) -> QuestionStats:
    return replace(stats, flags=question_flags(stats))


def question_flags(stats: QuestionStats) -> tuple[Flag, ...]:
    """The marks-only flags, in words an author understands, with the figure behind each."""
    flags = []
    # Compared as rounded to 9 decimals: a float sum can put a figure that is 50 a hair under 50.
    di, de, facility = (
        None if value is None else round(value, 9)
        for value in (stats.discrimination_index, stats.discriminative_efficiency, stats.facility)
    )
    if di is not None and di < 0:
        flags.append(
            Flag(
                "negative-discrimination",
                f"discrimination index {_figure(di, 0)}: learners who did well overall got this wrong more often: "
                "check the key",
            )
        )
    elif di is not None and di < VERY_LIKELY_BELOW:
        flags.append(
            Flag(
                "discrimination-very-low",
                f"discrimination index {_figure(di, VERY_LIKELY_BELOW)} (under {VERY_LIKELY_BELOW:.0f}): very likely "
                "needs checking; it tells apart learners who did well and those who did not hardly at all",
            )
        )
    elif di is not None and di < LIKELY_BELOW:
        flags.append(
            Flag(
                "discrimination-low",
                f"discrimination index {_figure(di, LIKELY_BELOW)} (under {LIKELY_BELOW:.0f}): likely needs checking",
            )
        )
    if de is not None and de < DUBIOUS_EFFICIENCY:
        flags.append(
            Flag(
                "dubious",
                f"discriminative efficiency {_figure(de, DUBIOUS_EFFICIENCY)} (under {DUBIOUS_EFFICIENCY:.0f}): "
                "dubious; it does little of the sorting it could do",
            )
        )
    if facility is not None and facility > TOO_EASY_ABOVE:
        flags.append(
            Flag(
                "too-easy",
                f"facility {_figure(facility, TOO_EASY_ABOVE)}: almost everyone got it right, so it tells learners "
                "apart little",
            )
        )
    if facility is not None and facility < TOO_HARD_BELOW:
        flags.append(
            Flag(
                "too-hard",
                f"facility {_figure(facility, TOO_HARD_BELOW)}: almost no one got it right: check the key and wording",
            )
        )
    return tuple(flags)


def _figure(value: float, bound: float) -> str:
    """One decimal, or as many as it takes not to read as the threshold itself (49.99 is not "50.0")."""
    for decimals in range(1, 7):
        text = f"{value:.{decimals}f}"
        if float(text) != bound:
            return text
    return repr(value)


# ---------------------------------------------------------------- choices (needs the answers, not just marks)


def choice_flags(
    picks: Sequence[frozenset[int] | None],
    totals: Sequence[float],
    wrong: Sequence[int],
    labels: Mapping[int, str],
    every_choice_known: bool,
) -> tuple[Flag, ...]:
    """Flags on a question's wrong choices, from the options each attempt picked (``None``: unanswered).

    A wrong choice nobody picked "does no work" (only said when ``every_choice_known``, i.e. the
    question's choices come from the bank, not from the answers seen). A wrong choice picked more
    often by the top third of the attempts (by total) than by the bottom third "may be defensible".
    Thirds: attempts sorted by total, ties in the order given; each third is ``len // 3`` attempts."""
    flags = []
    if every_choice_known and picks:
        for option in wrong:
            if not any(pick is not None and option in pick for pick in picks):
                flags.append(
                    Flag("choice-does-no-work", f"wrong choice {labels[option]!r}: nobody picked it; it does no work")
                )
    third = len(picks) // 3
    if third:
        order = sorted(range(len(picks)), key=lambda index: totals[index])
        bottom, top = order[:third], order[-third:]
        for option in wrong:
            top_count = sum(1 for index in top if (pick := picks[index]) is not None and option in pick)
            bottom_count = sum(1 for index in bottom if (pick := picks[index]) is not None and option in pick)
            if top_count > bottom_count:
                flags.append(
                    Flag(
                        "choice-may-be-defensible",
                        f"wrong choice {labels[option]!r}: picked by {top_count} of the top third and {bottom_count} "
                        "of the bottom third; it may be defensible: read it again",
                    )
                )
    return tuple(flags)
