"""Fixtures of the interop tests: the banks every export is checked on, and gift-pegjs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz.bank.load import load_bank
from quiz.bank.model import Bank
from tests.interop.giftpegjs import GiftPegjs

REPO = Path(__file__).resolve().parents[2]
BANKS = {
    "cuties-2020": REPO / "questions" / "cuties-2020",
    "mini": REPO / "tests" / "fixtures" / "banks" / "mini",
    "injection": REPO / "tests" / "fixtures" / "banks" / "injection" / "bank",
}


def bank(name: str) -> Bank:
    result = load_bank(BANKS[name])
    assert result.bank is not None, result.errors
    return result.bank


@pytest.fixture(scope="session")
def gift_pegjs() -> Iterator[GiftPegjs]:
    parser = GiftPegjs()
    yield parser
    parser.close()
