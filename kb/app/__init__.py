"""The Streamlit app's pages and their helpers; ``app.py`` at the top is the entry point.
``view`` and ``upload`` import no Streamlit (tested without a browser). Imported by nothing in
kb but itself and by ``app.py``; it reaches the KB through ``KnowledgeBase`` and the tables."""
