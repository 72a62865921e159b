"""``quiz draft``: add articles to a bank as sources, and draft claims and questions from them.

Each article is copied verbatim to ``sources/``; the claims ledger and the questions drafted
from it (``quiz.extract``, ``quiz.templates``) go to a new ``draft-*.yaml`` file, every question
``draft: true`` and every quote the article's own words. The bank is loaded afterwards: the
draft must pass ``quiz validate`` (drafts are warnings), or the command reports a bug.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quiz.authoring.drafting.articles import MAX_ARTICLE_BYTES, article_problem
from quiz.authoring.drafting.disputes import questions_for
from quiz.authoring.drafting.ledger import DraftClaim, ledger
from quiz.authoring.drafting.lexicon import STOPWORDS
from quiz.authoring.drafting.templates import Drafting, cite, claim_id, header
from quiz.authoring.drafting.wording import claim_note, claim_text
from quiz.authoring.scaffold import modeline, new_bank, unique_id, write_files
from quiz.authoring.sentences import CREDIT, first_sentence
from quiz.bank.emit import Fields, Plain, item_lines
from quiz.bank.load import bank_files, load_bank, read_file
from quiz.bank.schema import schema_text
from quiz.errors import Issue, Refused
from quiz.text import Unreadable, decode_utf8, inside, slugify

_HEADER_LINES = 8


@dataclass(frozen=True)
class Article:
    path: Path
    data: bytes
    text: str


@dataclass(frozen=True)
class SourceEntry:
    """A drafted source: its fields, and whether the bank already had it."""

    id: str
    title: str
    file: str
    note: str
    author: str = ""
    outlet: str = ""
    published: str = ""
    existing: bool = False


@dataclass(frozen=True)
class Drafted:
    """What ``quiz draft`` wrote, and what the bank's check said about it."""

    file: Path
    sources: tuple[SourceEntry, ...]
    claims: tuple[DraftClaim, ...]
    questions: int
    issues: tuple[Issue, ...]
    created_bank: bool


