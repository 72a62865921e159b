"""The Sources page (full text, cited passages, one passage opened by a link) and the Claims page."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from quiz.play import citations
from quiz.ui import markup
from tests.conftest import MINI
from tests.support.apptest import CLAIMS, SOURCES, markdown, mini, open_page, page_links

BANK = mini()
COLOURS = {"cited": "yellow", "opened": "orange!"}  # what the page shows for each kind of passage


def coloured(marks: list[citations.Mark]) -> list[tuple[int, int, str]]:
    return [(start, end, COLOURS[kind]) for start, end, kind in marks]


def expanded(expander: Any) -> bool:
    return bool(expander.proto.expanded)


def test_a_source_with_every_cited_passage_highlighted(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch, SOURCES, bank="mini", source="gazette")
    assert [header.value for header in at.header] == ["Bridge vote splits Millbrook council"]
    assert "Harbour Gazette · 4 March 2026 · Article" in [caption.value for caption in at.caption]
    assert ("Open the original", "https://example.org/gazette/bridge", "") in page_links(at)
    full_text = markup.highlighted(BANK.texts["gazette"].text, coloured(citations.marks(BANK, "gazette")))
    assert full_text in markdown(at)
    assert ":yellow-background[voted 5 to 4 on Tuesday]" in full_text
    assert "The passage cited" not in markdown(at)
    # No content note and no passage opened: the full text shows, in an expander that starts open.
    assert [(expander.label, expanded(expander)) for expander in at.expander][0] == (
        "The full text, unedited (86 words)",
        True,
    )


def test_cited_by_links_open_each_passage(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch, SOURCES, bank="mini", source="post")
    links = [(label, query) for label, page, query in page_links(at) if page == "sources"]
    # Labels are cut at a word within 46 characters: a page link never wraps, and longer ones were clipped on a phone.
    assert links[0] == (
        markup.literal('"It is a waste of money," said councillor…'),
        "bank=mini&source=post&q=who-spoke&n=1",
    )
    assert (
        "About 800 people signed a petition against it\\.",
        "bank=mini&source=post&claim=petition-size&n=1",
    ) in links
    assert len(links) == 5  # the draft's cite is not listed
    assert "**Question** · Who is quoted directly in the two articles?" in markdown(at)


def test_cited_by_is_folded_with_its_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    # On the Cuties bank the list was 6,348 px long with 78 links: now one fold for the questions,
    # one for the claims, each saying how many there are.
    at = open_page(monkeypatch, SOURCES, bank="mini", source="post")
    folds = {expander.label: expander for expander in at.expander}
    assert [(label, expanded(fold)) for label, fold in folds.items() if "·" in label] == [
        ("3 questions · 3 passages", False),
        ("2 claims · 2 passages", False),
    ]
    inside = [link.proto.query_string for link in folds["2 claims · 2 passages"].get("page_link")]
    assert inside == ["bank=mini&source=post&claim=bridge-cost&n=1", "bank=mini&source=post&claim=petition-size&n=1"]


def test_a_link_opens_one_passage_at_the_top(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch, SOURCES, bank="mini", source="gazette", q="bridge-cost", n="0", t="TOKEN")
    text = markdown(at)
    assert [header.value for header in at.header] == ["The passage cited", "Bridge vote splits Millbrook council"]
    assert "**Question** · How much will the bridge cost, **according to the council**?" in text
    focused = ":orange-background[**The project will cost £2\\.4 million, according to the council's own estimate\\.**]"
    holding = [element.value for element in at.markdown if focused in element.value]
    assert len(holding) == 2  # the passage, on top, and the full text
    # The passage with the lines around it: the one before and the one after.
    assert holding[0].startswith("The Millbrook town council voted") and holding[0].endswith(
        "Residents fear the noise of construction\\."
    )
    assert holding[1].startswith("Bridge vote splits Millbrook council\n\n")
    # The rest is folded, one click away; the page scrolls to the passage (the link may be far below).
    assert [(expander.label, expanded(expander)) for expander in at.expander][0] == (
        "The full text, unedited (86 words)",
        False,
    )
    scripts = [element.proto.body for element in at.get("html")]
    assert any(".st-key-sources-passage" in body and "scrollIntoView" in body for body in scripts)
    assert ("Back to your quiz", "quiz", "t=TOKEN") in page_links(at)
    assert all(query.endswith("&t=TOKEN") for label, page, query in page_links(at) if page == "sources")


def test_a_link_from_an_assignment_leads_back_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: only a quiz's t=TOKEN had a way back; an assignment's r=RESUME had none, and Cited by dropped it.
    at = open_page(monkeypatch, SOURCES, bank="mini", source="gazette", q="bridge-cost", n="0", r="RESUME")
    assert not at.exception
    links = page_links(at)
    assert ("Back to your assignment", "assignment", "r=RESUME") in links
    assert not any(label == "Back to your quiz" for label, page, query in links)
    cited_by = [query for label, page, query in links if page == "sources"]
    assert cited_by and all(query.endswith("&r=RESUME") for query in cited_by)


def test_a_claim_link_opens_its_passage(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch, SOURCES, bank="mini", source="post", claim="bridge-cost", n="1")
    assert at.header[0].value == "The passage cited"
    assert "**Claim** · What the bridge will cost" in markdown(at)
    assert at.selectbox(key="sources-source-mini-post").value == "post"


def test_the_content_note_folds_the_full_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks / "mini")
    yaml = banks / "mini" / "bank.yaml"
    note = "**Content note:** quotes posts that\n    contain profanity."
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace(
            "  description: A small invented bank that exercises every question type.\n",
            f"  description: |-\n    A small invented bank.\n\n    {note}\n",
        ),
        encoding="utf-8",
    )
    at = open_page(monkeypatch, SOURCES, banks=banks, bank="mini", source="gazette")
    texts = [element.value for element in at.markdown]
    assert "**Content note:** quotes posts that\ncontain profanity." in texts
    assert [(expander.label, expanded(expander)) for expander in at.expander][0] == (
        "The full text, unedited (86 words)",
        False,
    )
    full_text = markup.highlighted(BANK.texts["gazette"].text, coloured(citations.marks(BANK, "gazette")))
    assert full_text in texts  # folded, not gone: the full text is there, unedited


@pytest.mark.parametrize(
    "params",
    [
        {"bank": "nope", "source": "nope"},
        {"bank": "mini", "source": "gazette", "q": "bridge-cost", "n": "9"},
        {"bank": "mini", "source": "gazette", "q": "vanity", "n": "0"},
        {"bank": "mini", "source": "gazette", "n": "-1", "q": "bridge-cost"},
    ],
)
def test_a_wrong_link_falls_back_quietly(monkeypatch: pytest.MonkeyPatch, params: dict[str, str]) -> None:
    at = open_page(monkeypatch, SOURCES, **params)
    assert [header.value for header in at.header] == ["Bridge vote splits Millbrook council"]
    assert "The passage cited" not in markdown(at)


def test_the_link_target_wins_over_the_source_param(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch, SOURCES, bank="mini", source="gazette", q="vote-margin", n="1")
    assert [header.value for header in at.header] == ["The passage cited", "Millbrook approves £3 million bridge"]
    assert ":orange-background[**by a single vote**]" in markdown(at)


def test_choosing_a_source_updates_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch, SOURCES, bank="mini", source="gazette", q="bridge-cost", n="0")
    at.selectbox(key="sources-source-mini-gazette").set_value("post").run()
    assert not at.exception
    assert at.query_params == {"bank": "mini", "source": "post"}
    assert [header.value for header in at.header] == ["Millbrook approves £3 million bridge"]


def test_claims_side_by_side_with_their_status(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch, CLAIMS, bank="mini")
    text = markdown(at)
    claims = [subheader.value for subheader in at.subheader]
    assert "What the bridge will cost" in claims and "How many people signed the petition" in claims
    assert text.count(":orange-badge[:material/compare_arrows: Conflicting]") == 3  # the legend and two claims
    claim = at.main.children[6]  # the first claim's container
    columns = [block for block in claim.children.values() if block.type == "flex_container"][-1]
    quotes = [
        [
            element.value
            for element in column.children.values()
            if element.type == "markdown" and element.value.startswith(">")
        ]
        for column in columns.children.values()
    ]
    assert quotes == [
        ["> The project will cost £2\\.4 million, according to the council's own estimate\\."],
        ["> Independent engineers put the cost at £3 million\\."],
    ]
    assert ("Read in context", "sources", "bank=mini&source=post&claim=bridge-cost&n=1") in page_links(at)


def test_claims_have_one_column_per_source_in_a_fixed_order(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(monkeypatch, CLAIMS, bank="mini")
    titles = [f"**{source.title}**" for source in BANK.sources.values()]
    seen = []
    for claim in list(at.main.children.values())[6:]:  # the claims' containers, after the page's head
        columns = [block for block in claim.children.values() if block.type == "flex_container"][-1]
        seen.append(
            [
                next(e.value for e in column.children.values() if e.type == "markdown")
                for column in columns.children.values()
            ]
        )
    assert seen == [titles] * len(BANK.claims)  # every source once, in the bank's order, on every claim
