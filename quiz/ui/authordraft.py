"""Draft from articles, on the Author page: paste or upload one to four articles, see the sources,
claims and questions drafted from them as a learner and as an author would, accept, edit or reject
each, and save what was accepted into the bank as one new file, with the page's atomic save.

The drafting is ``quiz draft``'s, with its checks of each article (``quiz/authoring/drafting/review.py``
decides, this draws). Claims are drawn side by side as on the Claims page (``quiz/ui/ledger.py``);
questions with the quiz's own widgets (``quiz/ui/question.py``), their citations opened in place (the
sources are not in the bank until the save). A claim or question is edited in the Author page's own
form (``authorform``, ``authorsections``, written into its YAML by ``review.with_form``) or as YAML; a
source as YAML. Once saved, the new file opens in the page's editor.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from quiz.authoring import edit
from quiz.authoring.drafting import review as drafting
from quiz.authoring.drafting.articles import MAX_ARTICLE_BYTES
from quiz.bank.load import LoadResult
from quiz.bank.model import Bank, Question
from quiz.play import engine
from quiz.ui import authorform, authorsections, markup, question, state
from quiz.ui.formparts import Editing
from quiz.ui.ledger import claim_ui, legend_ui

REVIEW = "author-draft-review"  # the draft under review (a drafting.Review)
ROUND = "author-draft-round"  # how many drafts this session made: a new draft gets fresh widgets
REFUSAL = "author-draft-refusal"  # why the last articles were not drafted
NOTICE = "author-draft-notice"  # (kind, words): what the last save did
LAST_CHECK = "author-draft-last-check"  # which -> ((round, text, sources), the check of that text)
CHECKED = "author-draft-checked"  # preview widget key -> the answer checked
CHOICES = "author-draft-choices"  # each item's Accept or Reject and YAML (widget key -> value), see keep_choices
FORM = "author-draft-form"  # the one item open in a form (two forms would share the source picker's widgets)
PASTE_BOXES = 4
ACCEPT, REJECT = "Accept", "Reject"
SECTION_TITLES = {"sources": "Sources", "claims": "Claims", "questions": "Questions"}


def draft_ui(roots: list[Path], folder: Path) -> None:
    """The whole of it, in an expander under the page's editor (open while a draft is under review),
    for the bank chosen on the page."""
    st.session_state.setdefault(ROUND, 0)
    st.session_state.setdefault(CHECKED, {})
    under_review: drafting.Review | None = st.session_state.get(REVIEW)
    opened = under_review is not None or bool(st.session_state.get(NOTICE) or st.session_state.get(REFUSAL))
    with st.expander("Draft from articles", icon=":material/article:", expanded=opened):
        st.markdown(
            "Paste or upload one to four news articles on one story, for the bank chosen above. The drafter adds"
            " each as a source, finds what they agree and disagree on (the claims) and drafts questions on it."
            " Nothing is written until you save, and only what you accept."
        )
        articles_ui(folder)
        if st.session_state.get(REFUSAL):
            st.error(f"Nothing was drafted: {markup.literal(st.session_state[REFUSAL])}", icon=":material/block:")
        notice = st.session_state.get(NOTICE)
        if notice:
            (st.success if notice[0] == "success" else st.error)(markup.literal(notice[1]))
        if under_review is not None and under_review.folder == folder:
            review_ui(roots, under_review)


def unsaved() -> list[str]:
    """The file the draft under review would go into: the page marks it unsaved, keeps the draft with its
    choices over a reload (``authorkeep``) and warns before leaving, until it is saved or discarded."""
    review: drafting.Review | None = st.session_state.get(REVIEW)
    return [f"{review.name} (the draft under review)"] if review is not None else []


# ---------------------------------------------------------------- the articles


def articles_ui(folder: Path) -> None:
    with st.form("author-draft-articles", border=True):
        st.file_uploader(
            "Upload articles (plain text or Markdown, UTF-8)",
            accept_multiple_files=True,
            key="author-draft-uploads",
            max_upload_size=-(-MAX_ARTICLE_BYTES // 2**20),  # MB: the uploader said 200MB, Streamlit's own limit
        )
        st.caption("Or paste each article's text, its headline on the first line:")
        for first in range(1, PASTE_BOXES + 1, 2):  # row by row: on a phone the boxes stack as 1, 2, 3, 4
            for column, number in zip(st.columns(2), (first, first + 1)):
                with column:
                    st.text_area(f"Article {number}", key=f"author-draft-paste-{number}", height=160)
        st.form_submit_button(
            "Draft", type="primary", icon=":material/auto_awesome:", on_click=start_draft, args=(folder,)
        )


def given_articles() -> list[tuple[str, bytes]]:
    """What was uploaded and pasted, as (name, bytes); a paste box left blank is no article."""
    given = [(upload.name, upload.getvalue()) for upload in st.session_state.get("author-draft-uploads") or []]
    for number in range(1, PASTE_BOXES + 1):
        text = st.session_state.get(f"author-draft-paste-{number}") or ""
        if text.strip():
            given.append((f"pasted article {number}", text.encode("utf-8")))
    return given


def start_draft(folder: Path) -> None:
    st.session_state[NOTICE] = None
    articles = drafting.read_articles(given_articles())
    if isinstance(articles, edit.Refusal):
        st.session_state[REFUSAL] = articles.reason
        st.session_state.pop(REVIEW, None)
        return
    st.session_state[REFUSAL] = ""
    st.session_state.pop(FORM, None)
    st.session_state.pop(CHOICES, None)
    st.session_state[REVIEW] = drafting.draft_review(folder, articles)
    st.session_state[ROUND] += 1


# ---------------------------------------------------------------- the review


def widget(name: str, item: drafting.Item) -> str:
    return f"author-draft-{st.session_state[ROUND]}-{name}-{item.key}"


def chosen(review: drafting.Review) -> list[tuple[drafting.Item, str]]:
    """The accepted items, each with its text as it is in its YAML box now."""
    return [
        (item, st.session_state.get(widget("text", item), item.text))
        for item in review.items
        if st.session_state.get(widget("verdict", item)) == ACCEPT
    ]


def checked(review: drafting.Review, text: str, sources: tuple[str, ...], which: str = "accepted") -> LoadResult:
    """The bank as it would be with the accepted items (or, ``which`` "edited", every item); reruns that
    change nothing (a click in a preview) reuse the last check, kept in this session (another session's
    draft is another review)."""
    key = (st.session_state[ROUND], text, sources)
    last: dict[str, tuple[object, LoadResult]] = st.session_state.setdefault(LAST_CHECK, {})
    if which not in last or last[which][0] != key:
        last[which] = (key, drafting.check(review, text, sources))
    return last[which][1]


def as_edited(review: drafting.Review) -> tuple[Bank | None, bool]:
    """The drafted bank with every item as its YAML box holds it now, accepted or not, so that what is
    previewed follows the edits; as drafted while nothing is edited, or while the edits do not load
    (the second value says so)."""
    texts = [(item, st.session_state.get(widget("text", item), item.text)) for item in review.items]
    if all(text == item.text for item, text in texts):
        return review.drafted.bank, True
    every = tuple(item.id for item in review.section("sources"))
    edited = checked(review, drafting.file_text(review, texts), every, "edited").bank
    return (edited, True) if edited is not None else (review.drafted.bank, False)


def review_ui(roots: list[Path], review: drafting.Review) -> None:
    counts = ", ".join(markup.count(len(review.section(section)), section[:-1]) for section in drafting.SECTIONS)
    st.subheader(f"Drafted: {counts}", anchor=False)
    st.markdown(
        f"They would go into a new file, **{markup.literal(review.name)}**. Accept or reject each; to change one "
        "before accepting it, open *Edit as a form* (claims and questions) or *Edit as YAML*. What you leave"
        " undecided is left out."
    )
    restore_choices()
    accepted = chosen(review)
    sources = tuple(item.id for item, _ in accepted if item.section == "sources")
    text = drafting.file_text(review, accepted)
    result = checked(review, text, sources)
    bank, edits_load = as_edited(review)
    if review.drafted.bank is None:  # the bank had errors of its own (another file) when the draft was made
        st.warning(
            "The bank does not load as it is, so the drafted claims and questions cannot be shown; the problems"
            " are listed under Save. Fix them in the editor above, then draft again.",
            icon=":material/warning:",
        )
    elif not edits_load:
        st.caption("With your edits the items do not load yet (see Save), so they are shown as drafted.")
    sources_tab, claims_tab, questions_tab = st.tabs(
        [f"{SECTION_TITLES[section]} ({len(review.section(section))})" for section in drafting.SECTIONS]
    )
    with sources_tab:
        decide_all_ui(review, "sources")
        for item in review.section("sources"):
            with item_ui(item, bank):
                source_ui(bank, item.id)
    with claims_tab:
        decide_all_ui(review, "claims")
        legend_ui()
        reporting = [item.id for item in review.section("sources")] or list(bank.sources if bank else [])
        for item in review.section("claims"):
            with item_ui(item, bank):
                if bank is not None and item.id in bank.claims:
                    claim_ui(bank, bank.claims[item.id], reporting_of(bank, item.id, reporting), links=False)
    with questions_tab:
        decide_all_ui(review, "questions")
        for item in review.section("questions"):
            with item_ui(item, bank):
                if bank is not None and item.about in bank.claims:
                    st.caption(f"On the claim: {markup.author(bank.claims[item.about].claim)}")
                if bank is not None and item.id in bank.questions:
                    preview_ui(bank, item)
    save_ui(roots, review, accepted, text, result)
    keep_choices(review)


def restore_choices() -> None:
    """Put back what the widgets lost: Streamlit forgets a widget's value after a run that does not draw
    it (another bank chosen above, and back), and a reload brings back only this copy (``authorkeep``)."""
    for name, value in st.session_state.get(CHOICES, {}).items():
        if name not in st.session_state:
            st.session_state[name] = value


def keep_choices(review: drafting.Review) -> None:
    names = [widget(what, item) for item in review.items for what in ("verdict", "text")]
    st.session_state[CHOICES] = {name: st.session_state[name] for name in names if name in st.session_state}


def decide_all_ui(review: drafting.Review, section: str) -> None:
    with st.container(horizontal=True):
        for verdict, icon in ((ACCEPT, ":material/done_all:"), (REJECT, ":material/remove_done:")):
            st.button(
                f"{verdict} all {SECTION_TITLES[section].lower()}",
                key=f"author-draft-{verdict.lower()}-all-{section}",
                icon=icon,
                type="tertiary",
                on_click=decide_all,
                args=(review, section, verdict),
            )


def decide_all(review: drafting.Review, section: str, verdict: str) -> None:
    for item in review.section(section):
        st.session_state[widget("verdict", item)] = verdict


def reporting_of(bank: Bank, claim_id: str, drafted: list[str]) -> list[str]:
    """The drafted sources, and any of the bank's own a claim quotes (an article the bank already had)."""
    quoted = [report.source for report in bank.claims[claim_id].reports]
    return list(dict.fromkeys([*drafted, *quoted]))


