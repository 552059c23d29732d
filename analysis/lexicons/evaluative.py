"""The evaluative-word lexicon (``analysis/resources/evaluative.csv``)."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from analysis.config import RESOURCES_DIR
from analysis.lexicons.frames import _normalize_term

EVALUATIVE_FILE = RESOURCES_DIR / "evaluative.csv"


@lru_cache(maxsize=8)
def load_evaluative(path: str | Path = EVALUATIVE_FILE) -> dict[str, dict[str, str]]:
    """Term -> row (``category``, ``note``) of the evaluative lexicon; ``#`` lines are comments.

    Example:
        >>> load_evaluative()["devastating"]["category"], load_evaluative()["done deal"]["category"]
        ('negative', 'certainty')
    """
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.lstrip().startswith("#") and line.strip()]
    out: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(lines):
        term = _normalize_term(row["lemma"])
        out.setdefault(term, {"category": row["category"].strip(), "note": (row.get("note") or "").strip()})
    return out
