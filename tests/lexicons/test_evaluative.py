"""The evaluative lexicon file: documented, one category per lemma."""

from __future__ import annotations

import pandas as pd

from analysis.lexicons import evaluative as evaluative_lexicon


def test_evaluative_lexicon_is_documented():
    lines = evaluative_lexicon.EVALUATIVE_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    table = pd.read_csv(evaluative_lexicon.EVALUATIVE_FILE, comment="#")
    assert list(table.columns) == ["lemma", "category", "note"]
    assert set(table["category"]) == {"intensifier", "negative", "positive", "conflict", "certainty", "hedge"}
    assert not table["lemma"].duplicated().any()