@contextmanager
def item_ui(item: drafting.Item, bank: Bank | None) -> Iterator[None]:
    """A bordered box for one item: its id, Accept or Reject, its form and its YAML to edit; the learner's
    view goes inside."""
    with st.container(border=True, key=f"author-draft-item-{item.section}-{item.id}"):
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(f"`{item.id.replace('`', '')}`", width="content")  # ids are slugs; code is shown as is
            st.radio(
                f"Keep {item.id}?",
                [ACCEPT, REJECT],
                index=None,
                horizontal=True,
                key=widget("verdict", item),
                label_visibility="collapsed",
            )
        if item.section in drafting.FORM_SECTIONS:
            form_ui(item, bank)  # before the YAML box: it writes into it
        with st.expander("Edit as YAML"):
            # Its text set once, not as the widget's value: a kept text is put back in its key (restore_choices).
            st.session_state.setdefault(widget("text", item), item.text)
            st.text_area(
                f"{item.id} (YAML)",
                key=widget("text", item),
                height=260,
                help="If you accept the item, the file gets it as written here.",
            )
        if st.session_state.get(widget("text", item), item.text) != item.text:
            st.caption("Edited: the file gets your text.")
        yield


def form_ui(item: drafting.Item, bank: Bank | None) -> None:
    """*Edit as a form*: the Author page's own form of a question or claim, its citations or reports picked
    from the drafted articles, writing into the item's YAML box; what the form cannot show stays YAML."""
    what = "question" if item.section == "questions" else "claim"
    if st.session_state.get(FORM) != item.key:
        st.button(
            "Edit as a form",
            key=widget("form-open", item),
            icon=":material/edit_note:",
            type="tertiary",
            disabled=bool(st.session_state.get(authorform.ON)),
            help=f"Write the {what} in fields; its YAML follows."
            if not st.session_state.get(authorform.ON)
            else "Turn off the page's own Edit as a form (above) first: one form at a time.",
            on_click=open_form,
            args=(item,),
        )
        return
    if st.session_state.get(authorform.ON):
        st.info("Turn off the page's own *Edit as a form* (above) to edit this one in a form: one form at a time.")
        close_ui(item)
        return
    editing = editing_of(item)
    if isinstance(editing, edit.Refusal):
        st.warning(
            f"This {what} cannot be shown in the form: {markup.literal(editing.reason)}. Edit it as YAML below.",
            icon=":material/edit_note:",
        )
        close_ui(item)
        return
    with st.container(border=True, key=f"author-draft-form-{item.section}-{item.id}"):
        if item.section == "questions":
            authorform.fields_ui(editing, bank)
            authorform.cites_ui(editing, bank)
        else:
            authorsections.claim_ui(editing, bank)
        close_ui(item)
    if editing.form == editing.written:
        return
    text = drafting.with_form(item, st.session_state[widget("text", item)], editing.form)
    if isinstance(text, edit.Refusal):
        st.error(f"The form's changes are kept but not in the YAML: {markup.literal(text.reason)}.")
        return
    editing.written = copy.deepcopy(editing.form)
    st.session_state[widget("text", item)] = text
    st.session_state[widget("editing", item)] = (editing, text)
    # Drawn again with the new text from the top: the previews, the checks and Save above and below
    # this box were drawn (or computed) with the text before it.
    st.rerun()


