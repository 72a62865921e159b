"""Author: edit one file of a bank, see the whole bank's problems at each change, preview any
question as a learner sees it, and save only a bank that loads. URL: /author, listed only when
QUIZ_AUTHOR_PASSWORD is set, and locked until that password is given."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from quiz.authoring import edit, forms, plain
from quiz.bank.load import LoadResult, as_if_saved, bank_files, find_banks
from quiz.bank.model import Bank, Question
from quiz.errors import Issue
from quiz.play import catalog, engine
from quiz.ui import authordraft, authorform, authorkeep, markup, nav, question, recording, state
from quiz.ui.report import question_flags_ui

UNLOCKED = "author-unlocked"
WRONG = "author-wrong-password"
BASES = "author-bases"  # path -> the file's text on disk when it was opened or saved
NOTICE = "author-notice"  # (kind, message, editor key, text): what the last save did, shown while the text is unchanged
CHECKED = "author-preview-checked"  # preview widget key -> the answer checked
NEED_ANSWER = "author-preview-need-answer"
SEED = "author-preview-seed"
NEW = ""  # the file choice that starts a new file
SHOWN_ISSUES = 50


# ---------------------------------------------------------------- the lock


def unlock(expected: str) -> None:
    given = st.session_state.pop("author-password", "") or ""
    problem = recording.checked_password("author", given, expected, edit.password_matches)  # slowed against guessing
    st.session_state[UNLOCKED] = problem is None
    st.session_state[WRONG] = problem or ""


def login_ui(expected: str) -> None:
    with st.form("author-login"):
        st.text_input("Password", type="password", key="author-password")
        st.form_submit_button("Unlock", type="primary", icon=":material/lock_open:", on_click=unlock, args=(expected,))
    if st.session_state.get(WRONG):
        st.error(st.session_state[WRONG], icon=":material/lock:")


# ---------------------------------------------------------------- choosing


def still_there(key: str, options: list[str]) -> None:
    """Forget a choice that is no longer offered (a file removed, a question renamed)."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def bank_ui(folders: list[Path], roots: list[Path]) -> Path:
    """The bank to edit, named by its folder inside the banks folder (the server's path stays on the server)."""
    names = [str(folder) for folder in folders]
    still_there("author-bank", names)
    shown = {name: plain.in_banks(Path(name), roots) for name in names}
    return Path(st.selectbox("Bank", names, key="author-bank", format_func=shown.__getitem__))


def file_ui(folder: Path) -> str | None:
    """The file to edit: one of the bank's, or a new one named here (None until the name is good)."""
    names = [*(path.name for path in bank_files(folder)), NEW]
    still_there(f"author-file-{folder}", names)
    choice = st.selectbox("File", names, key=f"author-file-{folder}", format_func=lambda name: name or "New file…")
    if choice != NEW:
        return choice
    name = st.text_input("New file name", placeholder="questions-2.yaml", key=f"author-new-name-{folder}").strip()
    if not name:
        return None
    problem = edit.name_problem(name) or (
        f"{name} already exists: choose it from the list of files" if (folder / name).exists() else None
    )
    if problem:
        st.error(f"Cannot create this file: {markup.literal(problem)}.", icon=":material/block:")
        return None
    return name


# ---------------------------------------------------------------- editing


def editor_key(path: Path) -> str:
    return f"author-text-{path}"


def open_text(folder: Path, name: str) -> str | None:
    """Put the file's text (or a new file's starter) in the editor, the first time it is opened."""
    path, key = folder / name, editor_key(folder / name)
    if key in st.session_state:
        return key
    if path.exists():
        text = edit.disk_text(path)
        if isinstance(text, edit.Refusal):
            st.error(f"This file cannot be edited here: {markup.literal(text.reason)}", icon=":material/block:")
            return None
        st.session_state[BASES][str(path)] = text
    else:
        text = edit.starter_text(folder)
    st.session_state[key] = text
    return key


def reload(path: Path) -> None:
    """Throw the edits away: the editor shows the file as it is on disk now."""
    text = edit.disk_text(path)
    if isinstance(text, str):
        st.session_state[editor_key(path)] = text
        st.session_state[BASES][str(path)] = text
        authorform.forget_writes(editor_key(path))


def save(roots: list[Path], folder: Path, name: str) -> None:
    key = editor_key(folder / name)
    text = st.session_state[key]
    outcome = edit.save(roots, folder, name, text, st.session_state[BASES].get(str(folder / name)))
    if isinstance(outcome, edit.Refusal):
        reason = plain.without_folder(outcome.reason, folder)  # no server path on the page
        st.session_state[NOTICE] = ("error", f"Not saved: {reason}", key, text)
        return
    now = edit.disk_text(outcome.path)
    st.session_state[BASES][str(outcome.path)] = now if isinstance(now, str) else text
    st.session_state[f"author-file-{folder}"] = name  # a new file is in the list from now on
    # This session keeps the catalog it last looked at until it visits another page that loads
    # banks; this page loads none, so drop it, or Home would show the bank as it was before.
    st.session_state.pop(state.CATALOG, None)
    kept = f" The previous version is kept as {outcome.backup.name}." if outcome.backup else ""
    st.session_state[NOTICE] = (
        "success",
        f"Saved {name}.{kept} Learners get the new version on their next page load.",
        key,
        text,
    )


