"""Generate a large, valid bank for benchmarks: N questions over M sources, quotes real."""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = (
    "council petition bridge film report statement review source claim number date quote reader "
    "evidence witness spokesperson signature estimate figure audience critic festival award"
).split()
TYPES = ("single", "multiple", "true-false", "order", "claim-check")
SKILLS = (
    "conflicting-reports",
    "claim-verification",
    "source-evaluation",
    "attribution",
    "emotional-language",
    "fact-vs-opinion",
    "context-and-timing",
    "numbers",
)


def _sentence(rng: random.Random, number: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return f"Sentence {number}: " + " ".join(words).capitalize() + f" ({rng.randint(1, 999_999):,})."


def generate(folder: Path, questions: int = 10_000, sources: int = 200, files: int = 10, seed: int = 7) -> Path:
    """Write the bank into ``folder`` (created); returns the folder."""
    rng = random.Random(seed)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    sentences: dict[str, list[str]] = {}
    lines = ["bank:", "  id: generated", "  title: Generated benchmark bank", "sources:"]
    for number in range(sources):
        source_id = f"source-{number}"
        sentences[source_id] = [_sentence(rng, n) for n in range(60)]
        paragraphs = [" ".join(sentences[source_id][n : n + 4]) for n in range(0, 60, 4)]
        (folder / "sources" / f"{source_id}.md").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        lines += [
            f"  - id: {source_id}",
            f"    title: Source number {number}",
            f"    file: sources/{source_id}.md",
            f"    published: 2020-09-{1 + number % 28:02d}",
            "    kind: article",
        ]
    (folder / "bank.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    per_file = -(-questions // files)
    for part in range(files):
        lines = ["# yaml-language-server: $schema=../bank.schema.json", "questions:"]
        for number in range(part * per_file, min(questions, (part + 1) * per_file)):
            lines += _question(rng, number, sentences)
        (folder / f"questions-{part:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "quizzes.yaml").write_text(
        "quizzes:\n  - id: everything\n    title: Everything\n    pick: 20\n", encoding="utf-8"
    )
    return folder


def _question(rng: random.Random, number: int, sentences: dict[str, list[str]]) -> list[str]:
    kind = TYPES[number % len(TYPES)]
    source_id = rng.choice(list(sentences))
    quote = rng.choice(sentences[source_id])
    lines = [
        f"  - id: q-{number}",
        f"    type: {kind}",
        f"    prompt: Question {number} about the **{rng.choice(WORDS)}**?",
        f"    explanation: Because the source says so. Habit number {number}.",
        "    cite:",
        f"      - source: {source_id}",
        f'        quote: "{quote}"',
        f"    skills: [{rng.choice(SKILLS)}, {rng.choice(SKILLS)}]"
        if number % 7
        else f"    skills: [{rng.choice(SKILLS)}]",
        f"    difficulty: {('easy', 'medium', 'hard')[number % 3]}",
    ]
    if kind in ("single", "multiple"):
        lines.append("    choices:")
        for choice in range(4):
            lines += [
                f"      - text: Choice {choice} of question {number}",
                f"        correct: {'true' if choice == 0 or (kind == 'multiple' and choice == 2) else 'false'}",
                f"        feedback: Feedback for choice {choice}.",
            ]
    elif kind == "true-false":
        lines.append(f"    answer: {'true' if number % 2 else 'false'}")
    elif kind == "order":
        lines.append("    items: [First step, Second step, Third step, Fourth step]")
    else:
        lines += [f"    claim: The {rng.choice(WORDS)} was counted twice.", "    verdict: not-in-sources"]
    return lines


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/generated-bank")
    generate(target)
    print(target)
