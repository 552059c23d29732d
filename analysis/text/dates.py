"""Dates as the tables write them (ISO ``YYYY-MM-DD``)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


def normalize_date(value: str | None) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a date string, or ``None`` when it cannot be read.

    A date that is not a calendar date ("2019-13-45") or that pandas reads as out of range ("-1")
    is ``None``: an optional field never costs the article.

    Example:
        >>> normalize_date("June 4, 2019"), normalize_date("2019-06-04T10:00Z"), normalize_date("soon")
        ('2019-06-04', '2019-06-04', None)
        >>> normalize_date("2019-13-45"), normalize_date("-1")
        (None, None)
    """
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match:
        try:
            return date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            return None
    try:
        stamp = pd.to_datetime(value, errors="coerce", format="mixed")
        return None if pd.isna(stamp) else date(stamp.year, stamp.month, stamp.day).isoformat()
    except (ValueError, OverflowError, TypeError):
        return None
