"""The Streamlit app: pages in ``quiz/ui/pages``, shared drawing helpers beside them.

Only this package imports Streamlit; everything it shows is computed in ``quiz``.
"""