def editing_of(item: drafting.Item) -> Editing | edit.Refusal:
    """The item as the form holds it: read again from its YAML whenever that changed outside the form."""
    text = st.session_state.setdefault(widget("text", item), item.text)
    kept: tuple[Editing, str] | None = st.session_state.get(widget("editing", item))
    if kept is not None and kept[1] == text:
        return kept[0]
    form = drafting.form_of(item, text)
    if isinstance(form, edit.Refusal):
        return form
    editing = Editing(item.section, 0, form, copy.deepcopy(form), 0)
    # Numbered with the page's own form's openings: no two forms' widgets share a key.
    editing.opening = st.session_state[authorform.OPENINGS] = st.session_state.get(authorform.OPENINGS, -1) + 1
    st.session_state[widget("editing", item)] = (editing, text)
    return editing


def open_form(item: drafting.Item) -> None:
    st.session_state[FORM] = item.key
    st.session_state.pop(widget("editing", item), None)  # opened afresh from its YAML


def close_ui(item: drafting.Item) -> None:
    st.button(
        "Close the form", key=widget("form-close", item), icon=":material/close:", type="tertiary", on_click=close_form
    )


def close_form() -> None:
    st.session_state.pop(FORM, None)


def source_ui(bank: Bank | None, source_id: str) -> None:
    if bank is None or source_id not in bank.sources:
        return
    source = bank.sources[source_id]
    st.markdown(f"**{markup.author(source.title)}**")
    st.caption(
        question.source_line(source, title=False) + (f" · {markup.author(source.author)}" if source.author else "")
    )
    if source.note:
        st.caption(markup.author(source.note))
    with st.expander("The article's text"):
        st.markdown(markup.literal(bank.texts[source_id].text))


