"""The app's pages: Streamlit runs each file as a script (see quiz.ui.nav); nothing imports them."""
