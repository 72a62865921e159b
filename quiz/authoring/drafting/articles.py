"""Whether a text is an article ``quiz draft`` can read: English prose, not a web page, not a huge file.

Each check returns the reason in words, or ``""``; the caller refuses before anything is written.
The language is told by ``py3langid`` (a naive Bayes model shipped inside the package:
offline, deterministic). On a text of 20 words or more its best guess decides. On a shorter one (a
headline, a sentence) a guess is less sure, so the text is refused only when English is under a
hundredth as likely as the language it reads as. Measured on the seen corpus's sentences cut to their
first 3 to 19 words (6,257 texts), that refuses none; the least sure English ones are bylines of names
("By Priya Nandakumar": English 0.015 as likely), and 30 short texts of 3 to 12 words in 12 other
languages are all under 0.0075. That margin is thin, and with one or two words there is no telling
at all ("Haddad" reads as Somali), so a text of fewer than 3 words is refused as too short to draft from.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

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
_FEWEST_WORDS = 3
_SURE_WORDS = 20  # from this many words on, the model's best guess is trusted
_SHORT_ODDS = 0.01  # below it, English must be under this share as likely as the language found


@cache
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # here: loading it takes a third of a second

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_problem(text: str) -> str:
    """Why ``text`` is not English, or ``""``: what it reads as, judged as the module's docstring says."""
    ranked = dict(_identifier().rank(text))
    found = max(ranked, key=lambda language: ranked[language])
    if found == "en":
        return ""
    count = len(text.split())
    if count < _SURE_WORDS and ranked.get("en", 0.0) >= _SHORT_ODDS * ranked[found]:
        return ""  # too little text to say it is not English
    name = _LANGUAGES.get(found, f"language code {found!r}")
    told = "" if count >= _SURE_WORDS else f" (told from its {count} word{'s' if count > 1 else ''})"
    return f"the article reads as {name}, not English{told}; quiz draft reads English articles only"


def article_problem(text: str) -> str:
    """Why ``text`` cannot be drafted from, or ``""`` when it can."""
    tags = _TAG.findall(text)
    if re.match(r"\s*<(?:!doctype|html)\b", text, re.I) or len(tags) >= 5:
        return (
            "this is HTML (a saved web page), not the article's text; copy the article's text into a .txt or"
            " .md file (or save the page as plain text) and try again"
        )
    count = len(text.split())
    if count < _FEWEST_WORDS:
        return (
            f"the article is {count} word{'s' if count > 1 else ''} long, too short to draft from (or to tell"
            " its language); give the article's whole text"
        )
    return language_problem(text)