def preview_ui(bank: Bank, item: drafting.Item) -> None:
    """The question as a learner gets it, and once checked, as a learner sees it explained."""
    current = bank.questions[item.id]
    order = engine.shown_order(current, 0)
    key = widget("preview", item)
    answer = st.session_state[CHECKED].get(key)
    if answer is not None and engine.is_valid(current, answer):
        question.review_ui(bank, current, order, answer, engine.grade(current, answer), back={}, links=False)
        st.button("Try again", key=f"{key}-again", icon=":material/replay:", on_click=forget, args=(key,))
        return
    question.ask_ui(current, order, key)
    st.button(
        "Check answer", key=f"{key}-check", icon=":material/task_alt:", on_click=check, args=(current, order, key)
    )


def check(current: Question, order: engine.Answer, key: str) -> None:
    answer = question.picked(current, order, key)
    if answer is not None:
        st.session_state[CHECKED][key] = answer


def forget(key: str) -> None:
    st.session_state[CHECKED].pop(key, None)


# ---------------------------------------------------------------- saving


def save_ui(
    roots: list[Path], review: drafting.Review, accepted: list[tuple[drafting.Item, str]], text: str, result: LoadResult
) -> None:
    st.subheader("Save what you accepted", anchor=False)
    undecided = sum(1 for item in review.items if st.session_state.get(widget("verdict", item)) is None)
    st.markdown(
        f"Accepted: {markup.count(len(accepted), 'item')}."
        + (f" Not decided yet (left out): {undecided}." if undecided else "")
    )
    if result.errors and (accepted or review.drafted.errors):  # the bank's own errors show at once
        st.error(
            f"With these items the bank would have {markup.count(len(result.errors), 'error')}: fix or reject"
            " the items at fault (a question needs its claim and sources accepted too).",
            icon=":material/error:",
        )
        for issue in result.errors[:20]:
            st.code(in_bank(issue.format(), review.folder), language=None, wrap_lines=True)
            if issue.file.endswith(review.name):
                shown = edit.excerpt(text, issue.line, issue.col)
                if shown:
                    st.code(shown, language=None, wrap_lines=True)
    st.button(
        f"Save into {review.name}",
        key="author-draft-save",
        type="primary",
        icon=":material/save:",
        disabled=not accepted or bool(result.errors),
        help="Accept at least one item first." if not accepted else "Write the new file and its sources.",
        on_click=save,
        args=(roots, review, text, tuple(item.id for item, _ in accepted if item.section == "sources")),
    )
    with st.expander("The new file as it would be saved"):
        st.code(text, language="yaml", line_numbers=True)
    st.button(
        "Discard this draft",
        key="author-draft-discard",
        icon=":material/delete:",
        type="tertiary",
        help="Drop the drafted items and your choices; nothing is written.",
        on_click=discard,
    )


