"""Certainty-based marking (CBM), as Moodle computes it: marks by confidence, the CBM summary
of an attempt, and calibration (how often each level of confidence was right).

Pure: plain numbers in, frozen values out; no words for the learner (the UI has them).

Source: Moodle's ``question_cbm`` class (``question/engine/lib.php``; since Moodle 4.x also
``question/classes/local/behaviour/question_cbm.php``) and the deferred-CBM behaviour's summary
(``question/behaviour/deferredcbm/behaviourtype.php``, ``summarise_usage`` and ``calculate_bonus``),
with its unit test ``question/behaviour/deferredcbm/tests/question_cbm_test.php``:

- Levels 1, 2, 3 (``LOW``, ``MED``, ``HIGH``); none chosen counts as 1 (``default_certainty``).
- ``adjust_fraction``: a fraction at or below the tolerance (0, nothing right) gets the wrong mark,
  0 / -2 / -6; any other fraction gets the right mark times the fraction, 1 / 2 / 3 x fraction.
  So a partly right answer is never negative: half right at level 3 is 1.5.
- The summary of an attempt: *accuracy* is the sum of raw fractions over the number of questions,
  the *average CBM mark* is the sum of CBM marks over the same number (unanswered questions weigh
  in both with nothing scored), and the *CBM bonus* is 0.1 x (average CBM mark - the best average
  the same accuracy could earn at one level for every answer); Moodle reports accuracy + bonus.
- Calibration (the "break-down by certainty"): per level, the responses and their accuracy against
  the level's optimal range, [0, 2/3] for 1, [2/3, 0.8] for 2 and [0.8, 1] for 3 (the range in which
  that level earns the most on average); below the range is over-confident, above it under-confident,
  "a bit" when (accuracy - limit)^2 x responses is at most 0.5 (Moodle's rough significance test).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

if TYPE_CHECKING:
    from quiz.play.engine import Attempt

Level = Literal[1, 2, 3]
LEVELS: tuple[Level, ...] = (1, 2, 3)
DEFAULT_LEVEL: Level = 1  # Moodle's default_certainty: no level chosen counts as the lowest

RIGHT_MARKS: dict[int, float] = {1: 1.0, 2: 2.0, 3: 3.0}
WRONG_MARKS: dict[int, float] = {1: 0.0, 2: -2.0, 3: -6.0}
#: The accuracy in which each level earns the most: Moodle's $lowlimit and $highlimit.
OPTIMAL_RANGES: dict[int, tuple[float, float]] = {1: (0.0, 2 / 3), 2: (2 / 3, 0.8), 3: (0.8, 1.0)}
MARK_TOLERANCE = 5e-8  # Moodle's question_utils::MARK_TOLERANCE: at or below it, nothing is right
_LIMIT_TOLERANCE = 5e-7  # Moodle's margin when comparing an accuracy with a range's limits

Judgement = Literal["ok", "over", "slightly-over", "under", "slightly-under"]


def level_of(chosen: int | None) -> Level:
    """The level a choice counts as: 1, 2 or 3; none chosen counts as 1."""
    if chosen is None:
        return DEFAULT_LEVEL
    if chosen not in LEVELS:
        raise ValueError(f"confidence must be one of {LEVELS}, not {chosen!r}")
    return cast(Level, chosen)


def mark(fraction: float, level: int) -> float:
    """The CBM mark of an answer whose raw mark is ``fraction`` (0..1), given at ``level``."""
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"a fraction is between 0 and 1, not {fraction!r}")
    chosen = level_of(level)
    if fraction <= MARK_TOLERANCE:
        return WRONG_MARKS[chosen]
    return RIGHT_MARKS[chosen] * fraction


def best_level(fraction: float) -> Level:
    """The level that would have earned the most for this answer: 3 when anything is right, else 1."""
    return max(LEVELS, key=lambda level: (mark(fraction, level), -level))


@dataclass(frozen=True)
class Response:
    """One question of an attempt for CBM: its raw mark (None: not answered) and the level it counts at."""

    fraction: float | None
    level: Level


def of_attempt(attempt: Attempt) -> tuple[Response, ...]:
    """The attempt's questions as CBM responses (all or nothing: the engine marks an answer right or
    wrong, so a fraction is 1 or 0). An attempt that did not ask for confidence has none."""
    if attempt.confidence is None:
        return ()
    return tuple(
        Response(None if grade is None else (1.0 if grade.correct else 0.0), level_of(level))
        for grade, level in zip(attempt.grades, attempt.confidence)
    )


@dataclass(frozen=True)
class Summary:
    """Moodle's CBM summary of an attempt (or of any set of responses)."""

    questions: int
    answered: int
    accuracy: float  # mean raw fraction, 0..1
    average_mark: float  # mean CBM mark, -6..3
    total_mark: float  # sum of CBM marks
    bonus: float  # Moodle's CBM bonus

    @property
    def accuracy_and_bonus(self) -> float:
        return self.accuracy + self.bonus


