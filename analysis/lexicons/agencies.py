"""The list of news agencies, photo agencies and outlets the toolkit recognises.

The list lives in ``analysis/resources/agencies.csv`` (columns ``name, kind, country,
aliases, full_name``; aliases separated by ``;``). Pass your own file to
:func:`load_agencies` to extend it.

    >>> match_agency("Agence France-Presse")
    'AFP'
    >>> match_agency("AFP Photo")
    'AFP'
    >>> match_agency("Natalia Kolesnikova") is None
    True
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from analysis.config import RESOURCES_DIR

AGENCIES_FILE = RESOURCES_DIR / "agencies.csv"


_PHOTO_WORDS = re.compile(r"\b(?:photos?|file|handout|images?|pool|via)\b\.?", re.IGNORECASE)


@lru_cache(maxsize=8)
def load_agencies(path: str | Path = AGENCIES_FILE) -> tuple[dict[str, str], ...]:
    """Read the agency list; one dict per row (``name``, ``kind``, ``country``, ``aliases``).

    Example:
        >>> rows = load_agencies()
        >>> any(r["name"] == "Anadolu" for r in rows)
        True
    """
    with open(path, encoding="utf-8", newline="") as fh:
        return tuple(dict(row) for row in csv.DictReader(fh))


def _alias_key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" .,;:-").casefold()


@lru_cache(maxsize=8)
def _alias_index(path: str | Path = AGENCIES_FILE) -> tuple[dict[str, str], dict[str, str]]:
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for row in load_agencies(path):
        names = [row["name"], row.get("full_name") or ""] + (row.get("aliases") or "").split(";")
        for alias in filter(None, (n.strip() for n in names)):
            exact[alias] = row["name"]
            if len(alias) > 3:  # short acronyms (AP, PA, RT) only match in their own case
                folded[_alias_key(alias)] = row["name"]
    return exact, folded


def match_agency(text: str, *, path: str | Path = AGENCIES_FILE) -> str | None:
    """Return the canonical agency/outlet name that ``text`` names, or ``None``.

    Words such as "Photo", "File" or "Pool" around the name are ignored.

    Example:
        >>> match_agency("the official Anadolu news agency")
        'Anadolu'
        >>> match_agency("AP Photo")
        'AP'
    """
    exact, folded = _alias_index(path)
    candidate = text.strip()
    if candidate in exact:
        return exact[candidate]
    stripped = _PHOTO_WORDS.sub(" ", candidate).strip(" /.,;:-")
    stripped = re.sub(r"\s+", " ", stripped)
    if stripped in exact:
        return exact[stripped]
    for key in (_alias_key(candidate), _alias_key(stripped)):
        if key in folded:
            return folded[key]
    # "the official Anadolu news agency": look for a known name inside the phrase
    for pattern, name in _alias_patterns(path):
        if pattern.search(candidate):
            return name
    return None


@lru_cache(maxsize=8)
def _alias_patterns(path: str | Path = AGENCIES_FILE) -> tuple[tuple[re.Pattern, str], ...]:
    """One compiled pattern per alias, longest alias first; short acronyms match in their own case."""
    exact, _ = _alias_index(path)
    return tuple(
        (re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)", 0 if len(alias) <= 3 else re.IGNORECASE), name)
        for alias, name in sorted(exact.items(), key=lambda kv: -len(kv[0]))
    )


def agency_kind(name: str, *, path: str | Path = AGENCIES_FILE) -> str | None:
    """Kind (``agency``, ``photo_agency``, ``outlet``) of a canonical name.

    Example:
        >>> agency_kind("CNN Turk")
        'outlet'
    """
    for row in load_agencies(path):
        if row["name"] == name:
            return row["kind"]
    return None
