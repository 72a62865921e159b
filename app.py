"""The quiz app: ``streamlit run app.py``. Banks come from QUIZ_BANKS (default: questions/)."""

from quiz.ui.nav import main

main()