def bonus(average_mark: float, accuracy: float) -> float:
    """Moodle's ``calculate_bonus``: 0.1 x (the average CBM mark - what that accuracy earns at the
    best single level); 0.1 was fitted by Gardner-Medwin to make accuracy + bonus most reliable."""
    expected = max(accuracy * mark(1.0, level) + (1 - accuracy) * mark(0.0, level) for level in LEVELS)
    return 0.1 * (average_mark - expected)


def summary(responses: Sequence[Response]) -> Summary:
    """Accuracy, average and total CBM mark, and bonus, over every question (answered or not)."""
    if not responses:
        raise ValueError("a CBM summary needs at least one question")
    answered = [response for response in responses if response.fraction is not None]
    raw = sum(response.fraction or 0.0 for response in answered)
    total = sum(mark(response.fraction or 0.0, response.level) for response in answered)
    accuracy, average = raw / len(responses), total / len(responses)
    return Summary(len(responses), len(answered), accuracy, average, total, bonus(average, accuracy))


@dataclass(frozen=True)
class LevelCalibration:
    """How the answers given at one level fared, against the range that level is best for."""

    level: Level
    answers: int
    right: int  # answers wholly right
    accuracy: float | None  # mean raw fraction; None without answers
    low: float
    high: float
    judgement: Judgement | None  # None without answers

    @property
    def well_placed(self) -> bool:
        return self.judgement == "ok"


@dataclass(frozen=True)
class Calibration:
    levels: tuple[LevelCalibration, ...]  # 1, 2, 3
    advice: LevelCalibration | None  # the level most worth a word to the learner; None when all are fine

    @property
    def answers(self) -> int:
        return sum(level.answers for level in self.levels)


def judge(accuracy: float, answers: int, level: int) -> Judgement:
    """Moodle's judgement of one level: within its range, or (a bit) over- or under-confident."""
    low, high = OPTIMAL_RANGES[level_of(level)]
    if accuracy < low - _LIMIT_TOLERANCE:
        return "over" if (accuracy - low) ** 2 * answers > 0.5 else "slightly-over"
    if accuracy > high + _LIMIT_TOLERANCE:
        return "under" if (accuracy - high) ** 2 * answers > 0.5 else "slightly-under"
    return "ok"


def calibrate(responses: Iterable[Response]) -> Calibration:
    """Per level, the answers, how many were right and the accuracy against the level's range.

    Unanswered questions have no confidence to judge and are left out. The advice is the level to
    talk about first: over-confidence before under-confidence (sure and wrong is what lasts), the
    higher level first when over-confident, the lower first when under-confident."""
    by_level: dict[int, list[float]] = {level: [] for level in LEVELS}
    for response in responses:
        if response.fraction is not None:
            by_level[level_of(response.level)].append(response.fraction)
    levels = []
    for level in LEVELS:
        fractions = by_level[level]
        low, high = OPTIMAL_RANGES[level]
        accuracy = sum(fractions) / len(fractions) if fractions else None
        right = sum(1 for fraction in fractions if fraction >= 1.0 - MARK_TOLERANCE)
        verdict = None if accuracy is None else judge(accuracy, len(fractions), level)
        levels.append(LevelCalibration(level, len(fractions), right, accuracy, low, high, verdict))
    over = [level for level in reversed(levels) if level.judgement in ("over", "slightly-over")]
    under = [level for level in levels if level.judgement in ("under", "slightly-under")]
    advice = (over + under)[0] if over or under else None
    return Calibration(tuple(levels), advice)