def discard() -> None:
    st.session_state.pop(REVIEW, None)
    st.session_state.pop(CHOICES, None)
    st.session_state[NOTICE] = None


def in_bank(words: str, folder: Path) -> str:
    """Files named as in the bank (``draft-x.yaml``, ``sources/x.md``): no server path on the page."""
    return words.replace(f"{folder}/", "").replace(str(folder), "the bank folder")


def save(roots: list[Path], review: drafting.Review, text: str, sources: tuple[str, ...]) -> None:
    outcome = drafting.save(roots, review, text, sources)
    if isinstance(outcome, edit.Refusal):
        st.session_state[NOTICE] = ("error", f"Not saved: {in_bank(outcome.reason, review.folder)}")
        return
    st.session_state.pop(REVIEW, None)
    st.session_state.pop(CHOICES, None)
    st.session_state.pop(state.CATALOG, None)  # as the page's own save: Home shows the bank as it is now
    # The editor below opens the new file, where "Edit as a form" works on each item.
    st.session_state["author-bank"] = str(review.folder)
    st.session_state[f"author-file-{review.folder}"] = review.name
    written = f" and {markup.count(len(sources), 'article')} in sources/" if sources else ""
    st.session_state[NOTICE] = (
        "success",
        f"Saved {review.name}{written}. It is open in the editor below, where you can edit it as a form; "
        "learners get it on their next page load.",
    )
