"""Slowing down guesses: wrong join codes and wrong Teach or Author passwords.

A :class:`Throttle` counts recent failures per key (a session, an address, the whole server)
and says how long a key must wait before its next try: nothing for the first few, then a delay
that doubles with each further failure, up to a cap. Failures older than the window are
forgotten. The caller refuses a try while any of its keys must wait (it never sleeps a server
thread). Nothing is written anywhere: counts live in the server's memory only.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Hashable
from dataclasses import dataclass, field

from quiz.text import count


@dataclass
class Throttle:
    free: int = 3  # failures allowed at full speed
    base: float = 1.0  # seconds of the first delay
    cap: float = 60.0  # the longest delay
    window: float = 15 * 60.0  # failures older than this are forgotten
    _failures: dict[Hashable, deque[float]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def wait(self, key: Hashable, now: float) -> float:
        """Seconds ``key`` must still wait before its next try (0: it may try now)."""
        with self._lock:
            times = self._recent(key, now)
            if len(times) < self.free:
                return 0.0
            delay = min(self.cap, self.base * 2 ** (len(times) - self.free))
            return max(0.0, times[-1] + delay - now)

    def failed(self, key: Hashable, now: float) -> None:
        with self._lock:
            self._recent(key, now).append(now)
            if len(self._failures) > 10_000:  # many keys (sessions come and go): drop the quiet ones
                for stale in [k for k, v in self._failures.items() if not v or v[-1] < now - self.window]:
                    del self._failures[stale]

    def succeeded(self, key: Hashable) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key: Hashable, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] < now - self.window:
            times.popleft()
        return times


@dataclass(frozen=True)
class Guard:
    """Several throttles that a try passes only together: per session, per address, per server."""

    throttles: tuple[tuple[Throttle, Hashable], ...]

    def wait(self, now: float) -> float:
        return max((throttle.wait(key, now) for throttle, key in self.throttles), default=0.0)

    def failed(self, now: float) -> None:
        for throttle, key in self.throttles:
            throttle.failed(key, now)

    def succeeded(self) -> None:
        """Forget this session's failures (the address's and the server's stay: others share them)."""
        for throttle, key in self.throttles[:1]:
            throttle.succeeded(key)


def per_session() -> Throttle:
    return Throttle(free=3, base=1.0, cap=60.0)


def per_address() -> Throttle:
    return Throttle(free=10, base=1.0, cap=60.0)


def per_server() -> Throttle:
    """Shared by everyone: many guessers at once slow down, one classroom's typos do not."""
    return Throttle(free=50, base=0.5, cap=10.0)


def refusal(seconds: float) -> str:
    whole = max(1, round(seconds + 0.49))
    return f"Too many wrong tries: wait {count(whole, 'second')}, then try again."
