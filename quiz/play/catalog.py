"""The banks an app serves: where to look, when a bank changed on disk, and what each holds.

Loading itself is ``quiz.load``; the app caches it per :func:`fingerprint`, so a bank is parsed
once per version of its files and an edited bank shows on the next page load. An edit that breaks
a bank does not take it away from learners: :class:`LastGood` keeps the last version that loaded,
and the catalog serves it beside the errors.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from quiz.bank.load import LoadResult, find_banks
from quiz.bank.model import Bank, Quiz, Skill, quiz_length
from quiz.errors import Issue

Fingerprint = tuple[tuple[str, int, int], ...]


def bank_paths(value: str | None, default: str | Path) -> tuple[str, ...]:
    """The paths in ``QUIZ_BANKS`` (separated by ``os.pathsep``), or ``default`` when unset or empty."""
    paths = tuple(part for part in (value or "").split(os.pathsep) if part.strip())
    return paths or (str(default),)


def fingerprint(folder: str | Path) -> Fingerprint:
    """Path, modification time and size of every file under a bank folder (hidden ones aside):
    any edit, addition or removal of a bank file or a source text changes it."""
    found: list[tuple[str, int, int]] = []
    root = Path(folder)
    for directory, folders, files in os.walk(root):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(directory, name)
            try:
                status = path.stat()
            except OSError:
                continue  # removed while we looked; the next look will not see it
            found.append((path.relative_to(root).as_posix(), status.st_mtime_ns, status.st_size))
    return tuple(found)


@dataclass(frozen=True)
class Catalog:
    """Every bank found: the loaded ones and the broken ones, plus problems with the paths.

    ``results`` holds each folder's outcome in order; a folder whose bank loaded before and is
    broken now is followed by its last good result, so its errors show and its bank is still served.
    """

    results: tuple[LoadResult, ...]
    issues: tuple[Issue, ...]

    @property
    def banks(self) -> tuple[Bank, ...]:
        """Loaded banks; the first of several with one id wins."""
        seen: dict[str, Bank] = {}
        for result in self.results:
            if result.bank is not None:
                seen.setdefault(result.bank.info.id, result.bank)
        return tuple(seen.values())

    @property
    def by_id(self) -> dict[str, Bank]:
        return {bank.info.id: bank for bank in self.banks}

    @property
    def broken(self) -> tuple[LoadResult, ...]:
        return tuple(result for result in self.results if result.bank is None)

    @property
    def stale(self) -> tuple[LoadResult, ...]:
        """Last good results served in place of a folder that is broken now."""
        broken = {result.folder for result in self.broken}
        return tuple(result for result in self.results if result.bank is not None and result.folder in broken)

    def shadowed(self) -> tuple[tuple[LoadResult, str], ...]:
        """Loaded banks hidden by an earlier bank with the same id, with the folder that wins."""
        winner = {bank.info.id: bank.folder for bank in self.banks}
        return tuple(
            (result, winner[result.bank.info.id])
            for result in self.results
            if result.bank is not None and winner[result.bank.info.id] != result.bank.folder
        )


class LastGood:
    """The last result with a bank, per folder: what to serve while an edit leaves a bank broken.

    The app keeps one for the whole server (sessions load banks in parallel, hence the lock). It
    only holds results, which are frozen and shared with the load cache; it never changes them.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._results: dict[str, LoadResult] = {}

    def keep(self, result: LoadResult) -> LoadResult | None:
        """Remember ``result`` if it has a bank; if it has none, the last one that had, if any."""
        with self._lock:
            if result.bank is not None:
                self._results[result.folder] = result
                return None
            return self._results.get(result.folder)


def build(
    paths: Sequence[str | Path], load: Callable[[Path], LoadResult], last_good: LastGood | None = None
) -> Catalog:
    """Find the banks under ``paths`` and load each with ``load`` (the app passes a cached loader).
    With ``last_good``, a folder that loaded before and is broken now keeps serving that bank."""
    folders, issues = find_banks(paths)
    results: list[LoadResult] = []
    for folder in folders:
        result = load(folder)
        results.append(result)
        kept = last_good.keep(result) if last_good is not None else None
        if kept is not None:
            results.append(kept)
    return Catalog(tuple(results), tuple(issues))


@dataclass(frozen=True)
class Counts:
    questions: int
    sources: int
    claims: int


def counts(bank: Bank) -> Counts:
    """What a bank offers learners: served questions (drafts aside), sources and claims."""
    return Counts(len(bank.served()), len(bank.sources), len(bank.claims))


def skills_used(bank: Bank) -> tuple[Skill, ...]:
    """The skills the served questions practise, in the bank's order of skills."""
    used = {skill for question in bank.served() for skill in question.skills}
    return tuple(skill for skill_id, skill in bank.skills.items() if skill_id in used)


def quiz_size(bank: Bank, quiz: Quiz) -> int:
    """How many questions the quiz serves."""
    return quiz_length(bank.served(), quiz)
