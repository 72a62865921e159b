"""Drafting from the Author page: articles pasted or uploaded are drafted as ``quiz draft`` drafts
them, then reviewed item by item; what the teacher accepts (as drafted or as edited) goes into the
bank as one new file beside its new sources, through the Author page's atomic save.

The articles pass the very checks ``quiz draft`` makes (:func:`draft.article_from`,
:func:`draft.refuse_repeats`), before anything is drafted; nothing is written until the save, and
the save writes only a bank that loads. Nothing here imports Streamlit (``quiz/ui/authordraft.py``
draws). Refusals are values (:class:`edit.Refusal`).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from quiz.authoring import edit, forms, sectionforms
from quiz.authoring.drafting.draft import Article, article_from, bank_ids, draft_items, plan_sources, refuse_repeats
from quiz.authoring.drafting.ledger import ledger
from quiz.authoring.scaffold import MODELINE, schema_reference
from quiz.bank.emit import Fields, item_lines
from quiz.bank.load import LoadResult, as_if_saved
from quiz.errors import Refused
from quiz.text import inside

MAX_ARTICLES = 4
SECTIONS = ("sources", "claims", "questions")
# What the Author page's forms can edit before saving: a source's form adds its text to the bank folder
# (the drafted article is not there until the save), so a drafted source is edited as YAML only.
FORM_SECTIONS = ("claims", "questions")


@dataclass(frozen=True)
class Item:
    """One drafted source, claim or question: its YAML as an item of its section's list, at the
    left margin (``- id: …``). A question's ``about`` is its claim's id; a claim's, how it was found."""

    section: str
    id: str
    text: str
    about: str = ""

    @property
    def key(self) -> str:
        return f"{self.section}:{self.id}"


@dataclass(frozen=True)
class Review:
    """A draft to review: where it goes, its items, the articles' bytes by source file, and the bank
    as it would be with every item (what the page previews: each claim and question as drafted)."""

    folder: Path
    name: str
    origin: str
    items: tuple[Item, ...]
    copies: Mapping[str, bytes]  # a new source's file (``sources/ID.md``) -> the article, byte for byte
    files: Mapping[str, str]  # a new source's id -> its file
    drafted: LoadResult

    def section(self, section: str) -> list[Item]:
        return [item for item in self.items if item.section == section]

    def __deepcopy__(self, memo: dict[int, object]) -> Review:
        # Never changed once made: the Author page keeps it over a reload (``unsaved.Drafts`` copies what it
        # keeps at each rerun), and a copy of the whole drafted bank at each click would only cost time.
        return self


def read_articles(given: Sequence[tuple[str, bytes]]) -> list[Article] | edit.Refusal:
    """The articles pasted or uploaded (a name and the bytes each), checked as ``quiz draft`` checks a
    file, or why not: none or more than four, one of them unreadable, or the same article twice."""
    if not given:
        return edit.Refusal("paste an article's text or upload an article first")
    if len(given) > MAX_ARTICLES:
        return edit.Refusal(f"{len(given)} articles given: draft from one to {MAX_ARTICLES} at a time")
    try:
        articles = [article_from(Path(name), data) for name, data in given]
        refuse_repeats(articles)
    except Refused as refusal:
        return edit.Refusal(str(refusal))
    return articles


def draft_review(folder: Path, articles: Sequence[Article]) -> Review:
    """Draft from ``articles`` against the bank in ``folder`` (ids unique in the bank), writing nothing."""
    taken, existing = bank_ids(folder)
    entries = plan_sources(articles, folder, existing, taken["sources"])
    texts = {entry.id: article.text for article, entry in zip(articles, entries)}
    published = {entry.id: dt.date.fromisoformat(entry.published) if entry.published else None for entry in entries}
    drafted = draft_items(articles, entries, ledger(list(texts.items()), published=published), taken)
    items = [Item("sources", _id(fields), _text(fields)) for fields in drafted.sources]
    items += [Item("claims", _id(fields), _text(fields), comment) for comment, fields in drafted.claims]
    # Accepting a question is the review a draft waits for: it goes in without `draft: true`, to be served.
    items += [
        Item("questions", _id(fields), _text([field for field in fields if field != ("draft", True)]), claim)
        for claim, fields in drafted.questions
    ]
    name, number = f"draft-{entries[0].id}.yaml", 2
    while (folder / name).exists():
        name, number = f"draft-{entries[0].id}-{number}.yaml", number + 1
    new = [(entry, article) for article, entry in zip(articles, entries) if not entry.existing]
    review = Review(
        folder,
        name,
        drafted.origin,
        tuple(items),
        {entry.file: article.data for entry, article in new},
        {entry.id: entry.file for entry, _ in new},
        LoadResult(str(folder), None, ()),
    )
    everything = file_text(review, [(item, item.text) for item in review.items])
    return replace(review, drafted=check(review, everything, [item.id for item in review.section("sources")]))


