"""The teacher's report: Moodle's quiz and item statistics, and what the class misread (no Streamlit)."""
