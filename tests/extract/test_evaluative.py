"""Loaded words flagged in the seed article."""

from __future__ import annotations

from analysis.extract import evaluative as evaluative_extract


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