def _id(fields: Fields) -> str:
    return str(dict(field for field in fields if isinstance(field, tuple)).get("id", ""))


def _text(fields: Fields) -> str:
    return "\n".join(line[2:] for line in item_lines(fields, 2))


def form_of(item: Item, text: str) -> sectionforms.Form | edit.Refusal:
    """The item's text (as drafted or edited) as the Author page's form of its list, or why the form
    cannot show it (a field it has no place for, a text that is not one item: left to the YAML)."""
    located = forms.locate(_as_file(item.section, text), item.section)
    if isinstance(located, edit.Refusal):
        return located
    if len(located) != 1:
        return edit.Refusal(f"the text holds {len(located)} items, not one: edit it as YAML")
    return sectionforms.from_values(item.section, located[0].values)


def with_form(item: Item, text: str, form: sectionforms.Form) -> str | edit.Refusal:
    """The item's text with the form's values written in, as the form writes an item of a file
    (``sectionforms.write``: the item's lines replaced, at the left margin as drafted)."""
    written = sectionforms.write(_as_file(item.section, text), form, 0)
    if isinstance(written, edit.Refusal):
        return written
    body = written.split("\n", 1)[1].rstrip("\n")
    return body + "\n" if text.endswith("\n") else body  # as it ended: a value changed, nothing else


def _as_file(section: str, text: str) -> str:
    # The item at the left margin under its list's key: YAML's block list may sit at its key's indent.
    return f"{section}:\n{text.strip(chr(10))}\n"


def file_text(review: Review, chosen: Sequence[tuple[Item, str]]) -> str:
    """The new bank file holding the chosen items, each with its text (as drafted or as edited)."""
    reference = schema_reference(review.folder)
    out = [MODELINE.format(reference)] if reference else []
    out += [
        f"# Drafted on the Author page from {review.origin}.",
        "# Each item below was accepted by its author (as drafted or edited); the rest were left out.",
        "",
    ]
    for section in SECTIONS:
        texts = [text for item, text in chosen if item.section == section and text.strip()]
        if texts:
            out.append(f"{section}:")
            for text in texts:
                out += ["  " + line if line.strip() else "" for line in text.strip("\n").split("\n")] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def check(review: Review, text: str, sources: Sequence[str]) -> LoadResult:
    """The bank as it would be with the new file holding ``text`` and the article of each source in
    ``sources`` beside it: loaded in a scratch copy of the bank, the issues named by the bank's paths."""
    with _scratch(review.folder) as copy:
        for source_id in sources:
            if source_id in review.files:
                target = copy / review.files[source_id]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(review.copies[review.files[source_id]])
        result = as_if_saved(copy, copy / review.name, text)
    home, scratch = str(review.folder), str(copy)
    issues = tuple(
        replace(issue, file=home + issue.file[len(scratch) :]) if issue.file.startswith(scratch) else issue
        for issue in result.issues
    )
    return LoadResult(home, result.bank, issues)


@contextmanager
def _scratch(folder: Path) -> Iterator[Path]:
    """A copy of the bank folder (hidden files left out: backups, temporary files) that is thrown away."""
    with tempfile.TemporaryDirectory(prefix="quiz-draft-") as temporary:
        copy = Path(temporary) / folder.name
        shutil.copytree(folder, copy, symlinks=True, ignore=shutil.ignore_patterns(".*"))
        yield copy


def save(roots: Sequence[Path], review: Review, text: str, sources: Sequence[str]) -> edit.Saved | edit.Refusal:
    """Write the articles of the accepted new ``sources``, then the new file through the page's save
    (:func:`edit.save`: only a bank that loads, atomically); if that refuses, the articles go again."""
    if (review.folder / review.name).exists():
        return edit.Refusal(f"{review.folder / review.name} exists already: nothing was saved; draft again")
    files = {review.files[source_id]: review.copies[review.files[source_id]] for source_id in sources}
    if not any(inside(review.folder, root) for root in roots):
        return edit.Refusal(f"{review.folder} is not inside the banks folder: nothing was saved")
    written = edit.add_files(review.folder, files)
    if isinstance(written, edit.Refusal):
        return written
    outcome = edit.save(roots, review.folder, review.name, text, None)
    if isinstance(outcome, edit.Refusal):
        for path in written:
            path.unlink(missing_ok=True)
    return outcome
