"""Unsaved edits kept on the server, so that a reload of the Author page brings them back.

A reload starts a new Streamlit session, which has lost everything the old one held. The page keeps
a copy of its edits here under a random draft id that it also puts in its URL (``?draft=ID``): the
reloaded page finds the id in its URL and, once the password is given again, the edits. The id
alone unlocks nothing. Kept in this process's memory only (never written to disk), for
:data:`KEPT_FOR` after the last change, at most :data:`MOST` drafts (the oldest go first).
Nothing here imports Streamlit.
"""

from __future__ import annotations

import copy
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

KEPT_FOR = 12 * 60 * 60.0  # seconds
MOST = 50  # each holds every open file's text (and the form's last few writes): bounded memory
_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_id() -> str:
    return secrets.token_urlsafe(18)


def good_id(value: object) -> bool:
    """Whether ``value`` (from a URL) can be a draft id: anything else starts a new draft."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


class Drafts:
    """Draft id -> a deep copy of the page's edits, each with the time it was last kept."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()

    def keep(self, draft_id: str, edits: dict[str, Any]) -> None:
        copied = copy.deepcopy(edits)  # the session goes on changing its own objects
        with self._lock:
            self._expire()
            self._kept[draft_id] = (self._clock(), copied)
            self._kept.move_to_end(draft_id)
            while len(self._kept) > MOST:
                self._kept.popitem(last=False)

    def restore(self, draft_id: str) -> dict[str, Any] | None:
        """A copy of the edits kept under ``draft_id``, or None when there are none (or they expired)."""
        with self._lock:
            self._expire()
            found = self._kept.get(draft_id)
        return copy.deepcopy(found[1]) if found else None

    def forget(self, draft_id: str) -> None:
        with self._lock:
            self._kept.pop(draft_id, None)

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._kept)

    def _expire(self) -> None:
        now = self._clock()
        while self._kept:
            oldest, (when, _) = next(iter(self._kept.items()))
            if now - when <= KEPT_FOR:
                break
            del self._kept[oldest]
