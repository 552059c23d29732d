"""Figures: matplotlib only, one palette."""
