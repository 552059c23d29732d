"""Loaded words flagged in the seed article."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.build import framing as framing_build
from analysis.extract import evaluative as evaluative_extract


@pytest.fixture(scope="module")
def seed(seed_package) -> dict[str, pd.DataFrame]:
    return seed_package


@pytest.fixture(scope="module")
def derived(seed, nlp) -> dict[str, pd.DataFrame]:
    return framing_build.framing_tables(seed["articles"], seed["sentences"], nlp=nlp)


def test_seed_evaluative_words(derived):
    evaluative = derived["evaluative"]
    assert list(evaluative.columns) == evaluative_extract.EVALUATIVE_TABLE.names
    found = dict(zip(evaluative["term"], evaluative["category"]))
    for term, category in [
        ("devastating", "negative"),
        ("defy", "conflict"),
        ("done deal", "certainty"),
        ("backtracking", "conflict"),
        ("pressure", "conflict"),
        ("threaten", "conflict"),
    ]:
        assert found.get(term) == category, term
    assert "victory" not in found  # "Victory Day" is a name, not praise
    deal = evaluative[evaluative["term"] == "done deal"].iloc[0]
    assert (deal["text"], deal["sentence_id"]) == ("done deal", 13)
