"""Hostile bank text stays text in real Chromium, and the answer key stays on the server until
a learner checks their answer.

The injection bank (tests/fixtures/banks/injection) puts script tags, event handlers,
``javascript:`` links in every spelling, images, autolinks, reference links, HTML entities, LaTeX
and Streamlit directives in every field a learner can see. Each page is walked and must: open no
dialog (every payload is ``alert(N)``), log no error, request nothing a payload names, hold no
element with an ``on*`` attribute or a ``javascript:`` / ``data:text/html`` address, and show the
payload as the text it is.

The answer key is checked on the mini bank: before "Check answer", neither the page (its HTML and
its text) nor the WebSocket messages it received (protobuf bytes, searched for the UTF-8 of the
strings) hold the feedback, the explanation or the cited quotes; after checking, they do.
"""

from __future__ import annotations

import base64
import html
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote as url_quote
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Dialog, Page, Request, WebSocket, expect

from quiz.bank.load import load_bank
from quiz.bank.model import MultipleQuestion, Question, SingleQuestion
from quiz.play import engine, urltoken
from quiz.ui import markup
from tests.browser.conftest import APP_SCRIPT, ConsoleErrors, wait_for_app
from tests.conftest import MINI
from tests.support.server import REPO_ROOT, StreamlitServer, start_streamlit

INJECTION = REPO_ROOT / "tests" / "fixtures" / "banks" / "injection"

#: What every hostile field of the injection bank holds after its tag (e.g. "SINGLE-PROMPT ").
PAYLOAD = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) "
    '[x](JaVaScRiPt:alert(4)) <a href="javascript:alert(5)">five</a> ![img](javascript:alert(6)) '
    "<javascript:alert(7)> &lt;b&gt;entity&lt;/b&gt; &#60;script&#62;alert(9)&#60;/script&#62; "
    "[ten](&#106;avascript:alert(10)) <svg onload=alert(11)> $\\href{javascript:alert(12)}{twelve}$ "
    ":red[red] :blue-background[<img src=x onerror=alert(13)>] [data](data:text/html,<script>alert(14)</script>) "
    '<iframe src="javascript:alert(15)"></iframe> [ref-link][ref]'
)
#: The payload as author Markdown shows it: every tag and link as written, entities decoded (as
#: Markdown does), the colour directives applied (authors may colour text), nothing run or loaded.
AUTHOR_SHOWN = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) "
    '[x](JaVaScRiPt:alert(4)) <a href="javascript:alert(5)">five</a> ![img](javascript:alert(6)) '
    "<javascript:alert(7)> <b>entity</b> <script>alert(9)</script> "
    "[ten](javascript:alert(10)) <svg onload=alert(11)> $\\href{javascript:alert(12)}{twelve}$ "
    "red <img src=x onerror=alert(13)> [data](data:text/html,<script>alert(14)</script>) "
    '<iframe src="javascript:alert(15)"></iframe> [ref-link][ref]'
)
#: The reference definition on its own line in multi-line fields, shown as text, not used.
REFERENCE = "[ref]: javascript:alert(8)"
#: The passage every question and the claim cite, shown literally (a quote is evidence).
QUOTE = "The cited passage: <script>alert(16)</script> and :red[not red] stay text."

#: Streamlit 1.67 first asks a deep link's path for its config (e.g. /sources/_stcore/health),
#: gets 404, then asks the root: two console errors on every direct load of a page other than /.
DEEP_LINK_404 = re.compile(
    r"^Failed to load resource: the server responded with a status of 404 \(Not Found\) "
    r"\(http://127\.0\.0\.1:\d+/(quiz|results|sources|claims)/_stcore/(health|host-config)\)$"
)

