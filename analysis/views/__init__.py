"""Views of the tables: DataFrame in, DataFrame out (no spaCy, no matplotlib)."""
