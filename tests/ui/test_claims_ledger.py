"""The Claims page on the bundled bank: a single-source claim gets its badge, and a report that copies
one text says so, so that two copies never look like two sources agreeing."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from tests.support.apptest import CLAIMS, open_page


def test_copies_of_one_text_are_marked_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch, CLAIMS, banks=REPO / "questions", bank="cuties-2020")
    assert not at.exception
    captions = [caption.value for caption in at.caption]
    copies = "Copies Netflix's statement to Variety: one text, not an independent report"
    assert captions.count(copies) == 3  # the claim's three reports, in two articles
    assert captions.count("Copies Netflix's synopsis: one text, not an independent report") == 4
    badges = [element.value for element in at.markdown if "-badge[" in element.value]
    assert badges.count(":gray-badge[:material/looks_one: Single source]") == 10, badges
