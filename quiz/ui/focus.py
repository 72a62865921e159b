"""Where the page stands after a change: its top, or the control a keyboard user needs next.

Streamlit keeps the scroll position of its inner container when it switches pages, and leaves the
focus where it was (or on nothing) after a rerun; these run a line of the app's own JavaScript.
"""

from __future__ import annotations

import json

import streamlit as st

_MAIN = '[data-testid="stMain"]'


def top_ui(key: str) -> None:
    """Open the page at its top (``key`` makes a new element per visit, so it runs each time)."""
    _run(f"document.querySelector('{_MAIN}')?.scrollTo(0, 0); window.scrollTo(0, 0);", key)


def focus_ui(selector: str, key: str) -> None:
    """Move the keyboard focus to the first element matching ``selector`` once it is drawn."""
    _when_drawn(selector, "el.focus({preventScroll: false});", key)


def into_view_ui(selector: str, key: str) -> None:
    """Scroll the first element matching ``selector`` to the top of the view once it is drawn, and
    give it the focus (a screen reader reads it next). A link that opens something at the top of the
    page it is on seemed to do nothing: Streamlit keeps its inner container's scroll on a rerun."""
    _when_drawn(
        selector,
        "el.style.scrollMarginTop = '4.5rem'; el.scrollIntoView({block: 'start'});"
        " el.setAttribute('tabindex', '-1'); el.focus({preventScroll: true});",
        key,
    )


def _when_drawn(selector: str, action: str, key: str) -> None:
    """Run ``action`` on ``el``, the first element matching ``selector``, as soon as it is drawn, and
    again whenever Streamlit redraws it as a new element while the focus is lost (on nothing, or on
    the page's body), for 10 s: a slow phone or a loaded server can draw it, or draw it again, seconds
    later. Once the learner has moved the focus elsewhere, a redraw leaves it there."""
    target = json.dumps(selector)
    _run(
        "let done = null, n = 0; const go = () => { const el = document.querySelector(" + target + ");"
        " const lost = !document.activeElement || document.activeElement === document.body;"
        " if (el && el !== done && (!done || lost)) { " + action + " done = el; }"
        " if (n++ < 500) { setTimeout(go, 20); } }; go();",
        key,
    )


def _run(script: str, key: str) -> None:
    # The key in a comment: the same script drawn twice in a row would not be mounted (and run) again.
    # In a function of its own: a second run's `const` would clash with the first's in the page's scope.
    st.html(f"<script>/* {key} */ (() => {{ {script} }})();</script>", unsafe_allow_javascript=True, width="content")