#: Every element, every attribute: no event handler, no address that runs or renders script.
_DANGEROUS_NODES = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]+/g, '').toLowerCase();
      if (attr.name.toLowerCase().startsWith('on')
          || /^(javascript|vbscript|data:text\\/html)/.test(value)) {
        found.push(`<${tag} ${attr.name}="${attr.value}">`);
      }
    }
    if (['iframe', 'frame', 'object', 'embed', 'base'].includes(tag)) found.push(`<${tag}>`);
    // Vega-Lite charts hold an empty form for their controls; any other form came from a payload.
    if (tag === 'form' && !el.classList.contains('vega-bindings')) found.push(`<form>`);
    if (tag === 'script' && el.textContent.includes('alert(')) found.push(`<script>${el.textContent}`);
  }
  return found;
}"""


@dataclass
class Guard:
    """What a page must never do while it shows hostile text."""

    page: Page
    console: ConsoleErrors
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def check(self, where: str) -> None:
        """Nothing ran, loaded or was planted on the page as it is now."""
        assert self.dialogs == [], f"{where}: a payload ran"
        assert self.page.evaluate(_DANGEROUS_NODES) == [], f"{where}: a payload became markup"
        assert self.requests == [], f"{where}: a payload made the browser fetch"
        assert self.console.unexpected((DEEP_LINK_404,)) == [], f"{where}: console errors"


@pytest.fixture()
def guard(page: Page, console_errors: ConsoleErrors) -> Guard:
    watched = Guard(page, console_errors)

    def on_dialog(dialog: Dialog) -> None:  # a listener must dismiss, or the page would hang
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_request(request: Request) -> None:
        address = urlsplit(request.url)
        named = address.path.endswith("/x") or address.hostname == "example.org"
        if named or ("alert" in request.url and not request.is_navigation_request()):
            watched.requests.append(request.url)  # the pages the test opens may name payloads

    page.on("dialog", on_dialog)
    page.on("request", on_request)
    return watched


@pytest.fixture(scope="module")
def injection_server() -> Iterator[StreamlitServer]:
    with start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(INJECTION)}) as server:
        yield server


@pytest.fixture(scope="module")
def mini_server() -> Iterator[StreamlitServer]:
    with start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": str(MINI)}) as server:
        yield server


def shows(page: Page, *texts: str) -> None:
    """Each text is on the page as a reader sees it (rendered, visible)."""
    seen = page.locator("body").inner_text()
    missing = [text for text in texts if text not in seen]
    assert missing == [], f"not shown as text: {missing}\n--- page text ---\n{seen}"


def author_field(tag: str) -> str:
    """An author field of the injection bank as a reader sees it."""
    return f"{tag} {AUTHOR_SHOWN}"


def open_list(page: Page, label: str) -> None:
    """Open the list of a select box or multiselect (Streamlit 1.67 opens it on a key, not a click)."""
    page.get_by_role("combobox", name=label).click()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("listbox")).to_be_visible()


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


# ---------------------------------------------------------------- hostile text stays text


def test_home_shows_hostile_text_as_text(page: Page, guard: Guard, injection_server: StreamlitServer) -> None:
    open_page(page, injection_server.url)
    guard.check("home")
    shows(
        page,
        author_field("BANK-TITLE"),
        author_field("BANK-DESCRIPTION"),
        REFERENCE,
        author_field("QUIZ-TITLE"),
        author_field("QUIZ-DESCRIPTION"),
        f"SKILL-TITLE {PAYLOAD}",
    )  # skill titles are shown literally
    open_list(page, "Skills")  # the skills picker lists skill titles
    expect(page.get_by_role("option").filter(has_text="SKILL-TITLE")).to_have_text(f"SKILL-TITLE {PAYLOAD}")
    guard.check("home, skills listed")


ANSWERS: dict[str, tuple[str, str] | None] = {  # question: (its inputs' test id, the label to pick)
    "single": ("stRadioOption", "SINGLE-WRONG"),  # every answer wrong, so Results opens every review
    "multiple": ("stCheckbox", "MULTIPLE-WRONG"),
    "order": None,  # the shown order is never the right one
    "claim-check": ("stRadioOption", "Supported"),
    "true-false": ("stRadioOption", "False"),
}
TAGS = {
    "single": "SINGLE",
    "multiple": "MULTIPLE",
    "order": "ORDER",
    "claim-check": "CLAIM-CHECK",
    "true-false": "TRUE-FALSE",
}


def test_quiz_before_and_after_checking_then_results(
    page: Page, guard: Guard, injection_server: StreamlitServer
) -> None:
    open_page(page, injection_server.url)
    page.locator(".st-key-home-start-injection-every-field button").click()
    for number, (question_id, answer) in enumerate(ANSWERS.items()):
        tag = TAGS[question_id]
        expect(page.get_by_test_id("stProgress")).to_contain_text(f"Question {number + 1} of 5")
        wait_for_app(page)
        page.get_by_role("button", name="Show hint").click()
        expect(page.get_by_test_id("stAlertContentInfo")).to_contain_text(f"{tag}-HINT")
        if answer is not None:
            test_id, label = answer
            page.get_by_test_id(test_id).filter(has_text=re.compile(rf"^{label}")).click()
        wait_for_app(page)
        where = f"quiz, {question_id}, before checking"
        guard.check(where)
        shows(page, author_field(f"{tag}-PROMPT"), author_field(f"{tag}-HINT"), REFERENCE)
        if question_id in ("single", "multiple"):
            shows(page, author_field(f"{tag}-RIGHT"), author_field(f"{tag}-WRONG"))
        if question_id == "claim-check":
            shows(page, author_field("CLAIM-CHECK-CLAIM"))

        page.locator(".st-key-quiz-check button").click()
        expect(page.get_by_test_id("stAlertContentError")).to_be_visible()
        wait_for_app(page)
        guard.check(f"quiz, {question_id}, after checking")
        shows(
            page,
            author_field(f"{tag}-PROMPT"),
            author_field(f"{tag}-EXPLANATION"),
            author_field(f"{tag}-CITE-NOTE"),
            QUOTE,
            author_field("SOURCE-TITLE"),
            author_field("SOURCE-OUTLET"),
        )
        if question_id in ("single", "multiple"):
            shows(page, author_field(f"{tag}-RIGHT-FEEDBACK"), author_field(f"{tag}-WRONG-FEEDBACK"))
        if question_id == "order":
            shows(page, author_field("ORDER-FIRST"), author_field("ORDER-SECOND"), author_field("ORDER-THIRD"))
        page.locator(".st-key-quiz-next button").click()

    expect(page.get_by_test_id("stMetricValue").first).to_have_text("0 / 5")
    wait_for_app(page)
    guard.check("results")
    shows(
        page,
        author_field("BANK-TITLE"),
        author_field("QUIZ-TITLE"),
        f"SKILL-TITLE {PAYLOAD}",
        QUOTE,
        *(author_field(f"{tag}-EXPLANATION") for tag in TAGS.values()),
        author_field("SINGLE-RIGHT-FEEDBACK"),
        author_field("MULTIPLE-WRONG-FEEDBACK"),
        author_field("CLAIM-CHECK-CLAIM"),
    )
    for expander in page.get_by_test_id("stExpander").all():  # every answer was wrong: all open
        expect(expander.locator("details")).to_have_attribute("open", "")

    page.get_by_role("link", name="Read in context").first.click()  # on to the cited passage, in the app
    expect(page.get_by_text("The passage cited")).to_be_visible()
    wait_for_app(page)
    guard.check("sources, from results")
    shows(page, author_field("SINGLE-PROMPT"), QUOTE, author_field("SINGLE-CITE-NOTE"))


def test_sources_show_hostile_text_as_text(page: Page, guard: Guard, injection_server: StreamlitServer) -> None:
    open_page(page, f"{injection_server.url}/sources?bank=injection&source=hostile&q=multiple&n=0")
    guard.check("sources, a cited passage")
    # With a passage opened the rest of the text is folded, one click away: open it to read it all.
    page.get_by_test_id("stExpander").filter(has_text="The full text, unedited").locator("summary").click()
    guard.check("sources, the full text unfolded")
    shows(
        page,
        "The passage cited",
        author_field("MULTIPLE-PROMPT"),
        QUOTE,
        author_field("MULTIPLE-CITE-NOTE"),
        author_field("SOURCE-TITLE"),
        author_field("SOURCE-OUTLET"),
        author_field("SOURCE-AUTHOR"),
        author_field("SOURCE-NOTE"),
        REFERENCE,
        f"SOURCE-TEXT {PAYLOAD}",  # the source text is evidence: shown exactly, entities and directives too
        "Another report: <img src=x onerror=alert(17)> was counted twice.",
    )
    links = page.get_by_role("link", name="Open the original")
    expect(links).to_have_attribute("href", 'https://example.org/x"onmouseover="alert(18)')
    links.hover()
    open_list(page, "Source")  # the source picker lists source titles
    expect(page.get_by_role("option").filter(has_text="SOURCE-TITLE")).to_have_text(f"SOURCE-TITLE {PAYLOAD}")
    guard.check("sources, source picker open")
    page.keyboard.press("Escape")

    open_page(page, f"{injection_server.url}/sources?bank=injection&source=plain")
    guard.check("sources, the plain source")
    for fold in page.get_by_test_id("stExpander").filter(has_text=" · ").all():  # Cited by: questions, claims
        fold.locator("summary").click()
    guard.check("sources, Cited by unfolded")
    shows(page, "A plain source", author_field("CLAIM-TEXT"), author_field("SINGLE-PROMPT"), "It says the count was 12")


def test_claims_show_hostile_text_as_text(page: Page, guard: Guard, injection_server: StreamlitServer) -> None:
    open_page(page, f"{injection_server.url}/claims?bank=injection")
    guard.check("claims")
    shows(
        page,
        author_field("CLAIM-TEXT"),
        author_field("CLAIM-NOTE"),
        author_field("REPORT-NOTE"),
        REFERENCE,
        QUOTE,
        author_field("SOURCE-TITLE"),
        author_field("SOURCE-OUTLET"),
        "It says the count was 12",
    )


def _forged_token(bank_id: str) -> str:
    """A well-formed token naming a bank that does not exist: its name comes back in the error."""
    payload = {
        "v": urltoken.VERSION,
        "b": bank_id,
        "q": "every-field",
        "m": "p",
        "s": 1,
        "i": ["single"],
        "p": 0,
        "a": [None],
    }
    data = zlib.compress(json.dumps(payload).encode("utf-8"), 9)
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def test_hostile_links_show_as_text(page: Page, guard: Guard, injection_server: StreamlitServer) -> None:
    bank_id = "<img src=x onerror=alert(19)>[x](javascript:alert(20))"
    open_page(page, f"{injection_server.url}/quiz?t={_forged_token(bank_id)}")
    guard.check("quiz, forged link")
    shows(page, f"This quiz link cannot be opened: no bank {bank_id!r} is loaded here.")

    hostile = url_quote("<script>alert(21)</script>", safe="")
    open_page(page, f"{injection_server.url}/sources?bank={hostile}&source={hostile}&q={hostile}&n=0")
    guard.check("sources, hostile parameters")
    shows(page, author_field("SOURCE-TITLE"))  # falls back to the first bank's first source


# ---------------------------------------------------------------- the answer key

MINI_BANK = load_bank(MINI).bank
SEED = 20260304
PICK = {  # the label to pick per question (mostly wrong, so a wrong choice's feedback is due)
    "bridge-cost": "£3 million",
    "who-spoke": "The petition's organisers",
    "vote-margin": "False",
    "story-order": None,  # leave the shown order: never the right one
    "petition-check": "Supported",
    "ferry-date": "Not in the sources",
}


def _pieces(text: str) -> list[str]:
    """The runs of a Markdown text that show unchanged on the page: split at bold marks."""
    return [piece.strip() for piece in text.split("**") if len(piece.strip()) >= 12]


def _key_texts(question: Question, picked: tuple[int, ...]) -> tuple[list[str], list[str]]:
    """(what must not be sent before checking, what must be sent after): the feedback of every
    choice, the explanation and the quotes; after checking, all but the feedback of wrong choices
    the learner did not pick (the app shows feedback on picked and right choices only)."""
    hidden = [*_pieces(question.explanation), *(cite.quote for cite in question.cite)]
    shown_after = list(hidden)
    if isinstance(question, (SingleQuestion, MultipleQuestion)):
        for index, choice in enumerate(question.choices):
            if choice.feedback:
                hidden.append(choice.feedback)
                if choice.correct or index in picked:
                    shown_after.append(choice.feedback)
    return hidden, shown_after


def _wire_forms(text: str) -> list[bytes]:
    """How a text can travel in a message: as written, or as the Markdown the page sends for it."""
    return [form.encode("utf-8") for form in {text, markup.author(text), markup.literal(text)}]


def _in_dom(page: Page, text: str) -> bool:
    content = page.content()
    return (
        text in content
        or html.escape(text, quote=False) in content
        or text in page.evaluate("document.documentElement.textContent")
    )


def _in_frames(frames: list[bytes], text: str) -> bool:
    return any(form in frame for frame in frames for form in _wire_forms(text))


def test_the_answer_key_stays_on_the_server_until_checked(
    page: Page, console_errors: ConsoleErrors, mini_server: StreamlitServer
) -> None:
    assert MINI_BANK is not None
    attempt = engine.start(MINI_BANK, engine.BankQuiz("all"), SEED)
    assert list(attempt.question_ids) == list(PICK)
    frames: list[bytes] = []

    def on_websocket(socket: WebSocket) -> None:
        socket.on(
            "framereceived", lambda payload: frames.append(payload if isinstance(payload, bytes) else payload.encode())
        )

    page.on("websocket", on_websocket)
    open_page(page, f"{mini_server.url}/quiz?t={urltoken.encode(attempt)}")
    for position, question_id in enumerate(attempt.question_ids):
        question = MINI_BANK.questions[question_id]
        labels = engine.options(question)
        label = PICK[question_id]
        picked = (labels.index(label),) if label is not None else attempt.orders[position]
        hidden, shown_after = _key_texts(question, picked)
        if question_id == "bridge-cost":  # the derivation finds what a reader would call the key
            assert {
                "That is the council's own estimate.",
                "Both articles give a figure.",
                "The Gazette gives the council's estimate.",
            } <= set(hidden)

        expect(page.get_by_test_id("stProgress")).to_contain_text(f"Question {position + 1} of 6")
        wait_for_app(page)
        if question.hint:
            page.get_by_role("button", name="Show hint").click()
            expect(page.get_by_test_id("stAlertContentInfo")).to_be_visible()
        if isinstance(question, MultipleQuestion):
            page.locator(f".st-key-quiz-{SEED}-{position}-pick-{picked[0]} label").click()
            expect(page.locator(f".st-key-quiz-{SEED}-{position}-pick-{picked[0]} input")).to_be_checked()
        elif label is not None:
            choice = page.locator(f".st-key-quiz-{SEED}-{position}-choice").get_by_test_id("stRadioOption")
            choice.filter(has_text=label).click()
            expect(page.get_by_role("radio", name=label)).to_be_checked()
        wait_for_app(page)
        assert frames, "no WebSocket message was seen: the test would prove nothing"
        for text in hidden:
            assert not _in_dom(page, text), f"{question_id}: {text!r} is on the page before checking"
            assert not _in_frames(frames, text), f"{question_id}: {text!r} was sent before checking"

        frames.clear()
        page.locator(".st-key-quiz-check button").click()
        expect(
            page.get_by_test_id("stAlertContentSuccess").or_(page.get_by_test_id("stAlertContentError"))
        ).to_be_visible()
        wait_for_app(page)
        for text in shown_after:
            assert _in_dom(page, text), f"{question_id}: {text!r} is not on the page after checking"
            assert _in_frames(frames, text), f"{question_id}: {text!r} was not sent after checking"
        frames.clear()
        page.locator(".st-key-quiz-next button").click()

    expect(page.get_by_test_id("stMetricValue").first).to_be_visible()
    assert console_errors.unexpected((DEEP_LINK_404,)) == []