def read_article(path: Path) -> Article:
    """An article's bytes and text (UTF-8, byte-order mark dropped), or a refusal saying why not."""
    if not path.is_file():
        raise Refused(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Refused(f"{path}: cannot be read: {exc.strerror}") from None
    return article_from(path, data)


def article_from(path: Path, data: bytes) -> Article:
    """The article in ``data`` (a file read, or text pasted or uploaded in the app, named ``path``),
    or a refusal saying why it cannot be drafted from: too large, not UTF-8, empty, a web page, not English."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise Refused(
            f"{path}: {len(data) / 2**20:.1f} MiB, larger than the limit of {MAX_ARTICLE_BYTES // 2**20} MiB for an"
            " article (a long news article is some 50 KiB); is this the right file?"
        )
    text = decode_utf8(data, str(path), newlines=True)
    if isinstance(text, Unreadable):
        raise Refused(f"{path}:{text.line}: {text.reason}; save the article as UTF-8 and try again")
    if not text.strip():
        raise Refused(f"{path}: the article is empty")
    problem = article_problem(text)
    if problem:
        raise Refused(f"{path}: {problem}")
    return Article(path, data, text)


def refuse_repeats(articles: Sequence[Article]) -> None:
    """The same article given twice (the same text, whatever the file) would only repeat every claim."""
    seen: dict[str, Path] = {}
    for article in articles:
        key = " ".join(article.text.split())
        if key in seen:
            raise Refused(
                f"{article.path}: the same article as {seen[key]}; give each article once (nothing was written)"
            )
        seen[key] = article.path


def _parse_date(text: str) -> dt.date | None:
    text = text.strip().rstrip(".")
    for pattern in ("%Y-%m-%d", "%B %d, %Y", "%B %d %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _metadata(text: str) -> dict[str, str]:
    """Author, outlet and date when the article's first lines state them ("By ...", "Published: ...")."""
    found: dict[str, str] = {}
    lines = [line.strip().lstrip("#*_ ").rstrip("*_ ") for line in text.split("\n") if line.strip()][:_HEADER_LINES]
    for line in lines:
        author = re.fullmatch(r"(?:By|Author:)\s+([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|van|von))*)", line)
        if author and "author" not in found:
            found["author"] = author.group(1)
        outlet = re.fullmatch(r"(?:Outlet|Publication|Publisher|Source):\s*(.+)", line)
        if outlet and "outlet" not in found:
            found["outlet"] = outlet.group(1).strip()
        date_line = re.fullmatch(r"(?:(?:Published|Posted|Date|Updated)(?: on)?:?\s+)?(.+?)", line)
        when = _parse_date(date_line.group(1)) if date_line and len(line) < 40 else None
        if when and "published" not in found:
            found["published"] = when.isoformat()
    return found


def _title_and_id(article: Article) -> tuple[str, str]:
    first_line = next((line.strip() for line in article.text.split("\n") if line.strip()), "")
    heading = first_line.startswith("#")
    first_line = first_line.lstrip("#").strip()
    if heading or (len(first_line.split()) <= 15 and not re.search(r"[.!?:]$", first_line)):
        return first_line, slugify(first_line, 50)
    stem_words = [part for part in re.split(r"[\W_]+", article.path.stem) if part.isalpha() and len(part) >= 3]
    if stem_words:
        return " ".join(stem_words).capitalize(), slugify(" ".join(stem_words), 50)
    sentence = first_sentence(article.text).split()
    opening = " ".join(sentence[:10]) + ("…" if len(sentence) > 10 else "")
    key = [word for word in sentence if word.lower().strip('.,;:"“”') not in STOPWORDS][:4]
    return f"Untitled article opening “{opening.rstrip('.')}”", slugify(" ".join(key), 50)


def _note(article: Article, meta: dict[str, str]) -> str:
    unknown = [
        label
        for key, label in (("outlet", "outlet"), ("author", "author"), ("published", "publication date"))
        if key not in meta
    ]
    known = [f"{key} ({meta[key]})" for key in ("outlet", "author", "published") if key in meta]
    note = f"Drafted by quiz draft from {article.path.name}, copied unedited."
    if known:
        note += f" Found in its first lines: {', '.join(known)}; check them."
    if unknown:
        note += f" Unknown: {', '.join(unknown)}; add them if you can find them, or say why they are unknown."
    posts = [
        when
        for line in article.text.split("\n")
        if (match := CREDIT.match(line.strip())) and (when := _parse_date(match.group("date")))
    ]
    if posts:
        note += (
            f" The latest embedded post is dated {max(posts).strftime('%B')} {max(posts).day}, {max(posts).year}, so"
            f" the text was put together on or after that day."
        )
    return note


def plan_sources(
    articles: Sequence[Article], folder: Path, existing: dict[str, str], taken: set[str]
) -> list[SourceEntry]:
    """One source per article: reuse the bank's source when it has this very text, else a new id and file."""
    entries: list[SourceEntry] = []
    planned: dict[bytes, SourceEntry] = {}
    for article in articles:
        if article.data in planned:
            entries.append(planned[article.data])
            continue
        title, wanted = _title_and_id(article)
        reuse = next((source_id for file, source_id in existing.items() if _holds(folder, file, article.data)), None)
        if reuse is not None:
            entry = SourceEntry(reuse, title, "", "", existing=True)
        else:
            source_id = unique_id(wanted or "article", taken)
            while (folder / "sources" / f"{source_id}.md").exists():
                source_id = unique_id(wanted or "article", taken)
            meta = _metadata(article.text)
            entry = SourceEntry(
                source_id,
                title,
                f"sources/{source_id}.md",
                _note(article, meta),
                meta.get("author", ""),
                meta.get("outlet", ""),
                meta.get("published", ""),
            )
        planned[article.data] = entry
        entries.append(entry)
    return entries


def _holds(folder: Path, file: str, data: bytes) -> bool:
    """Whether the bank's source file ``file`` is this very text (only files inside the bank count)."""
    path = folder / file
    return inside(path, folder) and path.is_file() and path.read_bytes() == data


def _source_fields(entry: SourceEntry) -> Fields:
    fields: Fields = [("id", Plain(entry.id)), ("title", entry.title), ("file", entry.file)]
    for key in ("outlet", "author"):
        if getattr(entry, key):
            fields.append((key, getattr(entry, key)))
    if entry.published:
        fields.append(("published", Plain(entry.published)))
    return [*fields, ("kind", Plain("article")), ("note", entry.note)]


@dataclass(frozen=True)
class DraftItems:
    """What a draft holds, item by item: the new sources, each claim (with the comment that heads
    it) and each question with the id of the claim it turns on. ``origin`` names the articles."""

    origin: str
    sources: tuple[Fields, ...]
    claims: tuple[tuple[str, Fields], ...]
    questions: tuple[tuple[str, Fields], ...]


def draft_items(
    articles: Sequence[Article],
    entries: Sequence[SourceEntry],
    claims: Sequence[DraftClaim],
    taken: dict[str, set[str]],
) -> DraftItems:
    """The draft's sources, claims and questions as fields, ids unique against ``taken`` (and taken)."""
    sources = list(dict.fromkeys(entry.id for entry in entries))
    every = [found for claim in claims for found in (claim, *claim.asides)]
    drafting = Drafting(
        sources,
        every,
        {entry.id: entry.published for entry in entries},
        taken["questions"],
        [s for claim in every if claim.kind == "speech" for s in claim.statements],
    )
    origin = ", ".join(
        f"{article.path.name} ({drafting.article(entry.id)}: {entry.id})" for article, entry in zip(articles, entries)
    )
    claim_items: list[tuple[str, Fields]] = []
    questions: list[tuple[str, Fields]] = []
    for claim in claims:
        cid = claim_id(claim, taken["claims"])
        fields: Fields = [
            ("id", Plain(cid)),
            ("claim", claim_text(claim)),
            ("status", Plain(claim.status)),
            ("reports", cite(claim.statements)),
            ("note", claim_note(claim, drafting.article, drafting.published)),
        ]
        claim_items.append((header(claim), fields))
        questions += [(cid, found) for found in questions_for(claim, cid, drafting)]
        for aside in claim.asides:
            questions += [(cid, found) for found in questions_for(aside, cid, drafting)]
    new_sources = tuple(_source_fields(entry) for entry in dict.fromkeys(entries) if not entry.existing)
    return DraftItems(origin, new_sources, tuple(claim_items), tuple(questions))


def draft_text(
    line: str,
    articles: Sequence[Article],
    entries: Sequence[SourceEntry],
    claims: Sequence[DraftClaim],
    taken: dict[str, set[str]],
) -> tuple[str, int]:
    """The draft file: sources, claims and questions, as YAML text; and how many questions it holds."""
    items = draft_items(articles, entries, claims, taken)
    out = [
        line,
        f"# Drafted by `quiz draft` from {items.origin}.",
        "# A first draft from text heuristics, to review: keep the claims that are right, fix or delete the",
        "# rest, correct each question and remove its `draft: true` (drafts are checked, never served).",
        "# See docs/authoring.md.",
        "",
    ]
    if items.sources:
        out.append("sources:")
        for fields in items.sources:
            out += item_lines(fields, 2)
        out.append("")
    if items.claims:
        out.append("claims:")
        for comment, fields in items.claims:
            out += ["  # " + comment] + item_lines(fields, 2) + [""]
    if items.questions:
        out.append("questions:")
        for _, fields in items.questions:
            out += item_lines(fields, 2) + [""]
    return "\n".join(out).rstrip("\n") + "\n", len(items.questions)


def bank_ids(folder: Path) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Ids the bank already uses (valid or not), and its sources' files -> ids."""
    taken: dict[str, set[str]] = {key: set() for key in ("skills", "sources", "claims", "questions", "quizzes")}
    files: dict[str, str] = {}
    for path in bank_files(folder):
        content, _ = read_file(path)
        for key in taken:
            taken[key] |= content.raw_ids[key]
        for source, _ in content.items["sources"]:
            files.setdefault(source.file, source.id)
    return taken, files


def draft(paths: Sequence[str | Path], folder: Path, title: str | None = None) -> Drafted:
    """Add the articles to the bank in ``folder`` (creating it if need be) and write a draft file."""
    if not paths:
        raise Refused("no article given: quiz draft ARTICLE... --bank FOLDER")
    articles = [read_article(Path(path)) for path in paths]  # every article readable before anything is written
    refuse_repeats(articles)
    if folder.exists() and not folder.is_dir():
        raise Refused(f"{folder}: exists and is not a folder")
    created = not (folder.is_dir() and bank_files(folder))
    if created:
        new_bank(folder, title or _title_and_id(articles[0])[0])
    taken, existing = bank_ids(folder)
    entries = plan_sources(articles, folder, existing, taken["sources"])
    texts = {entry.id: article.text for article, entry in zip(articles, entries)}  # an article given twice counts once
    published = {entry.id: dt.date.fromisoformat(entry.published) if entry.published else None for entry in entries}
    claims = ledger(list(texts.items()), published=published)
    line, schema_files = modeline(folder)
    stem = entries[0].id
    target = folder / f"draft-{stem}.yaml"
    number = 2
    while target.exists():
        target, number = folder / f"draft-{stem}-{number}.yaml", number + 1
    text, question_count = draft_text(line, articles, entries, claims, taken)
    copies = {folder / entry.file: article.data for article, entry in zip(articles, entries) if not entry.existing}
    _inside(folder, [target, *copies])
    _copy_sources(copies)
    write_files(folder, {target: text, **{path: schema_text() for path in schema_files}})
    result = load_bank(folder)
    return Drafted(target, tuple(dict.fromkeys(entries)), tuple(claims), question_count, result.issues, created)


def _inside(folder: Path, paths: Sequence[Path]) -> None:
    for path in paths:
        if not inside(path, folder):
            raise Refused(f"{path}: refusing to write outside the bank folder {folder}")


def _copy_sources(files: dict[Path, bytes]) -> None:
    """The articles, byte for byte: the quotes are proven against exactly what was given."""
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
