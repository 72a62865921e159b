"""A Streamlit 1.67 session without a browser: the frontend's side of the WebSocket protocol,
small enough to run a hundred learners from one Python process.

What it does, and where the frontend does the same (``static/js/index.*.js`` of streamlit 1.67,
``App.sendRerunBackMsg``, ``WidgetStateManager``, ``AppNavigation``, ``AppRoot``):

- **Connect** to ``ws://HOST/_stcore/stream`` with the subprotocol ``streamlit``. The browser
  also puts the ``_streamlit_xsrf`` cookie's token second in the subprotocol list, but the server
  accepts the socket without it: the token only unlocks reading the auth cookie of
  ``st.login`` (``starlette_websocket._websocket_endpoint``), which this app does not use. So no
  ``GET /`` comes first and no cookie is sent. The server runs nothing until asked.
- **Open a page** as a deep link does: the first ``rerun_script`` carries the URL's query string
  and, with no page known yet, ``page_name`` = the URL path (``quiz``) and an empty
  ``page_script_hash``; the server resolves the name against ``st.navigation``'s ``url_path``
  values (``PagesManager._resolve_page_script``).
- **Follow the page**: ``new_session`` and then ``navigation`` name the page this run draws (with
  ``st.navigation``, ``new_session`` carries the main script's hash and ``navigation`` the page's);
  every later rerun sends that ``page_script_hash`` and no name, and the URL path becomes that
  page's ``url_pathname`` ("" for the default page). ``page_not_found`` makes the main script's
  hash the page's, as the browser does (with ``st.navigation`` a ``navigation`` message naming
  the default page follows it), and is recorded.
- **Follow the query string**: ``page_info_changed`` replaces it (``st.query_params`` writes,
  and ``st.switch_page(..., query_params=...)``); every rerun sends the latest one, as the browser
  sends ``location.search``. Sending a stale one would hand the app an old ``?t=`` token.
- **Page switches**: ``st.switch_page`` is done by the server: it sends ``page_info_changed``,
  ends the run with ``FINISHED_EARLY_FOR_RERUN`` and starts the new page's run itself
  (``new_session``, ``navigation``, deltas). A rerun therefore waits until a run finishes any
  other way, reading every message on the way.
- **Elements**: ``delta`` messages put ``new_element`` / ``add_block`` at ``metadata.delta_path``
  (root container first: 0 main, 1 sidebar, 2 event, 3 bottom). A block that replaces a block of
  the same type keeps its children; anything else drops them. When a full run finishes, nodes
  that run did not write are dropped (the frontend's ``clearStaleNodes``).
- **Widgets**: ids are ``$$ID-{hash}-{user key}`` (``elements/lib/utils._compute_element_id``),
  so a widget is found by its key. The client holds a value for every widget on the page, as the
  frontend's widget manager does: the proto's default when it first appears, the server's value
  when the proto says ``set_value``. Radio and selectbox values are *option strings*
  (``string_value``, 1.67's ``RadioSerde``/``SelectboxSerde``), set here by option index; a
  checkbox is a ``bool_value``; a button click is a one-off ``trigger_value``. Every change sends
  a rerun with all held states, and the values of widgets a finished run no longer drew are
  dropped (``removeInactive``).

Not done, on purpose (this app does not need them): forms (a submit sends the form's pending
values), fragments and ``run_every`` (``auto_rerun``), other widget types (their state is left
out of the rerun, which the server reads as "unchanged"), transient elements (spinners, toasts:
ignored), the forward-message cache (the client reports no cached hashes, so the server sends
every message whole, where a browser would get references to big messages it has seen),
heartbeats, and clicking ``st.page_link`` (a browser-side page change). The client waits for each
run to finish before its next interaction; a browser learner may click while a run is still
going, which the server answers by stopping that run (``runner.fastReruns``).

Timing, as seen on this machine (loopback, BBR congestion control): the first message of a run
arrives at once, the rest only after the client's delayed ACK (40 ms), so a rerun the server does
in 10 ms of CPU arrives in 48 ms. Both of the websockets package's clients saw it; a browser,
which sets no TCP_QUICKACK either, should wait the same (not measured). ``quick_ack=True``
acknowledges every read at once (TCP_QUICKACK, Linux) to measure the server alone.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import TracebackType

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Block_pb2 import Block
from streamlit.proto.Delta_pb2 import Delta
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.common import GENERATED_ELEMENT_ID_PREFIX, user_key_from_element_id
from websockets.asyncio.client import ClientConnection
from websockets.typing import Origin, Subprotocol

DeltaPath = tuple[int, ...]  # root container (0 main, 1 sidebar, 2 event, 3 bottom), then indices
#: The widgets whose values this client holds and can set.
VALUE_WIDGETS = ("radio", "selectbox", "checkbox")
WIDGETS = (*VALUE_WIDGETS, "button")
FEEDBACK_FORMATS = (Alert.SUCCESS, Alert.ERROR)
DEFAULT_TIMEOUT_S = 120.0


class ProtocolError(RuntimeError):
    """The server said something this client cannot follow, or did not answer in time."""


class WidgetNotFound(ProtocolError, LookupError):
    """No widget with that key (and of that type) is on the page."""


def user_key(widget_id: str) -> str | None:
    """The key a script gave a widget (``st.radio(..., key=...)``), from its element id."""
    if not widget_id.startswith(GENERATED_ELEMENT_ID_PREFIX):
        return None
    return user_key_from_element_id(widget_id)


def widget_of(element: Element) -> tuple[str, str] | None:
    """``(type, id)`` of a widget element this client knows, or None."""
    kind = element.WhichOneof("type")
    if kind not in WIDGETS:
        return None
    return kind, getattr(element, kind).id


def is_feedback(element: Element) -> bool:
    """An ``st.success`` or ``st.error`` box."""
    return element.WhichOneof("type") == "alert" and element.alert.format in FEEDBACK_FORMATS


@dataclass
class Node:
    """One element or block of the page, and the run that last wrote it."""

    run_id: str
    element: Element | None = None
    block: Block | None = None


class ElementTree:
    """The page as the deltas built it: nodes by delta path."""

    def __init__(self) -> None:
        self.nodes: dict[DeltaPath, Node] = {}

    def apply(self, path: DeltaPath, delta: Delta, run_id: str) -> Element | None:
        """Put a delta at ``path``; return the element it drew, if it drew one."""
        kind = delta.WhichOneof("type")
        existing = self.nodes.get(path)
        if kind == "add_block":
            keep = (
                existing is not None
                and existing.block is not None
                and existing.block.WhichOneof("type") == delta.add_block.WhichOneof("type")
            )
            if not keep:
                self._drop_below(path)
            self.nodes[path] = Node(run_id, block=delta.add_block)
            return None
        if kind == "new_element":
            self._drop_below(path)
            self.nodes[path] = Node(run_id, element=delta.new_element)
            return delta.new_element
        return None  # new_transient: spinners and toasts draw nothing this client reads

    def clear_stale(self, run_id: str) -> None:
        """Drop what the finished run ``run_id`` did not draw."""
        self.nodes = {path: node for path, node in self.nodes.items() if node.run_id == run_id}

    def _drop_below(self, path: DeltaPath) -> None:
        depth = len(path)
        for below in [other for other in self.nodes if len(other) > depth and other[:depth] == path]:
            del self.nodes[below]

    def elements(self) -> Iterator[Element]:
        """Every element, in page order (delta paths sort as the page reads)."""
        for path in sorted(self.nodes):
            element = self.nodes[path].element
            if element is not None:
                yield element

    def blocks(self, kind: str) -> Iterator[Block]:
        """Every block of one type (``expandable``, ``vertical``, ...), in page order."""
        for path in sorted(self.nodes):
            block = self.nodes[path].block
            if block is not None and block.WhichOneof("type") == kind:
                yield block


@dataclass(frozen=True)
class Arrival:
    """An element as it arrived: seconds after the rerun was sent, and the page it was drawn on."""

    seconds: float
    page: str
    element: Element


@dataclass
class Run:
    """What one rerun request brought, until its run (or the run it switched to) finished."""

    sent_at: float
    arrivals: list[Arrival] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # url paths drawn, in order
    status: int | None = None  # ForwardMsg.ScriptFinishedStatus of the last run

    def first(self, wanted: Callable[[Element], bool]) -> Arrival | None:
        """The first element that arrived and is ``wanted``."""
        return next((arrival for arrival in self.arrivals if wanted(arrival.element)), None)


class Session:
    """One browser tab's session on a Streamlit server: ``async with Session(url, "quiz", q) as tab``."""

    def __init__(
        self,
        base_url: str,
        path: str = "",
        query_string: str = "",
        timeout: float = DEFAULT_TIMEOUT_S,
        quick_ack: bool = False,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.path = path.strip("/")  # the URL path of the page, as the browser's address bar shows it
        self.query_string = query_string.lstrip("?")
        self.timeout = timeout
        self.quick_ack = quick_ack
        self.tree = ElementTree()
        self.page_script_hash = ""
        self.main_script_hash = ""
        self.pages: dict[str, str] = {}  # page script hash -> url path, from `navigation`
        self.seen_keys: set[str] = set()  # every widget key any run ever drew
        self.pages_not_found: list[str] = []
        self.states: dict[str, WidgetState] = {}  # widget id -> the value the "browser" holds
        self.run_id = ""
        self._socket: ClientConnection | None = None

    @property
    def url(self) -> str:
        """The address bar."""
        return f"{self.base_url}/{self.path}" + (f"?{self.query_string}" if self.query_string else "")

    async def connect(self) -> Run:
        """Open the socket and run the page at ``path``; return once it has finished."""
        stream = self.base_url.replace("http", "ws", 1) + "/_stcore/stream"
        # No proxy: a proxy from the environment must not sit between the client and 127.0.0.1.
        # No client pings: browsers send none, and a ping unanswered under load closes the socket.
        self._socket = await websockets.connect(
            stream,
            subprotocols=[Subprotocol("streamlit")],
            origin=Origin(self.base_url),
            max_size=None,
            proxy=None,
            ping_interval=None,
            open_timeout=self.timeout,
        )
        self._ack_now()
        return await self.rerun()

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
            self._socket = None

    async def __aenter__(self) -> Session:
        await self.connect()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()

    # ------------------------------------------------------------ interactions

    def widget(self, key: str) -> Element:
        """The widget on the page with this user key."""
        for element in self.tree.elements():
            found = widget_of(element)
            if found is not None and user_key(found[1]) == key:
                return element
        raise WidgetNotFound(f"no widget with key {key!r} on /{self.path}; keys: {sorted(self.widget_keys())}")

    def widget_keys(self) -> list[str]:
        """The user keys of the widgets on the page now."""
        keys = [user_key(found[1]) for found in map(widget_of, self.tree.elements()) if found is not None]
        return [key for key in keys if key is not None]

    def value(self, key: str) -> str | bool | None:
        """The value the client holds for a radio, selectbox or checkbox (None: nothing chosen)."""
        _, kind, widget_id = self._widget(key, VALUE_WIDGETS)
        state = self.states.get(widget_id)
        if state is None or state.WhichOneof("value") is None:
            return None
        return state.bool_value if kind == "checkbox" else state.string_value

    async def set_radio(self, key: str, index: int) -> Run:
        """Pick option ``index`` of a radio (by position in its shown options)."""
        return await self._set_option(key, index, "radio")

    async def set_selectbox(self, key: str, index: int) -> Run:
        """Pick option ``index`` of a selectbox."""
        return await self._set_option(key, index, "selectbox")

    async def set_checkbox(self, key: str, checked: bool) -> Run:
        _, _, widget_id = self._widget(key, ("checkbox",))
        self.states[widget_id] = WidgetState(id=widget_id, bool_value=checked)
        return await self.rerun()

    async def click(self, key: str) -> Run:
        """Click a button: one rerun whose trigger is true for that button only."""
        _, _, widget_id = self._widget(key, ("button",))
        return await self.rerun(WidgetState(id=widget_id, trigger_value=True))

    async def _set_option(self, key: str, index: int, kind: str) -> Run:
        element, _, widget_id = self._widget(key, (kind,))
        options = getattr(element, kind).options
        if not 0 <= index < len(options):
            raise IndexError(f"{kind} {key!r} has {len(options)} options, not an option {index}")
        self.states[widget_id] = WidgetState(id=widget_id, string_value=options[index])
        return await self.rerun()

    def _widget(self, key: str, kinds: tuple[str, ...]) -> tuple[Element, str, str]:
        """``(element, type, id)`` of the widget with this key, which must be one of ``kinds``."""
        element = self.widget(key)
        found = widget_of(element)
        assert found is not None  # widget() returns widgets only
        kind, widget_id = found
        if kind not in kinds:
            raise WidgetNotFound(f"widget {key!r} is a {kind}, not a {' or '.join(kinds)}")
        return element, kind, widget_id

    # ------------------------------------------------------------ reading the page

    def alerts(self) -> list[tuple[str, str]]:
        """``(format, body)`` of every alert box: ``("success", "...")``, ``("error", ...)``."""
        return [
            (Alert.Format.Name(element.alert.format).lower(), element.alert.body)
            for element in self.tree.elements()
            if element.WhichOneof("type") == "alert"
        ]

    def markdown(self) -> list[str]:
        """The source of every markdown element (``st.markdown``, ``st.caption``, ...)."""
        return [element.markdown.body for element in self.tree.elements() if element.WhichOneof("type") == "markdown"]

    def metrics(self) -> list[tuple[str, str]]:
        """``(label, value)`` of every ``st.metric``."""
        return [
            (element.metric.label, element.metric.body)
            for element in self.tree.elements()
            if element.WhichOneof("type") == "metric"
        ]

    def expanders(self) -> list[str]:
        """The label of every ``st.expander``."""
        return [block.expandable.label for block in self.tree.blocks("expandable")]

    def exceptions(self) -> list[str]:
        """``Type: message`` of every exception drawn on the page (an app error)."""
        return [
            f"{element.exception.type}: {element.exception.message}"
            for element in self.tree.elements()
            if element.WhichOneof("type") == "exception"
        ]

    # ------------------------------------------------------------ the protocol

    async def rerun(self, trigger: WidgetState | None = None) -> Run:
        """Send a rerun with every held widget value (and ``trigger``, this once), then read
        messages until the run finishes; a run that ends early for a rerun (``st.switch_page``,
        ``st.rerun``) is followed into the next."""
        if self._socket is None:
            raise ProtocolError("not connected")
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query_string
        if self.page_script_hash:
            state.page_script_hash = self.page_script_hash
        else:
            state.page_name = self.path  # a deep link: the server finds the page by its url_path
        state.widget_states.widgets.extend(self.states.values())
        if trigger is not None:
            state.widget_states.widgets.append(trigger)
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
        info.url, info.is_embedded, info.color_scheme = self.url, False, "light"
        run = Run(time.perf_counter())
        await self._socket.send(back.SerializeToString())
        self._ack_now()
        try:
            async with asyncio.timeout(self.timeout):
                async for raw in self._socket:
                    if isinstance(raw, str):
                        raise ProtocolError(f"a text frame: {raw[:80]!r}")
                    self._ack_now()
                    message = ForwardMsg.FromString(raw)
                    if self._receive(message, run):
                        return run
        except TimeoutError:
            raise ProtocolError(f"/{self.path}: no end of run within {self.timeout:.0f} s") from None
        raise ProtocolError(f"/{self.path}: the server closed the socket before the run finished")

    def _ack_now(self) -> None:
        """With ``quick_ack``, acknowledge what arrives at once (Linux's TCP_QUICKACK, which the
        kernel turns off again by itself, hence on every read): see the module's note on timing."""
        if self.quick_ack and self._socket is not None and hasattr(socket, "TCP_QUICKACK"):
            connection = self._socket.transport.get_extra_info("socket")
            if connection is not None:
                connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)

    def _receive(self, message: ForwardMsg, run: Run) -> bool:
        """Apply one message; True when it ends the run ``run`` waits for."""
        kind = message.WhichOneof("type")
        if kind == "new_session":
            if not message.metadata.run.fragment_ids:
                self.run_id = message.metadata.run.script_run_id
                self.main_script_hash = message.new_session.main_script_hash
                self.page_script_hash = message.new_session.page_script_hash
        elif kind == "navigation":
            self.pages = {
                page.page_script_hash: "" if page.is_default else page.url_pathname
                for page in message.navigation.app_pages
            }
            self.page_script_hash = message.navigation.page_script_hash
            self.path = self.pages.get(self.page_script_hash, self.path)
            run.pages.append(self.path)
        elif kind == "page_not_found":
            self.pages_not_found.append(message.page_not_found.page_name)
            self.page_script_hash = self.main_script_hash
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "delta":
            element = self.tree.apply(tuple(message.metadata.delta_path), message.delta, self.run_id)
            if element is not None:
                run.arrivals.append(Arrival(time.perf_counter() - run.sent_at, self.path, element))
                self._hold(element)
        elif kind == "script_finished":
            run.status = message.script_finished
            if run.status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return False  # the server starts the next run itself
            if run.status == ForwardMsg.FINISHED_SUCCESSFULLY:
                self.tree.clear_stale(self.run_id)
                drawn = {found[1] for found in map(widget_of, self.tree.elements()) if found is not None}
                self.states = {widget_id: value for widget_id, value in self.states.items() if widget_id in drawn}
            return True
        elif kind == "session_event" and message.session_event.HasField("script_compilation_exception"):
            raise ProtocolError(
                f"the script does not compile: {message.session_event.script_compilation_exception.message}"
            )
        return False

    def _hold(self, element: Element) -> None:
        """Take a widget's value as the frontend does when it draws the widget."""
        found = widget_of(element)
        if found is None:
            return
        kind, widget_id = found
        key = user_key(widget_id)
        if key is not None:
            self.seen_keys.add(key)
        if kind == "checkbox":
            checkbox = element.checkbox
            if checkbox.set_value or widget_id not in self.states:
                self.states[widget_id] = WidgetState(
                    id=widget_id, bool_value=checkbox.value if checkbox.set_value else checkbox.default
                )
        elif kind in ("radio", "selectbox"):
            choice = getattr(element, kind)
            if choice.set_value:
                # The server set it (session state, or a reset): its raw value, or nothing chosen.
                self.states[widget_id] = (
                    WidgetState(id=widget_id, string_value=choice.raw_value)
                    if choice.HasField("raw_value")
                    else WidgetState(id=widget_id)
                )
            elif widget_id not in self.states:
                has_default = choice.HasField("default") and len(choice.options) > 0
                self.states[widget_id] = (
                    WidgetState(id=widget_id, string_value=choice.options[choice.default])
                    if has_default
                    else WidgetState(id=widget_id)
                )
