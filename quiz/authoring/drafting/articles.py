"""Whether a text is an article ``quiz draft`` can read: English prose, not a web page, not a huge file.

Each check returns the reason in words, or ``""``; the caller refuses before anything is written.
The language is told by ``py3langid`` (a naive Bayes model shipped inside the package:
offline, deterministic), only on texts long enough for it to be sure.
"""

from __future__ import annotations

import re

MAX_ARTICLE_BYTES = 2 * 2**20
_TAG = re.compile(r"<(?:!doctype|html|head|body|div|p|span|script|style|article|meta|link|a|br|table)\b[^>]*>", re.I)
_LANGUAGES = {
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "ru": "Russian",
    "zh": "Chinese",
    "ja": "Japanese",
    "ar": "Arabic",
    "tr": "Turkish",
    "sv": "Swedish",
    "da": "Danish",
}
_MIN_WORDS_FOR_LANGUAGE = 20


def article_problem(text: str) -> str:
    """Why ``text`` cannot be drafted from, or ``""`` when it can."""
    tags = _TAG.findall(text)
    if re.match(r"\s*<(?:!doctype|html)\b", text, re.I) or len(tags) >= 5:
        return (
            "this is HTML (a saved web page), not the article's text; copy the article's text into a .txt or"
            " .md file (or save the page as plain text) and try again"
        )
    if len(text.split()) >= _MIN_WORDS_FOR_LANGUAGE:
        import py3langid  # here: loading its model takes a third of a second

        language, _ = py3langid.classify(text)
        if language != "en":
            name = _LANGUAGES.get(language, f"language code {language!r}")
            return f"the article reads as {name}, not English; quiz draft reads English articles only"
    return ""
