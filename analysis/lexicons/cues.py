"""The reporting-verb lexicon: which lemmas introduce attributed statements, and their class.

Classes (``analysis/resources/cues.csv``): ``neutral`` (say, tell), ``assertive`` (insist, stress),
``distancing`` (claim, allege), ``threat`` (warn, threaten), ``belief`` (believe, expect) and
``intention`` (want, plan). Pass your own CSV (columns ``lemma, class, kind``) to replace it.

    >>> cue_class("insist"), cue_class("allege"), cue_class("walk")
    ('assertive', 'distancing', None)
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from analysis.config import RESOURCES_DIR

CUES_FILE = RESOURCES_DIR / "cues.csv"


@lru_cache(maxsize=8)
def load_cues(path: str | Path = CUES_FILE) -> dict[str, dict[str, str]]:
    """Lemma -> row (``class``, ``kind``) of the cue lexicon.

    Example:
        >>> load_cues()["want"]["kind"]
        'intention'
    """
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["lemma"]: row for row in csv.DictReader(fh)}


def cue_class(lemma: str, *, path: str | Path = CUES_FILE) -> str | None:
    """Class of a reporting verb lemma, or ``None`` if it is not a cue.

    Example:
        >>> cue_class("warn"), cue_class("believe")
        ('threat', 'belief')
    """
    row = load_cues(path).get(lemma.lower())
    return row["class"] if row else None