def editor_ui(path: Path, key: str) -> str:
    # Indentation is YAML's structure: the editor shows it in the theme's own (bundled) code font,
    # and a long line scrolls instead of wrapping, so each row on screen is one line of the file.
    # Only this box: the forms' and the drafting section's boxes hold prose, wrapped in the body font.
    st.html(
        "<style>.st-key-author-yaml textarea { font-family: 'Source Code Pro', monospace; font-size: 0.85rem;"
        " white-space: pre; overflow-wrap: normal; overflow-x: auto; }</style>"
    )
    with st.container(key="author-yaml"):
        text = st.text_area(
            f"{path.name} (YAML)",
            key=key,
            height=560,
            persist_state="session",
            help="Problems are checked when you leave the box or press Ctrl+Enter.",
        )
    base = st.session_state[BASES].get(str(path))
    if base is None:
        st.caption("A new file: it is written when you save.")
    elif edit.lines(text) != edit.lines(base):
        st.caption("Unsaved changes.")
    with st.expander("The text with line numbers"):
        st.code(text, language="yaml", line_numbers=True)
    return text


def actions_ui(roots: list[Path], folder: Path, name: str, text: str, result: LoadResult) -> None:
    path = folder / name
    with st.container(horizontal=True):
        st.button(
            "Save",
            key="author-save",
            type="primary",
            icon=":material/save:",
            disabled=bool(result.errors),
            help="Fix the errors to save."
            if result.errors
            else "Write the file; the previous version is kept as a backup.",
            on_click=save,
            args=(roots, folder, name),
        )
        st.download_button(
            "Download",
            text.encode("utf-8"),
            file_name=name,
            mime="application/yaml",
            key="author-download",
            icon=":material/download:",
            on_click="ignore",
        )
        if str(path) in st.session_state[BASES]:
            st.button(
                "Reload from disk",
                key="author-reload",
                icon=":material/refresh:",
                type="tertiary",
                on_click=reload,
                args=(path,),
                help="Discard the changes not saved.",
            )
    notice = st.session_state.get(NOTICE)
    if notice and notice[2] == editor_key(path) and notice[3] == text:
        (st.success if notice[0] == "success" else st.error)(markup.literal(notice[1]))


# ---------------------------------------------------------------- problems


def problems_ui(result: LoadResult, folder: Path, name: str, text: str, current: tuple[str, str] | None) -> None:
    """Every problem of the bank as it would be, in plain words, its file named in the bank; those
    of the item open in the form first."""
    st.header("Problems", anchor=False)
    errors, warnings = result.errors, result.warnings
    if not result.issues:
        st.success("No problems: the bank loads with this text.", icon=":material/check_circle:")
    elif errors:
        st.error(
            f"{markup.count(len(errors), 'error')}, {markup.count(len(warnings), 'warning')}: fix the errors to save.",
            icon=":material/error:",
        )
    else:
        st.warning(
            f"{markup.count(len(warnings), 'warning')}: the bank loads, and you can save.", icon=":material/warning:"
        )
    here = str(folder / name)
    texts: dict[str, str | edit.Refusal] = {here: text}  # the edited file as in the editor, the others as on disk
    ordered = sorted(
        result.issues, key=lambda issue: (issue.file != here, not issue.is_error, issue.file, issue.line, issue.col)
    )
    if current is not None:
        mine = plain.about(ordered, *current)
        what = f"the {forms.SINGULAR[current[0]]} in the form, {current[1]}"
        st.markdown(markup.literal(f"{markup.count(len(mine), 'problem')} of {what}."))
        ordered = mine + [issue for issue in ordered if issue not in mine]
    for issue in ordered[:SHOWN_ISSUES]:
        if issue.file not in texts:
            texts[issue.file] = edit.disk_text(Path(issue.file))
        issue_ui(plain.in_bank(issue, folder), texts[issue.file])
    if len(ordered) > SHOWN_ISSUES:
        st.caption(f"… and {len(ordered) - SHOWN_ISSUES} more.")


def issue_ui(issue: Issue, text: str | edit.Refusal) -> None:
    """The issue in a sentence, as the command line prints it (the file named in the bank), and the
    lines around it, the one at fault marked."""
    with st.container(border=True):
        st.markdown(markup.literal(plain.sentence(issue)))
        st.code(issue.format(), language=None, wrap_lines=True)
        shown = edit.excerpt(text, issue.line, issue.col) if isinstance(text, str) else ""
        if shown:
            st.code(shown, language=None, wrap_lines=True)  # a box that scrolls sideways is out of a keyboard's reach


