"""Dates written in several ways normalised to ISO."""

from __future__ import annotations

from analysis.text.dates import normalize_date


def test_normalize_date():
    assert normalize_date("2016-09-25") == "2016-09-25"
    assert normalize_date("25 September 2016") == "2016-09-25"
    assert normalize_date("not a date") is None
