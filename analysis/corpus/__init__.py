"""Counts across articles: actors, co-occurrence, frame profiles and reporting styles."""
