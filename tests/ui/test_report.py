"""quiz/ui/report.py in AppTest: the report of the four learners of tests/report/test_views.py."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def script() -> None:
    import streamlit as st

    from quiz.bank.load import load_bank
    from quiz.ui import nav
    from quiz.ui.report import report_ui
    from tests.conftest import MINI
    from tests.report.test_views import ATTEMPTS, RESPONSES

    bank = load_bank(MINI).bank
    assert bank is not None

    def page() -> None:
        report_ui(("as1", len(RESPONSES), 2), ATTEMPTS, RESPONSES, bank)

    # The learner's answers link to the Sources page, as on Results: the app's pages must exist.
    st.navigation([st.Page(page, title="Report", default=True), st.Page(nav.SOURCES, url_path="sources")]).run()


def opened() -> AppTest:
    at = AppTest.from_function(script, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(element.value for element in at.markdown)


def test_the_report_shows_roster_grid_statistics_and_flags():
    at = opened()
    assert [metric.value for metric in at.metric][:3] == ["2 of 4", "50.0%", "50.0%"]
    roster = at.dataframe[0].value
    assert list(roster["learner"]) == ["Ada", "Bo", "Cy", "=Di"]
    assert list(roster["status"]) == ["finished", "finished", "in progress", "not started"]
    assert list(roster["score"]) == ["3 / 4", "1 / 4", "1 / 4", "0 / 4"]
    grid = markdown(at)
    assert "| Ada | :green[✓] | :green[✓] | :red[✗] | :green[✓] |" in grid
    assert "| Bo | :red[✗] | :red[✗] | :green[✓] | :gray[–] |" in grid
    assert "\\=Di" in grid  # a learner's name is shown as text
    warnings = [warning.value for warning in at.warning]
    assert any("nobody picked it; it does no work" in text for text in warnings)
    assert [button.label for button in at.get("download_button")] == ["responses.csv", "gradebook.csv"]


def test_opening_a_learner_and_a_question():
    at = opened()
    at.selectbox(key=next(box.key for box in at.selectbox if box.key.endswith("-learner"))).set_value("t1").run()
    assert not at.exception
    assert "Right!" in [success.value for success in at.success]
    assert "Not quite." in [error.value for error in at.error]
    at.selectbox(key=next(box.key for box in at.selectbox if box.key.endswith("-question"))).set_value(
        "bridge-cost"
    ).run()
    assert not at.exception
    # Counted over the finished attempts, as the statistics are: Ada and Bo, not Cy (in progress).
    assert any(
        "✓ £2\\.4 million: 1 · ✗ £3 million: 1 · ✗ The sources do not say: 0 · not answered: 0" in c.value
        for c in at.caption
    )


def test_author_flags_say_n_and_the_assignment():
    def flags_page() -> None:
        from quiz.report import stats, views
        from quiz.ui.report import author_flags_ui

        flag = stats.Flag("negative-discrimination", "discrimination index -57.7: check the key")
        author_flags_ui([views.AuthorFlag("Bridge <b>", 6, flag)])

    at = AppTest.from_function(flags_page, default_timeout=30)
    at.run()
    assert not at.exception
    assert [warning.value for warning in at.warning] == [
        "discrimination index \\-57\\.7\\: check the key (n = 6, assignment Bridge \\<b\\>)"
    ]
