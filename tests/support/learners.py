"""The scripted learners the load tests and the load benchmarks share: each takes its own quiz with
its own seed and answers by script (about two answers in three right), and must end on Results
with exactly its own score and answers.

`plans` builds them; `browser_learners` drives them in Chromium, `protocol_learners` over
Streamlit's WebSocket protocol; `load_checks` asserts what every one of them must have seen.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from quiz.bank.model import Bank, MultipleQuestion, OrderQuestion, Question
from quiz.play import engine, urltoken
from quiz.play.engine import Answer, CustomQuiz
from tests.support.server import REPO_ROOT

MINI = REPO_ROOT / "tests" / "fixtures" / "banks" / "mini"
APP = REPO_ROOT / "app.py"


@dataclass(frozen=True)
class Plan:
    """One learner: a quiz built to order, a seed, and the answer to give to each question."""

    quiz: CustomQuiz
    seed: int
    answers: tuple[Answer, ...]

    def start(self, bank: Bank) -> engine.Attempt:
        return engine.start(bank, self.quiz, self.seed)

    def expected(self, bank: Bank) -> engine.Attempt:
        """The attempt as it should end: every scripted answer given, finished."""
        attempt = self.start(bank)
        for answer in self.answers:
            attempt = engine.advance(engine.submit(attempt, bank, answer))
        return attempt


@dataclass
class Outcome:
    """What one learner's browser saw."""

    plan: Plan
    feedback_seconds: list[float] = field(default_factory=list)  # click on "Check answer" -> feedback visible
    verdicts: list[bool] = field(default_factory=list)  # practice: whether each feedback said "right"
    foreign_keys: list[str] = field(default_factory=list)  # quiz widgets of another seed, if ever seen
    results_url: str = ""
    shown_score: str = ""  # as the Results page shows it: "R / T"
    shown_marks: list[bool] = field(default_factory=list)  # Results: right or not, per question
    console_errors: list[str] = field(default_factory=list)  # "TEXT (URL)", and uncaught exceptions

    def final_attempt(self, bank: Bank) -> engine.Attempt | urltoken.BadToken:
        raw = parse_qs(urlsplit(self.results_url).query).get("t", [""])[0]
        return urltoken.decode(raw, {bank.info.id: bank})


def _wrong(question: Question, order: Answer) -> Answer:
    """A wrong answer that is cheap to give: the shown order, a wrong pick, or part of the key."""
    key = engine.right_answer(question)
    if isinstance(question, OrderQuestion):
        return order  # never shown already solved
    wrong = [index for index in range(len(engine.options(question))) if index not in key]
    if isinstance(question, MultipleQuestion) and not wrong:
        return key[:1]
    return (wrong[0],)


def plans(bank: Bank, sessions: int) -> list[Plan]:
    """``sessions`` learners, each with a different quiz and seed; about two answers in three right."""
    skills = [skill.id for skill in bank.skills.values() if engine.pool(bank, (skill.id,))]
    choices = [()] + [(skill,) for skill in skills] + list(itertools.combinations(skills, 2))
    levels = [(), ("easy",), ("medium",), ("hard",), ("easy", "hard"), ("medium", "hard")]
    found: list[Plan] = []
    for chosen, level in itertools.product(choices, levels):  # each pair once: every quiz differs
        if len(found) == sessions:
            break
        if len(engine.pool(bank, chosen, level)) < 2:
            continue
        number = len(found)
        mode: engine.Mode = "exam" if number % 4 == 3 else "practice"
        quiz = CustomQuiz(2 + number % 3, tuple(chosen), tuple(level), mode)
        seed = 1_000 + 7 * number
        attempt = engine.start(bank, quiz, seed)
        answers = []
        for position, question_id in enumerate(attempt.question_ids):
            question = bank.questions[question_id]
            right = (number + position) % 3 != 2
            answers.append(engine.right_answer(question) if right else _wrong(question, attempt.orders[position]))
        found.append(Plan(quiz, seed, tuple(answers)))
    if len(found) < sessions:
        raise ValueError(f"the bank offers only {len(found)} different quizzes of 2 or more questions")
    return found


def score_text(plan: Plan, bank: Bank) -> str:
    """The score Results should show for the plan's answers: "R / T"."""
    score = engine.score(plan.expected(bank), bank)
    return f"{score.right} / {score.total}"


def marked_right(summary: str) -> bool:
    """Whether a Results expander's title marks its question right: the Material icon's name (which
    is its text), or the words that replace it for screen readers ("✓ Right")."""
    return "check_circle" in summary or "✓ Right" in summary
