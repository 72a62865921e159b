"""What a question's general feedback carries on another platform: its explanation, then the
evidence, each cited quote with its source's title, outlet and URL.

Every exported format writes Markdown (GIFT's ``[markdown]``, Moodle XML's ``format="markdown"``,
text2qti's own Markdown), so the text is made once here. Author text is kept as written except
what could run or load (``markup.author``: ``<`` cannot open HTML, only http(s) links); quotes and
source details are evidence and arrive literally (``markup.literal``), as on the app's pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.bank.model import Bank, ClaimCheckQuestion, Question
from quiz.ui import markup


@dataclass(frozen=True)
class Evidence:
    """One cited quote and where it comes from."""

    quote: str
    title: str
    outlet: str
    url: str | None


def evidence(bank: Bank, question: Question) -> tuple[Evidence, ...]:
    found = []
    for cite in question.cite:
        source = bank.sources[cite.source]
        found.append(Evidence(cite.quote, source.title, source.outlet, source.url))
    return tuple(found)


def text(value: str) -> str:
    """Author Markdown as it may go out: safe, otherwise unchanged."""
    return markup.author(value)


def stem(question: Question) -> str:
    """The question's text: its prompt, and for a claim-check the claim, quoted as the app shows it."""
    if isinstance(question, ClaimCheckQuestion):
        return f"{text(question.prompt)}\n\n{markup.block_quote('**Claim:** ' + text(question.claim))}"
    return text(question.prompt)


def line(item: Evidence) -> str:
    """``"quote" (Title, Outlet) <URL>`` in Markdown, every piece literal."""
    where = ", ".join(markup.literal(part) for part in (item.title, item.outlet) if part.strip())
    out = f"\u201c{markup.literal(item.quote)}\u201d ({where})"
    if item.url:
        out += f" <{item.url.replace('<', '%3C').replace('>', '%3E')}>"
    return out


def general_feedback(bank: Bank, question: Question) -> str:
    """The explanation, then **Evidence** with one list item per cited quote."""
    items = evidence(bank, question)
    parts = [text(question.explanation)] if question.explanation.strip() else []
    if items:
        parts.append("**Evidence**\n\n" + "\n".join(f"- {line(item)}" for item in items))
    return "\n\n".join(parts)
