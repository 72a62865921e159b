"""The quiz app: ``streamlit run app.py``. Banks come from QUIZ_BANKS (default: questions/)."""

from quiz.ui.nav import main
from quiz.ui.recording import at_start

at_start()  # the record opened and migrated once per server process; self-study works without it
main()