# ---------------------------------------------------------------- preview


def check(current: Question, order: engine.Answer, key: str) -> None:
    answer = question.picked(current, order, key)
    st.session_state[NEED_ANSWER] = key if answer is None else ""
    if answer is not None:
        st.session_state[CHECKED][key] = answer


def again(key: str) -> None:
    st.session_state[CHECKED].pop(key, None)


def shuffle() -> None:
    st.session_state[SEED] += 1


def preview_ui(bank: Bank | None) -> None:
    """A question of the bank as it would be, drawn by the quiz's own functions, before and after checking."""
    st.header("Preview", anchor=False)
    if bank is None:
        st.info("The preview shows once the bank has no errors.", icon=":material/visibility_off:")
        return
    ids = list(bank.questions)
    if not ids:
        st.info("The bank has no questions yet.")
        return
    still_there("author-preview-question", ids)
    chosen = st.selectbox(
        "Question",
        ids,
        key="author-preview-question",
        format_func=lambda question_id: f"{question_id} (draft)" if bank.questions[question_id].draft else question_id,
    )
    current, seed = bank.questions[chosen], st.session_state[SEED]
    question_flags_ui(bank, chosen)  # what the classes' statistics say of it, with n and the assignment
    order = engine.shown_order(current, seed)
    key = f"author-preview-{seed}-{chosen}"
    answer = st.session_state[CHECKED].get(key)
    with st.container(border=True, key="author-preview"):
        if answer is not None and engine.is_valid(current, answer):
            question.review_ui(bank, current, order, answer, engine.grade(current, answer), back={})
            st.button("Try again", key="author-preview-again", icon=":material/replay:", on_click=again, args=(key,))
        else:
            question.ask_ui(current, order, key)
            st.button(
                "Check answer",
                key="author-preview-check",
                type="primary",
                icon=":material/task_alt:",
                on_click=check,
                args=(current, order, key),
            )
            if st.session_state[NEED_ANSWER] == key:
                st.warning("Choose an answer first.", icon=":material/touch_app:")
    st.button(
        "Shuffle the options",
        key="author-preview-shuffle",
        icon=":material/shuffle:",
        type="tertiary",
        on_click=shuffle,
    )


# ---------------------------------------------------------------- the page


@st.cache_resource(max_entries=16, show_spinner=False)
def validated(folder: str, name: str, text: str, fingerprint: catalog.Fingerprint) -> LoadResult:
    """The bank as it would be; reruns that change nothing (a click in the preview) reuse it."""
    return as_if_saved(Path(folder), Path(folder) / name, text)


st.title("Author", anchor=False)
expected = nav.author_password()
if expected is None:  # the page is not listed then; this is for a direct link to it
    st.info("Editing is off: set QUIZ_AUTHOR_PASSWORD.")
    st.stop()
if not st.session_state.get(UNLOCKED):
    login_ui(expected)
    authorkeep.kept_note_ui()  # after a reload: the edits are waiting behind the password
    st.stop()

authorkeep.restore_ui()  # after a reload: the edits kept under the URL's draft id
unsaved_mark = st.empty()
st.session_state.setdefault(BASES, {})
st.session_state.setdefault(CHECKED, {})
st.session_state.setdefault(NEED_ANSWER, "")
st.session_state.setdefault(SEED, 0)
paths = catalog.bank_paths(os.environ.get("QUIZ_BANKS"), state.DEFAULT_BANKS)
roots = [Path(path) for path in paths]
folders, _ = find_banks(paths)
if not folders:
    st.info("No bank found: set QUIZ_BANKS to a folder of banks, or create one with `quiz new bank`.")
    st.stop()

left, right = st.columns(2, gap="large")
with left:
    folder = bank_ui(folders, roots)
    name = file_ui(folder)
    key = open_text(folder, name) if name else None
    if name is None or key is None:
        st.stop()
    if authorform.wanted():
        authorform.form_ui(folder, key)  # writes the item into the editor's text
    text = editor_ui(folder / name, key)
    result = validated(str(folder), name, text, catalog.fingerprint(folder))
    actions_ui(roots, folder, name, text, result)
with right:
    problems_ui(result, folder, name, text, authorform.current(key))
    preview_ui(result.bank)
authordraft.draft_ui(roots, folder)  # paste or upload articles: review a draft, save what is accepted
unsaved = authorkeep.unsaved_files()
with unsaved_mark:
    authorkeep.mark_ui(unsaved)
authorkeep.keep(unsaved)
authorkeep.leave_warning_ui(unsaved)
