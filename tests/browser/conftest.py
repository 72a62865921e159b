"""Fixtures for end-to-end tests: headless Chromium against `streamlit run`.

Every test under tests/browser/ gets the `browser` marker, so
`pytest -m "not browser"` runs the quick suite alone.

Chromium: Debian's /usr/bin/chromium (Playwright cannot download browsers
here). Without one, browser tests skip, except under CI=true where they fail:
CI must not go green by skipping. `QUIZ_CHROMIUM=PATH` forces a binary; a path
that does not exist hides Chromium, to check that logic.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Error,
    Page,
    expect,
    sync_playwright,
)

from tests.support.server import (
    CHROMIUM_ARGS,
    CHROMIUM_MISSING,
    REPO_ROOT,
    StreamlitServer,
    find_chromium,
)
from tests.support.server import (
    start_streamlit as _start_streamlit,
)

HERE = Path(__file__).resolve().parent
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
APP_SCRIPT = REPO_ROOT / "app.py"
#: Generous: the first script run on 2 cores, with imports, can take seconds.
APP_TIMEOUT_MS = 30_000

#: Console errors that a *healthy* page never logs but a page whose server was
#: SIGKILLed always does (seen with Streamlit 1.67 and Chromium 156): the
#: browser reports each refused health/host-config poll as an error, and
#: Streamlit logs "server is not responding". Fault tests pass these to
#: `console_errors.unexpected(...)`; nothing else is filtered anywhere. A
#: refused *static/js* chunk is not in the list: it means the server died
#: while the page was still lazy-loading widget code ("Failed to fetch
#: dynamically imported module" was logged when killed right after `goto`),
#: so call `wait_for_app` before killing a server.
SERVER_DOWN_CONSOLE_ERRORS = (
    re.compile(
        r"^Failed to load resource: net::ERR_CONNECTION_REFUSED"
        r" \(http://127\.0\.0\.1:\d+/_stcore/(health|host-config)\)$"
    ),
    re.compile(r"^Client Error in reaching server endpoint - No response received"),
    re.compile(r"^Streamlit server is not responding\."),
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


def chromium_or_skip() -> str:
    """The Chromium to launch; skip the test without one (fail under CI=true)."""
    path = find_chromium()
    if path is None:
        if os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}:
            pytest.fail(CHROMIUM_MISSING, pytrace=False)
        pytest.skip(CHROMIUM_MISSING)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session; contexts keep tests apart."""
    executable = chromium_or_skip()  # before starting Playwright's driver
    runner = sync_playwright().start()
    try:
        browser = runner.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        runner.stop()


@pytest.fixture()
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh context (no cookies, no storage) with a 1280x900 desktop page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    _screenshot_if_failed(request, page)
    context.close()


@pytest.fixture()
def phone_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh context emulating a phone: 390x844 CSS pixels at 2x, touch."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    yield page
    _screenshot_if_failed(request, page)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    # Keep the call-phase report on the item so page fixtures can see a failure.
    setattr(item, f"_report_{report.when}", report)
    return report


def _screenshot_if_failed(request: pytest.FixtureRequest, page: Page) -> None:
    report = getattr(request.node, "_report_call", None)
    if report is None or not report.failed or page.is_closed():
        return
    name = "FAILED-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
    try:
        screenshot(page, name)
    except Error:
        pass  # a crashed page cannot be captured; the failure itself is reported


@pytest.fixture()
def start_streamlit() -> Iterator[Callable[..., StreamlitServer]]:
    """Factory: `start_streamlit(script, env=None, port=None)` -> a healthy server.

    The server object has `.url`, `.process`, `.stop()`, `.kill()` (SIGKILL)
    and `.restart()` (same port). Every server started is stopped at teardown.
    """
    servers: list[StreamlitServer] = []

    def start(
        script_path: str | os.PathLike[str],
        env: Mapping[str, str | None] | None = None,
        port: int | None = None,
    ) -> StreamlitServer:
        server = _start_streamlit(script_path, env=env, port=port)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def app_server() -> Iterator[StreamlitServer]:
    """`streamlit run app.py` from the repo root with the default banks."""
    if not APP_SCRIPT.exists():
        pytest.skip(f"{APP_SCRIPT} does not exist yet: nothing to test end to end")
    with _start_streamlit(APP_SCRIPT, env={"QUIZ_BANKS": None}) as server:
        yield server


#: Streamlit scrolls inside its own container, not the document, so Playwright's
#: `full_page=True` alone captures only the viewport. This finds how tall the
#: viewport must be for every scrollable element to show all its content.
_FULL_HEIGHT_JS = """() => {
  let height = document.documentElement.scrollHeight;
  for (const el of document.querySelectorAll('*')) {
    const overflow = getComputedStyle(el).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight) {
      height = Math.max(height, window.innerHeight + el.scrollHeight - el.clientHeight);
    }
  }
  return Math.ceil(height);
}"""


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG as artifacts/screenshots/NAME.png; return its path.

    The viewport is stretched to the content's height for the shot, then put
    back, so content below the fold of Streamlit's scroll container is in it.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    viewport = page.viewport_size
    height = page.evaluate(_FULL_HEIGHT_JS)
    if viewport is not None and height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": height})
        # Two animation frames: layout has run for the new size before the shot.
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        try:
            page.screenshot(path=path, full_page=True)
        finally:
            page.set_viewport_size(viewport)
    else:
        page.screenshot(path=path, full_page=True)
    return path


def wait_for_app(page: Page, timeout: float = APP_TIMEOUT_MS) -> None:
    """Wait until Streamlit has connected, run the script and drawn the result.

    Streamlit 1.67 publishes its state on the root element:
    `<div data-testid="stApp" data-test-connection-state="CONNECTED"
    data-test-script-state="notRunning">`; the script state starts at
    `initial`, so after `goto` this cannot pass before the first run ends.
    Elements whose JavaScript chunk is still loading show `stSkeleton`.
    The "Running..." icon (`stStatusWidgetRunningIcon`) appears only once a run
    has lasted 500 ms, so it is checked last, never relied on alone.

    After a click, prefer `expect(<what the user should see>)`: Streamlit does
    not mark the app as running until the server answers, so right after a
    click the app still reads `notRunning` from the previous run, and short
    reruns may never show `running` in the DOM at all.
    """
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=timeout)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=timeout)
    # Screenshots taken before the web fonts arrive show fallback fonts.
    page.evaluate("document.fonts.ready.then(() => true)")


class ConsoleErrors(list[str]):
    """Console errors and uncaught exceptions of one page, as text."""

    def unexpected(self, allowed: tuple[re.Pattern[str], ...] = ()) -> list[str]:
        """The errors not matched by any pattern in `allowed`."""
        return [text for text in self if not any(p.search(text) for p in allowed)]


def watch_console(page: Page) -> ConsoleErrors:
    """Collect `page`'s console errors and page errors from now on.

    Warnings are not collected: Streamlit logs the WebSocket closing as a
    warning. A healthy Streamlit 1.67 page logs no errors at all while loading
    and rerunning, so by default nothing is filtered.
    """
    errors = ConsoleErrors()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            errors.append(f"{message.text} ({where})" if where else message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors


@pytest.fixture()
def console_errors(page: Page) -> ConsoleErrors:
    """Errors logged by the `page` fixture's page during the test."""
    return watch_console(page)
