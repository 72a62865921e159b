"""Real components a test needs (Chromium, PostgreSQL, nginx, Node.js packages): skip with a message
where one is missing, fail under ``CI=true``, where a green run must not come from skipping."""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    """True when the run is CI's (``CI=true``): a missing component is then a failure."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def missing(message: str) -> None:
    """Skip the calling test with ``message``, or fail it under CI."""
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
